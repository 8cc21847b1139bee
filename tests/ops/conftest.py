"""Private services for fault tests: a Redis server, a PostgreSQL cluster, a
Celery worker and a gunicorn web server, each started by the test on free
ports and stopped, killed or restarted by it. The shared PostgreSQL (5432)
and Redis (6379) are never touched."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.foundation.procs import ROOT, Browser, clean_env, free_port, manage

_PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
PG_BIN = Path(_PG_BINS[-1]).parent if _PG_BINS else None
REDIS_SERVER = shutil.which("redis-server")
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _missing() -> str:
    missing = []
    if PG_BIN is None:
        missing.append(
            "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb: apt-get install postgresql)"
        )
    if REDIS_SERVER is None:
        missing.append("redis-server (apt-get install redis-server)")
    if os.geteuid() == 0 and not _has_postgres_user():
        missing.append("the postgres system user (initdb refuses to run as root)")
    return ", ".join(missing)


def _has_postgres_user() -> bool:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def skip_reason() -> str | None:
    """Why the fault tests cannot run here, or None. They start their own
    services, so they run once: in the PostgreSQL + Redis pass of make test."""
    from django.conf import settings

    if not settings.REDIS_URL:
        return "fault tests run in the PostgreSQL + Redis pass (make test-services)"
    missing = _missing()
    return f"fault tests need {missing}" if missing else None


def wait_port(port: int, timeout: float = 30, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if proc is not None and proc.poll() is not None:
                raise AssertionError(f"process exited:\n{output(proc)}") from None
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing answers on port {port} after {timeout} s") from None
            time.sleep(0.1)


def logged(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a process writing to a log file: a pipe nobody reads fills up
    and blocks the process at its next log line."""
    with open(log, "ab") as handle:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    proc.log_path = log
    return proc


def output(proc: subprocess.Popen) -> str:
    """Stop the process (if still running) and return its log."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return proc.log_path.read_text(errors="replace")


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


# --------------------------------------------------------------------------- Redis


class RedisServer:
    """A redis-server of the test's own; stop() and start() keep its port."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.proc = logged(
            [
                REDIS_SERVER,
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.folder), "--loglevel", "warning"),
            ],
            self.folder / "redis.log",
        )
        wait_port(self.port, proc=self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- PostgreSQL


class PostgresCluster:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 on a
    free port (socket in the same folder). As root it runs as ``postgres``."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kehoach-ops-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.folder.chmod(0o755)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if check and done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise AssertionError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}\n{log}")
        return done

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        done = self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
            "-At", "-v", "ON_ERROR_STOP=1", "-c", statement,
        )  # fmt: skip
        return done.stdout.strip()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster():
    """One private cluster per test session, with a migrated template database."""
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        cluster.sql("CREATE DATABASE kehoach_template")
        migrated = manage(
            "migrate", "--noinput", "-v0", env=clean_env(DATABASE_URL=cluster.url("kehoach_template"))
        )
        assert migrated.returncode == 0, migrated.stderr
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def database(postgres_cluster):
    """A migrated database of this test's own in the private cluster."""
    name = f"kehoach_{uuid.uuid4().hex[:10]}"
    postgres_cluster.sql(f"CREATE DATABASE {name} TEMPLATE kehoach_template")
    yield postgres_cluster.url(name)


# --------------------------------------------------------------------------- the project's processes


def project_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """Production settings for plain HTTP on 127.0.0.1, files in tmp_path."""
    return clean_env(
        DEBUG="0",
        SECRET_KEY="ops-tests-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        DJANGO_SETTINGS_MODULE="config.settings",
        **values,
    )


def setup_data(script: str, env: dict[str, str]) -> list[str]:
    """Run a Python snippet in the project (factories available); its printed lines."""
    done = manage("shell", "-c", script, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def start_worker(env: dict[str, str], queue: str, log: Path, *, pool: str = "solo") -> subprocess.Popen:
    return logged(
        [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}", "--concurrency=1"),
            *("--queues", queue, "--loglevel=WARNING", "--without-gossip", "--without-mingle"),
            "--without-heartbeat",
        ],
        log,
        env,
    )


@contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 2):
    """The project served the production way; yields (base URL, process)."""
    port = free_port()
    proc = logged(
        [
            *(str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
            *("--timeout", "60", "--graceful-timeout", "5", "--no-control-socket"),
        ],
        log,
        env,
    )
    try:
        wait_port(port, timeout=60, proc=proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def post(browser: Browser, path: str, data: dict, timeout: float = 30) -> tuple[int, str, str]:
    """POST a form as the browser does (CSRF token from the page, Referer)."""
    import urllib.error
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        browser.base + path, data=urllib.parse.urlencode(data).encode(), headers={"Referer": browser.base}
    )
    try:
        with browser.opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(), response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.geturl()


def mails(folder: Path) -> list[str]:
    """Subjects of the messages the file-based e-mail backend wrote (one file may hold several)."""
    import email
    from email import policy

    if not folder.exists():
        return []
    separator = "\n" + "-" * 79 + "\n"
    subjects = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_text().split(separator):
            if chunk.strip():
                subjects.append(
                    str(email.message_from_string(chunk, policy=policy.default)["Subject"]).strip()
                )
    return subjects
