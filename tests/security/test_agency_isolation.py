"""Agency A against agency B's data: targeted attacks the sweep's generic
bodies do not spell out.

By account and by A's secret link: B's registration, delegates, nominations
and attachments by guessed ids; B's invitation, list PDF and Excel; QR
check-in; other users' files; A's link after revocation, after expiry and
on the wrong kind of page; form fields (hidden row ids, the "thay người"
replacement row, a signed import payload, section ids, nomination award
types and attachment ids) that name B's rows. Every one is refused —
404 or 403, or the form comes back with a message next to the field — and
B's rows stay as they were.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from delegates import access
from delegates.documents import check_in_token
from delegates.models import Delegate, RegistrationSection

from .conftest import MARKERS, World
from .test_sweep import shown_text, side_rows

pytestmark = pytest.mark.django_db

REGISTRATION_PAGES = ["", "them-dong/", "nhap-excel/", "danh-sach.pdf", "danh-sach.xlsx", "giay-moi.pdf"]


@pytest.fixture(autouse=True)
def _fresh(world: World):
    cache.delete("kh-access-fail:127.0.0.1")
    yield
    world.restore_files()
    cache.delete("kh-access-fail:127.0.0.1")


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def row_form(world: World, rows: list[tuple[int | None, str, str]], action: str = "save") -> dict:
    """The registration form as the browser posts it: (id, name, phone) per row."""
    body = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(sum(1 for row in rows if row[0])),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "contact-contact_name": "Đầu Mối Alpha",
        "contact-contact_phone": "0905000111",
        "contact-contact_email": "dau-moi-a@example.org",
        "action": action,
    }
    for index, (pk, name, phone) in enumerate(rows):
        body.update(
            {
                f"form-{index}-id": str(pk or ""),
                f"form-{index}-full_name": name,
                f"form-{index}-phone": phone,
                f"form-{index}-title": "Chuyên viên",
                f"form-{index}-section": str(world.section.pk),
            }
        )
    return body


# --------------------------------------------------------------------------- guessed ids


@pytest.mark.parametrize("page", REGISTRATION_PAGES)
def test_an_agency_account_cannot_open_another_agencys_registration(world: World, page):
    client = world.clients["agency_a"]
    url = f"/dang-ky-dai-bieu/cua-toi/{world.b.registration.pk}/{page}"
    before = side_rows(world.b)

    assert client.get(url).status_code == 404
    hostile = row_form(world, [(world.b.delegate.pk, "Kẻ Lạ", "0905111222")])
    assert client.post(url, hostile).status_code == 404
    assert side_rows(world.b) == before
    # Its own registration opens, and shows its own people only.
    own = client.get(f"/dang-ky-dai-bieu/cua-toi/{world.a.registration.pk}/{page}")
    assert own.status_code == 200
    text = shown_text(own)
    if page in ("", "danh-sach.pdf", "danh-sach.xlsx"):
        assert MARKERS["a"][0] in text
    assert not [marker for marker in MARKERS["b"] if marker in text]


def test_staff_pages_and_outputs_of_the_opening_are_closed_to_agencies(world: World):
    """Per-agency invitations, the whole list, name cards, the sign-in sheet,
    the Excel export and the QR check-in are staff pages: an agency gets 403
    whatever id it names."""
    opening, invitation, b = world.opening.pk, world.invitation.pk, world.b
    urls = [
        f"/dang-ky-dai-bieu/{opening}/",
        f"/dang-ky-dai-bieu/{opening}/co-quan/{b.registration.pk}/",
        f"/dang-ky-dai-bieu/{opening}/co-quan/{b.registration.pk}/danh-sach.xlsx",
        f"/dang-ky-dai-bieu/{opening}/giay-moi/{invitation}/co-quan/{b.registration.pk}.pdf",
        f"/dang-ky-dai-bieu/{opening}/giay-moi/{invitation}/nguoi/{b.delegate.pk}.pdf",
        f"/dang-ky-dai-bieu/{opening}/danh-sach.pdf",
        f"/dang-ky-dai-bieu/{opening}/danh-sach.xlsx",
        f"/dang-ky-dai-bieu/{opening}/the-dai-bieu.pdf",
        f"/dang-ky-dai-bieu/{opening}/danh-sach-ky-nhan.pdf",
        f"/dang-ky-dai-bieu/diem-danh/{check_in_token(b.delegate)}/",
    ]
    for name in ("agency_a", "agency_b"):
        for url in urls:
            assert world.clients[name].get(url).status_code == 403, (name, url)
    # The QR code of B's delegate marks nobody present when an agency opens it.
    assert Delegate.objects.get(pk=b.delegate.pk).checked_in_at is None


def test_a_nomination_or_attachment_of_another_agency_is_not_found(world: World):
    client = world.clients["agency_a"]
    campaign, b = world.campaign.pk, world.b
    token = world.a.campaign_token
    before = side_rows(b)
    for url in [
        f"/khen-thuong/don-vi/{campaign}/{b.nomination.pk}/sua/",
        f"/khen-thuong/don-vi/{campaign}/{b.nomination.pk}/xoa/",
        f"/khen-thuong/don-vi/{campaign}/tep/{b.attachment.pk}/",
        f"/khen-thuong/lien-ket/{token}/{b.nomination.pk}/sua/",
        f"/khen-thuong/lien-ket/{token}/{b.nomination.pk}/xoa/",
        f"/khen-thuong/lien-ket/{token}/tep/{b.attachment.pk}/",
    ]:
        # 405: the page takes no such method at all (a download is GET only, a withdrawal POST only).
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"name": "Đề Cử Lạ", "kind": "individual"}).status_code in (404, 405), url
    assert side_rows(b) == before
    # A's own attachment downloads, with A's file.
    own = client.get(f"/khen-thuong/don-vi/{campaign}/tep/{world.a.attachment.pk}/")
    assert own.status_code == 200
    assert MARKERS["a"][3].encode() in b"".join(own.streaming_content)


def test_another_users_files_are_not_found(world: World):
    """Tệp của tôi: a job and its file belong to the user who started it."""
    job = world.job.pk
    for name in ("agency_a", "leader", "clerk"):
        client = world.clients[name]
        assert client.get(f"/van-ban/tep-cua-toi/{job}/").status_code == 404
        assert client.get(f"/van-ban/tep-cua-toi/{job}/tai/").status_code == 404
        assert client.post(f"/van-ban/tep-cua-toi/{job}/gui-lai/").status_code == 404
    assert world.clients["staff"].get(f"/van-ban/tep-cua-toi/{job}/tai/").status_code == 200


def test_an_agency_cannot_start_another_users_kind_of_job(world: World):
    client = world.clients["agency_a"]
    answer = client.post("/van-ban/tep-cua-toi/tao/", {"kind": "year_archive", "year": "2024"})
    assert answer.status_code == 403
    assert client.post("/van-ban/tep-cua-toi/tao/", {"kind": "khong-co"}).status_code == 400


# --------------------------------------------------------------------------- secret links


def test_a_link_shows_its_own_agency_whoever_is_logged_in(world: World):
    """B's representative opening A's link sees A's page, never B's (the link
    never falls back to the account), and nothing of B."""
    page = world.clients["agency_b"].get(f"/dang-ky-dai-bieu/lien-ket/{world.a.registration_token}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert MARKERS["a"][0] in text
    assert not [marker for marker in MARKERS["b"] if marker in text]


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_revoked_or_expired_link_opens_nothing(world: World, state):
    a = world.a
    if state == "revoked":
        access.revoke_link(link=a.registration_link)
        access.revoke_link(link=a.campaign_link)
    else:
        past = timezone.now() - datetime.timedelta(minutes=1)
        type(a.registration_link).objects.filter(pk__in=[a.registration_link.pk, a.campaign_link.pk]).update(
            expires_at=past
        )
    before = side_rows(a)
    client = world.clients["anonymous"]
    for page in REGISTRATION_PAGES:
        url = f"/dang-ky-dai-bieu/lien-ket/{a.registration_token}/{page}"
        assert client.get(url).status_code == 404, url
        assert client.post(url, row_form(world, [(None, "Người Mới", "0905111333")])).status_code == 404
    for page in ["", "them/", f"{a.nomination.pk}/sua/", f"tep/{a.attachment.pk}/"]:
        assert client.get(f"/khen-thuong/lien-ket/{a.campaign_token}/{page}").status_code == 404
    assert side_rows(a) == before
    # The same "not found" page as for a link that never existed: nothing is confirmed.
    for url in (
        f"/dang-ky-dai-bieu/lien-ket/{a.registration_token}/",
        "/dang-ky-dai-bieu/lien-ket/khong-co/",
    ):
        page = client.get(url)
        assert page.status_code == 404
        assert "Không tìm thấy trang" in page.content.decode()
        assert MARKERS["a"][0] not in page.content.decode()


def test_a_link_only_opens_the_kind_of_page_it_was_issued_for(world: World):
    client = world.clients["anonymous"]
    assert client.get(f"/khen-thuong/lien-ket/{world.a.registration_token}/").status_code == 404
    assert client.get(f"/dang-ky-dai-bieu/lien-ket/{world.a.campaign_token}/").status_code == 404
    # Nor its outputs.
    outputs = f"/dang-ky-dai-bieu/lien-ket/{world.a.campaign_token}/danh-sach.xlsx"
    assert client.get(outputs).status_code == 404
    assert client.get(f"/tien-do/lien-ket/{world.a.registration_token}/").status_code == 404


def test_guessing_links_is_rate_limited(world: World):
    client = world.clients["anonymous"]
    for attempt in range(access.FAILED_LIMIT):
        assert client.get(f"/dang-ky-dai-bieu/lien-ket/doan-bua-{attempt}/").status_code == 404
    # Even a good link waits once the address has guessed too often.
    assert client.get(f"/dang-ky-dai-bieu/lien-ket/{world.a.registration_token}/").status_code == 429


# --------------------------------------------------------------------------- form fields naming B's rows


@pytest.mark.parametrize("via", ["account", "link"])
def test_a_row_id_of_another_agency_is_refused_with_a_message(world: World, via):
    """The hidden id of a row, and a replacement ("thay người": an existing
    row with a new name), naming B's delegate: the list comes back with the
    reason next to the row, and B's delegate is untouched."""
    a, b = world.a, world.b
    client = world.clients["agency_a"]
    url = (
        f"/dang-ky-dai-bieu/cua-toi/{a.registration.pk}/"
        if via == "account"
        else f"/dang-ky-dai-bieu/lien-ket/{a.registration_token}/"
    )
    before_a, before_b = side_rows(a), side_rows(b)
    rows = [
        (a.delegate.pk, a.delegate.full_name, "0905111221"),
        (b.delegate.pk, "Người Thay Thế", "0905111999"),
    ]
    for action in ("save", "submit"):
        page = client.post(url, row_form(world, rows, action=action))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Dòng này không thuộc danh sách của cơ quan." in text
        assert "Danh sách có lỗi" in text or "không thuộc" in text
        assert side_rows(b) == before_b
        assert side_rows(a)["delegates"] == before_a["delegates"]
    assert Delegate.objects.get(pk=b.delegate.pk).full_name == MARKERS["b"][0]


