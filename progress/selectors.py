"""Reads of the progress app: the tracked tasks of a plan or of an agency,
with their current report and derived state, in a constant number of queries.

A *tracked task* is a row of a plan's task table or a conclusion item of one
of the plan's events; both are reported, counted and reminded the same way.

Derived state on a given day (``state_of``):
- ``done``: the latest report says done;
- ``overdue``: the due date has passed and it is not done;
- ``due_soon``: not done, due within ``KEHOACH_PROGRESS_DUE_SOON_DAYS``;
- ``on_track``: reported, not done, not yet close to its due date;
- ``not_reported``: no report yet, not yet close to its due date.
A task whose time frame implies no date ("Thường xuyên", "Theo hướng dẫn
của Trung ương") is never due soon nor overdue: it is done, on track or not
reported, and the page says it has no fixed deadline.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from documents import formatting
from documents.models import DocumentStatus
from plans.models import Agency, Plan, Task
from plans.timeframes import describe

from .models import Conclusion, ConclusionTask, ReportStatus, TaskReport


class State:
    DONE = "done"
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_REPORTED = "not_reported"


STATES = [State.DONE, State.ON_TRACK, State.DUE_SOON, State.OVERDUE, State.NOT_REPORTED]
STATE_LABELS = {
    State.DONE: _("Đã hoàn thành"),
    State.ON_TRACK: _("Đúng tiến độ"),
    State.DUE_SOON: _("Sắp đến hạn"),
    State.OVERDUE: _("Quá hạn"),
    State.NOT_REPORTED: _("Chưa báo cáo"),
}
# Bootstrap colour names and the chart's fill colours (same order as STATES).
STATE_STYLES = {
    State.DONE: ("success", "#198754"),
    State.ON_TRACK: ("info", "#0dcaf0"),
    State.DUE_SOON: ("warning", "#e0a800"),
    State.OVERDUE: ("danger", "#dc3545"),
    State.NOT_REPORTED: ("secondary", "#8c959d"),
}

PLAN_KIND = "task"
CONCLUSION_KIND = "conclusion"


def due_soon_days() -> int:
    return settings.KEHOACH_PROGRESS_DUE_SOON_DAYS


def state_of(*, due: datetime.date | None, latest: TaskReport | None, today: datetime.date) -> str:
    if latest is not None and latest.status == ReportStatus.DONE:
        return State.DONE
    if due is not None:
        if today > due:
            return State.OVERDUE
        if (due - today).days <= due_soon_days():
            return State.DUE_SOON
    return State.ON_TRACK if latest is not None else State.NOT_REPORTED


@dataclass
class Tracked:
    """One task as the progress pages show it."""

    kind: str  # PLAN_KIND or CONCLUSION_KIND
    obj: Any  # plans.Task or ConclusionTask
    plan: Plan
    number: str
    group: str  # "" for the plan's own table, else the conclusion's name
    description: str
    time_frame: str
    due: datetime.date | None
    due_note: str
    leads: list[Agency]
    cooperators: list[Agency]
    latest: TaskReport | None
    state: str = State.NOT_REPORTED
    extra: dict = field(default_factory=dict)

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.pk}"

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def state_style(self) -> str:
        return STATE_STYLES[self.state][0]

    @property
    def lead_names(self) -> str:
        return ", ".join(agency.name for agency in self.leads)

    @property
    def lead_text(self) -> str:
        """The lead cell as printed: the plan's own words ("UBND các huyện, thị xã,
        thành phố"), else the agencies' short names."""
        printed = " ".join((getattr(self.obj, "lead", "") or "").split())
        return printed or ", ".join(formatting.short_agency_name(agency.name) for agency in self.leads)

    @property
    def has_due(self) -> bool:
        return self.due is not None


