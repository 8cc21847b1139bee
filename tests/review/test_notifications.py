"""E-mails through Celery: who hears of what, and a task run twice sends once."""

import pytest
from django.core import mail

from documents import workflow
from documents.models import SentNotification, TransitionLog
from documents.tasks import task_send_workflow_notification
from tests.factories import AgencyFactory


def _last_log(plan, action):
    return TransitionLog.objects.filter(document_type="plan", document_id=plan.pk, action=action).latest("id")


def test_a_submission_is_sent_to_the_leaders_once_even_when_the_task_runs_twice(
    people, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    assert len(callbacks) == 1  # enqueued after the commit, not before
    log = _last_log(plan, "submit")
    mail.outbox.clear()
    assert task_send_workflow_notification(transition_id=log.pk, event="submit") == 1
    assert task_send_workflow_notification(transition_id=log.pk, event="submit") == 0
    task_send_workflow_notification.apply(kwargs={"transition_id": log.pk, "event": "submit"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lanhdao@example.org"]
    assert message.subject == f"Văn bản chờ duyệt: {plan.title}"
    assert f"Xem văn bản: /van-ban/plan-{plan.pk}/duyet/" in message.body
    assert "Người thực hiện: Trần Thị Lan" in message.body
    assert SentNotification.objects.filter(key=f"transition-{log.pk}-submit").count() == 1


@pytest.mark.parametrize("action", ["return", "approve"])
def test_sent_back_or_approved_goes_to_the_author(people, plan, action):
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    plan = workflow.transition(document=plan, user=people["leader"], action=action, comment="Sửa mục II.")
    mail.outbox.clear()
    task_send_workflow_notification(transition_id=_last_log(plan, action).pk, event=action)
    assert [m.to for m in mail.outbox] == [["chuyenvien@example.org"]]
    assert ("Ý kiến: Sửa mục II." in mail.outbox[0].body) is True


def test_issued_goes_to_the_author_and_recipients_with_an_email(people, plan, approve):
    AgencyFactory(name="Sở Tài chính", short_name="STC", email="stc@example.org")
    AgencyFactory(name="Sở Tư pháp", short_name="STP", email="")
    plan.recipients = "Sở Tài chính;\nSở Tư pháp;\nCác sở, ban, ngành;"
    plan.save()
    plan = approve(plan)
    workflow.issue(document=plan, user=people["clerk"])
    mail.outbox.clear()
    log = _last_log(plan, "issue")
    task_send_workflow_notification(transition_id=log.pk, event="issue")
    task_send_workflow_notification(transition_id=log.pk, event="issue")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["chuyenvien@example.org", "stc@example.org"]
    assert mail.outbox[0].subject.startswith("Văn bản đã ban hành 01/KH-UBND: ")


def test_a_task_for_a_vanished_transition_does_nothing(db):
    assert task_send_workflow_notification(transition_id=999999, event="submit") == 0