def test_a_section_of_another_opening_is_refused_next_to_the_field(world: World):
    from tests.delegates.factories import OpeningFactory

    foreign = RegistrationSection.objects.create(opening=OpeningFactory(), title="Ngoài tỉnh")
    client = world.clients["agency_a"]
    body = row_form(world, [(None, "Người Mới Alpha", "0905111444")])
    body["form-0-section"] = str(foreign.pk)
    before = side_rows(world.a)
    page = client.post(f"/dang-ky-dai-bieu/cua-toi/{world.a.registration.pk}/", body)
    assert page.status_code == 200
    assert 'id="id_form-0-section"' in page.content.decode()
    assert "invalid" in page.content.decode()
    assert side_rows(world.a) == before


def test_a_signed_import_for_another_agency_is_not_applied(world: World):
    """The confirm step of the Excel import carries the rows signed for one
    registration: a payload signed for B's registration is refused on A's page."""
    payload = signing.dumps(
        {
            "reg": world.b.registration.pk,
            "rows": [
                {
                    "id": None,
                    "full_name": "Người Nhập Lạ",
                    "phone": "+84905111555",
                    "title": "",
                    "unit": "",
                    "email": "",
                    "note": "",
                    "section_id": world.section.pk,
                }
            ],
        },
        salt="delegates.import",
        compress=True,
    )
    before_a, before_b = side_rows(world.a), side_rows(world.b)
    for url in (
        f"/dang-ky-dai-bieu/cua-toi/{world.a.registration.pk}/nhap-excel/",
        f"/dang-ky-dai-bieu/lien-ket/{world.a.registration_token}/nhap-excel/",
    ):
        assert world.clients["agency_a"].post(url, {"confirm": "1", "payload": payload}).status_code == 404
    assert side_rows(world.a) == before_a
    assert side_rows(world.b) == before_b


