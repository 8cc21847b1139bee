import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from delegates import access, services
from delegates.models import Delegate, RegistrationChange, RegistrationStatus
from delegates.services import Actor, PersonRow
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory, SectionFactory, in_days
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
STAFF = Actor(label="Chuyên viên", staff=True)


def person_data(rows, *, initial=0, action="draft", prefix="form"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        "action": action,
        "contact-contact_name": "Trần Thị Lan",
        "contact-contact_phone": "0905 777 888",
        "contact-contact_email": "lan@example.org",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


@pytest.fixture
def setup(db):
    opening = OpeningFactory(capacity=50)
    inside = SectionFactory(opening=opening, title="Trong tỉnh")
    SectionFactory(opening=opening, title="Ngoài tỉnh")
    a = RegistrationFactory(opening=opening, quota=3)
    b = RegistrationFactory(opening=opening, quota=3)
    services.registration_save(
        registration=b,
        rows=[PersonRow(full_name="Lê Văn Bê", phone="+84912000111", section_id=inside.pk)],
        actor=STAFF,
        submit=True,
    )
    user_a = UserFactory(role=Role.AGENCY, agency=a.agency)
    user_b = UserFactory(role=Role.AGENCY, agency=b.agency)
    return {"opening": opening, "inside": inside, "a": a, "b": b, "user_a": user_a, "user_b": user_b}


def test_agency_registers_with_its_account_then_submits(client, setup, django_capture_on_commit_callbacks):
    a, inside = setup["a"], setup["inside"]
    client.force_login(setup["user_a"])
    url = reverse("delegates:agency_form", args=[a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Thêm người" in page.content.decode()
    rows = [
        {
            "full_name": "nguyễn  văn an",
            "phone": "0905 123 456",
            "title": "Phó Giám đốc",
            "section": inside.pk,
        },
        {"full_name": "Lê Thị Ánh", "phone": "+84 912 345 678", "section": inside.pk},
    ]
    response = client.post(url, person_data(rows))
    assert response.status_code == 302
    people = list(Delegate.objects.filter(registration=a).order_by("position"))
    assert [(p.full_name, p.phone) for p in people] == [
        ("Nguyễn Văn An", "+84905123456"),
        ("Lê Thị Ánh", "+84912345678"),
    ]
    a.refresh_from_db()
    assert (a.status, a.contact_phone) == (RegistrationStatus.DRAFT, "+84905777888")
    rows = [
        {
            "id": people[0].pk,
            "full_name": "Nguyễn Văn An",
            "phone": "0905123456",
            "section": inside.pk,
            "title": "Giám đốc",
        },
        {"id": people[1].pk, "full_name": "Lê Thị Ánh", "phone": "0912345678", "section": inside.pk},
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, person_data(rows, initial=2, action="submit"))
    assert len(callbacks) == 1  # the confirmation e-mail task
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == RegistrationStatus.SUBMITTED
    assert Delegate.objects.get(pk=people[0].pk).title == "Giám đốc"
    assert "Đã gửi danh sách 2 người" in client.get(url).content.decode()
    # Unchanged saved rows are kept (not mistaken for removed ones); a marked row is removed.
    rows = [
        {
            "id": people[0].pk,
            "full_name": "Nguyễn Văn An",
            "phone": "0905 123 456",
            "section": inside.pk,
            "title": "Giám đốc",
            "unit": "",
            "email": "",
            "note": "",
        },
        {
            "id": people[1].pk,
            "full_name": "Lê Thị Ánh",
            "phone": "0912 345 678",
            "section": inside.pk,
            "title": "",
            "unit": "",
            "email": "",
            "note": "",
        },
    ]
    assert client.post(url, person_data(rows, initial=2)).status_code == 302
    assert Delegate.objects.filter(registration=a).count() == 2
    rows[1]["DELETE"] = "on"
    assert client.post(url, person_data(rows, initial=2)).status_code == 302
    assert list(Delegate.objects.filter(registration=a).values_list("full_name", flat=True)) == [
        "Nguyễn Văn An"
    ]


def test_bad_phone_and_duplicate_are_shown_next_to_the_field(client, setup):
    a, inside = setup["a"], setup["inside"]
    client.force_login(setup["user_a"])
    url = reverse("delegates:agency_form", args=[a.pk])
    rows = [
        {"full_name": "Nguyễn Văn An", "phone": "0905 123", "section": inside.pk},
        {"full_name": "Lê Văn Bê", "phone": "0912 000 111", "section": inside.pk},
    ]
    page = client.post(url, person_data(rows)).content.decode()
    assert "Số điện thoại «0905 123» không đúng" in page
    rows[0]["phone"] = "0905 123 456"
    page = client.post(url, person_data(rows)).content.decode()
    assert "đã được một cơ quan khác đăng ký" in page
    assert setup["b"].agency.name not in page
    assert not Delegate.objects.filter(registration=a).exists()


def test_add_row_returns_the_next_row_and_the_new_total(client, setup):
    client.force_login(setup["user_a"])
    response = client.get(
        reverse("delegates:agency_add_row", args=[setup["a"].pk]),
        {"form-TOTAL_FORMS": "2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'name="form-2-full_name"' in body
    assert 'id="id_form-TOTAL_FORMS" hx-swap-oob="true"' in body
    assert 'value="3"' in body


def test_agency_a_can_neither_see_nor_change_agency_b(client, setup):
    a, b = setup["a"], setup["b"]
    opening = setup["opening"]
    client.force_login(setup["user_a"])
    person_b = Delegate.objects.get(registration=b)
    for name in ("form", "add_row", "import", "list_pdf", "list_xlsx", "invitation_pdf", "blank_pdf"):
        assert client.get(reverse(f"delegates:agency_{name}", args=[b.pk])).status_code == 404, name
        assert client.get(reverse(f"delegates:staff_{name}", args=[opening.pk, b.pk])).status_code == 403, (
            name
        )
    assert client.post(reverse("delegates:agency_form", args=[b.pk]), person_data([])).status_code == 404
    for url in (
        reverse("delegates:dashboard", args=[opening.pk]),
        reverse("delegates:list_pdf", args=[opening.pk]),
        reverse("delegates:list_xlsx", args=[opening.pk]),
        reverse("delegates:move", args=[opening.pk, person_b.pk]),
        reverse("delegates:reopen", args=[opening.pk, b.pk]),
        reverse("delegates:link_issue", args=[opening.pk, b.pk]),
    ):
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url).status_code == 403, url
    # A form naming B's person by id changes nothing.
    rows = [
        {"id": person_b.pk, "full_name": "Kẻ Gian", "phone": "0905 111 222", "section": setup["inside"].pk}
    ]
    page = client.post(reverse("delegates:agency_form", args=[a.pk]), person_data(rows, initial=1))
    assert "Dòng này không thuộc danh sách của cơ quan." in page.content.decode()
    person_b.refresh_from_db()
    assert person_b.full_name == "Lê Văn Bê"
    # A's secret link does not open B's list, and B's token cannot be guessed from A's.
    _link, token = access.issue_link(agency=a.agency, target=opening, expires_at=in_days(30))
    anonymous = Client()
    page = anonymous.get(reverse("delegates:link_form", args=[token])).content.decode()
    assert a.agency.name in page and b.agency.name not in page and "Lê Văn Bê" not in page
    assert anonymous.get(reverse("delegates:link_form", args=[token[:-1] + "x"])).status_code == 404
    assert (
        anonymous.get(reverse("delegates:agency_form", args=[b.pk])).status_code == 302
    )  # to the login page


def test_a_link_reused_for_another_opening_or_revoked_or_expired_stops_working(setup):
    a, opening = setup["a"], setup["opening"]
    client = Client()
    link, token = access.issue_link(agency=a.agency, target=opening, expires_at=in_days(30))
    url = reverse("delegates:link_form", args=[token])
    assert client.get(url).status_code == 200
    # The same agency invited to another opening: this link still opens only this one.
    other = RegistrationFactory(agency=a.agency)
    assert other.opening.title not in client.get(url).content.decode()
    access.revoke_link(link=link)
    assert client.get(url).status_code == 404
    assert client.post(url, person_data([])).status_code == 404
    _old, old_token = access.issue_link(
        agency=a.agency, target=opening, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(reverse("delegates:link_form", args=[old_token])).status_code == 404


def test_guessing_links_is_throttled(setup, settings):
    client = Client()
    for _ in range(access.FAILED_LIMIT):
        assert client.get(reverse("delegates:link_form", args=["x" * 43])).status_code == 404
    assert client.get(reverse("delegates:link_form", args=["y" * 43])).status_code == 429


def test_link_holder_registers_without_an_account(setup):
    a, inside = setup["a"], setup["inside"]
    _link, token = access.issue_link(agency=a.agency, target=setup["opening"], expires_at=in_days(30))
    client = Client()
    url = reverse("delegates:link_form", args=[token])
    rows = [{"full_name": "Phạm Văn Cường", "phone": "0258 3822 222", "section": inside.pk}]
    assert client.post(url, person_data(rows, action="submit")).status_code == 302
    assert Delegate.objects.get(registration=a).phone == "+842583822222"
    change = RegistrationChange.objects.filter(registration=a).first()
    assert "liên kết riêng" in change.actor_label


def test_after_the_deadline_the_page_says_closed_and_shows_the_list(client, setup):
    a, inside = setup["a"], setup["inside"]
    services.registration_save(
        registration=a,
        rows=[PersonRow(full_name="Nguyễn Văn An", phone="+84905123456", section_id=inside.pk)],
        actor=STAFF,
        submit=True,
    )
    opening = setup["opening"]
    opening.deadline = timezone.now() - datetime.timedelta(hours=1)
    opening.save()
    client.force_login(setup["user_a"])
    url = reverse("delegates:agency_form", args=[a.pk])
    page = client.get(url).content.decode()
    assert "Đã hết hạn đăng ký" in page
    assert "Nguyễn Văn An" in page and "0905 123 456" in page
    assert 'name="form-TOTAL_FORMS"' not in page
    response = client.post(url, person_data([]), follow=True)
    assert "không thay đổi được nữa" in response.content.decode()
    assert Delegate.objects.filter(registration=a).count() == 1
    # Staff reopen for this agency only.
    staff = Client()
    staff.force_login(UserFactory(role=Role.STAFF))
    new_deadline = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert (
        staff.post(
            reverse("delegates:reopen", args=[opening.pk, a.pk]), {"deadline": new_deadline}
        ).status_code
        == 302
    )
    assert "Đã hết hạn đăng ký" not in client.get(url).content.decode()


def test_staff_open_registration_prefilled_from_participants(client):
    from tests.factories import EventFactory, ParticipantEntryFactory, ParticipantGroupFactory

    event = EventFactory(expected_total=120)
    group = ParticipantGroupFactory(event=event)
    entry = ParticipantEntryFactory(group=group, quota_per_agency=3)
    districts = [AgencyFactory(), AgencyFactory()]
    entry.agencies.set(districts)
    client.force_login(UserFactory(role=Role.STAFF))
    url = reverse("delegates:open", args=[event.pk])
    page = client.get(url).content.decode()
    assert districts[0].name in page and 'value="3"' in page
    extra = AgencyFactory()
    deadline = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "title": "Đăng ký đại biểu",
            "deadline": deadline,
            "capacity": "120",
            "ask_email": "on",
            "sections_text": "I. Trong tỉnh\nII. Ngoài tỉnh | 2 | 20",
            f"invite-{districts[0].pk}": "1",
            f"quota-{districts[0].pk}": "4",
            "more_agencies": [str(extra.pk)],
            "more_quota": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    opening = event.registration_openings.get()
    assert [(s.title, s.quota_per_agency, s.capacity) for s in opening.sections.all()] == [
        ("Trong tỉnh", None, None),
        ("Ngoài tỉnh", 2, 20),
    ]
    assert sorted((r.agency.name, r.quota) for r in opening.registrations.all()) == sorted(
        [(districts[0].name, 4), (extra.name, 2)]
    )
    assert opening.ask_note is False
    board = client.get(reverse("delegates:dashboard", args=[opening.pk]))
    assert board.status_code == 200
    part = client.get(
        reverse("delegates:dashboard", args=[opening.pk]), {"part": "board"}, HTTP_HX_REQUEST="true"
    )
    body = part.content.decode()
    assert body.lstrip().startswith('<div id="board"') and 'hx-trigger="every 5s"' in body


@pytest.mark.parametrize("rows", [1, 6])
def test_dashboard_query_count_does_not_grow(client, django_assert_max_num_queries, rows):
    opening = OpeningFactory()
    for index in range(rows):
        registration = RegistrationFactory(opening=opening)
        services.registration_save(
            registration=registration,
            rows=[PersonRow(full_name=f"Người Thứ {index}", phone=f"+8490512300{index}")],
            actor=STAFF,
            submit=True,
        )
    client.force_login(UserFactory(role=Role.STAFF))
    with django_assert_max_num_queries(16):
        assert client.get(reverse("delegates:dashboard", args=[opening.pk])).status_code == 200


def test_pages_carry_no_inline_script(client, setup):
    client.force_login(UserFactory(role=Role.STAFF))
    opening = setup["opening"]
    for url in (
        reverse("delegates:dashboard", args=[opening.pk]),
        reverse("delegates:staff_form", args=[opening.pk, setup["a"].pk]),
        reverse("delegates:attendance", args=[opening.pk]),
    ):
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert not re.search(r"\son[a-z]+=", page), url


def test_registration_pages_query_count_does_not_grow_with_rows(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    opening = OpeningFactory(capacity=100)
    section = SectionFactory(opening=opening)
    counts = []
    for size in (1, 8):
        registration = RegistrationFactory(opening=opening, quota=None)
        services.registration_save(
            registration=registration,
            rows=[
                PersonRow(
                    full_name=f"Người Số {size} {i}", phone=f"+849051{size}{i:04d}", section_id=section.pk
                )
                for i in range(size)
            ],
            actor=STAFF,
            submit=True,
        )
        measured = []
        for user, url in (
            (
                UserFactory(role=Role.AGENCY, agency=registration.agency),
                reverse("delegates:agency_form", args=[registration.pk]),
            ),
            (
                UserFactory(role=Role.STAFF),
                reverse("delegates:staff_form", args=[opening.pk, registration.pk]),
            ),
            (UserFactory(role=Role.STAFF), reverse("delegates:dashboard", args=[opening.pk])),
        ):
            client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1]
