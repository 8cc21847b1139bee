# ruff: noqa: S603, S607 -- a benchmark: it starts our own programs, gunicorn and soffice
"""`make bench`: performance figures, one JSON object per line on stdout.

A benchmark, not a test: it measures and prints; it asserts nothing.
Everything else (progress, warnings) goes to stderr. It works in throw-away
places: a temporary SQLite database with the demo seeds, a PostgreSQL
database it creates and drops (P3, P4), a Redis database of its own (P5),
and a temporary folder for files.

    .venv/bin/python bench/run.py [--only P1,P2,...] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORES = os.cpu_count() or 1
PY = sys.executable
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def emit(name: str, values: list[float] | None = None, **fields) -> None:
    row: dict = {"name": name}
    if values:
        row.update(
            median=round(statistics.median(values), 4),
            min=round(min(values), 4),
            max=round(max(values), 4),
            runs=len(values),
        )
    row.update(fields)
    row["cores"] = CORES
    print(json.dumps(row, ensure_ascii=False), flush=True)


def timed(function, runs: int) -> list[float]:
    values = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        values.append(time.perf_counter() - started)
    return values


# --------------------------------------------------------------------------- environment


def base_env(tmp: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "DEBUG")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_FILE_PATH=str(tmp / "mail"),
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PY, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
        stderr=sys.stderr,
    )


def seed_003_plan():
    from plans.demo import SEED_003_PLAN
    from plans.models import Plan

    return Plan.objects.filter(title=SEED_003_PLAN["title"]).order_by("pk").first()


def long_plan(rows: int = 300):
    """A plan of about 50 pages: the seed 003 plan's text with ``rows`` task rows."""
    from plans.models import Plan, Section, Task

    title = f"Kế hoạch thử tải {rows} nhiệm vụ"
    existing = Plan.objects.filter(title=title).first()
    if existing is not None:
        return existing
    seed = seed_003_plan()
    plan = Plan.objects.create(
        issuing_agency=seed.issuing_agency,
        year=seed.year,
        title=title,
        opening=seed.opening,
        closing=seed.closing,
        signer_title=seed.signer_title,
        signer_name=seed.signer_name,
        recipients=seed.recipients,
    )
    Section.objects.create(plan=plan, position=0, heading="Mục đích, yêu cầu", body=seed.opening)
    Section.objects.create(plan=plan, position=1, heading="Nhiệm vụ cụ thể", block="plan.tasks")
    Task.objects.bulk_create(
        Task(
            plan=plan,
            position=i,
            description=(
                f"Rà soát, đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính số {i + 1}; "
                "tổng hợp khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ trong giai đoạn tiếp theo."
            ),
            time_frame=f"Tháng {i % 12 + 1}/2024",
            lead="Sở Nội vụ",
            cooperating="Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
        )
        for i in range(rows)
    )
    return plan


# --------------------------------------------------------------------------- office route


def office_convert(docx_path: Path, outdir: Path, profile: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx_path),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    return time.perf_counter() - started


def office_route(printable, tmp: Path, name: str, runs: int) -> list[float]:
    from documents.docx import printable_docx

    if not shutil.which("soffice"):
        raise RuntimeError("soffice not found: apt-get install libreoffice-writer-nogui")
    docx_path = tmp / f"{name}.docx"
    docx_path.write_bytes(printable_docx(printable, cached=False))
    profile = tmp / "lo-profile"
    office_convert(docx_path, tmp, profile)  # first start writes the profile
    return [office_convert(docx_path, tmp, profile) for _ in range(runs)]


# --------------------------------------------------------------------------- P1, P2


COLD_SCRIPT = """
import django, sys, time
django.setup()
from plans.documents import plan_printable, plan_queryset
printable = plan_printable(plan_queryset().get(pk=int(sys.argv[1])))
printable.render_pdf()
"""

