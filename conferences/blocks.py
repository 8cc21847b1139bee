"""The printed blocks events contribute to their plan: THÀNH PHẦN, THỜI GIAN,
ĐỊA ĐIỂM, KINH PHÍ, the online sites and the delegations.

Registered from ``ConferencesConfig.ready()`` through ``documents.blocks``,
so ``plans`` prints them without importing this app. Every ``build`` reads
the events once per plan (``selectors.plan_events``) and builds its rows in
Python: no query per row.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from documents import markup
from documents.blocks import Block, register
from plans.models import Plan

from . import formatting, selectors
from .models import Event, EventKind, ItemNumbering, ParticipantGroup, ParticipantsLayout, SiteLevel

_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _join(parts: list[SafeString | str]) -> SafeString:
    return mark_safe("\n".join(str(part) for part in parts if part))  # noqa: S308  (each part is safe HTML)


def _label(numbering: str, index: int) -> str:
    if numbering == ItemNumbering.LETTERS:
        return f"{_LETTERS[(index - 1) % len(_LETTERS)]}) "
    if numbering == ItemNumbering.DASHES:
        return "- "
    return f"{index}. "


def _line(text: str) -> str:
    return " ".join(markup.clean_text(text).split())


def _events_heading(events: list[Event]) -> bool:
    """Blocks print the event's name above its part when they show several."""
    return len(events) > 1


def _event_heading_html(event: Event) -> SafeString:
    return mark_safe(f'<p class="p event-name"><strong>{markup.inline_html(event.name)}</strong></p>')  # noqa: S308


# --------------------------------------------------------------------------- THÀNH PHẦN


def chair_line(event: Event) -> str:
    if event.chair_line.strip():
        return event.chair_line
    if event.chair.strip():
        return f"Chủ trì {event.printed_short_name}: {formatting.ensure_final(_line(event.chair))}"
    return ""


def co_chair_line(event: Event) -> str:
    if event.co_chair_line.strip():
        return event.co_chair_line
    if event.co_chair.strip():
        return f"Đồng chủ trì: {formatting.ensure_final(_line(event.co_chair))}"
    return ""


def _entry_lines(group: ParticipantGroup, bullet: str) -> list[str]:
    return [
        bullet + formatting.with_note(_line(entry.text), entry.quota_note) for entry in group.entries.all()
    ]


def participants_html(event: Event) -> SafeString:
    """THÀNH PHẦN in one of the two ways the seeds print it (see ParticipantsLayout)."""
    numbering = event.item_numbering
    items: list[tuple[str, str]] = []  # (first paragraph, following lines as markup)
    chair = chair_line(event)
    co_chair = co_chair_line(event)
    if chair or co_chair:
        first, *rest = [line for line in (chair, co_chair) if line]
        items.append((first, "\n".join(rest)))
    groups = list(event.participant_groups.all())
    if event.participants_layout == ParticipantsLayout.GROUPED:
        if event.expected_total:
            intro = f"Đại biểu tham dự: Dự kiến {event.expected_total} đại biểu, gồm:"
        else:
            intro = "Đại biểu tham dự gồm:"
        lines = []
        for group in groups:
            lines.append(f"- {_line(group.heading)}")
            lines.extend(_entry_lines(group, "+ "))
        if groups or event.expected_total:
            items.append((intro, "\n".join(lines)))
    else:
        bullet = "+ " if numbering == ItemNumbering.DASHES else "- "
        for group in groups:
            items.append((_line(group.heading), "\n".join(_entry_lines(group, bullet))))
        if event.expected_total:
            items.append((f"Tổng số lượng đại biểu dự kiến: {event.expected_total} người.", ""))
    parts = []
    for index, (first, rest) in enumerate(items, start=1):
        parts.append(markup.to_html(first, lead=_label(numbering, index)))
        parts.append(markup.to_html(rest))
    return _join(parts)


def build_participants(plan: Plan) -> dict[str, Any]:
    events = selectors.plan_events(plan)
    headed = _events_heading(events)
    return {
        "events": [
            {"heading_html": _event_heading_html(event) if headed else "", "html": participants_html(event)}
            for event in events
        ]
    }


# --------------------------------------------------------------------------- THỜI GIAN, ĐỊA ĐIỂM


