"""Pages of the progress app.

Staff (``progress.view`` / ``progress.manage``): the progress pages of each
plan (dashboard, report history of a task, secret links, reminders), the
conclusions of its events and the BÁO CÁO.

Agencies (``delegates.access``: an agency account, or a secret link to one
plan): "Nhiệm vụ của đơn vị", the tasks the agency leads, and the report
form. Every agency-side lookup is filtered by the acting agency (and, with a
link, by the link's plan), so another agency's ids give 404 whatever is put
in the URL; an agency sees only its own reports and files.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from conferences.models import Event
from delegates.access import AgencyAccessMixin, links_for, revoke_link
from documents import workflow
from documents.docx import WordFormatMixin
from documents.models import DocumentStatus
from documents.viewutils import attach_error as _attach_error
from documents.viewutils import url_or_none as _url_or_none
from documents.workflow import local_today
from plans.models import Agency, Plan
from plans.permissions import ActionRequiredMixin, can

from . import charts, documents, selectors, services
from .forms import ConclusionForm, ConclusionTaskForm, ProgressReportForm, ReportForm
from .models import Conclusion, ConclusionTask, ProgressReport, TaskReport

VIEW_ACTION = "progress.view"
MANAGE_ACTION = "progress.manage"
KIND_BY_SEGMENT = {"nhiem-vu": selectors.PLAN_KIND, "ket-luan": selectors.CONCLUSION_KIND}
SEGMENT_BY_KIND = {kind: segment for segment, kind in KIND_BY_SEGMENT.items()}


def _file_response(report: TaskReport) -> FileResponse:
    if not report.file:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=report.original_name or "tep")
    response["Content-Type"] = report.content_type or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# =========================================================================== agencies


class AgencyMixin(AgencyAccessMixin):
    """The acting agency; with a link, only the link's plan."""

    access_target_model = Plan

    @property
    def via_link(self) -> bool:
        return self.agency_access.via == "link"

    @property
    def agency(self) -> Agency:
        return self.agency_access.agency

    def link_plan(self) -> Plan | None:
        if not self.via_link:
            return None
        if not hasattr(self, "_link_plan"):
            self._link_plan = Plan.objects.filter(
                pk=self.agency_access.target_id, status=DocumentStatus.ISSUED
            ).first()
            if self._link_plan is None:
                raise Http404
        return self._link_plan

    def task_url(self, item: selectors.Tracked) -> str:
        segment = SEGMENT_BY_KIND[item.kind]
        if self.via_link:
            return reverse(f"progress:link_{segment.replace('-', '_')}", args=[self.kwargs["token"], item.pk])
        return reverse(f"progress:agency_{segment.replace('-', '_')}", args=[item.pk])

    def file_url(self, report: TaskReport) -> str:
        if self.via_link:
            return reverse("progress:link_file", args=[self.kwargs["token"], report.pk])
        return reverse("progress:agency_file", args=[report.pk])

    def home_url(self) -> str:
        if self.via_link:
            return reverse("progress:link_tasks", args=[self.kwargs["token"]])
        return reverse("progress:agency_tasks")

    def base_context(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "via_link": self.via_link,
            "link_plan": self.link_plan(),
            "home_url": self.home_url(),
        }


class AgencyTasksView(AgencyMixin, TemplateView):
    """Nhiệm vụ của đơn vị: what the agency leads (to report on) and cooperates on (to read)."""

    template_name = "progress/agency_tasks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = local_today()
        plan = self.link_plan()
        leading = selectors.agency_tracked(self.agency, today=today, plan=plan)
        cooperating = selectors.agency_tracked(self.agency, today=today, plan=plan, cooperating=True)
        for item in leading:
            item.extra["url"] = self.task_url(item)
        state = self.request.GET.get("state", "")
        shown = [item for item in leading if item.state == state] if state in selectors.STATES else leading
        context.update(
            self.base_context(),
            tasks=shown,
            cooperating=cooperating,
            summary=selectors.summarise(leading),
            state=state,
            today=today,
            due_soon_days=selectors.due_soon_days(),
        )
        return context


