"""The embedded default and the PostgreSQL set-up boot from nothing:
migrate, demo data, a real server answering pages, static files and health."""

from __future__ import annotations

import re
import uuid

import psycopg2
import pytest
from django.conf import settings

from .procs import Browser, clean_env, manage, runserver

PASSWORD = "Mat-khau-khoi-dong-2024"


def boot_and_visit(env: dict[str, str], expected_broker: str) -> None:
    result = manage("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    # Demo data loads, and loads again without complaint (idempotent).
    for _ in range(2):
        result = manage("loaddemo", env=env)
        assert result.returncode == 0, result.stderr
    result = manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "khoidong",
        "--email",
        "khoidong@example.org",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr

    with runserver(env) as base:
        browser = Browser(base)
        assert browser.json("/healthz") == (
            200,
            {"status": "ok", "database": "ok", "broker": expected_broker},
        )
        status, page, url = browser.get("/")
        assert (status, url) == (200, f"{base}/dang-nhap/?next=/")
        assert "Đăng nhập" in page
        status, css, _ = browser.get("/static/vendor/bootstrap/css/bootstrap.min.css")
        assert status == 200
        assert "Bootstrap" in css[:200]
        assert browser.get("/static/vendor/htmx/htmx.min.js")[0] == 200

        status, page, url = browser.login("khoidong", PASSWORD)
        assert (status, url) == (200, f"{base}/")
        assert "Xin chào, khoidong" in page
        assert "Người dùng theo vai trò" in page
        # A real feature stands on the foundation: the demo plans are listed.
        status, page, _ = browser.get("/ke-hoach/")
        assert status == 200
        assert "Kế hoạch" in page


def test_embedded_default_boots_on_a_fresh_sqlite_file(tmp_path):
    env = clean_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DEBUG="1",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    boot_and_visit(env, expected_broker="eager")


@pytest.mark.postgres
def test_boots_on_a_fresh_postgresql_database(tmp_path):
    db = settings.DATABASES["default"]
    name = f"kehoach_boot_{uuid.uuid4().hex[:10]}"
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
    }
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env = clean_env(
            DATABASE_URL=f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}",
            DEBUG="1",
            EMAIL_FILE_PATH=str(tmp_path / "mail"),
            MEDIA_ROOT=str(tmp_path / "media"),
        )
        if settings.REDIS_URL:
            env["REDIS_URL"] = settings.REDIS_URL
        boot_and_visit(env, expected_broker="ok" if settings.REDIS_URL else "eager")
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_production_mode_collects_and_serves_hashed_static(tmp_path):
    """DEBUG=0: collectstatic builds WhiteNoise's compressed manifest from the
    npm packages, and pages link the hashed files WhiteNoise serves."""
    env = clean_env(
        DEBUG="0",
        SECRET_KEY="production-like-secret-key-" + "x" * 40,
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    )
    result = manage("collectstatic", "--noinput", "-v0", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    with runserver(env) as base:
        browser = Browser(base)
        status, page, _ = browser.get("/dang-nhap/")
        assert status == 200
        css = re.search(r'href="(/static/vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
        assert css, page
        status, body, _ = browser.get(css.group(1))
        assert status == 200
        assert "Bootstrap" in body[:200]
