"""Journey 4: the clerk issues an approved plan: the next number of the register,
today's date, the issued PDF with both, and a plan that can no longer change."""

from __future__ import annotations

import hashlib
import re

import pytest
from playwright.sync_api import expect

from documents import workflow
from tests.e2e import data
from tests.e2e.conftest import pdf_table_rows, pdf_text, pdf_viewer, read_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def printed_date(day) -> str:
    """ND30: day and month below 10 are written with a zero only for day,
    and for months 1 and 2 ("ngày 05 tháng 02 năm 2020", "tháng 3")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def test_clerk_issues_approved_plan_with_number_and_date(journey):
    agencies = data.directory()
    people = data.people(agencies)
    plan = data.draft_plan(staff=people["staff"], agencies=agencies)
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    workflow.transition(document=plan, user=people["leader"], action="approve")
    today = workflow.local_today()
    page = journey.page

    # The clerk's home lists the approved plan; she gives it its number.
    journey.login("vanthu")
    waiting = page.locator(".card").filter(has=page.get_by_text("Văn bản chờ ban hành", exact=True))
    expect(waiting).to_contain_text(data.PLAN_TITLE)
    expect(waiting).to_contain_text("Đã duyệt")
    journey.shot("clerk-home")
    waiting.get_by_role("link", name="Cấp số, ban hành").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.PLAN_TITLE)
    register_choice = page.get_by_role("radio", name=re.compile(r"sổ"))
    expect(register_choice.first).to_be_checked()
    expect(page.get_by_role("group", name="Cách cấp số")).to_contain_text(today.strftime("%d/%m/%Y"))
    expect(pdf_viewer(page).get_by_text(data.PLAN_TITLE)).to_be_visible()
    journey.shot("issue-form")
    page.get_by_role("button", name="Ban hành").click()

    # The register entry: number 01 of the year, today's date.
    issued = page.get_by_role("region", name="Đã vào sổ văn bản")
    expect(issued).to_be_visible()
    expect(page.get_by_text("Đã ban hành", exact=True).first).to_be_visible()
    symbol = issued.locator("dt", has_text="Số, ký hiệu").locator("xpath=following-sibling::dd[1]")
    expect(symbol).to_have_text("01/KH-UBND")
    issued_on = issued.locator("dt", has_text="Ngày ban hành").locator("xpath=following-sibling::dd[1]")
    expect(issued_on).to_have_text(today.strftime("%d/%m/%Y"))
    expect(pdf_viewer(page).get_by_text(data.PLAN_TITLE)).to_be_visible()
    journey.shot("issued")

    # The issued file carries the number and the date, without the draft mark.
    pdf = journey.download(lambda: issued.get_by_role("link", name="Tệp ban hành").click(), "issued.pdf")
    doc = read_pdf(pdf)
    text = pdf_text(doc)
    assert "Số: 01/KH-UBND" in text
    assert f"Khánh Hòa, {printed_date(today)}" in text
    assert data.PLAN_TITLE in text
    assert set(doc.watermarks) == {""}
    rows = pdf_table_rows(doc)
    for number, (description, time_frame, lead) in enumerate(data.PLAN_TASKS, start=1):
        assert [str(number), description, time_frame, lead, ""] in rows
    sha256 = issued.locator("dt", has_text="SHA-256").locator("xpath=following-sibling::dd[1]")
    expect(sha256).to_have_text(hashlib.sha256(pdf.read_bytes()).hexdigest())

    # The plan is frozen: read-only notice, no edit controls, the same bytes to download.
    page.get_by_role("link", name="Trang soạn thảo").click()
    expect(page.get_by_text("Kế hoạch đã ban hành nên chỉ xem được.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"Số 01/KH-UBND, ngày {today.strftime('%d/%m/%Y')}.")
    main = page.get_by_role("main")
    for name in ("Thêm mục", "Thêm nhiệm vụ", "Thêm phụ lục", "Sửa thông tin chung", "Trình duyệt"):
        expect(main.get_by_role("button", name=name)).to_have_count(0)
    expect(page.locator("#task-list").get_by_role("button", name="Sửa")).to_have_count(0)
    expect(page.locator("#section-list").get_by_role("button", name="Xóa")).to_have_count(0)
    journey.shot("plan-frozen", full_page=True)
    again = journey.download(
        lambda: page.get_by_role("link", name="Tải PDF").click(), "download-after-issue.pdf"
    )
    assert again.read_bytes() == pdf.read_bytes()

    # The register of outgoing documents lists it.
    page.get_by_role("link", name="Trang chủ", exact=True).first.click()
    page.get_by_role("link", name="Sổ văn bản đi").click()
    row = page.get_by_role("row").filter(has_text="01/KH-UBND")
    expect(row).to_contain_text(data.PLAN_TITLE)
    journey.shot("register")