class AgencyTaskView(AgencyMixin, FormView):
    """One task the agency leads: its details, the agency's own reports, the report form."""

    template_name = "progress/agency_task.html"
    form_class = ReportForm
    kind = selectors.PLAN_KIND

    def get_found(self):
        if not hasattr(self, "_found"):
            found = selectors.find_tracked(
                self.kind, self.kwargs["pk"], agency=self.agency, plan=self.link_plan()
            )
            if found is None:
                raise Http404
            self._found = found
        return self._found

    def tracked(self) -> selectors.Tracked:
        obj, plan = self.get_found()
        items = [
            item
            for item in selectors.agency_tracked(self.agency, today=local_today(), plan=plan)
            if item.kind == self.kind and item.pk == obj.pk
        ]
        if not items:
            raise Http404
        return items[0]

    def get_initial(self):
        item = self.tracked()
        if item.latest is not None:
            return {"status": item.latest.status, "percent": item.latest.percent}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.tracked()
        reports = list(selectors.reports_of(self.kind, item.obj, agency=self.agency))
        for report in reports:
            report.file_url = self.file_url(report) if report.file else ""
        context.update(self.base_context(), item=item, reports=reports, form_url=self.request.path)
        return context

    def form_valid(self, form):
        obj, _plan = self.get_found()
        data = form.cleaned_data
        user = self.request.user if not self.via_link else None
        try:
            services.report_submit(
                kind=self.kind,
                task_id=obj.pk,
                agency=self.agency,
                status=data["status"],
                note=data["note"],
                percent=data.get("percent"),
                upload=data.get("file"),
                user=user,
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gửi báo cáo tiến độ. Cảm ơn đơn vị."))
        return redirect(self.request.path)


class AgencyFileView(AgencyMixin, View):
    def get(self, request, *args, **kwargs):
        reports = TaskReport.objects.filter(pk=self.kwargs["report_pk"], agency=self.agency)
        plan = self.link_plan()
        if plan is not None:
            reports = reports.filter(Q(task__plan=plan) | Q(conclusion_task__conclusion__event__plan=plan))
        return _file_response(get_object_or_404(reports))


# =========================================================================== staff


class ProgressIndexView(ActionRequiredMixin, TemplateView):
    action = VIEW_ACTION
    template_name = "progress/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = (
            Plan.objects.select_related("issuing_agency")
            .annotate(
                task_count=Count("tasks", distinct=True),
                report_count=Count("tasks__progress_reports", distinct=True),
                conclusion_count=Count("events__conclusions", distinct=True),
            )
            .order_by("-year", "-pk")
        )
        context["plans"] = list(plans)
        return context


class PlanMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.select_related("issuing_agency"), pk=self.kwargs["plan_pk"]
            )
        return self._plan


class DashboardView(PlanMixin, TemplateView):
    template_name = "progress/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        today = local_today()
        tracked = selectors.plan_tracked(plan, today=today)
        summary = selectors.summarise(tracked)
        state = self.request.GET.get("state", "")
        agency_raw = self.request.GET.get("agency", "")
        shown = tracked
        if state in selectors.STATES:
            shown = [item for item in shown if item.state == state]
        else:
            state = ""
        agency_id = None
        if agency_raw == "none":
            shown = [item for item in shown if not item.leads]
        elif agency_raw.isdigit():
            agency_id = int(agency_raw)
            shown = [item for item in shown if any(a.pk == agency_id for a in item.leads)]
        else:
            agency_raw = ""
        for item in tracked:
            item.extra["url"] = reverse(
                f"progress:history_{SEGMENT_BY_KIND[item.kind].replace('-', '_')}", args=[plan.pk, item.pk]
            )
        manage = can(self.request.user, MANAGE_ACTION)
        links = []
        if manage:
            links = list(links_for(plan).select_related("agency").order_by("-created_at")[:200])
        context.update(
            plan=plan,
            today=today,
            tracked=shown,
            total=len(tracked),
            summary=summary,
            chart=charts.dashboard_chart(summary),
            state=state,
            agency_filter=agency_raw,
            agency_id=agency_id,
            agencies=[row.agency for row in summary.by_agency if row.agency is not None],
            can_manage=manage,
            is_issued=plan.is_issued,
            links=links,
            lead_agencies=services.plan_lead_agencies(plan) if manage else [],
            new_link=self.request.session.pop(f"progress-link-{plan.pk}", None),
            reports=list(plan.progress_reports.select_related("issuing_agency").order_by("-created_at")),
            conclusions=list(
                Conclusion.objects.filter(event__plan=plan)
                .select_related("event")
                .annotate(n=Count("tasks"))
                .order_by("-issued_on", "-pk")
            ),
            due_soon_days=selectors.due_soon_days(),
            now=timezone.now(),
        )
        return context


