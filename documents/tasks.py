"""Background work of the review-and-issue workflow: e-mail notifications.

Tasks are thin: they load by id, return if the row is gone, and call
``documents.notifications``. A run twice sends once (``SentNotification``).
"""

from celery import shared_task


@shared_task(name="documents.task_send_workflow_notification")
def task_send_workflow_notification(*, transition_id: int, event: str) -> int:
    from .notifications import send_transition_notification

    return send_transition_notification(transition_id=transition_id, event=event)
