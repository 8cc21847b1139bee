"""The programme editor of an event (HTMX partials), its drag-and-drop reorder,
and the programme printed alone (PDF and the same HTML for the browser).

Every change answers with the programme part re-rendered from the database.
Errors of the timing rules come back next to the field they concern.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView

from conferences.models import Event
from documents import cache, renderer
from documents.docx import WordFormatMixin
from documents.viewutils import attach_error as _attach_error
from documents.viewutils import url_or_none as _url_or_none
from plans.models import Appendix
from plans.permissions import ActionRequiredMixin, can

from . import blocks, documents, selectors, services
from .forms import DurationForm, ProgrammeForm, SlotForm
from .models import Programme, ProgrammeLayout, ProgrammeSlot

VIEW_ACTION = "plan.view"
EDIT_ACTION = "plan.edit"
PRINT_ACTION = "plan.print"
PLAN_CHANGED = "planChanged"
PART = "agenda/programme_editor.html#programme"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class EventMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_event(self) -> Event:
        if not hasattr(self, "_event"):
            self._event = get_object_or_404(
                Event.objects.select_related("plan__issuing_agency__parent", "venue"),
                plan_id=self.kwargs["plan_pk"],
                pk=self.kwargs["event_pk"],
            )
        return self._event


def editor_context(request, event: Event, **overrides: Any) -> dict[str, Any]:
    plan = event.plan
    editable = can(request.user, EDIT_ACTION) and not plan.is_issued
    programme, slots = selectors.event_programme(event)
    layout = programme.layout if programme else ProgrammeLayout.TIMED
    timed = layout == ProgrammeLayout.TIMED
    rows = blocks.programme_rows(slots)
    for row, slot in zip(rows, slots, strict=True):
        row["slot"] = slot
        row["duration"] = slot.duration_minutes
    context: dict[str, Any] = {
        "plan": plan,
        "event": event,
        "programme": programme,
        "timed": timed,
        "rows": rows,
        "editable": editable,
        "attached": Appendix.objects.filter(plan=plan, block=services.BLOCK_KEY).exists(),
        "event_url": event.get_absolute_url(),
        "pdf_url": reverse("agenda:pdf", args=[plan.pk, event.pk]),
        "print_url": reverse("agenda:print", args=[plan.pk, event.pk]),
        "plan_pdf_url": _url_or_none("plans:pdf", plan.pk),
        "edit_pk": None,
        "duration_errors": {},
    }
    if editable:
        initial_programme = {"title": services.default_title(event)} if programme is None else {}
        context.update(
            programme_form=ProgrammeForm(instance=programme, prefix="programme", initial=initial_programme),
            slot_form=SlotForm(
                prefix="new-slot", timed=timed, initial=_next_slot_initial(slots) if timed else {}
            ),
        )
    context.update(overrides)
    return context


def _next_slot_initial(slots: list[ProgrammeSlot]) -> dict[str, Any]:
    """A new timed slot starts where the last one ends."""
    ends = [slot.end_time for slot in slots if slot.end_time is not None]
    return {"start_time": max(ends)} if ends else {}


class ProgrammeEditorView(EventMixin, TemplateView):
    template_name = "agenda/programme_editor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(editor_context(self.request, self.get_event()))
        return context


class ProgrammeEditMixin(EventMixin):
    action = EDIT_ACTION

    def respond(
        self, *, error: str = "", changed: bool = True, show: bool = False, **extra: Any
    ) -> HttpResponse:
        """The programme part for HTMX; without HTMX a redirect to the editor
        after a change, or the whole editor when there is something to show."""
        event = self.get_event()
        context = editor_context(self.request, event, part_error=error, **extra)
        if not self.request.htmx:
            if not error and not show:
                return redirect("agenda:editor", event.plan_id, event.pk)
            if error:
                messages.error(self.request, error)
            return render(self.request, "agenda/programme_editor.html", context)
        response = render(self.request, PART, context)
        if changed and not error:
            response["HX-Trigger"] = PLAN_CHANGED
        return response

    def get_slot(self) -> ProgrammeSlot:
        return get_object_or_404(
            ProgrammeSlot.objects.select_related("event"), event=self.get_event(), pk=self.kwargs["slot"]
        )


class ProgrammePartView(ProgrammeEditMixin, View):
    """GET: the programme part as shown (the "Hủy" buttons)."""

    action = VIEW_ACTION

    def get(self, request, *args, **kwargs):
        return self.respond(changed=False, show=True)


class ProgrammeSettingsView(ProgrammeEditMixin, View):
    def post(self, request, *args, **kwargs):
        event = self.get_event()
        form = ProgrammeForm(
            request.POST, instance=Programme.objects.filter(event=event).first(), prefix="programme"
        )
        if not form.is_valid():
            return self.respond(changed=False, show=True, programme_form=form)
        try:
            services.programme_update(event=event, data=form.cleaned_data)
        except ValidationError as error:
            _attach_error(form, error)
            return self.respond(changed=False, show=True, programme_form=form)
        return self.respond(settings_saved=True)


class SlotCreateView(ProgrammeEditMixin, View):
    def post(self, request, *args, **kwargs):
        event = self.get_event()
        programme = services.programme_for(event)
        timed = programme.layout == ProgrammeLayout.TIMED
        form = SlotForm(request.POST, prefix="new-slot", timed=timed)
        if not form.is_valid():
            return self.respond(changed=False, show=True, slot_form=form)
        after = None
        if request.POST.get("after", "").isdigit():
            after = ProgrammeSlot.objects.filter(event=event, pk=int(request.POST["after"])).first()
        try:
            services.slot_create(event=event, data=form.cleaned_data, after=after)
        except ValidationError as error:
            _attach_error(form, error)
            return self.respond(changed=False, show=True, slot_form=form)
        return self.respond()


class SlotUpdateView(ProgrammeEditMixin, View):
    """GET: the slot's row as an edit form. POST: save it."""

    def form(self, slot: ProgrammeSlot, data=None) -> SlotForm:
        programme = services.programme_for(slot.event)
        return SlotForm(
            data, instance=slot, prefix=f"slot-{slot.pk}", timed=programme.layout == ProgrammeLayout.TIMED
        )

    def get(self, request, *args, **kwargs):
        slot = self.get_slot()
        return self.respond(changed=False, show=True, edit_pk=slot.pk, edit_form=self.form(slot))

    def post(self, request, *args, **kwargs):
        slot = self.get_slot()
        form = self.form(slot, request.POST)
        if not form.is_valid():
            return self.respond(changed=False, show=True, edit_pk=slot.pk, edit_form=form)
        try:
            services.slot_update(
                slot=ProgrammeSlot.objects.select_related("event").get(pk=slot.pk), data=form.cleaned_data
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.respond(changed=False, show=True, edit_pk=slot.pk, edit_form=form)
        return self.respond()


class SlotDeleteView(ProgrammeEditMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.slot_delete(slot=self.get_slot())
        except ValidationError as error:
            return self.respond(error=_error_text(error))
        return self.respond()


class SlotMoveView(ProgrammeEditMixin, View):
    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction", "")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest(_("Hướng di chuyển không hợp lệ."))
        try:
            services.slot_move(slot=self.get_slot(), direction=direction)
        except ValidationError as error:
            return self.respond(error=_error_text(error))
        return self.respond()


class SlotsReorderView(ProgrammeEditMixin, View):
    """POST ``order`` (slot ids, one value each, in the new order): what the
    drag and drop sends."""

    def post(self, request, *args, **kwargs):
        order = []
        for value in request.POST.getlist("order"):
            for part in value.split(","):
                if part.strip().isdigit():
                    order.append(int(part))
        if not order:
            return self.respond(error=_("Không nhận được thứ tự mới."))
        try:
            services.slots_reorder(event=self.get_event(), order=order)
        except ValidationError as error:
            return self.respond(error=_error_text(error))
        return self.respond()


class SlotDurationView(ProgrammeEditMixin, View):
    def post(self, request, *args, **kwargs):
        slot = self.get_slot()
        form = DurationForm(request.POST, prefix=f"duration-{slot.pk}")
        if not form.is_valid():
            return self.respond(
                changed=False, show=True, duration_errors={slot.pk: " ".join(form.errors.get("minutes", []))}
            )
        try:
            services.slot_set_duration(
                slot=slot, minutes=form.cleaned_data["minutes"], shift_following=form.cleaned_data["shift"]
            )
        except ValidationError as error:
            return self.respond(changed=False, show=True, duration_errors={slot.pk: _error_text(error)})
        return self.respond()


class ProgrammeAttachView(ProgrammeEditMixin, View):
    """POST: make the programme a phụ lục of the plan."""

    def post(self, request, *args, **kwargs):
        try:
            services.programme_attach(event=self.get_event())
        except ValidationError as error:
            return self.respond(error=_error_text(error))
        return self.respond(attached_now=True)


# --------------------------------------------------------------------------- printing


class ProgrammePrintMixin(WordFormatMixin, EventMixin):
    action = PRINT_ACTION

    def context(self) -> dict[str, Any]:
        return documents.build_programme_document(self.get_event())


class ProgrammePdfView(ProgrammePrintMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.context()
        event = self.get_event()
        if self.wants_word:
            return self.word_response(
                documents.TEMPLATE,
                context,
                title=context["meta"]["title"],
                author=context["meta"]["author"],
                filename=documents.programme_filename(event, None),
            )
        data = cache.cached_pdf(
            documents.TEMPLATE, context, title=context["meta"]["title"], author=context["meta"]["author"]
        )
        response = HttpResponse(data, content_type="application/pdf")
        disposition = "inline" if request.GET.get("inline") == "1" else "attachment"
        response["Content-Disposition"] = (
            f'{disposition}; filename="{documents.programme_filename(event, None)}"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ProgrammePrintView(ProgrammePrintMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.context()
        html = renderer.render_html(
            documents.TEMPLATE,
            {**context, "title": context["meta"]["title"], "author": context["meta"]["author"]},
        )
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
