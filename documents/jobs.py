"""Background jobs: long work a user starts and collects later.

An app registers the kinds of job it offers (``register_kind`` in
``AppConfig.ready()``): how to run one, who may start it. ``job_start``
records the job and sends it to the worker after the transaction commits;
``job_run`` (called by ``documents.tasks.task_run_job``) does the work,
reports progress, stores the result file and e-mails the owner once.

The job row exists before the broker is asked anything: if Redis is down
the job stays "not sent" with a clear message, and its owner sends it again
from "Tệp của tôi". Without REDIS_URL, tasks run in process (eager) and a
job is done when the page that started it answers.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notifications, printables, workflow
from .language import in_document_language
from .models import Job, JobStatus, RegisterEntry, job_resend_before

logger = logging.getLogger(__name__)

# Errors worth another try later: the database or a connection went away.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)

Report = Callable[[int, str], None]


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str | Promise
    # (job, report) -> (file name, bytes). ``report(percent, message)`` moves the bar.
    run: Callable[[Job, Report], tuple[str, bytes]]
    # (user, params) -> may this user start it?
    may_start: Callable[[object, dict], bool]


_kinds: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> JobKind:
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"job kind {kind.key!r} registered twice")
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> JobKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(key) from None


def kinds() -> list[JobKind]:
    return list(_kinds.values())


# ---- starting and sending


UNAVAILABLE = gettext_lazy(
    "Hệ thống xử lý nền tạm thời không hoạt động nên chưa bắt đầu được. "
    "Yêu cầu đã được lưu trong «Tệp của tôi»; hãy bấm «Gửi lại» sau ít phút."
)


def _send(job_id: int) -> bool:
    """Hand the job to the broker; on failure mark it "not sent"."""
    from .tasks import task_run_job

    options: dict = {"retry": False}
    queue = getattr(settings, "KEHOACH_JOBS_QUEUE", None)
    if queue:
        options["queue"] = queue
    try:
        task_run_job.apply_async(kwargs={"job_id": job_id}, **options)
    except Exception:  # kombu/redis raise many types for "no broker"; all mean the same here
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.warning("job %s not sent: broker unavailable", job_id, exc_info=True)
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.NOT_SENT, message=str(UNAVAILABLE)
        )
        return False
    return True


def job_start(*, owner, kind: str, params: dict, title: str) -> Job:
    """Record a job and send it after commit. Returns the job as it stands
    after sending (status "not_sent" when the broker is unreachable)."""
    job_kind = get_kind(kind)
    if not job_kind.may_start(owner, params):
        raise PermissionError(kind)
    with transaction.atomic():
        job = Job.objects.create(owner=owner, kind=kind, params=params, title=title[:300])
        transaction.on_commit(lambda: _send(job.pk))
    job.refresh_from_db()
    return job


def job_retry(*, job: Job) -> Job:
    """Send a job that was not sent, or failed, again; also one still waiting
    (never started) for longer than KEHOACH_JOB_RESEND_AFTER_MINUTES, whose
    message the broker most likely lost. Sending twice is harmless: a done
    job returns at once when its second message arrives."""
    retryable = Q(status__in=[JobStatus.NOT_SENT, JobStatus.FAILED]) | Q(
        status=JobStatus.QUEUED, started_at__isnull=True, queued_at__lt=job_resend_before()
    )
    with transaction.atomic():
        updated = Job.objects.filter(retryable, pk=job.pk).update(
            status=JobStatus.QUEUED, message="", progress=0, queued_at=timezone.now()
        )
        if updated:
            transaction.on_commit(lambda: _send(job.pk))
    job.refresh_from_db()
    return job


def jobs_of(user):
    return Job.objects.filter(owner=user).order_by("-created_at", "-id")


# ---- running


def _report_to(job_id: int) -> Report:
    def report(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(99, int(percent))), message=message[:500])

    return report


def job_run(*, job_id: int) -> str:
    """Run one job; safe to call again (a done job returns at once, a job
    whose worker died mid-way starts over). Transient errors propagate so
    the task retries; others mark the job failed."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return "gone"
        if job.status == JobStatus.DONE:
            return "done before"
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.progress = 0
        job.message = ""
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "progress", "message", "started_at"])
    try:
        kind = get_kind(job.kind)
        filename, data = kind.run(job, _report_to(job.pk))
    except TRANSIENT_ERRORS:
        Job.objects.filter(pk=job.pk).update(message=_("Lỗi tạm thời, hệ thống sẽ tự chạy lại."))
        raise
    except SoftTimeLimitExceeded:
        _fail(job, _("Quá thời gian cho phép; hãy thử lại hoặc chia nhỏ yêu cầu."))
        return "timed out"
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("Có lỗi khi tạo tệp. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống."))
        return "failed"
    old = job.result.name if job.result else ""
    job.result.save(filename, ContentFile(data), save=False)
    if old and old != job.result.name:
        job.result.storage.delete(old)
    job.result_name = filename[:200]
    job.status = JobStatus.DONE
    job.progress = 100
    job.message = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "result_name", "status", "progress", "message", "finished_at"])
    notify_ready(job)
    return "done"


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, message=message[:500], finished_at=timezone.now()
    )


@in_document_language
def notify_ready(job: Job) -> bool:
    """E-mail the owner that the file is ready: once per job, even when the
    task runs again (``notifications.send_once``)."""
    email = (job.owner.email or "").strip()
    if not email:
        return False
    base = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    body = "\n".join(
        [
            _("Tệp «%(title)s» đã sẵn sàng.") % {"title": job.title},
            _("Tải về tại «Tệp của tôi»: %(url)s") % {"url": base + reverse("documents:jobs")},
        ]
    )
    return notifications.send_once(
        key=f"job-{job.pk}-ready",
        to=[email],
        subject=_("Tệp đã sẵn sàng: %(title)s") % {"title": job.title[:150]},
        body=body,
    )


# ---- the year's archive: every issued file as stored, every other printable as rendered


def _archive_name(text: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)
    return keep.strip("-") or "van-ban"


def run_year_archive(job: Job, report: Report) -> tuple[str, bytes]:
    year = int(job.params["year"])
    entries = list(RegisterEntry.objects.filter(year=year).order_by("register__name", "number"))
    issued_ids = {f"{entry.document_type}-{entry.document_id}" for entry in entries}
    drafts = [
        printable
        for printable_type in printables.types()
        if printable_type.list_year is not None
        for printable in printable_type.list_year(year)
        if printable.id not in issued_ids
    ]
    total = max(1, len(entries) + len(drafts))
    buffer = io.BytesIO()
    done = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            data = workflow.stored_pdf(entry)
            archive.writestr(f"da-ban-hanh/{_archive_name(entry.symbol)}.pdf", data)
            done += 1
            report(
                done * 100 // total, _("Đã thêm %(done)s/%(total)s văn bản") % {"done": done, "total": total}
            )
        for printable in drafts:
            archive.writestr(f"chua-ban-hanh/{printable.id}-{printable.filename}", printable.pdf())
            done += 1
            report(
                done * 100 // total, _("Đã thêm %(done)s/%(total)s văn bản") % {"done": done, "total": total}
            )
    return f"luu-tru-{year}.zip", buffer.getvalue()


def _may_archive(user, params: dict) -> bool:
    return str(params.get("year", "")).isdigit() and any(
        wtype.can(user, "view") for wtype in workflow.types()
    )


YEAR_ARCHIVE = register_kind(
    JobKind(
        key="year_archive",
        label=gettext_lazy("Lưu trữ văn bản cả năm (ZIP)"),
        run=run_year_archive,
        may_start=_may_archive,
    )
)
