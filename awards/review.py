"""The QUYẾT ĐỊNH khen thưởng in the review-and-issue workflow (documents.workflow).

Staff submit, leaders approve or send back, the clerk issues it with the
next number of the issuing body's register. Once issued, the decision and
the nominations it lists are frozen: a change of the list is a new decision.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents import workflow
from plans.review import agency_register, agency_symbol, permission_checker, record_number, snapshot_text

from . import selectors
from .documents import DECISION_KEY, decision_printable, decision_queryset
from .models import AwardDecision, Nomination

KEY = DECISION_KEY

PERMISSIONS = {
    "view": "awards.view",
    "submit": "awards.manage",
    "review": "plan.review",
    "issue": "plan.issue",
}
KIND_LABELS = {"awardee": _("Tập thể, cá nhân được khen")}


_can = permission_checker(PERMISSIONS)
_text = snapshot_text


def decision_snapshot(decision: AwardDecision) -> dict[str, Any]:
    decision = decision_queryset().get(pk=decision.pk)
    type_ids = set(decision.award_types.values_list("pk", flat=True))
    award_list = selectors.award_list(decision.campaign, award_type_ids=type_ids)
    fields = {
        str(_("Trích yếu")): _text(decision.title),
        str(_("Thẩm quyền")): _text(decision.authority_line),
        str(_("Căn cứ")): _text(decision.legal_bases),
        str(_("Đề nghị")): _text(decision.proposal),
        str(_("Điều thi hành")): _text(decision.execution),
        str(_("Nguồn tiền thưởng")): _text(decision.fund_source),
        str(_("Người ký")): _text(f"{decision.signer_title}\n{decision.signer_name}"),
        str(_("Nơi nhận")): _text(decision.recipients),
    }
    awardees = []
    for group in award_list.groups:
        for awardee in group.collectives + group.individuals:
            awardees.append(
                {
                    "id": awardee.nomination.pk,
                    "label": f"{awardee.name} – {group.award_type.name}",
                    "fields": {
                        str(_("Hình thức")): group.award_type.name,
                        str(_("Tên")): awardee.name,
                        str(_("Chức vụ, đơn vị")): awardee.detail,
                        str(_("Tiền thưởng")): str(awardee.amount),
                    },
                }
            )
    return {"title": decision.title, "fields": fields, "parts": {"awardee": awardees}}


def decision_register(decision: AwardDecision) -> tuple[str, str]:
    return agency_register(decision.issuing_agency)


def _nomination_owner(nomination: Nomination) -> tuple[str, int] | None:
    """The decision that lists this nomination: an issued one first."""
    if not nomination.campaign_id or not nomination.award_type_id:
        return None
    ids = list(
        AwardDecision.objects.filter(
            campaign_id=nomination.campaign_id, award_types=nomination.award_type_id
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        if workflow.is_frozen(KEY, pk):
            return KEY, pk
    return (KEY, ids[0]) if ids else None


AWARD_DECISION_WORKFLOW = workflow.WorkflowType(
    key=KEY,
    label=_("Quyết định khen thưởng"),
    model=AwardDecision,
    can=_can,
    printable=lambda decision: decision_printable(decision_queryset().get(pk=decision.pk)),
    snapshot=decision_snapshot,
    register=decision_register,
    symbol=agency_symbol,
    apply_issue=record_number,
    author=lambda decision: decision.created_by,
    url=lambda decision: decision.get_absolute_url(),
    pdf_url=lambda decision: reverse("awards:decision_pdf", args=[decision.campaign_id, decision.pk]),
    title=lambda decision: decision.title,
    history=lambda decision: [
        (str(_("Quyết định khen thưởng")), AwardDecision.history.filter(id=decision.pk)),
        (
            str(_("Đề nghị khen thưởng")),
            Nomination.history.filter(
                campaign_id=decision.campaign_id,
                award_type_id__in=list(decision.award_types.values_list("pk", flat=True)),
            ),
        ),
    ],
)


def register_workflow() -> None:
    workflow.register(AWARD_DECISION_WORKFLOW)
    workflow.register_kind_labels(KIND_LABELS)
    workflow.register_part(Nomination, owner=_nomination_owner)