def date_text(event: Event) -> str:
    return formatting.dates_as_written(event.date_text, event.start_date, event.end_date)


def place_text(event: Event) -> str:
    """The place as written; else the venue; else, for an online conference,
    its main site; for a study tour, the places it visits."""
    if event.venue_text.strip():
        return _line(event.venue_text)
    if event.venue_id and event.venue is not None:
        return _line(event.venue.name)
    if event.kind == EventKind.ONLINE:
        sites = list(event.sites.all())
        main = next((site for site in sites if site.is_main), None)
        if main is not None:
            room, name = _line(main.room), _line(main.name)
            where = f"{room}, {name}" if room else name
            others = len(sites) - 1
            text = f"Trực tuyến, điểm cầu chính tại {where}"
            return text + (f", kết nối với {others:02d} điểm cầu" if others > 0 else "")
    if event.kind == EventKind.STUDY_TOUR:
        places: list[str] = []
        for delegation in event.delegations.all():
            for destination in delegation.destinations.all():
                place = _line(destination.place)
                if place and place not in places:
                    places.append(place)
        return "; ".join(places)
    return ""


def time_line(event: Event) -> str:
    text = date_text(event)
    return f"Thời gian tổ chức {event.printed_short_name}: {formatting.ensure_final(text)}" if text else ""


def place_line(event: Event) -> str:
    text = place_text(event)
    return f"Địa điểm: {formatting.ensure_final(text)}" if text else ""


def _time_place(plan: Plan, *, time: bool, place: bool, bullets: bool) -> dict[str, Any]:
    events = selectors.plan_events(plan)
    headed = _events_heading(events)
    rows = []
    for event in events:
        lines = []
        if time and (line := time_line(event)):
            lines.append(line)
        if place and (line := place_line(event)):
            lines.append(line)
        text = "\n".join(f"- {line}" if bullets else line for line in lines)
        rows.append(
            {"heading_html": _event_heading_html(event) if headed else "", "html": markup.to_html(text)}
        )
    return {"events": rows}


def build_time_place(plan: Plan) -> dict[str, Any]:
    return _time_place(plan, time=True, place=True, bullets=True)


def build_time(plan: Plan) -> dict[str, Any]:
    return _time_place(plan, time=True, place=False, bullets=False)


def build_place(plan: Plan) -> dict[str, Any]:
    return _time_place(plan, time=False, place=True, bullets=False)


# --------------------------------------------------------------------------- KINH PHÍ


def budget_rows(event: Event) -> tuple[list[dict[str, str]], int]:
    rows = []
    total = 0
    for index, item in enumerate(event.budget_items.all(), start=1):
        amount = item.amount
        total += amount
        rows.append(
            {
                "number": str(index),
                "description_html": markup.inline_html(item.description),
                "unit": _line(item.unit),
                "quantity": formatting.quantity_text(item.quantity),
                "unit_price": formatting.vnd(item.unit_price),
                "amount": formatting.vnd(amount),
                "note": _line(item.note),
            }
        )
    return rows, total


def build_budget(plan: Plan) -> dict[str, Any]:
    events = [e for e in selectors.plan_events(plan) if e.funding_sources.all() or e.budget_items.all()]
    headed = _events_heading(events)
    out = []
    for event in events:
        rows, total = budget_rows(event)
        out.append(
            {
                "heading_html": _event_heading_html(event) if headed else "",
                "sources_html": _join(
                    [markup.to_html(source.text) for source in event.funding_sources.all()]
                ),
                "rows": rows,
                "total": formatting.vnd(total),
                "has_notes": any(row["note"] for row in rows),
            }
        )
    return {"events": out}


# --------------------------------------------------------------------------- online sites


def build_sites(plan: Plan) -> dict[str, Any]:
    events = [e for e in selectors.plan_events(plan) if e.kind == EventKind.ONLINE and e.sites.all()]
    headed = _events_heading(events)
    out = []
    for event in events:
        sites = sorted(event.sites.all(), key=lambda s: (not s.is_main, s.position, s.id))
        rows = []
        total = 0
        for index, site in enumerate(sites, start=1):
            total += site.expected_count or 0
            contact = [line for line in (_line(site.contact_name), _line(site.contact_phone)) if line]
            rows.append(
                {
                    "number": str(index),
                    "name": _line(site.name),
                    "main": site.is_main,
                    "level": SiteLevel(site.level).label if site.level else "",
                    "room": _line(site.room),
                    "participants_html": markup.to_html(site.participants),
                    "count": str(site.expected_count) if site.expected_count else "",
                    "contact": contact,
                }
            )
        out.append(
            {
                "heading_html": _event_heading_html(event) if headed else "",
                "rows": rows,
                "total": str(total) if total else "",
            }
        )
    return {"events": out}


