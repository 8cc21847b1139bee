"""No user text makes the PDF renderer fetch anything, in any printed document.

Every free-text column of every row of the two-agency world (conftest.py)
— plan sections, tasks, objectives, assignments, appendices, decision
articles, event names and parts, programme slots, delegates, invitations,
nominations, award decisions … — is overwritten with markup pointing at a
local TCP listener (<img>, <link>, CSS url() and @import, <iframe>,
<object>, SVG <image>, file:// paths). Then every document of the printable
registry (``documents.printables``, so a new document type is covered) is
rendered afresh: the listener must receive no connection, and each PDF
shows the markup as text.
"""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import pdfplumber
import pytest
from django.apps import apps
from django.db import models

from documents import printables
from progress import services as progress_services

if TYPE_CHECKING:
    from .conftest import World

pytestmark = pytest.mark.django_db

APPS = ("plans", "conferences", "agenda", "delegates", "awards", "progress")

# Columns that hold codes, keys or addresses rather than free text (and that
# the forms validate as such): a URL there is refused long before printing.
NOT_FREE_TEXT = (
    "email",
    "phone",
    "symbol",
    "code",
    "key",
    "token",
    "hash",
    "password",
    "username",
    "slug",
    "number",
    "file",
    "content_type",
    "kind",
    "status",
    "history_",
    "name_key",
    "unit_key",
    "result_name",
    "original_name",
    "params",
    "source",
)


@pytest.fixture
def listener() -> Iterator[tuple[int, list]]:
    """A local TCP listener that records every connection it receives."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, address = server.accept()
            except (TimeoutError, OSError):
                continue
            connections.append(address)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


def payloads(port: int) -> tuple[str, str]:
    """(long payload, short payload): every way HTML or CSS names a resource."""
    url = f"http://127.0.0.1:{port}"
    long = (
        f'Ảnh <img src="{url}/img.png"> <link rel="stylesheet" href="{url}/a.css">'
        f"<style>@import url({url}/b.css); p {{ background: url({url}/c.png) }}</style>"
        f'<iframe src="{url}/frame"></iframe><object data="{url}/obj"></object>'
        f'<svg><image href="{url}/svg.png"/></svg><img src="file:///etc/passwd"> hết.'
    )
    short = f'<img src="{url}/s">'
    return long, short


def _free_text_columns(model) -> list[models.Field]:
    fields = []
    for f in model._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField) or f.choices or f.unique:
            continue
        if isinstance(f, models.EmailField | models.URLField | models.SlugField) or f.name.startswith(
            NOT_FREE_TEXT
        ):
            continue
        if f.name.endswith(NOT_FREE_TEXT) or (f.max_length or 10_000) < 40:
            continue
        fields.append(f)
    return fields


def poison(port: int) -> int:
    """Overwrite every free-text column with markup; returns the columns changed."""
    long, short = payloads(port)
    changed = 0
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            values = {}
            for f in _free_text_columns(model):
                values[f.name] = long if (f.max_length or 10_000) >= len(long) - 8 else short
            if not values or not model._default_manager.exists():
                continue
            unique = _unique_together(model)
            if unique & set(values):
                # Columns of a uniqueness constraint: one distinct text per row.
                for pk in model._default_manager.values_list("pk", flat=True):
                    model._default_manager.filter(pk=pk).update(
                        **{
                            name: f"{value} {pk}" if name in unique else value
                            for name, value in values.items()
                        }
                    )
            else:
                model._default_manager.update(**values)
            changed += len(values)
    return changed


def _unique_together(model) -> set[str]:
    names = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names |= set(constraint.fields)
    return names


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages).lower()


def test_no_printed_document_fetches_what_user_text_names(world: World, listener, settings, tmp_path):
    port, connections = listener
    settings.MEDIA_ROOT = str(tmp_path)
    with world.check():
        # The world has no progress report yet (BÁO CÁO): one of its plan.
        progress_services.report_create(plan=world.plan, user=world.users["staff"], today=date(2026, 6, 30))
        assert poison(port) > 40
        documents = printables.all_documents()
        kinds = {doc.id.rsplit("-", 1)[0] for doc in documents}
        # Every registered type has a document in the world to print.
        assert kinds == {t.key for t in printables.types()}, kinds
        # Either payload, whole (a two-column header may interleave one of them when read back).
        shown = ["".join(payload.split()).lower() for payload in payloads(port)]
        failures = []
        for document in documents:
            try:
                data = document.render_pdf()
            except Exception as error:  # the document cannot be printed at all
                failures.append(f"{document.id}: {type(error).__name__}: {error}")
                continue
            text = pdf_text(data)
            if not any(payload in text for payload in shown):
                failures.append(f"{document.id}: the markup is not printed as text: {text[:300]}")
        assert connections == []
        assert not failures, "\n".join(failures)
