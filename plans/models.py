from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import OfficialDocument

# Every change to a plan and its parts is attributed (who, when, what): the
# audit page of a document reads these tables. Bulk writes (reordering)
# leave no row; they only renumber positions.


class AgencyKind(models.Model):
    """A kind of agency (sở, ngành; UBND cấp huyện; …). Data, not code:
    provinces differ and the map of local government changes."""

    name = models.CharField(_("tên loại"), max_length=200, unique=True)
    code = models.SlugField(_("mã"), max_length=50, unique=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("loại cơ quan")
        verbose_name_plural = _("loại cơ quan")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    name = models.CharField(_("tên đầy đủ"), max_length=300)
    short_name = models.CharField(
        _("tên viết tắt"),
        max_length=40,
        blank=True,
        help_text=_("Dùng trong ký hiệu văn bản, ví dụ SNV, UBND, BCĐ."),
    )
    kind = models.ForeignKey(
        AgencyKind, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("loại")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan chủ quản"),
    )
    header_name = models.CharField(
        _("tên in ở tiêu đề"),
        max_length=300,
        blank=True,
        help_text=_(
            "Tên in hoa ở góc trái văn bản; dùng | để xuống dòng, "
            "ví dụ ỦY BAN NHÂN DÂN|TỈNH KHÁNH HÒA. Để trống: tên đầy đủ in hoa."
        ),
    )
    header_short = models.CharField(
        _("tên in khi là cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Dòng trên tên cơ quan cấp dưới, ví dụ UBND TỈNH KHÁNH HÒA."),
    )
    province = models.CharField(_("tỉnh"), max_length=100, blank=True)
    place = models.CharField(
        _("địa danh"), max_length=100, blank=True, help_text=_("Ghi ở dòng ngày tháng, ví dụ Khánh Hòa.")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["kind__position", "position", "name"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["name", "province"], name="agency_unique_name_province"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def header_lines(self) -> list[str]:
        text = self.header_name or self.name.upper()
        return [line.strip() for line in text.split("|") if line.strip()]

    @property
    def parent_header_line(self) -> str:
        if self.parent is None:
            return ""
        return self.parent.header_short or " ".join(self.parent.header_lines)

    @property
    def place_name(self) -> str:
        return self.place or self.province


class Decision(OfficialDocument):
    """A QUYẾT ĐỊNH; here, one that issues a plan "kèm theo" it (seed 003)."""

    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("cơ quan ban hành")
    )
    authority_line = models.CharField(
        _("thẩm quyền ban hành"),
        max_length=300,
        help_text=_(
            "Dòng in hoa trên các căn cứ, ví dụ ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA "
            "hoặc CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA."
        ),
    )
    legal_bases = models.TextField(
        _("căn cứ"), blank=True, help_text=_("Mỗi dòng một căn cứ, bắt đầu bằng «Căn cứ …».")
    )
    proposal = models.TextField(
        _("đề nghị"), blank=True, help_text=_("Dòng «Xét đề nghị của …», in sau các căn cứ.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    history = HistoricalRecords()

    doc_type = "QĐ"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")

    def __str__(self) -> str:
        return self.title


class DecisionArticle(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    body = models.TextField(_("nội dung"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("điều")
        verbose_name_plural = _("các điều")

    def __str__(self) -> str:
        return self.body[:60]


class ObjectivesStyle(models.TextChoices):
    BULLETS = "bullets", _("Gạch đầu dòng")
    NUMBERED = "numbered", _("Đánh số 1, 2, 3")
    GROUPED = "grouped", _("Chia mục «1. Mục đích», «2. Yêu cầu»")


class Plan(OfficialDocument):
    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="plans", verbose_name=_("cơ quan ban hành")
    )
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    opening = models.TextField(
        _("đoạn mở đầu"), blank=True, help_text=_("Ví dụ: «Thực hiện Quyết định số …»")
    )
    objectives_style = models.CharField(
        _("cách trình bày mục đích, yêu cầu"),
        max_length=20,
        choices=ObjectivesStyle.choices,
        default=ObjectivesStyle.BULLETS,
    )
    closing = models.TextField(
        _("đoạn kết"),
        blank=True,
        help_text=_("Ví dụ: «Trên đây là Kế hoạch …». Dấu «./.» được tự thêm vào cuối nếu thiếu."),
    )
    decision = models.OneToOneField(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan",
        verbose_name=_("ban hành kèm theo quyết định"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("sao từ kế hoạch"),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacements",
        verbose_name=_("thay thế văn bản"),
        help_text=_("Văn bản đã ban hành mà văn bản này đính chính, thay thế."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    history = HistoricalRecords()

    doc_type = "KH"

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])


class Section(models.Model):
    """A part of the body: mục (I.), khoản (1.) or điểm (a)) by depth."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    heading = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    numbered = models.BooleanField(_("đánh số"), default=True)
    body = models.TextField(_("nội dung"), blank=True)
    block = models.CharField(
        _("phần cấu trúc chèn vào"),
        max_length=60,
        blank=True,
        help_text=_("Bảng nhiệm vụ, phân công, mục đích yêu cầu… in sau nội dung."),
    )
    body_after = models.TextField(_("nội dung sau phần cấu trúc"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("mục")
        verbose_name_plural = _("các mục")

    def __str__(self) -> str:
        return self.heading or self.body[:60]


class Objective(models.Model):
    class Kind(models.TextChoices):
        PURPOSE = "purpose", _("Mục đích")
        REQUIREMENT = "requirement", _("Yêu cầu")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PURPOSE)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("mục đích, yêu cầu")
        verbose_name_plural = _("mục đích, yêu cầu")

    def __str__(self) -> str:
        return self.text[:60]


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Không thực hiện")


class Task(models.Model):
    """A row of the task table (tiến độ cụ thể), nestable: 1, 1.1, 1.2 …

    ``lead`` and ``cooperating`` hold the cells as printed; the agency
    relations name the directory entries behind them for follow-up."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    numbered = models.BooleanField(
        _("đánh số"), default=True, help_text=_("Bỏ chọn cho dòng gạch đầu dòng không có số thứ tự.")
    )
    description = models.TextField(_("nhiệm vụ"))
    time_frame = models.CharField(_("thời gian thực hiện"), max_length=200, blank=True)
    due_date = models.DateField(_("hạn (tính từ thời gian)"), null=True, blank=True)
    lead = models.TextField(_("đơn vị chủ trì"), blank=True)
    cooperating = models.TextField(_("đơn vị phối hợp"), blank=True)
    lead_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="led_tasks", verbose_name=_("cơ quan chủ trì")
    )
    cooperating_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="cooperating_tasks", verbose_name=_("cơ quan phối hợp")
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("ghi chú tiến độ"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return self.description[:80]


class AssignmentLayout(models.TextChoices):
    HEADING = "heading", _("Tên cơ quan thành dòng riêng, in đậm")
    COLON = "colon", _("«Tên cơ quan: nhiệm vụ»")
    SENTENCE = "sentence", _("Tên cơ quan mở đầu câu")


class Assignment(models.Model):
    """Duties of one agency in TỔ CHỨC THỰC HIỆN."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("cơ quan trong danh bạ"),
    )
    agency_text = models.CharField(_("cơ quan, đơn vị (như in)"), max_length=500)
    layout = models.CharField(
        _("cách trình bày"), max_length=20, choices=AssignmentLayout.choices, default=AssignmentLayout.HEADING
    )
    duties = models.TextField(_("nhiệm vụ"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")

    def __str__(self) -> str:
        return self.agency_text


class Appendix(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên phụ lục"), max_length=500)
    subtitle = models.TextField(_("dòng dưới tên"), blank=True)
    block = models.CharField(_("phần cấu trúc"), max_length=60, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    landscape = models.BooleanField(_("trang ngang"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("phụ lục")
        verbose_name_plural = _("phụ lục")

    def __str__(self) -> str:
        return self.title


class Profile(models.Model):
    """What the directory knows of a user: for an agency representative, the
    one agency he or she acts for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="representatives",
        verbose_name=_("cơ quan đại diện"),
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self) -> str:
        return str(self.user)
