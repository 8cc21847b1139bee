"""Background jobs of the delegates app (``documents.jobs``): every GIẤY MỜI
of an event, one per invited agency (or per person), as one PDF to print."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import cache, jobs, renderer
from plans.permissions import can

from . import documents
from .models import Invitation, RegistrationOpening

EVENT_INVITATIONS = "event_invitations"
YEAR_LISTS = "year_delegate_lists"
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


def run_year_lists(job, report) -> tuple[str, bytes]:
    """Every delegate list (DANH SÁCH) of the events of a plan year, one PDF."""
    year = int(job.params["year"])
    openings = list(
        RegistrationOpening.objects.filter(event__plan__year=year)
        .select_related("event__plan__issuing_agency__parent")
        .order_by("event__plan_id", "event__position", "pk")
    )
    if not openings:
        raise LookupError(_("Năm này chưa có đợt đăng ký đại biểu nào."))
    parts = []
    for index, opening in enumerate(openings, start=1):
        parts.append({"doc": documents.build_list_context(opening)})
        report(
            40 * index // len(openings),
            _("Đang lập danh sách %(n)s/%(total)s") % {"n": index, "total": len(openings)},
        )
    meta = parts[0]["doc"]["meta"]

    def progress(done: int, total: int) -> None:
        report(40 + 55 * done // total, _("Đã in %(n)s/%(total)s danh sách") % {"n": done, "total": total})

    data = renderer.render_pdf_parts(
        documents.LIST_TEMPLATE,
        parts,
        title=f"Danh sách đại biểu năm {year}",
        author=meta["author"],
        progress=progress,
    )
    return f"danh-sach-dai-bieu-{year}.pdf", data


def _may_list(user, params: dict) -> bool:
    return str(params.get("year", "")).isdigit() and can(user, "registration.view")


def register_jobs() -> None:
    jobs.register_kind(
        jobs.JobKind(
            key=YEAR_LISTS,
            label=gettext_lazy("Danh sách đại biểu cả năm"),
            run=run_year_lists,
            may_start=_may_list,
        )
    )
    jobs.register_kind(
        jobs.JobKind(
            key=EVENT_INVITATIONS,
            label=gettext_lazy("Giấy mời của sự kiện (tất cả, một tệp PDF)"),
            run=run_event_invitations,
            may_start=_may_invite,
        )
    )
