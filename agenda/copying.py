"""Copying a plan copies each copied event's programme and its slots
(``plans.copying``); awards finds the new slot of an old one in the id map."""

from __future__ import annotations

from conferences.copying import OPTION
from conferences.models import Event
from plans import copying

from .models import Programme, ProgrammeSlot


def copy_programmes(context: copying.CopyContext) -> None:
    old_events = Event.objects.filter(plan=context.source)
    for programme in Programme.objects.filter(event__in=old_events):
        event = context.new_of(Event, programme.event_id)
        if event is not None:
            context.clone(programme, event_id=event.pk)
    for slot in ProgrammeSlot.objects.filter(event__in=old_events).order_by("event_id", "position", "id"):
        event = context.new_of(Event, slot.event_id)
        if event is not None:
            context.clone(slot, event_id=event.pk)


def register() -> None:
    # After the events (conferences, order 10), which it needs in the id map.
    copying.register(copying.Contributor(key="agenda", option=OPTION, copy=copy_programmes, order=20))
