"""An event's programme as Excel (.xlsx) and back.

Export: one row per slot in programme order, with the printed number (Stt),
start and end times (07:15), the kind, the content and the performers.
Import: every row is checked with the programme editor's rules — content
required, times that read as times, an end after its start, inside the
programme's day, no overlap (``services.check_slot_times``), and in a timed
programme the rows in time order; nothing is saved here —
``services.programme_import`` applies the rows once the user confirms.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from conferences import formatting as event_formatting
from conferences.formatting import time_range_text, time_text
from conferences.models import Event
from documents import spreadsheets

from . import selectors, services
from .models import DEFAULT_DAY_END, DEFAULT_DAY_START, Programme, ProgrammeLayout, ProgrammeSlot, SlotKind

MAX_ROWS = 300
HEADER_ROW = 4
HEADERS = ("Stt", "Giờ bắt đầu", "Giờ kết thúc", "Loại", "Nội dung", "Thực hiện")
WIDTHS = (6, 12, 12, 18, 60, 36)
COLUMNS = {
    "stt": "number",
    "tt": "number",
    "giờ bắt đầu": "start",
    "bắt đầu": "start",
    "từ": "start",
    "giờ kết thúc": "end",
    "kết thúc": "end",
    "đến": "end",
    "loại": "kind",
    "nội dung": "content",
    "thực hiện": "performers",
    "người thực hiện": "performers",
    "chủ trì": "performers",
    "đơn vị thực hiện": "performers",
}
REQUIRED = ("content",)

_TIME = re.compile(
    r"^(?P<h>\d{1,2})(?:\s*(?:h|g|giờ|:|\.)\s*(?P<m>\d{1,2})?\s*(?:phút|p|')?)?$", re.IGNORECASE
)
_NUMBER = re.compile(r"^\d{1,3}\.?$")
_BREAK = re.compile(r"^\W*nghỉ giải lao", re.IGNORECASE)


# --------------------------------------------------------------------------- export


def export_workbook(event: Event) -> bytes:
    programme, slots = selectors.event_programme(event)
    layout = programme.layout if programme else ProgrammeLayout.TIMED
    title = programme.title if programme else services.default_title(event)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chương trình"
    spreadsheets.write_row(sheet, 1, [f"{title} - {event.name}"], bold=True, wrap=False)
    facts = [str(ProgrammeLayout(layout).label)]
    dates = event_formatting.dates_as_written(event.date_text, event.start_date, event.end_date)
    if dates:
        facts.insert(0, f"Thời gian: {dates}")
    day_start = programme.day_start if programme else DEFAULT_DAY_START
    day_end = programme.day_end if programme else DEFAULT_DAY_END
    facts.append(f"Trong ngày: {time_text(day_start)} - {time_text(day_end)}")
    spreadsheets.write_row(sheet, 2, ["; ".join(facts)], wrap=False)
    spreadsheets.write_header(sheet, HEADER_ROW, HEADERS)
    kinds = {value: str(label) for value, label in SlotKind.choices}
    number = 0
    for offset, slot in enumerate(slots, start=1):
        label = ""
        if slot.numbered:
            number += 1
            label = f"{number:02d}"
        spreadsheets.write_row(
            sheet,
            HEADER_ROW + offset,
            [
                label,
                slot.start_time.strftime("%H:%M") if slot.start_time else "",
                slot.end_time.strftime("%H:%M") if slot.end_time else "",
                kinds.get(slot.kind, slot.kind),
                slot.content,
                slot.performers,
            ],
        )
    spreadsheets.set_widths(sheet, WIDTHS)
    spreadsheets.fit_rows(sheet, first_row=HEADER_ROW, widths=WIDTHS)
    spreadsheets.centre_columns(sheet, (1, 2, 3), first_row=HEADER_ROW + 1)
    spreadsheets.print_setup(sheet, header_row=HEADER_ROW)
    spreadsheets.add_choices(sheet, 4, HEADER_ROW + 1, list(kinds.values()), title="Loại")
    return spreadsheets.workbook_bytes(workbook)


# --------------------------------------------------------------------------- import


@dataclass
class ReportRow:
    number: int  # the spreadsheet's row number
    values: dict[str, str]
    label: str = ""  # the Stt the row will print with
    time: str = ""  # "07h15 - 08h00"
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row: services.SlotImportRow | None = None


def parse_time(text: str) -> datetime.time | None:
    """ "07:15", "7h15", "7h", "14 giờ 30", or a fraction of a day (Excel's
    number for a time); ValueError when it is none of these."""
    text = text.strip()
    if not text:
        return None
    try:
        fraction = float(text.replace(",", "."))
    except ValueError:
        fraction = None
    if fraction is not None and 0 < fraction < 1:
        minutes = round(fraction * 24 * 60)
        return datetime.time(minutes // 60, minutes % 60)
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if hour > 23 or minute > 59:
        raise ValueError(text)
    return datetime.time(hour, minute)


def _kinds() -> dict[str, str]:
    kinds = {}
    for value, label in SlotKind.choices:
        kinds[str(label).casefold()] = value
        kinds[value] = value
    return kinds


def parse_workbook(data: bytes, *, event: Event, mode: str) -> list[ReportRow]:
    """Every filled row of the first sheet, checked against the programme's
    day and, when ``mode`` is "append", against the slots already there.
    Raises ``spreadsheets.SpreadsheetError`` for a file that cannot be read."""
    workbook = spreadsheets.open_workbook(data)
    rows = spreadsheets.read_rows(workbook, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)
    # The settings as saved, or the defaults a first programme gets (nothing is created here).
    programme = Programme.objects.filter(event=event).first() or Programme(
        event=event, title=services.default_title(event)
    )
    timed = programme.layout == ProgrammeLayout.TIMED
    existing = (
        list(ProgrammeSlot.objects.filter(event=event).order_by("position", "id")) if mode == "append" else []
    )
    kinds = _kinds()
    report: list[ReportRow] = []
    others: list[ProgrammeSlot] = list(existing)
    last_start = max((s.start_time for s in existing if s.start_time), default=None)
    number = sum(1 for s in existing if s.numbered)
    for row_number, values in rows:
        item = ReportRow(number=row_number, values=values)
        content = values.get("content", "")
        if not content:
            item.errors.append(_("Nội dung: hãy nhập nội dung của dòng chương trình."))
        times = {}
        for name, label in (("start", _("Giờ bắt đầu")), ("end", _("Giờ kết thúc"))):
            try:
                times[name] = parse_time(values.get(name, ""))
            except ValueError:
                times[name] = None
                item.errors.append(
                    _("%(label)s «%(value)s» không hợp lệ, ví dụ 07:15 hoặc 07h15.")
                    % {"label": label, "value": values.get(name, "")}
                )
        kind_text = values.get("kind", "")
        if kind_text:
            kind = kinds.get(kind_text.casefold())
            if kind is None:
                item.errors.append(
                    _("Loại «%(value)s» không có; chọn một trong: %(choices)s.")
                    % {"value": kind_text, "choices": ", ".join(str(label) for _v, label in SlotKind.choices)}
                )
                kind = SlotKind.OTHER
        else:
            kind = SlotKind.BREAK if _BREAK.match(content) else SlotKind.OTHER
        number_text = values.get("number", "").strip()
        # Without an Stt column every row is numbered; with one, an empty cell is not.
        numbered = "number" not in values or (bool(number_text) and number_text not in ("-", "–"))
        if numbered and number_text and not _NUMBER.match(number_text):
            item.errors.append(
                _("Stt «%(value)s» không hợp lệ: ghi số như 01, 02 hoặc để trống cho dòng không đánh số.")
                % {"value": number_text}
            )
        if numbered:
            number += 1
            item.label = f"{number:02d}"
        slot = ProgrammeSlot(
            event=event,
            kind=kind,
            content=content,
            performers="\n".join(line for line in values.get("performers", "").split("\n") if line.strip()),
            start_time=times["start"],
            end_time=times["end"],
            numbered=numbered,
        )
        item.time = time_range_text(slot.start_time, slot.end_time)
        bad_time = any(values.get(name) and times[name] is None for name in ("start", "end"))
        try:
            if not bad_time:
                services.check_slot_times(slot, programme=programme, others=others)
        except ValidationError as error:
            item.errors += error.messages
        if timed and slot.start_time is not None:
            if last_start is not None and slot.start_time < last_start:
                item.errors.append(
                    _(
                        "Giờ bắt đầu %(start)s sớm hơn dòng trên (%(previous)s): "
                        "chương trình theo giờ phải xếp các dòng theo thứ tự thời gian."
                    )
                    % {"start": time_text(slot.start_time), "previous": time_text(last_start)}
                )
            last_start = max(last_start or slot.start_time, slot.start_time)
        others.append(slot)
        if not item.errors:
            item.row = services.SlotImportRow(
                kind=str(kind),
                content=content,
                performers=slot.performers,
                start_time=slot.start_time,
                end_time=slot.end_time,
                numbered=numbered,
            )
        report.append(item)
    return report


def row_to_payload(row: services.SlotImportRow) -> dict:
    return {
        "kind": row.kind,
        "content": row.content,
        "performers": row.performers,
        "start_time": row.start_time.strftime("%H:%M") if row.start_time else "",
        "end_time": row.end_time.strftime("%H:%M") if row.end_time else "",
        "numbered": row.numbered,
    }


def row_from_payload(data: dict) -> services.SlotImportRow:
    return services.SlotImportRow(
        kind=data["kind"],
        content=data["content"],
        performers=data["performers"],
        start_time=parse_time(data["start_time"]),
        end_time=parse_time(data["end_time"]),
        numbered=bool(data["numbered"]),
    )
