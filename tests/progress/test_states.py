"""Derived task states on fixed dates, and the counts the dashboard shows."""

from __future__ import annotations

import datetime

import pytest

from progress import selectors, services
from progress.selectors import State

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def states(plan, today=TODAY) -> dict[str, str]:
    return {item.description: item.state for item in selectors.plan_tracked(plan, today=today)}


def report(setup, task, agency, status, note="Đã triển khai.", kind="task"):
    return services.report_submit(kind=kind, task_id=task.pk, agency=agency, status=status, note=note)


def test_states_before_any_report(setup):
    assert states(setup.plan) == {
        "Rà soát văn bản quy phạm pháp luật": State.DUE_SOON,  # due 30/11, 10 days away
        "Bố trí kinh phí cải cách hành chính": State.OVERDUE,  # due 31/10
        "Tuyên truyền cải cách hành chính": State.NOT_REPORTED,  # "Thường xuyên": never overdue
        "Tổng hợp kết quả": State.NOT_REPORTED,  # due 31/12, 41 days away
        "Công bố thủ tục hành chính mới": State.NOT_REPORTED,  # conclusion item, due 15/01/2027
    }


def test_latest_report_decides_and_done_beats_the_due_date(setup):
    report(setup, setup.ongoing, setup.justice, "in_progress")
    report(setup, setup.overdue, setup.finance, "in_progress")
    report(setup, setup.item, setup.justice, "stalled", kind="conclusion")
    result = states(setup.plan)
    assert result["Tuyên truyền cải cách hành chính"] == State.ON_TRACK
    assert result["Bố trí kinh phí cải cách hành chính"] == State.OVERDUE
    assert result["Công bố thủ tục hành chính mới"] == State.ON_TRACK
    report(setup, setup.overdue, setup.finance, "done")
    assert states(setup.plan)["Bố trí kinh phí cải cách hành chính"] == State.DONE
    # Later, the undone tasks move on: 01/12 the 30/11 task is overdue, 02/01 the conclusion is due soon.
    later = states(setup.plan, today=datetime.date(2027, 1, 2))
    assert later["Rà soát văn bản quy phạm pháp luật"] == State.OVERDUE
    assert later["Công bố thủ tục hành chính mới"] == State.DUE_SOON
    assert later["Tuyên truyền cải cách hành chính"] == State.ON_TRACK


def test_due_soon_window_is_a_setting(setup, settings):
    settings.KEHOACH_PROGRESS_DUE_SOON_DAYS = 5
    assert states(setup.plan)["Rà soát văn bản quy phạm pháp luật"] == State.NOT_REPORTED
    settings.KEHOACH_PROGRESS_DUE_SOON_DAYS = 45
    assert states(setup.plan)["Tổng hợp kết quả"] == State.DUE_SOON


def test_time_frame_without_stored_due_date_is_read(setup):
    from tests.factories import TaskFactory

    task = TaskFactory(plan=setup.plan, description="Sơ kết quý", time_frame="Quý IV/2026", due_date=None)
    task.lead_agencies.set([setup.finance])
    item = next(i for i in selectors.plan_tracked(setup.plan, today=TODAY) if i.pk == task.pk)
    assert item.due == datetime.date(2026, 12, 31)
    ongoing = next(i for i in selectors.plan_tracked(setup.plan, today=TODAY) if i.pk == setup.ongoing.pk)
    assert ongoing.due is None
    assert ongoing.due_note == "Thực hiện thường xuyên hoặc định kỳ: không có hạn cụ thể."
    # A bullet with an empty time cell keeps its row's stored date, without "no time frame" beside it.
    bullet = TaskFactory(
        plan=setup.plan, description="- Gạch đầu dòng", time_frame="", due_date=datetime.date(2026, 12, 1)
    )
    bullet.lead_agencies.set([setup.finance])
    item = next(i for i in selectors.plan_tracked(setup.plan, today=TODAY) if i.pk == bullet.pk)
    assert (item.due, item.due_note) == (datetime.date(2026, 12, 1), "")


def test_summary_counts_by_state_and_by_lead_agency(setup):
    report(setup, setup.ongoing, setup.justice, "done")
    summary = selectors.summarise(selectors.plan_tracked(setup.plan, today=TODAY))
    assert summary.total == 5
    assert dict(summary.counts) == {
        State.DUE_SOON: 1,
        State.OVERDUE: 1,
        State.DONE: 1,
        State.NOT_REPORTED: 2,
    }
    rows = {(row.agency.name if row.agency else None): row.cells() for row in summary.by_agency}
    # Columns: done, on track, due soon, overdue, not reported.
    assert rows == {
        "Sở Tài chính": [0, 0, 0, 1, 0],
        "Sở Tư pháp": [1, 0, 1, 0, 1],
        None: [0, 0, 0, 0, 1],
    }


def test_heading_rows_are_not_tracked_but_bullets_under_them_are(setup):
    from tests.factories import TaskFactory

    heading = TaskFactory(plan=setup.plan, description="Nhóm nhiệm vụ thể chế", time_frame="")
    child = TaskFactory(
        plan=setup.plan, parent=heading, description="Ban hành quy chế", time_frame="Quý IV/2026"
    )
    child.lead_agencies.set([setup.justice])
    tracked = {item.description for item in selectors.plan_tracked(setup.plan, today=TODAY)}
    assert "Ban hành quy chế" in tracked
    assert "Nhóm nhiệm vụ thể chế" not in tracked
