"""Journey 1: a staff member drafts a plan with tasks and a programme and downloads its PDF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import data
from tests.e2e.conftest import pdf_table_rows, pdf_text, read_pdf, settled

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Tổ chức Hội nghị triển khai công tác cải cách hành chính năm 2027"
TASKS = [
    # description, time frame, lead (typed into the type-ahead), lead as printed, cooperating
    (
        "Xây dựng báo cáo tổng kết công tác cải cách hành chính năm 2026",
        "Trước ngày 15/01/2027",
        "tư pháp",
        "Sở Tư pháp",
        "Sở Tài chính",
    ),
    (
        "Rà soát, công bố thủ tục hành chính thuộc thẩm quyền của tỉnh",
        "Quý I/2027",
        "thông tin",
        "Sở Thông tin và Truyền thông",
        "",
    ),
    ("Tổ chức Hội nghị triển khai nhiệm vụ năm 2027", "Tháng 02/2027", "tài chính", "Sở Tài chính", ""),
]
SLOTS = [
    # from, to, kind, content, performer
    ("07:30", "08:00", "Đón tiếp", "Đón tiếp đại biểu", "Ban Tổ chức"),
    ("08:00", "08:15", "Khai mạc, giới thiệu", "Tuyên bố lý do, giới thiệu đại biểu", "Sở Nội vụ"),
    ("08:15", "09:00", "Báo cáo", "Báo cáo kết quả cải cách hành chính năm 2026", "Lãnh đạo Sở Nội vụ"),
    ("09:00", "09:15", "Nghỉ giải lao", "Nghỉ giải lao", ""),
]


def pick_agency(page, field_label: str, typed: str, name: str, scope=None) -> None:
    """Use the directory type-ahead under a field: type part of the name, wait for
    the suggestion from the server, take it (Enter adds it to the field)."""
    scope = scope or page
    field = scope.get_by_label(field_label, exact=True)
    picker = field.locator("xpath=following::input[@data-agency-picker][1]")
    picker.press_sequentially(typed, delay=20)
    expect(page.locator(f'#agency-options option[value="{name}"]')).to_have_count(1)
    picker.fill(name)
    picker.press("Enter")
    expect(field).to_have_value(re.compile(re.escape(name)))


def test_staff_drafts_plan_with_tasks_and_programme_and_downloads_pdf(journey):
    agencies = data.directory()
    data.people(agencies)
    page = journey.page

    journey.login("chuyenvien")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    journey.shot("home")

    # A new plan of the Sở Nội vụ.
    page.get_by_role("link", name="Tạo kế hoạch mới").click()
    page.get_by_label("Cơ quan ban hành").select_option(label="Sở Nội vụ")
    page.get_by_label("Trích yếu").fill(TITLE)
    page.get_by_label("Chức danh người ký").fill("GIÁM ĐỐC")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn An")
    journey.shot("new-plan-form")
    page.get_by_role("button", name="Tạo và soạn tiếp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("alert")).to_contain_text("Đã tạo kế hoạch")
    journey.shot("editor-new-plan")

    # Section II gets its text and the task table.
    sections = page.locator("#section-list")
    sections.get_by_role("listitem").filter(has_text="NỘI DUNG").get_by_role("button", name="Sửa").click()
    edit = sections.locator("form")
    settled(edit)
    edit.get_by_label("Nội dung", exact=True).fill("Các cơ quan, đơn vị triển khai các nhiệm vụ sau:")
    edit.get_by_label("Phần cấu trúc chèn vào").select_option(label="Bảng nhiệm vụ (tiến độ cụ thể)")
    edit.scroll_into_view_if_needed()
    journey.shot("section-edit")
    edit.get_by_role("button", name="Lưu mục").click()
    expect(sections.locator("form")).to_have_count(0)
    saved = sections.get_by_role("listitem").filter(has_text="NỘI DUNG")
    expect(saved).to_contain_text("Các cơ quan, đơn vị triển khai các nhiệm vụ sau:")
    expect(saved).to_contain_text("Bảng nhiệm vụ (tiến độ cụ thể)")

    # Three tasks, lead agencies taken from the directory through the type-ahead.
    for description, time_frame, typed, lead, cooperating in TASKS:
        new_task = page.get_by_role("form", name="Thêm nhiệm vụ")
        new_task.get_by_role("textbox", name=re.compile(r"^Nhiệm vụ")).fill(description)
        new_task.get_by_label("Thời gian thực hiện").fill(time_frame)
        pick_agency(page, "Đơn vị chủ trì", typed, lead, scope=new_task)
        if cooperating:
            new_task.get_by_label("Đơn vị phối hợp").fill(cooperating)
        new_task.get_by_role("button", name="Thêm nhiệm vụ").click()
        expect(page.locator("#task-list").get_by_role("row").filter(has_text=description)).to_contain_text(
            lead
        )
    tasks = page.locator("#task-list")
    expect(tasks.get_by_role("row")).to_have_count(1 + len(TASKS))
    expect(tasks.get_by_role("row").nth(1)).to_contain_text("Hạn: 14/01/2027")
    expect(tasks.get_by_role("row").nth(2)).to_contain_text("Hạn: 31/03/2027")
    tasks.scroll_into_view_if_needed()
    journey.shot("tasks-added")

    # The live preview beside the editor shows the printed plan with its tasks.
    preview = page.frame_locator("iframe[data-preview]")
    expect(preview.get_by_text(TASKS[2][0])).to_have_count(1)
    expect(page.get_by_text("Đã cập nhật")).to_be_visible()
    page.get_by_role("complementary", name="Xem trước bản in").scroll_into_view_if_needed()
    journey.shot("live-preview")

    # An in-person conference of the plan, with its programme.
    page.get_by_role("link", name=re.compile(r"^Hội nghị, đoàn công tác")).click()
    page.get_by_role("button", name="Thêm sự kiện").click()
    page.get_by_role("link", name="Hội nghị trực tiếp").click()
    page.get_by_label("Tên sự kiện").fill("Hội nghị triển khai nhiệm vụ cải cách hành chính năm 2027")
    page.get_by_label("Ngày bắt đầu").fill("2027-02-25")
    page.get_by_label("Địa điểm (như in)").fill("Hội trường UBND tỉnh")
    page.get_by_role("button", name="Tạo sự kiện").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã tạo sự kiện")
    journey.shot("event-created")

    page.get_by_role("link", name="Chương trình", exact=True).click()
    for start, end, kind, content, performer in SLOTS:
        new_slot = page.get_by_role("form", name="Thêm dòng chương trình")
        new_slot.get_by_label("Từ").fill(start)
        new_slot.get_by_label("Đến").fill(end)
        new_slot.get_by_label("Loại").select_option(label=kind)
        new_slot.get_by_label("Nội dung").fill(content)
        if performer:
            new_slot.get_by_label("Thực hiện").fill(performer)
        new_slot.get_by_role("button", name="Thêm dòng").click()
        expect(page.get_by_role("row").filter(has_text=content).first).to_contain_text(
            start.replace(":", "h")
        )
    page.get_by_role("button", name="In chương trình làm phụ lục của kế hoạch").click()
    expect(page.get_by_text("Chương trình đã là phụ lục của kế hoạch.")).to_be_visible()
    journey.shot("programme", full_page=True)

    # Back in the plan, the PDF has the title, the tasks and the programme.
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name=TITLE[:30], exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    sections = page.locator("#section-list")
    sections.get_by_role("listitem").filter(has_text="THỜI GIAN, ĐỊA ĐIỂM").get_by_role(
        "button", name="Sửa"
    ).click()
    settled(sections.locator("form"))
    sections.locator("form").get_by_label("Phần cấu trúc chèn vào").select_option(
        label="Sự kiện: thời gian và địa điểm"
    )
    sections.locator("form").get_by_role("button", name="Lưu mục").click()
    expect(sections.locator("form")).to_have_count(0)
    expect(sections.get_by_role("listitem").filter(has_text="THỜI GIAN, ĐỊA ĐIỂM")).to_contain_text(
        "Sự kiện: thời gian và địa điểm"
    )
    expect(page.frame_locator("iframe[data-preview]").get_by_text("Hội trường UBND tỉnh")).to_have_count(1)
    pdf = journey.download(lambda: page.get_by_role("link", name="Tải PDF").click(), "plan.pdf")
    doc = read_pdf(pdf)
    text = pdf_text(doc)
    assert "SỞ NỘI VỤ" in text
    assert "Số: /KH-SNV" in text  # no number before it is issued
    assert "KẾ HOẠCH" in text
    assert TITLE in text
    assert "II. NỘI DUNG" in text
    assert "Các cơ quan, đơn vị triển khai các nhiệm vụ sau:" in text
    assert "Hội trường UBND tỉnh" in text
    assert "Nơi nhận: GIÁM ĐỐC" in text
    assert text.index("GIÁM ĐỐC") < text.index("Nguyễn Văn An") < text.index("Phụ lục")
    assert set(doc.watermarks) == {"DỰ THẢO"}
    rows = pdf_table_rows(doc)
    for number, (description, time_frame, _typed, lead, cooperating) in enumerate(TASKS, start=1):
        assert [str(number), description, time_frame, lead, cooperating] in rows
    assert "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ" in text
    for start, end, _kind, content, performer in SLOTS:
        time_range = f"{start.replace(':', 'h')} - {end.replace(':', 'h')}"
        assert [time_range, content, performer] in rows