def _latest_report_ids(
    rows: QuerySet, field_name: str, cutoff: datetime.datetime | None, agency: Agency | None = None
):
    reports = TaskReport.objects.filter(**{field_name: OuterRef("pk")})
    if agency is not None:
        reports = reports.filter(agency=agency)
    if cutoff is not None:
        reports = reports.filter(created_at__lte=cutoff)
    return rows.annotate(latest_report_id=Subquery(reports.order_by("-created_at", "-id").values("id")[:1]))


def _reports_by_id(ids) -> dict[int, TaskReport]:
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return {}
    return {report.pk: report for report in TaskReport.objects.filter(pk__in=ids).select_related("agency")}


def _due_of_task(task: Task, year: int | None) -> tuple[datetime.date | None, str]:
    """The due date (the stored one, else the time frame's) and a note on it."""
    frame = describe(task.time_frame, year=year)
    if task.due_date is not None:
        # A stored date (typed, or a bullet's row's date): the frame's note only if it is about this date.
        return task.due_date, frame.explanation if frame.due == task.due_date else ""
    return frame.due, frame.explanation


def plan_task_queryset() -> QuerySet:
    return Task.objects.prefetch_related("lead_agencies", "cooperating_agencies").order_by("position", "id")


def conclusion_task_queryset() -> QuerySet:
    return ConclusionTask.objects.select_related("conclusion__event").prefetch_related(
        "lead_agencies", "cooperating_agencies"
    )


def _conclusion_group(conclusion: Conclusion) -> str:
    label = _("Kết luận")
    parts = [str(label)]
    if conclusion.symbol:
        parts.append(conclusion.symbol)
    return " ".join(parts) + f" – {conclusion.event.name}"


def _build(
    plan_tasks: list[Task],
    conclusion_tasks: list[ConclusionTask],
    *,
    plans: dict[int, Plan],
    today: datetime.date,
    numbers: dict[int, str] | None = None,
) -> list[Tracked]:
    reports = _reports_by_id(
        [t.latest_report_id for t in plan_tasks] + [t.latest_report_id for t in conclusion_tasks]
    )
    tracked: list[Tracked] = []
    for task in plan_tasks:
        plan = plans[task.plan_id]
        due, note = _due_of_task(task, plan.year)
        tracked.append(
            Tracked(
                kind=PLAN_KIND,
                obj=task,
                plan=plan,
                number=(numbers or {}).get(task.pk, ""),
                group="",
                description=task.description,
                time_frame=task.time_frame,
                due=due,
                due_note=note,
                leads=list(task.lead_agencies.all()),
                cooperators=list(task.cooperating_agencies.all()),
                latest=reports.get(task.latest_report_id),
            )
        )
    for item in conclusion_tasks:
        conclusion = item.conclusion
        plan = plans[conclusion.event.plan_id]
        frame = describe(item.time_frame, year=conclusion.issued_on.year if conclusion.issued_on else None)
        due = item.due_date or frame.due
        tracked.append(
            Tracked(
                kind=CONCLUSION_KIND,
                obj=item,
                plan=plan,
                # Positions are kept 1, 2, 3 … within a conclusion (services renumber on delete).
                number=str(item.position),
                group=_conclusion_group(conclusion),
                description=item.description,
                time_frame=item.time_frame,
                due=due,
                due_note="" if due is not None and not frame.explanation else frame.explanation,
                leads=list(item.lead_agencies.all()),
                cooperators=list(item.cooperating_agencies.all()),
                latest=reports.get(item.latest_report_id),
            )
        )
    for item in tracked:
        item.state = state_of(due=item.due, latest=item.latest, today=today)
    return tracked


def _cutoff(as_of: datetime.date | None) -> datetime.datetime | None:
    if as_of is None:
        return None
    from documents.workflow import LOCAL_TZ

    return datetime.datetime.combine(as_of, datetime.time.max, tzinfo=LOCAL_TZ)


