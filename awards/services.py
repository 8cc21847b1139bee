"""Writes of the awards app: campaigns, nominations and their review, decisions.

Every rule is checked here, whoever calls (view, admin action, demo data):
the deadline, the agency's invitation and quota, the award types offered,
duplicates. Quotas are enforced under a row lock on the agency's invitation
(``select_for_update``; SQLite's IMMEDIATE transactions serialise writers),
so two submissions at the same second cannot both take the last place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import ProgrammeSlot
from conferences.models import Event
from documents.models import DocumentStatus
from documents.uploads import check_upload
from plans.models import Agency, Plan

from . import text
from .models import (
    AwardDecision,
    AwardType,
    Campaign,
    CampaignAgency,
    Nomination,
    NominationAttachment,
    NominationStatus,
    NomineeKind,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
# Extension -> (content type, the file's first bytes).
ALLOWED_ATTACHMENTS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}

NOMINATION_FIELDS = ("kind", "name", "position", "unit", "award_type", "achievements")


# --------------------------------------------------------------------------- campaigns


def campaign_save(
    *,
    campaign: Campaign | None = None,
    plan: Plan,
    title: str,
    achievement: str,
    deadline: datetime.datetime,
    award_types: Iterable[AwardType],
    event: Event | None = None,
    announce_slot: ProgrammeSlot | None = None,
    instructions: str = "",
    closed: bool = False,
    created_by=None,
) -> Campaign:
    """Create (``campaign`` None) or update a campaign."""
    award_types = list(award_types)
    if not award_types:
        raise ValidationError({"award_types": _("Chọn ít nhất một hình thức khen thưởng.")})
    if event is not None and event.plan_id != plan.pk:
        raise ValidationError({"event": _("Hội nghị không thuộc kế hoạch này.")})
    if announce_slot is not None and (event is None or announce_slot.event_id != event.pk):
        raise ValidationError({"announce_slot": _("Dòng chương trình không thuộc hội nghị đã chọn.")})
    if timezone.is_naive(deadline):
        deadline = timezone.make_aware(deadline)
    with transaction.atomic():
        if campaign is None:
            campaign = Campaign(plan=plan, created_by=created_by)
        campaign.plan = plan
        campaign.event = event
        campaign.announce_slot = announce_slot
        campaign.title = text.clean_name(title)
        campaign.achievement = text.clean_name(achievement)
        campaign.deadline = deadline
        campaign.instructions = instructions
        campaign.closed = closed
        campaign.save()
        campaign.award_types.set(award_types)
    return campaign


def campaign_set_agencies(*, campaign: Campaign, quotas: Mapping[Agency, int | None]) -> None:
    """The agencies that may nominate and their quotas; agencies left out lose
    the invitation unless they have nominated already."""
    with transaction.atomic():
        keep = set()
        for agency, quota in quotas.items():
            CampaignAgency.objects.update_or_create(
                campaign=campaign, agency=agency, defaults={"quota": quota}
            )
            keep.add(agency.pk)
        nominated = set(
            Nomination.objects.filter(campaign=campaign).values_list("agency_id", flat=True).distinct()
        )
        CampaignAgency.objects.filter(campaign=campaign).exclude(agency_id__in=keep | nominated).delete()


# --------------------------------------------------------------------------- nominations


def _check_open(campaign: Campaign, now: datetime.datetime | None) -> None:
    if campaign.closed:
        raise ValidationError(
            _("Đợt khen thưởng đã đóng, không gửi hoặc sửa đề nghị được nữa."), code="closed"
        )
    if (now or timezone.now()) >= campaign.deadline:
        local = timezone.localtime(campaign.deadline)
        raise ValidationError(
            _("Đã quá hạn gửi đề nghị (%(time)s ngày %(date)s).")
            % {"time": local.strftime("%H:%M"), "date": local.strftime("%d/%m/%Y")},
            code="deadline",
        )


def _clean_nomination_data(campaign: Campaign, data: Mapping[str, Any]) -> dict[str, Any]:
    kind = data.get("kind")
    if kind not in NomineeKind.values:
        raise ValidationError({"kind": _("Chọn tập thể hoặc cá nhân.")})
    award_type = data.get("award_type")
    if award_type is None or not campaign.award_types.filter(pk=award_type.pk).exists():
        raise ValidationError({"award_type": _("Hình thức khen thưởng này không có trong đợt khen thưởng.")})
    if kind == NomineeKind.COLLECTIVE and not award_type.for_collectives:
        raise ValidationError({"award_type": _("Hình thức này không dùng để khen tập thể.")})
    if kind == NomineeKind.INDIVIDUAL and not award_type.for_individuals:
        raise ValidationError({"award_type": _("Hình thức này không dùng để khen cá nhân.")})
    name = text.clean_name(data.get("name"))
    if not name:
        raise ValidationError({"name": _("Nhập tên tập thể hoặc họ và tên.")})
    position = text.clean_name(data.get("position"))
    unit = text.clean_name(data.get("unit"))
    if kind == NomineeKind.INDIVIDUAL and not unit:
        raise ValidationError({"unit": _("Nhập đơn vị công tác của cá nhân.")})
    if kind == NomineeKind.COLLECTIVE:
        position = ""
    achievements = (data.get("achievements") or "").strip()
    if not achievements:
        raise ValidationError({"achievements": _("Tóm tắt thành tích của tập thể, cá nhân.")})
    return {
        "kind": kind,
        "name": name,
        "position": position,
        "unit": unit,
        "award_type": award_type,
        "achievements": achievements,
        "name_key": text.name_key(name),
        "unit_key": text.name_key(unit),
    }


def _duplicate_error(nomination: Nomination) -> ValidationError:
    return ValidationError(
        _(
            "«%(name)s» (%(unit)s) đã được đề nghị %(award)s trong đợt này (đề nghị của %(agency)s). "
            "Không đề nghị trùng một hình thức cho cùng một tập thể, cá nhân."
        )
        % {
            "name": nomination.name,
            "unit": nomination.unit or "—",
            "award": nomination.award_type.name,
            "agency": nomination.agency.name,
        },
        code="duplicate",
    )


def _check_duplicate(campaign: Campaign, cleaned: Mapping[str, Any], *, exclude_pk: int | None) -> None:
    duplicate = (
        Nomination.objects.select_related("award_type", "agency")
        .filter(
            campaign=campaign,
            award_type=cleaned["award_type"],
            kind=cleaned["kind"],
            name_key=cleaned["name_key"],
            unit_key=cleaned["unit_key"],
        )
        .exclude(pk=exclude_pk)
        .first()
    )
    if duplicate is not None:
        raise _duplicate_error(duplicate)


def _invitation_locked(campaign: Campaign, agency: Agency) -> CampaignAgency:
    invitation = CampaignAgency.objects.select_for_update().filter(campaign=campaign, agency=agency).first()
    if invitation is None:
        raise ValidationError(_("Cơ quan, đơn vị không có trong danh sách được đề nghị khen thưởng đợt này."))
    return invitation


def validate_attachment(upload: UploadedFile) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload; ValidationError otherwise."""
    return check_upload(
        upload,
        allowed=ALLOWED_ATTACHMENTS,
        max_bytes=MAX_ATTACHMENT_BYTES,
        type_message=_("Tệp «%(name)s» không đúng loại: chỉ nhận PDF, Word (.doc, .docx), JPG, PNG."),
        code="attachment",
    )


