"""Background jobs of the delegates app (``documents.jobs``): every GIẤY MỜI
of an event, one per invited agency (or per person), as one PDF to print."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import cache, jobs, renderer
from plans.permissions import can

from . import documents
from .models import Invitation

EVENT_INVITATIONS = "event_invitations"
CHUNK = 20


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
    if not items:
        raise LookupError(_("Chưa có ai để in giấy mời."))
    # Parts of CHUNK invitations: each laid out on its own (the bar moves),
    # written as one PDF to print, and cached as a whole.
    parts = [{"items": items[i : i + CHUNK]} for i in range(0, len(items), CHUNK)]
    meta = items[0]["meta"]

    def progress(done: int, total: int) -> None:
        printed = min(len(items), done * CHUNK)
        report(
            5 + 90 * done // total,
            _("Đã in %(done)s/%(total)s giấy mời") % {"done": printed, "total": len(items)},
        )

    def render() -> bytes:
        return renderer.render_pdf_parts(
            documents.INVITATION_TEMPLATE,
            parts,
            title=meta["title"],
            author=meta["author"],
            progress=progress,
        )

    try:
        key = cache.key_for(
            documents.INVITATION_TEMPLATE, {"parts": parts}, kind="pdf-parts", title=meta["title"]
        )
    except cache.Uncacheable:
        key = None
    data = cache.cached_file(key, "pdf", render)
    return documents.invitation_filename(invitation, f"tat-ca-{per}"), data


def _may_invite(user, params: dict) -> bool:
    return str(params.get("invitation_id", "")).isdigit() and can(user, "registration.manage")


def register_jobs() -> None:
    jobs.register_kind(
        jobs.JobKind(
            key=EVENT_INVITATIONS,
            label=gettext_lazy("Giấy mời của sự kiện (tất cả, một tệp PDF)"),
            run=run_event_invitations,
            may_start=_may_invite,
        )
    )
