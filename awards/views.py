"""Pages of the awards app.

Staff (``awards.view`` / ``awards.manage``): campaigns, invitations and
quotas, secret links, review of nominations, the decision and its prints,
the Excel export.

Agencies (``delegates.access``: an agency account, or a per-agency secret
link to one campaign): their invited campaigns and their own nominations.
Every agency-side lookup is filtered by the acting agency and campaign, so
another agency's ids give 404, whatever is put in the URL or the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from delegates.access import AgencyAccessMixin, issue_link, links_for, revoke_link
from documents import workflow
from documents.docx import WordFormatMixin
from documents.models import DocumentStatus
from documents.viewutils import attach_error as _attach_error
from documents.viewutils import url_or_none as _url_or_none
from plans.models import Agency, Plan
from plans.permissions import ActionRequiredMixin, can

from . import documents, exports, selectors, services, text
from .forms import CampaignForm, DecisionForm, NominationForm, ReviewForm
from .models import (
    AwardDecision,
    Campaign,
    CampaignAgency,
    Nomination,
    NominationAttachment,
    NominationStatus,
)

VIEW_ACTION = "awards.view"
MANAGE_ACTION = "awards.manage"


# =========================================================================== staff


class CampaignListView(ActionRequiredMixin, TemplateView):
    action = VIEW_ACTION
    template_name = "awards/campaign_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = selectors.campaign_list()
        plan = None
        if "plan_pk" in self.kwargs:
            plan = get_object_or_404(Plan, pk=self.kwargs["plan_pk"])
            campaigns = campaigns.filter(plan=plan)
        context.update(
            campaigns=list(campaigns),
            plan=plan,
            can_manage=can(self.request.user, MANAGE_ACTION),
            now=timezone.now(),
        )
        return context


class CampaignFormView(ActionRequiredMixin, FormView):
    action = MANAGE_ACTION
    template_name = "awards/campaign_form.html"
    form_class = CampaignForm

    def get_campaign(self) -> Campaign | None:
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_campaign"):
            self._campaign = get_object_or_404(Campaign, pk=self.kwargs["pk"])
        return self._campaign

    def get_initial(self):
        campaign = self.get_campaign()
        if campaign is None:
            initial: dict[str, Any] = {}
            plan_pk = self.request.GET.get("plan", "")
            if plan_pk.isdigit():
                plan = Plan.objects.filter(pk=int(plan_pk)).first()
                if plan is not None:
                    initial["plan"] = plan
                    event = plan.events.order_by("position", "id").first()
                    initial["event"] = event
                    initial["title"] = f"Khen thưởng: {plan.title}"[:500]
            return initial
        return {
            "plan": campaign.plan,
            "event": campaign.event,
            "announce_slot": campaign.announce_slot,
            "title": campaign.title,
            "achievement": campaign.achievement,
            "award_types": campaign.award_types.all(),
            "deadline": timezone.localtime(campaign.deadline),
            "instructions": campaign.instructions,
            "closed": campaign.closed,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.get_campaign()
        return context

    def get(self, request, *args, **kwargs):
        if request.GET.get("part") == "links":
            # The plan or event changed in the form: its event and slot lists again.
            self.get_campaign()  # 404 for a campaign that does not exist
            picked = {name: request.GET.get(name, "") for name in ("plan", "event", "announce_slot")}
            form = self.form_class(initial=picked, links_url=self.links_url())
            return render(request, "awards/campaign_form.html#links", {"form": form})
        return super().get(request, *args, **kwargs)

    def links_url(self) -> str:
        return f"{self.request.path}?part=links"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["links_url"] = self.links_url()
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            campaign = services.campaign_save(
                campaign=self.get_campaign(),
                plan=data["plan"],
                event=data.get("event"),
                announce_slot=data.get("announce_slot"),
                title=data["title"],
                achievement=data["achievement"],
                award_types=data["award_types"],
                deadline=data["deadline"],
                instructions=data.get("instructions", ""),
                closed=data.get("closed", False),
                created_by=self.request.user,
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu đợt khen thưởng."))
        return redirect(campaign.get_absolute_url())


class CampaignMixin(ActionRequiredMixin):
    action = VIEW_ACTION

    def get_campaign(self) -> Campaign:
        if not hasattr(self, "_campaign"):
            try:
                self._campaign = selectors.campaign_detail(self.kwargs["pk"])
            except Campaign.DoesNotExist:
                raise Http404 from None
        return self._campaign


class CampaignDetailView(CampaignMixin, TemplateView):
    template_name = "awards/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        status = self.request.GET.get("status", "")
        nominations = selectors.nominations(campaign).order_by("agency__name", "created_at", "id")
        if status in NominationStatus.values:
            nominations = nominations.filter(status=status)
        nominations = list(nominations)
        manage = can(self.request.user, MANAGE_ACTION)
        award_list = selectors.award_list(campaign)
        counts = dict(
            campaign.nominations.values("status").annotate(n=Count("id")).values_list("status", "n")
        )
        context.update(
            campaign=campaign,
            award_types=list(campaign.award_types.all()),
            invitations=selectors.invitations(campaign),
            nominations=nominations,
            status=status,
            status_choices=[
                (value, label, counts.get(value, 0)) for value, label in NominationStatus.choices
            ],
            award_list=award_list,
            total_amount=text.money(award_list.amount),
            decisions=list(campaign.decisions.select_related("issuing_agency").order_by("created_at", "id")),
            can_manage=manage,
            review_form=ReviewForm(campaign=campaign) if manage else None,
            is_open=campaign.is_open(),
            links=list(links_for(campaign).select_related("agency").order_by("-created_at"))
            if manage
            else [],
            new_link=self.request.session.pop(f"awards-link-{campaign.pk}", None),
        )
        return context


class CampaignAgenciesView(CampaignMixin, TemplateView):
    """Which agencies may nominate, with quotas: one checkbox and one number per agency."""

    action = MANAGE_ACTION
    template_name = "awards/campaign_agencies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        invited = dict(CampaignAgency.objects.filter(campaign=campaign).values_list("agency_id", "quota"))
        agencies = Agency.objects.filter(is_active=True).select_related("kind")
        context.update(
            campaign=campaign,
            rows=[(agency, agency.pk in invited, invited.get(agency.pk)) for agency in agencies],
        )
        return context

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        quotas: dict[Agency, int | None] = {}
        agencies = {agency.pk: agency for agency in Agency.objects.filter(is_active=True)}
        errors = []
        for key in request.POST.getlist("agency"):
            if not key.isdigit() or int(key) not in agencies:
                continue
            agency = agencies[int(key)]
            raw = request.POST.get(f"quota-{key}", "").strip()
            if raw and not raw.isdigit():
                errors.append(agency.name)
                continue
            quotas[agency] = int(raw) if raw else None
        if errors:
            messages.error(
                request, _("Số đề nghị tối đa phải là số nguyên: %(names)s.") % {"names": ", ".join(errors)}
            )
            return self.get(request, *args, **kwargs)
        services.campaign_set_agencies(campaign=campaign, quotas=quotas)
        messages.success(request, _("Đã lưu %(n)d cơ quan được đề nghị khen thưởng.") % {"n": len(quotas)})
        return redirect(campaign.get_absolute_url())


class CampaignLinkView(CampaignMixin, View):
    """POST: issue a secret link for an invited agency, or revoke one."""

    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        revoke = request.POST.get("revoke", "")
        if revoke.isdigit():
            link = links_for(campaign).filter(pk=int(revoke)).first()
            if link is None:
                raise Http404
            revoke_link(link=link)
            messages.success(request, _("Đã thu hồi liên kết của %(agency)s.") % {"agency": link.agency})
            return redirect(campaign.get_absolute_url() + "#links")
        agency_pk = request.POST.get("agency", "")
        invitation = (
            CampaignAgency.objects.select_related("agency")
            .filter(campaign=campaign, agency_id=int(agency_pk) if agency_pk.isdigit() else None)
            .first()
        )
        if invitation is None:
            messages.error(request, _("Chọn một cơ quan có trong danh sách được đề nghị."))
            return redirect(campaign.get_absolute_url() + "#links")
        # The link outlives the deadline a little so that agencies can still read their list.
        expires = max(campaign.deadline, timezone.now()) + timezone.timedelta(days=30)
        _link, token = issue_link(
            agency=invitation.agency, target=campaign, expires_at=expires, created_by=request.user
        )
        request.session[f"awards-link-{campaign.pk}"] = {
            "agency": invitation.agency.name,
            "url": request.build_absolute_uri(reverse("awards:link_campaign", args=[token])),
        }
        return redirect(campaign.get_absolute_url() + "#links")


class NominationReviewView(CampaignMixin, View):
    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        nomination = get_object_or_404(Nomination, campaign=campaign, pk=self.kwargs["nomination_pk"])
        form = ReviewForm(request.POST, campaign=campaign)
        anchor = f"{campaign.get_absolute_url()}#nomination-{nomination.pk}"
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(anchor)
        data = form.cleaned_data
        try:
            services.nomination_review(
                nomination=nomination,
                action=data["action"],
                user=request.user,
                reason=data.get("reason", ""),
                award_type=data.get("award_type"),
                council_note=data.get("council_note") if "council_note" in request.POST else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(anchor)
        messages.success(request, _("Đã ghi kết quả xét: %(name)s.") % {"name": nomination.name})
        return redirect(anchor)


class StaffAttachmentView(CampaignMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(
            NominationAttachment.objects.select_related("nomination"),
            pk=self.kwargs["attachment_pk"],
            nomination__campaign_id=self.kwargs["pk"],
        )
        return _attachment_response(attachment)


def _attachment_response(attachment: NominationAttachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class CampaignExcelView(CampaignMixin, View):
    def get(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        data = exports.campaign_workbook(campaign)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="khen-thuong-{campaign.pk}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


# --------------------------------------------------------------------------- decisions


class DecisionCreateView(CampaignMixin, View):
    action = MANAGE_ACTION

    def post(self, request, *args, **kwargs):
        decision = services.decision_create(campaign=self.get_campaign(), user=request.user)
        messages.success(request, _("Đã tạo dự thảo quyết định khen thưởng."))
        return redirect(decision.get_absolute_url())


class DecisionMixin(CampaignMixin):
    def get_decision(self) -> AwardDecision:
        if not hasattr(self, "_decision"):
            self._decision = get_object_or_404(
                documents.decision_queryset(), campaign_id=self.kwargs["pk"], pk=self.kwargs["decision_pk"]
            )
        return self._decision


class DecisionDetailView(DecisionMixin, TemplateView):
    template_name = "awards/decision_detail.html"
    # Everyone who follows awards reads the draft; only those who manage them change it.
    post_action = MANAGE_ACTION

    def editable(self) -> bool:
        # Text changes only while a draft or sent back: a leader reviews what stays put.
        return can(self.request.user, MANAGE_ACTION) and self.get_decision().status in (
            DocumentStatus.DRAFT,
            DocumentStatus.RETURNED,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.get_decision()
        type_ids = set(decision.award_types.values_list("pk", flat=True))
        context.update(
            campaign=self.get_campaign(),
            decision=decision,
            award_list=selectors.award_list(decision.campaign, award_type_ids=type_ids),
            form=kwargs.get("form") or (DecisionForm(instance=decision) if self.editable() else None),
            editable=self.editable(),
            doc_id=workflow.document_id(decision),
            workflow_actions=[
                step
                for step in workflow.available_actions(self.request.user, decision)
                if step.action in ("submit", "withdraw")
            ],
            review_url=_url_or_none("documents:review", workflow.document_id(decision)),
            audit_url=_url_or_none("documents:audit", workflow.document_id(decision)),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.editable():
            raise Http404
        decision = self.get_decision()
        form = DecisionForm(request.POST, instance=AwardDecision.objects.get(pk=decision.pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = {field: form.cleaned_data[field] for field in form.Meta.fields if field != "award_types"}
        try:
            services.decision_update(
                decision=decision, data=data, award_types=form.cleaned_data["award_types"]
            )
        except ValidationError as error:
            _attach_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Đã lưu quyết định."))
        return redirect(decision.get_absolute_url())


@method_decorator(xframe_options_sameorigin, name="dispatch")  # the review page frames it
class DecisionPdfView(WordFormatMixin, DecisionMixin, View):
    reading_list = False

    def get(self, request, *args, **kwargs):
        decision = self.get_decision()
        printable = (
            documents.reading_list_printable(decision)
            if self.reading_list
            else documents.decision_printable(decision)
        )
        if self.wants_word:
            return self.printable_word_response(printable)
        entry = workflow.entry_for(decision) if decision.is_issued and not self.reading_list else None
        # An issued decision is the file stored when it was issued, never a new rendering.
        data = workflow.stored_pdf(entry) if entry is not None else printable.pdf()
        response = HttpResponse(data, content_type="application/pdf")
        disposition = "inline" if request.GET.get("inline") == "1" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{printable.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(xframe_options_sameorigin, name="dispatch")
class DecisionPrintView(DecisionMixin, View):
    reading_list = False

    def get(self, request, *args, **kwargs):
        decision = self.get_decision()
        printable = (
            documents.reading_list_printable(decision)
            if self.reading_list
            else documents.decision_printable(decision)
        )
        response = HttpResponse(printable.render_html(), content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response


# =========================================================================== agencies


class AgencyCampaignListView(AgencyAccessMixin, TemplateView):
    """An agency account's campaigns (a secret link goes straight to its campaign)."""

    template_name = "awards/agency_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = self.agency_access.agency
        context.update(agency=agency, campaigns=selectors.campaigns_for_agency(agency))
        return context


