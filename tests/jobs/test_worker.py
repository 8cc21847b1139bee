"""Background jobs through a real Celery worker on Redis (PostgreSQL run):
progress is reported and the file produced; a worker killed mid-way loses
nothing: the job runs again and finishes, and its e-mail goes once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from documents import jobs
from documents.models import Job, JobStatus, SentNotification
from plans.jobs import PLAN_PDF
from plans.permissions import Role
from tests.factories import PlanFactory, SectionFactory, TaskFactory
from tests.foundation.procs import ROOT, clean_env

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(queue: str, tmp_path: Path, redis_url: str) -> subprocess.Popen:
    env = clean_env(
        REDIS_URL=redis_url,
        DATABASE_URL=_database_url(),
        DJANGO_SETTINGS_MODULE="config.settings",
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        CELERY_VISIBILITY_TIMEOUT="3",
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--queues",
            queue,
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        proc.terminate()
    try:
        return proc.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[0]


def _wait(job: Job, predicate, timeout: float, proc: subprocess.Popen) -> list[int]:
    """Poll the job until ``predicate``; returns the progress values seen."""
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not seen or seen[-1] != job.progress:
            seen.append(job.progress)
        if predicate(job):
            return seen
        if proc.poll() is not None:
            raise AssertionError(f"worker exited:\n{_stop(proc)}")
        time.sleep(0.1)
    raise AssertionError(f"job stuck at {job.status} {job.progress}%:\n{_stop(proc)}")


def _long_plan(rows: int):
    plan = PlanFactory(title="Kế hoạch dài chạy nền")
    SectionFactory(plan=plan, heading="Nhiệm vụ", block="plan.tasks")
    TaskFactory.create_batch(rows, plan=plan, description="Rà soát, cập nhật hồ sơ " * 4)
    return plan


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def test_a_plan_pdf_job_reports_progress_and_produces_the_file(client_for, media, settings):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    settings.KEHOACH_JOBS_QUEUE = queue
    settings.KEHOACH_BACKGROUND_PDF_TASKS = 100
    plan = _long_plan(150)
    client = client_for(Role.STAFF)
    proc = _start_worker(queue, media, settings.REDIS_URL)
    try:
        response = client.get(f"/ke-hoach/{plan.pk}/pdf/")
        job = Job.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/van-ban/tep-cua-toi/?job={job.pk}"
        seen = _wait(job, lambda j: j.status == JobStatus.DONE, 180, proc)
    finally:
        _stop(proc)
    assert seen[-1] == 100
    assert len([p for p in seen if 0 < p < 100]) >= 2, seen  # the bar moved in between
    assert job.result.read()[:5] == b"%PDF-"
    assert job.attempts == 1
    download = client.get(f"/van-ban/tep-cua-toi/{job.pk}/tai/")
    assert download.status_code == 200
    # The worker filled the render cache: the next download renders nothing.
    again = client.get(f"/ke-hoach/{plan.pk}/pdf/")
    assert again.status_code == 200
    assert again["Content-Type"] == "application/pdf"


def test_a_job_whose_worker_is_killed_runs_again_and_mails_once(make_user, media, settings):
    # A Redis database of its own: the short visibility timeout of these
    # workers must not hand other tests' in-flight messages back.
    redis_url = settings.REDIS_URL.rsplit("/", 1)[0] + "/13"
    queue = f"test-{uuid.uuid4().hex[:12]}"
    plan = _long_plan(300)
    owner = make_user(Role.STAFF)
    job = Job.objects.create(owner=owner, kind=PLAN_PDF, params={"plan_id": plan.pk}, title="PDF dài")

    from celery import Celery

    # Not the current app: shared tasks elsewhere must keep using the project's app.
    producer = Celery("kill-test", broker=redis_url, set_as_current=False)
    producer.conf.task_serializer = "json"
    first = _start_worker(queue, media, redis_url)
    try:
        producer.send_task("documents.task_run_job", kwargs={"job_id": job.pk}, queue=queue)
        _wait(job, lambda j: j.status == JobStatus.RUNNING and j.progress >= 30, 120, first)
        os.kill(first.pid, signal.SIGKILL)  # no warm shutdown: the message stays unacknowledged
        first.wait(timeout=30)
    finally:
        _stop(first)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    time.sleep(4)  # past the visibility timeout: the next worker takes the message back

    second = _start_worker(queue, media, redis_url)
    try:
        _wait(job, lambda j: j.status == JobStatus.DONE, 240, second)
        # The message delivered again after completion changes nothing.
        producer.send_task("documents.task_run_job", kwargs={"job_id": job.pk}, queue=queue)
        time.sleep(3)
    finally:
        _stop(second)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (JobStatus.DONE, 2, 100)
    assert SentNotification.objects.filter(key=f"job-{job.pk}-ready").count() == 1
    mails = list((media / "mail").iterdir()) if (media / "mail").exists() else []
    assert len(mails) == 1
    assert jobs.job_run(job_id=job.pk) == "done before"
