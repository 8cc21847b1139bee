"""Pages of delegate registration.

Staff (``registration.*`` actions): openings per event, opening a
registration, the live dashboard, acting on an agency's behalf, reopening,
secret links, invitations, outputs and check-in.

Agencies: their own registration page, reached with an agency account
(``mode = "account"``) or with a secret link (``mode = "link"``); the same
page serves staff acting on the agency's behalf (``mode = "staff"``). Which
registration a request may touch is decided once, in
``RegistrationAccessMixin.dispatch``; an agency never names another
agency's registration or person in a way the server accepts (404).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from conferences.models import Event
from documents import cache
from documents.docx import WordFormatMixin
from plans.context_processors import safe_reverse
from plans.permissions import Access, ActionRequiredMixin, Role, can, require, user_agency, user_roles

from . import access, documents, excel, normalize, selectors, services
from .forms import (
    ContactForm,
    FirstPersonFormSet,
    ImportForm,
    InvitationForm,
    InviteForm,
    MoveForm,
    OpeningForm,
    PersonFormSet,
    ReopenForm,
)
from .models import AgencyRegistration, Delegate, Invitation, RegistrationOpening
from .services import Actor, Invite, RegistrationError, SectionSpec

POLL_SECONDS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_response(data: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def render_pdf(template: str, context: dict, meta: dict) -> bytes:
    # Through the render cache: an unchanged list or invitation is not laid out again.
    return cache.cached_pdf(template, context, title=meta["title"], author=meta["author"])


class PrintedMixin(WordFormatMixin):
    """The printed outputs: a PDF, or (routed with ``document_format="docx"``)
    the same document as a Word file, behind the same access checks."""

    def printed(self, template: str, context: dict, meta: dict, filename: str) -> HttpResponse:
        if self.wants_word:
            return self.word_response(
                template, context, title=meta["title"], author=meta["author"], filename=filename
            )
        return pdf_response(render_pdf(template, context, meta), filename)


# --------------------------------------------------------------------------- staff


class StaffMixin(ActionRequiredMixin):
    action = "registration.view"

    def get_opening(self) -> RegistrationOpening:
        if not hasattr(self, "_opening"):
            try:
                self._opening = selectors.opening_detail(self.kwargs["pk"])
            except RegistrationOpening.DoesNotExist as error:
                raise Http404 from error
        return self._opening

    def can_manage(self) -> bool:
        return can(self.request.user, "registration.manage")

    def actor(self) -> Actor:
        return Actor.of_user(self.request.user, staff=True)


class IndexView(StaffMixin, TemplateView):
    template_name = "delegates/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        openings = (
            RegistrationOpening.objects.select_related("event__plan", "delegation", "site")
            .annotate(
                n_agencies=Count("registrations", distinct=True),
                n_people=Count("delegates", distinct=True),
            )
            .order_by("-deadline")[:100]
        )
        context.update(openings=openings, now=timezone.now())
        return context


class EventOpeningsView(StaffMixin, TemplateView):
    template_name = "delegates/event_openings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = get_object_or_404(Event.objects.select_related("plan"), pk=self.kwargs["event_pk"])
        context.update(event=event, openings=selectors.event_openings(event), can_manage=self.can_manage())
        return context


class OpeningCreateView(StaffMixin, FormView):
    action = "registration.manage"
    template_name = "delegates/opening_form.html"
    form_class = OpeningForm

    def get_event(self) -> Event:
        return get_object_or_404(Event.objects.select_related("plan", "venue"), pk=self.kwargs["event_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.get_event()}

    def get_initial(self):
        event = self.get_event()
        deadline = timezone.localtime() + datetime.timedelta(days=7)
        return {
            "title": _("Đăng ký đại biểu dự %(event)s") % {"event": event.name},
            "deadline": deadline.replace(hour=17, minute=0, second=0, microsecond=0),
            "capacity": event.expected_total or (event.venue.capacity if event.venue else None),
            "sections_text": "",
        }

    def suggestions(self):
        return selectors.suggested_invites(self.get_event())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from plans.models import Agency

        suggested = self.suggestions()
        suggested_ids = {agency.pk for agency, _quota in suggested}
        context.update(
            event=self.get_event(),
            suggested=suggested,
            other_agencies=Agency.objects.filter(is_active=True)
            .exclude(pk__in=suggested_ids)
            .order_by("name"),
        )
        return context

    def _invites(self) -> list[Invite]:
        from plans.models import Agency

        post = self.request.POST
        invites = []
        for agency, quota in self.suggestions():
            if post.get(f"invite-{agency.pk}"):
                raw = post.get(f"quota-{agency.pk}", "").strip()
                invites.append(Invite(agency, int(raw) if raw.isdigit() else quota))
        more = [int(pk) for pk in post.getlist("more_agencies") if pk.isdigit()]
        raw = post.get("more_quota", "").strip()
        more_quota = int(raw) if raw.isdigit() else None
        for agency in Agency.objects.filter(pk__in=more, is_active=True).order_by("name"):
            invites.append(Invite(agency, more_quota))
        return invites

    def form_valid(self, form):
        data = form.cleaned_data
        opening = services.opening_create(
            event=self.get_event(),
            user=self.request.user,
            title=data["title"],
            deadline=data["deadline"],
            capacity=data["capacity"],
            ask_email=data["ask_email"],
            ask_note=data["ask_note"],
            instructions=data["instructions"],
            sections=[SectionSpec(title, quota, cap) for title, quota, cap in data["sections_text"]],
            invites=self._invites(),
            **data["target"],
        )
        messages.success(
            self.request,
            _("Đã mở đăng ký cho %(n)d cơ quan, hạn %(deadline)s.")
            % {"n": opening.registrations.count(), "deadline": documents.deadline_words(opening.deadline)},
        )
        return redirect("delegates:dashboard", opening.pk)


class OpeningEditView(StaffMixin, FormView):
    action = "registration.manage"
    template_name = "delegates/opening_edit.html"
    form_class = OpeningForm

    def get_form_kwargs(self):
        opening = self.get_opening()
        return {**super().get_form_kwargs(), "instance": opening, "event": opening.event}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "opening": self.get_opening()}

    def form_valid(self, form):
        services.opening_update(opening=self.get_opening(), data=form.cleaned_data)
        messages.success(self.request, _("Đã lưu thông tin đợt đăng ký."))
        return redirect("delegates:dashboard", self.get_opening().pk)


class DashboardView(StaffMixin, TemplateView):
    template_name = "delegates/dashboard.html"

    def get_template_names(self):
        if self.request.htmx and self.request.GET.get("part") == "board":
            return ["delegates/dashboard.html#board"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opening = self.get_opening()
        context.update(
            opening=opening,
            board=selectors.dashboard(opening),
            can_manage=self.can_manage(),
            poll_seconds=POLL_SECONDS,
            invite_form=InviteForm(),
            invitations=list(opening.invitations.all()),
            links=access.links_for(opening).select_related("agency").order_by("-created_at")[:50],
            now=timezone.now(),
        )
        return context


class InviteView(StaffMixin, View):
    action = "registration.manage"

    def post(self, request, pk):
        form = InviteForm(request.POST)
        if form.is_valid():
            services.registration_invite(
                opening=self.get_opening(),
                agency=form.cleaned_data["agency"],
                quota=form.cleaned_data["quota"],
            )
            messages.success(request, _("Đã mời %(agency)s.") % {"agency": form.cleaned_data["agency"]})
        else:
            messages.error(request, _("Vui lòng chọn cơ quan và số người hợp lệ."))
        return redirect("delegates:dashboard", pk)


class StaffRegistrationMixin(StaffMixin):
    action = "registration.manage"

    def get_registration(self) -> AgencyRegistration:
        return get_object_or_404(
            AgencyRegistration.objects.select_related("agency", "opening"),
            pk=self.kwargs["reg"],
            opening_id=self.kwargs["pk"],
        )


class ReopenView(StaffRegistrationMixin, View):
    def post(self, request, pk, reg):
        registration = self.get_registration()
        form = ReopenForm(request.POST)
        if form.is_valid():
            services.registration_reopen(
                registration=registration, deadline=form.cleaned_data["deadline"], actor=self.actor()
            )
            messages.success(
                request,
                _("Đã mở lại cho %(agency)s đến %(deadline)s.")
                % {
                    "agency": registration.agency,
                    "deadline": documents.deadline_words(form.cleaned_data["deadline"]),
                },
            )
        else:
            messages.error(request, " ".join(form.errors.get("deadline", [])))
        return redirect("delegates:staff_form", pk, reg)


class LinkIssueView(StaffRegistrationMixin, View):
    def post(self, request, pk, reg):
        registration = self.get_registration()
        if request.POST.get("replace"):
            access.revoke_links(agency=registration.agency, target=registration.opening)
        link, token = access.issue_link(
            agency=registration.agency,
            target=registration.opening,
            expires_at=services.default_link_expiry(registration.opening),
            created_by=request.user,
        )
        url = request.build_absolute_uri(reverse("delegates:link_form", args=[token]))
        sent = 0
        if request.POST.get("send"):
            sent = services.link_send(registration=registration, url=url)
        return render(
            request,
            "delegates/link_issued.html",
            {
                "opening": registration.opening,
                "registration": registration,
                "link": link,
                "url": url,
                "sent": sent,
            },
        )


class LinkRevokeView(StaffMixin, View):
    action = "registration.manage"

    def post(self, request, pk, link):
        opening = self.get_opening()
        found = get_object_or_404(access.links_for(opening), pk=link)
        access.revoke_link(link=found)
        messages.success(request, _("Đã thu hồi liên kết của %(agency)s.") % {"agency": found.agency})
        return redirect("delegates:dashboard", pk)


class MoveView(StaffMixin, FormView):
    action = "registration.manage"
    template_name = "delegates/move.html"
    form_class = MoveForm

    def get_delegate(self) -> Delegate:
        return get_object_or_404(
            Delegate.objects.select_related("registration__agency", "section"),
            pk=self.kwargs["delegate"],
            opening_id=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        delegate = self.get_delegate()
        return {
            **super().get_form_kwargs(),
            "opening": self.get_opening(),
            "initial": {"registration": delegate.registration_id, "section": delegate.section_id},
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "opening": self.get_opening(),
            "delegate": self.get_delegate(),
        }

    def form_valid(self, form):
        delegate = self.get_delegate()
        try:
            services.delegate_move(
                delegate=delegate,
                registration=form.cleaned_data["registration"],
                section=form.cleaned_data.get("section"),
                actor=self.actor(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã chuyển %(name)s.") % {"name": delegate.full_name})
        return redirect("delegates:dashboard", self.kwargs["pk"])


# --------------------------------------------------------------------------- the registration page


class RegistrationAccessMixin:
    """Finds the one registration this request may touch, by mode."""

    mode = "account"  # "account", "link" or "staff"

    @property
    def access(self) -> str:
        """Declared for plans.permissions.declared_access."""
        if self.mode == "staff":
            return "action:registration.manage"
        return Access.AGENCY_LINK if self.mode == "link" else Access.AGENCY_ACCOUNT

    def dispatch(self, request, *args, **kwargs):
        if self.mode == "staff":
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            require(request.user, "registration.manage")
            self.registration = get_object_or_404(
                AgencyRegistration.objects.select_related("agency", "opening__event"),
                pk=kwargs["reg"],
                opening_id=kwargs["pk"],
            )
            self.actor = Actor.of_user(request.user, staff=True)
            self.token = None
        elif self.mode == "link":
            token = kwargs["token"]
            if access.too_many_failures(request):
                return HttpResponse(_("Quá nhiều lần thử. Vui lòng thử lại sau ít phút."), status=429)
            found = access.access_for_request(request, token=token, target_model=RegistrationOpening)
            if found is None:
                access.record_failure(request)
                raise Http404(_("Liên kết không đúng, đã hết hạn hoặc đã bị thu hồi."))
            self.registration = get_object_or_404(
                AgencyRegistration.objects.select_related("agency", "opening__event"),
                opening_id=found.target_id,
                agency=found.agency,
            )
            self.actor = Actor(label=found.label)
            self.token = token
        else:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            agency = user_agency(request.user) if Role.AGENCY in user_roles(request.user) else None
            if agency is None:
                raise Http404
            self.registration = get_object_or_404(
                AgencyRegistration.objects.select_related("agency", "opening__event"),
                pk=kwargs["reg"],
                agency=agency,
            )
            self.actor = Actor.of_user(request.user)
            self.token = None
        return super().dispatch(request, *args, **kwargs)

    @property
    def staff_mode(self) -> bool:
        return self.mode == "staff"

    def url(self, name: str) -> str:
        """The URL of page ``name`` ("form", "add_row", "import", "list_pdf",
        "list_xlsx", "invitation_pdf") in the same mode."""
        registration = self.registration
        if self.mode == "staff":
            return reverse(f"delegates:staff_{name}", args=[registration.opening_id, registration.pk])
        if self.mode == "link":
            return reverse(f"delegates:link_{name}", args=[self.token])
        return reverse(f"delegates:agency_{name}", args=[registration.pk])

    def urls(self) -> dict[str, str]:
        return {
            name: self.url(name)
            for name in (
                *("form", "add_row", "import", "list_pdf", "list_xlsx", "invitation_pdf", "blank_pdf"),
                *("list_docx", "invitation_docx", "blank_docx"),
            )
        }

    def editable(self) -> bool:
        return self.staff_mode or self.registration.is_open()


def _initial_rows(registration: AgencyRegistration) -> list[dict]:
    return [
        {
            "id": person.pk,
            "full_name": person.full_name,
            "title": person.title,
            "unit": person.unit,
            "phone": normalize.phone_display(person.phone),
            "email": person.email,
            "note": person.note,
            "section": person.section_id,
        }
        for person in selectors.registration_people(registration)
    ]


class RegistrationFormView(RegistrationAccessMixin, TemplateView):
    template_name = "delegates/registration_form.html"

    def formset(self, data=None) -> PersonFormSet:
        initial = _initial_rows(self.registration)
        if data is None:
            formset_class = PersonFormSet if initial else FirstPersonFormSet
            return formset_class(initial=initial, opening=self.registration.opening, prefix="form")
        return PersonFormSet(data, initial=initial, opening=self.registration.opening, prefix="form")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.registration
        opening = registration.opening
        context.setdefault("formset", self.formset())
        context.setdefault("contact_form", ContactForm(instance=registration, prefix="contact"))
        invitation = opening.invitations.first()
        context.update(
            registration=registration,
            opening=opening,
            event=opening.event,
            sections=list(opening.sections.all()),
            people=selectors.registration_people(registration),
            status=selectors.display_status(registration),
            editable=self.editable(),
            staff_mode=self.staff_mode,
            via_link=self.mode == "link",
            urls=self.urls(),
            invitation=invitation,
            changes=registration.changes.select_related("actor")[:30] if self.staff_mode else [],
            reopen_form=ReopenForm(initial={"deadline": ReopenForm.suggested()}) if self.staff_mode else None,
            deadline_text=documents.deadline_words(registration.deadline),
            free_seats=selectors.dashboard(opening).free_seats if opening.capacity is not None else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.editable():
            messages.error(request, _("Đã hết hạn đăng ký; danh sách không thay đổi được nữa."))
            return redirect(self.url("form"))
        formset = self.formset(request.POST)
        contact_form = ContactForm(request.POST, instance=self.registration, prefix="contact")
        submit = request.POST.get("action") == "submit"
        if not (formset.is_valid() and contact_form.is_valid()):
            messages.error(request, _("Danh sách có lỗi, vui lòng xem các ô được đánh dấu."))
            return self.render_to_response(self.get_context_data(formset=formset, contact_form=contact_form))
        kept = formset.kept_forms()
        try:
            result = services.registration_save(
                registration=self.registration,
                rows=[form.to_row() for form in kept],
                actor=self.actor,
                submit=submit,
            )
        except RegistrationError as error:
            for index, fields in error.row_errors.items():
                for field, message in fields.items():
                    name = "section" if field == "section_id" else field
                    kept[index].add_error(name if name in kept[index].fields else None, message)
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(formset=formset, contact_form=contact_form))
        data = contact_form.cleaned_data
        services.registration_set_contact(
            registration=self.registration,
            name=data["contact_name"],
            phone=data["contact_phone"],
            email=data["contact_email"],
        )
        if result.submitted:
            messages.success(
                request, _("Đã gửi danh sách %(n)d người đến Sở Nội vụ. Cảm ơn!") % {"n": len(kept)}
            )
        else:
            messages.success(request, _("Đã lưu danh sách (%(n)d người).") % {"n": len(kept)})
        for warning in result.warnings:
            messages.warning(request, warning)
        return redirect(self.url("form"))


class AddRowView(RegistrationAccessMixin, View):
    """One more empty row (HTMX), numbered after the rows on the page."""

    def get(self, request, *args, **kwargs):
        if not self.editable():
            raise Http404
        try:
            index = min(int(request.GET.get("form-TOTAL_FORMS", "0")), 499)
        except ValueError:
            index = 0
        formset = PersonFormSet(opening=self.registration.opening, prefix="form")
        form = formset.empty_form
        form.prefix = formset.add_prefix(index)
        return render(
            request,
            "delegates/registration_form.html#new-row",
            {
                "form": form,
                "index": index,
                "total": index + 1,
                "sections": list(self.registration.opening.sections.all()),
                "opening": self.registration.opening,
                "editable": True,
            },
        )


class ImportView(RegistrationAccessMixin, TemplateView):
    """Excel import: upload -> row-by-row report -> confirm (signed rows) -> save."""

    template_name = "delegates/import.html"
    salt = "delegates.import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(registration=self.registration, opening=self.registration.opening, urls=self.urls())
        context.setdefault("form", ImportForm())
        return context

    def post(self, request, *args, **kwargs):
        if not self.editable():
            messages.error(request, _("Đã hết hạn đăng ký; danh sách không thay đổi được nữa."))
            return redirect(self.url("form"))
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = excel.parse_workbook(form.cleaned_data["file"].read(), opening=self.registration.opening)
        except excel.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        good = [item.row for item in report if item.row is not None]
        payload = signing.dumps(
            {"reg": self.registration.pk, "rows": [row.__dict__ for row in good]},
            salt=self.salt,
            compress=True,
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                errors=sum(1 for item in report if item.errors),
                payload=payload if good and all(not item.errors for item in report) else "",
                sections={s.pk: s.title for s in self.registration.opening.sections.all()},
            )
        )

    def confirm(self, request):
        try:
            data = signing.loads(request.POST.get("payload", ""), salt=self.salt, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("Phiên nhập đã hết hạn; vui lòng tải tệp lên lại."))
            return redirect(self.url("import"))
        if data.get("reg") != self.registration.pk:
            raise Http404
        current = [
            services.PersonRow(
                id=p.pk,
                full_name=p.full_name,
                phone=p.phone,
                title=p.title,
                unit=p.unit,
                email=p.email,
                note=p.note,
                section_id=p.section_id,
            )
            for p in selectors.registration_people(self.registration)
        ]
        imported = [services.PersonRow(**{**row, "id": None}) for row in data["rows"]]
        try:
            services.registration_save(
                registration=self.registration, rows=current + imported, actor=self.actor
            )
        except RegistrationError as error:
            problems = list(error.messages)
            for index, fields in error.row_errors.items():
                row = (current + imported)[index]
                problems += [f"{row.full_name}: {message}" for message in fields.values()]
            for message in problems:
                messages.error(request, message)
            return redirect(self.url("import"))
        messages.success(request, _("Đã nhập %(n)d người vào danh sách (chưa gửi).") % {"n": len(imported)})
        return redirect(self.url("form"))


class RegistrationListPdfView(PrintedMixin, RegistrationAccessMixin, View):
    def get(self, request, *args, **kwargs):
        context = documents.build_list_context(self.registration.opening, registration=self.registration)
        return self.printed(
            documents.LIST_TEMPLATE,
            {"doc": context},
            context["meta"],
            f"danh-sach-{self.registration.pk}.pdf",
        )


class RegistrationListXlsxView(RegistrationAccessMixin, View):
    def get(self, request, *args, **kwargs):
        groups = documents.list_rows(self.registration.opening, registration=self.registration)
        data = excel.export_workbook(
            groups, title=f"{self.registration.opening.title} - {self.registration.agency.name}"
        )
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="danh-sach-{self.registration.pk}.xlsx"'
        return response


class RegistrationInvitationPdfView(PrintedMixin, RegistrationAccessMixin, View):
    def get(self, request, *args, **kwargs):
        invitation = self.registration.opening.invitations.select_related("issuing_agency__parent").first()
        if invitation is None:
            raise Http404
        context = documents.build_invitation_context(
            invitation,
            invitee=documents.invitee_line_for_agency(self.registration),
            registration=self.registration,
        )
        return self.printed(
            documents.INVITATION_TEMPLATE,
            {"items": [context]},
            context["meta"],
            documents.invitation_filename(invitation, self.registration.agency.short_name),
        )


class RegistrationBlankPdfView(PrintedMixin, RegistrationAccessMixin, View):
    def get(self, request, *args, **kwargs):
        context = documents.build_blank_form_context(self.registration.opening)
        return self.printed(documents.FORM_TEMPLATE, {"doc": context}, context["meta"], "mau-dang-ky.pdf")


class MyRegistrationsView(ActionRequiredMixin, TemplateView):
    action = "registration.register"
    template_name = "delegates/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = selectors.agency_registrations(user_agency(self.request.user))
        for registration in registrations:
            registration.display = selectors.display_status(registration)
        context.update(registrations=registrations)
        return context


# --------------------------------------------------------------------------- outputs (staff)


class ListPdfView(PrintedMixin, StaffMixin, View):
    def get(self, request, pk):
        context = documents.build_list_context(self.get_opening())
        return self.printed(
            documents.LIST_TEMPLATE, {"doc": context}, context["meta"], f"danh-sach-dai-bieu-{pk}.pdf"
        )


class ListXlsxView(StaffMixin, View):
    def get(self, request, pk):
        opening = self.get_opening()
        data = excel.export_workbook(documents.list_rows(opening), title=opening.title)
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="danh-sach-dai-bieu-{pk}.xlsx"'
        return response


class BlankFormPdfView(PrintedMixin, StaffMixin, View):
    def get(self, request, pk):
        context = documents.build_blank_form_context(self.get_opening())
        return self.printed(
            documents.FORM_TEMPLATE, {"doc": context}, context["meta"], f"mau-dang-ky-{pk}.pdf"
        )


class CardsPdfView(PrintedMixin, StaffMixin, View):
    def get(self, request, pk):
        context = documents.build_cards_context(self.get_opening(), base_url=request.build_absolute_uri("/"))
        return self.printed(
            documents.CARDS_TEMPLATE, {"doc": context}, context["meta"], f"the-dai-bieu-{pk}.pdf"
        )


class CheckinSheetPdfView(PrintedMixin, StaffMixin, View):
    def get(self, request, pk):
        context = documents.build_checkin_sheet_context(
            self.get_opening(), base_url=request.build_absolute_uri("/")
        )
        return self.printed(
            documents.CHECKIN_TEMPLATE, {"doc": context}, context["meta"], f"danh-sach-ky-nhan-{pk}.pdf"
        )


# --------------------------------------------------------------------------- GIẤY MỜI


def invitation_defaults(opening: RegistrationOpening) -> dict:
    event = opening.event
    plan = event.plan
    agency = documents.organiser(opening)
    issued = bool(plan.number and plan.issued_on)
    plan_ref = documents.formatting.reference(
        "Kế hoạch",
        plan.number if issued else None,
        plan.doc_type,
        plan.symbol_code or plan.issuing_agency.short_name,
        plan.issued_on if issued else None,
        year=plan.year,
    )
    venue = event.venue_text or (event.venue.name if event.venue else "")
    return {
        "title": f"Dự {event.name}",
        "opening_text": (
            f"Thực hiện {plan_ref} của {plan.issuing_agency.name}, {agency.name} trân trọng kính mời:"
        ),
        "invitees": "",
        "attend_text": f"Tới dự {event.name}",
        "chair": event.chair,
        "time_text": event.date_text or "",
        "place_text": venue.removeprefix("Tại ").removeprefix("tại "),
        "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "recipients": "Như trên\nUBND tỉnh (b/c)\nGiám đốc Sở (b/c)",
        "archive": "VT, CCHC",
    }


class InvitationEditView(StaffMixin, FormView):
    action = "registration.manage"
    template_name = "delegates/invitation.html"
    form_class = InvitationForm

    def get_invitation(self) -> Invitation | None:
        if "inv" not in self.kwargs:
            return None
        return get_object_or_404(
            Invitation.objects.select_related("issuing_agency"),
            pk=self.kwargs["inv"],
            opening_id=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        invitation = self.get_invitation()
        if invitation is not None:
            kwargs["instance"] = invitation
        else:
            kwargs["initial"] = invitation_defaults(self.get_opening())
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opening = self.get_opening()
        invitation = self.get_invitation()
        context.update(
            opening=opening,
            invitation=invitation,
            workflow_url=safe_reverse("documents:review", f"invitation-{invitation.pk}")
            if invitation
            else None,
            registrations=opening.registrations.select_related("agency").order_by("position", "id"),
        )
        return context

    def form_valid(self, form):
        invitation = form.save(commit=False)
        if invitation.pk and invitation.is_issued:
            messages.error(self.request, _("Giấy mời đã ban hành, không sửa được."))
            return redirect("delegates:invitation", self.kwargs["pk"], invitation.pk)
        if not invitation.pk:
            invitation.opening = self.get_opening()
            invitation.issuing_agency = documents.organiser(self.get_opening())
            invitation.created_by = self.request.user
        invitation.save()
        messages.success(self.request, _("Đã lưu giấy mời."))
        return redirect("delegates:invitation", self.kwargs["pk"], invitation.pk)


@method_decorator(xframe_options_sameorigin, name="dispatch")
class InvitationPdfView(PrintedMixin, StaffMixin, View):
    def get(self, request, pk, inv, reg=None, delegate=None):
        invitation = get_object_or_404(
            Invitation.objects.select_related("issuing_agency__parent", "opening__event"),
            pk=inv,
            opening_id=pk,
        )
        per = request.GET.get("per")
        if reg is not None:
            registration = get_object_or_404(
                AgencyRegistration.objects.select_related("agency"), pk=reg, opening_id=pk
            )
            items = [
                documents.build_invitation_context(
                    invitation,
                    invitee=documents.invitee_line_for_agency(registration),
                    registration=registration,
                )
            ]
            suffix = registration.agency.short_name or str(registration.pk)
        elif delegate is not None:
            person = get_object_or_404(
                Delegate.objects.select_related("registration__agency"), pk=delegate, opening_id=pk
            )
            items = [
                documents.build_invitation_context(
                    invitation, invitee=documents.invitee_line_for_person(person)
                )
            ]
            suffix = person.full_name
        elif per in ("agency", "person"):
            items = documents.build_invitation_batch(invitation, per=per)["items"]
            suffix = "tat-ca"
        else:
            items = [documents.build_invitation_context(invitation)]
            suffix = ""
        if not items:
            messages.info(request, _("Chưa có ai để in giấy mời."))
            return redirect("delegates:invitation", pk, inv)
        return self.printed(
            documents.INVITATION_TEMPLATE,
            {"items": items},
            items[0]["meta"],
            documents.invitation_filename(invitation, suffix),
        )


# --------------------------------------------------------------------------- check-in


class CheckInView(ActionRequiredMixin, TemplateView):
    """The page a delegate's QR code opens on a staff phone: marks attendance
    (idempotent; the URL is signed), with an undo button."""

    action = "registration.checkin"
    template_name = "delegates/check_in.html"

    def get_delegate(self) -> Delegate:
        delegate_id = documents.check_in_delegate_id(self.kwargs["token"])
        if delegate_id is None:
            raise Http404(_("Mã điểm danh không đúng."))
        return get_object_or_404(
            Delegate.objects.select_related("registration__agency", "opening"), pk=delegate_id
        )

    def get(self, request, *args, **kwargs):
        delegate = self.get_delegate()
        marked = services.delegate_check_in(delegate=delegate, user=request.user)
        return self.render_to_response(self.get_context_data(delegate=delegate, marked=marked))

    def post(self, request, *args, **kwargs):
        delegate = self.get_delegate()
        services.delegate_check_in_undo(delegate=delegate)
        messages.info(request, _("Đã hủy điểm danh của %(name)s.") % {"name": delegate.full_name})
        return redirect("delegates:attendance", delegate.opening_id)


class AttendanceView(StaffMixin, TemplateView):
    template_name = "delegates/attendance.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["delegates/attendance.html#counts"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opening = self.get_opening()
        rows = selectors.attendance(opening)
        context.update(
            opening=opening,
            rows=rows,
            total=sum(r["total"] for r in rows),
            present=sum(r["present"] for r in rows),
            poll_seconds=POLL_SECONDS,
            recent=Delegate.objects.filter(opening=opening, checked_in_at__isnull=False)
            .select_related("registration__agency")
            .order_by("-checked_in_at")[:10],
        )
        return context
