"""The staff's event pages: a plan's events, the event editor and its HTMX parts.

Every change answers with the part of the page it changed (one of the
sections: general, participants, sites, delegations, budget), re-rendered
from the database, plus the warnings box out of band. Without HTMX the same
URLs redirect to the editor (or show it with the form's errors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from plans.models import Agency, Plan
from plans.permissions import ActionRequiredMixin, can

from . import formatting, selectors, services
from .forms import (
    BudgetItemForm,
    DelegationForm,
    DestinationForm,
    EntryForm,
    EventCreateForm,
    EventForm,
    FundingForm,
    GroupForm,
    SiteForm,
    SiteRowFormSet,
    SitesFromDirectoryForm,
)
from .models import (
    BudgetItem,
    Delegation,
    Destination,
    Event,
    EventKind,
    FundingSource,
    OnlineSite,
    ParticipantEntry,
    ParticipantGroup,
)

VIEW_ACTION = "plan.view"
EDIT_ACTION = "plan.edit"
PLAN_CHANGED = "planChanged"
SECTIONS = ("general", "participants", "sites", "delegations", "budget")
DATE_EXAMPLES = (
    "dự kiến ngày 25/02/2020 (01 ngày)",
    "Trong tháng 5/2023",
    "dự kiến trong tháng 5/2023",
    "đầu tháng 10 năm 2023",
    "Trong tháng 01/2024 (thời gian cụ thể sẽ có giấy mời)",
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --------------------------------------------------------------------------- access


class PlanEventsMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.select_related("issuing_agency"), pk=self.kwargs["plan_pk"]
            )
        return self._plan

    def get_event(self) -> Event:
        return selectors.event_detail(plan_pk=self.kwargs["plan_pk"], pk=self.kwargs["pk"])

    def editable(self, plan: Plan) -> bool:
        return can(self.request.user, EDIT_ACTION) and not plan.is_issued


# --------------------------------------------------------------------------- list and create


class EventListView(PlanEventsMixin, TemplateView):
    template_name = "conferences/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        events = selectors.event_list(plan)
        for event in events:
            event.warnings = selectors.event_warnings(event)
            event.figures = selectors.event_figures(event)
            event.dates = formatting.dates_as_written(event.date_text, event.start_date, event.end_date)
        context.update(plan=plan, events=events, editable=self.editable(plan))
        return context


class EventCreateView(PlanEventsMixin, FormView):
    action = EDIT_ACTION
    template_name = "conferences/event_create.html"
    form_class = EventCreateForm

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind if kind in EventKind.values else EventKind.CONFERENCE}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(plan=self.get_plan(), date_examples=DATE_EXAMPLES)
        return context

    def form_valid(self, form):
        try:
            event = services.event_create(plan=self.get_plan(), data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tạo sự kiện. Hãy nhập thành phần, kinh phí và chương trình."))
        return redirect(event.get_absolute_url())


# --------------------------------------------------------------------------- the editor


def editor_context(request, event: Event, **overrides: Any) -> dict[str, Any]:
    plan = event.plan
    editable = can(request.user, EDIT_ACTION) and not plan.is_issued
    groups = list(event.participant_groups.all())
    delegations = list(event.delegations.all())
    rows, total = [], 0
    for item in event.budget_items.all():
        amount = item.amount
        total += amount
        rows.append(
            {
                "item": item,
                "quantity": formatting.quantity_text(item.quantity),
                "unit_price": formatting.vnd(item.unit_price),
                "amount": formatting.vnd(amount),
            }
        )
    context: dict[str, Any] = {
        "plan": plan,
        "event": event,
        "editable": editable,
        "warnings": selectors.event_warnings(event),
        "figures": selectors.event_figures(event),
        "dates": formatting.dates_as_written(event.date_text, event.start_date, event.end_date),
        "groups": groups,
        "sites": list(event.sites.all()),
        "delegations": delegations,
        "funding_sources": list(event.funding_sources.all()),
        "budget_rows": rows,
        "budget_total": formatting.vnd(total),
        "date_examples": DATE_EXAMPLES,
        "programme_url": _programme_url(event),
        "print_url": _reverse_or_none("plans:print", plan.pk),
        "pdf_url": _reverse_or_none("plans:pdf", plan.pk),
        "edit_part": "",
        "edit_pk": None,
    }
    if editable:
        context.update(
            event_form=EventForm(instance=event, prefix="event"),
            group_form=GroupForm(prefix="new-group"),
            entry_form=EntryForm(prefix="new-entry", groups=groups) if groups else None,
            site_form=SiteForm(prefix="new-site"),
            site_rows=SiteRowFormSet(prefix="sites"),
            directory_form=SitesFromDirectoryForm(prefix="directory"),
            delegation_form=DelegationForm(prefix="new-delegation"),
            destination_form=DestinationForm(prefix="new-destination", delegations=delegations)
            if delegations
            else None,
            funding_form=FundingForm(prefix="new-funding"),
            budget_form=BudgetItemForm(prefix="new-budget", initial={"quantity": 1}),
        )
    context.update(overrides)
    return context


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # another app's url may be absent
        return None


def _programme_url(event: Event) -> str | None:
    return _reverse_or_none("agenda:editor", event.plan_id, event.pk)


class EventDetailView(PlanEventsMixin, TemplateView):
    template_name = "conferences/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(editor_context(self.request, self.get_event()))
        return context


class EventEditMixin(PlanEventsMixin):
    action = EDIT_ACTION

    def respond(
        self, section: str, *, error: str = "", changed: bool = True, show: bool = False, **extra: Any
    ) -> HttpResponse:
        """The re-rendered section for HTMX. Without HTMX: a redirect to the
        editor after a change, the whole editor when there is something to
        show (an invalid form, an edit form: ``show``) or an error."""
        if section not in SECTIONS:
            raise Http404
        event = self.get_event()
        context = editor_context(self.request, event, part_error=error, oob=True, **extra)
        if not self.request.htmx:
            if not error and not show:
                return redirect(f"{event.get_absolute_url()}#{section}-part")
            if error:
                messages.error(self.request, error)
            return render(self.request, "conferences/event_detail.html", context)
        response = render(self.request, f"conferences/parts/{section}.html#section", context)
        if changed and not error:
            response["HX-Trigger"] = PLAN_CHANGED
        return response


class EventSectionView(EventEditMixin, View):
    """GET a section as shown (the "Hủy" buttons of edit forms)."""

    action = VIEW_ACTION

    def get(self, request, *args, **kwargs):
        return self.respond(self.kwargs["section"], changed=False, show=True)


class EventUpdateView(EventEditMixin, View):
    def post(self, request, *args, **kwargs):
        event = self.get_event()
        form = EventForm(request.POST, instance=Event.objects.get(pk=event.pk), prefix="event")
        if not form.is_valid():
            return self.respond("general", changed=False, show=True, event_form=form)
        try:
            services.event_update(event=Event.objects.get(pk=event.pk), data=form.cleaned_data)
        except ValidationError as error:
            return self.respond("general", error=_error_text(error))
        return self.respond("general", saved=True)


class EventDeleteView(EventEditMixin, View):
    def post(self, request, *args, **kwargs):
        event = get_object_or_404(Event, plan_id=self.kwargs["plan_pk"], pk=self.kwargs["pk"])
        try:
            services.event_delete(event=event)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(event.get_absolute_url())
        messages.success(request, _("Đã xóa sự kiện «%(name)s».") % {"name": event.name})
        url = reverse("conferences:list", args=[self.kwargs["plan_pk"]])
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


class EventMoveView(EventEditMixin, View):
    def post(self, request, *args, **kwargs):
        event = get_object_or_404(Event, plan_id=self.kwargs["plan_pk"], pk=self.kwargs["pk"])
        direction = request.POST.get("direction", "")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest(_("Hướng di chuyển không hợp lệ."))
        try:
            services.event_move(event=event, direction=direction)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect("conferences:list", self.kwargs["plan_pk"])


# --------------------------------------------------------------------------- rows of an event


@dataclass(frozen=True)
class Part:
    name: str
    slug: str
    section: str
    model: type[models.Model]
    form_class: type
    items: Callable[[Event], models.QuerySet]
    create: Callable[[Event, Any], Any]
    update: Callable[[Any, Any], Any]
    delete: Callable[[Any], Any]
    move: Callable[[Any, str], Any]
    # (event) -> extra form kwargs (the choices of a parent row)
    form_kwargs: Callable[[Event], dict] = lambda event: {}


def _group_of(event: Event, form) -> ParticipantGroup:
    return get_object_or_404(ParticipantGroup, event=event, pk=form.cleaned_data["group"])


def _delegation_of(event: Event, form) -> Delegation:
    return get_object_or_404(Delegation, event=event, pk=form.cleaned_data["delegation"])


def _data(form, *exclude: str) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in exclude}


PARTS: dict[str, Part] = {
    part.name: part
    for part in (
        Part(
            name="group",
            slug="nhom",
            section="participants",
            model=ParticipantGroup,
            form_class=GroupForm,
            items=lambda event: ParticipantGroup.objects.filter(event=event),
            create=lambda event, form: services.group_create(event=event, data=form.cleaned_data),
            update=lambda obj, form: services.group_update(group=obj, data=form.cleaned_data),
            delete=lambda obj: services.group_delete(group=obj),
            move=lambda obj, direction: services.group_move(group=obj, direction=direction),
        ),
        Part(
            name="entry",
            slug="thanh-phan",
            section="participants",
            model=ParticipantEntry,
            form_class=EntryForm,
            items=lambda event: ParticipantEntry.objects.filter(group__event=event).select_related(
                "group__event"
            ),
            create=lambda event, form: services.entry_create(
                group=_group_of(event, form),
                data=_data(form, "group", "agencies", "agency_kind"),
                agencies=form.linked_agencies(),
            ),
            update=lambda obj, form: services.entry_update(
                entry=obj, data=_data(form, "agencies", "agency_kind"), agencies=form.linked_agencies()
            ),
            delete=lambda obj: services.entry_delete(entry=obj),
            move=lambda obj, direction: services.entry_move(entry=obj, direction=direction),
            form_kwargs=lambda event: {"groups": list(ParticipantGroup.objects.filter(event=event))},
        ),
        Part(
            name="site",
            slug="diem-cau",
            section="sites",
            model=OnlineSite,
            form_class=SiteForm,
            items=lambda event: OnlineSite.objects.filter(event=event).select_related("event"),
            create=lambda event, form: services.site_create(event=event, data=form.cleaned_data),
            update=lambda obj, form: services.site_update(site=obj, data=form.cleaned_data),
            delete=lambda obj: services.site_delete(site=obj),
            move=lambda obj, direction: services.site_move(site=obj, direction=direction),
        ),
        Part(
            name="delegation",
            slug="doan",
            section="delegations",
            model=Delegation,
            form_class=DelegationForm,
            items=lambda event: Delegation.objects.filter(event=event).select_related("event"),
            create=lambda event, form: services.delegation_create(event=event, data=form.cleaned_data),
            update=lambda obj, form: services.delegation_update(delegation=obj, data=form.cleaned_data),
            delete=lambda obj: services.delegation_delete(delegation=obj),
            move=lambda obj, direction: services.delegation_move(delegation=obj, direction=direction),
        ),
        Part(
            name="destination",
            slug="diem-den",
            section="delegations",
            model=Destination,
            form_class=DestinationForm,
            items=lambda event: Destination.objects.filter(delegation__event=event).select_related(
                "delegation__event"
            ),
            create=lambda event, form: services.destination_create(
                delegation=_delegation_of(event, form), data=_data(form, "delegation")
            ),
            update=lambda obj, form: services.destination_update(destination=obj, data=form.cleaned_data),
            delete=lambda obj: services.destination_delete(destination=obj),
            move=lambda obj, direction: services.destination_move(destination=obj, direction=direction),
            form_kwargs=lambda event: {"delegations": list(Delegation.objects.filter(event=event))},
        ),
        Part(
            name="funding",
            slug="nguon-kinh-phi",
            section="budget",
            model=FundingSource,
            form_class=FundingForm,
            items=lambda event: FundingSource.objects.filter(event=event).select_related("event"),
            create=lambda event, form: services.funding_create(event=event, data=form.cleaned_data),
            update=lambda obj, form: services.funding_update(source=obj, data=form.cleaned_data),
            delete=lambda obj: services.funding_delete(source=obj),
            move=lambda obj, direction: services.funding_move(source=obj, direction=direction),
        ),
        Part(
            name="budget",
            slug="muc-chi",
            section="budget",
            model=BudgetItem,
            form_class=BudgetItemForm,
            items=lambda event: BudgetItem.objects.filter(event=event).select_related("event"),
            create=lambda event, form: services.budget_item_create(event=event, data=form.cleaned_data),
            update=lambda obj, form: services.budget_item_update(item=obj, data=form.cleaned_data),
            delete=lambda obj: services.budget_item_delete(item=obj),
            move=lambda obj, direction: services.budget_item_move(item=obj, direction=direction),
        ),
    )
}


class PartMixin(EventEditMixin):
    part_name = ""

    @property
    def part(self) -> Part:
        return PARTS[self.part_name]

    def get_event_row(self) -> Event:
        return get_object_or_404(Event, plan_id=self.kwargs["plan_pk"], pk=self.kwargs["pk"])

    def get_item(self, event: Event):
        return get_object_or_404(self.part.items(event), pk=self.kwargs["item"])


class PartCreateView(PartMixin, View):
    def post(self, request, *args, **kwargs):
        event = self.get_event_row()
        form = self.part.form_class(
            request.POST, prefix=f"new-{self.part.name}", **self.part.form_kwargs(event)
        )
        if not form.is_valid():
            return self.respond(
                self.part.section, changed=False, show=True, **{f"{self.part.name}_form": form}
            )
        try:
            self.part.create(event, form)
        except ValidationError as error:
            return self.respond(self.part.section, error=_error_text(error))
        return self.respond(self.part.section)


class PartUpdateView(PartMixin, View):
    """GET: the section with this row as an edit form. POST: save it."""

    def edit_form(self, item, data=None):
        initial = {}
        if self.part.name == "entry":
            initial["agencies"] = list(item.agencies.all())
        return self.part.form_class(
            data, instance=item, prefix=f"{self.part.name}-{item.pk}", initial=initial
        )

    def get(self, request, *args, **kwargs):
        item = self.get_item(self.get_event_row())
        return self.respond(
            self.part.section,
            changed=False,
            show=True,
            edit_part=self.part.name,
            edit_pk=item.pk,
            edit_form=self.edit_form(item),
        )

    def post(self, request, *args, **kwargs):
        item = self.get_item(self.get_event_row())
        form = self.edit_form(item, request.POST)
        if not form.is_valid():
            return self.respond(
                self.part.section,
                changed=False,
                show=True,
                edit_part=self.part.name,
                edit_pk=item.pk,
                edit_form=form,
            )
        try:
            self.part.update(self.part.model.objects.get(pk=item.pk), form)
        except ValidationError as error:
            return self.respond(self.part.section, error=_error_text(error))
        return self.respond(self.part.section)


class PartDeleteView(PartMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            self.part.delete(self.get_item(self.get_event_row()))
        except ValidationError as error:
            return self.respond(self.part.section, error=_error_text(error))
        return self.respond(self.part.section)


class PartMoveView(PartMixin, View):
    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction", "")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest(_("Hướng di chuyển không hợp lệ."))
        try:
            self.part.move(self.get_item(self.get_event_row()), direction)
        except ValidationError as error:
            return self.respond(self.part.section, error=_error_text(error))
        return self.respond(self.part.section)


# --------------------------------------------------------------------------- many sites at once


class SitesBulkView(EventEditMixin, View):
    """POST the multi-row form: every filled row becomes a site (all or none)."""

    def post(self, request, *args, **kwargs):
        event = get_object_or_404(Event, plan_id=self.kwargs["plan_pk"], pk=self.kwargs["pk"])
        formset = SiteRowFormSet(request.POST, prefix="sites")
        if not formset.is_valid():
            return self.respond("sites", changed=False, show=True, site_rows=formset)
        rows = [form.cleaned_data for form in formset if form.cleaned_data.get("name")]
        if not rows:
            return self.respond("sites", error=_("Chưa nhập dòng điểm cầu nào."))
        try:
            services.sites_create(event=event, rows=rows)
        except ValidationError as error:
            return self.respond("sites", error=_error_text(error))
        return self.respond("sites")


class SitesFromDirectoryView(EventEditMixin, View):
    """POST: one site per UBND cấp huyện (or cấp xã) of the agencies directory."""

    def post(self, request, *args, **kwargs):
        event = get_object_or_404(Event, plan_id=self.kwargs["plan_pk"], pk=self.kwargs["pk"])
        form = SitesFromDirectoryForm(request.POST, prefix="directory")
        if not form.is_valid():
            return self.respond("sites", changed=False, show=True, directory_form=form)
        agencies = (
            Agency.objects.filter(kind__code=form.cleaned_data["kind"], is_active=True)
            .select_related("kind")
            .order_by("position", "name")
        )
        defaults = {k: v for k, v in form.cleaned_data.items() if k != "kind" and v not in (None, "")}
        try:
            created = services.sites_add_agencies(event=event, agencies=agencies, defaults=defaults)
        except ValidationError as error:
            return self.respond("sites", error=_error_text(error))
        if not created:
            return self.respond("sites", error=_("Các cơ quan này đều đã có điểm cầu."))
        return self.respond("sites")
