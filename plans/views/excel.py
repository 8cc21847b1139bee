"""The task table as Excel: download it, and bring an edited copy back
(upload -> row-by-row report -> confirmation -> ``services.task_table_import``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from documents import spreadsheets as sheets
from plans import services, spreadsheets
from plans.models import Plan, Task
from plans.permissions import ActionRequiredMixin

SALT = "plans.task_import"


def _plan(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("issuing_agency"), pk=pk)


class TaskTableExportView(ActionRequiredMixin, View):
    action = "plan.view"

    def get(self, request, *args, **kwargs):
        plan = _plan(self.kwargs["pk"])
        response = HttpResponse(spreadsheets.export_workbook(plan), content_type=sheets.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="nhiem-vu-ke-hoach-{plan.pk}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


class TaskTableImportView(ActionRequiredMixin, TemplateView):
    """GET: the upload form. POST a file: the report. POST ``confirm``: apply."""

    action = "plan.edit"
    template_name = "plans/task_import.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = None
        return super().dispatch(request, *args, **kwargs)

    def get_plan(self) -> Plan:
        if self.plan is None:
            self.plan = _plan(self.kwargs["pk"])
        return self.plan

    def locked_message(self) -> str:
        try:
            services.ensure_editable(self.get_plan())
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        context.update(
            plan=plan,
            locked=self.locked_message(),
            existing=Task.objects.filter(plan=plan).count(),
            editor_url=reverse("plans:detail", args=[plan.pk]) + "#part-tasks",
            export_url=reverse("plans:task_export", args=[plan.pk]),
            max_rows=spreadsheets.MAX_ROWS,
        )
        context.setdefault("form", sheets.UploadForm())
        return context

    def post(self, request, *args, **kwargs):
        locked = self.locked_message()
        if locked:
            return self.render_to_response(self.get_context_data())
        if "confirm" in request.POST:
            return self.confirm(request)
        form = sheets.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = spreadsheets.parse_workbook(form.cleaned_data["file"].read(), plan=self.get_plan())
        except sheets.SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        errors = sum(1 for item in report if item.errors)
        payload = ""
        if report and not errors:
            payload = sheets.dump_rows(
                [asdict(item.row) for item in report],
                salt=SALT,
                scope=self.get_plan().pk,
                mode=form.cleaned_data["mode"],
            )
        dropped = 0
        if payload and form.cleaned_data["mode"] == sheets.UploadForm.MODE_REPLACE:
            descriptions = [item.row.description for item in report]
            dropped = services.task_table_dropped(plan=self.get_plan(), descriptions=descriptions)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                errors=errors,
                payload=payload,
                mode=form.cleaned_data["mode"],
                dropped=dropped,
            )
        )

    def confirm(self, request):
        plan = self.get_plan()
        try:
            mode, rows = sheets.load_rows(request.POST.get("payload", ""), salt=SALT, scope=plan.pk)
        except sheets.SpreadsheetError as error:
            messages.error(request, str(error))
            return redirect("plans:task_import", plan.pk)
        try:
            created = services.task_table_import(
                plan=plan, rows=[services.TaskImportRow(**row) for row in rows], mode=mode
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("plans:task_import", plan.pk)
        if mode == sheets.UploadForm.MODE_REPLACE:
            text = _("Đã thay bảng nhiệm vụ bằng %(n)d dòng từ tệp Excel.") % {"n": len(created)}
        else:
            text = _("Đã thêm %(n)d dòng từ tệp Excel vào bảng nhiệm vụ.") % {"n": len(created)}
        messages.success(request, text)
        return redirect(reverse("plans:detail", args=[plan.pk]) + "#part-tasks")
