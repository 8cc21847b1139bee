"""The printed plan: its PDF, and the same HTML for the browser."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin

from ..documents import plan_printable, plan_queryset
from ..permissions import ActionRequiredMixin


class _PlanPrintableMixin(ActionRequiredMixin):
    action = "plan.print"

    def get_printable(self):
        return plan_printable(get_object_or_404(plan_queryset(), pk=self.kwargs["pk"]))


class PlanPdfView(_PlanPrintableMixin, View):
    """GET -> the PDF as a download; ``?inline=1`` shows it in the browser."""

    def get(self, request, *args, **kwargs):
        printable = self.get_printable()
        response = HttpResponse(printable.render_pdf(), content_type="application/pdf")
        disposition = "inline" if request.GET.get("inline") == "1" else "attachment"
        # The file name is ASCII by construction (formatting.pdf_filename).
        response["Content-Disposition"] = f'{disposition}; filename="{printable.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(xframe_options_sameorigin, name="dispatch")
class PlanPrintView(_PlanPrintableMixin, View):
    """The HTML the PDF is made from, for the browser and the preview iframe."""

    def get(self, request, *args, **kwargs):
        printable = self.get_printable()
        response = HttpResponse(printable.render_html(), content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
