"""Programmes in the plan's review and issue workflow (``documents.workflow``):
slots and settings are frozen with their plan once it is in a register, and
the plan's snapshot gets one part per programme row ("Chương trình")."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from conferences.formatting import time_range_text
from conferences.models import Event
from plans.models import Plan

from . import selectors
from .models import Programme, ProgrammeSlot

PLAN = "plan"
KINDS = {"slot": _("Chương trình")}


def _plan_of_event(event_id: int | None) -> tuple[str, int] | None:
    if event_id is None:
        return None
    plan_id = Event.objects.filter(pk=event_id).values_list("plan_id", flat=True).first()
    return (PLAN, plan_id) if plan_id else None


def slot_snapshot(plan: Plan) -> dict[str, list[dict]]:
    items = []
    for event in selectors.plan_programmes(plan):
        number = 0
        for slot in event.programme_slots.all():
            label = time_range_text(slot.start_time, slot.end_time)
            if slot.numbered:
                number += 1
                label = label or f"{number:02d}"
            items.append(
                {
                    "id": slot.pk,
                    "label": " – ".join(
                        part for part in (label, " ".join(slot.content.split())[:50]) if part
                    ),
                    "fields": {
                        str(_("Thời gian")): time_range_text(slot.start_time, slot.end_time),
                        str(_("Nội dung")): slot.content,
                        str(_("Thực hiện")): slot.performers,
                    },
                }
            )
    return {"slot": items}


def _slot_history(plan: Plan) -> list[tuple[str, object]]:
    # Events deleted since keep their slots' history: ids from both tables.
    event_ids = set(Event.objects.filter(plan_id=plan.pk).values_list("pk", flat=True))
    event_ids |= set(Event.history.filter(plan_id=plan.pk).values_list("id", flat=True))
    return [(str(_("Chương trình")), ProgrammeSlot.history.filter(event_id__in=event_ids))]


def register_review() -> None:
    try:
        from documents import workflow
    except ImportError:  # the workflow is another module's; programmes work without it
        return
    for model in (Programme, ProgrammeSlot):
        workflow.register_part(model, owner=lambda row: _plan_of_event(row.event_id))
    workflow.register_contributor(
        workflow.Contributor(
            key="agenda.slots",
            document_type=PLAN,
            build=slot_snapshot,
            kinds=KINDS,
            history=_slot_history,
        )
    )
