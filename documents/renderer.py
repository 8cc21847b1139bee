"""Template + context -> HTML -> PDF bytes, the one way documents are printed.

- Fonts come from the files named in ``documents.fonts`` through @font-face
  rules of our own family; fontconfig never chooses.
- Resources are fetched by ``StaticOnlyFetcher``: the project's own static
  files and those font files, nothing else. User text is escaped by
  ``documents.markup`` anyway; this is the second wall.
- The font configuration and the parsed stylesheets are built once per
  process (``_assets``), so a warm render only lays out the document.
"""

from __future__ import annotations

import mimetypes
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import fonts
from .language import in_document_language

RENDERER_VERSION = weasyprint.__version__

# Base URL of the HTML given to WeasyPrint: "/static/…" resolves under it and
# the fetcher maps it to files on disk. ".invalid" can never be resolved.
BASE_URL = "https://kehoach.invalid/"
_BASE_HOST = urlsplit(BASE_URL).hostname

STYLESHEET = "documents/nd30.css"

# Pango and fontconfig objects are shared by all renders of the process.
_render_lock = threading.Lock()

# How many PDFs this process has laid out: the cache tests and the benchmark
# read it to prove a download was served without rendering.
_render_count = 0


def render_count() -> int:
    return _render_count


class FetchRefused(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files and the document fonts; refuses
    every other URL (http, https, file, data, ftp …) without opening it."""

    def __init__(self, font_paths: frozenset[Path] = frozenset()):
        super().__init__(allowed_protocols=())
        self.font_paths = font_paths

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.resolve(url)
        if path is None:
            raise FetchRefused(f"refused to fetch {url[:200]!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def resolve(self, url: str) -> Path | None:
        """The file on disk an allowed URL names, or None."""
        parts = urlsplit(url)
        if parts.scheme == "file":
            if parts.netloc not in ("", "localhost"):
                return None
            path = Path(url2pathname(parts.path))
            return path if path in self.font_paths else None
        if parts.scheme != "https" or parts.hostname != _BASE_HOST or parts.query:
            return None
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if not parts.path.startswith(static_prefix):
            return None
        relative = unquote(parts.path[len(static_prefix) :])
        if not relative or ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        # After collectstatic, {% static %} names hashed copies that only
        # exist under STATIC_ROOT.
        if settings.STATIC_ROOT:
            root = Path(settings.STATIC_ROOT).resolve()
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None


def font_face_css() -> str:
    """@font-face rules for ``fonts.FAMILY``, one per face, by absolute path."""
    rules = []
    for (weight, style), path in fonts.font_files().items():
        if path is None:
            continue
        rules.append(
            "@font-face {"
            f' font-family: "{fonts.FAMILY}";'
            f' src: url("{path.resolve().as_uri()}");'
            f" font-weight: {weight}; font-style: {style};"
            " }"
        )
    return "\n".join(rules)


@dataclass(frozen=True)
class _Assets:
    font_config: FontConfiguration
    fetcher: StaticOnlyFetcher
    stylesheets: tuple[weasyprint.CSS, ...]


def _stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(STYLESHEET)
    return Path(found)


@lru_cache(maxsize=2)
def _assets_for(stylesheet_mtime: float) -> _Assets:
    font_paths = frozenset(p.resolve() for p in fonts.font_files().values() if p is not None)
    fetcher = StaticOnlyFetcher(font_paths)
    font_config = FontConfiguration()
    stylesheets = (
        weasyprint.CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher),
        weasyprint.CSS(
            string=_stylesheet_path().read_text(encoding="utf-8"),
            base_url=BASE_URL + settings.STATIC_URL.strip("/") + "/" + STYLESHEET,
            font_config=font_config,
            url_fetcher=fetcher,
        ),
    )
    return _Assets(font_config, fetcher, stylesheets)


def _assets() -> _Assets:
    # Keyed on the stylesheet's mtime so that editing the CSS in development
    # takes effect without a restart.
    return _assets_for(_stylesheet_path().stat().st_mtime)


@in_document_language
def render_html(template_name: str, context: dict, *, for_pdf: bool = False) -> str:
    """The document's HTML, NFC-normalised.

    The browser print view gets the stylesheet as a <link> and fonts by local
    name; the PDF gets both from the cached assets instead (``for_pdf``).
    The document body is the same markup either way."""
    html = render_to_string(template_name, {**context, "for_pdf": for_pdf})
    return unicodedata.normalize("NFC", html)


@in_document_language
def render_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang: str = "vi",
    pdf_variant: str | None = None,
    document_date: str | None = None,
) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes.

    ``title`` and ``author`` (the issuing body) go into the PDF metadata.
    The creation date, when given, is the document's own date (ISO 8601),
    never the clock: the same input gives the same bytes, which the render
    cache and the tests rely on."""
    html = render_html(
        template_name, {**context, "title": title, "author": author, "lang": lang}, for_pdf=True
    )
    global _render_count
    with _render_lock:
        _render_count += 1
        assets = _assets()
        document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=assets.fetcher).render(
            font_config=assets.font_config,
            stylesheets=list(assets.stylesheets),
            pdf_variant=pdf_variant,
        )
        document.metadata.title = unicodedata.normalize("NFC", title)
        document.metadata.authors = [unicodedata.normalize("NFC", author)]
        document.metadata.lang = lang
        document.metadata.generator = f"kehoach (WeasyPrint {RENDERER_VERSION})"
        if document_date:
            document.metadata.created = document_date
            document.metadata.modified = document_date
        return document.write_pdf(pdf_variant=pdf_variant)


@in_document_language
def render_pdf_parts(
    template_name: str,
    contexts: list[dict],
    *,
    title: str,
    author: str,
    lang: str = "vi",
    progress=None,
) -> bytes:
    """One PDF of several documents laid out one after the other (a batch of
    invitations): each part is laid out on its own, so ``progress(done,
    total)`` can move a bar, and the pages are written as one file."""
    global _render_count
    first = None
    pages = []
    for index, context in enumerate(contexts, start=1):
        html = render_html(
            template_name, {**context, "title": title, "author": author, "lang": lang}, for_pdf=True
        )
        with _render_lock:
            _render_count += 1
            assets = _assets()
            document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=assets.fetcher).render(
                font_config=assets.font_config, stylesheets=list(assets.stylesheets)
            )
        first = first or document
        pages.extend(document.pages)
        if progress is not None:
            progress(index, len(contexts))
    if first is None:
        raise ValueError("no parts to render")
    combined = first.copy(pages)
    combined.metadata.title = unicodedata.normalize("NFC", title)
    combined.metadata.authors = [unicodedata.normalize("NFC", author)]
    combined.metadata.lang = lang
    combined.metadata.generator = f"kehoach (WeasyPrint {RENDERER_VERSION})"
    with _render_lock:
        return combined.write_pdf()
