"""Reads of programmes: an event's slots, and every programme of a plan, each
in a constant number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from conferences.models import Event
from plans.models import Plan

from .models import Programme, ProgrammeSlot

_CACHE_ATTR = "_kh_programmes"


def _slots_prefetch() -> Prefetch:
    return Prefetch("programme_slots", queryset=ProgrammeSlot.objects.order_by("position", "id"))


def event_programme(event: Event) -> tuple[Programme | None, list[ProgrammeSlot]]:
    """The programme settings (None before first use) and the ordered slots."""
    programme = Programme.objects.filter(event=event).first()
    return programme, list(ProgrammeSlot.objects.filter(event=event).order_by("position", "id"))


def plan_programmes(plan: Plan) -> list[Event]:
    """The plan's events that have slots, each with ``programme`` (or None)
    and ``programme_slots`` loaded; cached on the plan instance."""
    cached = getattr(plan, _CACHE_ATTR, None)
    if cached is None:
        events = list(
            Event.objects.filter(plan=plan, programme_slots__isnull=False)
            .distinct()
            .order_by("position", "id")
            .prefetch_related(_slots_prefetch())
        )
        programmes = {p.event_id: p for p in Programme.objects.filter(event__in=events)}
        for event in events:
            event.programme_or_none = programmes.get(event.pk)
        cached = events
        setattr(plan, _CACHE_ATTR, cached)
    return cached
