"""Pages of the review-and-issue workflow, for every registered document type.

A document is named in URLs by its workflow id ("plan-12"). Who may see or
do what is the document type's answer (``WorkflowType.can``), so these
views serve plans today and invitations or award decisions tomorrow.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from . import audit, jobs, notifications, workflow
from .models import DocumentStatus, JobStatus, RegisterEntry, ReviewComment, SentNotification


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class DocumentMixin(LoginRequiredMixin):
    """Loads the document named by ``doc`` and checks ``permission``."""

    permission = "view"
    # Declared for plans.permissions.declared_access (the URL sweep reads it).
    access = "workflow"

    @property
    def workflow_permissions(self) -> tuple[tuple[str, ...], ...]:
        return (("view", self.permission),)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.wtype, self.document = workflow.load(kwargs["doc"])
        except LookupError:
            raise Http404 from None
        if not self.wtype.can(request.user, "view") or not self.wtype.can(request.user, self.permission):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def doc_id(self) -> str:
        return f"{self.wtype.key}-{self.document.pk}"

    def back(self, name: str = "documents:review"):
        return redirect(reverse(name, args=[self.doc_id]))


def _common_context(view, request) -> dict:
    wtype, document = view.wtype, view.document
    replaces = wtype.replaces(document)
    replaced_by = []
    if any(f.name == "replaces" for f in wtype.model._meta.get_fields()):
        replaced_by = list(wtype.model._default_manager.filter(replaces=document).order_by("pk"))
    return {
        "wtype": wtype,
        "document": document,
        "doc_id": view.doc_id,
        "doc_title": wtype.title(document),
        "doc_url": wtype.url(document),
        "pdf_url": wtype.pdf_url(document),
        "entry": workflow.entry_for(document),
        "replaces": replaces,
        "replaced_by": replaced_by,
        "can_review": wtype.can(request.user, "review"),
        "can_submit": wtype.can(request.user, "submit"),
        "can_issue": wtype.can(request.user, "issue"),
    }


# --------------------------------------------------------------------------- review


class ReviewView(DocumentMixin, TemplateView):
    """The printed document beside its comments, the changes since the
    version the leader last reviewed, and the workflow buttons."""

    template_name = "documents/pages/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(_common_context(self, self.request))
        versions = workflow.snapshots(self.document)
        current_data = versions[-1].data if versions else workflow.snapshot(self.document)
        if self.document.status in (DocumentStatus.DRAFT, DocumentStatus.RETURNED):
            # Staff are editing: compare with what they are about to submit.
            current_data = workflow.snapshot(self.document)
        base = None
        since = self.request.GET.get("since", "")
        if since.isdigit():
            base = next((v for v in versions if v.version == int(since)), None)
        if base is None:
            base = workflow.last_reviewed_snapshot(self.document, user)
        comments = workflow.comments(self.document)
        context.update(
            versions=versions,
            current_version=versions[-1] if versions else None,
            base=base,
            changes=workflow.diff(base.data, current_data) if base is not None else [],
            targets=workflow.outline(current_data),
            open_comments=[c for c in comments if c.is_open],
            resolved_comments=[c for c in comments if not c.is_open],
            actions=workflow.available_actions(user, self.document),
            may_comment=self.wtype.can(user, "review") and self.document.status != DocumentStatus.ISSUED,
            may_issue=workflow.allowed(user, self.document, "issue"),
            logs=list(workflow.logs(self.document)),
        )
        return context


class TransitionView(DocumentMixin, View):
    """POST action=submit|withdraw|approve|return (+ comment)."""

    # The step named by this field asks the document type for its own permission too.
    workflow_step_field = "action"

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in workflow.STEPS or action == "issue":
            return HttpResponseBadRequest(_("Thao tác không hợp lệ."))
        try:
            workflow.transition(
                document=self.document,
                user=request.user,
                action=action,
                comment=request.POST.get("comment", ""),
            )
        except workflow.TransitionRefused as error:
            if error.code == "forbidden":
                raise PermissionDenied(_error_text(error)) from None
            messages.error(request, _error_text(error))
            return self.back()
        done = {
            "submit": _("Đã trình lãnh đạo duyệt."),
            "withdraw": _("Đã rút lại văn bản để sửa."),
            "approve": _("Đã duyệt văn bản. Văn thư sẽ cấp số, ban hành."),
            "return": _("Đã trả lại văn bản kèm ý kiến để chuyên viên sửa."),
        }
        messages.success(request, done[action])
        if action in ("submit", "withdraw") and request.POST.get("next") == "editor":
            return redirect(self.wtype.url(self.document))
        return self.back()


class CommentCreateView(DocumentMixin, View):
    permission = "review"

    def post(self, request, *args, **kwargs):
        try:
            workflow.comment_add(
                document=self.document,
                user=request.user,
                body=request.POST.get("body", ""),
                target=request.POST.get("target", "document"),
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã ghi góp ý."))
        return self.back()


class CommentResolveView(LoginRequiredMixin, View):
    access = "workflow"
    workflow_permissions = (("view", "submit"),)

    def post(self, request, pk: int):
        comment = get_object_or_404(ReviewComment, pk=pk)
        try:
            wtype, document = workflow.load(f"{comment.document_type}-{comment.document_id}")
        except LookupError:
            raise Http404 from None
        if not wtype.can(request.user, "view"):
            raise PermissionDenied
        try:
            workflow.comment_resolve(
                comment=comment, user=request.user, resolution=request.POST.get("resolution", "")
            )
        except workflow.TransitionRefused as error:
            raise PermissionDenied(_error_text(error)) from None
        messages.success(request, _("Đã đánh dấu góp ý là đã xử lý."))
        target = request.POST.get("next", "")
        if target == "editor":
            return redirect(wtype.url(document) + "#review-comments")
        return redirect(reverse("documents:review", args=[f"{wtype.key}-{document.pk}"]))


# --------------------------------------------------------------------------- issue


class IssueForm(forms.Form):
    MODE_CHOICES = [
        ("register", gettext_lazy("Lấy số tiếp theo trong sổ, ngày hôm nay")),
        ("eoffice", gettext_lazy("Ghi số, ngày do hệ thống quản lý văn bản điều hành cấp")),
    ]
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách cấp số"), choices=MODE_CHOICES, initial="register", widget=forms.RadioSelect
    )
    number = forms.IntegerField(label=gettext_lazy("Số"), min_value=1, max_value=999999, required=False)
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("mode") != "eoffice":
            # The register gives the number and today's date: whatever was
            # typed in these fields (they are greyed out then) is ignored.
            for name in ("number", "issued_on"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("mode") == "eoffice":
            if not data.get("number"):
                self.add_error("number", _("Hãy nhập số do hệ thống cấp."))
            if not data.get("issued_on"):
                self.add_error("issued_on", _("Hãy nhập ngày ban hành."))
            elif data["issued_on"] > workflow.local_today():
                self.add_error("issued_on", _("Ngày ban hành không thể ở tương lai."))
        return data


class IssueView(DocumentMixin, TemplateView):
    permission = "issue"
    template_name = "documents/pages/issue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_common_context(self, self.request))
        context["form"] = kwargs.get("form") or IssueForm()
        _key, name = self.wtype.register(self.document)
        context["register_name"] = name
        context["today"] = workflow.local_today()
        try:
            workflow.check(self.request.user, self.document, "issue")
            context["refusal"] = ""
        except ValidationError as error:
            context["refusal"] = _error_text(error)
        return context

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            if data["mode"] == "eoffice":
                entry = workflow.issue(
                    document=self.document,
                    user=request.user,
                    number=data["number"],
                    issued_on=data["issued_on"],
                )
            else:
                entry = workflow.issue(document=self.document, user=request.user)
        except ValidationError as error:
            if getattr(error, "code", "") == "forbidden":
                raise PermissionDenied(_error_text(error)) from None
            form.add_error(None, _error_text(error))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Đã ban hành: số %(symbol)s, ngày %(date)s. Tệp PDF đã được lưu và không thay đổi nữa.")
            % {"symbol": entry.symbol, "date": entry.issued_on.strftime("%d/%m/%Y")},
        )
        return self.back()


class SignedUploadView(DocumentMixin, View):
    permission = "issue"

    def post(self, request, *args, **kwargs):
        try:
            workflow.signed_copy_upload(
                document=self.document, user=request.user, uploaded=request.FILES.get("file")
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã lưu bản đã ký."))
        return self.back()


class _EntryFileView(DocumentMixin, View):
    field = "pdf"
    suffix = ""

    def get(self, request, *args, **kwargs):
        entry = workflow.entry_for(self.document)
        stored = getattr(entry, self.field) if entry else None
        if not stored:
            raise Http404
        name = f"{entry.symbol.replace('/', '-')}{self.suffix}.pdf"
        ascii_name = name.encode("ascii", "ignore").decode() or "van-ban.pdf"
        response = FileResponse(stored.open("rb"), content_type="application/pdf")
        inline = request.GET.get("inline") == "1"
        response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
        response["Cache-Control"] = "private, no-store"
        if inline:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class IssuedFileView(_EntryFileView):
    field = "pdf"


class SignedFileView(_EntryFileView):
    field = "signed_pdf"
    suffix = "-da-ky"


# --------------------------------------------------------------------------- audit and register


class AuditView(DocumentMixin, TemplateView):
    template_name = "documents/pages/audit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_common_context(self, self.request))
        context["events"] = audit.audit_trail(self.document)
        return context


class RegisterListView(LoginRequiredMixin, TemplateView):
    """Sổ văn bản đi: what the clerk has issued, per register and year."""

    access = "workflow"
    workflow_permissions = (("issue",), ("review",))

    template_name = "documents/pages/register.html"

    def get_context_data(self, **kwargs):
        if not any(
            wtype.can(self.request.user, "issue") or wtype.can(self.request.user, "review")
            for wtype in workflow.types()
        ):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() else workflow.local_today().year
        entries = list(
            RegisterEntry.objects.filter(year=year)
            .select_related("register", "issued_by")
            .order_by("register__name", "number")
        )
        for entry in entries:
            entry.review_url = reverse(
                "documents:review", args=[f"{entry.document_type}-{entry.document_id}"]
            )
        years = sorted(set(RegisterEntry.objects.values_list("year", flat=True)) | {year}, reverse=True)
        context.update(entries=entries, year=year, years=years)
        return context


def awaiting_rows(status: str) -> list[dict]:
    """Documents of every type in ``status``, for the leader's and clerk's homes."""
    rows = []
    for wtype, document in workflow.awaiting(status):
        rows.append(
            {
                "label": wtype.label,
                "title": wtype.title(document),
                "document": document,
                "url": reverse("documents:review", args=[f"{wtype.key}-{document.pk}"]),
                "issue_url": reverse("documents:issue", args=[f"{wtype.key}-{document.pk}"]),
            }
        )
    return rows


# --------------------------------------------------------------------------- background jobs ("Tệp của tôi")


def _owned_job(request, pk: int):
    # Someone else's job is as good as missing: 404, not 403.
    return get_object_or_404(jobs.jobs_of(request.user), pk=pk)


class JobListView(LoginRequiredMixin, TemplateView):
    """The user's background jobs, newest first, with progress and downloads."""

    access = "owner"

    template_name = "documents/pages/jobs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = list(jobs.jobs_of(self.request.user)[:100])
        highlight = self.request.GET.get("job", "")
        context["highlight"] = int(highlight) if highlight.isdigit() else None
        return context


