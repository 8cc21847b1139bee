"""Backups of a whole installation: the database and every stored file.

One archive (an uncompressed tar; the dump and the PDFs are compressed
already) holds:

- ``manifest.json``: format, app version, date, the row count of every
  model's table, the SHA-256 and size of every file, and the SHA-256 of every
  issued document's stored PDF as the register recorded it;
- ``database.pgdump`` (``pg_dump --format=custom``) for PostgreSQL, or
  ``database.sqlite3`` (SQLite's online backup API) for the embedded default;
- ``media/<name>``: every file in the default storage (issued and signed
  PDFs, uploads, background-job results) except the render cache, which is
  rebuilt on demand.

Consistency: on PostgreSQL the counts are taken in a REPEATABLE READ
transaction whose snapshot pg_dump imports, so the manifest describes the
dump exactly, also while the site is in use. On SQLite the counts are read
from the copy. Files are copied after the database: an issued file is
written before its register row commits and never changes, so every file
the dump names is in the archive.

Restore checks the whole archive against its manifest before touching
anything, refuses a target that holds data unless forced, and verifies row
counts and file hashes afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .cache import PREFIX as RENDER_CACHE_PREFIX
from .models import RegisterEntry

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ARCHIVE_GLOB = "kehoach-*.tar"
# Rebuilt on demand from the data: not worth its space in every archive.
SKIPPED_PREFIXES = (f"{RENDER_CACHE_PREFIX}/",)
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (Vietnamese)."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    problems: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict
    rows: int
    tables: int
    files: int
    issued: int
    pending_migrations: int


# --------------------------------------------------------------------------- helpers


def _model_tables() -> dict[str, str]:
    """Model label -> table, for every table Django manages (history and
    many-to-many tables included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def _count(cursor, existing: set[str], quote) -> dict[str, int]:
    counts = {}
    for label, table in _model_tables().items():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our own table names
            counts[label] = cursor.fetchone()[0]
    return counts


def _issued(cursor, existing: set[str], quote) -> dict[str, dict]:
    """The register's stored files and the hashes recorded when they were stored."""
    meta = RegisterEntry._meta
    if meta.db_table not in existing:
        return {}
    cursor.execute(
        f"SELECT id, pdf, sha256, signed_pdf, signed_sha256 FROM {quote(meta.db_table)} ORDER BY id"  # noqa: S608
    )
    issued = {}
    for pk, pdf, sha, signed, signed_sha in cursor.fetchall():
        issued[str(pk)] = {"pdf": pdf, "sha256": sha, "signed_pdf": signed or "", "signed_sha256": signed_sha}
    return issued


def _app_version() -> str:
    version = "?"
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
            version = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    git = shutil.which("git")
    if git and (Path(settings.BASE_DIR) / ".git").exists():
        commit = subprocess.run(  # noqa: S603 - git from PATH, fixed arguments
            [git, "rev-parse", "--short", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if commit:
            version = f"{version} ({commit})"
    return version


def _pg_env() -> dict[str, str]:
    """libpq's variables for the default database (no password on a command line)."""
    db = connection.settings_dict
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db["NAME"],
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {name}. Hãy cài gói postgresql-client (cùng phiên bản với máy chủ)."
        )
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    # pg_dump/pg_restore from PATH; the arguments are ours, the connection is in env.
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} không thành công:\n{done.stderr.strip()}")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stored_files(storage=None) -> list[str]:
    """Every file name in the storage, walking its folders."""
    storage = storage or default_storage
    names: list[str] = []
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            dirs, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in files:
            path = f"{folder}/{name}" if folder else name
            if not path.startswith(SKIPPED_PREFIXES):
                names.append(path)
        pending.extend(f"{folder}/{d}" if folder else d for d in dirs)
    return sorted(names)


def _storage_sha256(name: str, storage=None) -> str:
    storage = storage or default_storage
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader(io.RawIOBase):
    """Reads a file while hashing it, so each file is read once."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode = 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


# --------------------------------------------------------------------------- backup


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, dict]]:
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu được bên trong một giao dịch đang mở.")
    pg_dump = _pg_tool("pg_dump")
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # pg_dump sees exactly what this transaction sees, whatever commits meanwhile.
        options = ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        _run([pg_dump, *options, f"--file={target}"], _pg_env())
        existing = set(connection.introspection.table_names(cursor))
        return _count(cursor, existing, quote), _issued(cursor, existing, quote)


def _dump_sqlite(target: Path) -> tuple[dict[str, int], dict[str, dict]]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        quote = connection.ops.quote_name
        return _count(cursor, existing, quote), _issued(cursor, existing, quote)
    finally:
        copy.close()


def backup_create(*, output_dir: Path, keep: int | None = None) -> BackupResult:
    """Write one archive of the database and the stored files into
    ``output_dir``; keep only the newest ``keep`` archives there if given."""
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime()
    final = output_dir / f"kehoach-{now:%Y%m%d-%H%M%S}.tar"
    if final.exists():
        raise BackupError(f"Tệp {final} đã có; hãy chờ một giây rồi chạy lại.")
    partial = final.with_name(final.name + ".partial")
    dump_name = DUMP_NAMES[vendor]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kehoach-backup-", dir=output_dir) as work:
        dump = Path(work) / dump_name
        if vendor == "postgresql":
            counts, issued = _dump_postgresql(dump)
        else:
            counts, issued = _dump_sqlite(dump)
        files: dict[str, dict] = {}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
                archive.add(dump, arcname=dump_name, filter=_private)
                for name in _stored_files():
                    info = tarfile.TarInfo(MEDIA + name)
                    info.size = default_storage.size(name)
                    info.mode = 0o600
                    info.mtime = int(now.timestamp())
                    with default_storage.open(name, "rb") as handle:
                        reader = _HashingReader(handle)
                        archive.addfile(info, reader)
                    files[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}
                for pk, entry in issued.items():
                    for file_key, sha_key in (("pdf", "sha256"), ("signed_pdf", "signed_sha256")):
                        name = entry[file_key]
                        if not name:
                            continue
                        stored = files.get(name)
                        if stored is None:
                            problems.append(f"Văn bản đã ban hành #{pk}: thiếu tệp {name}.")
                        elif entry[sha_key] and stored["sha256"] != entry[sha_key]:
                            problems.append(
                                f"Văn bản đã ban hành #{pk}: tệp {name} khác SHA-256 đã ghi khi ban hành."
                            )
                manifest = {
                    "format": FORMAT,
                    "app": "kehoach",
                    "app_version": _app_version(),
                    "django": django.get_version(),
                    "created_at": now.isoformat(),
                    "database": {
                        "vendor": vendor,
                        "file": dump_name,
                        "sha256": _sha256_file(dump),
                        "size": dump.stat().st_size,
                    },
                    "counts": counts,
                    "files": files,
                    "issued": issued,
                    "problems": problems,
                }
                _add_bytes(
                    archive,
                    MANIFEST,
                    json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
                    now.timestamp(),
                )
            os.replace(partial, final)
        finally:
            if partial.exists():
                partial.unlink()
    removed = prune(output_dir=output_dir, keep=keep) if keep else []
    return BackupResult(path=final, manifest=manifest, problems=problems, removed=removed)


def prune(*, output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives (their names sort by date)."""
    archives = sorted(Path(output_dir).glob(ARCHIVE_GLOB))
    old = archives[: max(0, len(archives) - keep)]
    for path in old:
        path.unlink()
    return old


# --------------------------------------------------------------------------- restore


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, mode="r:*") as archive:
            member = archive.getmember(MANIFEST)
            manifest = json.loads(archive.extractfile(member).read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} không phải là tệp sao lưu của kehoach ({error}).") from None
    if manifest.get("app") != "kehoach" or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path}: định dạng tệp sao lưu không được hỗ trợ.")
    return manifest


