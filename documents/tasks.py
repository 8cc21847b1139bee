"""Background work of the review-and-issue workflow: e-mail notifications.

Tasks are thin: they load by id, return if the row is gone, and call
``documents.notifications``. A run twice sends once (``SentNotification``).
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(name="documents.task_send_workflow_notification")
def task_send_workflow_notification(*, transition_id: int, event: str) -> int:
    from .notifications import send_transition_notification

    return send_transition_notification(transition_id=transition_id, event=event)


@shared_task(
    name="documents.task_run_job",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError, TimeoutError),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=540,
    time_limit=600,
)
def task_run_job(*, job_id: int) -> str:
    """Run a background job (``documents.jobs``). Safe to run twice: a done
    job returns at once; a job whose worker died starts over; its e-mail
    goes once."""
    from .jobs import job_run

    return job_run(job_id=job_id)


@shared_task(name="documents.task_prune_render_cache")
def task_prune_render_cache() -> int:
    """Daily (beat): rendered files older than KEHOACH_RENDER_CACHE_DAYS go."""
    from django.conf import settings

    from .cache import prune

    return prune(older_than_days=settings.KEHOACH_RENDER_CACHE_DAYS)
