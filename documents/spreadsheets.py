"""Excel (.xlsx) helpers shared by every export and import of the project.

Exports: a text cell that a spreadsheet would run as a formula once it is
re-typed, pasted or saved as CSV ("=…", "+…", "-…", "@…", a leading tab or
carriage return) is written with a leading apostrophe, and every text cell
is stored as a string, never as a formula. Imports remove that apostrophe
again (``unsafe_text``), so an exported sheet re-imports to the same text.

Imports: ``open_workbook`` refuses what is not a real .xlsx, what inflates
beyond a sane size (a zip bomb), and answers with a Vietnamese message in
``SpreadsheetError``; ``UploadForm`` checks the upload itself.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from documents import markup

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
# What openpyxl raises on a damaged or hostile file while opening it or reading
# its rows: bad zip members, malformed XML or entity bombs (SyntaxError covers
# the XML parsers' errors), parts that name missing parts or hold bad values.
BROKEN_FILE = (
    InvalidFileException,
    zipfile.BadZipFile,
    SyntaxError,
    KeyError,
    IndexError,
    OSError,
    EOFError,
    TypeError,
    ValueError,
)


# --------------------------------------------------------------------------- writing


def safe_text(value):
    """``value`` as a spreadsheet may hold it: text that starts like a formula
    gets a leading apostrophe; anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unsafe_text(value: str) -> str:
    """The inverse of ``safe_text`` for text read back from a sheet."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def write_row(sheet, row: int, values: Sequence, *, bold: bool = False, wrap: bool = True) -> None:
    """One row from column A; text is neutralised and typed as a string."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if value is not None and not isinstance(value, bool | int | float | datetime.date | datetime.time):
            value = str(value)  # lazy translations too
        if value == "":
            cell.value = None
        elif isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"
        else:
            cell.value = value
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        if bold:
            cell.font = Font(bold=True)


def write_header(sheet, row: int, headers: Sequence[str]) -> None:
    """A bold, centred header row; the rows above it and it stay in view when scrolling."""
    write_row(sheet, row, headers, bold=True)
    for cell in sheet[row]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1).coordinate


LINE_HEIGHT = 15  # points, for the default 11 pt font
MAX_ROW_HEIGHT = 409  # Excel's limit


def fit_rows(sheet, *, first_row: int, widths: Sequence[float]) -> None:
    """Row heights that show every wrapped line: spreadsheets do not grow a
    row for wrapped text they did not lay out themselves."""
    for row in sheet.iter_rows(min_row=first_row):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell.value, str):
                per_line = max(int(width * 1.1), 1)
                wrapped = sum(max(1, -(-len(line) // per_line)) for line in cell.value.split("\n"))
                lines = max(lines, wrapped)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)


def centre_columns(sheet, columns: Iterable[int], *, first_row: int) -> None:
    """Numbers and times centred, as in the printed tables."""
    for column in columns:
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=column, max_col=column):
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)


def print_setup(sheet, *, header_row: int) -> None:
    """Printed from Excel: A4 landscape, as wide as the page, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def set_widths(sheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


CHOICES_SHEET = "Danh mục"
CHOICE_ROWS = 2000  # how far down the drop-downs reach, beyond the exported rows


def add_choices(sheet, column: int, first_row: int, choices: Sequence[str], *, title: str) -> None:
    """A drop-down of ``choices`` in ``column`` from ``first_row`` down: the
    values live in a hidden sheet (labels may hold commas, which an inline
    list cannot), and a typed value outside them is refused by Excel."""
    workbook = sheet.parent
    if CHOICES_SHEET in workbook.sheetnames:
        lists = workbook[CHOICES_SHEET]
    else:
        lists = workbook.create_sheet(CHOICES_SHEET)
        lists.sheet_state = "hidden"
    target = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    lists.cell(row=1, column=target, value=safe_text(title)).font = Font(bold=True)
    for offset, choice in enumerate(choices, start=2):
        lists.cell(row=offset, column=target, value=safe_text(str(choice))).data_type = "s"
    letter = get_column_letter(target)
    validation = DataValidation(
        type="list",
        formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(choices) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=_("Hãy chọn một giá trị trong danh sách."),
    )
    sheet.add_data_validation(validation)
    column_letter = get_column_letter(column)
    validation.add(f"{column_letter}{first_row}:{column_letter}{first_row + CHOICE_ROWS}")


def add_whole_numbers(sheet, column: int, first_row: int, low: int, high: int, *, title: str) -> None:
    """Only whole numbers from ``low`` to ``high`` in ``column`` (Excel refuses others)."""
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=_("Hãy nhập một số từ %(low)d đến %(high)d.") % {"low": low, "high": high},
    )
    sheet.add_data_validation(validation)
    letter = get_column_letter(column)
    validation.add(f"{letter}{first_row}:{letter}{first_row + CHOICE_ROWS}")


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


class SpreadsheetError(ValueError):
    """A file that cannot be read as the expected workbook; the message is for the user."""


def open_workbook(data: bytes):
    """The workbook in ``data`` (read-only, values not formulas), or SpreadsheetError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
            raise SpreadsheetError(_("Tệp quá lớn khi giải nén."))
        if "xl/workbook.xml" not in archive.namelist():
            raise SpreadsheetError(_("Tệp không phải bảng tính Excel .xlsx hợp lệ."))
    except zipfile.BadZipFile as error:
        raise SpreadsheetError(_("Tệp không phải bảng tính Excel .xlsx hợp lệ.")) from error
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except BROKEN_FILE as error:
        raise SpreadsheetError(_broken()) from error
    if not workbook.worksheets:
        raise SpreadsheetError(_("Tệp Excel không có trang tính nào."))
    return workbook


