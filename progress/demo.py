"""Demo data: reports on the demo plans' tasks, a secret link, and a
conclusion of a demo event turned into tracked tasks, so that the progress
dashboard and the BÁO CÁO mean something right after ``make run``.

Idempotent: a plan that already has reports is left alone.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from conferences.models import Event
from documents.models import DocumentStatus
from documents.workflow import local_today
from plans.models import Agency, Plan

from . import selectors, services
from .models import Conclusion, ProgressReport, ReportStatus, TaskReport

ASSESSMENT = (
    "Các sở, ban, ngành và địa phương đã chủ động triển khai các nhiệm vụ được giao; "
    "phần lớn nhiệm vụ hoàn thành đúng thời gian, chất lượng bảo đảm.\n"
    "- Công tác tổng hợp, báo cáo được thực hiện kịp thời;\n"
    "- Một số nhiệm vụ còn chậm so với thời gian yêu cầu."
)
DIFFICULTIES = (
    "Một số cơ quan chưa gửi báo cáo đúng thời hạn; việc phối hợp giữa các cơ quan "
    "trong tổng hợp số liệu còn chậm."
)
PROPOSALS = (
    "Đề nghị UBND tỉnh chỉ đạo các cơ quan, đơn vị chưa hoàn thành nhiệm vụ khẩn trương "
    "triển khai và báo cáo kết quả về Sở Nội vụ để tổng hợp."
)

NOTES = {
    ReportStatus.DONE: "Đã hoàn thành; kết quả đã gửi Sở Nội vụ tổng hợp.",
    ReportStatus.IN_PROGRESS: "Đang triển khai, đã hoàn thành phần lớn khối lượng công việc.",
    ReportStatus.STALLED: "Chậm so với kế hoạch do chờ ý kiến của các cơ quan phối hợp.",
    ReportStatus.NOT_STARTED: "Đã giao phòng chuyên môn chuẩn bị, chưa triển khai.",
}
PATTERN = [ReportStatus.DONE, ReportStatus.DONE, ReportStatus.IN_PROGRESS, None, ReportStatus.STALLED]


def _report(kind: str, item, agency: Agency, status: str, percent: int | None = None) -> None:
    services.report_submit(
        kind=kind,
        task_id=item.pk,
        agency=agency,
        status=status,
        note=NOTES[status],
        percent=percent,
        reporter_label=f"Đầu mối {agency.name}",
    )


def _add_plan_reports(plan: Plan, today: datetime.date) -> int:
    tracked = [
        item
        for item in selectors.plan_tracked(plan, today=today)
        if item.leads and item.kind == selectors.PLAN_KIND
    ]
    for index, item in enumerate(tracked):
        status = PATTERN[index % len(PATTERN)]
        if status is None:
            continue
        _report(
            item.kind, item.obj, item.leads[0], status, 60 if status == ReportStatus.IN_PROGRESS else None
        )
    return len(tracked)


def _add_conclusion(plan: Plan, today: datetime.date) -> Conclusion | None:
    event = Event.objects.filter(plan=plan).order_by("position", "id").first()
    if event is None:
        return None
    existing = Conclusion.objects.filter(event=event).first()
    if existing is not None:
        return existing
    agencies = {
        a.name: a
        for a in Agency.objects.filter(
            name__in=[
                "Sở Nội vụ",
                "Sở Tư pháp",
                "Sở Tài chính",
                "Sở Thông tin và Truyền thông",
                "Văn phòng UBND tỉnh",
            ]
        )
    }
    issuer = Agency.objects.filter(name="Ủy ban nhân dân tỉnh Khánh Hòa").first() or plan.issuing_agency
    issued = today - datetime.timedelta(days=40)
    conclusion = services.conclusion_save(
        conclusion=None,
        event=event,
        data={
            "issuing_agency": issuer,
            "symbol": "215/TB-UBND",
            "issued_on": issued,
            "title": f"Kết luận của Phó Chủ tịch UBND tỉnh tại {event.name}",
            "signer_title": "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
            "signer_name": "Trần Văn Bình",
            "summary": "Phó Chủ tịch UBND tỉnh kết luận và giao nhiệm vụ các cơ quan như sau.",
        },
    )

    def frame(days: int) -> str:
        return f"Trước ngày {(today + datetime.timedelta(days=days + 1)).strftime('%d/%m/%Y')}"

    specs = [
        (
            "Rà soát, công bố đầy đủ thủ tục hành chính thuộc thẩm quyền giải quyết.",
            frame(6),
            ["Sở Tư pháp"],
            ["Văn phòng UBND tỉnh"],
        ),
        (
            "Tham mưu UBND tỉnh bố trí kinh phí cải cách hành chính năm sau.",
            frame(-10),
            ["Sở Tài chính"],
            ["Sở Nội vụ"],
        ),
        (
            "Hoàn thiện bộ chỉ số đánh giá cải cách hành chính các sở, ngành và địa phương.",
            frame(60),
            ["Sở Nội vụ"],
            ["Sở Tư pháp"],
        ),
        (
            "Tuyên truyền kết quả cải cách hành chính trên các phương tiện thông tin đại chúng.",
            "Thường xuyên",
            ["Sở Thông tin và Truyền thông"],
            [],
        ),
    ]
    for description, time_frame, leads, cooperators in specs:
        lead_agencies = [agencies[name] for name in leads if name in agencies]
        if not lead_agencies:
            continue
        services.conclusion_task_save(
            conclusion=conclusion,
            item=None,
            description=description,
            time_frame=time_frame,
            leads=lead_agencies,
            cooperators=[agencies[name] for name in cooperators if name in agencies],
        )
    items = list(conclusion.tasks.prefetch_related("lead_agencies").order_by("position"))
    if len(items) >= 3:
        _report(
            selectors.CONCLUSION_KIND, items[2], items[2].lead_agencies.all()[0], ReportStatus.IN_PROGRESS, 40
        )
    return conclusion


@transaction.atomic
def load_demo() -> str:
    today = local_today()
    plans = list(Plan.objects.filter(status=DocumentStatus.ISSUED).order_by("-year", "pk"))
    conclusions = 0
    for plan in plans:
        if TaskReport.objects.filter(task__plan=plan).exists():
            continue
        _add_plan_reports(plan, today)
    with_event = [plan for plan in plans if Event.objects.filter(plan=plan).exists()]
    if with_event:
        newest = with_event[0]
        if _add_conclusion(newest, today) is not None:
            conclusions += 1
        justice = Agency.objects.filter(name="Sở Tư pháp").first()
        if justice is not None and justice in services.plan_lead_agencies(newest):
            from delegates.access import links_for

            if not links_for(newest).filter(agency=justice, revoked_at__isnull=True).exists():
                services.link_issue(plan=newest, agency=justice)
    with_tasks = max(plans, key=lambda plan: plan.tasks.count(), default=None)
    if with_tasks is not None and not ProgressReport.objects.filter(plan=with_tasks).exists():
        report = services.report_create(plan=with_tasks, today=today)
        services.report_update(
            report=report,
            data={
                "assessment": ASSESSMENT,
                "difficulties": DIFFICULTIES,
                "proposals": PROPOSALS,
                "signer_name": "Nguyễn Văn Phúc",
            },
        )
    reports = TaskReport.objects.count()
    return (
        f"Tiến độ: {reports} báo cáo của các cơ quan, {conclusions} thông báo kết luận, một dự thảo báo cáo."
    )
