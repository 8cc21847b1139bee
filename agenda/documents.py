"""The programme printed alone: a one-page CHƯƠNG TRÌNH for the table
(step 1 of the printed-document pipeline: data, no request, no I/O)."""

from __future__ import annotations

from typing import Any

from conferences import formatting as event_formatting
from conferences.models import Event
from documents import formatting, markup
from plans.documents import header_context

from . import blocks, selectors
from .models import Programme

TEMPLATE = "agenda/programme_document.html"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in markup.clean_text(text).split("\n") if line.strip()]


def build_programme_document(event: Event) -> dict[str, Any]:
    """Header (ô1 + ô2 of the issuing agency), title, subtitle, the time and
    place line and the table."""
    plan = event.plan
    agency = plan.issuing_agency
    programme, slots = selectors.event_programme(event)
    title = programme.title if programme else "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ"
    subtitle = _lines(programme.subtitle) if programme and programme.subtitle.strip() else _lines(event.name)
    dates = event_formatting.dates_as_written(event.date_text, event.start_date, event.end_date)
    place = event.venue_text.strip() or (event.venue.name if event.venue_id and event.venue else "")
    facts = []
    if dates:
        facts.append(f"Thời gian: {dates}")
    if place:
        facts.append(f"Địa điểm: {' '.join(place.split())}")
    return {
        "header": header_context(plan, agency, year=plan.year, attached=True),
        "title_lines": [line.upper() for line in _lines(title)],
        "subtitle_lines": subtitle,
        "facts": facts,
        "table": blocks.programme_table(event, programme, slots),
        "meta": {
            "title": f"{' '.join(_lines(title))} – {event.name}",
            "author": formatting.short_agency_name(agency.name),
        },
    }


def programme_filename(event: Event, programme: Programme | None) -> str:
    return formatting.ascii_slug(f"chuong-trinh-{event.pk}-{event.plan.year}") + ".pdf"
