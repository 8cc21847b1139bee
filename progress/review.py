"""The BÁO CÁO in the review-and-issue workflow (documents.workflow).

Staff draft and submit, leaders approve or send back, the clerk issues it
with the next number of the issuing body's register; once issued its PDF
is the stored file and the report row is frozen.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents import workflow
from plans.review import agency_register, agency_symbol, permission_checker, record_number, snapshot_text

from . import documents
from .models import ProgressReport

KEY = documents.KEY

PERMISSIONS = {
    "view": "progress.view",
    "submit": "progress.manage",
    "review": "plan.review",
    "issue": "plan.issue",
}
KIND_LABELS = {"progressrow": _("Kết quả nhiệm vụ")}


_can = permission_checker(PERMISSIONS)
_text = snapshot_text


def report_snapshot(report: ProgressReport) -> dict[str, Any]:
    report = documents.report_queryset().get(pk=report.pk)
    context = documents.build_report_context(report)
    fields = {
        str(_("Trích yếu")): _text(report.title),
        str(_("Số liệu tính đến ngày")): report.as_of.strftime("%d/%m/%Y"),
        str(_("Mở đầu")): _text(report.opening),
        str(_("Đánh giá chung")): _text(report.assessment),
        str(_("Khó khăn, vướng mắc")): _text(report.difficulties),
        str(_("Đề xuất, kiến nghị")): _text(report.proposals),
        str(_("Kết thúc")): _text(report.closing),
        str(_("Người ký")): _text(f"{report.signer_title}\n{report.signer_name}"),
        str(_("Nơi nhận")): _text(report.recipients),
    }
    rows = []
    for index, row in enumerate(r for r in context["rows"] if r["kind"] == "row"):
        rows.append(
            {
                "id": index + 1,
                "label": f"{row['number'] or index + 1}. {row['description'][:80]}",
                "fields": {
                    str(_("Đơn vị chủ trì")): row["lead"],
                    str(_("Kết quả")): row["status"],
                    str(_("Ghi chú")): row["note"],
                },
            }
        )
    return {"title": report.title, "fields": fields, "parts": {"progressrow": rows}}


def report_register(report: ProgressReport) -> tuple[str, str]:
    return agency_register(report.issuing_agency)


PROGRESS_REPORT_WORKFLOW = workflow.WorkflowType(
    key=KEY,
    label=_("Báo cáo kết quả thực hiện kế hoạch"),
    model=ProgressReport,
    can=_can,
    printable=lambda report: documents.report_printable(documents.report_queryset().get(pk=report.pk)),
    snapshot=report_snapshot,
    register=report_register,
    symbol=agency_symbol,
    apply_issue=record_number,
    author=lambda report: report.created_by,
    url=lambda report: report.get_absolute_url(),
    pdf_url=lambda report: reverse("progress:report_pdf", args=[report.pk]),
    title=lambda report: report.title,
    history=lambda report: [(str(_("Báo cáo")), ProgressReport.history.filter(id=report.pk))],
    queryset=lambda: ProgressReport.objects.select_related("issuing_agency", "plan"),
)


def register_workflow() -> None:
    workflow.register(PROGRESS_REPORT_WORKFLOW)
    workflow.register_kind_labels(KIND_LABELS)
