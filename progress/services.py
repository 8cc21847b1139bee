"""Writes of the progress app: task reports, secret links per agency and
plan, reminders, conclusions and their tasks, the BÁO CÁO.

Every rule is checked here, whoever calls: an agency reports only on a task
it leads in an issued plan, a file has an accepted type, size and content.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegates.access import AgencyAccessLink, issue_link, links_for
from documents import formatting, notifications
from documents.models import DocumentStatus
from documents.uploads import check_upload
from plans.models import Agency, Plan, Task
from plans.timeframes import describe

from . import selectors
from .models import Conclusion, ConclusionTask, ProgressReport, ReportStatus, TaskReport

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NOTE_CHARS = 4000
# Extension -> (content type, the file's first bytes).
ALLOWED_FILES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
# A plan's links stay valid this long after its last due date (or after today).
LINK_DAYS_AFTER_DUE = 180


# --------------------------------------------------------------------------- reports


def validate_file(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; ValidationError otherwise."""
    _extension, content_type = check_upload(
        upload,
        allowed=ALLOWED_FILES,
        max_bytes=MAX_FILE_BYTES,
        type_message=_("Tệp «%(name)s» không đúng loại: chỉ nhận PDF, Word, Excel, JPG, PNG."),
        code="file",
    )
    return content_type


def report_submit(
    *,
    kind: str,
    task_id: int,
    agency: Agency,
    status: str,
    note: str,
    percent: int | None = None,
    upload: UploadedFile | None = None,
    user=None,
    reporter_label: str = "",
    on_behalf: bool = False,
) -> TaskReport:
    """Record a report of ``agency`` on a task it leads in an issued plan.

    ``on_behalf``: staff record it for the lead agency (a report received on
    paper); the agency must still be one of the task's lead agencies."""
    found = selectors.find_tracked(kind, task_id, agency=agency)
    if found is None:
        raise ValidationError(_("Cơ quan không chủ trì nhiệm vụ này."), code="not_lead")
    obj, _plan = found
    if status not in ReportStatus.values:
        raise ValidationError({"status": _("Chọn một tình trạng trong danh sách.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Ghi ngắn gọn kết quả, tiến độ thực hiện.")})
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError({"note": _("Tối đa %(n)d ký tự.") % {"n": MAX_NOTE_CHARS}})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Tỷ lệ phải từ 0 đến 100.")})
    if status == ReportStatus.DONE and percent is None:
        percent = 100
    content_type = validate_file(upload) if upload else ""
    if user is not None and getattr(user, "is_authenticated", False):
        name = " ".join(p for p in (user.last_name, user.first_name) if p) or user.get_username()
        label = (
            _("%(name)s (thay mặt %(agency)s)") % {"name": name, "agency": agency.name} if on_behalf else name
        )
    else:
        user = None
        label = reporter_label or _("Đầu mối %(agency)s (liên kết riêng)") % {"agency": agency.name}
    report = TaskReport(
        task=obj if kind == selectors.PLAN_KIND else None,
        conclusion_task=obj if kind == selectors.CONCLUSION_KIND else None,
        agency=agency,
        status=status,
        percent=percent,
        note=note,
        reported_by=user,
        reporter_label=label[:300],
    )
    if upload:
        report.original_name = (upload.name or "")[:255]
        report.size = upload.size
        report.content_type = content_type
        report.file.save(upload.name or "tep", upload, save=False)
    report.save()
    return report


# --------------------------------------------------------------------------- secret links


def plan_link_expiry(plan: Plan, *, today: datetime.date | None = None) -> datetime.datetime:
    """Links to report on a plan work until half a year after its last due
    date (or after today, when that is later)."""
    from documents.workflow import LOCAL_TZ, local_today

    today = today or local_today()
    dues = list(Task.objects.filter(plan=plan, due_date__isnull=False).values_list("due_date", flat=True))
    dues += list(
        ConclusionTask.objects.filter(conclusion__event__plan=plan, due_date__isnull=False).values_list(
            "due_date", flat=True
        )
    )
    last = max([today, *dues])
    day = last + datetime.timedelta(days=LINK_DAYS_AFTER_DUE)
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=LOCAL_TZ)