class AgencyCampaignMixin(AgencyAccessMixin):
    """The acting agency's view of one campaign it is invited to.

    With a link, the campaign is the link's target and nothing in the URL
    can name another one."""

    access_target_model = Campaign

    @property
    def via_link(self) -> bool:
        return self.agency_access.via == "link"

    def get_campaign(self) -> Campaign:
        if not hasattr(self, "_campaign"):
            pk = self.agency_access.target_id if self.via_link else self.kwargs.get("pk")
            campaign = (
                Campaign.objects.select_related("plan", "event")
                .prefetch_related("award_types")
                .filter(pk=pk, invitations__agency=self.agency_access.agency)
                .first()
            )
            if campaign is None:
                raise Http404
            self._campaign = campaign
        return self._campaign

    def agency_url(self, name: str, *args) -> str:
        if self.via_link:
            return reverse(f"awards:link_{name}", args=[self.kwargs["token"], *args])
        return reverse(f"awards:agency_{name}", args=[self.get_campaign().pk, *args])

    def own_nominations(self):
        return selectors.nominations(self.get_campaign(), agency=self.agency_access.agency)

    def get_nomination(self) -> Nomination:
        return get_object_or_404(self.own_nominations(), pk=self.kwargs["nomination_pk"])

    def base_context(self) -> dict[str, Any]:
        campaign = self.get_campaign()
        invitation = CampaignAgency.objects.get(campaign=campaign, agency=self.agency_access.agency)
        nominations = list(self.own_nominations().order_by("created_at", "id"))
        for nomination in nominations:
            nomination.edit_url = self.agency_url("edit", nomination.pk)
            nomination.delete_url = self.agency_url("delete", nomination.pk)
            for attachment in nomination.attachments.all():
                attachment.url = self.agency_url("attachment", attachment.pk)
        used = sum(1 for n in nominations if n.status != NominationStatus.REJECTED)
        return {
            "campaign": campaign,
            "agency": self.agency_access.agency,
            "via_link": self.via_link,
            "quota": invitation.quota,
            "used": used,
            "is_open": campaign.is_open(),
            "nominations": nominations,
            "home_url": self.agency_url("campaign"),
            "add_url": self.agency_url("add"),
        }


