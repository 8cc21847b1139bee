"""Delegate registration: an opening (who is invited, quotas, deadline), one
registration per invited agency with its people, the change log, secret
access links, reminders already sent and the invitation (GIẤY MỜI).

Invariants live in the database where they can: one registration per
(opening, agency), one person (normalised name + phone) per opening, one
reminder per (registration, kind, deadline), one link per token hash.
Quotas and capacity are checked under a row lock on the opening in
``services.registration_submit``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models import Delegation, Event, OnlineSite
from documents.models import OfficialDocument
from plans.models import Agency


class AgencyAccessLink(models.Model):
    """A per-agency secret link to one purpose object (a registration
    opening, an awards campaign …). Only the SHA-256 of the token is stored;
    see ``delegates.access`` and README "Agency access"."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="access_links", verbose_name=_("cơ quan")
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    token_hash = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    # The first characters of the token, to tell links apart in lists; too
    # short to help a guesser (6 of 43 characters).
    hint = models.CharField(_("gợi ý"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("liên kết truy cập của cơ quan")
        verbose_name_plural = _("liên kết truy cập của cơ quan")
        indexes = [models.Index(fields=["target_type", "target_id", "agency"], name="access_link_target")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.hint}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class RegistrationOpening(models.Model):
    """Registration opened for an event, one delegation of a study tour or
    one site of an online conference."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registration_openings", verbose_name=_("sự kiện")
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registration_openings",
        verbose_name=_("đoàn công tác"),
    )
    site = models.ForeignKey(
        OnlineSite,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registration_openings",
        verbose_name=_("điểm cầu"),
    )
    title = models.CharField(_("tên đợt đăng ký"), max_length=500)
    deadline = models.DateTimeField(_("hạn đăng ký"))
    capacity = models.PositiveIntegerField(
        _("sức chứa (tổng số người tối đa)"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )
    ask_email = models.BooleanField(_("hỏi thư điện tử"), default=True)
    ask_note = models.BooleanField(_("hỏi ghi chú"), default=True)
    instructions = models.TextField(_("hướng dẫn cho cơ quan"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đợt đăng ký đại biểu")
        verbose_name_plural = _("đợt đăng ký đại biểu")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delegation__isnull=True) | models.Q(site__isnull=True),
                name="opening_delegation_or_site",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("delegates:dashboard", args=[self.pk])


class RegistrationSection(models.Model):
    """A part of the form and of the printed list: "I. Trong tỉnh" …"""

    opening = models.ForeignKey(RegistrationOpening, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên phần"), max_length=300, help_text=_("Ví dụ «Trong tỉnh»."))
    quota_per_agency = models.PositiveIntegerField(_("số người tối đa mỗi cơ quan"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("số người tối đa của phần"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("phần của danh sách")
        verbose_name_plural = _("phần của danh sách")

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa đăng ký")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")


class AgencyRegistration(models.Model):
    """One invited agency of an opening: its quota, focal point and state."""

    opening = models.ForeignKey(RegistrationOpening, on_delete=models.CASCADE, related_name="registrations")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="delegate_registrations", verbose_name=_("cơ quan")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    quota = models.PositiveIntegerField(_("số người được đăng ký"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.NOT_STARTED,
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    deadline_override = models.DateTimeField(_("hạn riêng (mở lại)"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    contact_name = models.CharField(_("người đầu mối"), max_length=200, blank=True)
    contact_phone = models.CharField(_("điện thoại đầu mối"), max_length=20, blank=True)
    contact_email = models.EmailField(_("thư điện tử đầu mối"), blank=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("đăng ký của cơ quan")
        verbose_name_plural = _("đăng ký của cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["opening", "agency"], name="registration_one_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.opening}"

    def get_absolute_url(self) -> str:
        return reverse("delegates:staff_form", args=[self.opening_id, self.pk])

    @property
    def deadline(self):
        return self.deadline_override or self.opening.deadline

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.deadline


class Delegate(models.Model):
    """A person registered by an agency. ``opening`` is copied from the
    registration so that the database can refuse the same person twice."""

    opening = models.ForeignKey(RegistrationOpening, on_delete=models.CASCADE, related_name="delegates")
    registration = models.ForeignKey(AgencyRegistration, on_delete=models.CASCADE, related_name="delegates")
    section = models.ForeignKey(
        RegistrationSection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("phần"),
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    title = models.CharField(_("chức vụ, chức danh"), max_length=200, blank=True)
    unit = models.CharField(_("đơn vị công tác"), max_length=300, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, help_text=_("Lưu dạng E.164: +84905123456."))
    email = models.EmailField(_("thư điện tử"), blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    replaced_name = models.CharField(_("thay cho"), max_length=120, blank=True)
    checked_in_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "name_key", "phone"], name="delegate_one_person_per_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ChangeAction(models.TextChoices):
    ADD = "add", _("Thêm người")
    EDIT = "edit", _("Sửa thông tin")
    SUBSTITUTE = "substitute", _("Thay người")
    REMOVE = "remove", _("Bỏ người")
    MOVE = "move", _("Chuyển")
    SUBMIT = "submit", _("Gửi danh sách")
    REOPEN = "reopen", _("Mở lại")
    IMPORT = "import", _("Nhập từ Excel")
    CHECK_IN = "check_in", _("Điểm danh")


class RegistrationChange(models.Model):
    """Every change to a registration: who, when, what (before and after)."""

    registration = models.ForeignKey(AgencyRegistration, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("thao tác"), max_length=20, choices=ChangeAction.choices)
    delegate_name = models.CharField(_("đại biểu"), max_length=120, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=200)
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("thay đổi đăng ký")
        verbose_name_plural = _("thay đổi đăng ký")

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.delegate_name}"


class ReminderKind(models.TextChoices):
    DAYS_BEFORE = "days_before", _("Nhắc trước hạn nhiều ngày")
    DAY_BEFORE = "day_before", _("Nhắc trước hạn 01 ngày")


class ReminderSent(models.Model):
    """A reminder already sent; the unique constraint makes sending idempotent."""

    registration = models.ForeignKey(AgencyRegistration, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipient = models.EmailField()

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind", "deadline"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.kind}"


class Invitation(OfficialDocument):
    """GIẤY MỜI of an opening, printed per agency or per person (ND30 mẫu 1.7)."""

    opening = models.ForeignKey(RegistrationOpening, on_delete=models.CASCADE, related_name="invitations")
    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("cơ quan ban hành")
    )
    opening_text = models.TextField(
        _("đoạn mở đầu"), blank=True, help_text=_("Ví dụ «Thực hiện Kế hoạch số 4417/KH-UBND …, Sở Nội vụ»")
    )
    invitees = models.TextField(
        _("kính mời (chung)"),
        blank=True,
        help_text=_("In khi in chung; in theo cơ quan hoặc theo người thì thay bằng cơ quan, người đó."),
    )
    attend_text = models.TextField(_("tới dự"), help_text=_("Ví dụ «Tới dự Hội nghị phân tích …»"))
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    time_text = models.CharField(_("thời gian"), max_length=300)
    place_text = models.CharField(_("địa điểm"), max_length=500)
    closing_text = models.TextField(
        _("đoạn kết"), blank=True, default="Rất mong Quý đại biểu tham dự đúng thành phần và thời gian."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    doc_type = "GM"

    # Who changed what, when (shown with the document's or list's history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("giấy mời")
        verbose_name_plural = _("giấy mời")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("delegates:invitation", args=[self.opening_id, self.pk])
