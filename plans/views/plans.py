"""The staff's plan pages: list, create, the editor with its HTMX partials, copy.

Every successful change answers with the part it changed, re-rendered from
the database, and an ``HX-Trigger: planChanged`` header that makes the
preview pane reload the printed document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_htmx.http import reswap, retarget

from documents import blocks, workflow
from documents.viewutils import url_or_none as _url_or_none
from plans import panels, selectors, services
from plans.forms import (
    AppendixForm,
    AssignmentForm,
    DecisionArticleForm,
    DecisionForm,
    ObjectiveForm,
    PlanCopyForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanForm,
    SectionForm,
    TaskForm,
)
from plans.models import Appendix, Assignment, Decision, DecisionArticle, Objective, Plan, Section, Task
from plans.permissions import ActionRequiredMixin, can
from plans.review import plan_symbol

PLAN_CHANGED = "planChanged"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --------------------------------------------------------------------------- list, create


class PlanListView(ActionRequiredMixin, ListView):
    action = "plan.view"
    template_name = "plans/plan_list.html"
    paginate_by = 20
    context_object_name = "plans"

    def get_filter_form(self) -> PlanFilterForm:
        if not hasattr(self, "_filter_form"):
            form = PlanFilterForm(
                self.request.GET or None,
                years=selectors.plan_years(),
                agencies=selectors.issuing_agencies().filter(plans__isnull=False).distinct(),
            )
            form.is_valid()
            self._filter_form = form
        return self._filter_form

    def get_queryset(self):
        form = self.get_filter_form()
        data = form.cleaned_data if form.is_bound else {}
        agency = data.get("agency")
        return selectors.plan_list(
            user=self.request.user,
            q=data.get("q") or "",
            year=data.get("year"),
            agency_id=agency.pk if agency else None,
            status=data.get("status") or "",
        )

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or mistyped page shows the nearest page rather than a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_template_names(self) -> list[str]:
        if self.request.htmx and not self.request.htmx.boosted:
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.get_filter_form(),
            query_string=query.urlencode(),
            can_create=can(self.request.user, "plan.create"),
        )
        return context


class PlanCreateView(ActionRequiredMixin, FormView):
    action = "plan.create"
    template_name = "plans/plan_create.html"
    form_class = PlanCreateForm

    def get_initial(self):
        return {"year": timezone.localdate().year, "outline": True}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        outline = data.pop("outline", False)
        plan = services.plan_create(user=self.request.user, data=data, outline=outline)
        messages.success(self.request, _("Đã tạo kế hoạch. Hãy soạn các mục và bảng nhiệm vụ."))
        return redirect(plan.get_absolute_url())


# --------------------------------------------------------------------------- the editor


def _tree_choices(nodes: list[selectors.Node], max_depth: int, exclude: int | None = None) -> list:
    choices = []
    for node in nodes:
        if node.depth >= max_depth or node.pk == exclude:
            continue
        label = getattr(node.obj, "heading", None) or getattr(node.obj, "description", "") or node.obj.body
        label = " ".join(str(label).split())
        if len(label) > 70:
            label = label[:69] + "…"
        prefix = "\u00a0\u00a0" * (node.depth - 1)
        choices.append((node.pk, f"{prefix}{node.number or '–'} {label}"))
    return choices


def editor_context(request, plan: Plan, **overrides: Any) -> dict[str, Any]:
    """Everything the editor page and its partials draw, from a ``plan_detail`` plan."""
    editable = can(request.user, "plan.edit") and services.is_editable(plan)
    outline = selectors.section_outline(plan)
    rows = selectors.task_rows(plan)
    labels = dict(blocks.choices())
    for node in outline:
        node.obj.block_label = labels.get(node.obj.block, node.obj.block)
    appendices = list(plan.appendices.all())
    for appendix in appendices:
        appendix.block_label = labels.get(appendix.block, appendix.block)
    _add_row_urls(plan, "task", rows)
    review = review_context(request, plan)
    # Open comments beside the section or task row they are about.
    by_target: dict[tuple[str, int], list] = {}
    for comment in review["open_comments"]:
        by_target.setdefault((comment.target_kind, comment.target_id), []).append(comment)
    for kind, nodes in (("section", outline), ("task", rows)):
        for node in nodes:
            node.obj.review_comments = by_target.get((kind, node.pk), [])
    context: dict[str, Any] = {
        "plan": plan,
        "editable": editable,
        "can_copy": can(request.user, "plan.create"),
        "outline": outline,
        "task_rows": rows,
        "objective_groups": selectors.objectives_by_kind(plan),
        "assignments": list(plan.assignments.all()),
        "appendices": appendices,
        "decision": plan.decision,
        "articles": list(plan.decision.articles.all()) if plan.decision else [],
        "print_url": _url_or_none("plans:print", plan.pk),
        "pdf_url": _url_or_none("plans:pdf", plan.pk),
        "time_frame_examples": TIME_FRAME_EXAMPLES,
        **review,
    }
    if editable:
        context.update(
            header_form=PlanForm(instance=plan, prefix="plan"),
            new_section_form=SectionForm(
                prefix="new-section", parent_choices=_tree_choices(outline, services.SECTION_MAX_DEPTH)
            ),
            new_objective_form=ObjectiveForm(prefix="new-objective"),
            new_task_form=TaskForm(
                prefix="new-task", parent_choices=_tree_choices(rows, services.TASK_MAX_DEPTH)
            ),
            new_assignment_form=AssignmentForm(prefix="new-assignment"),
            new_appendix_form=AppendixForm(prefix="new-appendix"),
            decision_form=DecisionForm(instance=plan.decision, prefix="decision") if plan.decision else None,
            new_article_form=DecisionArticleForm(prefix="new-article"),
        )
    context.update(overrides)
    return context


# A row id no plan has; the row URLs are reversed once with it, then filled in.
_ROW_SENTINEL = 2_147_483_647


def _add_row_urls(plan: Plan, name: str, nodes: list) -> None:
    """Give each node its edit, move, delete and add-child URLs, reversing
    each URL once per list instead of once per row."""
    patterns = {
        kind: reverse(f"plans:{name}_{kind}", args=[plan.pk, _ROW_SENTINEL]).rsplit(f"/{_ROW_SENTINEL}/", 1)
        for kind in ("edit", "move", "delete")
    }
    add_url = reverse(f"plans:{name}_add", args=[plan.pk])
    for node in nodes:
        row = f"/{node.pk}/"
        node.edit_url = row.join(patterns["edit"])
        node.move_url = row.join(patterns["move"])
        node.delete_url = row.join(patterns["delete"])
        node.add_child_url = f"{add_url}?parent={node.pk}"


def review_context(request, plan: Plan) -> dict[str, Any]:
    """The plan's place in the review-and-issue workflow, for the editor:
    its steps, open comments beside their targets, the issued entry."""
    doc_id = workflow.document_id(plan)
    comments = [c for c in workflow.comments(plan) if c.is_open]
    for comment in comments:
        # The row it is about, in the editor (ids "task-12", "section-3" …).
        known = comment.target_kind in PARTS and comment.target_id
        comment.anchor = f"#{comment.target_kind}-{comment.target_id}" if known else ""
    issued_entry = workflow.entry_for(plan) if plan.is_issued else None
    if issued_entry is not None:
        number_symbol = issued_entry.symbol
    else:
        number_symbol = plan_symbol(plan, plan.number) if plan.number else ""
    return {
        "doc_id": doc_id,
        # The number as printed ("01/KH-UBND"), in the header as in the notice.
        "number_symbol": number_symbol,
        "workflow_actions": [
            step
            for step in workflow.available_actions(request.user, plan)
            if step.action in ("submit", "withdraw")
        ],
        "review_url": reverse("documents:review", args=[doc_id]),
        "audit_url": reverse("documents:audit", args=[doc_id]),
        "open_comments": comments,
        "issued_entry": issued_entry,
        "replaced_by": list(plan.replacements.order_by("pk")) if plan.is_issued else [],
        "can_replace": plan.is_issued and can(request.user, "plan.create"),
        "can_submit": can(request.user, "plan.edit"),
    }


TIME_FRAME_EXAMPLES = (
    "Thường xuyên",
    "Tháng 4/2024",
    "Quý III/2024",
    "Trước ngày 01/6/2024",
    "Trong tháng 5/2024",
    "Dự kiến trong tháng 01/2024",
    "Theo hướng dẫn của Trung ương",
)


class PlanEditorView(ActionRequiredMixin, TemplateView):
    action = "plan.view"
    template_name = "plans/plan_editor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = selectors.plan_detail(self.kwargs["pk"])
        context.update(editor_context(self.request, plan))
        context["copy_form"] = PlanCopyForm()
        # Events, awards …: parts that higher apps keep about this plan.
        context["panels"] = panels.for_plan(plan)
        return context


class PlanEditMixin(ActionRequiredMixin):
    """A change to one plan; answers with re-rendered parts for HTMX."""

    action = "plan.edit"

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.select_related("issuing_agency", "decision"), pk=self.kwargs["pk"]
            )
        return self._plan

    def render_part(
        self,
        template: str,
        *,
        changed: bool = True,
        error: str = "",
        target: str = "",
        **extra: Any,
    ) -> HttpResponse:
        plan = selectors.plan_detail(self.kwargs["pk"])
        context = editor_context(self.request, plan, part_error=error, **extra)
        response = render(self.request, template, context)
        if target:
            retarget(response, target)
            reswap(response, "outerHTML")
        if changed and not error:
            response["HX-Trigger"] = PLAN_CHANGED
        return response


# --------------------------------------------------------------------------- header


class PlanHeaderView(PlanEditMixin, View):
    template = "plans/parts/header.html#header"

    def get(self, request, *args, **kwargs):
        return self.render_part(self.template, changed=False)

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        form = PlanForm(request.POST, instance=Plan.objects.get(pk=plan.pk), prefix="plan")
        if not form.is_valid():
            return self.render_part(self.template, changed=False, header_form=form, saved=False)
        try:
            services.plan_update(plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            return self.render_part(self.template, error=_error_text(error))
        return self.render_part(self.template, saved=True)


# --------------------------------------------------------------------------- parts of a plan


@dataclass(frozen=True)
class Part:
    """One kind of row of a plan and the services that change it."""

    name: str
    model: type[models.Model]
    form_class: type
    template: str
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    move: Callable[..., Any]
    items: Callable[[Plan], models.QuerySet]
    max_depth: int = 0  # >0 for trees (sections, tasks)

    @property
    def list_id(self) -> str:
        return f"{self.name}-list"


PARTS: dict[str, Part] = {
    part.name: part
    for part in (
        Part(
            name="section",
            model=Section,
            form_class=SectionForm,
            template="plans/parts/sections.html",
            create=lambda plan, data, parent: services.section_create(plan=plan, data=data, parent=parent),
            update=lambda obj, data: services.section_update(section=obj, data=data),
            delete=lambda obj: services.section_delete(section=obj),
            move=lambda obj, direction: services.section_move(section=obj, direction=direction),
            items=lambda plan: Section.objects.filter(plan=plan),
            max_depth=services.SECTION_MAX_DEPTH,
        ),
        Part(
            name="objective",
            model=Objective,
            form_class=ObjectiveForm,
            template="plans/parts/objectives.html",
            create=lambda plan, data, parent: services.objective_create(plan=plan, data=data),
            update=lambda obj, data: services.objective_update(objective=obj, data=data),
            delete=lambda obj: services.objective_delete(objective=obj),
            move=lambda obj, direction: services.objective_move(objective=obj, direction=direction),
            items=lambda plan: Objective.objects.filter(plan=plan),
        ),
        Part(
            name="task",
            model=Task,
            form_class=TaskForm,
            template="plans/parts/tasks.html",
            create=lambda plan, data, parent: services.task_create(plan=plan, data=data, parent=parent),
            update=lambda obj, data: services.task_update(task=obj, data=data),
            delete=lambda obj: services.task_delete(task=obj),
            move=lambda obj, direction: services.task_move(task=obj, direction=direction),
            items=lambda plan: Task.objects.filter(plan=plan),
            max_depth=services.TASK_MAX_DEPTH,
        ),
        Part(
            name="assignment",
            model=Assignment,
            form_class=AssignmentForm,
            template="plans/parts/assignments.html",
            create=lambda plan, data, parent: services.assignment_create(plan=plan, data=data),
            update=lambda obj, data: services.assignment_update(assignment=obj, data=data),
            delete=lambda obj: services.assignment_delete(assignment=obj),
            move=lambda obj, direction: services.assignment_move(assignment=obj, direction=direction),
            items=lambda plan: Assignment.objects.filter(plan=plan),
        ),
        Part(
            name="appendix",
            model=Appendix,
            form_class=AppendixForm,
            template="plans/parts/appendices.html",
            create=lambda plan, data, parent: services.appendix_create(plan=plan, data=data),
            update=lambda obj, data: services.appendix_update(appendix=obj, data=data),
            delete=lambda obj: services.appendix_delete(appendix=obj),
            move=lambda obj, direction: services.appendix_move(appendix=obj, direction=direction),
            items=lambda plan: Appendix.objects.filter(plan=plan),
        ),
        Part(
            name="article",
            model=DecisionArticle,
            form_class=DecisionArticleForm,
            template="plans/parts/decision.html",
            create=lambda plan, data, parent: services.decision_article_create(plan=plan, data=data),
            update=lambda obj, data: services.decision_article_update(article=obj, data=data),
            delete=lambda obj: services.decision_article_delete(article=obj),
            move=lambda obj, direction: services.decision_article_move(article=obj, direction=direction),
            items=lambda plan: DecisionArticle.objects.filter(decision__plan=plan),
        ),
    )
}


def _autofocus(form) -> None:
    """htmx focuses the ``autofocus`` field of content it swaps in."""
    for field in form.fields.values():
        if not isinstance(field.widget, forms.Select | forms.CheckboxInput | forms.HiddenInput):
            field.widget.attrs["autofocus"] = True
            return


class PartMixin(PlanEditMixin):
    part_name = ""

    @property
    def part(self) -> Part:
        return PARTS[self.part_name]

    def get_item(self):
        return get_object_or_404(self.part.items(self.get_plan()), pk=self.kwargs["item"])

    def parent_choices(self, exclude: int | None = None) -> list | None:
        if not self.part.max_depth:
            return None
        plan = selectors.plan_detail(self.kwargs["pk"])
        nodes = selectors.section_outline(plan) if self.part.name == "section" else selectors.task_rows(plan)
        return _tree_choices(nodes, self.part.max_depth, exclude=exclude)

    def form_kwargs(self, exclude: int | None = None, *, with_parent: bool) -> dict:
        if self.part.max_depth and with_parent:
            return {"parent_choices": self.parent_choices(exclude)}
        return {}

    def render_list(self, *, changed: bool = True, error: str = "", oob: bool = False) -> HttpResponse:
        """The part's list; with ``oob`` also a fresh add form (its parent choices change)."""
        return self.render_part(f"{self.part.template}#list", changed=changed, error=error, oob=oob)


