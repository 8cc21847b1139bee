"""What higher apps copy along with a plan ("Sao chép kế hoạch").

``plans.services.plan_copy`` copies the plan's own parts; the events, their
programmes, registration openings and award campaigns belong to apps above
``plans``, which may not be imported here. Each of them registers, from its
``AppConfig.ready()``, the option the copy form shows and a contributor that
``plan_copy`` runs inside its transaction:

    copying.register_option(copying.CopyOption(key="events", label=_("Sự kiện và chương trình")))
    copying.register(copying.Contributor(key="conferences", option="events", copy=copy_events, order=10))

A contributor gets a ``CopyContext``: the old and new plan, the years to
shift by, the user and an id map of every row copied so far, so that a later
contributor finds the new event of an old event (``context.new_of(old)``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .services import shift_years

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class CopyOption:
    """A checkbox of the copy form."""

    key: str
    label: str | Promise
    help_text: str | Promise = ""
    # Options that must be copied too for this one to make sense.
    requires: tuple[str, ...] = ()
    # (plan) -> how many rows of the source plan the option copies, or None.
    count: Callable[[Any], int | None] | None = None
    # The plan prints what this option copies: a correction (plan_replace) copies it too.
    printed: bool = False
    # Told to the user after a copy with this option, e.g. what is left to set.
    note: str | Promise = ""
    order: int = 100


@dataclass(frozen=True)
class Contributor:
    key: str
    option: str
    copy: Callable[[CopyContext], None]
    # Lower runs first; a contributor that needs another's id map runs after it.
    order: int = 100


@dataclass
class CopyContext:
    source: Any
    new: Any
    years: int
    user: Any
    options: frozenset[str]
    copied: dict[tuple[str, Any], models.Model] = field(default_factory=dict)

    def shift(self, text: str) -> str:
        """``text`` with its years moved like the plan's own text."""
        return shift_years(text, self.years)

    def shift_date(self, value: datetime.date | None) -> datetime.date | None:
        return shift_date(value, self.years)

    def remember(self, old: models.Model, new: models.Model) -> None:
        self.copied[(old._meta.label, old.pk)] = new

    def new_of(self, model: type[M], old_pk: Any) -> M | None:
        """The copy of ``model`` row ``old_pk``, or None when it was not copied."""
        if old_pk is None:
            return None
        return self.copied.get((model._meta.label, old_pk))  # type: ignore[return-value]

    @property
    def user_or_none(self):
        return self.user if getattr(self.user, "is_authenticated", False) else None

    def clone(self, instance: M, *, keep: Iterable[str] = (), **changes: Any) -> M:
        """Save a copy of ``instance`` with ``changes`` and remember it.

        Text fields have their years shifted and date fields move by the
        years, except the fields named in ``keep`` (phone numbers, codes) and
        fields with choices; timestamps set on creation start afresh;
        many-to-many relations are the caller's to copy."""
        keep = set(keep)
        values: dict[str, Any] = {}
        for model_field in instance._meta.concrete_fields:
            if model_field.primary_key or model_field.name in changes or model_field.attname in changes:
                continue
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                continue
            value = getattr(instance, model_field.attname)
            if model_field.name not in keep and not model_field.choices:
                if isinstance(model_field, models.DateTimeField):
                    pass  # deadlines and moments: the contributor decides
                elif isinstance(model_field, models.DateField):
                    value = shift_date(value, self.years)
                elif isinstance(model_field, (models.CharField, models.TextField)) and not isinstance(
                    model_field, (models.EmailField, models.URLField, models.SlugField)
                ):
                    value = shift_years(value, self.years)
            values[model_field.attname] = value
        values.update(changes)
        new = type(instance)._default_manager.create(**values)
        self.remember(instance, new)
        return new


def shift_date(value: datetime.date | None, years: int) -> datetime.date | None:
    """``value`` ``years`` later; 29/02 becomes 28/02 in an ordinary year."""
    if value is None or not years:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def shift_datetime(value: datetime.datetime | None, years: int) -> datetime.datetime | None:
    if value is None or not years:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


_options: dict[str, CopyOption] = {}
_contributors: dict[str, Contributor] = {}


def register_option(option: CopyOption) -> CopyOption:
    if option.key in _options and _options[option.key] != option:
        raise ValueError(f"copy option {option.key!r} registered twice")
    _options[option.key] = option
    return option


def register(contributor: Contributor) -> Contributor:
    if contributor.key in _contributors and _contributors[contributor.key] != contributor:
        raise ValueError(f"copy contributor {contributor.key!r} registered twice")
    _contributors[contributor.key] = contributor
    return contributor


def options() -> list[CopyOption]:
    return sorted(_options.values(), key=lambda option: (option.order, option.key))


def contributors() -> list[Contributor]:
    return sorted(_contributors.values(), key=lambda item: (item.order, item.key))


def option_keys() -> frozenset[str]:
    return frozenset(_options)


def check_options(selected: Collection[str]) -> frozenset[str]:
    """``selected`` as a set; ValidationError when an option lacks one it requires."""
    chosen = frozenset(selected)
    unknown = chosen - option_keys()
    if unknown:
        raise ValidationError(
            _("Không có mục sao chép «%(key)s».") % {"key": sorted(unknown)[0]}, code="unknown_option"
        )
    for option in options():
        if option.key not in chosen:
            continue
        for needed in option.requires:
            if needed not in chosen:
                raise ValidationError(
                    _("Muốn sao chép «%(option)s» thì phải sao chép cả «%(needed)s».")
                    % {"option": option.label, "needed": _options[needed].label},
                    code="option_requires",
                )
    return chosen


def run(context: CopyContext) -> None:
    """Every contributor of a chosen option, in order, in the caller's transaction."""
    for contributor in contributors():
        if contributor.option in context.options:
            contributor.copy(context)
