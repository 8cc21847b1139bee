"""Fields every official document shares, whatever app owns it."""

from django.db import models
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
        help_text=_("Phần sau loại văn bản trong ký hiệu, ví dụ UBND trong 4417/KH-UBND. "
                    "Để trống: lấy tên viết tắt của cơ quan ban hành."),
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
