"""Settings read from the environment, deploy checks, migrations, roles."""

from __future__ import annotations

import secrets
from datetime import date
from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.utils.formats import date_format

from plans.permissions import ROLE_GROUPS

from .procs import clean_env, manage


def test_check_deploy_is_clean_with_production_values():
    env = clean_env(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kehoach.snv.khanhhoa.gov.vn",
        DATABASE_URL="postgres://kehoach:mat-khau@db.internal:5432/kehoach",
        REDIS_URL="redis://redis.internal:6379/0",
        EMAIL_URL="smtp+tls://kehoach:mat-khau@mail.khanhhoa.gov.vn:587",
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr.strip() == ""


def test_production_settings_come_from_the_environment():
    env = clean_env(
        DEBUG="0",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="a.example,b.example",
        DATABASE_URL="postgres://u:p@db.internal:5432/kehoach",
        REDIS_URL="redis://redis.internal:6379/2",
        EMAIL_URL="smtp+tls://u:p@mail.example:587",
    )
    script = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND, s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['default']['BACKEND'], s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, "
        "s.KEHOACH_DEV_MAILBOX)"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "False ['a.example', 'b.example'] django.db.backends.postgresql kehoach "
        "redis://redis.internal:6379/2 redis://redis.internal:6379/2 False "
        "config.cache.TolerantRedisCache django.core.mail.backends.smtp.EmailBackend "
        "mail.example 587 True False"
    )


def test_embedded_defaults():
    env = clean_env()
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], "
        "s.EMAIL_BACKEND, s.KEHOACH_DEV_MAILBOX, s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "django.db.backends.sqlite3 True django.core.cache.backends.locmem.LocMemCache "
        "django.core.mail.backends.filebased.EmailBackend True vi Asia/Ho_Chi_Minh True"
    )


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_roles_migration_creates_one_group_per_role_and_reverses():
    names = sorted(ROLE_GROUPS.values())
    assert sorted(Group.objects.filter(name__in=names).values_list("name", flat=True)) == names

    migration = import_module("plans.migrations.0002_roles")
    schema_editor = type("Editor", (), {"connection": connection})()
    migration.delete_groups(apps, schema_editor)
    assert Group.objects.filter(name__in=names).count() == 0
    migration.create_groups(apps, schema_editor)
    migration.create_groups(apps, schema_editor)
    assert sorted(Group.objects.filter(name__in=names).values_list("name", flat=True)) == names


def test_dates_are_shown_and_read_as_dd_mm_yyyy():
    assert date_format(date(2024, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2024"
    assert date_format(date(2024, 3, 5)) == "05/03/2024"
    field = forms.DateField()
    assert field.clean("05/03/2024") == date(2024, 3, 5)


@pytest.mark.parametrize(
    "path",
    [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/bootstrap-icons/bootstrap-icons.min.css",
        "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
        "vendor/htmx/htmx.min.js",
        "css/app.css",
        "js/app.js",
    ],
)
def test_static_assets_come_from_the_registry_install(path):
    assert finders.find(path) is not None, f"{path}: run `make setup` (npm ci)"
