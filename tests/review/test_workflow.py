"""Who may move a document from which state, and what a refusal says."""

import pytest
from django.core.exceptions import ValidationError

from documents import workflow
from documents.models import DocumentStatus, TransitionLog
from plans import services
from plans.models import Plan

S = DocumentStatus


def test_staff_submits_leader_returns_staff_resubmits_leader_approves_clerk_issues(people, plan):
    staff, leader, clerk = people["staff"], people["leader"], people["clerk"]
    plan = workflow.transition(document=plan, user=staff, action="submit")
    assert plan.status == S.SUBMITTED
    plan = workflow.transition(
        document=plan, user=leader, action="return", comment="Sửa thời gian nhiệm vụ 2."
    )
    assert plan.status == S.RETURNED
    plan = workflow.transition(document=plan, user=staff, action="submit")
    plan = workflow.transition(document=plan, user=leader, action="approve")
    assert plan.status == S.APPROVED
    entry = workflow.issue(document=plan, user=clerk)
    plan.refresh_from_db()
    assert plan.status == S.ISSUED
    assert (plan.number, entry.number, entry.symbol) == (1, 1, "01/KH-UBND")
    steps = list(
        TransitionLog.objects.filter(document_type="plan", document_id=plan.pk).values_list(
            "action", "from_status", "to_status", "user__username", "comment"
        )
    )
    assert steps == [
        ("submit", "draft", "submitted", "chuyenvien", ""),
        ("return", "submitted", "returned", "lanhdao", "Sửa thời gian nhiệm vụ 2."),
        ("submit", "returned", "submitted", "chuyenvien", ""),
        ("approve", "submitted", "approved", "lanhdao", ""),
        ("issue", "approved", "issued", "vanthu", ""),
    ]


def _to(plan, status, people):
    if status in (S.SUBMITTED, S.APPROVED, S.RETURNED):
        plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    if status == S.APPROVED:
        plan = workflow.transition(document=plan, user=people["leader"], action="approve")
    if status == S.RETURNED:
        plan = workflow.transition(document=plan, user=people["leader"], action="return", comment="Sửa.")
    return plan


@pytest.mark.parametrize(
    ("role", "status", "action", "message"),
    [
        # The role may not take the step at all.
        ("leader", S.DRAFT, "submit", "Bạn không có quyền «trình duyệt» văn bản này."),
        ("clerk", S.SUBMITTED, "approve", "Bạn không có quyền «duyệt» văn bản này."),
        ("staff", S.SUBMITTED, "approve", "Bạn không có quyền «duyệt» văn bản này."),
        ("clerk", S.SUBMITTED, "return", "Bạn không có quyền «trả lại để sửa» văn bản này."),
        ("leader", S.APPROVED, "issue", "Bạn không có quyền «ban hành» văn bản này."),
        ("staff", S.APPROVED, "issue", "Bạn không có quyền «ban hành» văn bản này."),
        ("agency", S.DRAFT, "submit", "Bạn không có quyền «trình duyệt» văn bản này."),
        ("agency", S.SUBMITTED, "approve", "Bạn không có quyền «duyệt» văn bản này."),
        # The role may, but not from this state.
        ("staff", S.SUBMITTED, "submit", "Không thể «trình duyệt»: văn bản đang chờ lãnh đạo duyệt."),
        ("leader", S.DRAFT, "approve", "Không thể «duyệt»: văn bản đang là dự thảo, chưa trình duyệt."),
        (
            "leader",
            S.RETURNED,
            "approve",
            "Không thể «duyệt»: văn bản đã bị trả lại, chờ chuyên viên sửa và trình lại.",
        ),
        ("clerk", S.SUBMITTED, "issue", "Không thể «ban hành»: văn bản đang chờ lãnh đạo duyệt."),
        ("clerk", S.DRAFT, "issue", "Không thể «ban hành»: văn bản đang là dự thảo, chưa trình duyệt."),
        (
            "staff",
            S.DRAFT,
            "withdraw",
            "Không thể «rút lại để sửa»: văn bản đang là dự thảo, chưa trình duyệt.",
        ),
    ],
)
def test_refused_steps_say_why(people, plan, role, status, action, message):
    plan = _to(plan, status, people)
    with pytest.raises(ValidationError) as error:
        if action == "issue":
            workflow.issue(document=plan, user=people[role])
        else:
            workflow.transition(document=plan, user=people[role], action=action, comment="Ý kiến")
    assert error.value.messages == [message]
    assert Plan.objects.get(pk=plan.pk).status == status


