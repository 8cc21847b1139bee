"""A plan's task table as Excel (.xlsx) and back.

Export: one row per task in print order, with the printed number (STT) and
the level (Cấp) so the nesting survives editing in Excel; the columns carry
the printed table's headers. Import: every row is checked the way the
editor checks a task, plus what only a spreadsheet can get wrong (levels
that skip, unknown agencies, impossible dates); nothing is saved here —
``services.task_table_import`` applies the rows once the user confirms.

Agency cells list one name per line (or separated by ";"). A name is
resolved against the agencies directory:
- equal to a directory entry's full or short name (case and spacing aside):
  kept as written;
- otherwise, found by the type-ahead's matching (every word contained in
  one entry's name or short name, see ``selectors.agency_search``) in
  exactly one entry: written as that entry's full name;
- otherwise, a description of several bodies ("Các sở, ban, ngành",
  "UBND các huyện, thị xã, thành phố", "Sở Nội vụ hướng dẫn thực hiện"):
  kept as written, as the editor keeps it;
- otherwise an error on its row, with the closest directory name as a
  suggestion.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook

from documents import spreadsheets
from plans import services, timeframes
from plans.models import Agency, Plan, Task, TaskStatus

MAX_ROWS = 1000
TITLE_ROW = 1
HEADER_ROW = 3
HEADERS = (
    "STT",
    "Cấp",
    "Nhiệm vụ",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Tình trạng",
    "Ghi chú tiến độ",
    "Hạn (tự tính, không nhập)",
)
WIDTHS = (8, 6, 60, 22, 30, 36, 16, 30, 14)
COLUMNS = {
    "stt": "number",
    "tt": "number",
    "số tt": "number",
    "cấp": "level",
    "nhiệm vụ": "description",
    "nội dung": "description",
    "nội dung nhiệm vụ": "description",
    "nội dung công việc": "description",
    "thời gian thực hiện": "time_frame",
    "thời gian": "time_frame",
    "thời gian hoàn thành": "time_frame",
    "đơn vị chủ trì": "lead",
    "cơ quan chủ trì": "lead",
    "chủ trì": "lead",
    "đơn vị phối hợp": "cooperating",
    "cơ quan phối hợp": "cooperating",
    "phối hợp": "cooperating",
    "tình trạng": "status",
    "ghi chú tiến độ": "progress_note",
    "ghi chú": "progress_note",
}
REQUIRED = ("description",)

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}\.?$")
# Words that make a cell a description of several bodies rather than one name.
_DESCRIPTIVE = re.compile(r"(?:^|\s)(?:các|những|và|liên quan|trực thuộc|tập thể|cá nhân|địa phương)(?:\s|$)")
_TYPO_CUTOFF = 0.85
_SUGGEST_CUTOFF = 0.6


# --------------------------------------------------------------------------- export


def export_workbook(plan: Plan) -> bytes:
    """The task table of ``plan`` (two queries: the plan is given, its tasks are read once)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    spreadsheets.write_row(sheet, TITLE_ROW, [f"BẢNG NHIỆM VỤ - {plan.title}"], bold=True, wrap=False)
    spreadsheets.write_header(sheet, HEADER_ROW, HEADERS)
    status_labels = {value: str(label) for value, label in TaskStatus.choices}
    tasks = list(Task.objects.filter(plan_id=plan.pk).order_by("position", "id"))
    for offset, (task, number, depth) in enumerate(_print_order(tasks), start=1):
        spreadsheets.write_row(
            sheet,
            HEADER_ROW + offset,
            [
                number,
                depth,
                task.description,
                task.time_frame,
                task.lead,
                task.cooperating,
                status_labels.get(task.status, task.status),
                task.progress_note,
                task.due_date,
            ],
        )
        sheet.cell(row=HEADER_ROW + offset, column=9).number_format = "DD/MM/YYYY"
    spreadsheets.set_widths(sheet, WIDTHS)
    spreadsheets.fit_rows(sheet, first_row=HEADER_ROW, widths=WIDTHS)
    spreadsheets.centre_columns(sheet, (1, 2), first_row=HEADER_ROW + 1)
    spreadsheets.print_setup(sheet, header_row=HEADER_ROW)
    spreadsheets.add_whole_numbers(sheet, 2, HEADER_ROW + 1, 1, services.TASK_MAX_DEPTH, title="Cấp")
    spreadsheets.add_choices(sheet, 7, HEADER_ROW + 1, list(status_labels.values()), title="Tình trạng")
    return spreadsheets.workbook_bytes(workbook)


