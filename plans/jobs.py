"""Background jobs the plans app offers (``documents.jobs``): a big plan's PDF."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import jobs, workflow

from .documents import plan_printable, plan_queryset
from .permissions import can

PLAN_PDF = "plan_pdf"

# Seconds of layout per task row, to move the bar while WeasyPrint works.
_SECONDS_PER_TASK = 0.02


def plan_pdf_in_background(plan) -> bool:
    """A plan this long is printed by a worker when one is available."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return False
    return plan.tasks.count() >= settings.KEHOACH_BACKGROUND_PDF_TASKS


class _Ticker(threading.Thread):
    """Moves the progress bar from ``start`` towards 95 % while a render runs."""

    def __init__(self, report, start: int, estimate_s: float):
        super().__init__(daemon=True)
        self.report, self.start_at, self.estimate = report, start, max(estimate_s, 0.5)
        self.stopped = threading.Event()

    def run(self) -> None:
        began = time.monotonic()
        try:
            while not self.stopped.wait(0.5):
                share = min(1.0, (time.monotonic() - began) / self.estimate)
                self.report(int(self.start_at + (95 - self.start_at) * share), _("Đang dàn trang"))
        finally:
            connection.close()


def run_plan_pdf(job, report) -> tuple[str, bytes]:
    plan = plan_queryset().filter(pk=job.params["plan_id"]).first()
    if plan is None:
        raise LookupError(_("Kế hoạch không còn tồn tại."))
    report(5, _("Đang chuẩn bị dữ liệu"))
    printable = plan_printable(plan)
    entry = workflow.entry_for(plan)
    if entry is not None:
        return printable.filename, workflow.stored_pdf(entry)
    printable.context  # noqa: B018  (built now, so the bar reflects it)
    report(30, _("Đang dàn trang"))
    ticker = None
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        close_old_connections()
        ticker = _Ticker(report, 30, plan.tasks.count() * _SECONDS_PER_TASK)
        ticker.start()
    try:
        data = printable.pdf()
    finally:
        if ticker is not None:
            ticker.stopped.set()
            ticker.join(timeout=5)
    return printable.filename, data


def _may_print(user, params: dict) -> bool:
    return str(params.get("plan_id", "")).isdigit() and can(user, "plan.print")


def register_jobs() -> None:
    jobs.register_kind(
        jobs.JobKind(key=PLAN_PDF, label=gettext_lazy("PDF kế hoạch"), run=run_plan_pdf, may_start=_may_print)
    )