def check_archive(archive_path: Path, manifest: dict) -> None:
    """Every member's SHA-256 equals the manifest's, before anything is written."""
    expected = {MEDIA + name: meta["sha256"] for name, meta in manifest["files"].items()}
    expected[manifest["database"]["file"]] = manifest["database"]["sha256"]
    seen = set()
    with tarfile.open(archive_path, mode="r:*") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"Tệp sao lưu có mục lạ: {member.name}.")
            digest = hashlib.sha256()
            handle = archive.extractfile(member)
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
            if digest.hexdigest() != expected[member.name]:
                raise BackupError(f"Tệp sao lưu bị hỏng: {member.name} khác SHA-256 trong bản kê.")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"Tệp sao lưu thiếu {len(missing)} tệp, ví dụ {missing[0]}.")


def database_holds_data() -> list[str]:
    """What makes the target database worth protecting: user accounts,
    issued documents, sessions. A freshly migrated database has none."""
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for label, table in (
            ("tài khoản người dùng", get_user_model()._meta.db_table),
            ("văn bản đã ban hành", RegisterEntry._meta.db_table),
            ("phiên đăng nhập", "django_session"),
        ):
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our own table names
                count = cursor.fetchone()[0]
                if count:
                    found.append(f"{count} {label}")
    return found


