"""What changed since the version the leader last reviewed."""

import pytest
from django.urls import reverse

from documents import workflow
from plans import services
from tests.factories import EventFactory, ProgrammeSlotFactory


@pytest.fixture
def reviewed(people, plan):
    """The plan with a programme, submitted once and sent back by the leader."""
    event = EventFactory(plan=plan, name="Hội nghị tổng kết")
    ProgrammeSlotFactory(event=event, position=0, content="Đón tiếp đại biểu", performers="Ban Tổ chức")
    ProgrammeSlotFactory(event=event, position=1, content="Nghỉ giải lao", performers="")
    ProgrammeSlotFactory(event=event, position=2, content="Phát biểu bế mạc", performers="Lãnh đạo UBND tỉnh")
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    task = plan.tasks.get(position=1)
    workflow.comment_add(document=plan, user=people["leader"], body="Ghi rõ tháng.", target=f"task:{task.pk}")
    plan = workflow.transition(document=plan, user=people["leader"], action="return")
    return plan, event


def _fix_and_resubmit(plan, event, people):
    services.task_update(task=plan.tasks.get(position=1), data={"time_frame": "Tháng 5/2024"})
    services.task_create(
        plan=plan, data={"description": "Báo cáo kết quả Hội nghị", "time_frame": "Tháng 7/2024"}
    )
    event.programme_slots.get(position=1).delete()
    return workflow.transition(document=plan, user=people["staff"], action="submit")


def test_the_diff_shows_an_added_task_a_changed_time_frame_and_a_removed_slot(people, reviewed):
    plan, event = reviewed
    plan = _fix_and_resubmit(plan, event, people)
    base = workflow.last_reviewed_snapshot(plan, people["leader"])
    assert base.version == 1
    current = workflow.snapshots(plan)[-1]
    changes = [
        (c.kind, c.label, c.change, [(f.field, f.old, f.new) for f in c.fields])
        for c in workflow.diff(base.data, current.data)
    ]
    assert changes == [
        ("task", "2 Tổ chức Hội nghị", "changed", [("Thời gian thực hiện", "Quý II/2024", "Tháng 5/2024")]),
        (
            "task",
            "4 Báo cáo kết quả Hội nghị",
            "added",
            [
                ("Nhiệm vụ", "", "Báo cáo kết quả Hội nghị"),
                ("Thời gian thực hiện", "", "Tháng 7/2024"),
            ],
        ),
        ("slot", "02 – Nghỉ giải lao", "removed", [("Nội dung", "Nghỉ giải lao", "")]),
    ]


def test_the_review_page_shows_exactly_that_change(people, reviewed, login):
    plan, event = reviewed
    plan = _fix_and_resubmit(plan, event, people)
    page = login(people["leader"]).get(reverse("documents:review", args=[f"plan-{plan.pk}"])).content.decode()
    assert "so với lần trình 1" in page
    assert page.count("kh-diff-changed") == 1
    assert page.count("kh-diff-added") == 1
    assert page.count("kh-diff-removed") == 1
    assert "<del>Quý II/2024</del><ins>Tháng 5/2024</ins>" in page
    assert "4 Báo cáo kết quả Hội nghị" in page
    assert "02 – Nghỉ giải lao" in page
    # The PDF itself is framed, with the programme slots among the comment targets.
    assert f'src="/ke-hoach/{plan.pk}/pdf/?inline=1"' in page
    assert "Chương trình – 01 – Đón tiếp đại biểu" in page


def test_word_level_diff():
    assert workflow.word_diff("Trước ngày 01/6/2024", "Trước ngày 15/6/2024") == [
        ("same", "Trước ngày "),
        ("del", "01/6/2024"),
        ("ins", "15/6/2024"),
    ]


def test_first_submission_has_nothing_to_compare(people, plan, login):
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    page = login(people["leader"]).get(reverse("documents:review", args=[f"plan-{plan.pk}"])).content.decode()
    assert "Đây là lần trình đầu tiên" in page
