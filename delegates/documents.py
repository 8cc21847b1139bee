"""Delegates' printed documents, step 1 of 3: data (no request, no I/O).

- DANH SÁCH (the delegate list, grouped by section with Roman group rows,
  sorted the Vietnamese way); the blank registration form as a phụ lục;
- GIẤY MỜI (ND30 mẫu 1.7) per agency, per person, or a batch;
- name cards and the check-in sheet with a QR code per delegate.

The templates are in templates/documents/delegates/; the renderer is
documents.renderer.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from documents import formatting, markup, printables
from documents.printables import Printable, PrintableType
from plans.documents import header_context, signature_context
from plans.models import Agency

from . import normalize, selectors
from .models import AgencyRegistration, Delegate, Invitation, RegistrationOpening

LIST_TEMPLATE = "documents/delegates/list.html"
FORM_TEMPLATE = "documents/delegates/blank_form.html"
INVITATION_TEMPLATE = "documents/delegates/invitation.html"
CARDS_TEMPLATE = "documents/delegates/cards.html"
CHECKIN_TEMPLATE = "documents/delegates/checkin_sheet.html"
CHECKIN_SALT = "delegates.check-in"
END_MARK = "./."
BLANK_ROWS = 5


def _lines(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in markup.clean_text(text).split("\n") if line.strip()]


def organiser(opening: RegistrationOpening) -> Agency:
    """Who compiles the list and invites: the invitation's issuer, else the
    Sở Nội vụ of the plan's province, else the plan's issuing agency."""
    invitation = opening.invitations.select_related("issuing_agency__parent").first()
    if invitation is not None:
        return invitation.issuing_agency
    plan_agency = opening.event.plan.issuing_agency
    found = (
        Agency.objects.select_related("parent")
        .filter(name="Sở Nội vụ", province=plan_agency.province)
        .first()
    )
    return found or plan_agency


def _header_without_number(agency: Agency) -> dict[str, Any]:
    return {
        "parent_line": agency.parent_header_line,
        "agency_lines": agency.header_lines,
        "number_line": "",
        "date_line": "",
        "is_draft": False,
        "attached": True,
    }


def _event_line(opening: RegistrationOpening) -> str:
    target = opening.event.name
    if opening.delegation_id:
        target = f"{opening.delegation.name} - {target}"
    elif opening.site_id:
        target = f"{target} (điểm cầu {opening.site.name})"
    return target


def _person(person: Delegate, number: int) -> dict[str, Any]:
    notes = [person.note] if person.note else []
    if person.replaced_name:
        notes.append(f"Thay {person.replaced_name}")
    return {
        "number": number,
        "name": person.full_name,
        "title": person.title,
        "unit": person.unit or person.registration.agency.name,
        "agency": person.registration.agency.name,
        "phone": normalize.phone_display(person.phone),
        "email": person.email,
        "note": "; ".join(notes),
        "section": person.section.title if person.section_id else "",
    }


def list_rows(opening: RegistrationOpening, *, registration: AgencyRegistration | None = None) -> list[dict]:
    """Groups of the printed list: {"label": "I. TRONG TỈNH", "people": [...]}, TT restarting per group."""
    return [
        {"label": group.label, "people": [_person(p, n) for n, p in enumerate(group.people, start=1)]}
        for group in selectors.grouped_people(opening, registration=registration)
    ]


def build_list_context(
    opening: RegistrationOpening, *, registration: AgencyRegistration | None = None
) -> dict[str, Any]:
    agency = organiser(opening)
    groups = list_rows(opening, registration=registration)
    subtitle = f"Đại biểu dự {_event_line(opening)}"
    if registration is not None:
        subtitle += f"\ncủa {registration.agency.name}"
    return {
        "header": _header_without_number(agency),
        "heading": {"type_name": "DANH SÁCH", "title_lines": subtitle.split("\n")},
        "groups": groups,
        "total": sum(len(group["people"]) for group in groups),
        "printed_at": timezone.localtime(),
        "meta": {"title": "Danh sách " + subtitle.replace("\n", " "), "author": agency.name},
    }


def _reference(opening: RegistrationOpening) -> list[str]:
    invitation = opening.invitations.select_related("issuing_agency").first()
    if invitation is not None:
        issued = bool(invitation.number and invitation.issued_on)
        year = invitation.issued_on.year if issued else timezone.localdate().year
        code = invitation.symbol_code or invitation.issuing_agency.short_name
        ref = formatting.reference(
            "Giấy mời",
            invitation.number if issued else None,
            "GM",
            code,
            invitation.issued_on if issued else None,
            year=year,
        )
        return [f"(Kèm theo {ref}", f"của {invitation.issuing_agency.name})"]
    plan = opening.event.plan
    issued = bool(plan.number and plan.issued_on)
    code = plan.symbol_code or plan.issuing_agency.short_name
    ref = formatting.reference(
        "Kế hoạch",
        plan.number if issued else None,
        plan.doc_type,
        code,
        plan.issued_on if issued else None,
        year=plan.year,
    )
    return [f"(Kèm theo {ref}", f"của {formatting.short_agency_name(plan.issuing_agency.name)})"]


def deadline_words(value) -> str:
    """ "17 giờ 00 ngày 30/8/2023" (day and month as seeds write them)."""
    local = timezone.localtime(value)
    return f"{local.hour:02d} giờ {local.minute:02d} ngày {local.day:02d}/{local.month}/{local.year}"


def build_blank_form_context(opening: RegistrationOpening) -> dict[str, Any]:
    sections = list(opening.sections.all())
    labels = [f"{formatting.roman(i)}. {s.title.upper()}" for i, s in enumerate(sections, start=1)] or [""]
    rows = BLANK_ROWS
    return {
        "appendix": {
            "label": "Phụ lục",
            "title_lines": ["MẪU ĐĂNG KÝ ĐẠI BIỂU"],
            "subtitle_lines": [f"Dự {_event_line(opening)}"],
            "ref_lines": _reference(opening),
        },
        "groups": [{"label": label, "rows": range(1, rows + 1)} for label in labels],
        "deadline": deadline_words(opening.deadline),
        "organiser": organiser(opening).name,
        "meta": {"title": f"Mẫu đăng ký đại biểu - {opening.title}", "author": organiser(opening).name},
    }


# --------------------------------------------------------------------------- GIẤY MỜI


def invitee_line_for_agency(registration: AgencyRegistration) -> str:
    return f"Lãnh đạo {registration.agency.name}."


def invitee_line_for_person(person: Delegate) -> str:
    parts = [person.full_name]
    if person.title:
        parts.append(person.title)
    return f"Đồng chí {' - '.join(parts)}, {person.unit or person.registration.agency.name}."


def build_invitation_context(
    invitation: Invitation, *, invitee: str | None = None, registration: AgencyRegistration | None = None
) -> dict[str, Any]:
    """One GIẤY MỜI; ``invitee`` replaces the general "kính mời" line."""
    agency = invitation.issuing_agency
    year = invitation.issued_on.year if invitation.issued_on else timezone.localdate().year
    opening_line = " ".join(_lines(invitation.opening_text))
    invite_words = "trân trọng kính mời:"
    if opening_line:
        opening_line = formatting.with_final_punctuation(opening_line, "")
        if not opening_line.endswith(invite_words[:-1]):
            opening_line = f"{opening_line} {invite_words}"
        else:
            opening_line += ":"
    else:
        opening_line = f"{agency.name} {invite_words}"
    invitees = [invitee] if invitee else _lines(invitation.invitees)
    attend = " ".join(_lines(invitation.attend_text))
    if not attend.lower().startswith("tới dự"):
        attend = f"Tới dự {attend[:1].lower()}{attend[1:]}"
    attend = formatting.with_final_punctuation(attend, ".")
    details = []
    if invitation.chair:
        details.append(f"- Chủ trì: {formatting.with_final_punctuation(invitation.chair, '.')}")
    details.append(f"- Thời gian: {formatting.with_final_punctuation(invitation.time_text, '.')}")
    details.append(f"- Địa điểm: {formatting.with_final_punctuation(invitation.place_text, '.')}")
    paragraphs = [opening_line, *invitees, attend, *details]
    opening = invitation.opening
    if registration is not None and registration.is_open():
        paragraphs.append(
            f"Đề nghị Quý cơ quan đăng ký danh sách đại biểu tham dự về {agency.name} "
            f"trước {deadline_words(registration.deadline)} để tổng hợp."
        )
    elif invitee is None and opening.deadline > timezone.now():
        paragraphs.append(
            f"Đề nghị các cơ quan, đơn vị đăng ký danh sách đại biểu tham dự về {agency.name} "
            f"trước {deadline_words(opening.deadline)} để tổng hợp."
        )
    closing = " ".join(_lines(invitation.closing_text))
    if closing:
        paragraphs.append(formatting.with_final_punctuation(closing, "") + END_MARK)
    else:
        paragraphs[-1] = formatting.with_final_punctuation(paragraphs[-1], "") + END_MARK
    return {
        "header": header_context(invitation, agency, year=year),
        "heading": {"type_name": "GIẤY MỜI", "title_lines": _lines(invitation.title)},
        "paragraphs": paragraphs,
        "signature": signature_context(invitation),
        "meta": {"title": "Giấy mời " + " ".join(_lines(invitation.title)), "author": agency.name},
    }


def invitation_filename(invitation: Invitation, suffix: str = "") -> str:
    year = invitation.issued_on.year if invitation.issued_on else timezone.localdate().year
    stem = formatting.pdf_filename("GM", invitation.number, year, fallback=str(invitation.pk))
    return stem.replace(".pdf", f"-{formatting.ascii_slug(suffix)}.pdf" if suffix else ".pdf")


def build_invitation_batch(invitation: Invitation, *, per: str = "agency") -> dict[str, Any]:
    """Every invited agency's (or every submitted person's) GIẤY MỜI, one after the other."""
    opening = invitation.opening
    items = []
    if per == "person":
        for group in selectors.grouped_people(opening):
            for person in group.people:
                items.append(build_invitation_context(invitation, invitee=invitee_line_for_person(person)))
    else:
        for registration in opening.registrations.select_related("agency", "opening").order_by(
            "position", "id"
        ):
            items.append(
                build_invitation_context(
                    invitation, invitee=invitee_line_for_agency(registration), registration=registration
                )
            )
    return {"items": items, "meta": build_invitation_context(invitation)["meta"]}


# --------------------------------------------------------------------------- cards and check-in


def check_in_token(delegate: Delegate) -> str:
    return signing.dumps(delegate.pk, salt=CHECKIN_SALT, compress=True)


def check_in_delegate_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CHECKIN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def check_in_url(delegate: Delegate, base_url: str | None = None) -> str:
    base = (base_url or getattr(settings, "KEHOACH_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("delegates:check_in", args=[check_in_token(delegate)])


def qr_svg(data: str, *, scale: int = 2) -> str:
    """An inline SVG QR code (no file, no URL for the renderer to fetch)."""
    svg = segno.make(data, error="m").svg_inline(scale=scale, border=1, dark="#000")
    return mark_safe(svg)  # noqa: S308  (segno's own markup; data is inside attributes it escapes)


def build_cards_context(opening: RegistrationOpening, *, base_url: str | None = None) -> dict[str, Any]:
    people = []
    for group in selectors.grouped_people(opening):
        for person in group.people:
            entry = _person(person, 0)
            entry["qr"] = qr_svg(check_in_url(person, base_url), scale=2)
            people.append(entry)
    return {
        "cards": people,
        "event": _event_line(opening),
        "meta": {"title": f"Thẻ đại biểu - {opening.title}", "author": organiser(opening).name},
    }


def build_checkin_sheet_context(
    opening: RegistrationOpening, *, base_url: str | None = None
) -> dict[str, Any]:
    groups = []
    for group in selectors.grouped_people(opening):
        rows = []
        for number, person in enumerate(group.people, start=1):
            entry = _person(person, number)
            entry["qr"] = qr_svg(check_in_url(person, base_url), scale=1)
            entry["present"] = person.checked_in_at is not None
            rows.append(entry)
        groups.append({"label": group.label, "people": rows})
    agency = organiser(opening)
    return {
        "header": _header_without_number(agency),
        "heading": {"type_name": "DANH SÁCH", "title_lines": ["Ký nhận tham dự", _event_line(opening)]},
        "groups": groups,
        "meta": {"title": f"Danh sách ký nhận - {opening.title}", "author": agency.name},
    }


# --------------------------------------------------------------------------- printables registry

LIST_KEY = "delegatelist"
INVITATION_KEY = "invitation"


def list_printable(opening: RegistrationOpening) -> Printable:
    return Printable(
        id=printables.make_id(LIST_KEY, opening.pk),
        doc_type="DS",
        title=f"Danh sách đại biểu - {opening.title}",
        template=LIST_TEMPLATE,
        author=organiser(opening).name,
        filename=f"danh-sach-dai-bieu-{opening.pk}.pdf",
        build_context=lambda: {"doc": build_list_context(opening)},
    )


def invitation_printable(invitation: Invitation) -> Printable:
    year = invitation.issued_on.year if invitation.issued_on else timezone.localdate().year
    return Printable(
        id=printables.make_id(INVITATION_KEY, invitation.pk),
        doc_type="GM",
        title="Giấy mời " + " ".join(_lines(invitation.title)),
        template=INVITATION_TEMPLATE,
        author=invitation.issuing_agency.name,
        filename=formatting.pdf_filename("GM", invitation.number, year, fallback=str(invitation.pk)),
        build_context=lambda: {"items": [build_invitation_context(invitation)]},
    )


def _openings():
    return RegistrationOpening.objects.select_related("event__plan__issuing_agency").order_by("pk")


def _invitations():
    return Invitation.objects.select_related("issuing_agency__parent", "opening__event").order_by("pk")


def register_printables() -> None:
    printables.register(
        PrintableType(
            key=LIST_KEY,
            label="Danh sách đại biểu",
            list_all=lambda: [list_printable(o) for o in _openings()],
            load=lambda pk: (lambda o: list_printable(o) if o else None)(_openings().filter(pk=pk).first()),
        )
    )
    printables.register(
        PrintableType(
            key=INVITATION_KEY,
            label="Giấy mời",
            list_all=lambda: [invitation_printable(i) for i in _invitations()],
            load=lambda pk: (lambda i: invitation_printable(i) if i else None)(
                _invitations().filter(pk=pk).first()
            ),
        )
    )
