"""The programme editor as the browser uses it, and query counts from 1 to 40 slots."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import ProgrammeSlot
from plans.permissions import Role
from tests.factories import EventFactory, ProgrammeFactory, ProgrammeSlotFactory, SectionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
T = datetime.time


def _url(name, event, *args):
    return reverse(f"agenda:{name}", args=[event.plan_id, event.pk, *args])


def _slot_data(prefix="new-slot", **values):
    data = {
        "kind": "report",
        "content": "Báo cáo",
        "performers": "Sở Nội vụ",
        "start_time": "",
        "end_time": "",
    }
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def _contents(event):
    return list(
        ProgrammeSlot.objects.filter(event=event).order_by("position").values_list("content", flat=True)
    )


def test_permissions(client, client_for):
    event = EventFactory()
    assert client.get(_url("editor", event))["Location"].startswith(reverse("login"))
    agency = client_for(Role.AGENCY)
    assert agency.get(_url("editor", event)).status_code == 403
    assert agency.get(_url("pdf", event)).status_code == 403
    client.logout()
    leader = client_for(Role.LEADER)
    page = leader.get(_url("editor", event))
    assert page.status_code == 200 and "Thêm dòng chương trình" not in page.content.decode()
    assert leader.post(_url("slot_add", event), _slot_data(), **HTMX).status_code == 403
    assert leader.get(_url("pdf", event)).status_code == 200


def test_staff_reproduce_the_timed_programme_of_seed_001(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    response = client.post(
        _url("settings", event),
        {
            "programme-layout": "timed",
            "programme-title": "Dự kiến chương trình hội nghị",
            "programme-subtitle": "",
            "programme-day_start": "07:00",
            "programme-day_end": "17:30",
        },
        **HTMX,
    )
    assert response.status_code == 200
    rows = [
        (
            "07:15",
            "08:00",
            "welcome",
            "- Đón tiếp đại biểu\n- Trình chiếu phim “*Khánh Hòa - Hợp tác và phát triển*”",
            "Ban Tổ chức",
        ),
        ("08:00", "08:05", "opening", "Tuyên bố lý do, giới thiệu đại biểu", "Lãnh đạo Sở Nội vụ"),
        ("10:00", "10:15", "break", "Nghỉ giải lao", ""),
        ("08:05", "08:15", "opening", "Phát biểu khai mạc Hội nghị", "Lãnh đạo UBND tỉnh"),
    ]
    for start, end, kind, content, performers in rows:
        response = client.post(
            _url("slot_add", event),
            _slot_data(start_time=start, end_time=end, kind=kind, content=content, performers=performers),
            **HTMX,
        )
        assert response.status_code == 200 and response["HX-Trigger"] == "planChanged"
    # Inserted in time order, whatever the typing order.
    assert [c.split("\n")[0] for c in _contents(event)] == [
        "- Đón tiếp đại biểu",
        "Tuyên bố lý do, giới thiệu đại biểu",
        "Phát biểu khai mạc Hội nghị",
        "Nghỉ giải lao",
    ]
    html = client.get(_url("editor", event)).content.decode()
    assert "07h15 - 08h00" in html and "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ" in html

    # An overlapping slot is refused, the message next to the field, nothing saved.
    response = client.post(
        _url("slot_add", event), _slot_data(start_time="08:10", end_time="08:30", content="Trùng"), **HTMX
    )
    html = response.content.decode()
    assert "Trùng giờ với dòng «Phát biểu khai mạc Hội nghị» (08h05 - 08h15)." in html
    assert "HX-Trigger" not in response
    assert "Trùng" not in _contents(event)

    # Outside the day.
    response = client.post(
        _url("slot_add", event), _slot_data(start_time="17:00", end_time="18:00", content="Muộn"), **HTMX
    )
    assert "Giờ kết thúc phải nằm trong ngày: từ 07h00 đến 17h30." in response.content.decode()

    # A longer opening speech shifts the break.
    opening = ProgrammeSlot.objects.get(event=event, content="Phát biểu khai mạc Hội nghị")
    response = client.post(
        _url("slot_duration", event, opening.pk),
        {f"duration-{opening.pk}-minutes": "20", f"duration-{opening.pk}-shift": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    times = list(
        ProgrammeSlot.objects.filter(event=event).order_by("position").values_list("start_time", "end_time")
    )
    assert times[2:] == [(T(8, 5), T(8, 25)), (T(10, 10), T(10, 25))]


def test_drag_and_drop_posts_the_new_order(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    ProgrammeFactory(event=event, layout="numbered")
    slots = [ProgrammeSlotFactory(event=event, position=i, content=f"Dòng {i}") for i in range(3)]
    response = client.post(
        _url("reorder", event), {"order": f"{slots[2].pk},{slots[0].pk},{slots[1].pk}"}, **HTMX
    )
    assert response.status_code == 200
    assert _contents(event) == ["Dòng 2", "Dòng 0", "Dòng 1"]
    client.post(_url("slot_move", event, slots[1].pk), {"direction": "up"}, **HTMX)
    assert _contents(event) == ["Dòng 2", "Dòng 1", "Dòng 0"]
    client.post(_url("slot_delete", event, slots[2].pk), **HTMX)
    assert _contents(event) == ["Dòng 1", "Dòng 0"]


def test_attach_puts_the_programme_in_the_plan_as_appendix(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    ProgrammeSlotFactory(event=event, content="Đón tiếp đại biểu")
    response = client.post(_url("attach", event), **HTMX)
    assert "Chương trình đã là phụ lục của kế hoạch." in response.content.decode()
    appendix = event.plan.appendices.get()
    assert (appendix.title, appendix.block) == ("DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", "agenda.programme")
    printed = client.get(reverse("plans:print", args=[event.plan_id])).content.decode()
    assert "Đón tiếp đại biểu" in printed


def test_programme_pdf_download(client_for):
    client = client_for(Role.STAFF)
    event = EventFactory()
    ProgrammeSlotFactory(event=event, content="Đón tiếp đại biểu", start_time=T(7, 30), end_time=T(8, 0))
    response = client.get(_url("pdf", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="chuong-trinh-{event.pk}-2024.pdf"'
    assert response.content.startswith(b"%PDF")


# --------------------------------------------------------------------------- query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


def _event_with_slots(count: int):
    event = EventFactory()
    ProgrammeFactory(event=event, day_start=T(6, 0), day_end=T(22, 0))
    for i in range(count):
        start = 6 * 60 + i * 20
        ProgrammeSlotFactory(
            event=event,
            position=i,
            start_time=T(start // 60, start % 60),
            end_time=T((start + 15) // 60, (start + 15) % 60),
        )
    return event


def test_programme_editor_queries_do_not_grow_with_slots(client_for):
    client = client_for(Role.STAFF)
    counts = [_count(client, _url("editor", _event_with_slots(n))) for n in (1, 40)]
    assert counts[0] == counts[1], counts


def test_plan_print_and_page_queries_do_not_grow_with_slots(client_for):
    client = client_for(Role.STAFF)
    counts = {"print": [], "detail": []}
    for n in (1, 40):
        event = _event_with_slots(n)
        ProgrammeSlotFactory(event=EventFactory(plan=event.plan), content="Sự kiện thứ hai")
        for block in (
            "event.participants",
            "event.time_place",
            "event.budget",
            "event.sites",
            "event.delegations",
        ):
            SectionFactory(plan=event.plan, heading=block, body="", block=block)
        event.plan.appendices.create(title="DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", block="agenda.programme")
        counts["print"].append(_count(client, reverse("plans:print", args=[event.plan_id])))
        counts["detail"].append(_count(client, reverse("plans:detail", args=[event.plan_id])))
    assert counts["print"][0] == counts["print"][1], counts
    assert counts["detail"][0] == counts["detail"][1], counts
