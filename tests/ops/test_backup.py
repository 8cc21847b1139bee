"""Backups: `manage.py backup` writes one archive (database dump, stored
files, manifest); `manage.py restore` brings it back into a fresh database
and storage, refuses to overwrite data unless forced, and rejects a damaged
archive before touching anything. Runs on the backend of the test run:
SQLite (online backup API) in the embedded run, pg_dump/pg_restore in the
PostgreSQL run."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from delegates import services as delegates_services
from delegates.services import Actor, PersonRow
from documents import workflow
from documents.models import Job, JobStatus, RegisterEntry
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    ProvincialCommitteeFactory,
    SectionFactory,
    TaskFactory,
    UserFactory,
)
from tests.foundation.procs import clean_env, manage

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Run in the restored installation: what a user would find there.
READ_BACK = """
import hashlib, json
from django.apps import apps
from documents.models import RegisterEntry
counts = {m._meta.label: m._base_manager.count()
          for m in apps.get_models(include_auto_created=True)
          if m._meta.managed and not m._meta.proxy}
pdfs = {}
for entry in RegisterEntry.objects.order_by("pk"):
    with entry.pdf.open("rb") as f:
        pdfs[entry.symbol] = hashlib.sha256(f.read()).hexdigest()
    if entry.signed_pdf:
        with entry.signed_pdf.open("rb") as f:
            pdfs[entry.symbol + " (đã ký)"] = hashlib.sha256(f.read()).hexdigest()