def plan_tracked(plan: Plan, *, today: datetime.date, as_of: datetime.date | None = None) -> list[Tracked]:
    """Every tracked task of ``plan``: its task table in print order, then
    each conclusion's items.
    With ``as_of``, only reports sent until the end of that day count."""
    cutoff = _cutoff(as_of)
    tasks = list(_latest_report_ids(plan_task_queryset().filter(plan=plan), "task", cutoff))
    rows = _number_rows(tasks)
    numbers = dict(rows)
    order = {pk: i for i, (pk, _number) in enumerate(rows)}
    by_pk = {task.pk: task for task in tasks}
    parents = {task.parent_id for task in tasks if task.parent_id}

    def tracked(task: Task) -> bool:
        # A row with its own lead agency is reported; a heading row without one is
        # not, nor is a bullet under a row that has one (it is part of that row).
        if task.lead_agencies.all():
            return True
        if task.pk in parents:
            return False
        parent = by_pk.get(task.parent_id)
        return parent is None or not parent.lead_agencies.all()

    leaves = sorted((task for task in tasks if tracked(task)), key=lambda task: order[task.pk])
    conclusion_tasks = list(
        _latest_report_ids(
            conclusion_task_queryset().filter(conclusion__event__plan=plan), "conclusion_task", cutoff
        ).order_by("conclusion__issued_on", "conclusion_id", "position", "id")
    )
    return _build(leaves, conclusion_tasks, plans={plan.pk: plan}, today=today, numbers=numbers)


def agency_tracked(
    agency: Agency, *, today: datetime.date, plan: Plan | None = None, cooperating: bool = False
) -> list[Tracked]:
    """The tasks ``agency`` leads (or, with ``cooperating``, cooperates on and
    does not lead) in issued plans, optionally of one plan only."""
    relation = "cooperating_agencies" if cooperating else "lead_agencies"
    plan_filter = Q(plan__status=DocumentStatus.ISSUED)
    conclusion_filter = Q(conclusion__event__plan__status=DocumentStatus.ISSUED)
    if plan is not None:
        plan_filter &= Q(plan=plan)
        conclusion_filter &= Q(conclusion__event__plan=plan)
    tasks = plan_task_queryset().filter(plan_filter, **{relation: agency})
    items = conclusion_task_queryset().filter(conclusion_filter, **{relation: agency})
    if cooperating:
        tasks = tasks.exclude(lead_agencies=agency)
        items = items.exclude(lead_agencies=agency)
    # A lead agency's page shows its own latest report (a task may have several leads, and
    # an agency never sees another's reports); a cooperating one reads the task's state.
    own = None if cooperating else agency
    tasks = list(_latest_report_ids(tasks.distinct(), "task", None, own))
    items = list(_latest_report_ids(items.distinct(), "conclusion_task", None, own))
    plan_ids = {t.plan_id for t in tasks} | {i.conclusion.event.plan_id for i in items}
    plans = Plan.objects.in_bulk(plan_ids)
    numbers = _numbers_for(plans.values(), {t.plan_id for t in tasks})
    tracked = _build(tasks, items, plans=plans, today=today, numbers=numbers)
    tracked.sort(key=lambda t: (-t.plan.year, t.plan.pk, t.kind != PLAN_KIND, t.due or datetime.date.max))
    return tracked


def _numbers_for(plans, plan_ids: set[int]) -> dict[int, str]:
    """The printed numbers (1, 1.1 …) of the tasks of these plans: one query."""
    if not plan_ids:
        return {}
    by_plan: dict[int, list[Task]] = defaultdict(list)
    for task in Task.objects.filter(plan_id__in=plan_ids).only(
        "id", "plan_id", "parent_id", "position", "numbered"
    ):
        by_plan[task.plan_id].append(task)
    numbers: dict[int, str] = {}
    for plan in plans:
        if plan.pk not in plan_ids:
            continue
        for row in _number_rows(by_plan[plan.pk]):
            numbers[row[0]] = row[1]
    return numbers


