"""The task table as Excel: download it, and bring an edited copy back
(upload -> row-by-row report -> confirmation -> ``services.task_table_import``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from documents import spreadsheets as sheets
from documents.spreadsheet_views import SpreadsheetImportView
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


class TaskTableImportView(ActionRequiredMixin, SpreadsheetImportView):
    action = "plan.edit"
    template_name = "plans/task_import.html"
    salt = SALT
    max_rows = spreadsheets.MAX_ROWS

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = _plan(self.kwargs["pk"])
        return self._plan

    def get_scope(self) -> int:
        return self.get_plan().pk

    def edit_refusal(self) -> None:
        services.ensure_editable(self.get_plan())

    def parse(self, data: bytes, *, mode: str) -> list:
        return spreadsheets.parse_workbook(data, plan=self.get_plan())

    def payload_row(self, item) -> dict:
        return asdict(item.row)

    def dropped(self, report: list) -> int:
        return services.task_table_dropped(
            plan=self.get_plan(), descriptions=[item.row.description for item in report]
        )

    def apply(self, rows: list[dict], *, mode: str) -> int:
        created = services.task_table_import(
            plan=self.get_plan(), rows=[services.TaskImportRow(**row) for row in rows], mode=mode
        )
        return len(created)

    def import_url(self) -> str:
        return reverse("plans:task_import", args=[self.get_plan().pk])

    def done_url(self) -> str:
        return reverse("plans:detail", args=[self.get_plan().pk]) + "#part-tasks"

    def done_message(self, *, mode: str, count: int) -> str:
        if mode == sheets.UploadForm.MODE_REPLACE:
            return _("Đã thay bảng nhiệm vụ bằng %(n)d dòng từ tệp Excel.") % {"n": count}
        return _("Đã thêm %(n)d dòng từ tệp Excel vào bảng nhiệm vụ.") % {"n": count}

    def import_context(self) -> dict[str, Any]:
        plan = self.get_plan()
        return {
            "plan": plan,
            "existing": Task.objects.filter(plan=plan).count(),
            "editor_url": reverse("plans:detail", args=[plan.pk]) + "#part-tasks",
            "export_url": reverse("plans:task_export", args=[plan.pk]),
        }