class AgencyCampaignView(AgencyCampaignMixin, TemplateView):
    template_name = "awards/agency_campaign.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        return context


class AgencyNominationFormView(AgencyCampaignMixin, FormView):
    template_name = "awards/nomination_form.html"
    form_class = NominationForm

    def get_nomination_or_none(self) -> Nomination | None:
        return self.get_nomination() if "nomination_pk" in self.kwargs else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["campaign"] = self.get_campaign()
        return kwargs

    def get_initial(self):
        nomination = self.get_nomination_or_none()
        if nomination is None:
            return {"unit": self.agency_access.agency.name}
        return {
            "kind": nomination.kind,
            "name": nomination.name,
            "position": nomination.position,
            "unit": nomination.unit,
            "award_type": nomination.proposed_award_type,
            "achievements": nomination.achievements,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        nomination = self.get_nomination_or_none()
        context["nomination"] = nomination
        context["form_url"] = self.agency_url("edit", nomination.pk) if nomination else self.agency_url("add")
        return context

    def form_valid(self, form):
        agency = self.agency_access.agency
        nomination = self.get_nomination_or_none()
        data = form.cleaned_data
        try:
            if nomination is None:
                services.nomination_create(
                    campaign=self.get_campaign(),
                    agency=agency,
                    data=data,
                    attachments=data.get("attachments", []),
                    user=self.request.user if self.request.user.is_authenticated else None,
                )
                messages.success(
                    self.request, _("Đã gửi đề nghị khen thưởng «%(name)s».") % {"name": data["name"]}
                )
            else:
                remove = [int(v) for v in self.request.POST.getlist("remove_attachment") if v.isdigit()]
                services.nomination_update(
                    nomination=nomination,
                    agency=agency,
                    data=data,
                    attachments=data.get("attachments", []),
                    remove_attachments=remove,
                )
                messages.success(self.request, _("Đã lưu đề nghị «%(name)s».") % {"name": data["name"]})
        except ValidationError as error:
            _attach_error(form, error)
            return self.form_invalid(form)
        return redirect(self.agency_url("campaign"))


class AgencyNominationDeleteView(AgencyCampaignMixin, View):
    def post(self, request, *args, **kwargs):
        nomination = self.get_nomination()
        try:
            services.nomination_withdraw(nomination=nomination, agency=self.agency_access.agency)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã rút đề nghị «%(name)s».") % {"name": nomination.name})
        return redirect(self.agency_url("campaign"))


class AgencyAttachmentView(AgencyCampaignMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(
            NominationAttachment,
            pk=self.kwargs["attachment_pk"],
            nomination__campaign=self.get_campaign(),
            nomination__agency=self.agency_access.agency,
        )
        return _attachment_response(attachment)
