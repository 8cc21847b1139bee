"""Run the project as separate processes, the way a newcomer or a server does."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = str(ROOT / "manage.py")

# Variables a developer's shell or CI may carry that would change what the
# child process sees; each test states the ones it wants.
_PROJECT_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "EMAIL_FILE_PATH",
    "DJANGO_SETTINGS_MODULE",
    "STATICFILES_BACKEND",
)


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _PROJECT_VARS}
    env.update(values)
    return env


def manage(*args: str, env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def runserver(env: dict[str, str]):
    """Serve the project with `manage.py runserver` and yield its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"runserver exited:\n{proc.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("runserver did not start within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Browser:
    """Just enough of a browser: cookies, CSRF token, redirects."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                return r.status, r.read().decode(), r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.geturl()

    def json(self, path: str) -> tuple[int, dict]:
        status, body, _ = self.get(path)
        return status, json.loads(body)

    def login(self, username: str, password: str) -> tuple[int, str, str]:
        _, page, _ = self.get("/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(self.base + "/dang-nhap/", data=data, headers={"Referer": self.base})
        with self.opener.open(request, timeout=30) as r:
            return r.status, r.read().decode(), r.geturl()