@pytest.mark.parametrize("via", ["account", "link"])
def test_nomination_fields_naming_another_agencys_rows_are_not_applied(world: World, via):
    """Removing B's attachment through A's own nomination form, and an award
    type outside the campaign: neither is applied; the form says which field
    is wrong."""
    from awards.models import NominationAttachment
    from tests.awards.factories import AwardTypeFactory

    a, b = world.a, world.b
    base = (
        f"/khen-thuong/don-vi/{world.campaign.pk}/"
        if via == "account"
        else f"/khen-thuong/lien-ket/{a.campaign_token}/"
    )
    client = world.clients["agency_a"]
    before_b = side_rows(b)
    good = {
        "kind": "individual",
        "name": MARKERS["a"][1],
        "position": "Chuyên viên",
        "unit": a.agency.name,
        "award_type": str(world.campaign.award_types.first().pk),
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        "remove_attachment": str(b.attachment.pk),
    }
    answer = client.post(f"{base}{a.nomination.pk}/sua/", good)
    assert answer.status_code == 302
    assert NominationAttachment.objects.filter(pk=b.attachment.pk).exists()
    assert side_rows(b) == before_b

    outside = AwardTypeFactory(name="Huân chương ngoài đợt")
    page = client.post(f"{base}{a.nomination.pk}/sua/", {**good, "award_type": str(outside.pk)})
    assert page.status_code == 200
    assert 'id="id_award_type"' in page.content.decode()
    assert "invalid" in page.content.decode()
    assert side_rows(b) == before_b


