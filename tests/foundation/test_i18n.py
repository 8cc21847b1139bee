"""The English locale: a complete catalogue, the language switcher, English
pages, and official output (PDFs, e-mails to agencies) that stays Vietnamese.

Vietnamese is the default for everybody, whatever the browser's
Accept-Language says: the users are Vietnamese civil servants, many on
English-language systems. English is used only after someone chooses it with
the switcher (config/i18n.py).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from delegates import access
from plans.permissions import Role
from tests.awards.factories import CampaignAgencyFactory, CampaignFactory
from tests.delegates.factories import RegistrationFactory, in_days
from tests.factories import (
    AgencyFactory,
    EventFactory,
    OnlineSiteFactory,
    PlanFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
COOKIE = settings.LANGUAGE_COOKIE_NAME
BROWSER_IN_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext (msgfmt)")


@pytest.fixture(autouse=True)
def _compiled_catalogue(tmp_path_factory):
    """The pages below need the compiled catalogue (``make messages`` builds it)."""
    mo = PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < PO.stat().st_mtime:
        call_command("compilemessages", locale=["en"], ignore_patterns=[".venv", "node_modules"], verbosity=0)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def choose(client, language: str, next_url: str = "/") -> None:
    """Press the switcher's button for ``language``, as a user does."""
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert (response.status_code, response["Location"]) == (302, next_url)


def text_of(response) -> str:
    """The page's visible text, tags and scripts left out, spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_english(response, *english: str, gone: tuple[str, ...] = ()) -> None:
    assert response.status_code in (200, 403, 404), response.status_code
    page = text_of(response)
    for text in english:
        assert text in page, text
    for text in gone:
        assert text not in page, text
    assert '<html lang="en">' in response.content.decode()


# --------------------------------------------------------------------------- the catalogue


@needs_gettext
def test_catalogue_is_complete_and_compiles(tmp_path):
    """Every entry translated, none fuzzy, placeholders kept (msgfmt --check
    compares python-format placeholders of msgid and msgstr)."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics
    assert int(statistics.split()[0]) > 1500
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


@needs_gettext
def test_every_marked_string_of_the_code_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """``makemessages`` run on the current tree finds no text the English
    catalogue lacks. When this fails, run
    ``python manage.py makemessages -l en --ignore=.venv --ignore=node_modules``
    and translate the new entries of locale/en/LC_MESSAGES/django.po.

    It runs in a folder of links to the project's sources, so that the
    project's own catalogue is not touched."""
    skipped = {"locale", ".venv", "node_modules", "var", "staticfiles", "tests", "bench", ".git", "media"}
    tree = tmp_path / "tree"
    tree.mkdir()
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name not in skipped and not entry.name.startswith("."):
            (tree / entry.name).symlink_to(entry)
    settings.LOCALE_PATHS = [tree / "catalogue"]
    monkeypatch.chdir(tree)
    call_command("makemessages", locale=["en"], symlinks=True, no_obsolete=True, verbosity=0)
    fresh = tree / "catalogue" / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgcmp", "--no-fuzzy-matching", str(PO), str(fresh)], capture_output=True, text=True
    )
    assert result.returncode == 0, "untranslated: " + "; ".join(
        msgid_at(fresh, int(number))
        for number in re.findall(r"django\.po:(\d+): this message is used but not defined", result.stderr)
    )


def msgid_at(po: Path, number: int) -> str:
    """The msgid of the entry whose msgstr is on line ``number``."""
    lines = po.read_text(encoding="utf-8").splitlines()[: number - 1]
    start = max(i for i, line in enumerate(lines) if line.startswith("msgid "))
    return " ".join(line.strip() for line in lines[start:] if not line.startswith("msgid_plural"))


def test_english_catalogue_is_loaded():
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Log in"
        assert translation.pgettext("the list of plans", "Kế hoạch") == "Plans"
        assert translation.ngettext("%(n)s dòng", "%(n)s dòng", 3) % {"n": 3} == "3 rows"
        assert translation.ngettext("%(n)s dòng", "%(n)s dòng", 1) % {"n": 1} == "1 row"


# --------------------------------------------------------------------------- default and switcher


