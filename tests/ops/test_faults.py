"""Faults with real processes: Redis stopped while the site is used, a Celery
worker killed in the middle of a task, PostgreSQL restarted while agencies
register. Each test starts its own Redis, PostgreSQL database, worker and
gunicorn (tests/ops/conftest.py) and breaks them; nothing shared is touched."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
import zipfile
from pathlib import Path

import psycopg2
import pytest

from tests.foundation.procs import Browser

from .conftest import (
    csrf_token,
    gunicorn,
    mails,
    output,
    post,
    project_env,
    setup_data,
    skip_reason,
    start_worker,
    wait_for,
)

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")

PASSWORD = "mat-khau-thu-nghiem"

STAFF_AND_PLANS = """
from plans.permissions import Role
from tests.factories import PlanFactory, SectionFactory, TaskFactory, UserFactory
user = UserFactory(username="chuyenvien", role=Role.STAFF, email="lan@example.org")
user.set_password("{password}"); user.save()
for n in range({plans}):
    plan = PlanFactory(year=2024, title=f"Kế hoạch số {{n + 1}} năm 2024", created_by=user)
    SectionFactory(plan=plan, heading="NỘI DUNG", block="plan.tasks")
    TaskFactory.create_batch({tasks}, plan=plan, description="Rà soát, cập nhật hồ sơ thủ tục hành chính")