def _print_order(tasks: list[Task]) -> list[tuple[Task, str, int]]:
    """(task, printed number, level) parents first, numbered as printed (1, 1.1 …)."""
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    rows: list[tuple[Task, str, int]] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        counter = 0
        for task in children.get(parent_id, []):
            number = ""
            if task.numbered:
                counter += 1
                number = f"{prefix}{counter}"
            rows.append((task, number, depth))
            walk(task.pk, f"{number}." if number else prefix, depth + 1)

    walk(None, "", 1)
    return rows


# --------------------------------------------------------------------------- agencies


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass
class Resolution:
    name: str  # as it will be written
    agency_id: int | None = None
    note: str = ""
    error: str = ""


class AgencyDirectory:
    """The active agencies, read once per import, matched without a query per name."""

    def __init__(self) -> None:
        self.agencies = list(
            Agency.objects.filter(is_active=True)
            .only("pk", "name", "short_name")
            .order_by("kind__position", "position", "name")
        )
        self.by_key: dict[str, Agency] = {}
        for agency in self.agencies:
            for text in (agency.name, agency.short_name):
                if text:
                    self.by_key.setdefault(_key(text), agency)
        self.name_keys = {_key(agency.name): agency for agency in self.agencies}

    def search(self, text: str) -> list[Agency]:
        """The type-ahead's rule (``selectors.agency_search``): every word of
        ``text`` occurs in the entry's name or short name, case folded."""
        words = [word.casefold() for word in text.split()]
        if not words:
            return []
        return [
            agency
            for agency in self.agencies
            if all(word in f"{agency.name} {agency.short_name}".casefold() for word in words)
        ]

    def closest(self, text: str, cutoff: float) -> Agency | None:
        match = difflib.get_close_matches(_key(text), list(self.name_keys), n=1, cutoff=cutoff)
        return self.name_keys[match[0]] if match else None

    def resolve(self, name: str) -> Resolution:
        key = _key(name)
        exact = self.by_key.get(key)
        if exact is not None:
            return Resolution(name=name, agency_id=exact.pk)
        found = self.search(name)
        if len(found) == 1:
            agency = found[0]
            return Resolution(
                name=agency.name,
                agency_id=agency.pk,
                note=_("«%(typed)s» được ghi thành «%(name)s» theo danh bạ.")
                % {"typed": name, "name": agency.name},
            )
        if len(found) > 1:
            return Resolution(
                name=name,
                error=_("«%(typed)s» khớp nhiều cơ quan trong danh bạ (%(names)s): hãy ghi đủ tên.")
                % {"typed": name, "names": ", ".join(f"«{a.name}»" for a in found[:3])},
            )
        typo = self.closest(name, _TYPO_CUTOFF)
        if typo is None and self._descriptive(name, key):
            return Resolution(name=name)
        suggestion = typo or self.closest(name, _SUGGEST_CUTOFF)
        if suggestion is not None:
            error = _("«%(typed)s» không có trong danh bạ cơ quan. Có phải «%(name)s»?") % {
                "typed": name,
                "name": suggestion.name,
            }
        else:
            error = _(
                "«%(typed)s» không có trong danh bạ cơ quan: kiểm tra lại tên "
                "hoặc nhờ quản trị thêm vào danh bạ."
            ) % {"typed": name}
        return Resolution(name=name, error=error)

    def _descriptive(self, name: str, key: str) -> bool:
        if name[:1].islower() or "," in name or ":" in name or _DESCRIPTIVE.search(key):
            return True
        # "Sở Nội vụ hướng dẫn thực hiện": a directory name, then what it does.
        return any(key.startswith(known + " ") for known in self.by_key)


