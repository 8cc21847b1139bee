"""GIẤY MỜI in the review-and-issue workflow (documents.workflow).

Staff draft and submit it, a leader approves or sends it back, the clerk
issues it with the next number of the issuing body's register
("125/GM-SNV"); from then on it is frozen and prints from the stored file.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents import workflow
from plans.review import agency_register, agency_symbol, permission_checker, record_number, snapshot_text

from .documents import INVITATION_KEY, invitation_printable
from .models import AgencyRegistration, Delegate, Invitation

PERMISSIONS = {
    "view": "registration.view",
    "submit": "registration.manage",
    "review": "plan.review",
    "issue": "plan.issue",
}


_can = permission_checker(PERMISSIONS)
_text = snapshot_text


def _queryset():
    return Invitation.objects.select_related("issuing_agency__parent", "opening__event", "created_by")


def invitation_snapshot(invitation: Invitation) -> dict[str, Any]:
    fields = {
        str(_("Trích yếu")): _text(invitation.title),
        str(_("Đoạn mở đầu")): _text(invitation.opening_text),
        str(_("Kính mời")): _text(invitation.invitees),
        str(_("Tới dự")): _text(invitation.attend_text),
        str(_("Chủ trì")): _text(invitation.chair),
        str(_("Thời gian")): _text(invitation.time_text),
        str(_("Địa điểm")): _text(invitation.place_text),
        str(_("Đoạn kết")): _text(invitation.closing_text),
        str(_("Người ký")): _text(f"{invitation.signer_title}\n{invitation.signer_name}"),
        str(_("Nơi nhận")): _text(invitation.recipients),
    }
    return {"title": invitation.title, "fields": fields, "parts": {}}


def invitation_register(invitation: Invitation) -> tuple[str, str]:
    return agency_register(invitation.issuing_agency)


INVITATION_WORKFLOW = workflow.WorkflowType(
    key=INVITATION_KEY,
    label=_("Giấy mời"),
    model=Invitation,
    can=_can,
    printable=lambda invitation: invitation_printable(_queryset().get(pk=invitation.pk)),
    snapshot=invitation_snapshot,
    register=invitation_register,
    symbol=agency_symbol,
    apply_issue=record_number,
    author=lambda invitation: invitation.created_by,
    url=lambda invitation: invitation.get_absolute_url(),
    pdf_url=lambda invitation: reverse(
        "delegates:invitation_pdf", args=[invitation.opening_id, invitation.pk]
    ),
    title=lambda invitation: invitation.title,
    queryset=_queryset,
    history=lambda invitation: [
        (str(_("Giấy mời")), Invitation.history.filter(id=invitation.pk)),
        (
            str(_("Danh sách đăng ký")),
            AgencyRegistration.history.filter(opening_id=invitation.opening_id),
        ),
        (
            str(_("Đại biểu")),
            Delegate.history.filter(opening_id=invitation.opening_id),
        ),
    ],
)


def register_workflow() -> None:
    workflow.register(INVITATION_WORKFLOW)