def _media_conflicts(manifest: dict) -> list[str]:
    conflicts = []
    for name, meta in manifest["files"].items():
        if default_storage.exists(name) and _storage_sha256(name) != meta["sha256"]:
            conflicts.append(name)
    return conflicts


def _restore_postgresql(dump: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    with connection.cursor() as cursor:
        # Whatever an earlier migrate created goes: the dump brings its own schema.
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()
    _run(
        [
            pg_restore,
            *("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"),
            *("--dbname", connection.settings_dict["NAME"]),
            str(dump),
        ],
        _pg_env(),
    )


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        # Page by page into the open database: WAL files and other
        # connections stay consistent, which replacing the file would break.
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(archive_path: Path, manifest: dict) -> int:
    written = 0
    with tarfile.open(archive_path, mode="r:*") as archive:
        for member in archive:
            if not member.name.startswith(MEDIA):
                continue
            name = member.name[len(MEDIA) :]
            if default_storage.exists(name):
                if _storage_sha256(name) == manifest["files"][name]["sha256"]:
                    continue
                default_storage.delete(name)
            saved = default_storage.save(name, File(archive.extractfile(member), name=name))
            if saved != name:
                raise BackupError(f"Không ghi được tệp {name} đúng tên (bộ lưu trữ đặt tên {saved}).")
            written += 1
    return written


def _verify(manifest: dict) -> tuple[int, int, int]:
    """Row counts and file hashes of the restored installation equal the manifest's."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        counts = _count(cursor, existing, quote)
        issued = _issued(cursor, existing, quote)
    errors = []
    for label, expected in manifest["counts"].items():
        if counts.get(label) != expected:
            errors.append(f"{label}: {counts.get(label)} dòng, bản kê ghi {expected}")
    for name, meta in manifest["files"].items():
        if not default_storage.exists(name):
            errors.append(f"thiếu tệp {name}")
        elif _storage_sha256(name) != meta["sha256"]:
            errors.append(f"tệp {name} khác SHA-256 trong bản kê")
    for pk, entry in manifest["issued"].items():
        if issued.get(pk) != entry:
            errors.append(f"văn bản đã ban hành #{pk} khác bản kê")
        elif (
            entry["pdf"] in manifest["files"] and manifest["files"][entry["pdf"]]["sha256"] != entry["sha256"]
        ):
            errors.append(f"tệp ban hành của #{pk} khác SHA-256 đã ghi khi ban hành")
    if errors:
        raise BackupError("Khôi phục xong nhưng kiểm tra không khớp:\n- " + "\n- ".join(errors[:50]))
    return sum(counts.values()), len(counts), len(manifest["issued"])


def restore_archive(*, archive_path: Path, force: bool = False) -> RestoreResult:
    """Restore an archive into the configured database and storage."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"Tệp sao lưu là của cơ sở dữ liệu {vendor}, còn cài đặt này dùng {connection.vendor}; "
            "hãy khôi phục vào cùng loại cơ sở dữ liệu."
        )
    check_archive(archive_path, manifest)
    if not force:
        held = database_holds_data()
        if held:
            raise BackupError(
                "Cơ sở dữ liệu đích đang có dữ liệu ("
                + ", ".join(held)
                + "). Khôi phục sẽ xóa hết dữ liệu này; nếu chắc chắn, chạy lại với --force."
            )
        conflicts = _media_conflicts(manifest)
        if conflicts:
            raise BackupError(
                f"Thư mục tệp đích có {len(conflicts)} tệp trùng tên nhưng khác nội dung, ví dụ "
                f"{conflicts[0]}. Nếu chắc chắn muốn ghi đè, chạy lại với --force."
            )
    with tempfile.TemporaryDirectory(prefix="kehoach-restore-") as work:
        with tarfile.open(archive_path, mode="r:*") as archive:
            member = archive.getmember(manifest["database"]["file"])
            dump = Path(work) / Path(member.name).name
            with archive.extractfile(member) as source, open(dump, "wb") as target:
                shutil.copyfileobj(source, target, _CHUNK)
        if vendor == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump)
    files = _restore_media(archive_path, manifest)
    rows, tables, issued = _verify(manifest)
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreResult(
        manifest=manifest, rows=rows, tables=tables, files=files, issued=issued, pending_migrations=pending
    )