RSS_SCRIPT = """
import django, resource, sys, time
django.setup()
from plans.documents import plan_printable, plan_queryset
def render(pk):
    started = time.perf_counter()
    plan_printable(plan_queryset().get(pk=pk)).render_pdf()
    return time.perf_counter() - started
first = render(int(sys.argv[1]))   # a new process: fonts, Pango and style caches are cold
render(int(sys.argv[2]))           # the worker has printed another document before
warm = render(int(sys.argv[1]))
print(first, warm, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def p1(env, tmp: Path, runs: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from documents import renderer
    from plans.documents import plan_printable, plan_queryset
    from plans.permissions import ROLE_GROUPS, Role

    plan = seed_003_plan()
    printable = plan_printable(plan_queryset().get(pk=plan.pk))
    printable.render_pdf()  # warm the fonts and stylesheets
    warm = timed(printable.render_pdf, runs)
    emit("plan_pdf_warm_s", warm)

    def cold() -> None:
        subprocess.run([PY, "-c", COLD_SCRIPT, str(plan.pk)], cwd=ROOT, env=env, check=True)

    emit("plan_pdf_cold_s", timed(cold, max(3, runs // 2)))

    user, _ = User.objects.get_or_create(username="bench-staff")
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[Role.STAFF])[0])
    client = Client()
    client.force_login(user)
    url = f"/ke-hoach/{plan.pk}/pdf/"
    assert client.get(url).status_code == 200
    before = renderer.render_count()
    cached = [v * 1000 for v in timed(lambda: client.get(url), runs * 2)]
    emit("plan_pdf_cached_ms", cached, renders=renderer.render_count() - before)

    try:
        office = office_route(printable, tmp, "seed-003", max(3, runs // 2))
    except Exception as error:
        emit("office_route_s", error=str(error))
        return
    emit("office_route_s", office)
    emit(
        "office_route_vs_weasyprint_ratio",
        value=round(statistics.median(office) / statistics.median(warm), 2),
        target=">= 4",
    )


def p2(env, tmp: Path, runs: int) -> None:
    from plans.documents import plan_printable, plan_queryset

    plan = long_plan(300)
    firsts, times, peaks = [], [], []
    for _ in range(max(2, runs // 3)):
        out = subprocess.run(
            [PY, "-c", RSS_SCRIPT, str(plan.pk), str(seed_003_plan().pk)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        firsts.append(float(out[0]))
        times.append(float(out[1]))
        peaks.append(float(out[2]))
    pages = _page_count(plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf())
    # In a worker that has printed before (how the app renders it: a Celery worker).
    emit("plan50_pdf_s", times, pages=pages, tasks=300)
    # The first document a new process prints pays for loading fonts and caches.
    emit("plan50_pdf_first_in_new_process_s", firsts, pages=pages, tasks=300)
    emit("plan50_peak_rss_mb", peaks)
    try:
        office = office_route(plan_printable(plan_queryset().get(pk=plan.pk)), tmp, "plan50", 2)
    except Exception as error:
        emit("office_route_50_s", error=str(error))
        return
    emit("office_route_50_s", office)
    emit(
        "office_route_50_vs_weasyprint_ratio",
        value=round(statistics.median(office) / statistics.median(times), 2),
        target="> 1",
    )


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


# --------------------------------------------------------------------------- P3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(port: int, path: str, cookie: str, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """``clients`` threads with keep-alive connections for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.monotonic() - began


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else 0.0


def p3(env_pg: dict[str, str], seconds: float) -> None:
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plans.models import Plan
    from plans.permissions import ROLE_GROUPS, Role

    user, _ = User.objects.get_or_create(username="bench-staff")
    user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[Role.STAFF])[0])
    client = Client()
    client.force_login(user)
    small = Plan.objects.create(
        issuing_agency=seed_003_plan().issuing_agency, year=2024, title="Kế hoạch một nhiệm vụ"
    )
    from plans.models import Section, Task

    Section.objects.create(plan=small, position=0, heading="Nhiệm vụ", block="plan.tasks")
    Task.objects.create(plan=small, position=0, description="Một nhiệm vụ", time_frame="Tháng 5/2024")
    big = long_plan(300)
    counts = {}
    for label, plan in (("1", small), ("300", big)):
        client.get(f"/ke-hoach/{plan.pk}/")
        with CaptureQueriesContext(connection) as queries:
            status = client.get(f"/ke-hoach/{plan.pk}/").status_code
        counts[label] = (len(queries), status)
    emit(
        "plan_page_queries",
        tasks_1=counts["1"][0],
        tasks_300=counts["300"][0],
        status=[counts["1"][1], counts["300"][1]],
        target="<= 12, constant",
    )

    from plans import services as plan_services

    draft = plan_services.plan_copy(plan=seed_003_plan(), years=1, user=user)

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    cookie = f"sessionid={session.session_key}"

    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(CORES),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env_pg,
        stdout=sys.stderr,
        stderr=sys.stderr,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        plan_path = f"/ke-hoach/{seed_003_plan().pk}/"
        _load(port, plan_path, cookie, 4, 2)  # warm up every worker
        latencies, errors, elapsed = _load(port, plan_path, cookie, 20, seconds)
        plan_rps = len(latencies) / elapsed
        emit(
            "plan_page_p95_ms",
            value=round(_p95(latencies), 1),
            median=round(statistics.median(latencies), 1),
            requests=len(latencies),
            errors=errors,
            clients=20,
            target="<= 150",
        )
        emit("plan_page_rps", value=round(plan_rps, 1), clients=20)
        # The page staff work in all day: a draft, with its add-a-row forms.
        draft_path = f"/ke-hoach/{draft.pk}/"
        _load(port, draft_path, cookie, 4, 2)
        latencies, errors, elapsed = _load(port, draft_path, cookie, 20, seconds)
        emit(
            "plan_editor_draft_p95_ms",
            value=round(_p95(latencies), 1),
            median=round(statistics.median(latencies), 1),
            rps=round(len(latencies) / elapsed, 1),
            requests=len(latencies),
            errors=errors,
            clients=20,
            tasks=draft.tasks.count(),
        )
        _load(port, "/bench/hello/", cookie, 4, 1)
        hello, hello_errors, hello_elapsed = _load(port, "/bench/hello/", cookie, 20, seconds)
        hello_rps = len(hello) / hello_elapsed
        emit("hello_rps", value=round(hello_rps, 1), errors=hello_errors, clients=20)
        emit("plan_page_vs_hello_ratio", value=round(plan_rps / hello_rps, 3), target=">= 0.3")
    finally:
        server.terminate()
        server.wait(timeout=30)


