"""The programme as Excel: export, import with a row-by-row report, confirmation."""

import datetime
import io

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agenda import services, spreadsheets
from agenda.models import ProgrammeSlot, SlotKind
from documents.models import DocumentStatus
from plans.permissions import Role
from tests.factories import EventFactory, ProgrammeFactory, ProgrammeSlotFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def _url(name, event):
    return reverse(f"agenda:{name}", args=[event.plan_id, event.pk])


def _upload(data: bytes, name: str = "chuong-trinh.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _workbook(rows, header=("Stt", "Giờ bắt đầu", "Giờ kết thúc", "Loại", "Nội dung", "Thực hiện")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Chương trình"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _slots(event):
    return list(
        ProgrammeSlot.objects.filter(event=event)
        .order_by("position", "id")
        .values_list("kind", "content", "performers", "start_time", "end_time", "numbered")
    )


@pytest.fixture
def event(db):
    """A timed programme as seed 001 prints it (07h00 - 11h30), typed through the services."""
    event = EventFactory(name="Hội nghị tổng kết công tác cải cách hành chính năm 2023")
    ProgrammeFactory(event=event, layout="timed")
    for kind, content, performers, start, end, numbered in [
        ("welcome", "Đón tiếp đại biểu", "Ban Tổ chức", T(7, 15), T(7, 30), True),
        ("opening", "Tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức", T(7, 30), T(7, 45), True),
        (
            "report",
            "Báo cáo kết quả công tác CCHC năm 2023:\n- Chỉ số PAR INDEX\n- Chỉ số SIPAS",
            "Lãnh đạo Sở Nội vụ\nMời Thường trực Tỉnh ủy",
            T(7, 45),
            T(8, 30),
            True,
        ),
        ("break", "Nghỉ giải lao", "", T(8, 30), T(8, 45), False),
        ("discussion", "Thảo luận", "Các đại biểu", T(8, 45), T(10, 0), True),
        ("closing", "Bế mạc hội nghị", "Lãnh đạo UBND tỉnh", T(10, 0), None, True),
    ]:
        services.slot_create(
            event=event,
            data={
                "kind": kind,
                "content": content,
                "performers": performers,
                "start_time": start,
                "end_time": end,
                "numbered": numbered,
            },
        )
    return event


def _printed_text(client, event) -> str:
    response = client.get(_url("pdf", event))
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def test_round_trip_gives_the_same_programme_and_the_same_printed_table(client_for, event):
    client = client_for(Role.STAFF)
    before = _slots(event)
    ids_before = list(
        ProgrammeSlot.objects.filter(event=event).order_by("position").values_list("pk", flat=True)
    )
    printed_before = _printed_text(client, event)
    response = client.get(_url("export", event))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="chuong-trinh-{event.plan_id}-{event.pk}.xlsx"'
    )
    data = response.content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[4]] == list(spreadsheets.HEADERS)
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["E"].width == 60
    assert (
        sheet["A2"].value == "Thời gian: dự kiến ngày 25/02/2024 (01 ngày); "
        "Theo giờ: Thời gian | Nội dung | Thực hiện; Trong ngày: 07h00 - 18h00"
    )
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=8)] == [
        ["01", "07:15", "07:30", "Đón tiếp", "Đón tiếp đại biểu", "Ban Tổ chức"],
        [
            "02",
            "07:30",
            "07:45",
            "Khai mạc, giới thiệu",
            "Tuyên bố lý do, giới thiệu đại biểu",
            "Ban Tổ chức",
        ],
        [
            "03",
            "07:45",
            "08:30",
            "Báo cáo",
            "Báo cáo kết quả công tác CCHC năm 2023:\n- Chỉ số PAR INDEX\n- Chỉ số SIPAS",
            "Lãnh đạo Sở Nội vụ\nMời Thường trực Tỉnh ủy",
        ],
        [None, "08:30", "08:45", "Nghỉ giải lao", "Nghỉ giải lao", None],
    ]
    assert sheet["B5"].data_type == "s"
    validation = sheet.data_validations.dataValidation[0]
    assert (str(validation.sqref), validation.formula1) == ("D5:D2005", "'Danh mục'!$A$2:$A$10")
    assert sheet.parent["Danh mục"]["C1"].value is None
    assert [cell.value for cell in sheet.parent["Danh mục"]["A"]][1:3] == ["Đón tiếp", "Khai mạc, giới thiệu"]

    url = _url("import", event)
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    assert response.status_code == 200
    report = response.context["report"]
    assert [item.errors for item in report] == [[]] * 6
    assert [item.time for item in report][:2] == ["07h15 - 07h30", "07h30 - 07h45"]
    assert [item.label for item in report] == ["01", "02", "03", "", "04", "05"]
    assert "Không dòng hiện có nào bị xóa." in response.content.decode()
    response = client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == _url("editor", event)
    assert _slots(event) == before
    # Unchanged rows keep their identity (what points at them stays).
    assert (
        list(ProgrammeSlot.objects.filter(event=event).order_by("position").values_list("pk", flat=True))
        == ids_before
    )
    assert _printed_text(client, event) == printed_before
    assert (
        "Đã thay chương trình bằng 6 dòng từ tệp Excel." in client.get(response["Location"]).content.decode()
    )


