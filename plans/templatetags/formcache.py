"""``{% formcache form %}…{% endformcache %}``: the rendered HTML of an
empty form, kept in the cache.

Laying out a form through crispy-forms' templates costs a few milliseconds
per form, and the plan editor draws a dozen of them on every page view (the
"add a row" forms under each part, the folded header and decision forms)
although they only change when their choices do. The key is a fingerprint
of everything the form's HTML is drawn from — the form's class and prefix,
each field's type, widget, attributes, label, help text, initial value and
choices (the parents a new task can hang under, say), the language, the
templates and template tags of the project and the versions of the
libraries that draw it — so a change to any of them draws the form anew,
and a stale form is never served. Bound forms (with the user's input and
its errors) are always drawn fresh. Anything else the block reads from the
context must be named after the form: ``{% formcache form plan.pk %}``.
The CSRF token must stay outside the block.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version

from django import template
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from documents.cache import template_fingerprint

register = template.Library()

CACHE_SECONDS = 24 * 60 * 60
_LIBRARIES = "|".join(
    f"{name}={version(name)}" for name in ("Django", "django-crispy-forms", "crispy-bootstrap5")
)


def _plain(value) -> object:
    """A value whose ``repr`` says what it draws (lazy texts in the current language)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return sorted((str(key), _plain(item)) for key, item in value.items())
    if hasattr(value, "value") and hasattr(value, "instance"):  # ModelChoiceIteratorValue
        return value.value
    return value


def form_fingerprint(form) -> str | None:
    """What the form's HTML is drawn from, hashed; None for a bound form.

    A field's choices are read once here and kept on the field, so a form
    drawn after this asks the database for them no second time."""
    if form is None or getattr(form, "is_bound", True):
        return None
    parts: list[object] = [type(form).__module__, type(form).__qualname__, form.prefix, form.auto_id]
    for name, field in form.fields.items():
        widget = field.widget
        choices = None
        if hasattr(field, "choices"):
            # Read a queryset's choices once: the form, if drawn, draws these.
            # (iter(), not list(): list() would first ask a queryset for its length)
            choices = [choice for choice in iter(field.choices)]  # noqa: C416
            field.choices = choices
        parts.append(
            (
                name,
                type(field).__name__,
                type(widget).__name__,
                _plain(field.label),
                _plain(field.help_text),
                field.required,
                field.disabled,
                _plain(widget.attrs),
                _plain(form.get_initial_for_field(field, name)),
                _plain(choices),
            )
        )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class FormCacheNode(template.Node):
    def __init__(self, nodelist, form, vary_on, template_name: str, position: tuple[int, int]):
        self.nodelist = nodelist
        self.form = form
        self.vary_on = vary_on
        self.template_name = template_name
        self.position = position

    def render(self, context):
        fingerprint = form_fingerprint(self.form.resolve(context, ignore_failures=True))
        if fingerprint is None:
            return self.nodelist.render(context)
        vary = [str(variable.resolve(context)) for variable in self.vary_on]
        key = hashlib.sha256(
            repr(
                (
                    fingerprint,
                    vary,
                    get_language(),
                    self.template_name,
                    self.position,
                    _LIBRARIES,
                    template_fingerprint(self.template_name),
                )
            ).encode()
        ).hexdigest()
        key = f"formcache:{key}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 -- our own rendered template output


@register.tag
def formcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'formcache' takes the form to cache, then what else it varies on")
    nodelist = parser.parse(("endformcache",))
    parser.delete_first_token()
    return FormCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        _template_name(getattr(parser, "origin", None)),
        token.position or (0, 0),
    )


def _template_name(origin) -> str:
    """The loader name of the template being parsed ("plans/parts/tasks.html");
    template partials wrap origins in origins."""
    for _depth in range(5):
        if origin is None or isinstance(origin, str):
            break
        name = getattr(origin, "template_name", None)
        origin = name if name is not None else getattr(origin, "name", None)
    return origin if isinstance(origin, str) else ""
