"""Background tasks: eager in the embedded default, through a real worker on Redis."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from plans.tasks import task_ping

from .procs import ROOT, clean_env

EAGER_SCRIPT = """
import django
django.setup()
from django.conf import settings
from plans.tasks import task_ping
result = task_ping.delay(payload="xin chào")
print(settings.CELERY_TASK_ALWAYS_EAGER, type(result).__name__, result.get(timeout=5))
"""


def test_task_runs_eagerly_without_redis():
    result = subprocess.run(
        [sys.executable, "-c", EAGER_SCRIPT],
        cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True EagerResult xin chào"


@pytest.fixture
def celery_worker_queue():
    """A real `celery worker` process on Redis, consuming a queue of its own
    so that nothing else on the same Redis database can take our messages."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    proc = subprocess.Popen(
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
        env=clean_env(REDIS_URL=settings.REDIS_URL, DJANGO_SETTINGS_MODULE="config.settings"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.worker
def test_task_round_trips_through_a_real_worker(celery_worker_queue):
    queue, proc = celery_worker_queue
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    result = task_ping.apply_async(kwargs={"payload": "xin chào"}, queue=queue)
    try:
        assert result.get(timeout=60) == "xin chào"
    except Exception:
        proc.terminate()
        raise AssertionError(f"worker output:\n{proc.communicate(timeout=20)[0]}") from None
    assert result.status == "SUCCESS"
