"""The programme as Excel: download it, and bring an edited copy back
(upload -> row-by-row report -> confirmation -> ``services.programme_import``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from conferences.formatting import time_text
from documents import spreadsheets as sheets
from documents.spreadsheet_views import SpreadsheetImportView
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


class ProgrammeImportView(EventMixin, SpreadsheetImportView):
    action = EDIT_ACTION
    template_name = "agenda/programme_import.html"
    salt = SALT
    max_rows = spreadsheets.MAX_ROWS

    def get_scope(self) -> int:
        return self.get_event().pk

    def edit_refusal(self) -> None:
        plan_services.ensure_editable(self.get_event().plan)

    def parse(self, data: bytes, *, mode: str) -> list:
        return spreadsheets.parse_workbook(data, event=self.get_event(), mode=mode)

    def payload_row(self, item) -> dict:
        return spreadsheets.row_to_payload(item.row)

    def dropped(self, report: list) -> int:
        return services.programme_dropped(
            event=self.get_event(), contents=[item.row.content for item in report]
        )

    def apply(self, rows: list[dict], *, mode: str) -> int:
        created = services.programme_import(
            event=self.get_event(), rows=[spreadsheets.row_from_payload(row) for row in rows], mode=mode
        )
        return len(created)

    def import_url(self) -> str:
        event = self.get_event()
        return reverse("agenda:import", args=[event.plan_id, event.pk])

    def done_url(self) -> str:
        event = self.get_event()
        return reverse("agenda:editor", args=[event.plan_id, event.pk])

    def done_message(self, *, mode: str, count: int) -> str:
        if mode == sheets.UploadForm.MODE_REPLACE:
            return _("Đã thay chương trình bằng %(n)d dòng từ tệp Excel.") % {"n": count}
        return _("Đã thêm %(n)d dòng từ tệp Excel vào chương trình.") % {"n": count}

    def import_context(self) -> dict[str, Any]:
        event = self.get_event()
        programme = Programme.objects.filter(event=event).first()
        return {
            "plan": event.plan,
            "event": event,
            "timed": programme is None or programme.layout == ProgrammeLayout.TIMED,
            "day": (
                time_text(programme.day_start if programme else DEFAULT_DAY_START),
                time_text(programme.day_end if programme else DEFAULT_DAY_END),
            ),
            "existing": ProgrammeSlot.objects.filter(event=event).count(),
            "editor_url": reverse("agenda:editor", args=[event.plan_id, event.pk]),
            "export_url": reverse("agenda:export", args=[event.plan_id, event.pk]),
        }
