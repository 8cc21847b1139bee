"""The plan's own document blocks (objectives, tasks, assignments).

Each ``build`` reads the plan's prefetched rows (``plans.documents`` loads
them once), so printing a block costs no query per row.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from documents import markup
from documents.blocks import Block, register

from .models import AssignmentLayout, Objective, ObjectivesStyle, Plan


def _lead_bullet(text: str) -> str:
    """Each line of an objective printed as a "- " bullet."""
    lines = [line for line in markup.clean_text(text).split("\n") if line.strip()]
    return "\n".join(
        line if line.lstrip().startswith(("- ", "+ ")) else f"- {line.strip()}" for line in lines
    )


def build_objectives(plan: Plan) -> dict[str, Any]:
    objectives = sorted(
        plan.objectives.all(), key=lambda o: (o.kind != Objective.Kind.PURPOSE, o.position, o.id)
    )
    style = plan.objectives_style
    groups: list[dict[str, Any]] = []
    paragraphs = []
    if style == ObjectivesStyle.GROUPED:
        index = 0
        for kind, label in ((Objective.Kind.PURPOSE, "Mục đích"), (Objective.Kind.REQUIREMENT, "Yêu cầu")):
            texts = [o.text for o in objectives if o.kind == kind]
            if not texts:
                continue
            index += 1
            groups.append(
                {
                    "heading": f"{index}. {label}",
                    "html": mark_safe("\n".join(markup.to_html(text) for text in texts)),  # noqa: S308
                }
            )
    elif style == ObjectivesStyle.NUMBERED:
        paragraphs = [markup.to_html(o.text, lead=f"{i}. ") for i, o in enumerate(objectives, start=1)]
    else:
        paragraphs = [markup.to_html(_lead_bullet(o.text)) for o in objectives]
    return {"style": style, "groups": groups, "paragraphs": paragraphs}


def task_rows(plan: Plan) -> list[dict[str, Any]]:
    """The task table in print order: parents before their children,
    numbered 1, 1.1, 1.2 …; unnumbered rows keep an empty STT."""
    children: dict[int | None, list] = defaultdict(list)
    for task in plan.tasks.all():
        children[task.parent_id].append(task)
    for siblings in children.values():
        siblings.sort(key=lambda t: (t.position, t.id))

    rows: list[dict[str, Any]] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        index = 0
        for task in children.get(parent_id, []):
            number = ""
            if task.numbered:
                index += 1
                number = f"{prefix}{index}"
            has_children = bool(children.get(task.id))
            rows.append(
                {
                    "id": task.id,
                    "number": number,
                    "depth": depth,
                    "is_parent": has_children and depth == 0,
                    "description_html": markup.to_html(task.description),
                    "time_frame": " ".join(markup.clean_text(task.time_frame).split()),
                    "lead_html": markup.to_html(task.lead),
                    "cooperating_html": markup.to_html(task.cooperating),
                }
            )
            walk(task.id, f"{number}." if number else prefix, depth + 1)

    walk(None, "", 0)
    return rows


def build_tasks(plan: Plan) -> dict[str, Any]:
    return {"rows": task_rows(plan)}


def build_assignments(plan: Plan) -> dict[str, Any]:
    items = []
    for index, assignment in enumerate(
        sorted(plan.assignments.all(), key=lambda a: (a.position, a.id)), start=1
    ):
        agency = " ".join(markup.clean_text(assignment.agency_text).split())
        if assignment.layout == AssignmentLayout.HEADING:
            items.append(
                {
                    "heading_html": mark_safe(f"{index}. {markup.inline_html(agency)}"),  # noqa: S308
                    "html": markup.to_html(assignment.duties),
                }
            )
            continue
        separator = ": " if assignment.layout == AssignmentLayout.COLON else " "
        lead = mark_safe(f"{index}. {markup.inline_html(agency)}{escape(separator)}")  # noqa: S308
        items.append({"heading_html": "", "html": markup.to_html(assignment.duties, lead=lead)})
    return {"items": items}


OBJECTIVES = register(
    Block(
        key="plan.objectives",
        label=_("Mục đích, yêu cầu"),
        template="documents/blocks/objectives.html",
        build=build_objectives,
    )
)
TASKS = register(
    Block(
        key="plan.tasks",
        label=_("Bảng nhiệm vụ (tiến độ cụ thể)"),
        template="documents/blocks/tasks.html",
        build=build_tasks,
        appendix=True,
    )
)
ASSIGNMENTS = register(
    Block(
        key="plan.assignments",
        label=_("Phân công tổ chức thực hiện"),
        template="documents/blocks/assignments.html",
        build=build_assignments,
    )
)