print(json.dumps({"counts": counts, "pdfs": pdfs}))
"""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def fresh_database(tmp_path):
    """A DATABASE_URL for an installation that has never held data."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"kehoach_ops_restore_{uuid.uuid4().hex[:10]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
    }
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        yield f"postgres://{db['USER']}{password}@{params['host']}:{params['port']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _installation() -> dict:
    """Plans, a registration with delegates, an issued plan with its signed
    copy, a finished background job, and a render-cache file."""
    staff = UserFactory(username="chuyenvien", role=Role.STAFF, email="lan@example.org")
    leader = UserFactory(username="lanhdao", role=Role.LEADER)
    clerk = UserFactory(username="vanthu", role=Role.CLERK)
    plan = PlanFactory(
        issuing_agency=ProvincialCommitteeFactory(),
        created_by=staff,
        year=2026,
        title="Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2026",
    )
    SectionFactory(plan=plan, position=0, heading="MỤC ĐÍCH, YÊU CẦU", body="- Đánh giá kết quả.")
    SectionFactory(plan=plan, position=1, heading="NỘI DUNG", body="", block="plan.tasks")
    TaskFactory(plan=plan, position=0, description="Xây dựng báo cáo tổng kết", time_frame="Tháng 4/2026")
    TaskFactory(plan=plan, position=1, description="Tổ chức Hội nghị", time_frame="Quý II/2026")
    PlanFactory(created_by=staff, year=2026, title="Kế hoạch còn đang soạn")
    plan = workflow.transition(document=plan, user=staff, action="submit")
    plan = workflow.transition(document=plan, user=leader, action="approve")
    entry = workflow.issue(document=plan, user=clerk)
    workflow.signed_copy_upload(
        document=plan, user=clerk, uploaded=SimpleUploadedFile("ban-ky.pdf", SIGNED, "application/pdf")
    )

    opening = OpeningFactory(capacity=50)
    for phone, name in (("0905123456", "Nguyễn Văn An"), ("0912345678", "Lê Thị Ánh")):
        registration = RegistrationFactory(opening=opening, agency=AgencyFactory())
        delegates_services.registration_save(
            registration=registration,
            rows=[PersonRow(full_name=name, phone=phone)],
            actor=Actor(label="Chuyên viên", staff=True),
            submit=True,
        )
    job = Job.objects.create(owner=staff, kind="year_archive", params={"year": 2026}, title="Lưu trữ 2026")
    job.result.save("luu-tru-2026.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    Job.objects.filter(pk=job.pk).update(result=job.result.name, status=JobStatus.DONE, progress=100)
    default_storage.save("renders/ab/cd/abcd.pdf", ContentFile(b"%PDF-1.7 cached draft"))
    entry.refresh_from_db()
    return {"entry": entry}


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _read_back(env: dict[str, str]) -> dict:
    done = manage("shell", "-c", READ_BACK, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _backup(tmp_path: Path) -> tuple[Path, str]:
    out = io.StringIO()
    call_command("backup", "-o", str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("kehoach-*.tar")
    return archive, out.getvalue()


def test_a_backup_restores_into_a_fresh_installation_with_every_row_and_issued_pdf(tmp_path, fresh_database):
    built = _installation()
    entry: RegisterEntry = built["entry"]
    before = _counts()
    issued_pdfs = {
        entry.symbol: hashlib.sha256(workflow.stored_pdf(entry)).hexdigest(),
        entry.symbol + " (đã ký)": hashlib.sha256(SIGNED).hexdigest(),
    }
    assert issued_pdfs[entry.symbol] == entry.sha256
    assert before["delegates.Delegate"] == 2
    assert before["plans.Plan"] == 3  # the event's plan too

    archive, said = _backup(tmp_path)
    rows = sum(before.values())
    assert f"{rows} dòng trong {len(before)} bảng, 3 tệp, 1 văn bản đã ban hành." in said
    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    dump = "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert names == sorted(
        [
            "manifest.json",
            dump,
            f"media/{entry.pdf.name}",
            f"media/{entry.signed_pdf.name}",
            f"media/{Job.objects.get().result.name}",
        ]
    )  # the render cache is rebuilt on demand, not archived
    assert manifest["counts"] == before
    assert manifest["issued"][str(entry.pk)]["sha256"] == entry.sha256
    assert manifest["files"][entry.pdf.name]["sha256"] == entry.sha256
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: owner only

    env = clean_env(DATABASE_URL=fresh_database, MEDIA_ROOT=str(tmp_path / "restored-media"))
    restored = manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert f"{rows} dòng trong {len(before)} bảng khớp bản kê, 3 tệp được ghi" in restored.stdout
    assert "1 văn bản đã ban hành khớp SHA-256" in restored.stdout
    after = _read_back(env)
    assert after["counts"] == before
    assert after["pdfs"] == issued_pdfs

    # Once it holds data, a second restore needs --force, and leaves it as it was until then.
    again = manage("restore", str(archive), env=env)
    assert again.returncode == 1
    assert (
        "Cơ sở dữ liệu đích đang có dữ liệu (3 tài khoản người dùng, 1 văn bản đã ban hành)" in again.stderr
    )
    assert "--force" in again.stderr
    forced = manage("restore", str(archive), "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert "0 tệp được ghi" in forced.stdout  # identical files are left alone
    assert _read_back(env) == after


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, fresh_database):
    entry = _installation()["entry"]
    archive, _said = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == f"media/{entry.pdf.name}":
                data = data[:200] + bytes([data[200] ^ 0x01]) + data[201:]  # one bit flipped
            target.addfile(member, io.BytesIO(data))

    env = clean_env(DATABASE_URL=fresh_database, MEDIA_ROOT=str(tmp_path / "restored-media"))
    checked = manage("restore", str(damaged), "--check", env=env)
    assert checked.returncode == 1
    assert f"Tệp sao lưu bị hỏng: media/{entry.pdf.name} khác SHA-256 trong bản kê." in checked.stderr
    refused = manage("restore", str(damaged), env=env)
    assert refused.returncode == 1
    assert "Tệp sao lưu bị hỏng" in refused.stderr
    assert not (tmp_path / "restored-media").exists()
    assert manage("restore", str(archive), "--check", env=env).returncode == 0

    not_ours = tmp_path / "khac.tar"
    not_ours.write_bytes(b"not an archive")
    wrong = manage("restore", str(not_ours), env=env)
    assert wrong.returncode == 1
    assert "không phải là tệp sao lưu của kehoach" in wrong.stderr


def test_keep_leaves_only_the_newest_archives(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20260101-020000", "20260102-020000", "20260103-020000"):
        (folder / f"kehoach-{stamp}.tar").write_bytes(b"old")
    (folder / "ghi-chu.txt").write_text("not a backup")
    out = io.StringIO()
    call_command("backup", "-o", str(folder), "--keep", "2", stdout=out)
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 3
    assert left[0] == "ghi-chu.txt"
    assert left[1] == "kehoach-20260103-020000.tar"
    assert "Đã xóa bản sao lưu cũ" in out.getvalue()
