"""The programme as a printed block ("agenda.programme"), usually a plan's
phụ lục, and the rows the stand-alone programme prints.

Registered from ``AgendaConfig.ready()`` through ``documents.blocks``.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from conferences.formatting import time_range_text
from conferences.models import Event
from documents import markup
from documents.blocks import Block, register
from plans.models import Plan

from . import selectors
from .models import Programme, ProgrammeLayout, ProgrammeSlot, SlotKind


def programme_rows(slots: list[ProgrammeSlot]) -> list[dict[str, Any]]:
    """Rows in print order: numbered slots count 01, 02 …; an unnumbered slot
    (a sub-row, an unnumbered "Bế mạc") leaves the cell empty."""
    rows = []
    number = 0
    for slot in slots:
        label = ""
        if slot.numbered:
            number += 1
            label = f"{number:02d}"
        rows.append(
            {
                "id": slot.pk,
                "number": label,
                "time": time_range_text(slot.start_time, slot.end_time),
                "content_html": markup.to_html(slot.content),
                "performers_html": markup.to_html(slot.performers),
                "is_break": slot.kind == SlotKind.BREAK,
            }
        )
    return rows


def programme_table(event: Event, programme: Programme | None, slots: list[ProgrammeSlot]) -> dict[str, Any]:
    layout = programme.layout if programme is not None else ProgrammeLayout.TIMED
    return {"layout": layout, "timed": layout == ProgrammeLayout.TIMED, "rows": programme_rows(slots)}


def build_programme(plan: Plan) -> dict[str, Any]:
    events = selectors.plan_programmes(plan)
    headed = len(events) > 1
    tables = []
    for event in events:
        table = programme_table(event, event.programme_or_none, list(event.programme_slots.all()))
        table["heading_html"] = (
            mark_safe(f'<p class="p event-name"><strong>{markup.inline_html(event.name)}</strong></p>')  # noqa: S308
            if headed
            else ""
        )
        tables.append(table)
    return {"tables": tables}


PROGRAMME = Block(
    key="agenda.programme",
    label=_("Chương trình hội nghị (bảng)"),
    template="documents/blocks/agenda_programme.html",
    build=build_programme,
    appendix=True,
)


def register_blocks() -> None:
    register(PROGRAMME)