def _broken() -> str:
    return _("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng.")


def sheet_values(sheet):
    """The sheet's rows as values; a read-only sheet is parsed while it is
    read, so a file that breaks half-way is a SpreadsheetError too."""
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except BROKEN_FILE as error:
            raise SpreadsheetError(_broken()) from error
        yield cells


def cell_text(value) -> str:
    """A cell's value as the text a user typed: whole numbers without ".0",
    times as 07:15, dates as 25/02/2020, no formula apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    # As the editor's forms clean typed text: NFC, no invisible characters,
    # trailing spaces trimmed per line; the inner spacing stays as written.
    lines = [line.rstrip() for line in unsafe_text(markup.clean_text(str(value))).split("\n")]
    return "\n".join(lines).strip("\n").strip()


def header_key(text: str) -> str:
    """A header cell compared loosely: case, spaces and a trailing colon or star do not matter."""
    return " ".join(text.replace("\n", " ").split()).strip(" :*").casefold()


def read_rows(workbook, *, columns: dict[str, str], required: Iterable[str], max_rows: int, scan: int = 15):
    """The data rows of the first sheet as (row number, {field: text}).

    The header is the first row (among the first ``scan``) that names every
    ``required`` field; ``columns`` maps header texts (``header_key``) to
    fields. Empty rows are skipped. More than ``max_rows`` data rows, or no
    header, is a SpreadsheetError."""
    required = set(required)
    sheet = workbook.worksheets[0]
    found: dict[int, str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(sheet_values(sheet), start=1):
        if found is None:
            texts = [header_key(cell_text(value)) for value in cells]
            candidate = {i: columns[t] for i, t in enumerate(texts) if t in columns}
            if required <= set(candidate.values()):
                found = {}
                for index, name in candidate.items():
                    found.setdefault(index, name)
            elif number >= scan:
                break
            continue
        values = {name: cell_text(cells[i]) if i < len(cells) else "" for i, name in found.items()}
        if not any(values.values()):
            continue
        if len(rows) >= max_rows:
            raise SpreadsheetError(_("Tệp có quá nhiều dòng (tối đa %(n)d dòng).") % {"n": max_rows})
        rows.append((number, values))
    workbook.close()
    if found is None:
        raise SpreadsheetError(
            _("Không tìm thấy dòng tiêu đề có các cột: %(columns)s.")
            % {"columns": ", ".join(f"«{name}»" for name in _required_labels(columns, required))}
        )
    return rows


def _required_labels(columns: dict[str, str], required: set[str]) -> list[str]:
    labels = {}
    for header, name in columns.items():
        labels.setdefault(name, header)
    return [
        labels[name].capitalize() if labels[name].islower() else labels[name] for name in sorted(required)
    ]


# ------------------------------------------------------------- rows kept between report and confirmation


PAYLOAD_MAX_AGE = 3600


def dump_rows(rows: list[dict], *, salt: str, scope: int, mode: str) -> str:
    """The checked rows and the chosen mode, signed, for the confirmation form:
    what the user saw in the report is exactly what is saved, and nothing is
    kept on the server in between."""
    return signing.dumps({"scope": scope, "mode": mode, "rows": rows}, salt=salt, compress=True)


def load_rows(payload: str, *, salt: str, scope: int) -> tuple[str, list[dict]]:
    """(mode, rows) of ``dump_rows``; SpreadsheetError when expired, altered or for another object."""
    try:
        data = signing.loads(payload or "", salt=salt, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature as error:
        raise SpreadsheetError(_("Phiên nhập đã hết hạn; vui lòng tải tệp lên lại.")) from error
    if data.get("scope") != scope:
        raise SpreadsheetError(_("Phiên nhập đã hết hạn; vui lòng tải tệp lên lại."))
    return data["mode"], data["rows"]


# --------------------------------------------------------------------------- upload


class UploadForm(forms.Form):
    """The upload step of an import: one .xlsx file, at most 5 MB, and how to apply it."""

    MODE_REPLACE = "replace"
    MODE_APPEND = "append"

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp Excel (.xlsx) để tải lên."),
            "empty": gettext_lazy("Tệp tải lên không có nội dung."),
            "invalid": gettext_lazy("Hãy chọn tệp Excel (.xlsx) để tải lên."),
        },
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách nhập"),
        choices=[
            (MODE_REPLACE, gettext_lazy("Thay thế toàn bộ các dòng hiện có bằng các dòng trong tệp")),
            (MODE_APPEND, gettext_lazy("Thêm các dòng trong tệp vào sau các dòng hiện có")),
        ],
        initial=MODE_REPLACE,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Hãy chọn thay thế hay thêm vào.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                gettext_lazy("Tệp quá lớn (%(size)s MB); chỉ nhận tệp tối đa 5 MB."),
                code="too_big",
                params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(
                gettext_lazy(
                    "Chỉ nhận tệp Excel .xlsx (tệp .xls cũ hoặc .csv: hãy lưu lại dưới dạng .xlsx)."
                ),
                code="bad_type",
            )
        return upload
