"""Commendations (khen thưởng): award types, campaigns, nominations by
agencies, the Sở's review and the QUYẾT ĐỊNH khen thưởng with its list.

Invariants live in the database where they can: one nomination per
normalised name + unit + award type in a campaign, one quota row per agency
and campaign, amounts that are whole VNĐ.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.models import ProgrammeSlot
from conferences.models import Event
from documents.models import OfficialDocument
from plans.models import Agency, Plan


class AwardKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Giấy khen, Bằng khen")
    TITLE = "title", _("Danh hiệu thi đua")
    PRIZE = "prize", _("Giải thưởng cuộc thi")


class AwardType(models.Model):
    """A form of commendation and who confers it. Data, edited in the admin."""

    name = models.CharField(
        _("tên hình thức"),
        max_length=300,
        unique=True,
        help_text=_("Như in trong danh sách, ví dụ «Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh»."),
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=AwardKind.choices, default=AwardKind.CERTIFICATE
    )
    conferred_by = models.CharField(
        _("cấp khen thưởng"),
        max_length=300,
        help_text=_("Người hoặc cơ quan quyết định, ví dụ «Chủ tịch Ủy ban nhân dân tỉnh»."),
    )
    contest = models.CharField(
        _("tên cuộc thi"),
        max_length=300,
        blank=True,
        help_text=_("Với giải thưởng: ví dụ «Tìm hiểu, tuyên truyền cải cách hành chính»."),
    )
    for_collectives = models.BooleanField(_("khen tập thể"), default=True)
    for_individuals = models.BooleanField(_("khen cá nhân"), default=True)
    amount_collective = models.PositiveBigIntegerField(
        _("tiền thưởng mỗi tập thể (đồng)"), null=True, blank=True
    )
    amount_individual = models.PositiveBigIntegerField(
        _("tiền thưởng mỗi cá nhân (đồng)"), null=True, blank=True
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name

    def amount_for(self, kind: str) -> int:
        value = self.amount_collective if kind == NomineeKind.COLLECTIVE else self.amount_individual
        return int(value or 0)


class Campaign(models.Model):
    """An đợt khen thưởng: who may nominate what, until when."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="award_campaigns", verbose_name=_("kế hoạch")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_campaigns",
        verbose_name=_("hội nghị công bố"),
    )
    title = models.CharField(
        _("tên đợt khen thưởng"),
        max_length=500,
        help_text=_("Ví dụ «Khen thưởng thành tích cải cách hành chính năm 2019»."),
    )
    achievement = models.CharField(
        _("thành tích được khen"),
        max_length=500,
        help_text=_(
            "Nối sau «đã có thành tích xuất sắc trong …», ví dụ «công tác cải cách hành chính năm 2019»."
        ),
    )
    award_types = models.ManyToManyField(
        AwardType, related_name="campaigns", verbose_name=_("hình thức khen thưởng")
    )
    deadline = models.DateTimeField(_("hạn gửi đề nghị"))
    closed = models.BooleanField(
        _("đã đóng"), default=False, help_text=_("Đóng sớm: các cơ quan không gửi, sửa đề nghị được nữa.")
    )
    announce_slot = models.ForeignKey(
        ProgrammeSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_campaigns",
        verbose_name=_("dòng chương trình công bố"),
    )
    instructions = models.TextField(_("hướng dẫn cho cơ quan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("đợt khen thưởng")
        verbose_name_plural = _("đợt khen thưởng")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:campaign", args=[self.pk])

    def is_open(self, now=None) -> bool:
        return not self.closed and (now or timezone.now()) < self.deadline


class CampaignAgency(models.Model):
    """An agency invited to nominate, with its quota (None: no limit).

    The quota row is also the lock that serialises an agency's submissions."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="award_invitations", verbose_name=_("cơ quan")
    )
    quota = models.PositiveIntegerField(
        _("số đề nghị tối đa"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("cơ quan được đề nghị")
        verbose_name_plural = _("cơ quan được đề nghị")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agency"], name="awards_invitation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.campaign}"


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xét")
    ACCEPTED = "accepted", _("Được khen")
    REJECTED = "rejected", _("Không khen")


class Nomination(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="nominations")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="award_nominations", verbose_name=_("cơ quan đề nghị")
    )
    kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    name = models.CharField(
        _("tên tập thể / họ và tên"), max_length=300, help_text=_("Tập thể: tên đơn vị; cá nhân: họ và tên.")
    )
    position = models.CharField(_("chức vụ"), max_length=300, blank=True)
    unit = models.CharField(
        _("đơn vị"),
        max_length=300,
        blank=True,
        help_text=_("Cá nhân: đơn vị công tác; tập thể: cơ quan chủ quản."),
    )
    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("hình thức khen thưởng"),
    )
    proposed_award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("hình thức cơ quan đề nghị"),
    )
    achievements = models.TextField(_("tóm tắt thành tích"))
    # Normalised name and unit: what makes two nominations the same one.
    name_key = models.CharField(max_length=300, editable=False)
    unit_key = models.CharField(max_length=300, editable=False)
    status = models.CharField(
        _("kết quả xét"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    reject_reason = models.TextField(_("lý do không khen"), blank=True)
    council_note = models.TextField(_("ý kiến Hội đồng"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xét lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "award_type", "kind", "name_key", "unit_key"],
                name="awards_nomination_unique_person_award",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reject_reason=""),
                name="awards_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "agency"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_collective(self) -> bool:
        return self.kind == NomineeKind.COLLECTIVE

    @property
    def moved(self) -> bool:
        return self.award_type_id != self.proposed_award_type_id


def attachment_path(instance: NominationAttachment, filename: str) -> str:
    # A random name: the file's URL must not be guessable from its campaign or agency.
    suffix = PurePath(filename).suffix.lower()
    return f"awards/{uuid.uuid4().hex}{suffix}"


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class AwardDecision(OfficialDocument):
    """The QUYẾT ĐỊNH khen thưởng of a campaign, with its list as phụ lục.

    Điều 1 and the list are generated from the accepted nominations of the
    award types the decision confers; the other articles are text."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="decisions")
    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="award_decisions", verbose_name=_("cơ quan ban hành")
    )
    award_types = models.ManyToManyField(
        AwardType,
        related_name="decisions",
        verbose_name=_("hình thức khen thưởng trong quyết định"),
    )
    authority_line = models.CharField(
        _("thẩm quyền ban hành"),
        max_length=300,
        default="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
        help_text=_("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA (tập thể) hoặc CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA."),
    )
    legal_bases = models.TextField(_("căn cứ"), help_text=_("Mỗi dòng một căn cứ, bắt đầu bằng «Căn cứ …»."))
    proposal = models.TextField(
        _("đề nghị"),
        default="Xét đề nghị của Giám đốc Sở Nội vụ.",
        help_text=_("Dòng «Xét đề nghị của Giám đốc Sở Nội vụ …», in sau các căn cứ."),
    )
    fund_source = models.CharField(
        _("nguồn tiền thưởng"),
        max_length=300,
        blank=True,
        default="Quỹ Thi đua, khen thưởng tỉnh",
        help_text=_("In trong điều về tiền thưởng, ví dụ «Quỹ Thi đua, khen thưởng tỉnh»."),
    )
    execution = models.TextField(
        _("điều thi hành"),
        help_text=_("Điều cuối: hiệu lực và trách nhiệm thi hành. Mỗi dòng một đoạn."),
    )
    list_title = models.CharField(
        _("tên danh sách"),
        max_length=300,
        default="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    doc_type = "QĐ"

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:decision", args=[self.campaign_id, self.pk])