def plan_lead_agencies(plan: Plan) -> list[Agency]:
    """The agencies that lead at least one task of the plan or of its conclusions."""
    ids = set(Task.objects.filter(plan=plan).values_list("lead_agencies", flat=True))
    ids |= set(
        ConclusionTask.objects.filter(conclusion__event__plan=plan).values_list("lead_agencies", flat=True)
    )
    ids.discard(None)
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


def link_issue(*, plan: Plan, agency: Agency, user=None) -> tuple[AgencyAccessLink, str]:
    """A new secret link for ``agency`` to report on ``plan``; its older links are revoked."""
    if agency.pk not in {a.pk for a in plan_lead_agencies(plan)}:
        raise ValidationError(_("Cơ quan này không chủ trì nhiệm vụ nào của kế hoạch."), code="not_lead")
    with transaction.atomic():
        links_for(plan).filter(agency=agency, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return issue_link(agency=agency, target=plan, expires_at=plan_link_expiry(plan), created_by=user)


# --------------------------------------------------------------------------- reminders


@dataclass(frozen=True)
class ReminderResult:
    sent: int
    already: int
    no_address: list[str]


def reminders_send(*, plan: Plan, today: datetime.date) -> ReminderResult:
    # E-mails to agencies are official Vietnamese texts whatever the sender's UI language.
    with translation.override(settings.LANGUAGE_CODE):
        return _reminders_send(plan=plan, today=today)


def _reminders_send(*, plan: Plan, today: datetime.date) -> ReminderResult:
    """E-mail each lead agency about its tasks of ``plan`` that are overdue,
    due soon or not reported, once per task, agency, state and due date
    (``documents.notifications.send_once``): pressing the button again
    sends nothing new until something changes."""
    base = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    sent = already = 0
    no_address: set[str] = set()
    plan_title = " ".join(plan.title.split())
    for item in selectors.plan_tracked(plan, today=today):
        if item.state not in (
            selectors.State.OVERDUE,
            selectors.State.DUE_SOON,
            selectors.State.NOT_REPORTED,
        ):
            continue
        due = item.due.strftime("%d/%m/%Y") if item.due else ""
        description = " ".join(item.description.split())
        if item.state == selectors.State.OVERDUE:
            subject = _("Nhiệm vụ quá hạn, đề nghị báo cáo tiến độ: %(task)s")
        elif item.state == selectors.State.DUE_SOON:
            subject = _("Nhiệm vụ sắp đến hạn %(due)s, đề nghị báo cáo tiến độ: %(task)s")
        else:
            subject = _("Đề nghị báo cáo tiến độ nhiệm vụ: %(task)s")
        subject = subject % {"task": description[:120], "due": due}
        lines = [
            _("Kế hoạch: %(plan)s") % {"plan": plan_title},
            _("Nhiệm vụ: %(task)s") % {"task": description},
            _("Thời gian thực hiện: %(frame)s") % {"frame": item.time_frame or "—"},
        ]
        if item.latest is not None:
            lines.append(
                _("Báo cáo gần nhất: %(status)s, ngày %(date)s")
                % {
                    "status": item.latest.get_status_display(),
                    "date": timezone.localtime(item.latest.created_at).strftime("%d/%m/%Y"),
                }
            )
        lines.append(
            _("Báo cáo tại trang «Nhiệm vụ của đơn vị»: %(url)s (hoặc liên kết riêng Sở Nội vụ đã gửi).")
            % {"url": base + reverse("progress:agency_tasks")}
        )
        body = "\n".join(lines)
        for agency in item.leads:
            if not agency.email:
                no_address.add(agency.name)
                continue
            # Kind "reminder-task" (documents.notifications.kind_of): listed with the plans' own
            # due-date reminders on "Thư nhắc đã gửi"; "progress" keeps the keys apart.
            key = (
                f"reminder-task-progress-{item.kind}-{item.pk}-{agency.pk}-{item.state}-{item.due or 'none'}"
            )
            if notifications.send_once(key=key, to=[agency.email], subject=subject, body=body):
                sent += 1
            else:
                already += 1
    return ReminderResult(sent=sent, already=already, no_address=sorted(no_address))


# --------------------------------------------------------------------------- conclusions


def conclusion_save(*, conclusion: Conclusion | None, event, data: dict, user=None) -> Conclusion:
    fields = ("issuing_agency", "symbol", "issued_on", "title", "signer_title", "signer_name", "summary")
    if conclusion is None:
        conclusion = Conclusion(
            event=event, created_by=user if getattr(user, "is_authenticated", False) else None
        )
    for name in fields:
        if name in data:
            setattr(conclusion, name, data[name])
    conclusion.save()
    return conclusion


def _due_for(time_frame: str, conclusion: Conclusion) -> datetime.date | None:
    year = conclusion.issued_on.year if conclusion.issued_on else None
    return describe(time_frame, year=year).due


@transaction.atomic
def conclusion_task_save(
    *,
    conclusion: Conclusion,
    item: ConclusionTask | None,
    description: str,
    time_frame: str,
    leads: Iterable[Agency],
    cooperators: Iterable[Agency] = (),
) -> ConclusionTask:
    leads = list(leads)
    if not leads:
        raise ValidationError({"lead_agencies": _("Chọn ít nhất một cơ quan chủ trì.")})
    if item is None:
        last = conclusion.tasks.order_by("-position").values_list("position", flat=True).first() or 0
        item = ConclusionTask(conclusion=conclusion, position=last + 1)
    item.description = description.strip()
    item.time_frame = " ".join((time_frame or "").split())
    item.due_date = _due_for(item.time_frame, conclusion)
    item.save()
    item.lead_agencies.set(leads)
    item.cooperating_agencies.set([a for a in cooperators if a not in leads])
    return item


def conclusion_task_delete(*, item: ConclusionTask) -> None:
    if item.reports.exists():
        raise ValidationError(_("Nhiệm vụ đã có báo cáo tiến độ nên không xóa được."), code="has_reports")
    conclusion = item.conclusion
    with transaction.atomic():
        item.delete()
        for position, remaining in enumerate(conclusion.tasks.order_by("position", "id"), start=1):
            if remaining.position != position:
                remaining.position = position
                remaining.save(update_fields=["position"])


# --------------------------------------------------------------------------- BÁO CÁO


def default_issuer(plan: Plan) -> Agency:
    """The Sở Nội vụ reports on plans; the plan's own issuer when it is not in the directory."""
    return Agency.objects.filter(name="Sở Nội vụ").first() or plan.issuing_agency


def report_create(*, plan: Plan, user=None, today: datetime.date) -> ProgressReport:
    from plans.documents import document_reference

    issuer = default_issuer(plan)
    short = formatting.short_agency_name(plan.issuing_agency.name)
    decision = plan.decision
    if decision is not None and not (plan.number and plan.issued_on):
        # A plan issued "kèm theo" a decision has no number of its own (seed 003).
        year = decision.issued_on.year if decision.issued_on else plan.year
        reference = document_reference(decision, decision.issuing_agency, kind="Quyết định", year=year)
        issuer_short = formatting.short_agency_name(decision.issuing_agency.name)
        plan_ref = f"Kế hoạch ban hành kèm theo {reference} của {issuer_short}"
    else:
        reference = document_reference(plan, plan.issuing_agency, kind="Kế hoạch", year=plan.year)
        plan_ref = f"{reference} của {short}"
    return ProgressReport.objects.create(
        plan=plan,
        issuing_agency=issuer,
        as_of=today,
        title=f"Kết quả thực hiện {plan_ref}",
        opening=f"Thực hiện {plan_ref} về {' '.join(plan.title.split())[:1].lower()}"
        f"{' '.join(plan.title.split())[1:]}, {issuer.name} báo cáo kết quả thực hiện như sau:",
        closing=f"Trên đây là báo cáo kết quả thực hiện {plan_ref} của {issuer.name}.",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" if issuer.name == "Sở Nội vụ" else "",
        recipients=f"{short}" if plan.issuing_agency_id != issuer.pk else "",
        archive="VT",
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def report_update(*, report: ProgressReport, data: dict) -> ProgressReport:
    if report.status not in (DocumentStatus.DRAFT, DocumentStatus.RETURNED):
        raise ValidationError(_("Báo cáo đang trình duyệt hoặc đã ban hành nên không sửa được."))
    for name, value in data.items():
        setattr(report, name, value)
    report.save()
    return report