def _add_attachments(nomination: Nomination, uploads: Iterable[UploadedFile]) -> None:
    uploads = list(uploads)
    existing = nomination.attachments.count() if nomination.pk else 0
    if existing + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Mỗi đề nghị đính kèm tối đa %(n)d tệp.") % {"n": MAX_ATTACHMENTS}, code="attachment_count"
        )
    for upload in uploads:
        _extension, content_type = validate_attachment(upload)
        NominationAttachment.objects.create(
            nomination=nomination,
            file=upload,
            original_name=text.clean_name(upload.name)[:255],
            size=upload.size,
            content_type=content_type,
        )


def nomination_create(
    *,
    campaign: Campaign,
    agency: Agency,
    data: Mapping[str, Any],
    attachments: Iterable[UploadedFile] = (),
    user=None,
    now: datetime.datetime | None = None,
) -> Nomination:
    """An agency submits a nomination: open campaign, invited agency, quota
    not reached, no duplicate."""
    attachments = list(attachments)
    for upload in attachments:
        validate_attachment(upload)
    cleaned = _clean_nomination_data(campaign, data)
    try:
        with transaction.atomic():
            invitation = _invitation_locked(campaign, agency)
            _check_open(campaign, now)
            if invitation.quota is not None:
                used = (
                    Nomination.objects.filter(campaign=campaign, agency=agency)
                    .exclude(status=NominationStatus.REJECTED)
                    .count()
                )
                if used >= invitation.quota:
                    raise ValidationError(
                        _("Cơ quan, đơn vị đã gửi đủ %(quota)d đề nghị được phân bổ cho đợt này.")
                        % {"quota": invitation.quota},
                        code="quota",
                    )
            _check_duplicate(campaign, cleaned, exclude_pk=None)
            nomination = Nomination.objects.create(
                campaign=campaign,
                agency=agency,
                proposed_award_type=cleaned["award_type"],
                created_by=user,
                **cleaned,
            )
            _add_attachments(nomination, attachments)
    except IntegrityError:
        # A concurrent identical nomination won the race: report it as a duplicate.
        _check_duplicate(campaign, cleaned, exclude_pk=None)
        raise
    return nomination


