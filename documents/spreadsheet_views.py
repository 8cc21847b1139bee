"""The steps of bringing an edited Excel sheet back, shared by the task
table's and the programme's imports: upload -> row-by-row report ->
confirmation -> the app's import service.

An import view subclasses ``SpreadsheetImportView`` after its permission
mixin and fills in the hooks below; the flow (locked check, upload form,
report, signed payload, confirmation, messages) is this one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import TemplateView

from . import spreadsheets as sheets


class SpreadsheetImportView(TemplateView):
    """GET: the upload form. POST a file: the report. POST ``confirm``: apply."""

    # Signs the confirmed rows (``sheets.dump_rows``): one per kind of import.
    salt: str = ""
    max_rows: int = 0

    # ---- hooks

    def get_scope(self) -> int:
        """The primary key the signed rows are bound to (a plan, an event)."""
        raise NotImplementedError

    def edit_refusal(self) -> None:
        """Raise ValidationError when the target may not change now."""

    def parse(self, data: bytes, *, mode: str) -> list:
        """The report: one item per row, each with ``errors`` and ``row``."""
        raise NotImplementedError

    def payload_row(self, item) -> dict:
        raise NotImplementedError

    def dropped(self, report: list) -> int:
        """How many existing rows a replace would delete."""
        raise NotImplementedError

    def apply(self, rows: list[dict], *, mode: str) -> int:
        """Import the confirmed rows; the number made. ValidationError refuses."""
        raise NotImplementedError

    def import_url(self) -> str:
        raise NotImplementedError

    def done_url(self) -> str:
        raise NotImplementedError

    def done_message(self, *, mode: str, count: int) -> str:
        raise NotImplementedError

    def import_context(self) -> dict[str, Any]:
        """What the page shows beside the form (the target, its links, counts)."""
        return {}

    # ---- the flow

    def locked_message(self) -> str:
        try:
            self.edit_refusal()
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.import_context(), locked=self.locked_message(), max_rows=self.max_rows)
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
            report = self.parse(form.cleaned_data["file"].read(), mode=mode)
        except sheets.SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        errors = sum(1 for item in report if item.errors)
        payload = ""
        if report and not errors:
            payload = sheets.dump_rows(
                [self.payload_row(item) for item in report], salt=self.salt, scope=self.get_scope(), mode=mode
            )
        dropped = self.dropped(report) if payload and mode == sheets.UploadForm.MODE_REPLACE else 0
        return self.render_to_response(
            self.get_context_data(
                form=form, report=report, errors=errors, payload=payload, mode=mode, dropped=dropped
            )
        )

    def confirm(self, request):
        try:
            mode, rows = sheets.load_rows(
                request.POST.get("payload", ""), salt=self.salt, scope=self.get_scope()
            )
        except sheets.SpreadsheetError as error:
            messages.error(request, str(error))
            return redirect(self.import_url())
        try:
            count = self.apply(rows, mode=mode)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.import_url())
        messages.success(request, self.done_message(mode=mode, count=count))
        return redirect(self.done_url())
