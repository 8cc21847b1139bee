"""Reminders of plan task due dates, to the lead agencies, sent once each.

Run hourly by Celery beat (``plans.task_send_task_reminders``). For each
task of an issued plan that is neither done nor cancelled: one e-mail per
lead agency with an address when the due date is ``KEHOACH_TASK_REMINDER_DAYS``
days away or less, and one more once it has passed. The key of each
message holds the due date, so moving a due date reminds again; a run
twice sends nothing new (``documents.notifications.send_once``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from documents import notifications, workflow
from documents.language import in_document_language
from documents.models import DocumentStatus

from .models import Task, TaskStatus

SOON = "soon"
OVERDUE = "overdue"


def reminder_kind(due: datetime.date, today: datetime.date, days: int) -> str | None:
    if due < today:
        return OVERDUE
    if (due - today).days <= days:
        return SOON
    return None


@in_document_language
def task_reminders_send(*, today: datetime.date | None = None) -> int:
    """Send the reminders due today; returns the number of e-mails sent."""
    today = today or workflow.local_today()
    days = settings.KEHOACH_TASK_REMINDER_DAYS
    tasks = (
        Task.objects.filter(
            plan__status=DocumentStatus.ISSUED,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=days),
        )
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .select_related("plan")
        .prefetch_related("lead_agencies")
        .order_by("due_date", "pk")
    )
    base = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    sent = 0
    for task in tasks:
        kind = reminder_kind(task.due_date, today, days)
        if kind is None:
            continue
        due = task.due_date.strftime("%d/%m/%Y")
        plan_title = " ".join(task.plan.title.split())
        if kind == OVERDUE:
            subject = _("Nhiệm vụ đã quá hạn %(due)s: %(task)s")
        else:
            subject = _("Nhắc hạn nhiệm vụ (hạn %(due)s): %(task)s")
        subject = subject % {"due": due, "task": " ".join(task.description.split())[:120]}
        body = "\n".join(
            [
                _("Kế hoạch: %(plan)s") % {"plan": plan_title},
                _("Nhiệm vụ: %(task)s") % {"task": " ".join(task.description.split())},
                _("Thời gian thực hiện: %(frame)s (hạn %(due)s)") % {"frame": task.time_frame, "due": due},
                _("Xem kế hoạch: %(url)s") % {"url": base + reverse("plans:detail", args=[task.plan_id])},
            ]
        )
        for agency in task.lead_agencies.all():
            if not agency.email:
                continue
            key = f"reminder-task-{task.pk}-{agency.pk}-{kind}-{task.due_date.isoformat()}"
            if notifications.send_once(key=key, to=[agency.email], subject=subject, body=body):
                sent += 1
    return sent