def test_vietnamese_is_the_default_even_for_an_english_browser(client):
    response = client.get(reverse("login"), **BROWSER_IN_ENGLISH)
    page = text_of(response)
    assert "Đăng nhập" in page
    assert "Log in" not in page
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"
    # The page depends on the language cookie, never on the browser's header.
    assert "Accept-Language" not in response.get("Vary", "")


def test_unknown_language_in_the_cookie_falls_back_to_vietnamese(client):
    client.cookies[COOKIE] = "fr"
    assert "Đăng nhập" in text_of(client.get(reverse("login")))
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/dang-nhap/"})
    assert response.status_code == 302
    assert "Đăng nhập" in text_of(client.get(reverse("login")))


def test_login_page_has_the_switcher_as_a_plain_post_form(client):
    html = client.get(reverse("login")).content.decode()
    form = re.search(r'<form method="post" action="/ngon-ngu/".*?</form>', html, flags=re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" value="/dang-nhap/"' in form
    assert re.findall(r'name="language" value="(\w+)"', form) == ["vi", "en"]
    # Each language is named in itself (Django's names, not all in NFC).
    assert "Tiếng Việt" in unicodedata.normalize("NFC", form)
    assert "English" in form
    # No inline script anywhere on the page (the CSP allows only our static files).
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_switcher_changes_the_language_and_it_sticks(client, make_user):
    make_user(Role.STAFF, username="chuyenvien")
    choose(client, "en", "/dang-nhap/")
    cookie = client.cookies[COOKIE]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    assert_english(client.get(reverse("login")), "Log in", "Forgotten your password?", gone=("Đăng nhập",))
    # A wrong password is told in English (Django's own message), next to the form.
    response = client.post(reverse("login"), {"username": "chuyenvien", "password": "sai"})
    assert "Please enter a correct username and password" in text_of(response)

    response = client.post(reverse("login"), {"username": "chuyenvien", "password": "mat-khau-thu-nghiem"})
    assert response["Location"] == "/"
    assert_english(client.get("/"), "Hello,", "Draft plans, follow registrations and print documents.")
    # Logging out keeps the choice: the cookie is the browser's, not the session's.
    response = client.post(reverse("logout"), follow=True)
    assert_english(response, "You have logged out.", "Log in")

    choose(client, "vi", "/dang-nhap/")
    assert "Đăng nhập" in text_of(client.get(reverse("login")))


def test_a_foreign_next_url_is_not_followed(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"


# --------------------------------------------------------------------------- key pages in English


@pytest.mark.parametrize(
    ("role", "english", "vietnamese"),
    [
        (
            Role.STAFF,
            ["Home", "Plans", "Delegates", "Commendations", "Recently updated plans", "Officer"],
            ["Trang chủ", "Kế hoạch cập nhật gần đây", "Đăng xuất"],
        ),
        (
            Role.LEADER,
            ["Documents awaiting review", "No documents are waiting for your review."],
            ["Văn bản chờ duyệt", "Trang chủ"],
        ),
        (
            Role.CLERK,
            ["Documents awaiting issue", "Recently issued"],
            ["Văn bản chờ ban hành", "Đã ban hành gần đây"],
        ),
        (
            Role.AGENCY,
            ["You represent", "Download invitations", "Agency representative"],
            ["Bạn đại diện cho", "Tải giấy mời"],
        ),
        (
            Role.ADMIN,
            [
                "Users by role",
                "Manage users, roles and the directory of agencies and units.",
                "Administrator",
            ],
            ["Người dùng theo vai trò", "Quản trị hệ thống"],
        ),
    ],
)
def test_home_page_of_each_role_in_english(client_for, role, english, vietnamese):
    client = client_for(role)
    choose(client, "en")
    assert_english(
        client.get("/"), "Log out", "My files", "Change password", *english, gone=tuple(vietnamese)
    )


def test_plan_list_and_editor_in_english(client_for):
    plan = PlanFactory(title="Tổ chức Hội nghị tổng kết năm 2024")
    SectionFactory(plan=plan, heading="MỤC ĐÍCH, YÊU CẦU")
    client = client_for(Role.STAFF)
    choose(client, "en")

    listing = client.get(reverse("plans:list"))
    assert_english(listing, "Plans", "Filter", "Issuing agency", "1 plan", gone=("Lọc", "Cơ quan ban hành"))
    assert "Tổ chức Hội nghị tổng kết năm 2024" in text_of(listing)  # the data stays as written

    editor = client.get(reverse("plans:detail", args=[plan.pk]))
    assert_english(
        editor,
        "The plan's sections",
        "General information, signer, recipients",
        "Submit for review",
        "Print preview",
        "Draft",
        gone=("Các mục của kế hoạch", "Trình duyệt", "Xem trước bản in", "Dự thảo"),
    )
    assert "MỤC ĐÍCH, YÊU CẦU" in text_of(editor)


def test_bad_input_is_answered_in_english_next_to_the_field(client_for):
    client = client_for(Role.STAFF)
    choose(client, "en")
    response = client.post(reverse("plans:create"), {"title": "", "year": "hai nghìn"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Enter the plan&#x27;s summary (title)." in page
    assert "The year must be a number, e.g. 2024." in page
    assert "Hãy nhập trích yếu" not in page


def test_event_page_in_english(client_for):
    site = OnlineSiteFactory(event__name="Hội nghị trực tuyến thử nghiệm", level="district")
    event = site.event
    client = client_for(Role.STAFF)
    choose(client, "en")
    response = client.get(reverse("conferences:detail", args=[event.plan_id, event.pk]))
    assert_english(
        response,
        "Online conference",
        "General information: time, venue, chair",
        "Participants",
        "Sites",
        "District level",
        "Delete event",
        gone=("Hội nghị trực tuyến ·", "Thông tin chung", "Cấp huyện", "Xóa sự kiện"),
    )


def test_registration_page_by_secret_link_in_english(client):
    registration = RegistrationFactory(agency=AgencyFactory(name="Sở Tư pháp"))
    _link, token = access.issue_link(
        agency=registration.agency, target=registration.opening, expires_at=in_days(30)
    )
    choose(client, "en")
    response = client.get(reverse("delegates:link_form", args=[token]))
    assert_english(
        response,
        "Registration deadline:",
        "Places for your agency: 3.",
        "Save draft",
        "Send list",
        "Agency's focal point",
        gone=("Hạn đăng ký", "giờ", "Người đầu mối của cơ quan"),
    )
    assert "Sở Tư pháp" in text_of(response)


def test_awards_pages_in_english(client_for, client, make_user):
    campaign = CampaignFactory()
    invited = CampaignAgencyFactory(campaign=campaign)
    staff = client_for(Role.STAFF)
    choose(staff, "en")
    assert_english(
        staff.get(reverse("awards:list")),
        "Commendation rounds",
        "Create commendation round",
        gone=("Các đợt khen thưởng",),
    )
    detail = staff.get(reverse("awards:campaign", args=[campaign.pk]))
    assert_english(
        detail,
        "Nomination deadline",
        "Agencies' nominations",
        "Secret links for agencies without an account",
        gone=("Hạn gửi đề nghị", "Đề nghị của các cơ quan"),
    )

    staff.post(reverse("logout"))
    agency_user = make_user(Role.AGENCY, agency=invited.agency)
    client.force_login(agency_user)
    response = client.get(reverse("awards:agency_campaign", args=[campaign.pk]))
    assert_english(
        response, "Add nomination", "Accepting nominations", gone=("Thêm đề nghị", "Đang nhận đề nghị")
    )


def test_error_pages_in_english(client_for):
    client = client_for(Role.AGENCY)
    choose(client, "en")
    forbidden = client.get(reverse("plans:list"))
    assert forbidden.status_code == 403
    assert_english(
        forbidden,
        "You are not allowed to see this page",
        "Back to the home page",
        gone=("Bạn không có quyền",),
    )
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert_english(missing, "Page not found", gone=("Không tìm thấy trang",))


# --------------------------------------------------------------------------- official output stays Vietnamese


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_english_user_downloads_a_vietnamese_plan_pdf(client_for):
    site = OnlineSiteFactory(level="district", event__plan__title="Tổ chức Hội nghị trực tuyến năm 2024")
    plan = site.event.plan
    SectionFactory(plan=plan, heading="CÁC ĐIỂM CẦU", body="", block="event.sites")
    client = client_for(Role.STAFF)
    choose(client, "en")

    english_first = pdf_text(client.get(reverse("plans:pdf", args=[plan.pk])))
    for text in (
        "KẾ HOẠCH",
        "Tổ chức Hội nghị trực tuyến năm 2024",
        "CÁC ĐIỂM CẦU",
        "Cán bộ kỹ thuật",
        "Nơi nhận",
    ):
        assert text in english_first, text
    for text in ("Technician", "Recipients", "PLAN", "Total"):
        assert text not in english_first, text

    # The print preview (HTML) is the same Vietnamese document.
    preview = client.get(reverse("plans:print", args=[plan.pk])).content.decode()
    assert "Cán bộ kỹ thuật" in preview
    assert "Technician" not in preview

    # Vietnamese and English users get the same file.
    choose(client, "vi")
    assert pdf_text(client.get(reverse("plans:pdf", args=[plan.pk]))) == english_first


def test_english_agency_prints_a_vietnamese_delegate_list(client):
    registration = RegistrationFactory(agency=AgencyFactory(name="Sở Tư pháp"))
    _link, token = access.issue_link(
        agency=registration.agency, target=registration.opening, expires_at=in_days(30)
    )
    choose(client, "en")
    text = pdf_text(client.get(reverse("delegates:link_blank_pdf", args=[token])))
    assert "MẪU ĐĂNG KÝ ĐẠI BIỂU" in text
    assert "Họ và tên" in text
    assert "Full name" not in text


def test_the_printing_boundary_is_vietnamese_whatever_the_active_language(settings, tmp_path):
    """Whatever a document's context or template translates is printed in
    Vietnamese: contexts are built, and templates rendered, in Vietnamese."""
    from django.utils import translation
    from django.utils.translation import gettext

    from documents import printables, renderer

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "probe.html").write_text(
        '{% load i18n %}[{% translate "Tiếng Anh" %}|{{ word }}]', encoding="utf-8"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}]
    probe = printables.Printable(
        id="probe-1",
        doc_type="KH",
        title="Thử",
        template="probe.html",
        author="Sở Nội vụ",
        filename="thu.pdf",
        build_context=lambda: {"word": gettext("Tiếng Việt")},
    )
    with translation.override("en"):
        assert gettext("Tiếng Anh") == "English"  # the UI would say so
        assert "[Tiếng Anh|Tiếng Việt]" in probe.render_html()
        assert "[Tiếng Anh|" in renderer.render_html("probe.html", {"word": ""})
        assert translation.get_language() == "en"  # and the UI goes on in English


def test_e_mails_to_agencies_stay_vietnamese(client_for):
    """An English-speaking officer e-mails an agency its secret link: the
    agency reads Vietnamese."""
    registration = RegistrationFactory(agency=AgencyFactory(name="Sở Tư pháp", email="stp@example.org"))
    client = client_for(Role.STAFF)
    choose(client, "en")
    mail.outbox.clear()
    response = client.post(
        reverse("delegates:link_issue", args=[registration.opening.pk, registration.pk]), {"send": "1"}
    )
    assert_english(response, "Secret registration link", "The link was e-mailed to the agency's focal point.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Liên kết đăng ký đại biểu: ")
    assert "Kính gửi Sở Tư pháp" in message.body
    assert "Dear" not in message.body


def test_password_reset_e_mail_answers_in_the_language_asked_in(client, make_user):
    """The one e-mail that follows the UI language: it goes to the person who asked."""
    try:
        url = reverse("password_reset")
    except NoReverseMatch:
        pytest.skip("password reset by e-mail is not wired up")
    make_user(Role.STAFF, username="lan", email="lan@example.org", first_name="Lan", last_name="Trần Thị")
    choose(client, "en")
    mail.outbox.clear()
    client.post(url, {"email": "lan@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your password for the Department of Home Affairs Plans system"
    assert "To set a new password, open this link:" in mail.outbox[0].body


def test_pages_after_an_english_request_leave_the_thread_in_vietnamese(client):
    """The language is activated per request only: code running after it in
    the same thread (a task run in process, the next request) is Vietnamese."""
    from django.utils import translation

    choose(client, "en")
    client.get(reverse("login"))
    assert translation.get_language() == "vi"
    assert translation.gettext("Đăng nhập") == "Đăng nhập"


def test_event_factory_event_is_listed_in_english(client_for):
    event = EventFactory()
    client = client_for(Role.STAFF)
    choose(client, "en")
    response = client.get(reverse("conferences:list", args=[event.plan_id]))
    assert_english(response, "Conferences and delegations of the plan", "Add event", gone=("Thêm sự kiện",))
