"""Plans in the review-and-issue workflow (``documents.workflow``).

A plan is one document of the workflow whether it prints alone (KH) or
after the decision that issues it (QĐ + KH, one file): the plan carries the
state; on issue, a plan with a decision gives the decision the number of
its register ("908/QĐ-UBND") and the plan the date, a plan alone takes the
number itself ("4417/KH-UBND").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents import blocks, formatting, workflow
from documents.models import DocumentStatus

from . import selectors
from .documents import agency_code, plan_printable, plan_queryset
from .models import Appendix, Assignment, Decision, DecisionArticle, Objective, Plan, Section, Task
from .permissions import ROLE_GROUPS, Role, can

KEY = "plan"

PERMISSIONS = {
    "view": "plan.view",
    "submit": "plan.edit",
    "review": "plan.review",
    "issue": "plan.issue",
}

KIND_LABELS = {
    "section": _("Mục"),
    "objective": _("Mục đích, yêu cầu"),
    "task": _("Nhiệm vụ"),
    "assignment": _("Phân công"),
    "appendix": _("Phụ lục"),
    "article": _("Điều"),
}


# ---- pieces every document type of the workflow shares (awards, delegates,
# progress register theirs with these too)


def permission_checker(permissions: dict[str, str]) -> Callable[[Any, str], bool]:
    """The workflow's ``can(user, "view"|"submit"|"review"|"issue")`` from a
    map of those steps to actions of ``plans.permissions.ACTIONS``."""

    def check(user, permission: str) -> bool:
        action = permissions.get(permission)
        return bool(action) and can(user, action)

    return check


def snapshot_text(value) -> str:
    """A field as a review snapshot compares it: trimmed, lines right-stripped."""
    return "\n".join(line.rstrip() for line in str(value or "").strip().splitlines())


def agency_register(agency) -> tuple[str, str]:
    """The issuing body's outgoing register: its key and its name."""
    return f"agency-{agency.pk}", str(_("Sổ văn bản đi – %(agency)s") % {"agency": agency.name})


def agency_symbol(document, number: int) -> str:
    """``908/QĐ-UBND``: the number, the document's type and its issuer's code."""
    return formatting.symbol(number, document.doc_type, agency_code(document, document.issuing_agency))


def record_number(document, number: int, date: datetime.date) -> None:
    """Issue: the register's number and the date go on the document's row."""
    document.number = number
    document.issued_on = date
    document.save(update_fields=["number", "issued_on", "updated_at"])


_can = permission_checker(PERMISSIONS)
_text = snapshot_text


def _block_label(key: str) -> str:
    block = blocks.get(key) if key else None
    return str(block.label) if block is not None else key


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The plan's printed content as JSON, part by part (see documents.workflow)."""
    plan = selectors.plan_detail(plan.pk)
    fields = {
        str(_("Trích yếu")): _text(plan.title),
        str(_("Cơ quan ban hành")): plan.issuing_agency.name,
        str(_("Đoạn mở đầu")): _text(plan.opening),
        str(_("Đoạn kết")): _text(plan.closing),
        str(_("Người ký")): _text(f"{plan.signer_title}\n{plan.signer_name}"),
        str(_("Nơi nhận")): _text(plan.recipients),
    }
    parts: dict[str, list[dict]] = {kind: [] for kind in KIND_LABELS}
    if plan.decision is not None:
        decision = plan.decision
        fields[str(_("Quyết định: trích yếu"))] = _text(decision.title)
        fields[str(_("Quyết định: căn cứ"))] = _text(decision.legal_bases)
        fields[str(_("Quyết định: đề nghị"))] = _text(decision.proposal)
        for index, article in enumerate(decision.articles.all(), start=1):
            parts["article"].append(
                {
                    "id": article.pk,
                    "label": _("Điều %(number)s") % {"number": index},
                    "fields": {str(_("Nội dung")): _text(article.body)},
                }
            )
    for node in selectors.section_outline(plan):
        section = node.obj
        label = (
            " ".join(part for part in (node.number, section.heading.strip()) if part)
            or _text(section.body)[:60]
        )
        parts["section"].append(
            {
                "id": section.pk,
                "label": label,
                "fields": {
                    str(_("Tiêu đề")): _text(section.heading),
                    str(_("Nội dung")): _text(section.body),
                    str(_("Phần cấu trúc")): _block_label(section.block),
                    str(_("Nội dung sau")): _text(section.body_after),
                },
            }
        )
    for index, objective in enumerate(plan.objectives.all(), start=1):
        parts["objective"].append(
            {
                "id": objective.pk,
                "label": f"{objective.get_kind_display()} {index}",
                "fields": {str(_("Nội dung")): _text(objective.text)},
            }
        )
    for node in selectors.task_rows(plan):
        task = node.obj
        description = " ".join(task.description.split())
        parts["task"].append(
            {
                "id": task.pk,
                "label": f"{node.number or '–'} {description[:60]}{'…' if len(description) > 60 else ''}",
                "fields": {
                    str(_("Nhiệm vụ")): _text(task.description),
                    str(_("Thời gian thực hiện")): _text(task.time_frame),
                    str(_("Đơn vị chủ trì")): _text(task.lead),
                    str(_("Đơn vị phối hợp")): _text(task.cooperating),
                },
            }
        )
    for assignment in plan.assignments.all():
        parts["assignment"].append(
            {
                "id": assignment.pk,
                "label": " ".join(assignment.agency_text.split())[:80],
                "fields": {
                    str(_("Cơ quan, đơn vị")): _text(assignment.agency_text),
                    str(_("Nhiệm vụ")): _text(assignment.duties),
                },
            }
        )
    appendices = list(plan.appendices.all())
    for index, appendix in enumerate(appendices, start=1):
        parts["appendix"].append(
            {
                "id": appendix.pk,
                "label": formatting.appendix_label(index, len(appendices)),
                "fields": {
                    str(_("Tên phụ lục")): _text(appendix.title),
                    str(_("Nội dung")): _text(appendix.body),
                    str(_("Phần cấu trúc")): _block_label(appendix.block),
                },
            }
        )
    return {"title": plan.title, "fields": fields, "parts": parts}