def test_import_into_an_empty_programme_prints_the_same(client_for, event):
    client = client_for(Role.STAFF)
    data = client.get(_url("export", event)).content
    printed = _printed_text(client, event)
    other = EventFactory(plan=event.plan, name=event.name)
    ProgrammeFactory(event=other, layout="timed")
    url = _url("import", other)
    response = client.post(url, {"file": _upload(data), "mode": "append"})
    client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert _slots(other) == _slots(event)
    assert _printed_text(client, other) == printed


def test_hand_made_workbook_reports_each_error_at_its_row_and_writes_nothing(client_for, event):
    before = _slots(event)
    data = _workbook(
        [
            ("01", "07:15", "07:30", "Đón tiếp", "Đón tiếp đại biểu", "Ban Tổ chức"),
            ("02", "7h30", "7h20", "", "Khai mạc", "Ban Tổ chức"),
            ("03", "25:00", "", "", "Báo cáo", ""),
            ("04", "06:30", "06:50", "", "Ăn sáng", ""),
            ("05", "07:20", "07:40", "", "Phát biểu", ""),
            ("06", "08:00", "08:30", "Ăn trưa", "", ""),
            ("07", "07:50", "08:00", "", "Báo cáo tham luận", ""),
            ("", "", "09:00", "", "Thảo luận", ""),
        ]
    )
    client = client_for(Role.STAFF)
    url = _url("import", event)
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    assert response.status_code == 200
    assert {item.number: item.errors for item in response.context["report"]} == {
        3: [],
        4: ["Giờ kết thúc phải sau giờ bắt đầu."],
        5: ["Giờ bắt đầu «25:00» không hợp lệ, ví dụ 07:15 hoặc 07h15."],
        6: [
            "Giờ bắt đầu phải nằm trong ngày: từ 07h00 đến 18h00.",
            "Giờ bắt đầu 06h30 sớm hơn dòng trên (07h30): "
            "chương trình theo giờ phải xếp các dòng theo thứ tự thời gian.",
        ],
        7: [
            "Trùng giờ với dòng «Đón tiếp đại biểu» (07h15 - 07h30).",
            "Giờ bắt đầu 07h20 sớm hơn dòng trên (07h30): "
            "chương trình theo giờ phải xếp các dòng theo thứ tự thời gian.",
        ],
        8: [
            "Nội dung: hãy nhập nội dung của dòng chương trình.",
            "Loại «Ăn trưa» không có; chọn một trong: Đón tiếp, Khai mạc, giới thiệu, Báo cáo, "
            "Nghỉ giải lao, Thảo luận, Khen thưởng, Kết luận, chỉ đạo, Bế mạc, Khác.",
        ],
        9: [
            "Giờ bắt đầu 07h50 sớm hơn dòng trên (08h00): "
            "chương trình theo giờ phải xếp các dòng theo thứ tự thời gian."
        ],
        10: ["Hãy nhập giờ bắt đầu trước giờ kết thúc."],
    }
    html = response.content.decode()
    assert response.context["payload"] == ""
    assert "Sửa các dòng có lỗi trong tệp rồi tải lên lại; chương trình chưa thay đổi." in html
    row_7 = html.split('id="row-7"', 1)[1].split("</tr>", 1)[0]
    assert "Trùng giờ với dòng «Đón tiếp đại biểu» (07h15 - 07h30)." in row_7
    assert _slots(event) == before