print(user.pk, plan.pk)
"""


def query(url: str, sql: str, *params) -> list[tuple]:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    conn.close()
    return rows


def job_state(url: str, job_id: int) -> tuple[str, int, int]:
    return query(url, "SELECT status, progress, attempts FROM documents_job WHERE id = %s", job_id)[0]


def wait_job_done(url: str, job_id: int, worker, timeout: float = 180) -> tuple[str, int, int]:
    def done():
        if worker.poll() is not None:
            raise AssertionError(f"worker exited:\n{output(worker)}")
        state = job_state(url, job_id)
        if state[0] == "failed":
            raise AssertionError(f"job {job_id} failed")
        return state if state[0] == "done" else None

    return wait_for(done, timeout, f"job {job_id} to finish", interval=0.3)


def health(browser: Browser) -> tuple[int, dict]:
    import json

    status, body, _url = browser.get("/healthz")
    return status, json.loads(body)


def test_redis_stopped_during_use_pages_answer_jobs_wait_and_finish_once_it_is_back(
    tmp_path, database, redis_server
):
    queue = f"ops-{uuid.uuid4().hex[:10]}"
    env = project_env(
        tmp_path, DATABASE_URL=database, REDIS_URL=redis_server.url(0), KEHOACH_JOBS_QUEUE=queue
    )
    _owner, plan_pk = setup_data(STAFF_AND_PLANS.format(password=PASSWORD, plans=2, tasks=3), env)[-1].split()
    worker = start_worker(env, queue, tmp_path / "worker.log")
    try:
        with gunicorn(env, tmp_path / "web.log", workers=1) as (base, web):
            browser = Browser(base)
            browser.login("chuyenvien", PASSWORD)

            # Working normally: a year archive goes through the worker.
            _status, page, _url = browser.get("/van-ban/tep-cua-toi/")
            status, answer, _url = post(
                browser,
                "/van-ban/tep-cua-toi/tao/",
                {"kind": "year_archive", "year": "2024", "csrfmiddlewaretoken": csrf_token(page)},
            )
            assert status == 200
            assert "Đã bắt đầu tạo tệp" in answer
            (first,) = query(database, "SELECT max(id) FROM documents_job")[0]
            assert wait_job_done(database, first, worker)[0] == "done"

            redis_server.stop()
            started = time.monotonic()
            for path in ("/", "/ke-hoach/", f"/ke-hoach/{plan_pk}/", "/van-ban/tep-cua-toi/"):
                status, body, _url = browser.get(path)
                assert status == 200, (path, body[:500])
            with browser.opener.open(f"{base}/ke-hoach/{plan_pk}/pdf/", timeout=60) as response:
                assert response.status == 200
                assert response.read()[:5] == b"%PDF-"
            assert health(browser) == (503, {"status": "error", "database": "ok", "broker": "error"})
            _status, page, _url = browser.get("/van-ban/tep-cua-toi/")
            status, answer, _url = post(
                browser,
                "/van-ban/tep-cua-toi/tao/",
                {"kind": "year_archive", "year": "2024", "csrfmiddlewaretoken": csrf_token(page)},
            )
            assert time.monotonic() - started < 45  # nothing hung on the dead broker
            assert status == 200
            assert "Hệ thống xử lý nền tạm thời không hoạt động" in answer
            assert "Gửi lại" in answer
            (second,) = query(database, "SELECT max(id) FROM documents_job")[0]
            assert job_state(database, second) == ("not_sent", 0, 0)

            redis_server.start()
            wait_for(lambda: health(browser)[0] == 200, 60, "/healthz to report the broker back")
            status, answer, _url = post(
                browser,
                f"/van-ban/tep-cua-toi/{second}/gui-lai/",
                {"csrfmiddlewaretoken": csrf_token(answer)},
            )
            assert status == 200
            assert "Đã gửi lại yêu cầu." in answer
            # The worker that lived through the outage takes it.
            assert wait_job_done(database, second, worker) == ("done", 100, 1)
            _status, page, _url = browser.get("/van-ban/tep-cua-toi/")
            assert page.count("luu-tru-2024.zip") == 2
            assert web.poll() is None
    finally:
        worker_log = output(worker)
    assert query(database, "SELECT key FROM documents_sentnotification ORDER BY key") == [
        (f"job-{first}-ready",),
        (f"job-{second}-ready",),
    ], worker_log
    assert mails(tmp_path / "mail") == ["Tệp đã sẵn sàng: Lưu trữ văn bản cả năm (ZIP) 2024"] * 2


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


START_ARCHIVE = """
from django.contrib.auth import get_user_model
from documents import jobs
owner = get_user_model().objects.get(pk={owner})
job = jobs.job_start(owner=owner, kind="year_archive", params={{"year": "2024"}}, title="Lưu trữ 2024")
print(job.pk, job.status)
"""


def test_a_worker_process_killed_mid_task_is_replaced_and_the_job_finishes_once(
    tmp_path, database, redis_server
):
    queue = f"ops-{uuid.uuid4().hex[:10]}"
    env = project_env(
        tmp_path, DATABASE_URL=database, REDIS_URL=redis_server.url(0), KEHOACH_JOBS_QUEUE=queue
    )
    owner, _plan = setup_data(STAFF_AND_PLANS.format(password=PASSWORD, plans=8, tasks=20), env)[-1].split()
    # The production pool: the task runs in a child process, as it would be
    # when the kernel's OOM killer picks it.
    worker = start_worker(env, queue, tmp_path / "worker.log", pool="prefork")
    try:
        wait_for(lambda: _children(worker.pid), 60, "the worker's pool process")
        job_id, status = setup_data(START_ARCHIVE.format(owner=owner), env)[-1].split()
        job_id = int(job_id)
        assert status in ("queued", "running")

        def half_way():
            state = job_state(database, job_id)
            return state[0] == "running" and state[1] >= 20

        wait_for(half_way, 120, "the archive to be half-way")
        (child,) = _children(worker.pid)
        os.kill(child, signal.SIGKILL)
        wait_for(lambda: _children(worker.pid) and _children(worker.pid) != [child], 60, "a new pool process")
        assert wait_job_done(database, job_id, worker) == ("done", 100, 2)
        assert worker.poll() is None
    finally:
        worker_log = output(worker)
    assert "WorkerLostError" in worker_log or "signal 9" in worker_log, worker_log

    folder = tmp_path / "media" / "jobs" / owner / str(job_id)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["luu-tru-2024.zip"]
    with zipfile.ZipFile(folder / files[0]) as archive:
        assert len(archive.namelist()) == 8
    assert query(database, "SELECT key FROM documents_sentnotification") == [(f"job-{job_id}-ready",)]
    assert mails(tmp_path / "mail") == ["Tệp đã sẵn sàng: Lưu trữ 2024"]


REGISTRATIONS = """
import datetime
from django.utils import timezone
from delegates import access
from tests.delegates.factories import OpeningFactory, RegistrationFactory
opening = OpeningFactory(capacity=None)
for n in range({agencies}):
    registration = RegistrationFactory(opening=opening, quota=5)
    _link, token = access.issue_link(
        agency=registration.agency, target=opening, expires_at=timezone.now() + datetime.timedelta(days=30)
    )
    print("REG", registration.pk, token)
