"""The printed plan: its PDF, and the same HTML for the browser.

An issued plan's PDF is the file stored when the clerk issued it: every
download serves those bytes, never a new rendering. A draft's PDF comes
from the render cache (``documents.cache``) when it is unchanged; a long
plan not yet rendered is made by a worker (``plans.jobs``) when one runs."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin

from documents import jobs, workflow
from documents.docx import WordFormatMixin
from documents.views import job_started_response

from ..documents import plan_printable, plan_queryset
from ..jobs import PLAN_PDF, plan_pdf_in_background
from ..permissions import ActionRequiredMixin


class _PlanPrintableMixin(WordFormatMixin, ActionRequiredMixin):
    action = "plan.print"

    def get_plan(self):
        return get_object_or_404(plan_queryset(), pk=self.kwargs["pk"])

    def get_printable(self):
        return plan_printable(self.get_plan())


class PlanPdfView(_PlanPrintableMixin, View):
    """GET -> the PDF as a download; ``?inline=1`` shows it in the browser
    (and may be framed by the site's own pages: the review page does).
    Routed with ``document_format="docx"``: the same plan as a Word file."""

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        printable = plan_printable(plan)
        if self.wants_word:
            return self.printable_word_response(printable)
        entry = workflow.entry_for(plan)
        inline = request.GET.get("inline") == "1"
        if entry is not None:
            data = workflow.stored_pdf(entry)
        else:
            if (
                not inline
                and request.GET.get("ngay") != "1"
                and plan_pdf_in_background(plan)
                and not printable.is_pdf_cached()
            ):
                job = jobs.job_start(
                    owner=request.user,
                    kind=PLAN_PDF,
                    params={"plan_id": plan.pk},
                    title=f"PDF {printable.filename}",
                )
                return job_started_response(request, job)
            data = printable.pdf()
        filename = printable.filename
        response = HttpResponse(data, content_type="application/pdf")
        # The file name is ASCII by construction (formatting.pdf_filename).
        response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        if inline:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


@method_decorator(xframe_options_sameorigin, name="dispatch")
class PlanPrintView(_PlanPrintableMixin, View):
    """The HTML the PDF is made from, for the browser and the preview iframe."""

    def get(self, request, *args, **kwargs):
        printable = self.get_printable()
        response = HttpResponse(printable.render_html(), content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
