"""Events in the plan's review and issue workflow (``documents.workflow``):

- every event row is frozen with its plan once the plan is in a register
  (saves and deletes raise ``FrozenDocument``);
- the plan's snapshot gets one part per event ("Sự kiện"), with the texts
  the plan prints from it, so that leaders see what changed and can comment
  on an event.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from documents import markup
from plans.models import Plan

from . import blocks, formatting, selectors
from .models import (
    BudgetItem,
    Delegation,
    Destination,
    Event,
    FundingSource,
    OnlineSite,
    ParticipantEntry,
    ParticipantGroup,
)

PLAN = "plan"
KINDS = {"event": _("Sự kiện")}


def _plan_of_event(event_id: int | None) -> tuple[str, int] | None:
    if event_id is None:
        return None
    plan_id = Event.objects.filter(pk=event_id).values_list("plan_id", flat=True).first()
    return (PLAN, plan_id) if plan_id else None


def _owner_by(model, lookup: str):
    def owner(row) -> tuple[str, int] | None:
        parent_id = getattr(row, lookup)
        if parent_id is None:
            return None
        plan_id = model.objects.filter(pk=parent_id).values_list("event__plan_id", flat=True).first()
        return (PLAN, plan_id) if plan_id else None

    return owner


def _text(html: Any) -> str:
    """Printed HTML back to the lines a reader compares."""
    text = re.sub(r"</p>\s*", "\n", str(html))
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def event_snapshot(plan: Plan) -> dict[str, list[dict]]:
    items = []
    for event in selectors.plan_events(plan):
        rows, total = blocks.budget_rows(event)
        budget = [_text(markup.to_html(source.text)) for source in event.funding_sources.all()]
        budget += [
            f"{row['description_html']}: {row['quantity']} × {row['unit_price']} = {row['amount']}"
            for row in rows
        ]
        if rows:
            budget.append(f"Tổng cộng: {formatting.vnd(total)}")
        sites = [
            " – ".join(
                part
                for part in (
                    site.name,
                    site.room,
                    str(site.expected_count or ""),
                    site.contact_name,
                    site.contact_phone,
                )
                if part
            )
            for site in event.sites.all()
        ]
        items.append(
            {
                "id": event.pk,
                "label": event.name,
                "fields": {
                    str(_("Thời gian")): blocks.time_line(event),
                    str(_("Địa điểm")): blocks.place_line(event),
                    str(_("Thành phần")): _text(blocks.participants_html(event)),
                    str(_("Điểm cầu")): "\n".join(sites),
                    str(_("Đoàn công tác")): _text(blocks.delegations_html(event)),
                    str(_("Kinh phí")): "\n".join(budget),
                },
            }
        )
    return {"event": items}


def register_review() -> None:
    try:
        from documents import workflow
    except ImportError:  # the workflow is another module's; events work without it
        return
    workflow.register_part(Event, owner=lambda event: (PLAN, event.plan_id) if event.plan_id else None)
    for model in (ParticipantGroup, OnlineSite, Delegation, FundingSource, BudgetItem):
        workflow.register_part(model, owner=lambda row: _plan_of_event(row.event_id))
    workflow.register_part(ParticipantEntry, owner=_owner_by(ParticipantGroup, "group_id"))
    workflow.register_part(Destination, owner=_owner_by(Delegation, "delegation_id"))
    workflow.register_contributor(
        workflow.Contributor(
            key="conferences.events",
            document_type=PLAN,
            build=event_snapshot,
            kinds=KINDS,
            history=lambda plan: [(str(_("Sự kiện")), Event.history.filter(plan_id=plan.pk))],
        )
    )