class PartCreateView(PartMixin, View):
    """POST: add a row. GET ?parent=<id>: the add form, preset to add a child row."""

    def get(self, request, *args, **kwargs):
        initial = {}
        if self.part.max_depth and request.GET.get("parent", "").isdigit():
            parent = get_object_or_404(self.part.items(self.get_plan()), pk=int(request.GET["parent"]))
            initial["parent"] = parent.pk
        form = self.part.form_class(
            prefix=f"new-{self.part.name}", initial=initial, **self.form_kwargs(with_parent=True)
        )
        _autofocus(form)
        return self.render_part(
            f"{self.part.template}#new-form",
            changed=False,
            **{f"new_{self.part.name}_form": form},
            focus=True,
        )

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        form = self.part.form_class(
            request.POST, prefix=f"new-{self.part.name}", **self.form_kwargs(with_parent=True)
        )
        if not form.is_valid():
            return self.render_part(
                f"{self.part.template}#new-form",
                changed=False,
                target=f"#new-{self.part.name}-form",
                **{f"new_{self.part.name}_form": form},
            )
        data = dict(form.cleaned_data)
        parent = None
        parent_id = data.pop("parent", None)
        if parent_id:
            parent = self.part.items(plan).filter(pk=parent_id).first()
        try:
            self.part.create(plan, data, parent)
        except ValidationError as error:
            return self.render_list(error=_error_text(error))
        return self.render_list(oob=True)


