"""Reads of plans shared by the list, the editor and its partials.

Each selector fetches what its page shows in a fixed number of queries,
whatever the number of sections and tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from plans import panels
from plans.models import Agency, Appendix, Assignment, DecisionArticle, Objective, Plan, Section, Task

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    # Vietnamese point letters: a), b), c), d), đ), e) …
    letters = "abcdđeghiklmnopqrstuvxy"
    return letters[(number - 1) % len(letters)]


def plan_list(
    *,
    user=None,
    q: str = "",
    year: int | None = None,
    agency_id: int | None = None,
    status: str = "",
) -> QuerySet[Plan]:
    """Plans the user may see, newest first. Every role that may view plans
    sees all of them; ``user`` is here so that a narrower rule has one place."""
    # The decision a plan is issued with ("kèm theo") carries its number.
    plans = Plan.objects.select_related("issuing_agency", "decision__issuing_agency").annotate(
        task_count=Count("tasks")
    )
    q = " ".join((q or "").split())
    if q:
        condition = Q(title__icontains=q)
        if q.isdigit():
            condition |= Q(number=int(q)) | Q(decision__number=int(q))
        plans = plans.filter(condition)
    if year:
        plans = plans.filter(year=year)
    if agency_id:
        plans = plans.filter(issuing_agency_id=agency_id)
    if status:
        plans = plans.filter(status=status)
    return plans.order_by("-year", "-created_at", "-pk")


def plan_years() -> list[int]:
    return list(Plan.objects.order_by("-year").values_list("year", flat=True).distinct())


def issuing_agencies() -> QuerySet[Agency]:
    """Agencies that issue plans come first in pickers; all active ones are allowed."""
    return Agency.objects.filter(is_active=True).select_related("kind")


def plan_detail(pk: int) -> Plan:
    """The plan with every part the editor shows, in a constant number of queries."""
    queryset = Plan.objects.select_related(
        "issuing_agency",
        "issuing_agency__parent",
        "decision",
        "copied_from",
        "created_by",
    ).prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("position", "id")),
        Prefetch("objectives", queryset=Objective.objects.order_by("kind", "position", "id")),
        # The editor shows the printed lead/cooperating texts, not the
        # directory agencies they were matched to: no M2M prefetch.
        Prefetch("tasks", queryset=Task.objects.order_by("position", "id")),
        Prefetch(
            "assignments", queryset=Assignment.objects.select_related("agency").order_by("position", "id")
        ),
        Prefetch("appendices", queryset=Appendix.objects.order_by("position", "id")),
        Prefetch("decision__articles", queryset=DecisionArticle.objects.order_by("position", "id")),
    )
    # The counts of higher apps' panels, in the same query (plans.panels).
    return get_object_or_404(queryset.annotate(**panels.count_annotations()), pk=pk)


@dataclass
class Node:
    """One row of an outline: the object, its depth (1 = top) and printed number."""

    obj: Any
    depth: int
    number: str
    first: bool
    last: bool
    children: list[Node] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def indent_css(self) -> int:
        return self.depth - 1


def _tree(items: list, label) -> list[Node]:
    by_parent: dict[int | None, list] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    flat: list[Node] = []

    def walk(parent_id: int | None, depth: int, prefix: str) -> None:
        siblings = by_parent.get(parent_id, [])
        counter = 0
        for index, item in enumerate(siblings):
            if item.numbered:
                counter += 1
                number = label(depth, counter, prefix)
            else:
                number = ""
            node = Node(
                obj=item, depth=depth, number=number, first=index == 0, last=index == len(siblings) - 1
            )
            flat.append(node)
            walk(item.pk, depth + 1, number if number else prefix)

    walk(None, 1, "")
    return flat


def _section_label(depth: int, counter: int, prefix: str) -> str:
    if depth == 1:
        return f"{roman(counter)}."
    if depth == 2:
        return f"{counter}."
    return f"{_letter(counter)})"


def _task_label(depth: int, counter: int, prefix: str) -> str:
    return f"{prefix}.{counter}" if prefix and depth > 1 else str(counter)


def section_outline(plan: Plan) -> list[Node]:
    """Sections in reading order with their numbers (I., 1., a)); uses the prefetch."""
    return _tree(list(plan.sections.all()), _section_label)


def task_rows(plan: Plan) -> list[Node]:
    """Tasks in reading order with their numbers (1, 1.1, 1.1.1); uses the prefetch."""
    return _tree(list(plan.tasks.all()), _task_label)


def objectives_by_kind(plan: Plan) -> list[tuple[str, str, list[Objective]]]:
    groups: dict[str, list[Objective]] = {kind: [] for kind in Objective.Kind.values}
    for objective in plan.objectives.all():
        groups.setdefault(objective.kind, []).append(objective)
    return [(kind, Objective.Kind(kind).label, groups[kind]) for kind in Objective.Kind.values]


def agency_search(q: str, *, limit: int = 15) -> list[Agency]:
    """Active agencies whose name or short name contains every word of ``q``.

    Matching is done in Python with Unicode case folding, because SQLite's
    LIKE folds only ASCII ("sở" would not find "Sở Nội vụ")."""
    words = [w.casefold() for w in (q or "").split()]
    if not words:
        return []
    found = []
    for agency in (
        Agency.objects.filter(is_active=True)
        .only("pk", "name", "short_name")
        .order_by("kind__position", "position", "name")
    ):
        haystack = f"{agency.name} {agency.short_name}".casefold()
        if all(word in haystack for word in words):
            found.append(agency)
            if len(found) >= limit:
                break
    return found