# --------------------------------------------------------------------------- P4, P5


def p4(submissions: int = 300, seats: int = 150, agencies: int = 100, quota: int = 2) -> None:
    """``submissions`` lists submitted at once (three per agency: 1, 2 or 3
    people, quota ``quota``) racing for ``seats`` seats, through
    ``delegates.services.registration_save`` on PostgreSQL."""
    import datetime
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.utils import timezone

    from conferences.models import Event
    from delegates import services
    from delegates.models import AgencyRegistration, Delegate
    from plans.models import Agency

    seed = seed_003_plan()
    event = Event.objects.create(plan=seed, name="Hội nghị thử tải đăng ký", date_text="ngày 25/02/2027")
    kind = seed.issuing_agency.kind
    members = [
        Agency.objects.create(name=f"Cơ quan thử tải {i}", short_name=f"CQ{i}", kind=kind)
        for i in range(agencies)
    ]
    opening = services.opening_create(
        event=event,
        title="Đăng ký đại biểu (thử tải)",
        deadline=timezone.now() + datetime.timedelta(days=7),
        capacity=seats,
        invites=[services.Invite(agency=agency, quota=quota) for agency in members],
    )
    registrations = list(AgencyRegistration.objects.filter(opening=opening).order_by("pk"))
    jobs = []
    for index in range(submissions):
        registration = registrations[index % len(registrations)]
        size = index // len(registrations) % 3 + 1
        rows = [
            services.PersonRow(full_name=f"Nguyễn Văn Thử {index}-{n}", phone=f"+8490{index:04d}{n:03d}")
            for n in range(size)
        ]
        jobs.append((registration, rows))
    outcome = {"accepted": 0, "refused": 0, "errors": 0}
    accepted_lists: dict[int, list[set[str]]] = {}
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(min(50, submissions))

    def submit(job) -> None:
        registration, rows = job
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=5)
        began = time.perf_counter()
        try:
            services.registration_save(
                registration=registration, rows=rows, actor=services.Actor(label="Thử tải"), submit=True
            )
            result = "accepted"
        except services.RegistrationError:
            result = "refused"
        except Exception as error:
            log(f"bench: submission error {type(error).__name__}: {error}")
            result = "errors"
        finally:
            connection.close()
        with lock:
            latencies.append((time.perf_counter() - began) * 1000)
            outcome[result] += 1
            if result == "accepted":
                accepted_lists.setdefault(registration.pk, []).append({row.phone for row in rows})

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=min(50, submissions)) as pool:
        list(pool.map(submit, jobs))
    elapsed = time.perf_counter() - began
    final: dict[int, set[str]] = {}
    for registration_id, phone in Delegate.objects.filter(opening=opening).values_list(
        "registration_id", "phone"
    ):
        final.setdefault(registration_id, set()).add(phone)
    over_quota = sum(1 for phones in final.values() if len(phones) > quota)
    seated = sum(len(phones) for phones in final.values())
    # Lost: an answer that was neither yes nor no, or a list the database no
    # longer holds in the form of any submission it accepted.
    lost = outcome["errors"] + sum(
        1 for pk, phones in final.items() if phones not in accepted_lists.get(pk, [])
    )
    ordered = sorted(latencies)
    emit(
        "registration_burst",
        submissions=submissions,
        seats=seats,
        accepted=outcome["accepted"],
        refused=outcome["refused"],
        seated=seated,
        over_quota=over_quota,
        over_capacity=max(0, seated - seats),
        lost=lost,
        p99_ms=round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 1),
        median_ms=round(statistics.median(ordered), 1),
        elapsed_s=round(elapsed, 2),
        threads=min(50, submissions),
        target="over_quota 0, lost 0, p99 <= 1000 ms",
    )


