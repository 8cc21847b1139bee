"""Background jobs in the embedded default (tasks run in process): started
from a page, found under "Tệp của tôi" by their owner only, e-mailed once."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.test import Client

from documents import jobs
from documents.models import Job, JobStatus, SentNotification
from plans.permissions import Role
from tests.factories import PlanFactory, TaskFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]


def test_a_year_archive_job_runs_and_its_owner_downloads_the_zip(
    client_for, django_capture_on_commit_callbacks
):
    PlanFactory(year=2024, title="Kế hoạch một")
    PlanFactory(year=2024, title="Kế hoạch hai")
    PlanFactory(year=2023, title="Kế hoạch năm trước")
    client = client_for(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/van-ban/tep-cua-toi/tao/", {"kind": "year_archive", "year": "2024"})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/van-ban/tep-cua-toi/?job={job.pk}"
    assert (job.status, job.progress, job.attempts, job.owner) == (JobStatus.DONE, 100, 1, client.user)

    page = client.get("/van-ban/tep-cua-toi/")
    assert page.status_code == 200
    assert f"/van-ban/tep-cua-toi/{job.pk}/tai/" in page.content.decode()

    download = client.get(f"/van-ban/tep-cua-toi/{job.pk}/tai/")
    assert download.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len(names) == 2
    assert all(name.startswith("chua-ban-hanh/plan-") and name.endswith(".pdf") for name in names)

    assert [m.subject for m in mail.outbox] == ["Tệp đã sẵn sàng: Lưu trữ văn bản cả năm (ZIP) 2024"]
    assert mail.outbox[0].to == [client.user.email]


def test_running_a_job_twice_sends_one_email(make_user, django_capture_on_commit_callbacks):
    PlanFactory(year=2024)
    owner = make_user(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(owner=owner, kind="year_archive", params={"year": "2024"}, title="Lưu trữ 2024")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    # A redelivered message: the job is done, nothing runs or is sent again.
    assert jobs.job_run(job_id=job.pk) == "done before"
    # Even a forced second run (a worker that died after sending) sends nothing new.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    assert jobs.job_run(job_id=job.pk) == "done"
    assert len(mail.outbox) == 1
    assert SentNotification.objects.filter(key=f"job-{job.pk}-ready").count() == 1


def test_only_the_owner_sees_a_job(client_for, make_user, django_capture_on_commit_callbacks):
    owner = make_user(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(owner=owner, kind="year_archive", params={"year": "2024"}, title="Lưu trữ của A")
    other = client_for(Role.STAFF)
    page = other.get("/van-ban/tep-cua-toi/")
    assert page.status_code == 200
    assert "Lưu trữ của A" not in page.content.decode()
    assert other.get(f"/van-ban/tep-cua-toi/{job.pk}/").status_code == 404
    assert other.get(f"/van-ban/tep-cua-toi/{job.pk}/tai/").status_code == 404
    assert other.post(f"/van-ban/tep-cua-toi/{job.pk}/gui-lai/").status_code == 404

    other.force_login(owner)
    page = other.get("/van-ban/tep-cua-toi/")
    assert "Lưu trữ của A" in page.content.decode()
    row = other.get(f"/van-ban/tep-cua-toi/{job.pk}/", headers={"HX-Request": "true"})
    assert row.status_code == 200
    assert row.content.decode().lstrip().startswith(f'<tr id="job-{job.pk}"')


def test_an_agency_representative_cannot_start_an_archive(client_for):
    client = client_for(Role.AGENCY)
    response = client.post("/van-ban/tep-cua-toi/tao/", {"kind": "year_archive", "year": "2024"})
    assert response.status_code == 403
    assert Job.objects.count() == 0


def test_a_running_job_row_polls_and_a_finished_one_stops(make_user):
    owner = make_user(Role.STAFF)
    running = Job.objects.create(owner=owner, kind="year_archive", title="A", status="running", progress=40)
    done = Job.objects.create(owner=owner, kind="year_archive", title="B", status="done", progress=100)
    client = Client()
    client.force_login(owner)
    html = client.get(f"/van-ban/tep-cua-toi/{running.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'value="40"' in html
    html = client.get(f"/van-ban/tep-cua-toi/{done.pk}/").content.decode()
    assert "hx-trigger" not in html


def test_a_long_plan_prints_in_the_request_when_tasks_run_in_process(client_for, settings):
    # Embedded default: no worker, so even a long plan is rendered at once.
    settings.KEHOACH_BACKGROUND_PDF_TASKS = 2
    plan = PlanFactory()
    TaskFactory.create_batch(3, plan=plan)
    response = client_for(Role.STAFF).get(f"/ke-hoach/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert Job.objects.count() == 0
