"""Real-browser journeys: Playwright driving Debian's Chromium against a live server.

The browser is the binary of Debian's ``chromium`` package (``make install``
installs it; ``CHROMIUM`` names another binary); Playwright never downloads a
browser of its own. Without the binary these tests skip with the reason,
except under ``CI=true``, where a missing browser fails the run.

Every journey saves numbered screenshots of what the person saw into
``var/test-artifacts/e2e/<test>/NN-step.png`` (and ``failure-*.png`` of every
open page when a step fails), plus the files it downloaded.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.documents.nd30 import Nd30Pdf, is_watermark

VIEWPORT = {"width": 1400, "height": 900}
# Long enough for a PDF render on a loaded 2-core machine, short enough to fail fast.
TIMEOUT_MS = 20_000
PASSWORD = "mat-khau-thu-nghiem"  # tests/factories.UserFactory's password
ARTIFACTS = Path(django_settings.BASE_DIR) / "var" / "test-artifacts" / "e2e"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser journeys must run)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator:
    """One Chromium for the journeys of this folder (started after the test
    database is made, closed before the other folders' tests run)."""
    executable = chromium_path()
    if not executable or not Path(executable).exists():
        _unavailable(
            "Debian's Chromium is not installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the
    # browser lives; the factories, reads and database flushes between browser
    # steps are plain synchronous ORM calls, which Django would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable,
                headless=True,
                # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def live_server(request, django_db_setup) -> Iterator:
    """pytest-django's live server, started with plain-HTTP settings: the
    security middleware reads SECURE_SSL_REDIRECT once, when the server thread
    builds its handler, so a per-test override would come too late."""
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    plain_http = override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    )
    plain_http.enable()
    addr = (
        request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    )
    server = LiveServer(addr)
    try:
        yield server
    finally:
        server.stop()
        plain_http.disable()


@pytest.fixture(autouse=True)
def _e2e_settings(settings, tmp_path):
    """Plain HTTP on the live server, tasks in process (also in the PostgreSQL +
    Redis run: the journeys are about what a person sees, the real worker is
    tested in tests/jobs), files and mail of the test's own."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Users are made (and log in) fast; the real hasher is tested in tests/foundation.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from config.celery import app

    before = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


@dataclass
class Journey:
    """One person's browser session plus what the test records of it."""

    page: object
    base_url: str
    folder: Path
    new_context: Callable
    step: int = 0
    shots: list[Path] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def shot(self, name: str, page=None, *, full_page: bool = False) -> Path:
        """Save what the person sees now as NN-name.png."""
        self.step += 1
        path = self.folder / f"{self.step:02d}-{name}.png"
        (page or self.page).screenshot(path=str(path), full_page=full_page)
        self.shots.append(path)
        return path

    def login(self, username: str, page=None) -> None:
        """Log in through the real login form, as a person types it."""
        page = page or self.page
        page.goto(self.url("/dang-nhap/"))
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        from playwright.sync_api import expect

        expect(page).not_to_have_url(re.compile(r"/dang-nhap/"))

    def person(self, username: str | None = None):
        """A fresh browser of another person (own cookies), logged in as ``username``."""
        page = self.new_context().new_page()
        if username:
            self.login(username, page=page)
        return page

    def download(self, click: Callable[[], None], name: str, page=None) -> Path:
        """Run ``click`` and keep the file the browser downloads."""
        with (page or self.page).expect_download() as info:
            click()
        download = info.value
        failure = download.failure()
        assert failure is None, failure
        path = self.folder / name
        download.save_as(str(path))
        return path


@pytest.fixture
def journey(request, browser, live_server) -> Iterator[Journey]:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    contexts = []

    def new_context():
        context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    page = new_context().new_page()
    j = Journey(page=page, base_url=live_server.url, folder=folder, new_context=new_context)
    yield j
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, context in enumerate(contexts, start=1):
            for index, open_page in enumerate(context.pages, start=1):
                # A page that is gone has nothing to show.
                with contextlib.suppress(Exception):
                    open_page.screenshot(path=str(folder / f"failure-{number}-{index}.png"), full_page=True)
    for context in contexts:
        context.close()


def settled(form) -> None:
    """Wait until an edit form swapped in by htmx has put the focus in its
    ``autofocus`` field, as it does once the swap settles: typing before that
    would see the caret jump into that field mid-word."""
    from playwright.sync_api import expect

    expect(form.locator("[autofocus]")).to_be_focused()


def pdf_viewer(page):
    """The frame of Chromium's own PDF viewer showing a PDF that ``page`` frames
    (its toolbar names the document from the PDF's title, and its pages)."""
    waited = 0
    while waited < TIMEOUT_MS:
        for frame in page.frames:
            if frame.url.startswith("chrome-extension://"):
                return frame
        page.wait_for_timeout(100)
        waited += 100
    raise AssertionError("no PDF viewer appeared in the page")


def read_pdf(path: Path) -> Nd30Pdf:
    """The downloaded PDF read back as lines of text (the draft watermark apart)."""
    return Nd30Pdf(path.read_bytes())


def pdf_text(doc: Nd30Pdf) -> str:
    """Every line a reader sees, in page order, whitespace collapsed."""
    text = " ".join(line.text for page in doc.lines for line in page)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_table_rows(doc: Nd30Pdf) -> list[list[str]]:
    """The rows of every ruled table, each cell's wrapped lines joined: table
    cells wrap and interleave in plain text, a row is what a reader reads."""
    rows = []
    for page in doc.pages:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not is_watermark(obj))
        for table in page.extract_tables():
            for row in table:
                rows.append([" ".join((cell or "").split()) for cell in row])
    return rows