class TaskHistoryView(PlanMixin, FormView):
    """Staff: the report history of one task (every lead agency), files, and
    (manage) a form to record a report received on paper."""

    template_name = "progress/task_history.html"
    form_class = ReportForm
    kind = selectors.PLAN_KIND
    http_method_names = ["get", "head", "options"]

    def history_url(self) -> str:
        return reverse(
            f"progress:history_{SEGMENT_BY_KIND[self.kind].replace('-', '_')}", args=self.url_args()
        )

    def url_args(self) -> list[int]:
        return [self.kwargs["plan_pk"], self.kwargs["pk"]]

    def get_found(self):
        if not hasattr(self, "_found"):
            found = selectors.find_tracked(self.kind, self.kwargs["pk"], plan=self.get_plan())
            if found is None:
                raise Http404
            self._found = found
        return self._found

    def tracked(self) -> selectors.Tracked:
        obj, plan = self.get_found()
        for item in selectors.plan_tracked(plan, today=local_today()):
            if item.kind == self.kind and item.pk == obj.pk:
                return item
        raise Http404

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agencies"] = self.tracked().leads
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.tracked()
        obj, plan = self.get_found()
        reports = list(selectors.reports_of(self.kind, obj))
        for report in reports:
            report.file_url = reverse("progress:staff_file", args=[plan.pk, report.pk]) if report.file else ""
        manage = can(self.request.user, MANAGE_ACTION)
        context.update(
            plan=plan,
            item=item,
            reports=reports,
            can_record=manage and bool(item.leads) and plan.is_issued,
            record_url=reverse(
                f"progress:record_{SEGMENT_BY_KIND[self.kind].replace('-', '_')}", args=self.url_args()
            ),
        )
        return context


