"""The awardees list and all nominations of a campaign as an Excel workbook.

Every text cell is written as a string, never a formula: a name typed as
"=HYPERLINK(…)" reaches the spreadsheet as that text. Cells that a
spreadsheet would still read as a formula when re-typed or exported to CSV
(=, +, -, @, a tab or a carriage return first; "- 1+cmd|…" is a formula too)
get a leading apostrophe.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from documents import spreadsheets

from . import selectors
from .models import Campaign, NominationStatus

# One rule for every spreadsheet the project writes.
safe_text = spreadsheets.safe_text


def _write_row(sheet, row: int, values, *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if value is not None and not isinstance(value, int | float):
            value = str(value)  # lazy translations too
        if isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"
        else:
            cell.value = value
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def campaign_workbook(campaign: Campaign) -> bytes:
    workbook = Workbook()
    awarded = workbook.active
    awarded.title = "Danh sách khen thưởng"
    _write_row(awarded, 1, [campaign.title], bold=True)
    header = ["TT", "Tên tập thể, họ và tên", "Chức vụ, đơn vị", "Cơ quan đề nghị", "Tiền thưởng (đồng)"]
    _write_row(awarded, 3, header, bold=True)
    row = 4
    award_list = selectors.award_list(campaign)
    for group in award_list.groups:
        _write_row(awarded, row, [group.award_type.name, "", "", "", group.amount or None], bold=True)
        row += 1
        for label, awardees in (("Tập thể", group.collectives), ("Cá nhân", group.individuals)):
            if not awardees:
                continue
            _write_row(awarded, row, [f"{label} ({len(awardees):02d})"], bold=True)
            row += 1
            for awardee in awardees:
                _write_row(
                    awarded,
                    row,
                    [
                        awardee.number,
                        awardee.name,
                        awardee.detail,
                        awardee.nomination.agency.name,
                        awardee.amount or None,
                    ],
                )
                row += 1
    _write_row(
        awarded,
        row,
        [
            "Tổng cộng",
            selectors.count_text(award_list.collectives, award_list.individuals),
            "",
            "",
            award_list.amount,
        ],
        bold=True,
    )
    _widths(awarded, [8, 40, 45, 35, 18])

    everything = workbook.create_sheet("Tất cả đề nghị")
    header = [
        "TT",
        "Cơ quan đề nghị",
        "Đối tượng",
        "Tên tập thể, họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Hình thức đề nghị",
        "Hình thức xét",
        "Kết quả",
        "Lý do không khen",
        "Ý kiến Hội đồng",
        "Tóm tắt thành tích",
    ]
    _write_row(everything, 1, header, bold=True)
    nominations = selectors.nominations(campaign).order_by("agency__name", "created_at", "id")
    for index, nomination in enumerate(nominations, start=1):
        _write_row(
            everything,
            index + 1,
            [
                index,
                nomination.agency.name,
                nomination.get_kind_display(),
                nomination.name,
                nomination.position,
                nomination.unit,
                nomination.proposed_award_type.name,
                nomination.award_type.name,
                NominationStatus(nomination.status).label,
                nomination.reject_reason,
                nomination.council_note,
                nomination.achievements,
            ],
        )
    _widths(everything, [6, 30, 10, 30, 20, 30, 30, 30, 12, 30, 30, 60])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