@pytest.mark.parametrize(
    ("role", "status", "action", "target"),
    [
        ("staff", S.DRAFT, "submit", S.SUBMITTED),
        ("staff", S.RETURNED, "submit", S.SUBMITTED),
        ("staff", S.SUBMITTED, "withdraw", S.DRAFT),
        ("staff", S.APPROVED, "withdraw", S.DRAFT),
        ("leader", S.SUBMITTED, "approve", S.APPROVED),
        ("leader", S.SUBMITTED, "return", S.RETURNED),
        ("leader", S.APPROVED, "return", S.RETURNED),
    ],
)
def test_allowed_steps(people, plan, role, status, action, target):
    plan = _to(plan, status, people)
    plan = workflow.transition(document=plan, user=people[role], action=action, comment="Cần sửa.")
    assert Plan.objects.get(pk=plan.pk).status == target


def test_sending_back_needs_a_comment_or_open_comments(people, plan):
    plan = _to(plan, S.SUBMITTED, people)
    with pytest.raises(ValidationError) as error:
        workflow.transition(document=plan, user=people["leader"], action="return")
    assert error.value.messages == ["Hãy ghi ý kiến (nội dung cần sửa) trước khi trả lại."]
    task = plan.tasks.get(position=1)
    workflow.comment_add(document=plan, user=people["leader"], body="Ghi rõ ngày.", target=f"task:{task.pk}")
    plan = workflow.transition(document=plan, user=people["leader"], action="return")
    assert plan.status == S.RETURNED


def test_a_submitted_or_approved_plan_is_not_edited_until_withdrawn(people, plan):
    plan = _to(plan, S.SUBMITTED, people)
    with pytest.raises(ValidationError, match="đang chờ lãnh đạo duyệt"):
        services.task_create(plan=plan, data={"description": "Nhiệm vụ mới"})
    plan = workflow.transition(document=plan, user=people["leader"], action="approve")
    with pytest.raises(ValidationError, match="đã được duyệt, chờ ban hành"):
        services.plan_update(plan=plan, data={"title": "Khác"})
    plan = workflow.transition(document=plan, user=people["staff"], action="withdraw")
    services.task_create(plan=plan, data={"description": "Nhiệm vụ mới"})
    assert plan.tasks.count() == 4


def test_comments_only_by_leaders_resolved_only_by_staff(people, plan):
    plan = _to(plan, S.SUBMITTED, people)
    with pytest.raises(ValidationError, match="Chỉ lãnh đạo được góp ý"):
        workflow.comment_add(document=plan, user=people["staff"], body="?", target="document")
    with pytest.raises(ValidationError, match="không còn trong văn bản"):
        workflow.comment_add(document=plan, user=people["leader"], body="?", target="task:999999")
    section = plan.sections.get(position=1)
    comment = workflow.comment_add(
        document=plan, user=people["leader"], body="Bổ sung nội dung.", target=f"section:{section.pk}"
    )
    assert comment.target_label == "Mục – II. NỘI DUNG"
    with pytest.raises(ValidationError, match="Chỉ chuyên viên"):
        workflow.comment_resolve(comment=comment, user=people["clerk"])
    workflow.comment_resolve(comment=comment, user=people["staff"], resolution="Đã bổ sung.")
    comment.refresh_from_db()
    assert (comment.is_open, comment.resolved_by, comment.resolution) == (
        False,
        people["staff"],
        "Đã bổ sung.",
    )
