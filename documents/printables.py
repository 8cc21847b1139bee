"""The registry of printable documents, by type.

An app registers each kind of document it prints from its
``AppConfig.ready()``; the ``render_document`` command (and anything else
that prints by id) goes through here, so ``documents`` never imports the
apps above it. Ids look like ``plan-12``: the registered type key, a dash
and the primary key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from . import cache, renderer
from .language import in_document_language


class UnknownDocument(LookupError):
    pass


@dataclass
class Printable:
    """One printable file: what to render and how to name it."""

    id: str
    doc_type: str  # ND30 code of the printed file: KH, QĐ …
    title: str
    template: str
    author: str
    filename: str
    # Built lazily: listing documents must not build every context.
    build_context: Callable[[], dict[str, Any]] = field(repr=False)
    _context: dict[str, Any] | None = field(default=None, repr=False)
    # The document's own date (ISO 8601) for the PDF metadata; None for a draft.
    document_date: str | None = None

    @property
    def context(self) -> dict[str, Any]:
        if self._context is None:
            # Vietnamese whatever the UI language: these texts are printed.
            self._context = in_document_language(self.build_context)()
        return self._context

    def render_pdf(self, **options) -> bytes:
        """A fresh rendering (issuing uses this: the stored bytes are laid out now)."""
        return renderer.render_pdf(
            self.template,
            self.context,
            title=self.title,
            author=self.author,
            document_date=self.document_date,
            **options,
        )

    def pdf(self, **options) -> bytes:
        """The PDF for a download: from the render cache when exactly this
        document was rendered before (``documents.cache``)."""
        return cache.cached_pdf(
            self.template,
            self.context,
            title=self.title,
            author=self.author,
            document_date=self.document_date,
            **options,
        )

    def is_pdf_cached(self, **options) -> bool:
        return cache.is_cached_pdf(
            self.template,
            self.context,
            title=self.title,
            author=self.author,
            document_date=self.document_date,
            **options,
        )

    def render_html(self) -> str:
        return renderer.render_html(
            self.template, {**self.context, "title": self.title, "author": self.author}
        )


@dataclass(frozen=True)
class PrintableType:
    key: str
    label: str | Promise
    # All printable documents of this type (cheap: no context built).
    list_all: Callable[[], Iterable[Printable]]
    # The document with this primary key, or None.
    load: Callable[[int], Printable | None]
    # The documents of a year (the year's archive); None: the type has no year.
    list_year: Callable[[int], Iterable[Printable]] | None = None


_registry: dict[str, PrintableType] = {}


def register(printable_type: PrintableType) -> PrintableType:
    if "-" in printable_type.key:
        raise ValueError("printable type keys cannot contain '-'")
    existing = _registry.get(printable_type.key)
    if existing is not None and existing != printable_type:
        raise ValueError(f"printable type {printable_type.key!r} registered twice")
    _registry[printable_type.key] = printable_type
    return printable_type


def types() -> list[PrintableType]:
    return list(_registry.values())


def all_documents() -> list[Printable]:
    return [printable for printable_type in _registry.values() for printable in printable_type.list_all()]


def make_id(key: str, pk: int) -> str:
    return f"{key}-{pk}"


def get(document_id: str) -> Printable:
    """The printable with this id; ``UnknownDocument`` if there is none."""
    key, _, pk = document_id.rpartition("-")
    printable_type = _registry.get(key)
    if printable_type is None or not pk.isdigit():
        raise UnknownDocument(document_id)
    printable = printable_type.load(int(pk))
    if printable is None:
        raise UnknownDocument(document_id)
    return printable
