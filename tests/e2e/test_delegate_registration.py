"""Journey 2: staff opens registration and hands a secret link to an agency, whose
focal point registers delegates without an account."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e import data
from tests.factories import EventFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)

EVENT = "Hội nghị tổng kết công tác cải cách hành chính năm 2026"


def test_agency_registers_delegates_through_its_secret_link(journey):
    agencies = data.directory()
    data.people(agencies)
    plan = PlanFactory(issuing_agency=agencies["ubnd"], year=2026, title="Tổ chức " + EVENT)
    EventFactory(
        plan=plan,
        name=EVENT,
        date_text="",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    staff = journey.page

    # Staff finds the event from the plan and opens registration for two agencies.
    journey.login("chuyenvien")
    staff.get_by_role("navigation", name="Thanh điều hướng").get_by_role(
        "link", name="Kế hoạch", exact=True
    ).click()
    staff.get_by_role("link", name=plan.title).click()
    staff.get_by_role("link", name=re.compile(r"^Hội nghị, đoàn công tác")).click()
    staff.get_by_role("link", name=EVENT).click()
    staff.get_by_role("link", name="Đăng ký đại biểu").last.click()
    staff.get_by_role("link", name="Mở đăng ký").click()
    staff.get_by_label("Mời thêm cơ quan").select_option(label=["Sở Tư pháp", "Sở Tài chính"])
    staff.get_by_label("Số người mỗi cơ quan mời thêm").fill("3")
    journey.shot("staff-opens-registration")
    staff.get_by_role("button", name="Mở đăng ký").click()
    expect(staff.get_by_role("alert")).to_contain_text("Đã mở đăng ký cho 2 cơ quan")
    dashboard_url = staff.url
    row = staff.get_by_role("row").filter(has_text="Sở Tư pháp")
    expect(row).to_contain_text("Chưa đăng ký")
    expect(row).to_contain_text("0 / 3")
    journey.shot("staff-dashboard-before")

    # A secret link for the Sở Tư pháp, shown once, handed over by staff.
    row.get_by_role("link", name="Danh sách").click()
    staff.get_by_label("Gửi liên kết qua thư điện tử cho đầu mối").uncheck()
    staff.get_by_role("button", name="Cấp liên kết riêng").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Liên kết đăng ký riêng")
    link = staff.get_by_label("Liên kết").input_value()
    assert re.fullmatch(r"http://[^/]+/dang-ky-dai-bieu/lien-ket/[\w-]{40,}/", link), link
    journey.shot("staff-link-issued")

    # The focal point opens it in a browser of its own, not logged in.
    agency = journey.person()
    agency.goto(link)
    expect(agency.get_by_role("heading", level=1)).to_have_text(EVENT)
    expect(agency.get_by_role("main")).to_contain_text("Sở Tư pháp")
    # Nobody is logged in: the header offers to log in, the link alone opens the page.
    expect(
        agency.get_by_role("navigation", name="Thanh điều hướng").get_by_role("link", name="Đăng nhập")
    ).to_be_visible()
    journey.shot("agency-opens-link", agency)

    # A mistyped phone number is refused next to the field.
    agency.get_by_label("Họ và tên").fill("Trần Thị Bích")
    agency.get_by_label("Chức vụ, chức danh").fill("Phó Giám đốc")
    agency.get_by_label("Số điện thoại").fill("12345")
    agency.get_by_role("button", name="Gửi danh sách").click()
    expect(agency.get_by_role("alert").first).to_contain_text("Danh sách có lỗi")
    phone = agency.get_by_label("Số điện thoại")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_accessible_description(re.compile(r"Số điện thoại «12345» không đúng"))
    # The message is shown right under the field, not only at the top of the page.
    error = agency.locator("#" + phone.get_attribute("aria-describedby"))
    expect(error).to_be_visible()
    field_box, error_box = phone.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40
    assert abs(error_box["x"] - field_box["x"]) < 40
    expect(agency.get_by_label("Họ và tên")).to_have_value("Trần Thị Bích")
    phone.scroll_into_view_if_needed()
    journey.shot("agency-phone-error", agency)

    # Corrected, one more person, the focal point's contact, and the list is sent.
    phone.fill("0905 123 456")
    agency.get_by_role("button", name="Thêm người").click()
    expect(agency.get_by_label("Họ và tên")).to_have_count(2)
    agency.get_by_label("Họ và tên").nth(1).fill("Lê Văn Cường")
    agency.get_by_label("Chức vụ, chức danh").nth(1).fill("Chánh Văn phòng")
    agency.get_by_label("Số điện thoại").nth(1).fill("0258 3822 222")
    agency.get_by_label("Người đầu mối", exact=True).fill("Nguyễn Thị Hạnh")
    agency.get_by_label("Điện thoại đầu mối").fill("0914 000 111")
    journey.shot("agency-list-filled", agency, full_page=True)
    agency.get_by_role("button", name="Gửi danh sách").click()
    expect(agency.get_by_role("alert").first).to_contain_text(
        "Đã gửi danh sách 2 người đến Sở Nội vụ. Cảm ơn!"
    )
    expect(agency.get_by_role("main")).to_contain_text("Sở Tư pháp Đã gửi")
    names = agency.get_by_label("Họ và tên")
    expect(names).to_have_count(2)
    expect(names.nth(0)).to_have_value("Trần Thị Bích")
    expect(names.nth(1)).to_have_value("Lê Văn Cường")
    journey.shot("agency-confirmation", agency)

    # Staff sees the registration on the dashboard.
    staff.goto(dashboard_url)
    row = staff.get_by_role("row").filter(has_text="Sở Tư pháp")
    expect(row).to_contain_text("Đã gửi")
    expect(row).to_contain_text("2 / 3")
    expect(staff.get_by_text(re.compile(r"^Đã gửi\s*2\s*người$"))).to_be_visible()
    journey.shot("staff-dashboard-after")
    row.get_by_role("link", name="Danh sách").click()
    expect(staff.get_by_label("Họ và tên").first).to_have_value("Trần Thị Bích")
    expect(staff.get_by_role("main")).to_contain_text("liên kết riêng")