def resolve_cell(text: str, directory: AgencyDirectory, *, label: str) -> tuple[str, list[str], list[str]]:
    """The cell as it will be saved, its notes and its errors (each prefixed by ``label``)."""
    notes: list[str] = []
    errors: list[str] = []
    for name in services.agency_names(text):
        resolution = directory.resolve(name)
        if resolution.error:
            errors.append(f"{label}: {resolution.error}")
        elif resolution.name != name:
            text = text.replace(name, resolution.name, 1)
            notes.append(f"{label}: {resolution.note}")
    return text, notes, errors


# --------------------------------------------------------------------------- import


@dataclass
class ReportRow:
    number: int  # the spreadsheet's row number
    values: dict[str, str]
    level: int | None = None
    label: str = ""  # the STT the row will print with
    due: str = ""
    due_note: str = ""  # why the time frame implies no due date
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row: services.TaskImportRow | None = None


def _statuses() -> dict[str, str]:
    statuses = {}
    for value, label in TaskStatus.choices:
        statuses[_key(str(label))] = value
        statuses[_key(value)] = value
    return statuses


def parse_workbook(data: bytes, *, plan: Plan) -> list[ReportRow]:
    """Every filled row of the first sheet, checked; nothing is saved.
    Raises ``spreadsheets.SpreadsheetError`` for a file that cannot be read."""
    workbook = spreadsheets.open_workbook(data)
    rows = spreadsheets.read_rows(workbook, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)
    directory = AgencyDirectory()
    statuses = _statuses()
    report = [
        _check(number, values, plan=plan, directory=directory, statuses=statuses) for number, values in rows
    ]
    _check_levels(report)
    _number(report)
    for item in report:
        if item.errors:
            item.row = None
    return report


def _check(number: int, values: dict[str, str], *, plan: Plan, directory, statuses) -> ReportRow:
    item = ReportRow(number=number, values=values)
    description = values.get("description", "").strip()
    if not description:
        item.errors.append(_("Nhiệm vụ: hãy nhập nội dung nhiệm vụ."))
    if "number" in values:
        numbered, depth_from_number = _read_number(values["number"], item)
    else:  # a sheet without an STT column: every row is numbered
        numbered, depth_from_number = True, None
    item.level = _read_level(values.get("level", ""), depth_from_number, item)
    time_frame = " ".join(values.get("time_frame", "").split())
    if len(time_frame) > 200:
        item.errors.append(_("Thời gian thực hiện dài tối đa 200 ký tự."))
    elif time_frame:
        reading = timeframes.describe(time_frame, year=plan.year)
        if reading.due is not None:
            item.due = reading.due.strftime("%d/%m/%Y")
            if reading.approximate:
                item.due += " " + _("(ước tính)")
        elif reading.explanation in _invalid_time_messages():
            item.errors.append(
                _("Thời gian thực hiện «%(text)s»: %(message)s")
                % {"text": time_frame, "message": reading.explanation}
            )
        else:
            item.due_note = reading.explanation
    lead, notes, errors = resolve_cell(values.get("lead", ""), directory, label=_("Đơn vị chủ trì"))
    item.notes += notes
    item.errors += errors
    cooperating, notes, errors = resolve_cell(
        values.get("cooperating", ""), directory, label=_("Đơn vị phối hợp")
    )
    item.notes += notes
    item.errors += errors
    status_text = values.get("status", "")
    status = (
        statuses.get(_key(status_text), TaskStatus.NOT_STARTED) if status_text else TaskStatus.NOT_STARTED
    )
    if status_text and _key(status_text) not in statuses:
        item.errors.append(
            _("Tình trạng «%(value)s» không có; chọn một trong: %(choices)s.")
            % {"value": status_text, "choices": ", ".join(str(label) for _value, label in TaskStatus.choices)}
        )
    item.row = services.TaskImportRow(
        level=item.level or 1,
        numbered=numbered,
        description=description,
        time_frame=time_frame,
        lead=lead,
        cooperating=cooperating,
        status=str(status),
        progress_note=values.get("progress_note", ""),
    )
    return item


