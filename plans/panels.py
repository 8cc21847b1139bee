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
                count=panel.count(plan) if panel.count is not None else None,
                template=panel.template,
            )
        )
    return shown