def _issuer(plan: Plan):
    """The document that takes the number: the decision when there is one."""
    return plan.decision if plan.decision_id else plan


def plan_register(plan: Plan) -> tuple[str, str]:
    return agency_register(_issuer(plan).issuing_agency)


def plan_symbol(plan: Plan, number: int) -> str:
    return agency_symbol(_issuer(plan), number)


def plan_apply_issue(plan: Plan, number: int, date: datetime.date) -> None:
    if plan.decision_id:
        decision = Decision.objects.get(pk=plan.decision_id)
        decision.number = number
        decision.issued_on = date
        decision.status = DocumentStatus.ISSUED
        decision.save(update_fields=["number", "issued_on", "status", "updated_at"])
        plan.number = None
    else:
        plan.number = number
    plan.issued_on = date
    plan.save(update_fields=["number", "issued_on", "updated_at"])


def _emails_of_role(role: Role) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=ROLE_GROUPS[role], email__gt="")
        .order_by("pk")
    )
    return list(users.values_list("email", flat=True).distinct())


def plan_issue_emails(plan: Plan) -> list[str]:
    """Agencies of the directory named in the Nơi nhận that have an e-mail (best effort)."""
    from .services import agencies_matching

    text = plan.recipients
    if plan.decision_id:
        text = f"{text}\n{plan.decision.recipients}"
    return [agency.email for agency in agencies_matching(text) if getattr(agency, "email", "")]


def plan_history(plan: Plan) -> list[tuple[str, Any]]:
    found = [
        (str(_("Kế hoạch")), Plan.history.filter(id=plan.pk)),
        (str(_("Mục")), Section.history.filter(plan_id=plan.pk)),
        (str(_("Mục đích, yêu cầu")), Objective.history.filter(plan_id=plan.pk)),
        (str(_("Nhiệm vụ")), Task.history.filter(plan_id=plan.pk)),
        (str(_("Phân công")), Assignment.history.filter(plan_id=plan.pk)),
        (str(_("Phụ lục")), Appendix.history.filter(plan_id=plan.pk)),
    ]
    decision_ids = set(
        Plan.history.filter(id=plan.pk, decision_id__isnull=False).values_list("decision_id", flat=True)
    )
    if decision_ids:
        found += [
            (str(_("Quyết định")), Decision.history.filter(id__in=decision_ids)),
            (str(_("Điều")), DecisionArticle.history.filter(decision_id__in=decision_ids)),
        ]
    return found


def _plan_of_decision(decision_id: int | None) -> int | None:
    if decision_id is None:
        return None
    return Plan.objects.filter(decision_id=decision_id).values_list("pk", flat=True).first()


PLAN_WORKFLOW = workflow.WorkflowType(
    key=KEY,
    label=_("Kế hoạch"),
    model=Plan,
    can=_can,
    printable=lambda plan: plan_printable(plan_queryset().get(pk=plan.pk)),
    snapshot=plan_snapshot,
    register=plan_register,
    symbol=plan_symbol,
    apply_issue=plan_apply_issue,
    author=lambda plan: plan.created_by,
    url=lambda plan: plan.get_absolute_url(),
    pdf_url=lambda plan: reverse("plans:pdf", args=[plan.pk]),
    reviewer_emails=lambda plan: _emails_of_role(Role.LEADER),
    issue_emails=plan_issue_emails,
    title=lambda plan: plan.title,
    history=plan_history,
    replaces=lambda plan: plan.replaces,
    queryset=lambda: plan_queryset().select_related("created_by"),
)


def register_workflow() -> None:
    workflow.register(PLAN_WORKFLOW)
    workflow.register_kind_labels(KIND_LABELS)
    for model in (Section, Objective, Task, Assignment, Appendix):
        workflow.register_part(model, owner=lambda row: (KEY, row.plan_id))
    workflow.register_part(Decision, owner=lambda decision: (KEY, _plan_of_decision(decision.pk)))
    workflow.register_part(
        DecisionArticle, owner=lambda article: (KEY, _plan_of_decision(article.decision_id))
    )
