"""The programme as Excel: download it, and bring an edited copy back
(upload -> row-by-row report -> confirmation -> ``services.programme_import``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from conferences.formatting import time_text
from documents import spreadsheets as sheets
from plans import services as plan_services

from . import services, spreadsheets
from .models import DEFAULT_DAY_END, DEFAULT_DAY_START, Programme, ProgrammeLayout, ProgrammeSlot
from .views import EDIT_ACTION, EventMixin

SALT = "agenda.programme_import"


class ProgrammeExportView(EventMixin, View):
    """plan.view, as the editor page."""

    def get(self, request, *args, **kwargs):
        event = self.get_event()
        response = HttpResponse(spreadsheets.export_workbook(event), content_type=sheets.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="chuong-trinh-{event.plan_id}-{event.pk}.xlsx"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ProgrammeImportView(EventMixin, TemplateView):
    """GET: the upload form. POST a file: the report. POST ``confirm``: apply."""

    action = EDIT_ACTION
    template_name = "agenda/programme_import.html"

    def locked_message(self) -> str:
        try:
            plan_services.ensure_editable(self.get_event().plan)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.get_event()
        programme = Programme.objects.filter(event=event).first()
        context.update(
            plan=event.plan,
            event=event,
            timed=programme is None or programme.layout == ProgrammeLayout.TIMED,
            day=(
                time_text(programme.day_start if programme else DEFAULT_DAY_START),
                time_text(programme.day_end if programme else DEFAULT_DAY_END),
            ),
            locked=self.locked_message(),
            existing=ProgrammeSlot.objects.filter(event=event).count(),
            editor_url=reverse("agenda:editor", args=[event.plan_id, event.pk]),
            export_url=reverse("agenda:export", args=[event.plan_id, event.pk]),
            max_rows=spreadsheets.MAX_ROWS,
        )
        context.setdefault("form", sheets.UploadForm())
        return context

    def post(self, request, *args, **kwargs):
        if self.locked_message():
            return self.render_to_response(self.get_context_data())
        if "confirm" in request.POST:
            return self.confirm(request)
        form = sheets.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        mode = form.cleaned_data["mode"]
        try:
            report = spreadsheets.parse_workbook(
                form.cleaned_data["file"].read(), event=self.get_event(), mode=mode
            )
        except sheets.SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        errors = sum(1 for item in report if item.errors)
        payload = ""
        if report and not errors:
            payload = sheets.dump_rows(
                [spreadsheets.row_to_payload(item.row) for item in report],
                salt=SALT,
                scope=self.get_event().pk,
                mode=mode,
            )
        dropped = 0
        if payload and mode == sheets.UploadForm.MODE_REPLACE:
            contents = [item.row.content for item in report]
            dropped = services.programme_dropped(event=self.get_event(), contents=contents)
        return self.render_to_response(
            self.get_context_data(
                form=form, report=report, errors=errors, payload=payload, mode=mode, dropped=dropped
            )
        )

    def confirm(self, request):
        event = self.get_event()
        try:
            mode, rows = sheets.load_rows(request.POST.get("payload", ""), salt=SALT, scope=event.pk)
        except sheets.SpreadsheetError as error:
            messages.error(request, str(error))
            return redirect("agenda:import", event.plan_id, event.pk)
        try:
            created = services.programme_import(
                event=event, rows=[spreadsheets.row_from_payload(row) for row in rows], mode=mode
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("agenda:import", event.plan_id, event.pk)
        if mode == sheets.UploadForm.MODE_REPLACE:
            text = _("Đã thay chương trình bằng %(n)d dòng từ tệp Excel.") % {"n": len(created)}
        else:
            text = _("Đã thêm %(n)d dòng từ tệp Excel vào chương trình.") % {"n": len(created)}
        messages.success(request, text)
        return redirect("agenda:editor", event.plan_id, event.pk)