# --------------------------------------------------------------------------- delegations


def destination_line(destination) -> str:
    place = _line(destination.place)
    if destination.host.strip():
        place += f" (làm việc với {_line(destination.host)})"
    dates = formatting.dates_as_written(destination.date_text, destination.start_date, destination.end_date)
    return f"+ {place}: {dates}." if dates else f"+ {formatting.ensure_final(place)}"


def delegations_html(event: Event) -> SafeString:
    parts = []
    numbering = event.item_numbering
    for index, delegation in enumerate(event.delegations.all(), start=1):
        lines = []
        if delegation.head.strip():
            lines.append(f"- Trưởng đoàn: {formatting.ensure_final(_line(delegation.head))}")
        members = [_line(line).lstrip("-+ ") for line in markup.clean_text(delegation.members).split("\n")]
        members = [line for line in members if line]
        count = f" (dự kiến {delegation.member_quota} người)" if delegation.member_quota else ""
        if len(members) == 1:
            lines.append(f"- Thành phần{count}: {formatting.ensure_final(members[0])}")
        elif members:
            lines.append(f"- Thành phần{count}:")
            lines.extend(
                f"+ {formatting.ensure_final(line, '.' if i == len(members) - 1 else ';')}"
                for i, line in enumerate(members)
            )
        elif count:
            lines.append(f"- Số lượng: dự kiến {delegation.member_quota} người.")
        if delegation.transport.strip():
            lines.append(f"- Phương tiện: {formatting.ensure_final(_line(delegation.transport))}")
        destinations = list(delegation.destinations.all())
        if destinations:
            lines.append("- Địa điểm, thời gian:")
            lines.extend(destination_line(destination) for destination in destinations)
        parts.append(markup.to_html(_line(delegation.name), lead=_label(numbering, index)))
        parts.append(markup.to_html("\n".join(lines)))
        parts.append(markup.to_html(delegation.notes))
    return _join(parts)


def build_delegations(plan: Plan) -> dict[str, Any]:
    events = [
        e for e in selectors.plan_events(plan) if e.kind == EventKind.STUDY_TOUR and e.delegations.all()
    ]
    headed = _events_heading(events)
    return {
        "events": [
            {"heading_html": _event_heading_html(event) if headed else "", "html": delegations_html(event)}
            for event in events
        ]
    }


# --------------------------------------------------------------------------- registration

BLOCKS = (
    Block(
        key="event.participants",
        label=_("Sự kiện: thành phần tham dự"),
        template="documents/blocks/event_participants.html",
        build=build_participants,
    ),
    Block(
        key="event.time_place",
        label=_("Sự kiện: thời gian và địa điểm"),
        template="documents/blocks/event_time_place.html",
        build=build_time_place,
    ),
    Block(
        key="event.time",
        label=_("Sự kiện: thời gian"),
        template="documents/blocks/event_time_place.html",
        build=build_time,
    ),
    Block(
        key="event.place",
        label=_("Sự kiện: địa điểm"),
        template="documents/blocks/event_time_place.html",
        build=build_place,
    ),
    Block(
        key="event.budget",
        label=_("Sự kiện: kinh phí"),
        template="documents/blocks/event_budget.html",
        build=build_budget,
        appendix=True,
    ),
    Block(
        key="event.sites",
        label=_("Hội nghị trực tuyến: các điểm cầu"),
        template="documents/blocks/event_sites.html",
        build=build_sites,
        appendix=True,
    ),
    Block(
        key="event.delegations",
        label=_("Học tập kinh nghiệm: các đoàn công tác"),
        template="documents/blocks/event_delegations.html",
        build=build_delegations,
    ),
)


def register_blocks() -> None:
    for block in BLOCKS:
        register(block)
