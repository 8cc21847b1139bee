"""The event pages as the browser uses them: HTMX POSTs, permissions, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences.models import Delegation, Destination, Event, OnlineSite, ParticipantEntry
from plans.documents import plan_printable, plan_queryset
from plans.permissions import Role
from tests.documents.nd30 import Nd30Pdf
from tests.factories import (
    AgencyFactory,
    AgencyKindFactory,
    EventFactory,
    OnlineSiteFactory,
    ParticipantEntryFactory,
    ParticipantGroupFactory,
    PlanFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name, event, *args):
    return reverse(f"conferences:{name}", args=[event.plan_id, event.pk, *args])


def _printed_text(plan) -> str:
    return Nd30Pdf(plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf()).text()


# --------------------------------------------------------------------------- permissions


def test_anonymous_users_go_to_the_login_page(client):
    event = EventFactory()
    for url in (reverse("conferences:list", args=[event.plan_id]), _url("detail", event)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_agency_representatives_are_refused(client_for):
    event = EventFactory()
    client = client_for(Role.AGENCY)
    assert client.get(reverse("conferences:list", args=[event.plan_id])).status_code == 403
    assert client.get(_url("detail", event)).status_code == 403
    assert client.post(_url("group_add", event), {"new-group-heading": "Đại biểu mời:"}).status_code == 403


def test_leaders_read_but_do_not_change(client_for):
    event = EventFactory()
    ParticipantEntryFactory(group=ParticipantGroupFactory(event=event), text="Ban Thường vụ Tỉnh ủy;")
    client = client_for(Role.LEADER)
    page = client.get(_url("detail", event))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ban Thường vụ Tỉnh ủy;" in html
    assert "Lưu thông tin chung" not in html and "Thêm nhóm" not in html
    response = client.post(
        _url("group_add", event), {"new-group-kind": "invited", "new-group-heading": "X:"}, **HTMX
    )
    assert response.status_code == 403
    assert client.post(_url("edit", event), {"event-name": "Khác"}).status_code == 403


# --------------------------------------------------------------------------- setting up events


def test_staff_set_up_an_online_conference_with_ten_sites(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    SectionFactory(plan=plan, position=1, heading="THỜI GIAN, ĐỊA ĐIỂM", body="", block="event.time_place")
    SectionFactory(plan=plan, position=2, heading="CÁC ĐIỂM CẦU", body="", block="event.sites")

    response = client.post(
        reverse("conferences:create", args=[plan.pk]),
        {"kind": "online", "name": "Hội nghị trực tuyến sơ kết", "date_text": "", "start_date": "2024-07-10"},
    )
    event = Event.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()

    rows = {
        "sites-TOTAL_FORMS": "12",
        "sites-INITIAL_FORMS": "0",
        "sites-MIN_NUM_FORMS": "0",
        "sites-MAX_NUM_FORMS": "60",
    }
    names = ["UBND tỉnh Khánh Hòa"] + [f"UBND huyện Số {i}" for i in range(1, 10)]
    for index, name in enumerate(names):
        rows.update(
            {
                f"sites-{index}-name": name,
                f"sites-{index}-level": "province" if index == 0 else "district",
                f"sites-{index}-room": "Phòng họp trực tuyến",
                f"sites-{index}-expected_count": "20",
                f"sites-{index}-contact_name": f"Kỹ thuật viên {index}",
                f"sites-{index}-contact_phone": f"0258 3 800 {index:03d}",
            }
        )
    for index in (10, 11):  # blank rows are skipped
        rows.update({f"sites-{index}-name": "", f"sites-{index}-level": "district"})
    response = client.post(_url("sites_bulk", event), rows, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "planChanged"
    assert 'id="sites-part"' in response.content.decode()
    assert list(OnlineSite.objects.filter(event=event).values_list("name", flat=True)) == names

    main = OnlineSite.objects.get(event=event, name="UBND tỉnh Khánh Hòa")
    response = client.post(
        _url("site_edit", event, main.pk),
        {
            f"site-{main.pk}-name": main.name,
            f"site-{main.pk}-level": "province",
            f"site-{main.pk}-is_main": "on",
            f"site-{main.pk}-room": "Phòng họp trực tuyến, tầng 2",
            f"site-{main.pk}-expected_count": "60",
        },
        **HTMX,
    )
    assert response.status_code == 200
    main.refresh_from_db()
    assert (main.is_main, main.room, main.expected_count) == (True, "Phòng họp trực tuyến, tầng 2", 60)

    text = _printed_text(plan)
    assert "- Địa điểm: Trực tuyến, điểm cầu chính tại Phòng họp trực tuyến, tầng 2," in text
    for name in names[1:]:
        assert name in text
    assert "(điểm cầu chính)" in text
    assert "Kỹ thuật viên 9" in text


def test_sites_from_the_directory_in_one_click(client_for):
    client = client_for(Role.STAFF)
    kind = AgencyKindFactory(code="ubnd-huyen", name="UBND cấp huyện")
    for name in ("Ủy ban nhân dân huyện Cam Lâm", "Ủy ban nhân dân huyện Vạn Ninh"):
        AgencyFactory(kind=kind, name=name)
    event = EventFactory(kind="online")
    response = client.post(
        _url("sites_directory", event),
        {"directory-kind": "ubnd-huyen", "directory-room": "Phòng họp", "directory-expected_count": "25"},
        **HTMX,
    )
    assert response.status_code == 200
    assert list(OnlineSite.objects.filter(event=event).values_list("name", "room", "expected_count")) == [
        ("UBND huyện Cam Lâm", "Phòng họp", 25),
        ("UBND huyện Vạn Ninh", "Phòng họp", 25),
    ]
    again = client.post(_url("sites_directory", event), {"directory-kind": "ubnd-huyen"}, **HTMX)
    assert "Các cơ quan này đều đã có điểm cầu." in again.content.decode()


def test_staff_set_up_a_study_tour_with_two_delegations(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    SectionFactory(plan=plan, position=1, heading="CÁC ĐOÀN CÔNG TÁC", body="", block="event.delegations")
    client.post(
        reverse("conferences:create", args=[plan.pk]),
        {"kind": "study_tour", "name": "Học tập kinh nghiệm năm 2024", "date_text": "đầu tháng 10 năm 2024"},
    )
    event = Event.objects.get(plan=plan)
    for number, head in ((1, "Phó Giám đốc Sở Nội vụ"), (2, "Giám đốc Sở Nội vụ")):
        response = client.post(
            _url("delegation_add", event),
            {
                "new-delegation-name": f"Đoàn công tác số {number}",
                "new-delegation-head": head,
                "new-delegation-members": "Lãnh đạo Phòng Nội vụ các huyện\nCông chức Sở Nội vụ",
                "new-delegation-member_quota": "12",
                "new-delegation-transport": "Xe ô tô 16 chỗ",
            },
            **HTMX,
        )
        assert response.status_code == 200
    first, second = Delegation.objects.filter(event=event).order_by("position")
    for delegation, place, start, end in (
        (first, "Tỉnh Bình Định", "2024-10-01", "2024-10-02"),
        (first, "Tỉnh Phú Yên", "2024-10-03", ""),
        (second, "Tỉnh Lâm Đồng", "2024-10-07", "2024-10-08"),
        (second, "Tỉnh Ninh Thuận", "2024-10-09", ""),
    ):
        response = client.post(
            _url("destination_add", event),
            {
                "new-destination-delegation": str(delegation.pk),
                "new-destination-place": place,
                "new-destination-start_date": start,
                "new-destination-end_date": end,
            },
            **HTMX,
        )
        assert response.status_code == 200, response.content.decode()[:500]
    assert Destination.objects.filter(delegation__event=event).count() == 4

    text = _printed_text(plan)
    position = 0
    for needle in (
        "1. Đoàn công tác số 1",
        "- Trưởng đoàn: Phó Giám đốc Sở Nội vụ.",
        "- Thành phần (dự kiến 12 người):",
        "+ Tỉnh Bình Định: từ ngày 01 đến ngày 02/10/2024 (02 ngày).",
        "+ Tỉnh Phú Yên: ngày 03/10/2024.",
        "2. Đoàn công tác số 2",
        "+ Tỉnh Lâm Đồng: từ ngày 07 đến ngày 08/10/2024 (02 ngày).",
        "+ Tỉnh Ninh Thuận: ngày 09/10/2024.",
    ):
        position = text.index(needle, position)


def test_a_destination_of_another_events_delegation_is_refused(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory(kind="study_tour")
    other = Delegation.objects.create(event=EventFactory(kind="study_tour"), name="Đoàn khác")
    response = client.post(
        _url("destination_add", event),
        {"new-destination-delegation": str(other.pk), "new-destination-place": "Tỉnh Phú Yên"},
        **HTMX,
    )
    assert response.status_code == 200
    assert not Destination.objects.exists()


def test_errors_come_back_next_to_the_field(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    group = ParticipantGroupFactory(event=event)
    response = client.post(
        _url("entry_add", event),
        {
            "new-entry-group": str(group.pk),
            "new-entry-text": "Lãnh đạo UBND các huyện.",
            "new-entry-quota_note": "mỗi địa phương 03 người",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Trigger" not in response
    assert "Có ghi chú số lượng thì hãy nhập số người mỗi cơ quan để tính tổng." in html
    assert not ParticipantEntry.objects.exists()

    response = client.post(
        _url("edit", event),
        {
            "event-kind": "conference",
            "event-name": "Hội nghị",
            "event-start_date": "2024-03-02",
            "event-end_date": "2024-03-01",
            "event-participants_layout": "items",
            "event-item_numbering": "numbers",
        },
        **HTMX,
    )
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()


def test_entry_links_every_agency_of_a_kind_and_warns(client_for):
    client = client_for(Role.STAFF)
    kind = AgencyKindFactory(code="ubnd-huyen", name="UBND cấp huyện")
    for i in range(9):
        AgencyFactory(kind=kind, name=f"Ủy ban nhân dân huyện {i}")
    event = EventFactory(expected_total=20)
    group = ParticipantGroupFactory(event=event)
    response = client.post(
        _url("entry_add", event),
        {
            "new-entry-group": str(group.pk),
            "new-entry-text": "Lãnh đạo UBND các huyện, thị xã, thành phố.",
            "new-entry-quota_per_agency": "3",
            "new-entry-quota_note": "mỗi địa phương đăng ký 03 lãnh đạo",
            "new-entry-agency_kind": str(kind.pk),
        },
        **HTMX,
    )
    html = response.content.decode()
    assert ParticipantEntry.objects.get().agencies.count() == 9
    # The warnings box comes along out of band.
    assert 'id="event-warnings" hx-swap-oob="outerHTML"' in html
    assert "Tổng số người theo định mức đăng ký (27) vượt tổng số đại biểu dự kiến (20)." in html


def test_without_htmx_a_change_redirects_to_the_editor(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    response = client.post(
        _url("group_add", event), {"new-group-kind": "invited", "new-group-heading": "Đại biểu mời:"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{event.get_absolute_url()}#participants-part"


# --------------------------------------------------------------------------- query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["online", "conference"])
def test_event_editor_queries_do_not_grow_with_rows(client_for, kind):
    client = client_for(Role.STAFF)
    counts = []
    for rows in (1, 40):
        event = EventFactory(kind=kind)
        group = ParticipantGroupFactory(event=event)
        for _ in range(rows):
            ParticipantEntryFactory(group=group).agencies.add(AgencyFactory())
            OnlineSiteFactory(event=event)
        counts.append(_count(client, _url("detail", event)))
    assert counts[0] == counts[1], counts


def test_event_list_queries_do_not_grow_with_events(client_for):
    client = client_for(Role.STAFF)
    counts = []
    for events in (1, 10):
        plan = PlanFactory()
        for _ in range(events):
            OnlineSiteFactory(event=EventFactory(plan=plan, kind="online"))
        counts.append(_count(client, reverse("conferences:list", args=[plan.pk])))
    assert counts[0] == counts[1], counts
