"""Plan task due-date reminders: to the lead agency, N days before and once
overdue, each sent once; the staff page lists them."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from documents.models import DocumentStatus, SentNotification
from plans.models import TaskStatus
from plans.permissions import Role
from plans.reminders import task_reminders_send
from tests.factories import AgencyFactory, PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 5, 10)


@pytest.fixture
def issued_task(settings):
    settings.KEHOACH_TASK_REMINDER_DAYS = 7
    agency = AgencyFactory(email="vanthu@sonoivu.example")
    plan = PlanFactory(status=DocumentStatus.ISSUED, title="Kế hoạch cải cách hành chính")
    task = TaskFactory(plan=plan, description="Báo cáo kết quả quý II", due_date=datetime.date(2024, 5, 15))
    task.lead_agencies.add(agency)
    return task


def test_a_reminder_goes_once_before_the_due_date_and_once_overdue(issued_task):
    assert task_reminders_send(today=datetime.date(2024, 5, 1)) == 0  # 14 days before: not yet
    assert task_reminders_send(today=TODAY) == 1
    assert task_reminders_send(today=TODAY) == 0
    assert task_reminders_send(today=datetime.date(2024, 5, 14)) == 0
    assert task_reminders_send(today=datetime.date(2024, 5, 16)) == 1
    assert task_reminders_send(today=datetime.date(2024, 5, 17)) == 0
    assert [m.subject for m in mail.outbox] == [
        "Nhắc hạn nhiệm vụ (hạn 15/05/2024): Báo cáo kết quả quý II",
        "Nhiệm vụ đã quá hạn 15/05/2024: Báo cáo kết quả quý II",
    ]
    assert mail.outbox[0].to == ["vanthu@sonoivu.example"]
    assert SentNotification.objects.filter(key__startswith="reminder-task-").count() == 2


def test_done_tasks_and_draft_plans_are_not_reminded(issued_task):
    draft_task = TaskFactory(plan=PlanFactory(), due_date=datetime.date(2024, 5, 12))
    draft_task.lead_agencies.add(AgencyFactory(email="a@example.org"))
    issued_task.status = TaskStatus.DONE
    issued_task.save()
    assert task_reminders_send(today=TODAY) == 0
    assert mail.outbox == []


def test_a_moved_due_date_reminds_again(issued_task):
    assert task_reminders_send(today=TODAY) == 1
    issued_task.due_date = datetime.date(2024, 5, 16)
    issued_task.save()
    assert task_reminders_send(today=TODAY) == 1


def test_the_staff_page_lists_what_was_sent(issued_task, client_for):
    task_reminders_send(today=TODAY)
    page = client_for(Role.STAFF).get("/van-ban/thu-da-gui/?kind=reminder-task")
    assert page.status_code == 200
    assert "Nhắc hạn nhiệm vụ (hạn 15/05/2024): Báo cáo kết quả quý II" in page.content.decode()
    assert client_for(Role.AGENCY).get("/van-ban/thu-da-gui/").status_code == 403


def test_the_staff_page_also_lists_registration_reminders(issued_task, client_for):
    from delegates.models import ReminderSent
    from tests.delegates.factories import RegistrationFactory

    task_reminders_send(today=TODAY)
    registration = RegistrationFactory(opening__title="Đăng ký dự Hội nghị tổng kết")
    ReminderSent.objects.create(
        registration=registration, kind="day_before", deadline=registration.opening.deadline, recipient="a@b"
    )
    client = client_for(Role.STAFF)
    everything = client.get("/van-ban/thu-da-gui/").content.decode()
    assert "Nhắc trước hạn 01 ngày: Đăng ký dự Hội nghị tổng kết" in everything
    assert "Nhắc hạn nhiệm vụ (hạn 15/05/2024): Báo cáo kết quả quý II" in everything
    only = client.get("/van-ban/thu-da-gui/?kind=reminder-registration").content.decode()
    assert "Đăng ký dự Hội nghị tổng kết" in only
    assert "Báo cáo kết quả quý II" not in only
