"""What the browser does on its own: an edit form opening late never takes the
caret from a field being typed in; the clerk's issue form greys out the number
and date while the register gives them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from documents import workflow
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.e2e import data
from tests.e2e.conftest import settled

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_edit_form_opening_late_leaves_the_caret_where_the_person_types(journey):
    agencies = data.directory()
    people = data.people(agencies)
    plan = data.draft_plan(staff=people["staff"], agencies=agencies)
    page = journey.page
    journey.login("chuyenvien")
    page.goto(journey.url(plan.get_absolute_url()))

    # The edit form's answer is held back, as on a slow connection.
    held = []
    page.route("**/muc/*/sua/", lambda route: held.append(route))
    sections = page.locator("#section-list")
    sections.get_by_role("listitem").filter(has_text="NỘI DUNG").get_by_role("button", name="Sửa").click()
    page.wait_for_function("() => document.querySelector('#section-list .htmx-request') !== null")
    while not held:
        page.wait_for_timeout(50)

    # Meanwhile the person starts a new section.
    new_field = page.locator("#new-section-form").get_by_role("textbox").first
    new_field.click()
    new_field.press_sequentially("PHẦN MỞ")
    held[0].continue_()
    edit = sections.locator("form")
    expect(edit).to_be_visible()
    page.wait_for_timeout(300)  # past htmx's settle, when it would move the focus
    new_field.press_sequentially(" RỘNG")
    journey.shot("caret-stays-in-the-new-section")
    expect(new_field).to_be_focused()
    expect(new_field).to_have_value("PHẦN MỞ RỘNG")
    expect(edit.locator("[autofocus]")).not_to_have_value("PHẦN MỞ RỘNG")
    page.unroute("**/muc/*/sua/")

    # Opening an edit form from its button still puts the caret in it.
    edit.get_by_role("button", name="Hủy").click()
    expect(sections.locator("form")).to_have_count(0)
    sections.get_by_role("listitem").filter(has_text="MỤC ĐÍCH").get_by_role("button", name="Sửa").click()
    settled(sections.locator("form"))


def test_the_issue_form_greys_out_number_and_date_while_the_register_numbers(journey):
    agencies = data.directory()
    people = data.people(agencies)
    plan = data.draft_plan(staff=people["staff"], agencies=agencies)
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    workflow.transition(document=plan, user=people["leader"], action="approve")
    page = journey.page
    journey.login("vanthu")
    page.goto(journey.url(reverse("documents:issue", args=[f"plan-{plan.pk}"])))

    number, day = page.get_by_label("Số", exact=True), page.get_by_label("Ngày ban hành")
    expect(page.get_by_label("Lấy số tiếp theo trong sổ", exact=False)).to_be_checked()
    expect(number).to_be_disabled()
    expect(day).to_be_disabled()
    journey.shot("register-mode")

    page.get_by_label("Ghi số, ngày do hệ thống", exact=False).check()
    expect(number).to_be_enabled()
    expect(day).to_be_enabled()
    number.fill("15")
    journey.shot("eoffice-mode")

    page.get_by_label("Lấy số tiếp theo trong sổ", exact=False).check()
    expect(number).to_be_disabled()
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("alert").filter(has_text="Đã ban hành")).to_contain_text("số 01/")
    journey.shot("issued-with-the-register-number")

    # The editor of the issued plan: the number as printed, no decision card to act on.
    page.goto(journey.url(plan.get_absolute_url()))
    expect(page.locator("#plan-title + div")).to_contain_text("· Số 01/KH-UBND")
    expect(page.get_by_role("heading", name="Quyết định ban hành kèm theo")).to_have_count(0)
    journey.shot("issued-plan-editor")


def test_the_blank_form_links_on_the_agency_page_are_in_the_house_red(journey):
    agencies = data.directory()
    data.people(agencies)
    registration = RegistrationFactory(opening=OpeningFactory(), agency=agencies["stp"])
    page = journey.page
    journey.login("daidien")
    page.goto(journey.url(reverse("delegates:agency_form", args=[registration.pk])))
    for name in ("Mẫu đăng ký (PDF)", "Mẫu đăng ký (Word)"):
        expect(page.get_by_role("link", name=name)).to_have_css("color", "rgb(139, 26, 26)")
    page.get_by_role("link", name="Mẫu đăng ký (PDF)").scroll_into_view_if_needed()
    journey.shot("agency-page-links")
