"""The task table as Excel: export, import with a row-by-row report, confirmation."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from documents.models import DocumentStatus
from plans import blocks, demo, services, spreadsheets
from plans.documents import plan_printable, plan_queryset
from plans.models import Task, TaskStatus
from plans.permissions import Role
from tests.documents.nd30 import Nd30Pdf
from tests.factories import AgencyFactory, PlanFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_copy(db):
    """A draft copy of seed 003 (19 tasks in two levels), with an unnumbered
    row, a third level and a progress note added through the services."""
    demo.load_agencies()
    seed = demo.load_seed_documents()[2]
    plan = services.plan_copy(plan=seed, years=0, user=None)
    first = plan.tasks.filter(parent=None).order_by("position", "id").first()
    child = plan.tasks.filter(parent=first).order_by("position").first()
    services.task_create(
        plan=plan,
        parent=child,
        data={
            "description": "Gửi dự thảo xin ý kiến các cơ quan\n- Hoàn thiện dự thảo",
            "time_frame": "Quý III/2020",
            "lead": "Sở Nội vụ",
            "cooperating": "Sở Tư pháp\nSở Tài chính",
            "status": TaskStatus.IN_PROGRESS,
            "progress_note": "Đã gửi 12/20 cơ quan",
        },
    )
    services.task_create(
        plan=plan,
        parent=first,
        data={"description": "- Tổng hợp ý kiến", "numbered": False, "time_frame": "Thường xuyên"},
    )
    return plan


def _rows(plan):
    """What the task table holds, in print order, as a user sees it."""
    by_id = {task.pk: task for task in Task.objects.filter(plan=plan)}
    rows = []
    for row in blocks.task_rows(plan_queryset().get(pk=plan.pk)):
        task = by_id[row["id"]]
        rows.append(
            (
                row["number"],
                row["depth"],
                task.description,
                task.time_frame,
                task.due_date,
                task.lead,
                task.cooperating,
                task.status,
                task.progress_note,
                task.numbered,
            )
        )
    return rows


def _upload(data: bytes, name: str = "nhiem-vu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _workbook(
    rows, header=("STT", "Cấp", "Nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp")
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Bảng nhiệm vụ"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _printed_text(plan) -> str:
    return Nd30Pdf(plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf()).text()


def test_round_trip_into_an_empty_plan_gives_the_same_rows_and_the_same_printed_table(client_for, seed_copy):
    client = client_for(Role.STAFF)
    before = _rows(seed_copy)
    printed_before = _printed_text(seed_copy)
    response = client.get(reverse("plans:task_export", args=[seed_copy.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="nhiem-vu-ke-hoach-{seed_copy.pk}.xlsx"'
    data = response.content

    # As Excel shows it: headers as printed, frozen below the header, sized columns, text as text.
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[3]] == list(spreadsheets.HEADERS)
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["C"].width == 60
    # Printed from Excel: A4 landscape, one page wide, the header repeated; wrapped text gets its height.
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth, sheet.print_title_rows) == (
        "landscape",
        1,
        "$3:$3",
    )
    # Two lines: "Gửi dự thảo …" and "- Hoàn thiện dự thảo".
    assert sheet.row_dimensions[6].height == 30
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=4, max_row=8)] == [
        ("1", 1),
        ("1.1", 2),
        ("1.1.1", 3),
        ("1.2", 2),
        (None, 2),
    ]
    assert sheet["D5"].value == "Tháng 4/2020" and sheet["D5"].data_type == "s"
    assert sheet["C8"].value == "'- Tổng hợp ý kiến"
    # Level and status are picked, not typed: Excel refuses a level outside 1-3 or an unknown status.
    validations = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert validations == {"B4:B2004": ("whole", "1"), "G4:G2004": ("list", "'Danh mục'!$A$2:$A$5")}
    choices = sheet.parent["Danh mục"]
    assert choices.sheet_state == "hidden"
    assert [cell.value for cell in choices["A"]] == [
        "Tình trạng",
        "Chưa thực hiện",
        "Đang thực hiện",
        "Đã hoàn thành",
        "Không thực hiện",
    ]

    # Empty the plan, then bring the file back.
    for task in list(seed_copy.tasks.filter(parent=None)):
        services.task_delete(task=task)
    assert _rows(seed_copy) == []
    url = reverse("plans:task_import", args=[seed_copy.pk])
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    assert response.status_code == 200
    report = response.context["report"]
    assert len(report) == len(before) == 21
    assert [item.errors for item in report] == [[]] * 21
    assert [item.label for item in report] == [row[0] for row in before]
    assert "Hợp lệ" in response.content.decode()
    assert Task.objects.filter(plan=seed_copy).count() == 0  # nothing saved before confirming

    response = client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[seed_copy.pk]) + "#part-tasks"
    assert _rows(seed_copy) == before
    assert _printed_text(seed_copy) == printed_before
    page = client.get(response["Location"]).content.decode()
    assert "Đã thay bảng nhiệm vụ bằng 21 dòng từ tệp Excel." in page
    # The directory entries behind the cells are linked as the editor links them.
    task = Task.objects.get(plan=seed_copy, description__startswith="Gửi dự thảo xin ý kiến")
    assert sorted(task.cooperating_agencies.values_list("name", flat=True)) == ["Sở Tài chính", "Sở Tư pháp"]


def test_append_adds_after_the_existing_rows(client_for):
    AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    plan = PlanFactory()
    TaskFactory(plan=plan, description="Nhiệm vụ có sẵn")
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    data = _workbook(
        [
            ("1", "1", "Nhiệm vụ mới", "Tháng 5/2024", "nội vụ", ""),
            ("1.1", "2", "Việc con", "", "", ""),
            ("", "2", "- Gạch đầu dòng không số", "", "", ""),
        ]
    )
    response = client.post(url, {"file": _upload(data), "mode": "append"})
    report = response.context["report"]
    assert [item.label for item in report] == ["1", "1.1", ""]  # numbered afresh; printed as 2 and 2.1
    assert report[0].notes == ["Đơn vị chủ trì: «nội vụ» được ghi thành «Sở Nội vụ» theo danh bạ."]
    assert "sẽ được thêm vào sau 1 dòng hiện có" in response.content.decode()
    client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert _rows(plan)[0][:3] == ("1", 0, "Nhiệm vụ có sẵn")
    assert [row[:3] for row in _rows(plan)[1:]] == [
        ("2", 0, "Nhiệm vụ mới"),
        ("2.1", 1, "Việc con"),
        ("", 1, "- Gạch đầu dòng không số"),
    ]
    assert Task.objects.get(description="Nhiệm vụ mới").lead == "Sở Nội vụ"


def test_hand_made_workbook_reports_each_error_at_its_row_and_writes_nothing(client_for):
    AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    AgencyFactory(name="Sở Tư pháp", short_name="STP")
    plan = PlanFactory(year=2024)
    TaskFactory(plan=plan, description="Nhiệm vụ có sẵn")
    data = _workbook(
        [
            ("1", "1", "Tổ chức hội nghị", "Quý III/2024", "Sở Nội vụ", "Các sở, ban, ngành"),
            ("2", "1", "", "Tháng 5/2024", "Sở Nội vụ", ""),
            ("2.1", "2", "Rà soát thủ tục", "Tháng 6/2024", "Sở Nôi vụ", "Sở Tư pháp"),
            ("2.2", "2", "Báo cáo kết quả", "31/02/2024", "Sở Nội vụ", ""),
            ("2.2.1", "3", "Gửi báo cáo", "25/02/20", "", ""),
            ("3", "3", "Dòng nhảy cấp", "", "", ""),
            ("4", "1", "Trạng thái lạ", "Thường xuyên", "Sở Du lịch", ""),
            ("x", "1", "Số lạ", "", "", ""),
        ],
        header=("STT", "Cấp", "Nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"),
    )
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    assert response.status_code == 200
    report = {item.number: item.errors for item in response.context["report"]}
    assert report == {
        3: [],
        4: ["Nhiệm vụ: hãy nhập nội dung nhiệm vụ."],
        5: ["Đơn vị chủ trì: «Sở Nôi vụ» không có trong danh bạ cơ quan. Có phải «Sở Nội vụ»?"],
        6: ["Thời gian thực hiện «31/02/2024»: Ngày tháng không hợp lệ: không tính được hạn."],
        7: ["Thời gian thực hiện «25/02/20»: Năm cần ghi đủ bốn chữ số: không tính được hạn."],
        8: ["STT «3» là số của dòng cấp 1 nhưng cột «Cấp» ghi 3."],
        9: [
            "Đơn vị chủ trì: «Sở Du lịch» không có trong danh bạ cơ quan: kiểm tra lại tên "
            "hoặc nhờ quản trị thêm vào danh bạ.",
        ],
        10: ["STT «x» không hợp lệ: ghi như 1, 1.2, 1.2.3 hoặc để trống cho dòng không đánh số."],
    }
    html = response.content.decode()
    assert response.context["errors"] == 7
    assert response.context["payload"] == ""
    assert "Sửa các dòng có lỗi trong tệp rồi tải lên lại; bảng nhiệm vụ chưa thay đổi." in html
    assert 'name="confirm"' not in html
    # Each message sits in its row of the report.
    row_5 = html.split('id="row-5"', 1)[1].split("</tr>", 1)[0]
    assert "Có phải «Sở Nội vụ»?" in row_5
    assert list(Task.objects.filter(plan=plan).values_list("description", flat=True)) == ["Nhiệm vụ có sẵn"]


def test_levels_must_not_skip(db):
    plan = PlanFactory()
    data = _workbook(
        [
            ("", "2", "Bắt đầu ở cấp 2", "", "", ""),
            ("1", "1", "Cấp 1", "", "", ""),
            ("", "3", "Nhảy cấp", "", "", ""),
        ]
    )
    report = spreadsheets.parse_workbook(data, plan=plan)
    assert [item.errors for item in report] == [
        ["Dòng đầu tiên của bảng phải là nhiệm vụ cấp 1 (cột «Cấp» ghi 2)."],
        [],
        ["Dòng cấp 3 phải nằm dưới một dòng cấp 2, nhưng dòng trên là cấp 1."],
    ]


def test_formulas_are_neutralised_and_come_back_as_typed(client_for):
    plan = PlanFactory()
    texts = {
        "description": '=HYPERLINK("http://x","bấm")',
        "time_frame": "Tháng 4/2024",
        "lead": "+Các cơ quan, đơn vị",
        "cooperating": "@các địa phương",
        "progress_note": "-1+2",
    }
    services.task_create(plan=plan, data=texts)
    client = client_for(Role.STAFF)
    data = client.get(reverse("plans:task_export", args=[plan.pk])).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [sheet.cell(row=4, column=c).value for c in (3, 5, 6, 8)] == [
        '\'=HYPERLINK("http://x","bấm")',
        "'+Các cơ quan, đơn vị",
        "'@các địa phương",
        "'-1+2",
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    report = spreadsheets.parse_workbook(data, plan=plan)
    assert report[0].errors == []
    row = report[0].row
    assert (row.description, row.lead, row.cooperating, row.progress_note) == (
        texts["description"],
        texts["lead"],
        texts["cooperating"],
        texts["progress_note"],
    )


def test_bad_files_get_a_message_in_the_form_never_a_500(client_for):
    plan = PlanFactory()
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])

    def errors_for(upload):
        response = client.post(url, {"file": upload, "mode": "replace"})
        assert response.status_code == 200
        assert "report" not in response.context
        return response.context["form"].errors["file"]

    assert errors_for(_upload(b"x" * (5 * 1024 * 1024 + 1))) == [
        "Tệp quá lớn (5,0 MB); chỉ nhận tệp tối đa 5 MB."
    ]
    assert errors_for(_upload(b"a;b;c", "nhiem-vu.csv")) == [
        "Chỉ nhận tệp Excel .xlsx (tệp .xls cũ hoặc .csv: hãy lưu lại dưới dạng .xlsx)."
    ]
    assert errors_for(_upload(b"PK\x03\x04 not really a zip")) == [
        "Tệp không phải bảng tính Excel .xlsx hợp lệ."
    ]
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    assert errors_for(_upload(other_zip.getvalue())) == ["Tệp không phải bảng tính Excel .xlsx hợp lệ."]
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", "<không phải xml")
    assert errors_for(_upload(broken.getvalue())) == [
        "Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng."
    ]
    too_many = _workbook(
        [(str(n), "1", f"Nhiệm vụ {n}", "", "", "") for n in range(1, spreadsheets.MAX_ROWS + 2)]
    )
    assert errors_for(_upload(too_many)) == ["Tệp có quá nhiều dòng (tối đa 1000 dòng)."]
    no_header = _workbook([("1", "việc")], header=("Số", "Việc"))
    assert errors_for(_upload(no_header)) == ["Không tìm thấy dòng tiêu đề có các cột: «Nhiệm vụ»."]
    response = client.post(url, {"mode": "replace"})
    assert response.context["form"].errors["file"] == ["Hãy chọn tệp Excel (.xlsx) để tải lên."]
    response = client.post(url, {"payload": "giả mạo", "confirm": "1"})
    assert response.status_code == 302
    assert (
        "Phiên nhập đã hết hạn; vui lòng tải tệp lên lại."
        in client.get(response["Location"]).content.decode()
    )
    assert Task.objects.filter(plan=plan).count() == 0


def test_who_may_export_and_import(client_for, client):
    plan = PlanFactory()
    export_url = reverse("plans:task_export", args=[plan.pk])
    import_url = reverse("plans:task_import", args=[plan.pk])
    data = _workbook([("1", "1", "Nhiệm vụ", "", "", "")])
    response = client.get(import_url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for role in (Role.LEADER, Role.CLERK):
        viewer = client_for(role)
        assert viewer.get(export_url).status_code == 200
        assert viewer.get(import_url).status_code == 403
        assert viewer.post(import_url, {"file": _upload(data), "mode": "replace"}).status_code == 403
        editor_page = viewer.get(plan.get_absolute_url()).content.decode()
        assert "Xuất Excel" in editor_page and "Nhập từ Excel" not in editor_page
    agency = client_for(Role.AGENCY)
    assert agency.get(export_url).status_code == 403
    assert agency.post(import_url, {"file": _upload(data), "mode": "replace"}).status_code == 403
    staff = client_for(Role.STAFF)
    assert "Nhập từ Excel" in staff.get(plan.get_absolute_url()).content.decode()
    assert Task.objects.filter(plan=plan).count() == 0


@pytest.mark.parametrize("status", [DocumentStatus.SUBMITTED, DocumentStatus.APPROVED])
def test_a_locked_plan_refuses_the_import(client_for, status):
    plan = PlanFactory()
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    response = client.post(
        url, {"file": _upload(_workbook([("1", "1", "Nhiệm vụ", "", "", "")])), "mode": "append"}
    )
    payload = response.context["payload"]
    assert payload
    type(plan).objects.filter(pk=plan.pk).update(status=status)  # submitted meanwhile
    response = client.post(url, {"payload": payload, "confirm": "1"})
    assert response.status_code == 200
    assert "không sửa được" in response.context["locked"]
    assert 'type="file"' not in response.content.decode()
    assert Task.objects.filter(plan=plan).count() == 0
    assert "Nhập từ Excel" not in client.get(plan.get_absolute_url()).content.decode()


def test_export_query_count_does_not_grow_with_rows(client_for):
    client = client_for(Role.STAFF)
    small, large = PlanFactory(), PlanFactory()
    TaskFactory(plan=small)
    parent = TaskFactory(plan=large)
    for _ in range(30):
        TaskFactory(plan=large, parent=parent)

    def count(plan):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plans:task_export", args=[plan.pk]))
        assert response.status_code == 200
        return len(queries)

    count(small)  # warm caches
    assert count(small) == count(large)
    assert (
        load_workbook(
            io.BytesIO(client.get(reverse("plans:task_export", args=[large.pk])).content)
        ).active.max_row
        == 34
    )


def test_the_printed_section_uses_the_imported_rows(client_for):
    """A plan whose task table is only ever typed in Excel prints it."""
    AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    plan = PlanFactory()
    SectionFactory(plan=plan, heading="TIẾN ĐỘ THỰC HIỆN", body="", block="plan.tasks")
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    data = _workbook(
        [("1", "1", "Tổ chức tập huấn nghiệp vụ", "Quý II/2024", "Sở Nội vụ", "Các cơ quan liên quan")]
    )
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    text = " ".join(_printed_text(plan).split())
    assert "Tổ chức tập huấn nghiệp vụ" in text
    assert Task.objects.get(plan=plan).due_date.isoformat() == "2024-06-30"


def test_a_sheet_without_stt_or_level_numbers_every_row_at_the_first_level(db):
    plan = PlanFactory()
    data = _workbook(
        [("Rà soát thủ tục hành chính", "Quý I/2024"), ("Báo cáo kết quả", "Tháng 12/2024")],
        header=("Nội dung", "Thời gian"),
    )
    report = spreadsheets.parse_workbook(data, plan=plan)
    assert [(item.label, item.level, item.errors, item.due) for item in report] == [
        ("1", 1, [], "31/03/2024"),
        ("2", 1, [], "31/12/2024"),
    ]


def test_replace_keeps_the_rows_it_repeats_and_deletes_the_others(client_for):
    plan = PlanFactory()
    a = TaskFactory(plan=plan, description="Việc A")
    a1 = TaskFactory(plan=plan, parent=a, description="Việc A1", progress_note="Đã làm một nửa")
    b = TaskFactory(plan=plan, description="Việc B")
    data = _workbook(
        [
            ("1", "1", "Việc B", "Tháng 6/2024", "", ""),
            ("1.1", "2", "Việc A1", "", "", ""),
            ("2", "1", "Việc mới", "", "", ""),
        ]
    )
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    response = client.post(url, {"file": _upload(data), "mode": "replace"})
    assert "1 dòng hiện có không còn trong tệp sẽ bị xóa." in response.content.decode()
    client.post(url, {"payload": response.context["payload"], "confirm": "1"})
    assert [row[:3] for row in _rows(plan)] == [
        ("1", 0, "Việc B"),
        ("1.1", 1, "Việc A1"),
        ("2", 0, "Việc mới"),
    ]
    kept_b, kept_a1 = Task.objects.get(description="Việc B"), Task.objects.get(description="Việc A1")
    assert (kept_b.pk, kept_a1.pk, kept_a1.parent_id) == (b.pk, a1.pk, b.pk)
    assert kept_b.time_frame == "Tháng 6/2024"
    assert kept_a1.progress_note == ""  # the file's empty cell is what the user wants
    assert not Task.objects.filter(pk=a.pk).exists()
    assert kept_a1.history.first().history_type == "~"


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return out.getvalue()


def test_hostile_workbooks_get_a_message_never_a_500(client_for):
    plan = PlanFactory()
    client = client_for(Role.STAFF)
    url = reverse("plans:task_import", args=[plan.pk])
    good = _workbook([("1", "1", "Nhiệm vụ", "", "", "")])
    sheet = "xl/worksheets/sheet1.xml"
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10)
            for i in range(8)
        )
        + b"]><worksheet "
        + ns
        + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'
        + b"</sheetData></worksheet>"
    )
    broken = "Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng."
    for data, message in [
        (
            _replace_member(
                good, sheet, b"<worksheet " + ns + b">" + b" " * (50 * 1024 * 1024) + b"</worksheet>"
            ),
            "Tệp quá lớn khi giải nén.",
        ),
        (_replace_member(good, sheet, laughs), broken),
        (_replace_member(good, sheet, b"<worksheet><sheetData><row><c>"), broken),
        (
            _replace_member(good, "xl/workbook.xml", b"<workbook " + ns + b"/>"),
            "Tệp Excel không có trang tính nào.",
        ),
    ]:
        response = client.post(url, {"file": _upload(data), "mode": "replace"})
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [message]
    assert Task.objects.filter(plan=plan).count() == 0
