"""BÁO CÁO kết quả thực hiện Kế hoạch -> the data of its printed document.

Pure functions of the database rows (no request, no files), with a constant
number of queries whatever the number of tasks and reports. The results
table is generated from the agencies' reports sent until the end of the
report's ``as_of`` day, so a later report never changes a printed one.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import formatting, markup, printables
from documents.printables import Printable, PrintableType
from plans.documents import END_MARK, header_context, signature_context

from . import selectors
from .models import ProgressReport, ReportStatus

TEMPLATE = "documents/progress_report.html"
KEY = "progressreport"

# How the results column names each state (the report is read on paper).
RESULT_LABELS = {
    selectors.State.DONE: "Đã hoàn thành",
    selectors.State.ON_TRACK: "Đang thực hiện",
    selectors.State.DUE_SOON: "Đang thực hiện, sắp đến hạn",
    selectors.State.OVERDUE: "Quá hạn, chưa hoàn thành",
    selectors.State.NOT_REPORTED: "Chưa có báo cáo",
}


def _lines(value: str | None) -> list[str]:
    return [" ".join(line.split()) for line in markup.clean_text(value).split("\n") if line.strip()]


def report_year(report: ProgressReport) -> int:
    return report.issued_on.year if report.issued_on else report.as_of.year


def two(n: int) -> str:
    return formatting.two_digits(n)


def summary_sentence(summary: selectors.Summary, as_of: datetime.date) -> str:
    """ "Tính đến ngày 20/11/2026, Kế hoạch có 19 nhiệm vụ: 05 nhiệm vụ đã hoàn thành, …"."""
    counts = summary.counts
    phrases = [
        (selectors.State.DONE, "đã hoàn thành"),
        (selectors.State.ON_TRACK, "đang thực hiện đúng tiến độ"),
        (selectors.State.DUE_SOON, "đang thực hiện, sắp đến hạn"),
        (selectors.State.OVERDUE, "quá hạn chưa hoàn thành"),
        (selectors.State.NOT_REPORTED, "chưa có báo cáo"),
    ]
    parts = [f"{two(counts[state])} nhiệm vụ {phrase}" for state, phrase in phrases if counts.get(state)]
    date = as_of.strftime("%d/%m/%Y")
    if not parts:
        return f"Tính đến ngày {date}, chưa có nhiệm vụ nào được theo dõi."
    return (
        f"Tính đến ngày {date}, tổng số nhiệm vụ được theo dõi là {two(summary.total)}, "
        f"trong đó: " + "; ".join(parts) + "."
    )


def result_text(item: selectors.Tracked) -> tuple[str, str]:
    """(status line, the latest note) for the results column."""
    status = RESULT_LABELS[item.state]
    report = item.latest
    if report is None:
        return status, ""
    if report.status == ReportStatus.STALLED and item.state != selectors.State.DONE:
        status = f"{status} (gặp khó khăn, vướng mắc)"
    if report.percent is not None and report.status != ReportStatus.DONE:
        status = f"{status}, đạt {report.percent}%"
    date = timezone.localtime(report.created_at).strftime("%d/%m/%Y")
    note = " ".join(markup.clean_text(report.note).split())
    return status, f"{note} (báo cáo ngày {date})"


def result_rows(tracked: list[selectors.Tracked]) -> list[dict[str, Any]]:
    """Rows of the results table: the plan's tasks, then a group row per
    conclusion and its items (numbered 1, 2 … within it)."""
    rows: list[dict[str, Any]] = []
    group = None
    for item in tracked:
        if item.group != group:
            group = item.group
            if group:
                conclusion = item.obj.conclusion
                symbol = f" {conclusion.symbol}" if conclusion.symbol else ""
                rows.append({"kind": "group", "text": f"Kết luận{symbol} – {conclusion.event.name}"})
        status, note = result_text(item)
        rows.append(
            {
                "kind": "row",
                "number": item.number,
                "description": " ".join(markup.clean_text(item.description).split()),
                "description_html": markup.to_html(item.description),
                "time_frame": " ".join(markup.clean_text(item.time_frame).split()),
                "lead": item.lead_text,
                "status": status,
                "note": note,
            }
        )
    return rows


def build_report_context(report: ProgressReport) -> dict[str, Any]:
    """Everything templates/documents/progress_report.html prints."""
    plan = report.plan
    tracked = selectors.plan_tracked(plan, today=report.as_of, as_of=report.as_of)
    summary = selectors.summarise(tracked)
    year = report_year(report)
    closing = markup.to_html(report.closing, ensure_end=END_MARK) if report.closing.strip() else ""
    sections = [
        {
            "heading": "I. KẾT QUẢ THỰC HIỆN",
            "html": markup.to_html(report.assessment) if report.assessment.strip() else "",
            "summary": summary_sentence(summary, report.as_of),
            "table": True,
        },
        {
            "heading": "II. KHÓ KHĂN, VƯỚNG MẮC",
            "html": markup.to_html(report.difficulties or "Không có."),
        },
        {
            "heading": "III. ĐỀ XUẤT, KIẾN NGHỊ",
            "html": markup.to_html(report.proposals or "Không có.", ensure_end="" if closing else END_MARK),
        },
    ]
    return {
        "id": report.pk,
        "doc_type": report.doc_type,
        "header": header_context(report, report.issuing_agency, year=year),
        "heading": {"type_name": "BÁO CÁO", "title_lines": _lines(report.title)},
        "opening_html": markup.to_html(report.opening) if report.opening.strip() else "",
        "sections": sections,
        "rows": result_rows(tracked),
        "summary": summary,
        "closing_html": closing,
        "signature": signature_context(report),
    }


# ---- printable files ---------------------------------------------------------


def report_queryset():
    return ProgressReport.objects.select_related("issuing_agency__parent", "plan__issuing_agency").order_by(
        "-created_at", "-pk"
    )


def report_printable(report: ProgressReport) -> Printable:
    number = report.number if report.issued_on else None
    return Printable(
        id=printables.make_id(KEY, report.pk),
        doc_type=report.doc_type,
        title="Báo cáo " + " ".join(_lines(report.title)),
        template=TEMPLATE,
        author=report.issuing_agency.name,
        filename=formatting.pdf_filename(
            report.doc_type, number, report_year(report), fallback=f"bao-cao-{report.pk}"
        ),
        build_context=lambda: {"report": build_report_context(report)},
        document_date=report.issued_on.isoformat() if report.issued_on else None,
    )


def _load(pk: int) -> Printable | None:
    report = report_queryset().filter(pk=pk).first()
    return report_printable(report) if report is not None else None


REPORT_PRINTABLE = PrintableType(
    key=KEY,
    label=_("Báo cáo kết quả thực hiện kế hoạch"),
    list_all=lambda: (report_printable(r) for r in report_queryset()),
    load=_load,
    list_year=lambda year: (report_printable(r) for r in report_queryset().filter(issued_on__year=year)),
)


def register_printables() -> None:
    printables.register(REPORT_PRINTABLE)
