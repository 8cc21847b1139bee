"""Every write to a plan and its parts.

Views, forms, admin and commands call these functions; none of them saves
plan models directly. Each function refuses to touch an issued plan: an
issued document never changes again (a correction is a new document).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Now
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from documents import blocks
from documents.models import DocumentStatus
from plans.models import (
    Agency,
    Appendix,
    Assignment,
    Decision,
    DecisionArticle,
    Objective,
    Plan,
    Section,
    Task,
    TaskStatus,
)
from plans.timeframes import due_date as _due_date

Direction = Literal["up", "down", "indent", "outdent"]

# Deepest nesting: mục I. > khoản 1. > điểm a); tasks 1 > 1.1 > 1.1.1.
SECTION_MAX_DEPTH = 3
TASK_MAX_DEPTH = 3

PLAN_FIELDS = (
    "issuing_agency",
    "year",
    "symbol_code",
    "place",
    "title",
    "opening",
    "objectives_style",
    "closing",
    "signer_title",
    "signer_name",
    "recipients",
    "archive",
)
SECTION_FIELDS = ("heading", "numbered", "body", "block", "body_after")
OBJECTIVE_FIELDS = ("kind", "text")
TASK_FIELDS = ("description", "time_frame", "lead", "cooperating", "numbered", "status", "progress_note")
ASSIGNMENT_FIELDS = ("agency_text", "layout", "duties")
APPENDIX_FIELDS = ("title", "subtitle", "block", "body", "landscape")
DECISION_FIELDS = (
    "symbol_code",
    "place",
    "title",
    "authority_line",
    "legal_bases",
    "proposal",
    "signer_title",
    "signer_name",
    "recipients",
    "archive",
)

# (heading, block placed in it when that block is registered)
DEFAULT_OUTLINE = (
    ("MỤC ĐÍCH, YÊU CẦU", "plan.objectives"),
    ("NỘI DUNG", ""),
    ("THỜI GIAN, ĐỊA ĐIỂM", ""),
    ("KINH PHÍ", ""),
    ("TỔ CHỨC THỰC HIỆN", "plan.assignments"),
)


# --------------------------------------------------------------------------- guards


def ensure_editable(plan: Plan) -> None:
    """Only drafts and plans sent back are edited: a leader reviews, and a
    clerk issues, exactly the version that was submitted."""
    if plan.is_issued:
        raise ValidationError(
            _("Kế hoạch đã ban hành, không thể sửa đổi. Hãy sao chép thành kế hoạch mới."),
            code="issued",
        )
    if plan.status == DocumentStatus.SUBMITTED:
        raise ValidationError(
            _("Kế hoạch đang chờ lãnh đạo duyệt, không sửa được. Muốn sửa, hãy «Rút lại để sửa»."),
            code="submitted",
        )
    if plan.status == DocumentStatus.APPROVED:
        raise ValidationError(
            _("Kế hoạch đã được duyệt, chờ ban hành, không sửa được. Muốn sửa, hãy «Rút lại để sửa»."),
            code="approved",
        )


def is_editable(plan: Plan) -> bool:
    return plan.status in (DocumentStatus.DRAFT, DocumentStatus.RETURNED)


_UNSET = object()


def _fresh(instance: models.Model):
    """The row as stored: a ModelForm's validation writes the typed values onto
    its instance, and the changes must be computed against the database."""
    model = type(instance)
    queryset = model.objects.all()
    if hasattr(instance, "plan_id"):
        queryset = queryset.select_related("plan")
    return queryset.get(pk=instance.pk)


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    changed = []
    for name in allowed:
        # getattr's default also covers an unset foreign key (RelatedObjectDoesNotExist).
        if name in data and getattr(instance, name, _UNSET) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


# --------------------------------------------------------------------------- ordering helpers


def _next_position(queryset: models.QuerySet) -> int:
    current = queryset.aggregate(m=Max("position"))["m"]
    return 0 if current is None else current + 1


def _renumber(items: list) -> None:
    changed = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            changed.append(item)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def _swap(item, siblings: list, direction: Direction) -> None:
    index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    _renumber(siblings)


def _tree_siblings(obj, parent_id) -> list:
    model = type(obj)
    return list(model.objects.filter(plan_id=obj.plan_id, parent_id=parent_id).order_by("position", "id"))


def _depth(obj) -> int:
    """1 for a top-level node."""
    depth = 1
    parent_id = obj.parent_id
    model = type(obj)
    while parent_id is not None:
        depth += 1
        parent_id = model.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return depth


def _height(obj) -> int:
    """1 for a leaf, 2 when it has children, …"""
    model = type(obj)
    level = [obj.pk]
    height = 0
    while level:
        height += 1
        level = list(model.objects.filter(parent_id__in=level).values_list("pk", flat=True))
    return height


def _tree_move(obj, direction: Direction, *, max_depth: int) -> None:
    if direction in ("up", "down"):
        _swap(obj, _tree_siblings(obj, obj.parent_id), direction)
        return
    if direction == "indent":
        siblings = _tree_siblings(obj, obj.parent_id)
        index = next(i for i, other in enumerate(siblings) if other.pk == obj.pk)
        if index == 0:
            raise ValidationError(
                _("Không thể lùi vào: phía trên không có mục cùng cấp để làm mục cha."), code="no_previous"
            )
        new_parent = siblings[index - 1]
        if _depth(new_parent) + _height(obj) > max_depth:
            raise ValidationError(
                _("Không thể lùi vào: chỉ được lồng tối đa %(depth)s cấp.") % {"depth": max_depth},
                code="too_deep",
            )
        obj.parent = new_parent
        obj.position = _next_position(type(obj).objects.filter(parent=new_parent))
        obj.save(update_fields=["parent", "position"])
        _renumber([s for s in siblings if s.pk != obj.pk])
        return
    if direction == "outdent":
        if obj.parent_id is None:
            raise ValidationError(_("Không thể lùi ra: mục đã ở cấp cao nhất."), code="top_level")
        old_parent = type(obj).objects.get(pk=obj.parent_id)
        old_siblings = [s for s in _tree_siblings(obj, obj.parent_id) if s.pk != obj.pk]
        new_siblings = _tree_siblings(old_parent, old_parent.parent_id)
        index = next(i for i, other in enumerate(new_siblings) if other.pk == old_parent.pk)
        obj.parent_id = old_parent.parent_id
        obj.save(update_fields=["parent"])
        new_siblings.insert(index + 1, obj)
        _renumber(new_siblings)
        _renumber(old_siblings)
        return
    raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")


def _check_parent(parent, plan: Plan, *, max_depth: int) -> None:
    if parent is None:
        return
    if parent.plan_id != plan.pk:
        raise ValidationError(_("Mục cha không thuộc kế hoạch này."), code="foreign_parent")
    if _depth(parent) + 1 > max_depth:
        raise ValidationError(
            _("Chỉ được lồng tối đa %(depth)s cấp.") % {"depth": max_depth}, code="too_deep"
        )


# --------------------------------------------------------------------------- agencies behind the text


def _normalise_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


_NAME_SPLIT = re.compile(r"[\n;]")


def agency_names(text: str) -> list[str]:
    """The agency names a printed cell lists: one per line or per ";",
    without the bullet dashes and the final punctuation."""
    names = []
    for part in _NAME_SPLIT.split(text or ""):
        name = part.strip().lstrip("-+•").strip().rstrip(".,;:").strip()
        if name:
            names.append(" ".join(name.split()))
    return names


def agencies_matching(text: str) -> list[Agency]:
    """Directory entries whose full name or short name is one of the names in ``text``."""
    wanted = {_normalise_name(name) for name in agency_names(text)}
    if not wanted:
        return []
    found = []
    candidates = Agency.objects.filter(is_active=True).only("pk", "name", "short_name")
    for agency in candidates:
        if _normalise_name(agency.name) in wanted or (
            agency.short_name and _normalise_name(agency.short_name) in wanted
        ):
            found.append(agency)
    return found


def _sync_task_agencies(task: Task) -> None:
    task.lead_agencies.set(agencies_matching(task.lead))
    task.cooperating_agencies.set(agencies_matching(task.cooperating))


def _match_assignment_agency(assignment: Assignment) -> None:
    matches = agencies_matching(assignment.agency_text)
    assignment.agency = matches[0] if len(matches) == 1 else None


# --------------------------------------------------------------------------- plans


@transaction.atomic
def plan_create(*, user, data: Mapping[str, Any], outline: bool = False) -> Plan:
    plan = Plan(created_by=user if getattr(user, "is_authenticated", False) else None)
    _apply(plan, data, PLAN_FIELDS)
    plan.status = DocumentStatus.DRAFT
    plan.full_clean(exclude=["created_by", "decision", "copied_from"])
    plan.save()
    if outline:
        Section.objects.bulk_create(
            Section(plan=plan, position=index, heading=heading, block=block if blocks.get(block) else "")
            for index, (heading, block) in enumerate(DEFAULT_OUTLINE)
        )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, data: Mapping[str, Any]) -> Plan:
    plan = _fresh(plan)
    ensure_editable(plan)
    changed = _apply(plan, data, PLAN_FIELDS)
    if changed:
        plan.save(update_fields=[*changed, "updated_at"])
    if "year" in changed:
        # "Tháng 4" without a year is read in the plan's year.
        tasks = list(plan.tasks.exclude(time_frame=""))
        for task in tasks:
            task.due_date = _due_date(task.time_frame, year=plan.year)
        Task.objects.bulk_update(tasks, ["due_date"])
    return plan


def _touch(plan: Plan) -> None:
    """Any change to a part is a change to the plan (preview caches, "sửa lúc")."""
    Plan.objects.filter(pk=plan.pk).update(updated_at=Now())


# --------------------------------------------------------------------------- sections


@transaction.atomic
def section_create(*, plan: Plan, data: Mapping[str, Any], parent: Section | None = None) -> Section:
    ensure_editable(plan)
    _check_parent(parent, plan, max_depth=SECTION_MAX_DEPTH)
    section = Section(plan=plan, parent=parent)
    _apply(section, data, SECTION_FIELDS)
    section.position = _next_position(Section.objects.filter(plan=plan, parent=parent))
    section.save()
    _touch(plan)
    return section


def section_update(*, section: Section, data: Mapping[str, Any]) -> Section:
    section = _fresh(section)
    ensure_editable(section.plan)
    changed = _apply(section, data, SECTION_FIELDS)
    if changed:
        section.save(update_fields=changed)
        _touch(section.plan)
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    ensure_editable(section.plan)
    plan, parent_id = section.plan, section.parent_id
    section.delete()
    _renumber(list(Section.objects.filter(plan=plan, parent_id=parent_id).order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def section_move(*, section: Section, direction: Direction) -> Section:
    ensure_editable(section.plan)
    _tree_move(section, direction, max_depth=SECTION_MAX_DEPTH)
    _touch(section.plan)
    return section


# --------------------------------------------------------------------------- objectives


def objective_create(*, plan: Plan, data: Mapping[str, Any]) -> Objective:
    ensure_editable(plan)
    objective = Objective(plan=plan)
    _apply(objective, data, OBJECTIVE_FIELDS)
    objective.position = _next_position(plan.objectives.filter(kind=objective.kind))
    objective.save()
    _touch(plan)
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, data: Mapping[str, Any]) -> Objective:
    objective = _fresh(objective)
    ensure_editable(objective.plan)
    old_kind = objective.kind
    changed = _apply(objective, data, OBJECTIVE_FIELDS)
    if "kind" in changed:
        objective.position = _next_position(objective.plan.objectives.filter(kind=objective.kind))
        changed.append("position")
    if changed:
        objective.save(update_fields=changed)
        if old_kind != objective.kind:
            _renumber(list(objective.plan.objectives.filter(kind=old_kind).order_by("position", "id")))
        _touch(objective.plan)
    return objective


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    ensure_editable(objective.plan)
    plan, kind = objective.plan, objective.kind
    objective.delete()
    _renumber(list(plan.objectives.filter(kind=kind).order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def objective_move(*, objective: Objective, direction: Direction) -> Objective:
    ensure_editable(objective.plan)
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    siblings = list(objective.plan.objectives.filter(kind=objective.kind).order_by("position", "id"))
    _swap(objective, siblings, direction)
    _touch(objective.plan)
    return objective


# --------------------------------------------------------------------------- tasks


def _task_dates(task: Task) -> None:
    task.due_date = _due_date(task.time_frame, year=task.plan.year) if task.time_frame else None


@transaction.atomic
def task_create(*, plan: Plan, data: Mapping[str, Any], parent: Task | None = None) -> Task:
    ensure_editable(plan)
    _check_parent(parent, plan, max_depth=TASK_MAX_DEPTH)
    task = Task(plan=plan, parent=parent)
    _apply(task, data, TASK_FIELDS)
    task.position = _next_position(Task.objects.filter(plan=plan, parent=parent))
    _task_dates(task)
    task.save()
    _sync_task_agencies(task)
    _touch(plan)
    return task


@transaction.atomic
def task_update(*, task: Task, data: Mapping[str, Any]) -> Task:
    task = _fresh(task)
    ensure_editable(task.plan)
    changed = _apply(task, data, TASK_FIELDS)
    if "time_frame" in changed or task.due_date is None:
        old = task.due_date
        _task_dates(task)
        if task.due_date != old:
            changed.append("due_date")
    if changed:
        task.save(update_fields=changed)
        if "lead" in changed or "cooperating" in changed:
            _sync_task_agencies(task)
        _touch(task.plan)
    return task


@transaction.atomic
def task_delete(*, task: Task) -> None:
    ensure_editable(task.plan)
    plan, parent_id = task.plan, task.parent_id
    task.delete()
    _renumber(list(Task.objects.filter(plan=plan, parent_id=parent_id).order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def task_move(*, task: Task, direction: Direction) -> Task:
    ensure_editable(task.plan)
    _tree_move(task, direction, max_depth=TASK_MAX_DEPTH)
    _touch(task.plan)
    return task


def task_indent(*, task: Task) -> Task:
    return task_move(task=task, direction="indent")


def task_outdent(*, task: Task) -> Task:
    return task_move(task=task, direction="outdent")


# --------------------------------------------------------------------------- assignments


def assignment_create(*, plan: Plan, data: Mapping[str, Any]) -> Assignment:
    ensure_editable(plan)
    assignment = Assignment(plan=plan)
    _apply(assignment, data, ASSIGNMENT_FIELDS)
    _match_assignment_agency(assignment)
    assignment.position = _next_position(plan.assignments.all())
    assignment.save()
    _touch(plan)
    return assignment


def assignment_update(*, assignment: Assignment, data: Mapping[str, Any]) -> Assignment:
    assignment = _fresh(assignment)
    ensure_editable(assignment.plan)
    changed = _apply(assignment, data, ASSIGNMENT_FIELDS)
    if changed:
        if "agency_text" in changed:
            _match_assignment_agency(assignment)
            changed.append("agency")
        assignment.save(update_fields=changed)
        _touch(assignment.plan)
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment) -> None:
    ensure_editable(assignment.plan)
    plan = assignment.plan
    assignment.delete()
    _renumber(list(plan.assignments.order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def assignment_move(*, assignment: Assignment, direction: Direction) -> Assignment:
    ensure_editable(assignment.plan)
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    _swap(assignment, list(assignment.plan.assignments.order_by("position", "id")), direction)
    _touch(assignment.plan)
    return assignment


# --------------------------------------------------------------------------- appendices


def appendix_create(*, plan: Plan, data: Mapping[str, Any]) -> Appendix:
    ensure_editable(plan)
    appendix = Appendix(plan=plan)
    _apply(appendix, data, APPENDIX_FIELDS)
    appendix.position = _next_position(plan.appendices.all())
    appendix.save()
    _touch(plan)
    return appendix


def appendix_update(*, appendix: Appendix, data: Mapping[str, Any]) -> Appendix:
    appendix = _fresh(appendix)
    ensure_editable(appendix.plan)
    changed = _apply(appendix, data, APPENDIX_FIELDS)
    if changed:
        appendix.save(update_fields=changed)
        _touch(appendix.plan)
    return appendix


@transaction.atomic
def appendix_delete(*, appendix: Appendix) -> None:
    ensure_editable(appendix.plan)
    plan = appendix.plan
    appendix.delete()
    _renumber(list(plan.appendices.order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def appendix_move(*, appendix: Appendix, direction: Direction) -> Appendix:
    ensure_editable(appendix.plan)
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    _swap(appendix, list(appendix.plan.appendices.order_by("position", "id")), direction)
    _touch(appendix.plan)
    return appendix


# --------------------------------------------------------------------------- decision "kèm theo"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


@transaction.atomic
def decision_attach(*, plan: Plan, user, data: Mapping[str, Any] | None = None) -> Decision:
    """Issue the plan "kèm theo" a new QUYẾT ĐỊNH, prefilled the way seed 003 reads."""
    ensure_editable(plan)
    if plan.decision_id is not None:
        raise ValidationError(_("Kế hoạch đã có quyết định ban hành kèm theo."), code="already_attached")
    agency = plan.issuing_agency
    plan_title = " ".join(plan.title.split())
    decision = Decision(
        issuing_agency=agency,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        title=_("Ban hành Kế hoạch %(title)s") % {"title": _lower_first(plan_title)},
        authority_line=" ".join(agency.header_lines),
        place=plan.place,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        recipients=plan.recipients,
        archive=plan.archive,
    )
    _apply(decision, data or {}, DECISION_FIELDS)
    decision.save()
    DecisionArticle.objects.bulk_create(
        [
            DecisionArticle(
                decision=decision,
                position=0,
                body=_("Ban hành kèm theo Quyết định này Kế hoạch %(title)s.")
                % {"title": _lower_first(plan_title)},
            ),
            DecisionArticle(
                decision=decision,
                position=1,
                body=_("Quyết định này có hiệu lực kể từ ngày ký."),
            ),
        ]
    )
    plan.decision = decision
    plan.save(update_fields=["decision", "updated_at"])
    return decision


def decision_update(*, plan: Plan, data: Mapping[str, Any]) -> Decision:
    plan = _fresh(plan)
    ensure_editable(plan)
    decision = _plan_decision(plan)
    changed = _apply(decision, data, DECISION_FIELDS)
    if changed:
        decision.save(update_fields=[*changed, "updated_at"])
        _touch(plan)
    return decision


@transaction.atomic
def decision_detach(*, plan: Plan) -> None:
    ensure_editable(plan)
    decision = _plan_decision(plan)
    plan.decision = None
    plan.save(update_fields=["decision", "updated_at"])
    decision.delete()


def _plan_decision(plan: Plan) -> Decision:
    if plan.decision_id is None:
        raise ValidationError(_("Kế hoạch chưa có quyết định ban hành kèm theo."), code="no_decision")
    return plan.decision


def _article_plan(article: DecisionArticle) -> Plan:
    return Plan.objects.get(decision_id=article.decision_id)


def decision_article_create(*, plan: Plan, data: Mapping[str, Any]) -> DecisionArticle:
    ensure_editable(plan)
    decision = _plan_decision(plan)
    article = DecisionArticle(decision=decision, body=data.get("body", ""))
    article.position = _next_position(decision.articles.all())
    article.save()
    _touch(plan)
    return article


def decision_article_update(*, article: DecisionArticle, data: Mapping[str, Any]) -> DecisionArticle:
    article = _fresh(article)
    plan = _article_plan(article)
    ensure_editable(plan)
    if _apply(article, data, ("body",)):
        article.save(update_fields=["body"])
        _touch(plan)
    return article


@transaction.atomic
def decision_article_delete(*, article: DecisionArticle) -> None:
    plan = _article_plan(article)
    ensure_editable(plan)
    decision_id = article.decision_id
    article.delete()
    _renumber(list(DecisionArticle.objects.filter(decision_id=decision_id).order_by("position", "id")))
    _touch(plan)


@transaction.atomic
def decision_article_move(*, article: DecisionArticle, direction: Direction) -> DecisionArticle:
    plan = _article_plan(article)
    ensure_editable(plan)
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    siblings = list(
        DecisionArticle.objects.filter(decision_id=article.decision_id).order_by("position", "id")
    )
    _swap(article, siblings, direction)
    _touch(plan)
    return article


# --------------------------------------------------------------------------- copying a plan to a later year

YEAR_MIN, YEAR_MAX = 1990, 2100

_SHIFT = re.compile(
    # "ngày 25 tháng 02 năm 2020"
    r"(?P<w_pre>ngày\s+)(?P<w_day>\d{1,2})(?P<w_mid>\s+tháng\s+)(?P<w_month>\d{1,2})"
    r"(?P<w_mid2>\s+năm\s+)(?P<w_year>\d{4})(?!\d)"
    # "25/02/2020", "25-02-2020", "25.02.2020"
    r"|(?<![\d/.-])(?P<d_day>\d{1,2})(?P<d_sep>[/.-])(?P<d_month>\d{1,2})(?P=d_sep)(?P<d_year>\d{4})(?!\d)"
    # a bare year; not a document number "2020/QĐ-UBND" nor a version "9001:2008"
    r"|(?<![\d:])(?P<year>\d{4})(?!\d)(?!/[^\W\d_])",
    re.IGNORECASE,
)


def _shift_day(day: str, month: str, year: int, new_year: int) -> str:
    d, m = int(day), int(month)
    if 1 <= m <= 12 and 1 <= d <= 31 and d > calendar.monthrange(new_year, m)[1]:
        # 29/02 of a leap year becomes 28/02 in an ordinary one
        last = calendar.monthrange(new_year, m)[1]
        if d <= calendar.monthrange(year, m)[1]:
            return str(last).zfill(len(day))
    return day


def shift_years(text: str, years: int) -> str:
    """Shift every year between 1990 and 2100 in ``text`` by ``years``,
    keeping full dates valid (29/02/2020 + 1 year → 28/02/2021)."""
    if not text or not years:
        return text

    def replace(match: re.Match) -> str:
        groups = match.groupdict()
        if groups["w_year"] is not None:
            year = int(groups["w_year"])
            if not YEAR_MIN <= year <= YEAR_MAX:
                return match.group(0)
            day = _shift_day(groups["w_day"], groups["w_month"], year, year + years)
            return (
                f"{groups['w_pre']}{day}{groups['w_mid']}{groups['w_month']}{groups['w_mid2']}{year + years}"
            )
        if groups["d_year"] is not None:
            year = int(groups["d_year"])
            if not YEAR_MIN <= year <= YEAR_MAX:
                return match.group(0)
            day = _shift_day(groups["d_day"], groups["d_month"], year, year + years)
            sep = groups["d_sep"]
            return f"{day}{sep}{groups['d_month']}{sep}{year + years}"
        year = int(groups["year"])
        if not YEAR_MIN <= year <= YEAR_MAX:
            return match.group(0)
        return str(year + years)

    return _SHIFT.sub(replace, text)


def _shifted(instance: models.Model, fields: Iterable[str], years: int) -> None:
    for name in fields:
        setattr(instance, name, shift_years(getattr(instance, name), years))


@transaction.atomic
def plan_copy(*, plan: Plan, years: int, user, include: Iterable[str] | None = None) -> Plan:
    """A new draft with every part of ``plan``, its years moved by ``years``.

    ``include`` names what higher apps copy along (``plans.copying``: events
    and programmes, registration openings, award campaigns); None copies all."""
    from . import copying

    options = copying.option_keys() if include is None else copying.check_options(include)
    source = plan
    sections = list(source.sections.order_by("position", "id"))
    objectives = list(source.objectives.order_by("kind", "position", "id"))
    tasks = list(
        source.tasks.prefetch_related("lead_agencies", "cooperating_agencies").order_by("position", "id")
    )
    assignments = list(source.assignments.order_by("position", "id"))
    appendices = list(source.appendices.order_by("position", "id"))

    new = Plan.objects.get(pk=source.pk)
    new.pk = new.id = None
    new._state.adding = True
    new.number = None
    new.issued_on = None
    new.status = DocumentStatus.DRAFT
    new.copied_from = source
    new.replaces = None  # a copy of a correction replaces nothing by itself
    new.created_by = user if getattr(user, "is_authenticated", False) else None
    new.year = source.year + years
    new.decision = None
    _shifted(new, ("title", "opening", "closing", "recipients", "signer_title"), years)

    if source.decision_id is not None:
        old_decision = source.decision
        articles = list(old_decision.articles.order_by("position", "id"))
        decision = Decision.objects.get(pk=old_decision.pk)
        decision.pk = decision.id = None
        decision._state.adding = True
        decision.number = None
        decision.issued_on = None
        decision.status = DocumentStatus.DRAFT
        decision.created_by = new.created_by
        _shifted(decision, ("title", "legal_bases", "proposal", "recipients"), years)
        decision.save()
        DecisionArticle.objects.bulk_create(
            DecisionArticle(decision=decision, position=a.position, body=shift_years(a.body, years))
            for a in articles
        )
        new.decision = decision
    new.save()

    # Sections and tasks are trees: create parents before children.
    section_map: dict[int, Section] = {}
    for old in _parents_first(sections):
        section_map[old.pk] = Section.objects.create(
            plan=new,
            parent=section_map.get(old.parent_id),
            position=old.position,
            heading=shift_years(old.heading, years),
            numbered=old.numbered,
            body=shift_years(old.body, years),
            block=old.block,
            body_after=shift_years(old.body_after, years),
        )

    Objective.objects.bulk_create(
        Objective(plan=new, kind=o.kind, position=o.position, text=shift_years(o.text, years))
        for o in objectives
    )

    task_map: dict[int, Task] = {}
    for old in _parents_first(tasks):
        time_frame = shift_years(old.time_frame, years)
        task = Task.objects.create(
            plan=new,
            parent=task_map.get(old.parent_id),
            position=old.position,
            numbered=old.numbered,
            description=shift_years(old.description, years),
            time_frame=time_frame,
            due_date=_due_date(time_frame, year=new.year) if time_frame else None,
            lead=shift_years(old.lead, years),
            cooperating=shift_years(old.cooperating, years),
            status=TaskStatus.NOT_STARTED,
        )
        task.lead_agencies.set(old.lead_agencies.all())
        task.cooperating_agencies.set(old.cooperating_agencies.all())
        task_map[old.pk] = task

    Assignment.objects.bulk_create(
        Assignment(
            plan=new,
            position=a.position,
            agency_id=a.agency_id,
            agency_text=shift_years(a.agency_text, years),
            layout=a.layout,
            duties=shift_years(a.duties, years),
        )
        for a in assignments
    )
    Appendix.objects.bulk_create(
        Appendix(
            plan=new,
            position=a.position,
            title=shift_years(a.title, years),
            subtitle=shift_years(a.subtitle, years),
            block=a.block,
            body=shift_years(a.body, years),
            landscape=a.landscape,
        )
        for a in appendices
    )
    copying.run(copying.CopyContext(source=source, new=new, years=years, user=user, options=options))
    return new


def _print_options() -> frozenset[str]:
    from . import copying

    return frozenset(option.key for option in copying.options() if option.printed)


def _parents_first(nodes: list) -> list:
    by_parent: dict[int | None, list] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    ordered: list = []
    stack = list(reversed(by_parent.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(by_parent.get(node.pk, [])))
    return ordered


@transaction.atomic
def plan_replace(*, plan: Plan, user) -> Plan:
    """A correction: a new draft with the issued plan's content that names
    the plan it replaces. The issued plan itself never changes."""
    if not plan.is_issued:
        raise ValidationError(
            _("Chỉ văn bản đã ban hành mới cần văn bản thay thế; dự thảo thì sửa trực tiếp."),
            code="not_issued",
        )
    # The correction prints the same events and programme; registrations and
    # award campaigns stay with the plan they were run for.
    new = plan_copy(plan=plan, years=0, user=user, include=_print_options())
    new.replaces = plan
    new.save(update_fields=["replaces"])
    return new


# --------------------------------------------------------------------------- task table from Excel


@dataclass
class TaskImportRow:
    """One checked row of an imported task table (plans.spreadsheets), in print order."""

    level: int
    description: str
    numbered: bool = True
    time_frame: str = ""
    lead: str = ""
    cooperating: str = ""
    status: str = TaskStatus.NOT_STARTED
    progress_note: str = ""


ImportMode = Literal["replace", "append"]


@transaction.atomic
def task_table_import(*, plan: Plan, rows: Sequence[TaskImportRow], mode: ImportMode) -> list[Task]:
    """Replace the task table with ``rows``, or add them after the existing
    top-level tasks; all or nothing. Levels go down one step at a time from 1.

    When replacing, an existing task whose description a row repeats keeps
    its row, updated in place (what points at it stays: review comments,
    agencies' progress reports); the tasks no row repeats are deleted."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_editable(plan)
    if mode not in ("replace", "append"):
        raise ValidationError(_("Hãy chọn thay thế hay thêm vào."), code="bad_mode")
    statuses = set(TaskStatus.values)
    previous = 0
    for index, row in enumerate(rows, start=1):
        if not 1 <= row.level <= min(previous + 1, TASK_MAX_DEPTH):
            raise ValidationError(
                _("Dòng %(row)d: cấp %(level)d không nối tiếp dòng trên.")
                % {"row": index, "level": row.level},
                code="bad_level",
            )
        if not row.description.strip():
            raise ValidationError(
                _("Dòng %(row)d: hãy nhập nội dung nhiệm vụ.") % {"row": index}, code="required"
            )
        if row.status not in statuses or len(row.time_frame) > 200:
            raise ValidationError(_("Dòng %(row)d không hợp lệ.") % {"row": index}, code="invalid")
        previous = row.level
    reusable: dict[str, list[Task]] = {}
    if mode == "replace":
        for task in Task.objects.filter(plan=plan).order_by("position", "id"):
            reusable.setdefault(task.description, []).append(task)
        top_position = 0
    else:
        top_position = _next_position(Task.objects.filter(plan=plan, parent=None))
    result: list[Task] = []
    by_level: dict[int, list[Task]] = {level: [] for level in range(1, TASK_MAX_DEPTH + 1)}
    parents: list[Task | None] = [None] * (TASK_MAX_DEPTH + 1)
    children: dict[int, int] = {}
    for row in rows:
        parent = parents[row.level - 1]
        if parent is None:
            position, top_position = top_position, top_position + 1
        else:
            position = children.get(id(parent), 0)
            children[id(parent)] = position + 1
        candidates = reusable.get(row.description)
        task = candidates.pop(0) if candidates else Task(plan=plan)
        task._import_parent = parent  # saved first: parents are placed a level earlier
        task.position = position
        task.numbered = row.numbered
        task.description = row.description
        task.time_frame = row.time_frame
        task.lead = row.lead
        task.cooperating = row.cooperating
        task.status = row.status
        task.progress_note = row.progress_note
        task.due_date = _due_date(row.time_frame, year=plan.year) if row.time_frame else None
        parents[row.level] = task
        by_level[row.level].append(task)
        result.append(task)
    for level in range(1, TASK_MAX_DEPTH + 1):
        for task in by_level[level]:
            task.parent = task._import_parent
        kept = [task for task in by_level[level] if task.pk is not None]
        new = [task for task in by_level[level] if task.pk is None]
        for task in kept:
            task.save()  # one history row each, as an edit would leave
        if new:
            bulk_create_with_history(new, Task)  # parents before children: one insert per level
    dropped = [task.pk for tasks in reusable.values() for task in tasks]
    if dropped:
        # After the kept rows left their old parents, so no cascade reaches them;
        # one collector, so every deleted row is recorded in its history.
        Task.objects.filter(pk__in=dropped).delete()
    kept_ids = [task.pk for task in result if task.pk not in dropped]
    Task.lead_agencies.through.objects.filter(task_id__in=kept_ids).delete()
    Task.cooperating_agencies.through.objects.filter(task_id__in=kept_ids).delete()
    _link_agencies(result)
    _touch(plan)
    return result


def task_table_dropped(*, plan: Plan, descriptions: Sequence[str]) -> int:
    """How many existing tasks a replacing import of rows with ``descriptions`` would delete."""
    existing = Counter(Task.objects.filter(plan=plan).values_list("description", flat=True))
    return sum((existing - Counter(descriptions)).values())


def _link_agencies(tasks: list[Task]) -> None:
    """The directory entries behind the lead and cooperating cells, as task_create links them."""
    agencies = list(Agency.objects.filter(is_active=True).only("pk", "name", "short_name"))
    by_name: dict[str, int] = {}
    for agency in agencies:
        for text in (agency.short_name, agency.name):
            if text:
                by_name[_normalise_name(text)] = agency.pk
    lead_links, cooperating_links = [], []
    for task in tasks:
        for text, links, through in (
            (task.lead, lead_links, Task.lead_agencies.through),
            (task.cooperating, cooperating_links, Task.cooperating_agencies.through),
        ):
            ids = {by_name[key] for key in map(_normalise_name, agency_names(text)) if key in by_name}
            links.extend(through(task_id=task.pk, agency_id=agency_id) for agency_id in sorted(ids))
    Task.lead_agencies.through.objects.bulk_create(lead_links)
    Task.cooperating_agencies.through.objects.bulk_create(cooperating_links)
