"""Background tasks of the delegates app: thin, by id, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="delegates.task_send_confirmation")
def task_send_confirmation(*, registration_id: int) -> int:
    """E-mail the focal point that the list arrived, with the list."""
    return services.confirmation_send(registration_id=registration_id)


@shared_task(name="delegates.task_send_reminders")
def task_send_reminders() -> int:
    """Remind agencies that have not submitted (Celery beat, hourly); each
    reminder goes once whatever the number of runs (services.reminders_send)."""
    return services.reminders_send()
