"""Fields every official document shares, whatever app owns it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Đã duyệt")
    ISSUED = "issued", _("Đã ban hành")


class OfficialDocument(models.Model):
    """Abstract base: number, date, title, signer and recipients (ND30 ô3–ô9).

    The issuing agency is a foreign key on the concrete model, because the
    agencies directory belongs to a higher layer.
    """

    symbol_code = models.CharField(
        _("mã cơ quan trong ký hiệu"),
        max_length=40,
        blank=True,
        help_text=_(
            "Phần sau loại văn bản trong ký hiệu, ví dụ UBND trong 4417/KH-UBND. "
            "Để trống: lấy tên viết tắt của cơ quan ban hành."
        ),
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(
        _("địa danh"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: lấy địa danh của cơ quan ban hành."),
    )
    title = models.TextField(
        _("trích yếu"),
        help_text=_("Xuống dòng để ngắt dòng trích yếu khi in."),
    )
    signer_title = models.TextField(
        _("chức danh người ký"),
        blank=True,
        help_text=_("Mỗi dòng một dòng in hoa, ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận; dấu gạch đầu dòng và dấu chấm phẩy được tự thêm khi in."),
    )
    archive = models.CharField(
        _("lưu"),
        max_length=200,
        default="VT",
        help_text=_("Dòng cuối của Nơi nhận, ví dụ: VT, DL, SNV."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED


# --------------------------------------------------------------------------- review and issue
#
# Rows below name the document they belong to by the key its type registered
# in ``documents.workflow`` ("plan", later "invitation" …) and its primary
# key, so this layer keeps no foreign key to the apps above it.


class Register(models.Model):
    """A sổ văn bản: one numbering sequence per issuing body, counted per
    calendar year (the key is chosen by the document type, e.g. "agency-12")."""

    key = models.CharField(_("mã sổ"), max_length=100, unique=True)
    name = models.CharField(_("tên sổ"), max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")

    def __str__(self) -> str:
        return self.name


class RegisterCounter(models.Model):
    """The last number given in a register in a year. Taken with
    ``select_for_update`` inside the issuing transaction: two clerks issuing
    at the same second wait for each other instead of sharing a number."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số văn bản")
        verbose_name_plural = _("bộ đếm số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="register_counter_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"


class NumberSource(models.TextChoices):
    REGISTER = "register", _("Cấp số tự động từ sổ")
    EOFFICE = "eoffice", _("Số, ngày từ hệ thống quản lý văn bản điều hành")


def issued_upload_to(entry: "RegisterEntry", filename: str) -> str:
    return f"issued/{entry.year}/{entry.register.key}/{filename}"


class RegisterEntry(models.Model):
    """One issued document in a register, with the file issued and its hash.

    Unique (register, year, number) is the database's guarantee that no two
    documents share a number; unique (document_type, document_id) that a
    document is issued once."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày ban hành"))
    source = models.CharField(
        _("nguồn số"), max_length=20, choices=NumberSource.choices, default=NumberSource.REGISTER
    )
    symbol = models.CharField(_("số, ký hiệu"), max_length=100)
    title = models.TextField(_("trích yếu"))
    document_type = models.CharField(_("loại tài liệu"), max_length=40)
    document_id = models.PositiveBigIntegerField(_("mã tài liệu"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người cấp số")
    )
    issued_at = models.DateTimeField(_("cấp số lúc"), auto_now_add=True)
    snapshot = models.JSONField(_("nội dung khi ban hành"), default=dict)
    pdf = models.FileField(_("tệp PDF ban hành"), upload_to=issued_upload_to, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    signed_pdf = models.FileField(_("bản đã ký số"), upload_to=issued_upload_to, max_length=300, blank=True)
    signed_sha256 = models.CharField(_("SHA-256 bản đã ký"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("tải bản đã ký lúc"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải bản đã ký"),
    )

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="register_entry_unique_number"
            ),
            models.UniqueConstraint(
                fields=["document_type", "document_id"], name="register_entry_unique_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.issued_on:%d/%m/%Y}"


class Snapshot(models.Model):
    """The content of a document as submitted for review (JSON, see
    ``documents.workflow.snapshot``); diffs compare two of them."""

    document_type = models.CharField(max_length=40)
    document_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField(_("lần trình"))
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["document_type", "document_id", "version"]
        verbose_name = _("bản trình duyệt")
        verbose_name_plural = _("bản trình duyệt")
        constraints = [
            models.UniqueConstraint(
                fields=["document_type", "document_id", "version"], name="snapshot_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_type}-{self.document_id} v{self.version}"


class TransitionLog(models.Model):
    """Who moved a document from which state to which, when, and why."""

    document_type = models.CharField(max_length=40, db_index=True)
    document_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ"), max_length=20, choices=DocumentStatus.choices)
    to_status = models.CharField(_("sang"), max_length=20, choices=DocumentStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="transitions"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("các bước xử lý")

    def __str__(self) -> str:
        return f"{self.document_type}-{self.document_id}: {self.from_status} → {self.to_status}"


class ReviewComment(models.Model):
    """A reviewer's comment on the whole document or on one part of it
    (a section, a task row, a programme slot …: ``target_kind`` + ``target_id``
    as the document's outline names them)."""

    document_type = models.CharField(max_length=40, db_index=True)
    document_id = models.PositiveBigIntegerField(db_index=True)
    target_kind = models.CharField(_("phần"), max_length=40, default="document")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("nói về"), max_length=300)
    body = models.TextField(_("ý kiến"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người góp ý")
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    resolved_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    resolution = models.TextField(_("cách xử lý"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class SentNotification(models.Model):
    """One e-mail sent, keyed so that a task run twice sends once."""

    key = models.CharField(max_length=200, unique=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thư thông báo đã gửi")
        verbose_name_plural = _("thư thông báo đã gửi")

    def __str__(self) -> str:
        return self.key


# --------------------------------------------------------------------------- background jobs


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    NOT_SENT = "not_sent", _("Chưa gửi được cho hệ thống xử lý nền")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def job_resend_before():
    """A queued job handed to the broker before this moment may be sent again."""
    return timezone.now() - timedelta(minutes=settings.KEHOACH_JOB_RESEND_AFTER_MINUTES)


def job_upload_to(job: "Job", filename: str) -> str:
    return f"jobs/{job.owner_id}/{job.pk}/{filename}"


class Job(models.Model):
    """A long piece of work a user started (a big PDF, a batch of invitations,
    a year's archive) and its result file. The row is written before the task
    is sent, so nothing is lost when the broker is down: the job stays
    "not sent" and its owner can send it again from "Tệp của tôi"."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("người yêu cầu"),
    )
    kind = models.CharField(_("loại việc"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict)
    title = models.CharField(_("tên việc"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    result = models.FileField(_("tệp kết quả"), upload_to=job_upload_to, max_length=300, blank=True)
    result_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # When it was last handed to the broker (created or sent again).
    queued_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_stuck(self) -> bool:
        """Waiting, never started, for longer than KEHOACH_JOB_RESEND_AFTER_MINUTES:
        its message was most likely lost by the broker."""
        return (
            self.status == JobStatus.QUEUED
            and self.started_at is None
            and self.queued_at < job_resend_before()
        )

    @property
    def can_retry(self) -> bool:
        return self.status in (JobStatus.NOT_SENT, JobStatus.FAILED) or self.is_stuck
