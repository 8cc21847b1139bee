"""Journey 3: staff submits a plan; the leader reads it as printed, comments on a
task and sends it back; staff corrects and resubmits; the leader sees exactly
what changed since his last review and approves."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import data
from tests.e2e.conftest import pdf_viewer, settled

pytestmark = pytest.mark.django_db(transaction=True)

TASK, OLD_FRAME, _LEAD = data.PLAN_TASKS[1]  # "Rà soát, công bố thủ tục hành chính …", a quarter
NEW_FRAME = data.before_frame(data.ahead(180))
COMMENT = f"Đề nghị ghi rõ thời hạn: {NEW_FRAME.lower()}."
RESOLUTION = f"Đã ghi thời hạn {NEW_FRAME.lower()}."


def words(text: str) -> re.Pattern:
    """``text`` wherever the page wraps its words."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def open_review_from_home(page):
    """The leader's home lists what waits for him; the title opens the review page."""
    waiting = page.locator(".card").filter(has=page.get_by_text("Văn bản chờ duyệt"))
    expect(waiting).to_contain_text(data.PLAN_TITLE)
    waiting.get_by_role("link", name=data.PLAN_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.PLAN_TITLE)


def test_leader_reviews_comments_sees_diff_and_approves(journey):
    agencies = data.directory()
    people = data.people(agencies)
    data.draft_plan(staff=people["staff"], agencies=agencies)
    staff = journey.page

    # Staff submits the draft.
    journey.login("chuyenvien")
    staff.get_by_role("navigation", name="Thanh điều hướng").get_by_role(
        "link", name="Kế hoạch", exact=True
    ).click()
    staff.get_by_role("link", name=data.PLAN_TITLE).click()
    staff.get_by_role("button", name="Trình duyệt").click()
    expect(staff.get_by_text("Kế hoạch đang chờ lãnh đạo duyệt nên không sửa được.")).to_be_visible()
    expect(staff.locator("#task-list").get_by_role("button", name="Sửa")).to_have_count(0)
    journey.shot("staff-submitted")

    # The leader opens it from his home page and reads the printed document.
    leader = journey.person("lanhdao")
    open_review_from_home(leader)
    expect(leader.get_by_text("Chờ duyệt", exact=True).first).to_be_visible()
    frame = leader.get_by_title("Văn bản như khi in")
    expect(frame).to_be_visible()
    box = frame.bounding_box()
    assert box["width"] > 500 and box["height"] > 500
    pdf = leader.request.get(journey.url(frame.get_attribute("src")))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline")
    assert pdf.body().startswith(b"%PDF")
    # Chromium's PDF viewer shows the document (its toolbar reads the PDF's title).
    expect(pdf_viewer(leader).get_by_text(data.PLAN_TITLE)).to_be_visible()
    expect(leader.get_by_text("Đây là lần trình đầu tiên: chưa có bản trước để so sánh.")).to_be_visible()
    journey.shot("leader-reads-pdf", leader)

    # He comments on one task and sends the plan back.
    target = leader.get_by_label("Góp ý về")
    target.select_option(label=target.locator("option", has_text=TASK[:40]).inner_text())
    leader.get_by_label("Nội dung góp ý").fill(COMMENT)
    leader.get_by_role("button", name="Ghi góp ý").click()
    comments = leader.get_by_role("region", name=re.compile(r"^Góp ý"))
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text(TASK[:40])
    leader.get_by_role("button", name="Trả lại để sửa").click()
    expect(leader.get_by_text("Trả lại", exact=True).first).to_be_visible()
    journey.shot("leader-returned", leader)

    # Staff sees the comment on the task, corrects the time frame, resolves it, resubmits.
    staff.reload()
    open_comments = staff.get_by_role("region", name=re.compile(r"^Góp ý của lãnh đạo chưa xử lý"))
    expect(open_comments).to_contain_text(COMMENT)
    row = staff.locator("#task-list").get_by_role("row").filter(has_text=TASK)
    expect(row).to_contain_text(COMMENT)
    open_comments.scroll_into_view_if_needed()
    journey.shot("staff-sees-comment")
    row.get_by_role("button", name="Sửa").click()
    edit = staff.locator("#task-list form")
    settled(edit)
    edit.get_by_label("Thời gian thực hiện").fill(NEW_FRAME)
    edit.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(staff.locator("#task-list form")).to_have_count(0)
    expect(staff.locator("#task-list").get_by_role("row").filter(has_text=TASK)).to_contain_text(NEW_FRAME)
    staff.reload()
    open_comments = staff.get_by_role("region", name=re.compile(r"^Góp ý của lãnh đạo chưa xử lý"))
    open_comments.get_by_label("Cách xử lý").fill(RESOLUTION)
    open_comments.get_by_role("button", name="Đã xử lý").click()
    expect(staff.get_by_role("region", name=re.compile(r"^Góp ý của lãnh đạo chưa xử lý"))).to_have_count(0)
    staff.get_by_role("button", name="Trình duyệt").click()
    expect(staff.get_by_text("Kế hoạch đang chờ lãnh đạo duyệt nên không sửa được.")).to_be_visible()
    journey.shot("staff-resubmitted")

    # The leader sees what changed since the version he reviewed, then approves.
    leader.get_by_role("link", name="Trang chủ", exact=True).first.click()
    open_review_from_home(leader)
    changes = leader.get_by_role("region", name="Thay đổi")
    expect(changes).to_contain_text("Những gì đã thay đổi so với lần trình 1")
    change = changes.locator(".kh-diff").filter(has_text="Đã sửa")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("Thời gian")
    expect(change.locator("del")).to_have_text(words(OLD_FRAME))
    expect(change.locator("ins")).to_have_text(words(NEW_FRAME))
    resolved = leader.get_by_role("region", name=re.compile(r"^Góp ý"))
    resolved.get_by_text("1 góp ý đã xử lý").click()
    expect(resolved).to_contain_text(RESOLUTION)
    changes.scroll_into_view_if_needed()
    journey.shot("leader-sees-diff", leader)
    leader.get_by_role("button", name="Duyệt", exact=True).click()
    expect(leader.get_by_text("Đã duyệt", exact=True).first).to_be_visible()
    steps = leader.get_by_role("region", name="Các bước xử lý")
    expect(steps.get_by_role("listitem")).to_have_count(4)
    expect(steps).to_contain_text("Chờ duyệt → Đã duyệt")
    journey.shot("leader-approved", leader)