class JobRowView(LoginRequiredMixin, View):
    """One job's row (HTMX polls it every second while the job runs)."""

    access = "owner"

    def get(self, request, pk: int):
        job = _owned_job(request, pk)
        return TemplateResponse(request, "documents/pages/jobs.html#job-row", {"job": job})


class JobDownloadView(LoginRequiredMixin, View):
    access = "owner"

    def get(self, request, pk: int):
        job = _owned_job(request, pk)
        if job.status != JobStatus.DONE or not job.result:
            raise Http404
        name = job.result_name or "tep"
        ascii_name = name.encode("ascii", "ignore").decode() or "tep"
        content_type = "application/zip" if name.endswith(".zip") else "application/pdf"
        response = FileResponse(job.result.open("rb"), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class JobRetryView(LoginRequiredMixin, View):
    access = "owner"

    def post(self, request, pk: int):
        job = jobs.job_retry(job=_owned_job(request, pk))
        if job.status == JobStatus.NOT_SENT:
            messages.error(request, str(jobs.UNAVAILABLE))
        else:
            messages.success(request, _("Đã gửi lại yêu cầu."))
        return redirect(reverse("documents:jobs") + f"?job={job.pk}")


def job_started_response(request, job):
    """Where a view that started a job sends the user, with a clear message."""
    if job.status == JobStatus.NOT_SENT:
        messages.error(request, str(jobs.UNAVAILABLE))
    elif job.status == JobStatus.DONE:
        messages.success(request, _("Tệp đã sẵn sàng để tải về."))
    else:
        messages.info(
            request,
            _(
                "Đã bắt đầu tạo tệp. Bạn có thể rời trang này; "
                "tệp sẽ có trong «Tệp của tôi» và được báo qua thư."
            ),
        )
    return redirect(reverse("documents:jobs") + f"?job={job.pk}")


class JobStartView(LoginRequiredMixin, View):
    """POST kind=<registered kind> and its parameters (year=…) -> a job.
    Any logged-in user; the kind's ``may_start`` decides (403)."""

    access = "login"

    def post(self, request):
        kind = request.POST.get("kind", "")
        params = {k: v for k, v in request.POST.items() if k not in ("kind", "csrfmiddlewaretoken", "title")}
        try:
            job_kind = jobs.get_kind(kind)
        except LookupError:
            # A form of ours always names a kind: this is a malformed request.
            return HttpResponseBadRequest(_("Không rõ loại tệp cần tạo."))
        if not job_kind.may_start(request.user, params):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        title = str(job_kind.label)
        if params.get("year"):
            title = f"{title} {params['year']}"
        job = jobs.job_start(owner=request.user, kind=kind, params=params, title=title)
        return job_started_response(request, job)


class SentNotificationListView(LoginRequiredMixin, TemplateView):
    """Staff page: every e-mail the system sent once (reminders, jobs, workflow)."""

    access = "workflow"
    workflow_permissions = (("view",),)

    template_name = "documents/pages/sent.html"

    def get_context_data(self, **kwargs):
        if not any(wtype.can(self.request.user, "view") for wtype in workflow.types()):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        kind = self.request.GET.get("kind", "")
        limit = 300
        rows: list = []
        if not kind or kind not in {source.kind for source in notifications.sent_sources()}:
            queryset = SentNotification.objects.order_by("-sent_at", "-id")
            if kind:
                queryset = queryset.filter(key__startswith=kind + "-")
            for row in queryset[:limit]:
                rows.append(
                    notifications.SentRow(
                        sent_at=row.sent_at,
                        kind=notifications.kind_of(row.key),
                        subject=row.subject,
                        recipients=row.recipients,
                    )
                )
        for source in notifications.sent_sources():
            if not kind or kind == source.kind:
                rows.extend(source.rows(limit))
        rows.sort(key=lambda row: row.sent_at, reverse=True)
        kinds = [*SENT_KINDS, *((source.kind, source.label) for source in notifications.sent_sources())]
        context.update(rows=rows[:limit], kind=kind, kinds=kinds)
        return context


SENT_KINDS = [
    ("reminder-task", gettext_lazy("Nhắc hạn nhiệm vụ")),
    ("job", gettext_lazy("Tệp đã sẵn sàng")),
    ("transition", gettext_lazy("Trình, duyệt, ban hành")),
]
