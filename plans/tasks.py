"""Background tasks of the plans app."""

from celery import shared_task


@shared_task(name="plans.task_ping")
def task_ping(*, payload: str = "pong") -> str:
    """Answer with what it was given: proves a task travels to a worker and
    its result comes back (healthz diagnostics, the foundation tests)."""
    return payload


@shared_task(name="plans.task_send_task_reminders")
def task_send_task_reminders() -> int:
    """Hourly (beat): due-date reminders to lead agencies; each goes once."""
    from .reminders import task_reminders_send

    return task_reminders_send()