def _check_editable_by_agency(nomination: Nomination, agency: Agency, now) -> None:
    if nomination.agency_id != agency.pk:
        # Views never get here (they look nominations up within the agency);
        # this is the second wall.
        raise ValidationError(_("Đề nghị này không thuộc cơ quan, đơn vị của bạn."), code="forbidden")
    _check_open(nomination.campaign, now)
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError(_("Sở Nội vụ đã xét đề nghị này nên không sửa được nữa."), code="reviewed")


def nomination_update(
    *,
    nomination: Nomination,
    agency: Agency,
    data: Mapping[str, Any],
    attachments: Iterable[UploadedFile] = (),
    remove_attachments: Iterable[int] = (),
    now: datetime.datetime | None = None,
) -> Nomination:
    """The nominating agency edits its nomination before the deadline."""
    attachments = list(attachments)
    for upload in attachments:
        validate_attachment(upload)
    campaign = nomination.campaign
    cleaned = _clean_nomination_data(campaign, data)
    try:
        with transaction.atomic():
            _invitation_locked(campaign, agency)
            nomination = (
                Nomination.objects.select_for_update().select_related("campaign").get(pk=nomination.pk)
            )
            _check_editable_by_agency(nomination, agency, now)
            _check_duplicate(campaign, cleaned, exclude_pk=nomination.pk)
            for field, value in cleaned.items():
                setattr(nomination, field, value)
            nomination.proposed_award_type = cleaned["award_type"]
            nomination.save()
            nomination.attachments.filter(pk__in=list(remove_attachments)).delete()
            _add_attachments(nomination, attachments)
    except IntegrityError:
        _check_duplicate(campaign, cleaned, exclude_pk=nomination.pk)
        raise
    return nomination


def nomination_withdraw(
    *, nomination: Nomination, agency: Agency, now: datetime.datetime | None = None
) -> None:
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().select_related("campaign").get(pk=nomination.pk)
        _check_editable_by_agency(nomination, agency, now)
        for attachment in nomination.attachments.all():
            attachment.file.delete(save=False)
        nomination.delete()


class ReviewAction:
    ACCEPT = "accept"
    REJECT = "reject"
    MOVE = "move"
    RESET = "reset"


