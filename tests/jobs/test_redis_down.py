"""Redis unreachable (REDIS_URL points at a closed port; the shared Redis
server is left alone): pages answer, a small PDF renders in the request, a
batch start says clearly that background jobs are unavailable, and the job
is kept to be sent again."""

from __future__ import annotations

import re
import time

import pytest

from tests.foundation.procs import Browser, clean_env, free_port, manage, runserver

pytestmark = pytest.mark.django_db


CREATE = """
from plans.permissions import Role
from tests.factories import PlanFactory, TaskFactory, UserFactory
user = UserFactory(username="chuyenvien", role=Role.STAFF)
user.set_password("mat-khau-thu-nghiem"); user.save()
plan = PlanFactory(year=2024)
TaskFactory.create_batch(2, plan=plan)
print(plan.pk)
"""


def test_pages_and_small_pdfs_work_and_a_batch_start_answers_clearly(tmp_path):
    env = clean_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        DEBUG="1",
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    )
    assert manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    created = manage("shell", "-c", CREATE, env=env)
    assert created.returncode == 0, created.stderr
    plan_pk = created.stdout.strip().splitlines()[-1]
    with runserver(env) as base:
        browser = Browser(base)
        browser.login("chuyenvien", "mat-khau-thu-nghiem")
        for path in ("/", "/ke-hoach/", f"/ke-hoach/{plan_pk}/", "/van-ban/tep-cua-toi/"):
            status, _body, _url = browser.get(path)
            assert status == 200, path

        # A page that counts failed link guesses in the cache still answers.
        status, _body, _url = Browser(base).get("/dang-ky-dai-bieu/lien-ket/khong-hop-le/")
        assert status in (403, 404, 410), status

        started = time.monotonic()
        with browser.opener.open(f"{base}/ke-hoach/{plan_pk}/pdf/", timeout=60) as response:
            assert response.status == 200
            assert response.read()[:5] == b"%PDF-"

        _status, page, _url = browser.get("/van-ban/tep-cua-toi/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        from urllib.parse import urlencode
        from urllib.request import Request

        request = Request(
            f"{base}/van-ban/tep-cua-toi/tao/",
            data=urlencode({"kind": "year_archive", "year": "2024", "csrfmiddlewaretoken": token}).encode(),
            headers={"Referer": base},
        )
        with browser.opener.open(request, timeout=60) as response:
            answer = response.read().decode()
        assert time.monotonic() - started < 30  # nothing hung on the dead broker
        assert "Hệ thống xử lý nền tạm thời không hoạt động" in answer
        assert "Chưa gửi được cho hệ thống xử lý nền" in answer
        assert "Gửi lại" in answer


def test_the_cache_treats_a_dead_redis_as_a_miss():
    from config.cache import TolerantRedisCache

    cache = TolerantRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    )
    started = time.monotonic()
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1, 60) is False
    assert cache.set("key", 1, 60) is None
    with pytest.raises(ValueError):
        cache.incr("key")
    assert cache.get_many(["a", "b"]) == {}
    assert time.monotonic() - started < 10
