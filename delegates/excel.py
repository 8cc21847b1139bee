"""The delegate list as Excel (.xlsx) and back.

Export neutralises text that a spreadsheet would run as a formula ("=…",
"+…", "-…", "@…", tab, CR) by prefixing an apostrophe; import removes that
prefix again, so an exported list re-imports to the same list. Import
validates every row the same way the web form does and reports row by row
before anything is saved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from documents import spreadsheets

from . import normalize
from .models import RegistrationOpening
from .services import PersonRow

HEADERS = [
    "TT",
    "Phần",
    "Họ và tên",
    "Chức vụ/chức danh",
    "Đơn vị công tác",
    "Số điện thoại",
    "Email",
    "Ghi chú",
    "Cơ quan đăng ký",
]
FIELD_OF = {
    "phần": "section",
    "họ và tên": "full_name",
    "chức vụ/chức danh": "title",
    "chức vụ, chức danh": "title",
    "chức vụ": "title",
    "đơn vị công tác": "unit",
    "số điện thoại": "phone",
    "điện thoại": "phone",
    "email": "email",
    "thư điện tử": "email",
    "ghi chú": "note",
}
MAX_ROWS = 1000


# One rule for every spreadsheet the project writes (documents.spreadsheets).
safe_cell = spreadsheets.safe_text
unsafe_cell = spreadsheets.unsafe_text


def export_workbook(groups: list[dict], *, title: str) -> bytes:
    """``groups`` as built by documents.list_rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    number = 0
    for group in groups:
        for person in group["people"]:
            number += 1
            sheet.append(
                [
                    number,
                    safe_cell(person["section"]),
                    safe_cell(person["name"]),
                    safe_cell(person["title"]),
                    safe_cell(person["unit"]),
                    safe_cell(person["phone"]),
                    safe_cell(person["email"]),
                    safe_cell(person["note"]),
                    safe_cell(person["agency"]),
                ]
            )
    for column, width in zip("ABCDEFGHI", (5, 14, 26, 26, 30, 16, 26, 20, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class ImportRow:
    number: int  # the spreadsheet's row number
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    row: PersonRow | None = None


# The shared reader's error (documents.spreadsheets): a damaged, hostile or
# oversized file, with a message for the form.
ImportFileError = spreadsheets.SpreadsheetError


def parse_workbook(data: bytes, *, opening: RegistrationOpening) -> list[ImportRow]:
    """Every filled row of the first sheet, validated; nothing is saved."""
    workbook = spreadsheets.open_workbook(data)
    sheet = workbook.worksheets[0]
    columns: dict[int, str] | None = None
    sections = {normalize.name_key(s.title): s for s in opening.sections.all()}
    rows: list[ImportRow] = []
    for number, cells in enumerate(spreadsheets.sheet_values(sheet), start=1):
        texts = ["" if value is None else normalize.clean_line(unsafe_cell(str(value))) for value in cells]
        if columns is None:
            found = {i: FIELD_OF[t.casefold()] for i, t in enumerate(texts) if t.casefold() in FIELD_OF}
            if "full_name" in found.values() and "phone" in found.values():
                columns = found
            elif number > 10:
                break
            continue
        values = {name: texts[i] if i < len(texts) else "" for i, name in columns.items()}
        if not any(values.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(_("Tệp có quá nhiều dòng (tối đa %(n)d).") % {"n": MAX_ROWS})
        rows.append(_validate(number, values, sections))
    workbook.close()
    if columns is None:
        raise ImportFileError(_("Không tìm thấy dòng tiêu đề có cột «Họ và tên» và «Số điện thoại»."))
    seen: dict[tuple[str, str], int] = {}
    for item in rows:
        if item.row is None:
            continue
        if item.row.key in seen:
            item.errors.append(
                _("Trùng với dòng %(row)d: cùng họ tên và số điện thoại.") % {"row": seen[item.row.key]}
            )
            item.row = None
        else:
            seen[item.row.key] = item.number
    return rows


def _validate(number: int, values: dict[str, str], sections: dict) -> ImportRow:
    item = ImportRow(number=number, values=values)
    name = normalize.clean_name(values.get("full_name"))
    if len(name.split(" ")) < 2:
        item.errors.append(_("Họ và tên: vui lòng ghi đủ họ và tên."))
    try:
        phone = normalize.parse_phone(values.get("phone"))
    except ValidationError as error:
        item.errors.extend(error.messages)
        phone = ""
    section_id = None
    if sections:
        section = sections.get(normalize.name_key(values.get("section")))
        if section is None:
            item.errors.append(
                _("Phần «%(value)s» không có; chọn một trong: %(choices)s.")
                % {
                    "value": values.get("section", ""),
                    "choices": ", ".join(s.title for s in sections.values()),
                }
            )
        else:
            section_id = section.pk
    email = values.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            item.errors.append(_("Email «%(value)s» không đúng.") % {"value": email})
    if not item.errors:
        item.row = PersonRow(
            full_name=name,
            phone=phone,
            title=values.get("title", ""),
            unit=values.get("unit", ""),
            email=email,
            note=values.get("note", ""),
            section_id=section_id,
        )
    return item
