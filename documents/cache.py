"""Rendered files named by what they are made of (step 3 of 3, drafts).

A PDF's name is the SHA-256 of everything that changes its bytes: the
document's data (its context, serialised canonically), the source of every
template it can use, the stylesheet, the font files, the WeasyPrint version
and the render options. A repeat download of an unchanged document reads
that file from storage instead of laying it out again; any change gives a
new name, so a stale file is never served (old files are just no longer
asked for).

Files live in Django's default storage (local files by default; any storage
backend, e.g. an S3-compatible one, through ``FILE_STORAGE_BACKEND``), so
web and worker processes on different hosts share them.

Issued documents never come through here: their bytes were stored once at
issue (``documents.workflow``) and are served as stored.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import engines
from django.utils import timezone
from django.utils.functional import Promise

from . import fonts, renderer
from .language import in_document_language

logger = logging.getLogger(__name__)

# Bumped by hand when the way files are made changes outside what is hashed.
CACHE_FORMAT = "1"
PREFIX = "renders"

_INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


class Uncacheable(TypeError):
    """The context holds a value with no canonical form (a model instance …):
    such a document is rendered every time rather than risk a stale file."""


def _encode(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Path):
        return str(value)
    raise Uncacheable(type(value).__name__)


def canonical(data) -> bytes:
    """Sorted-key, compact JSON: equal data give equal bytes."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_encode
    ).encode("utf-8")


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- what every render depends on, hashed once per process and re-hashed when a file changes


def _template_dirs() -> list[Path]:
    dirs: list[Path] = []
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            dirs.append(Path(directory))
    return dirs


def _template_files(root_name: str) -> list[Path]:
    """The root template, the templates it includes or extends by name, and
    every document template (blocks are included by a name held in the
    context, so all of templates/**/documents/ counts)."""
    dirs = _template_dirs()
    found: dict[str, Path] = {}

    def locate(name: str) -> Path | None:
        for directory in dirs:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        return None

    pending = [root_name]
    while pending:
        name = pending.pop()
        if name in found:
            continue
        path = locate(name)
        if path is None:
            continue
        found[name] = path
        pending.extend(_INCLUDE.findall(path.read_text(encoding="utf-8")))
    for directory in dirs:
        for path in sorted((directory / "documents").rglob("*")):
            if path.is_file() and "pages" not in path.relative_to(directory).parts:
                found.setdefault(str(path.relative_to(directory)), path)
    return [found[name] for name in sorted(found)]


def _code_files() -> list[Path]:
    """Template tags and filters change the output as much as templates do."""
    base = Path(settings.BASE_DIR)
    files = sorted(base.glob("*/templatetags/*.py"))
    files += [base / "documents" / "renderer.py", base / "documents" / "markup.py"]
    return [path for path in files if path.is_file()]


def _font_files() -> list[Path]:
    return [path for _face, path in sorted(fonts.font_files().items()) if path is not None]


def _stylesheet() -> list[Path]:
    return [renderer._stylesheet_path()]


_fingerprints: dict[str, tuple[tuple, str]] = {}
_fingerprint_lock = threading.Lock()


def _fingerprint(key: str, files: Callable[[], Iterable[Path]], *, watch: bool | None = None) -> str:
    """SHA-256 over the named files' contents.

    Without DEBUG, Django's cached template loader, the imported template
    tags and the loaded fonts only change with a restart, so the value is
    computed once per process. With DEBUG (or ``watch``), files are listed
    and stat-ed on every call and re-hashed when one changed."""
    if watch is None:
        watch = settings.DEBUG
    with _fingerprint_lock:
        cached = _fingerprints.get(key)
    if cached is not None and not watch:
        return cached[1]
    paths = list(files())
    stamp = tuple((str(p), *(lambda s: (s.st_mtime_ns, s.st_size))(p.stat())) for p in paths)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode())
        digest.update(_file_digest(path).encode())
    value = digest.hexdigest()
    with _fingerprint_lock:
        _fingerprints[key] = (stamp, value)
    return value


def template_fingerprint(template_name: str) -> str:
    """The project's templates that ``template_name`` draws and its template
    tags, hashed (for caches of page fragments: plans' ``formcache``)."""
    return _fingerprint(f"templates:{template_name}", lambda: _template_files(template_name)) + _fingerprint(
        "code", _code_files
    )


def environment_fingerprint(template_name: str) -> dict[str, str]:
    return {
        "templates": _fingerprint(f"templates:{template_name}", lambda: _template_files(template_name)),
        "code": _fingerprint("code", _code_files),
        # The renderer reloads the stylesheet when its mtime changes: so do we.
        "css": _fingerprint("css", _stylesheet, watch=True),
        "fonts": _fingerprint("fonts", _font_files),
        "weasyprint": renderer.RENDERER_VERSION,
        "format": CACHE_FORMAT,
    }


@in_document_language
def key_for(
    template_name: str, context: dict, *, kind: str = "pdf", title: str = "", author: str = "", **options
) -> str:
    """The SHA-256 naming this rendering; ``Uncacheable`` if the context has
    no canonical form."""
    payload = {
        "kind": kind,
        "template": template_name,
        "context": context,
        "title": title,
        "author": author,
        "options": options,
        "environment": environment_fingerprint(template_name),
    }
    return hashlib.sha256(canonical(payload)).hexdigest()


def storage_name(key: str, extension: str) -> str:
    return f"{PREFIX}/{key[:2]}/{key}.{extension}"


def _read(name: str) -> bytes | None:
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None


def _write(name: str, data: bytes) -> None:
    """Store once; a concurrent writer of the same name wrote the same bytes."""
    try:
        if default_storage.exists(name):
            return
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # lost a race: the storage picked another name
            default_storage.delete(saved)
    except OSError:
        logger.warning("could not store the rendered file %s", name, exc_info=True)


def cached_file(key: str | None, extension: str, render: Callable[[], bytes]) -> bytes:
    if key is None:
        return render()
    name = storage_name(key, extension)
    data = _read(name)
    if data is not None:
        return data
    data = render()
    _write(name, data)
    return data


@in_document_language
def cached_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    document_date: str | None = None,
    **options,
) -> bytes:
    """``renderer.render_pdf`` through the cache."""
    try:
        key = key_for(
            template_name, context, title=title, author=author, document_date=document_date, **options
        )
    except Uncacheable as error:
        logger.info("rendering %s uncached: %s in its context", template_name, error)
        key = None
    return cached_file(
        key,
        "pdf",
        lambda: renderer.render_pdf(
            template_name, context, title=title, author=author, document_date=document_date, **options
        ),
    )


def is_cached_pdf(template_name: str, context: dict, *, title: str, author: str, **options) -> bool:
    try:
        key = key_for(template_name, context, title=title, author=author, **options)
    except Uncacheable:
        return False
    return default_storage.exists(storage_name(key, "pdf"))


def prune(*, older_than_days: int) -> int:
    """Delete rendered files written more than ``older_than_days`` ago (a
    document whose data holds the time it was printed never hits the cache,
    so files would pile up). A file still wanted is rendered again once."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    removed = 0
    try:
        folders, _files = default_storage.listdir(PREFIX)
    except (FileNotFoundError, NotImplementedError):
        return 0
    for folder in folders:
        _sub, files = default_storage.listdir(f"{PREFIX}/{folder}")
        for file in files:
            name = f"{PREFIX}/{folder}/{file}"
            try:
                if default_storage.get_modified_time(name) < cutoff:
                    default_storage.delete(name)
                    removed += 1
            except (OSError, NotImplementedError):
                continue
    return removed