def _invalid_time_messages() -> set[str]:
    # timeframes.describe explains a date it cannot accept with one of these
    # (translated) sentences; other explanations only say there is no due date.
    return {
        _("Năm cần ghi đủ bốn chữ số: không tính được hạn."),
        _("Ngày tháng không hợp lệ: không tính được hạn."),
    }


def _read_number(text: str, item: ReportRow) -> tuple[bool, int | None]:
    """(numbered, the level the number implies) from the STT cell."""
    text = text.strip()
    if not text or text in ("-", "–", "+", "•"):
        return False, None
    if not _NUMBER.match(text):
        item.errors.append(
            _("STT «%(value)s» không hợp lệ: ghi như 1, 1.2, 1.2.3 hoặc để trống cho dòng không đánh số.")
            % {"value": text}
        )
        return True, None
    return True, text.rstrip(".").count(".") + 1


def _read_level(text: str, implied: int | None, item: ReportRow) -> int | None:
    text = text.strip()
    if not text:
        return implied
    if text not in {str(n) for n in range(1, services.TASK_MAX_DEPTH + 1)}:
        item.errors.append(
            _("Cấp «%(value)s» không hợp lệ: ghi 1, 2 hoặc %(max)d.")
            % {"value": text, "max": services.TASK_MAX_DEPTH}
        )
        return implied
    level = int(text)
    if implied is not None and implied != level:
        item.errors.append(
            _("STT «%(number)s» là số của dòng cấp %(implied)d nhưng cột «Cấp» ghi %(level)d.")
            % {"number": item.values.get("number", ""), "implied": implied, "level": level}
        )
    return level


def _check_levels(report: list[ReportRow]) -> None:
    """Levels go down one step at a time; a row without a level or number
    (an unnumbered bullet row) stays at the level of the row above."""
    previous = 0
    for item in report:
        if item.level is None:
            item.level = max(previous, 1)
            if item.row is not None:
                item.row.level = item.level
        if item.level > services.TASK_MAX_DEPTH:
            item.errors.append(_("Chỉ được lồng tối đa %(depth)d cấp.") % {"depth": services.TASK_MAX_DEPTH})
        elif item.level > previous + 1:
            if previous == 0:
                item.errors.append(
                    _("Dòng đầu tiên của bảng phải là nhiệm vụ cấp 1 (cột «Cấp» ghi %(level)d).")
                    % {"level": item.level}
                )
            else:
                item.errors.append(
                    _(
                        "Dòng cấp %(level)d phải nằm dưới một dòng cấp %(parent)d, "
                        "nhưng dòng trên là cấp %(previous)d."
                    )
                    % {"level": item.level, "parent": item.level - 1, "previous": previous}
                )
        previous = min(item.level, previous + 1) if previous else 1


def _number(report: list[ReportRow]) -> None:
    """The STT each row will print with, as ``_print_order`` numbers them."""
    counters = [0] * (services.TASK_MAX_DEPTH + 1)
    prefixes = [""] * (services.TASK_MAX_DEPTH + 1)
    for item in report:
        level = min(max(item.level or 1, 1), services.TASK_MAX_DEPTH)
        for deeper in range(level + 1, services.TASK_MAX_DEPTH + 1):
            counters[deeper] = 0
        prefix = prefixes[level - 1] if level > 1 else ""
        if item.row is not None and item.row.numbered:
            counters[level] += 1
            item.label = f"{prefix}.{counters[level]}" if prefix else str(counters[level])
            prefixes[level] = item.label
        else:
            prefixes[level] = prefix