class TaskRecordView(TaskHistoryView):
    """POST: staff record a report received on paper for one of the lead agencies."""

    action = MANAGE_ACTION
    http_method_names = ["post"]

    def form_valid(self, form):
        obj, plan = self.get_found()
        if not plan.is_issued:
            raise Http404
        data = form.cleaned_data
        try:
            services.report_submit(
                kind=self.kind,
                task_id=obj.pk,
                agency=data["agency"],
                status=data["status"],
                note=data["note"],
                percent=data.get("percent"),
                upload=data.get("file"),
                user=self.request.user,
                on_behalf=True,
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi báo cáo tiến độ."))
        return redirect(self.history_url())


class StaffFileView(PlanMixin, View):
    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        report = get_object_or_404(
            TaskReport.objects.filter(Q(task__plan=plan) | Q(conclusion_task__conclusion__event__plan=plan)),
            pk=self.kwargs["report_pk"],
        )
        return _file_response(report)


class LinkView(PlanMixin, View):
    """POST: issue a secret link for a lead agency (its older ones are revoked), or revoke one."""

    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        back = reverse("progress:dashboard", args=[plan.pk]) + "#links"
        revoke = request.POST.get("revoke", "")
        if revoke.isdigit():
            link = links_for(plan).filter(pk=int(revoke)).first()
            if link is None:
                raise Http404
            revoke_link(link=link)
            messages.success(request, _("Đã thu hồi liên kết của %(agency)s.") % {"agency": link.agency})
            return redirect(back)
        if not plan.is_issued:
            messages.error(request, _("Kế hoạch chưa ban hành: các cơ quan chưa báo cáo tiến độ được."))
            return redirect(back)
        raw = request.POST.get("agency", "")
        agency = Agency.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if agency is None:
            messages.error(request, _("Chọn một cơ quan chủ trì nhiệm vụ của kế hoạch."))
            return redirect(back)
        try:
            link, token = services.link_issue(plan=plan, agency=agency, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        request.session[f"progress-link-{plan.pk}"] = {
            "agency": agency.name,
            "url": request.build_absolute_uri(reverse("progress:link_tasks", args=[token])),
            "expires": link.expires_at.isoformat(),
        }
        return redirect(back)


class RemindView(PlanMixin, View):
    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        back = reverse("progress:dashboard", args=[plan.pk])
        if not plan.is_issued:
            messages.error(request, _("Kế hoạch chưa ban hành: chưa nhắc được."))
            return redirect(back)
        result = services.reminders_send(plan=plan, today=local_today())
        messages.success(
            request,
            _("Đã gửi %(sent)d thư nhắc; %(already)d thư đã gửi trước đây nên không gửi lại.")
            % {"sent": result.sent, "already": result.already},
        )
        if result.no_address:
            messages.warning(
                request,
                _("Chưa có địa chỉ thư điện tử, không nhắc được: %(names)s.")
                % {"names": ", ".join(result.no_address)},
            )
        return redirect(back)


# --------------------------------------------------------------------------- conclusions


class ConclusionCreateView(PlanMixin, FormView):
    action = MANAGE_ACTION
    template_name = "progress/conclusion_form.html"
    form_class = ConclusionForm

    def events(self):
        return Event.objects.filter(plan=self.get_plan()).order_by("position", "id")

    def get_initial(self):
        plan = self.get_plan()
        return {"issuing_agency": plan.issuing_agency, "issued_on": local_today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(plan=self.get_plan(), events=list(self.events()), conclusion=None)
        return context

    def form_valid(self, form):
        raw = self.request.POST.get("event", "")
        event = self.events().filter(pk=int(raw)).first() if raw.isdigit() else None
        if event is None:
            form.add_error(None, _("Chọn sự kiện (hội nghị) của kế hoạch mà thông báo kết luận."))
            return self.form_invalid(form)
        conclusion = services.conclusion_save(
            conclusion=None, event=event, data=form.cleaned_data, user=self.request.user
        )
        messages.success(self.request, _("Đã lưu thông báo kết luận. Thêm từng nội dung kết luận bên dưới."))
        return redirect(conclusion.get_absolute_url())


class ConclusionMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_conclusion(self) -> Conclusion:
        if not hasattr(self, "_conclusion"):
            self._conclusion = get_object_or_404(
                Conclusion.objects.select_related("event__plan", "issuing_agency"), pk=self.kwargs["pk"]
            )
        return self._conclusion


class ConclusionView(ConclusionMixin, TemplateView):
    """A conclusion: its fields, its tasks with their state, a form to add a task."""

    template_name = "progress/conclusion.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conclusion = self.get_conclusion()
        plan = conclusion.event.plan
        items = [
            item
            for item in selectors.plan_tracked(plan, today=local_today())
            if item.kind == selectors.CONCLUSION_KIND and item.obj.conclusion_id == conclusion.pk
        ]
        for item in items:
            item.extra["url"] = reverse("progress:history_ket_luan", args=[plan.pk, item.pk])
        manage = can(self.request.user, MANAGE_ACTION)
        context.update(
            conclusion=conclusion,
            plan=plan,
            items=items,
            can_manage=manage,
            form=kwargs.get("form") or (ConclusionForm(instance=conclusion) if manage else None),
            task_form=kwargs.get("task_form") or (ConclusionTaskForm() if manage else None),
        )
        return context


class ConclusionTaskAddView(ConclusionView):
    """POST: one more conclusion item, tracked as a task."""

    action = MANAGE_ACTION
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        conclusion = self.get_conclusion()
        task_form = ConclusionTaskForm(request.POST)
        if task_form.is_valid():
            data = task_form.cleaned_data
            try:
                services.conclusion_task_save(
                    conclusion=conclusion,
                    item=None,
                    description=data["description"],
                    time_frame=data["time_frame"],
                    leads=data["lead_agencies"],
                    cooperators=data["cooperating_agencies"],
                )
            except ValidationError as error:
                _attach_error(task_form, error)
            else:
                messages.success(request, _("Đã thêm nhiệm vụ theo kết luận."))
                return redirect(conclusion.get_absolute_url() + "#tasks")
        return self.render_to_response(self.get_context_data(task_form=task_form))


class ConclusionEditView(ConclusionView):
    """POST: the notice's own fields."""

    action = MANAGE_ACTION
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        conclusion = self.get_conclusion()
        form = ConclusionForm(request.POST, instance=conclusion)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.conclusion_save(conclusion=conclusion, event=conclusion.event, data=form.cleaned_data)
        messages.success(request, _("Đã lưu thông báo kết luận."))
        return redirect(conclusion.get_absolute_url())


class ConclusionTaskEditView(ConclusionMixin, FormView):
    action = MANAGE_ACTION
    template_name = "progress/conclusion_task_form.html"
    form_class = ConclusionTaskForm

    def get_item(self) -> ConclusionTask:
        return get_object_or_404(ConclusionTask, pk=self.kwargs["item_pk"], conclusion=self.get_conclusion())

    def get_initial(self):
        item = self.get_item()
        return {
            "description": item.description,
            "time_frame": item.time_frame,
            "lead_agencies": list(item.lead_agencies.all()),
            "cooperating_agencies": list(item.cooperating_agencies.all()),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            conclusion=self.get_conclusion(), plan=self.get_conclusion().event.plan, item=self.get_item()
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        conclusion = self.get_conclusion()
        try:
            services.conclusion_task_save(
                conclusion=conclusion,
                item=self.get_item(),
                description=data["description"],
                time_frame=data["time_frame"],
                leads=data["lead_agencies"],
                cooperators=data["cooperating_agencies"],
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu nhiệm vụ theo kết luận."))
        return redirect(conclusion.get_absolute_url() + "#tasks")


class ConclusionTaskDeleteView(ConclusionMixin, View):
    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        conclusion = self.get_conclusion()
        item = get_object_or_404(ConclusionTask, pk=self.kwargs["item_pk"], conclusion=conclusion)
        try:
            services.conclusion_task_delete(item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã xóa nhiệm vụ theo kết luận."))
        return redirect(conclusion.get_absolute_url() + "#tasks")


# --------------------------------------------------------------------------- BÁO CÁO


class ReportCreateView(PlanMixin, View):
    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        report = services.report_create(plan=self.get_plan(), user=request.user, today=local_today())
        messages.success(
            request, _("Đã tạo dự thảo báo cáo. Viết phần đánh giá, khó khăn và đề xuất rồi trình duyệt.")
        )
        return redirect(report.get_absolute_url())


class ReportMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_report(self) -> ProgressReport:
        if not hasattr(self, "_report"):
            self._report = get_object_or_404(documents.report_queryset(), pk=self.kwargs["pk"])
        return self._report


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "progress/report_detail.html"

    def editable(self) -> bool:
        return can(self.request.user, MANAGE_ACTION) and self.get_report().status in (
            DocumentStatus.DRAFT,
            DocumentStatus.RETURNED,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        doc_id = workflow.document_id(report)
        context.update(
            report=report,
            plan=report.plan,
            form=kwargs.get("form") or (ProgressReportForm(instance=report) if self.editable() else None),
            editable=self.editable(),
            doc_id=doc_id,
            workflow_actions=[
                step
                for step in workflow.available_actions(self.request.user, report)
                if step.action in ("submit", "withdraw")
            ],
            review_url=_url_or_none("documents:review", doc_id),
            audit_url=_url_or_none("documents:audit", doc_id),
        )
        return context


class ReportEditView(ReportDetailView):
    """POST: the BÁO CÁO's typed text, while a draft or sent back."""

    action = MANAGE_ACTION
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.editable():
            raise Http404
        report = self.get_report()
        form = ProgressReportForm(request.POST, instance=ProgressReport.objects.get(pk=report.pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.report_update(
                report=report, data={name: form.cleaned_data[name] for name in form.Meta.fields}
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Đã lưu báo cáo."))
        return redirect(report.get_absolute_url())


@method_decorator(xframe_options_sameorigin, name="dispatch")  # the review page frames it
class ReportPdfView(WordFormatMixin, ReportMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.get_report()
        printable = documents.report_printable(report)
        if self.wants_word:
            return self.printable_word_response(printable)
        entry = workflow.entry_for(report) if report.is_issued else None
        # An issued report is the file stored when it was issued, never a new rendering.
        data = workflow.stored_pdf(entry) if entry is not None else printable.pdf()
        response = HttpResponse(data, content_type="application/pdf")
        disposition = "inline" if request.GET.get("inline") == "1" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{printable.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