WORKER_FLAGS = ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]


def p5(env: dict[str, str], count: int = 200) -> None:
    """``count`` invitations (one PDF per agency, zipped) made by a real
    Celery worker on Redis, from sending the job to its file being stored."""
    import datetime
    import uuid

    from celery import Celery
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from conferences.models import Event
    from delegates import services
    from delegates.models import Invitation
    from documents.models import Job, JobStatus
    from plans.models import Agency
    from plans.permissions import ROLE_GROUPS, Role

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        host, port = redis_url.split("//", 1)[1].split("/", 1)[0].split(":")
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError as error:
        emit("invitations_batch_s", error=f"Redis unreachable at {redis_url}: {error}")
        return
    seed = seed_003_plan()
    kind = seed.issuing_agency.kind
    event = Event.objects.create(plan=seed, name="Hội nghị thử tải giấy mời", date_text="ngày 25/02/2027")
    members = [
        Agency.objects.create(name=f"Cơ quan nhận giấy mời {i}", short_name=f"GM{i}", kind=kind)
        for i in range(count)
    ]
    opening = services.opening_create(
        event=event,
        title="Đăng ký đại biểu (thử tải giấy mời)",
        deadline=timezone.now() + datetime.timedelta(days=7),
        invites=[services.Invite(agency=agency, quota=2) for agency in members],
    )
    invitation = Invitation.objects.create(
        opening=opening,
        issuing_agency=seed.issuing_agency,
        title="Dự Hội nghị thử tải",
        attend_text="Tới dự Hội nghị thử tải",
        time_text="07 giờ 30 phút, ngày 25/02/2027",
        place_text="Hội trường Sở Nội vụ",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
    )
    user, _ = User.objects.get_or_create(username="bench-staff")
    user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[Role.STAFF])[0])
    job = Job.objects.create(
        owner=user, kind="event_invitations", params={"invitation_id": invitation.pk}, title="Giấy mời"
    )
    queue = f"bench-{uuid.uuid4().hex[:10]}"
    worker = subprocess.Popen(
        [PY, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--queues", queue, *WORKER_FLAGS],
        cwd=ROOT,
        env={**env, "REDIS_URL": redis_url},
        stdout=sys.stderr,
        stderr=sys.stderr,
    )
    try:
        producer = Celery("bench", broker=redis_url, set_as_current=False)
        began = time.perf_counter()
        producer.send_task("documents.task_run_job", kwargs={"job_id": job.pk}, queue=queue)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in (JobStatus.DONE, JobStatus.FAILED) or worker.poll() is not None:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - began
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    if job.status != JobStatus.DONE:
        emit("invitations_batch_s", error=f"job ended as {job.status}: {job.message}")
        return
    with job.result.open("rb") as stored:
        pages = _page_count(stored.read())
    emit("invitations_batch_s", value=round(elapsed, 2), invitations=count, pages=pages, target="<= 30")


# --------------------------------------------------------------------------- main


def _pg(database: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


def _pg_admin(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(PG_ADMIN_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def run_group(only: set[str], database: str, args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    pg_name = f"kehoach_bench_{os.getpid()}"
    database_url = _pg(pg_name) if database == "pg" else f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = base_env(tmp, database_url)
    try:
        if database == "pg":
            _pg_admin(f'CREATE DATABASE "{pg_name}"')
        log(f"bench: database {database_url}, files in {tmp}")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "loaddemo", "--seeds-only", "-v0")
        setup_django(env)
        if "P1" in only:
            p1(env, tmp, args.runs)
        if "P2" in only:
            p2(env, tmp, args.runs)
        if "P3" in only:
            p3(env, args.seconds)
        if "P4" in only:
            p4()
        if "P5" in only:
            p5(env)
    finally:
        if database == "pg":
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            try:
                _pg_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            except Exception as error:
                log(f"bench: could not drop {pg_name}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="P1,P2,P3,P4,P5")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--database", choices=["sqlite", "pg"], default=None)
    args = parser.parse_args()
    only = set(args.only.split(","))
    if args.database:  # a child: one database, one Django set-up
        run_group(only, args.database, args)
        return
    common = ["--runs", str(args.runs), "--seconds", str(args.seconds)]
    groups = [({"P1", "P2"} & only, "sqlite"), ({"P3", "P4", "P5"} & only, "pg")]
    for group, database in groups:
        if group:
            subprocess.run(
                [PY, __file__, "--only", ",".join(sorted(group)), "--database", database, *common],
                cwd=ROOT,
                check=False,
            )


if __name__ == "__main__":
    main()
