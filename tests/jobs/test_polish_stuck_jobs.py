"""A job whose broker message was lost (Redis restarted without persistence
while it waited) can be sent again by its owner once it has waited long
enough; operators see every user's jobs in the admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from documents.models import Job, JobStatus
from plans.permissions import Role
from tests.factories import PlanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]


def _waiting_job(owner, *, minutes: int) -> Job:
    """A job recorded and handed to a broker that then forgot it."""
    job = Job.objects.create(
        owner=owner, kind="year_archive", params={"year": 2024}, title="Lưu trữ năm 2024"
    )
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=minutes))
    job.refresh_from_db()
    return job


def _retry_button(page: str, job: Job) -> bool:
    return f"/van-ban/tep-cua-toi/{job.pk}/gui-lai/" in page


def test_a_job_waiting_too_long_gets_a_resend_button_and_runs_once_resent(
    client_for, django_capture_on_commit_callbacks, settings
):
    settings.KEHOACH_JOB_RESEND_AFTER_MINUTES = 15
    PlanFactory(year=2024, title="Kế hoạch một")
    client = client_for(Role.STAFF)
    stuck = _waiting_job(client.user, minutes=20)

    page = client.get("/van-ban/tep-cua-toi/").content.decode()
    assert "Đang chờ xử lý" in page
    assert _retry_button(page, stuck)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/van-ban/tep-cua-toi/{stuck.pk}/gui-lai/", follow=True)
    assert "Đã gửi lại yêu cầu." in response.content.decode()
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (JobStatus.DONE, 1)
    page = client.get("/van-ban/tep-cua-toi/").content.decode()
    assert f"/van-ban/tep-cua-toi/{stuck.pk}/tai/" in page
    assert not _retry_button(page, stuck)

    # Pressing it again (a second tab) changes nothing: the job is done once.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/van-ban/tep-cua-toi/{stuck.pk}/gui-lai/")
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (JobStatus.DONE, 1)


def test_a_job_that_waited_only_a_little_cannot_be_resent_yet(
    client_for, django_capture_on_commit_callbacks, settings
):
    settings.KEHOACH_JOB_RESEND_AFTER_MINUTES = 15
    client = client_for(Role.STAFF)
    fresh = _waiting_job(client.user, minutes=5)

    page = client.get("/van-ban/tep-cua-toi/").content.decode()
    assert "Đang chờ xử lý" in page
    assert not _retry_button(page, fresh)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"/van-ban/tep-cua-toi/{fresh.pk}/gui-lai/")
    assert callbacks == []
    fresh.refresh_from_db()
    assert (fresh.status, fresh.attempts) == (JobStatus.QUEUED, 0)


def test_a_started_job_is_never_resent_however_long_it_runs(client_for, django_capture_on_commit_callbacks):
    client = client_for(Role.STAFF)
    job = _waiting_job(client.user, minutes=120)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(), attempts=1)

    assert not _retry_button(client.get("/van-ban/tep-cua-toi/").content.decode(), job)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"/van-ban/tep-cua-toi/{job.pk}/gui-lai/")
    assert callbacks == []
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)


def test_someone_else_cannot_resend_a_stuck_job(client_for, make_user):
    owner = make_user(Role.STAFF)
    stuck = _waiting_job(owner, minutes=60)
    response = client_for(Role.STAFF).post(f"/van-ban/tep-cua-toi/{stuck.pk}/gui-lai/")
    assert response.status_code == 404
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.QUEUED


def test_the_admin_lists_every_users_jobs_read_only_with_filters_and_search(admin_client, make_user):
    alice = make_user(Role.STAFF, username="nguyenvana")
    bob = make_user(Role.STAFF, username="tranthib")
    failed = _waiting_job(alice, minutes=1)
    Job.objects.filter(pk=failed.pk).update(
        status=JobStatus.FAILED, message="Có lỗi khi tạo tệp.", finished_at=timezone.now()
    )
    _waiting_job(bob, minutes=1)

    page = admin_client.get("/admin/documents/job/").content.decode()
    assert "nguyenvana" in page and "tranthib" in page
    assert "Có lỗi khi tạo tệp." in page

    only_failed = admin_client.get("/admin/documents/job/?status__exact=failed").content.decode()
    assert "nguyenvana" in only_failed and "tranthib" not in only_failed

    searched = admin_client.get("/admin/documents/job/?q=tranthib").content.decode()
    assert "tranthib" in searched and "nguyenvana" not in searched

    assert admin_client.get("/admin/documents/job/add/").status_code == 403
    change = admin_client.get(f"/admin/documents/job/{failed.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
