"""Panels that higher apps contribute to the plan editor page.

The plan editor lists, for each registered panel, a link to the app's own
pages about the plan (e.g. its conferences and their programme) with a
count, without ``plans`` importing those apps. An app registers its panel
from its ``AppConfig.ready()``:

    panels.register(panels.Panel(key="events", label=_("Sự kiện"),
                                 url_name="conferences:list", count=lambda plan: …))

The editor template asks ``panels.for_plan(plan)`` for what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Panel:
    key: str
    label: str | Promise
    # Reversed with the plan's pk as the only argument.
    url_name: str
    # Bootstrap icon name, without the "bi-" prefix.
    icon: str = "box"
    # (plan) -> a number shown next to the label, or None; one query at most.
    count: Callable[[Any], int | None] | None = None
    # Or: () -> a queryset of the counted rows, each with a ``plan`` foreign
    # key; the editor then counts them inside its own query of the plan
    # (``count_annotations``), so a panel costs no query of its own.
    counted: Callable[[], QuerySet] | None = None
    # A template included in the panel's card, given ``plan`` and ``panel``.
    template: str = ""
    # Lower comes first.
    order: int = 100


_registry: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    if panel.key in _registry and _registry[panel.key] != panel:
        raise ValueError(f"plan panel {panel.key!r} registered twice")
    _registry[panel.key] = panel
    return panel


def get(key: str) -> Panel | None:
    return _registry.get(key)


def all_panels() -> list[Panel]:
    return sorted(_registry.values(), key=lambda panel: (panel.order, panel.key))


def _count_attr(panel: Panel) -> str:
    return f"panel_count_{panel.key}"


def count_annotations() -> dict[str, Any]:
    """Annotations of a Plan queryset with the count of every ``counted`` panel."""
    annotations: dict[str, Any] = {}
    for panel in all_panels():
        if panel.counted is None:
            continue
        rows = (
            panel.counted()
            .filter(plan=OuterRef("pk"))
            .order_by()
            .values("plan")
            .annotate(n=Count("pk"))
            .values("n")
        )
        annotations[_count_attr(panel)] = Coalesce(Subquery(rows, output_field=IntegerField()), 0)
    return annotations


def _count(panel: Panel, plan) -> int | None:
    attr = _count_attr(panel)
    if panel.counted is not None:
        if hasattr(plan, attr):  # annotated by count_annotations()
            return getattr(plan, attr)
        return panel.counted().filter(plan=plan).count()
    return panel.count(plan) if panel.count is not None else None


@dataclass(frozen=True)
class PlanPanel:
    """What the editor shows for one panel of one plan."""

    panel: Panel
    label: str
    url: str
    icon: str
    count: int | None
    template: str


def for_plan(plan) -> list[PlanPanel]:
    """The panels of ``plan`` ready for a template: label, url, icon, count."""
    shown = []
    for panel in all_panels():
        try:
            url = reverse(panel.url_name, args=[plan.pk])
        except NoReverseMatch:  # the app's urls are not installed: show nothing rather than fail
            continue
        shown.append(
            PlanPanel(
                panel=panel,
                label=str(panel.label),
                url=url,
                icon=panel.icon,
                count=_count(panel, plan),
                template=panel.template,
            )
        )
    return shown
