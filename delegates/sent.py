"""Delegates' registration reminders on the staff page "Thư nhắc đã gửi"
(``documents.notifications.register_sent_source``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from documents import notifications

from .models import ReminderSent

KIND = "reminder-registration"


def _rows(limit: int) -> list[notifications.SentRow]:
    reminders = ReminderSent.objects.select_related("registration__agency", "registration__opening").order_by(
        "-sent_at", "-pk"
    )[:limit]
    return [
        notifications.SentRow(
            sent_at=reminder.sent_at,
            kind=KIND,
            subject=f"{reminder.get_kind_display()}: {reminder.registration.opening.title} "
            f"– {reminder.registration.agency.name}",
            recipients=reminder.recipient,
        )
        for reminder in reminders
    ]


def register_sent_source() -> None:
    notifications.register_sent_source(
        notifications.SentSource(kind=KIND, label=gettext_lazy("Nhắc hạn đăng ký đại biểu"), rows=_rows)
    )