# --------------------------------------------------------------------------- what an agency prints


@pytest.mark.parametrize("via", ["account", "link"])
def test_an_agencys_invitation_and_list_name_only_that_agency(world: World, via):
    a = world.a
    base = (
        f"/dang-ky-dai-bieu/cua-toi/{a.registration.pk}/"
        if via == "account"
        else f"/dang-ky-dai-bieu/lien-ket/{a.registration_token}/"
    )
    client = world.clients["agency_a"]
    invitation = client.get(base + "giay-moi.pdf")
    assert invitation.status_code == 200
    text = pdf_text(invitation)
    assert a.agency.name in text
    assert world.b.agency.name not in text

    listing = pdf_text(client.get(base + "danh-sach.pdf"))
    assert MARKERS["a"][0] in listing
    assert not [marker for marker in MARKERS["b"] if marker in listing]

    workbook = shown_text(client.get(base + "danh-sach.xlsx"))
    assert MARKERS["a"][0] in workbook
    assert not [marker for marker in MARKERS["b"] if marker in workbook]


def test_the_registration_list_of_an_agency_account_names_only_its_own(world: World):
    page = world.clients["agency_a"].get(reverse("delegates:mine")).content.decode()
    assert world.a.agency.name in page or world.opening.title in page
    assert reverse("delegates:agency_form", args=[world.a.registration.pk]) in page
    assert reverse("delegates:agency_form", args=[world.b.registration.pk]) not in page