"""


def _person_rows(n: int) -> dict[str, str]:
    rows = [
        {"full_name": f"Nguyễn Văn An Số {n}", "phone": f"0905{n:06d}", "title": "Phó Giám đốc"},
        {"full_name": f"Lê Thị Ánh Số {n}", "phone": f"0912{n:06d}", "title": "Chuyên viên"},
    ]
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "action": "submit",
        "contact-contact_name": "Trần Thị Lan",
        "contact-contact_phone": "0905 777 888",
        "contact-contact_email": f"coquan{n}@example.org",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def test_postgresql_restarted_while_agencies_register_loses_and_duplicates_nothing(
    tmp_path, database, postgres_cluster
):
    env = project_env(tmp_path, DATABASE_URL=database)
    lines = setup_data(REGISTRATIONS.format(agencies=12), env)
    agencies = [line.split()[1:] for line in lines if line.startswith("REG ")]
    assert len(agencies) == 12
    accepted: dict[str, int] = {}
    failures: list[tuple[str, int, str]] = []
    lock = threading.Lock()

    with gunicorn(env, tmp_path / "web.log", workers=2) as (base, web):

        def register(batch: list[list[str]]) -> None:
            for reg, token in batch:
                browser = Browser(base)
                path = f"/dang-ky-dai-bieu/lien-ket/{token}/"
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    try:
                        status, page, _url = browser.get(path)
                        if status == 200:
                            status, page, url = post(
                                browser,
                                path,
                                {**_person_rows(int(reg)), "csrfmiddlewaretoken": csrf_token(page)},
                            )
                            if status == 200 and url.endswith(path) and "Đã gửi danh sách 2 người" in page:
                                with lock:
                                    accepted[reg] = accepted.get(reg, 0) + 1
                                break
                    except OSError as error:  # the connection itself failed
                        status, page = 0, str(error)
                    with lock:
                        failures.append((path, status, page))
                    time.sleep(0.3)
                time.sleep(0.2)

        threads = [threading.Thread(target=register, args=(agencies[i::3],)) for i in range(3)]
        for thread in threads:
            thread.start()
        browser = Browser(base)
        wait_for(lambda: len(accepted) >= 2, 120, "the first registrations")
        postgres_cluster.stop()
        try:
            status, body, _url = browser.get(f"/dang-ky-dai-bieu/lien-ket/{agencies[-1][1]}/")
            assert status == 500
            assert "Hệ thống gặp lỗi" in body
            assert health(browser) == (503, {"status": "error", "database": "error", "broker": "eager"})
            time.sleep(3)
        finally:
            postgres_cluster.start()
        # Back by itself: the same gunicorn processes, no restart.
        wait_for(lambda: health(browser)[0] == 200, 30, "/healthz after the restart")
        for thread in threads:
            thread.join(timeout=180)
        assert web.poll() is None

    # The operator sees what happened in the log; the agencies saw no detail of it.
    assert "OperationalError" in (tmp_path / "web.log").read_text()
    assert sorted(accepted) == sorted(reg for reg, _token in agencies)
    assert set(accepted.values()) == {1}
    during_outage = [(path, status, body) for path, status, body in failures if status != 0]
    assert during_outage, "no request met the outage"
    for path, status, body in failures:
        assert "Traceback" not in body, (path, body[:2000])
        assert status in (0, 500, 503), (path, status)
        if status == 500:
            assert "Hệ thống gặp lỗi" in body
    # Every accepted list is there exactly once, nothing else.
    rows = query(
        database,
        "SELECT registration_id, full_name FROM delegates_delegate ORDER BY registration_id, full_name",
    )
    expected = sorted(
        (int(reg), name)
        for reg, _token in agencies
        for name in (f"Lê Thị Ánh Số {reg}", f"Nguyễn Văn An Số {reg}")
    )
    assert sorted(rows) == expected
    submitted = query(
        database, "SELECT count(*) FROM delegates_agencyregistration WHERE status = 'submitted'"
    )
    assert submitted == [(len(agencies),)]