def test_append_is_checked_against_the_slots_already_there(client_for, event):
    client = client_for(Role.STAFF)
    url = _url("import", event)
    clash = _workbook([("", "09:00", "09:30", "", "Phát biểu chỉ đạo", "Lãnh đạo UBND tỉnh")])
    response = client.post(url, {"file": _upload(clash), "mode": "append"})
    assert response.context["report"][0].errors == [
        "Trùng giờ với dòng «Thảo luận» (08h45 - 10h00).",
        "Giờ bắt đầu 09h00 sớm hơn dòng trên (10h00): "
        "chương trình theo giờ phải xếp các dòng theo thứ tự thời gian.",
    ]
    fits = _workbook([("", "10:30", "11:00", "Kết luận, chỉ đạo", "Phát biểu chỉ đạo", "Lãnh đạo UBND tỉnh")])
    response = client.post(url, {"file": _upload(fits), "mode": "append"})
    assert response.context["report"][0].errors == []
    client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert _slots(event)[-1] == (
        SlotKind.CONCLUSION,
        "Phát biểu chỉ đạo",
        "Lãnh đạo UBND tỉnh",
        T(10, 30),
        T(11),
        False,
    )
    assert len(_slots(event)) == 7


def test_a_hand_made_numbered_programme_without_times(client_for):
    event = EventFactory()
    ProgrammeFactory(event=event, layout="numbered")
    data = _workbook(
        [
            ("1", "Đón tiếp đại biểu", "Ban Tổ chức"),
            ("2", "Nghỉ giải lao", ""),
            ("3", "Bế mạc", "Ban Tổ chức"),
        ],
        header=("TT", "Nội dung", "Thực hiện"),
    )
    client = client_for(Role.STAFF)
    response = client.post(_url("import", event), {"file": _upload(data), "mode": "replace"})
    assert [item.label for item in response.context["report"]] == ["01", "02", "03"]
    client.post(_url("import", event), {"payload": response.context["payload"], "confirm": "1"})
    assert [(kind, content) for kind, content, *_rest in _slots(event)] == [
        (SlotKind.OTHER, "Đón tiếp đại biểu"),
        (SlotKind.BREAK, "Nghỉ giải lao"),
        (SlotKind.OTHER, "Bế mạc"),
    ]


