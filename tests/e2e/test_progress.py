"""Journey 5: an agency reports progress on a task it leads in an issued plan, with
a file; the staff member follows it on the plan's progress dashboard."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from documents import workflow
from tests.e2e import data

pytestmark = pytest.mark.django_db(transaction=True)

OWN_TASK, OWN_FRAME, _LEAD = data.PLAN_TASKS[0]  # led by the Sở Tư pháp, the agency of "daidien"
OTHER_TASK = data.PLAN_TASKS[1][0]  # led by the Sở Tài chính
NOTE = "Đã xây dựng dự thảo báo cáo, đang lấy ý kiến các phòng chuyên môn."


def minutes_pdf() -> bytes:
    """A one-page PDF, as the agency would attach its own minutes."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_agency_reports_task_progress_and_staff_follows_it(journey):
    agencies = data.directory()
    people = data.people(agencies)
    plan = data.draft_plan(staff=people["staff"], agencies=agencies)
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    plan = workflow.transition(document=plan, user=people["leader"], action="approve")
    workflow.issue(document=plan, user=people["clerk"])
    agency = journey.page

    # The agency's account sees only the tasks its agency leads.
    journey.login("daidien")
    agency.get_by_role("navigation", name="Thanh điều hướng").get_by_role(
        "link", name="Nhiệm vụ của đơn vị"
    ).click()
    expect(agency.get_by_role("heading", level=1)).to_have_text("Nhiệm vụ của đơn vị")
    expect(agency.get_by_role("main")).to_contain_text("Sở Tư pháp")
    lead = agency.get_by_role("region", name="Nhiệm vụ đơn vị chủ trì")
    expect(lead.get_by_role("row")).to_have_count(2)  # the header and its one task
    row = lead.get_by_role("row").filter(has_text=OWN_TASK)
    expect(row).to_contain_text(OWN_FRAME)
    expect(row).to_contain_text("Chưa báo cáo")
    expect(agency.get_by_role("main")).not_to_contain_text(OTHER_TASK)
    journey.shot("agency-tasks")

    # The report form refuses a percentage over 100, next to the field.
    row.get_by_role("link", name="Báo cáo").click()
    form = agency.get_by_role("region", name="Báo cáo tiến độ")
    form.get_by_role("radio", name="Đang thực hiện").check()
    form.get_by_label("Tỷ lệ hoàn thành (%)").fill("160")
    form.get_by_label("Kết quả, tiến độ thực hiện").fill(NOTE)
    form.get_by_role("button", name="Gửi báo cáo").click()
    percent = form.get_by_label("Tỷ lệ hoàn thành (%)")
    expect(percent).to_have_attribute("aria-invalid", "true")
    expect(percent).to_have_accessible_description(re.compile(r"Tỷ lệ phải từ 0 đến 100\."))
    expect(form.get_by_label("Kết quả, tiến độ thực hiện")).to_have_value(NOTE)
    journey.shot("agency-report-error")

    # Corrected, with the minutes attached, and sent.
    percent.fill("60")
    form.get_by_label("Tệp kèm theo").set_input_files(
        files=[{"name": "bien-ban-hop.pdf", "mimeType": "application/pdf", "buffer": minutes_pdf()}]
    )
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(agency.get_by_role("alert").first).to_contain_text("Đã gửi báo cáo tiến độ. Cảm ơn đơn vị.")
    history = agency.get_by_role("region", name="Các lần đơn vị đã báo cáo")
    expect(history.get_by_role("listitem")).to_have_count(1)
    expect(history).to_contain_text("Đang thực hiện · 60%")
    expect(history).to_contain_text(NOTE)
    expect(history.get_by_role("link", name="bien-ban-hop.pdf")).to_be_visible()
    journey.shot("agency-report-sent")
    agency.get_by_role("link", name="Danh sách nhiệm vụ của đơn vị").click()
    row = (
        agency.get_by_role("region", name="Nhiệm vụ đơn vị chủ trì")
        .get_by_role("row")
        .filter(has_text=OWN_TASK)
    )
    expect(row).to_contain_text("Đang thực hiện · 60%")

    # Staff follow it on the plan's progress dashboard and open the attached file.
    staff = journey.person("chuyenvien")
    staff.get_by_role("navigation", name="Thanh điều hướng").get_by_role("link", name="Tiến độ").click()
    staff.get_by_role("link", name=data.PLAN_TITLE).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Tiến độ thực hiện kế hoạch")
    tasks = staff.get_by_role("region", name="Nhiệm vụ", exact=True)
    row = tasks.get_by_role("row").filter(has_text=OWN_TASK)
    expect(row).to_contain_text("Đúng tiến độ")
    expect(row).to_contain_text("Đang thực hiện · 60%")
    expect(row).to_contain_text("Sở Tư pháp")
    expect(tasks.get_by_role("row").filter(has_text=OTHER_TASK)).to_contain_text("—")
    by_agency = staff.get_by_role("region", name="Bảng theo cơ quan chủ trì")
    expect(by_agency.get_by_role("row").filter(has_text="Sở Tư pháp")).to_be_visible()
    journey.shot("staff-dashboard", staff, full_page=True)
    row.get_by_role("link", name=OWN_TASK).click()
    expect(staff.get_by_role("main")).to_contain_text(NOTE)
    attached = journey.download(
        lambda: staff.get_by_role("link", name="bien-ban-hop.pdf").click(), "attached.pdf", page=staff
    )
    assert attached.read_bytes() == minutes_pdf()
    journey.shot("staff-task-history", staff)
