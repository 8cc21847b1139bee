"""Template helpers of the printed documents."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents import markup

register = template.Library()


@register.filter
def end_mark(html: str, mark: str = "./."):
    """{% filter end_mark %}…{% endfilter %}: the text's "./." at the end of
    the last paragraph of what the block rendered (escaped by the template)."""
    return markup.append_end_mark(html, mark)


@register.filter
def keep_dates(text: str):
    """A time frame in a narrow cell breaks at its spaces ("Quý" / "III/2020"),
    never inside a date or period ("Quý III/" / "2020"): each word holding a
    "/" or "." between digits is kept on one line. Everything is escaped."""
    parts = []
    for word in markup.clean_text(text).split(" "):
        html = escape(word)
        if "/" in word or "." in word.strip("."):
            html = f'<span class="nowrap">{html}</span>'
        parts.append(html)
    return mark_safe(" ".join(parts))  # noqa: S308
