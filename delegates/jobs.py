"""Background jobs of the delegates app (``documents.jobs``): every GIẤY MỜI
of an event, one PDF per invited agency (or per person), as one ZIP."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import cache, formatting, jobs
from plans.permissions import can

from . import documents
from .models import Invitation

EVENT_INVITATIONS = "event_invitations"


def run_event_invitations(job, report) -> tuple[str, bytes]:
    invitation = (
        Invitation.objects.select_related("issuing_agency__parent", "opening__event")
        .filter(pk=job.params["invitation_id"])
        .first()
    )
    if invitation is None:
        raise LookupError(_("Giấy mời không còn tồn tại."))
    per = "person" if job.params.get("per") == "person" else "agency"
    report(2, _("Đang chuẩn bị danh sách"))
    items = documents.build_invitation_batch(invitation, per=per)["items"]
    total = max(1, len(items))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, item in enumerate(items, start=1):
            data = cache.cached_pdf(
                documents.INVITATION_TEMPLATE,
                {"items": [item]},
                title=item["meta"]["title"],
                author=item["meta"]["author"],
            )
            invitee = formatting.ascii_slug(item["paragraphs"][1] if len(item["paragraphs"]) > 1 else "")
            archive.writestr(f"{index:03d}-{invitee[:60] or 'giay-moi'}.pdf", data)
            message = _("Đã in %(done)s/%(total)s giấy mời") % {"done": index, "total": total}
            report(index * 100 // total, message)
    return documents.invitation_filename(invitation, "tat-ca").replace(".pdf", ".zip"), buffer.getvalue()


def _may_invite(user, params: dict) -> bool:
    return str(params.get("invitation_id", "")).isdigit() and can(user, "registration.manage")


def register_jobs() -> None:
    jobs.register_kind(
        jobs.JobKind(
            key=EVENT_INVITATIONS,
            label=gettext_lazy("Giấy mời của sự kiện (ZIP)"),
            run=run_event_invitations,
            may_start=_may_invite,
        )
    )