def _number_rows(tasks: list[Task]) -> list[tuple[int, str]]:
    """(task id, printed number) in print order, numbered as plans.blocks.task_rows does."""
    children: dict[int | None, list] = defaultdict(list)
    for task in tasks:
        children[task.parent_id].append(task)
    for siblings in children.values():
        siblings.sort(key=lambda t: (t.position, t.id))
    rows: list[tuple[int, str]] = []

    def walk(parent_id, prefix: str) -> None:
        index = 0
        for task in children.get(parent_id, []):
            number = ""
            if task.numbered:
                index += 1
                number = f"{prefix}{index}"
            rows.append((task.id, number))
            walk(task.id, f"{number}." if number else prefix)

    walk(None, "")
    return rows


def find_tracked(
    kind: str, pk: int, *, agency: Agency | None = None, plan: Plan | None = None, lead_only: bool = True
) -> tuple[Any, Plan] | None:
    """The task or conclusion item ``pk`` (with its plan), or None; with
    ``agency``, only one it leads in an issued plan (or cooperates on, when
    ``lead_only`` is False); with ``plan``, only one of that plan."""
    if kind == PLAN_KIND:
        rows = Task.objects.select_related("plan").filter(pk=pk)
        if plan is not None:
            rows = rows.filter(plan=plan)
        if agency is not None:
            rows = rows.filter(plan__status=DocumentStatus.ISSUED)
            rows = rows.filter(
                Q(lead_agencies=agency)
                if lead_only
                else Q(lead_agencies=agency) | Q(cooperating_agencies=agency)
            )
        obj = rows.distinct().first()
        return (obj, obj.plan) if obj is not None else None
    if kind == CONCLUSION_KIND:
        rows = ConclusionTask.objects.select_related("conclusion__event__plan").filter(pk=pk)
        if plan is not None:
            rows = rows.filter(conclusion__event__plan=plan)
        if agency is not None:
            rows = rows.filter(conclusion__event__plan__status=DocumentStatus.ISSUED)
            rows = rows.filter(
                Q(lead_agencies=agency)
                if lead_only
                else Q(lead_agencies=agency) | Q(cooperating_agencies=agency)
            )
        obj = rows.distinct().first()
        return (obj, obj.conclusion.event.plan) if obj is not None else None
    return None


def reports_of(kind: str, obj, *, agency: Agency | None = None) -> QuerySet:
    """The report history of one task, newest first; of one agency only if given."""
    rows = TaskReport.objects.select_related("agency", "reported_by")
    rows = rows.filter(task=obj) if kind == PLAN_KIND else rows.filter(conclusion_task=obj)
    if agency is not None:
        rows = rows.filter(agency=agency)
    return rows.order_by("-created_at", "-id")


@dataclass
class AgencyRow:
    agency: Agency | None
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(state, 0) for state in STATES]


@dataclass
class Summary:
    counts: Counter
    by_agency: list[AgencyRow]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def items(self) -> list[dict]:
        return [
            {
                "state": state,
                "label": str(STATE_LABELS[state]),
                "style": STATE_STYLES[state][0],
                "colour": STATE_STYLES[state][1],
                "count": self.counts.get(state, 0),
            }
            for state in STATES
        ]


def summarise(tracked: list[Tracked]) -> Summary:
    """Counts by state, and by lead agency (a task with two leads counts for
    each; a task with none under "no lead agency")."""
    counts = Counter(item.state for item in tracked)
    rows: dict[int | None, AgencyRow] = {}
    for item in tracked:
        for agency in item.leads or [None]:
            key = agency.pk if agency is not None else None
            row = rows.setdefault(key, AgencyRow(agency=agency, counts=Counter()))
            row.counts[item.state] += 1
    ordered = sorted(
        rows.values(), key=lambda row: (row.agency is None, row.agency.name if row.agency else "")
    )
    return Summary(counts=counts, by_agency=ordered)