class PartUpdateView(PartMixin, View):
    """GET: the row's edit form in place of the row. POST: save it."""

    def get(self, request, *args, **kwargs):
        item = self.get_item()
        form = self.part.form_class(instance=item, prefix=f"{self.part.name}-{item.pk}")
        _autofocus(form)
        return self.render_part(f"{self.part.template}#edit-form", changed=False, form=form, item=item)

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        form = self.part.form_class(request.POST, instance=item, prefix=f"{self.part.name}-{item.pk}")
        if not form.is_valid():
            # ModelForm validation writes the typed values onto the instance; reload it.
            return self.render_part(
                f"{self.part.template}#edit-form",
                changed=False,
                target=f"#{self.part.name}-{item.pk}",
                form=form,
                item=item,
            )
        try:
            self.part.update(self.part.model.objects.get(pk=item.pk), form.cleaned_data)
        except ValidationError as error:
            return self.render_list(error=_error_text(error))
        return self.render_list()


class PartDeleteView(PartMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            self.part.delete(self.get_item())
        except ValidationError as error:
            return self.render_list(error=_error_text(error))
        return self.render_list(oob=True)


class PartMoveView(PartMixin, View):
    DIRECTIONS = ("up", "down", "indent", "outdent")

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction", "")
        if direction not in self.DIRECTIONS:
            return HttpResponseBadRequest(_("Hướng di chuyển không hợp lệ."))
        try:
            self.part.move(self.get_item(), direction)
        except ValidationError as error:
            return self.render_list(error=_error_text(error))
        return self.render_list(oob=True)


class PartListView(PartMixin, View):
    """GET: the part as shown (used by "Hủy" buttons of edit forms)."""

    action = "plan.view"

    def get(self, request, *args, **kwargs):
        return self.render_list(changed=False)


# --------------------------------------------------------------------------- decision "kèm theo"


class DecisionView(PlanEditMixin, View):
    """POST op=attach|update|detach on the plan's QUYẾT ĐỊNH."""

    template = "plans/parts/decision.html#decision"

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        op = request.POST.get("op", "update")
        try:
            if op == "attach":
                services.decision_attach(plan=plan, user=request.user)
            elif op == "detach":
                services.decision_detach(plan=plan)
            elif op == "update":
                if plan.decision is None:
                    raise Http404
                # A separate instance: validation writes the typed values onto it.
                form = DecisionForm(
                    request.POST, instance=Decision.objects.get(pk=plan.decision_id), prefix="decision"
                )
                if not form.is_valid():
                    return self.render_part(self.template, changed=False, decision_form=form)
                services.decision_update(plan=plan, data=form.cleaned_data)
                return self.render_part(self.template, saved=True)
            else:
                raise Http404
        except ValidationError as error:
            return self.render_part(self.template, error=_error_text(error))
        return self.render_part(self.template)


# --------------------------------------------------------------------------- copy, agency search


class PlanCopyView(ActionRequiredMixin, FormView):
    action = "plan.create"
    template_name = "plans/plan_copy.html"
    form_class = PlanCopyForm

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.select_related("issuing_agency"), pk=self.kwargs["pk"]
            )
        return self._plan

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["plan"] = self.get_plan()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.get_plan()
        return context

    def form_valid(self, form):
        source = self.get_plan()
        try:
            plan = services.plan_copy(
                plan=source,
                years=form.cleaned_data["years"],
                user=self.request.user,
                include=form.cleaned_data["include"],
            )
        except ValidationError as error:
            form.add_error("include", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã sao chép thành kế hoạch mới năm %(year)s. Hãy rà soát lại nội dung.") % {"year": plan.year},
        )
        for note in form.copy_notes():
            messages.info(self.request, note)
        return redirect(plan.get_absolute_url())


class AgencySearchView(ActionRequiredMixin, View):
    """Directory entries matching ``?q=``: <option>s for a datalist, or JSON."""

    action = "agency.search"

    def get(self, request, *args, **kwargs):
        agencies = selectors.agency_search(request.GET.get("q", ""))
        if request.GET.get("format") == "json":
            return JsonResponse(
                {"results": [{"id": a.pk, "name": a.name, "short_name": a.short_name} for a in agencies]}
            )
        return render(request, "plans/parts/agency_options.html", {"agencies": agencies})


class PlanReplaceView(ActionRequiredMixin, View):
    """POST: start a correction of an issued plan (a new draft that replaces it)."""

    action = "plan.create"

    def post(self, request, *args, **kwargs):
        plan = get_object_or_404(Plan, pk=self.kwargs["pk"])
        try:
            new = services.plan_replace(plan=plan, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(plan.get_absolute_url())
        messages.success(request, _("Đã tạo dự thảo văn bản thay thế. Hãy sửa nội dung cần đính chính."))
        return redirect(new.get_absolute_url())