def nomination_review(
    *,
    nomination: Nomination,
    action: str,
    user=None,
    reason: str = "",
    award_type: AwardType | None = None,
    council_note: str | None = None,
) -> Nomination:
    """The Sở's review: accept, reject with a reason, move to another award
    type (accepted under it), or put back to waiting; the council's note."""
    reason = (reason or "").strip()
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().select_related("campaign").get(pk=nomination.pk)
        if action == ReviewAction.ACCEPT:
            nomination.status = NominationStatus.ACCEPTED
            nomination.reject_reason = ""
        elif action == ReviewAction.REJECT:
            if not reason:
                raise ValidationError({"reason": _("Ghi lý do không khen thưởng.")}, code="reason")
            nomination.status = NominationStatus.REJECTED
            nomination.reject_reason = reason
        elif action == ReviewAction.MOVE:
            if award_type is None:
                raise ValidationError({"award_type": _("Chọn hình thức khen thưởng mới.")})
            if not nomination.campaign.award_types.filter(pk=award_type.pk).exists():
                raise ValidationError(
                    {"award_type": _("Hình thức khen thưởng này không có trong đợt khen thưởng.")}
                )
            allowed = award_type.for_collectives if nomination.is_collective else award_type.for_individuals
            if not allowed:
                raise ValidationError({"award_type": _("Hình thức này không dùng cho đối tượng này.")})
            cleaned = {
                "award_type": award_type,
                "kind": nomination.kind,
                "name_key": nomination.name_key,
                "unit_key": nomination.unit_key,
            }
            _check_duplicate(nomination.campaign, cleaned, exclude_pk=nomination.pk)
            nomination.award_type = award_type
            nomination.status = NominationStatus.ACCEPTED
            nomination.reject_reason = ""
        elif action == ReviewAction.RESET:
            nomination.status = NominationStatus.SUBMITTED
            nomination.reject_reason = ""
        else:
            raise ValidationError(_("Thao tác không hợp lệ."), code="action")
        if council_note is not None:
            nomination.council_note = council_note.strip()
        nomination.reviewed_by = user
        nomination.reviewed_at = timezone.now()
        nomination.save()
    return nomination


# --------------------------------------------------------------------------- decisions

DEFAULT_LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
    "địa phương ngày 22 tháng 11 năm 2019;\n"
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;"
)
DEFAULT_EXECUTION = (
    "Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
    "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, "
    "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
    "chịu trách nhiệm thi hành Quyết định này."
)
DEFAULT_RECIPIENTS = "Như Điều 3;\nBan Thi đua - Khen thưởng tỉnh (Sở Nội vụ);\nSở Tài chính"
PROVINCIAL_COMMITTEE = "Ủy ban nhân dân tỉnh Khánh Hòa"


def decision_create(*, campaign: Campaign, issuing_agency: Agency | None = None, user=None) -> AwardDecision:
    """A draft decision for the campaign, with the usual wording to edit."""
    if issuing_agency is None:
        issuing_agency = (
            Agency.objects.filter(name=PROVINCIAL_COMMITTEE).first() or campaign.plan.issuing_agency
        )
    with transaction.atomic():
        decision = AwardDecision.objects.create(
            campaign=campaign,
            issuing_agency=issuing_agency,
            title="Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
            + campaign.achievement,
            authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
            legal_bases=DEFAULT_LEGAL_BASES,
            proposal="Xét đề nghị của Giám đốc Sở Nội vụ.",
            execution=DEFAULT_EXECUTION,
            signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            # The leader who signed the plan usually signs its award decision too.
            signer_name=campaign.plan.signer_name,
            recipients=DEFAULT_RECIPIENTS,
            archive="VT, SNV",
            created_by=user,
        )
        # The provincial decision confers what the province confers; contest prizes and
        # the higher awards (Minister, Prime Minister) have decisions of their own.
        provincial = campaign.award_types.filter(conferred_by__icontains="Ủy ban nhân dân tỉnh")
        decision.award_types.set(provincial if provincial.exists() else campaign.award_types.all())
    return decision


DECISION_FIELDS = (
    "issuing_agency",
    "title",
    "authority_line",
    "legal_bases",
    "proposal",
    "fund_source",
    "execution",
    "list_title",
    "signer_title",
    "signer_name",
    "recipients",
    "archive",
    "symbol_code",
    "place",
)


def decision_update(
    *, decision: AwardDecision, data: Mapping[str, Any], award_types: Iterable[AwardType] | None = None
) -> AwardDecision:
    if decision.status not in (DocumentStatus.DRAFT, DocumentStatus.RETURNED):
        raise ValidationError(
            _("Quyết định đang trình duyệt hoặc đã ban hành, không sửa được nữa."), code="not_draft"
        )
    with transaction.atomic():
        for field in DECISION_FIELDS:
            if field in data:
                setattr(decision, field, data[field])
        decision.save()
        if award_types is not None:
            award_types = list(award_types)
            offered = set(decision.campaign.award_types.values_list("pk", flat=True))
            if not award_types or any(t.pk not in offered for t in award_types):
                raise ValidationError(
                    {"award_types": _("Chọn các hình thức khen thưởng của đợt này.")}, code="award_types"
                )
            decision.award_types.set(award_types)
    return decision