def test_formulas_are_neutralised_and_come_back_as_typed(client_for):
    event = EventFactory()
    ProgrammeSlotFactory(event=event, content='=HYPERLINK("http://x","bấm")', performers="@Ban Tổ chức")
    ProgrammeSlotFactory(event=event, content="- Báo cáo tham luận", performers="+cmd|' /C calc'!A0")
    client = client_for(Role.STAFF)
    data = client.get(_url("export", event)).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [[row[4].value, row[5].value] for row in sheet.iter_rows(min_row=5)] == [
        ['\'=HYPERLINK("http://x","bấm")', "'@Ban Tổ chức"],
        ["'- Báo cáo tham luận", "'+cmd|' /C calc'!A0"],
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    report = spreadsheets.parse_workbook(data, event=event, mode="replace")
    assert [(item.row.content, item.row.performers) for item in report] == [
        ('=HYPERLINK("http://x","bấm")', "@Ban Tổ chức"),
        ("- Báo cáo tham luận", "+cmd|' /C calc'!A0"),
    ]


def test_bad_files_get_a_message_in_the_form_never_a_500(client_for):
    event = EventFactory()
    client = client_for(Role.STAFF)
    url = _url("import", event)

    def errors_for(upload):
        response = client.post(url, {"file": upload, "mode": "replace"})
        assert response.status_code == 200
        return response.context["form"].errors["file"]

    assert errors_for(_upload(b"x" * (6 * 1024 * 1024))) == [
        "Tệp quá lớn (6,0 MB); chỉ nhận tệp tối đa 5 MB."
    ]
    assert errors_for(_upload(b"<table></table>", "chuong-trinh.xls")) == [
        "Chỉ nhận tệp Excel .xlsx (tệp .xls cũ hoặc .csv: hãy lưu lại dưới dạng .xlsx)."
    ]
    assert errors_for(_upload(b"not a workbook")) == ["Tệp không phải bảng tính Excel .xlsx hợp lệ."]
    many = _workbook([("", "", "", "", f"Dòng {n}", "") for n in range(spreadsheets.MAX_ROWS + 1)])
    assert errors_for(_upload(many)) == ["Tệp có quá nhiều dòng (tối đa 300 dòng)."]
    assert ProgrammeSlot.objects.filter(event=event).count() == 0


def test_who_may_export_and_import(client_for, client, event):
    export_url, import_url = _url("export", event), _url("import", event)
    data = _workbook([("", "11:00", "11:30", "", "Bế mạc", "")])
    assert client.get(export_url).status_code == 302
    for role in (Role.LEADER, Role.CLERK):
        viewer = client_for(role)
        assert viewer.get(export_url).status_code == 200
        assert viewer.post(import_url, {"file": _upload(data), "mode": "append"}).status_code == 403
        page = viewer.get(_url("editor", event)).content.decode()
        assert "Xuất Excel" in page and "Nhập từ Excel" not in page
    agency = client_for(Role.AGENCY)
    assert agency.get(export_url).status_code == 403
    assert agency.get(import_url).status_code == 403
    assert "Nhập từ Excel" in client_for(Role.STAFF).get(_url("editor", event)).content.decode()
    assert len(_slots(event)) == 6


def test_a_locked_plan_refuses_the_import(client_for, event):
    client = client_for(Role.STAFF)
    url = _url("import", event)
    response = client.post(
        url, {"file": _upload(_workbook([("", "11:00", "11:30", "", "Bế mạc", "")])), "mode": "append"}
    )
    payload = response.context["payload"]
    assert payload
    type(event.plan).objects.filter(pk=event.plan_id).update(status=DocumentStatus.SUBMITTED)
    response = client.post(url, {"payload": payload, "confirm": "1"})
    assert response.status_code == 200
    assert response.context["locked"].startswith("Kế hoạch đang chờ lãnh đạo duyệt, không sửa được.")
    assert len(_slots(event)) == 6


def test_export_query_count_does_not_grow_with_rows(client_for):
    client = client_for(Role.STAFF)
    small, large = EventFactory(), EventFactory()
    ProgrammeSlotFactory(event=small)
    for _ in range(25):
        ProgrammeSlotFactory(event=large)

    def count(event):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("export", event)).status_code == 200
        return len(queries)

    count(small)
    assert count(small) == count(large)


def test_a_sheet_without_an_stt_column_numbers_every_row(db):
    event = EventFactory()
    ProgrammeFactory(event=event, layout="numbered")
    data = _workbook(
        [("Đón tiếp đại biểu", "Ban Tổ chức"), ("Khai mạc", "")], header=("Nội dung", "Thực hiện")
    )
    report = spreadsheets.parse_workbook(data, event=event, mode="replace")
    assert [(item.label, item.errors) for item in report] == [("01", []), ("02", [])]
    assert [item.row.numbered for item in report] == [True, True]
