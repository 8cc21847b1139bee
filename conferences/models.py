"""Events a plan organises: conferences (in person or online), study tours,
trainings; their venues, participants, online sites, delegations and budget.

Texts that are printed are stored as written ("as printed"); the structured
fields next to them (dates, agencies, quotas, amounts) serve the checks and
the other apps (registrations, invitations).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Agency, Plan


class Venue(models.Model):
    """A hall of the directory: Hội trường UBND tỉnh, a hotel hall …"""

    name = models.CharField(_("tên địa điểm"), max_length=300, unique=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("sức chứa (người)"), null=True, blank=True)
    hired = models.BooleanField(
        _("thuê ngoài"), default=False, help_text=_("Hội trường khách sạn, trung tâm hội nghị thuê.")
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("địa điểm tổ chức")
        verbose_name_plural = _("địa điểm tổ chức")

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị trực tiếp")
    ONLINE = "online", _("Hội nghị trực tuyến")
    STUDY_TOUR = "study_tour", _("Học tập kinh nghiệm (đoàn công tác)")
    TRAINING = "training", _("Tập huấn, hội thảo")


# What a printed line calls the event ("Thời gian tổ chức Hội nghị: …").
DEFAULT_SHORT_NAMES = {
    EventKind.CONFERENCE: "Hội nghị",
    EventKind.ONLINE: "Hội nghị",
    EventKind.STUDY_TOUR: "đoàn học tập kinh nghiệm",
    EventKind.TRAINING: "lớp tập huấn",
}


class ParticipantsLayout(models.TextChoices):
    # Seed 000: 1. Chủ trì …; 2. …; 3. Đại biểu khách mời: - …; … 6. Tổng số …
    ITEMS = "items", _("Mỗi nhóm là một khoản, đại biểu gạch đầu dòng «-»; tổng số ở cuối")
    # Seed 001: a) Chủ trì …; b) Đại biểu tham dự: Dự kiến 200 đại biểu, gồm: - nhóm: + …
    GROUPED = "grouped", _("Chủ trì; «Đại biểu tham dự: Dự kiến … đại biểu, gồm:» rồi các nhóm «-», «+»")


class ItemNumbering(models.TextChoices):
    NUMBERS = "numbers", _("1., 2., 3.")
    LETTERS = "letters", _("a), b), c)")
    DASHES = "dashes", _("Gạch đầu dòng «-»")


class Event(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="events", verbose_name=_("kế hoạch")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices, default=EventKind.CONFERENCE)
    name = models.CharField(
        _("tên sự kiện"),
        max_length=500,
        help_text=_("In làm tiêu đề khi kế hoạch có nhiều sự kiện."),
    )
    short_name = models.CharField(
        _("tên gọi tắt khi in"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ «Hội nghị» trong «Thời gian tổ chức Hội nghị». Để trống: theo loại sự kiện."),
    )
    date_text = models.CharField(
        _("thời gian (như in)"),
        max_length=300,
        blank=True,
        help_text=_(
            "In nguyên văn, ví dụ «dự kiến ngày 25/02/2020 (01 ngày)», «Trong tháng 5/2023». "
            "Để trống: in theo ngày bắt đầu, kết thúc."
        ),
    )
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("địa điểm trong danh mục"),
    )
    venue_text = models.CharField(
        _("địa điểm (như in)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Ví dụ «Tại thành phố Nha Trang (dự kiến thuê hội trường khách sạn)». "
            "Để trống: tên địa điểm trong danh mục."
        ),
    )
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    chair_line = models.TextField(
        _("dòng chủ trì (như in)"),
        blank=True,
        help_text=_("Để trống: «Chủ trì Hội nghị: <chủ trì>.»"),
    )
    co_chair = models.CharField(_("đồng chủ trì"), max_length=300, blank=True)
    co_chair_line = models.TextField(
        _("dòng đồng chủ trì (như in)"),
        blank=True,
        help_text=_("Ví dụ «Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.»"),
    )
    expected_total = models.PositiveIntegerField(_("tổng số đại biểu dự kiến"), null=True, blank=True)
    participants_layout = models.CharField(
        _("cách trình bày thành phần"),
        max_length=20,
        choices=ParticipantsLayout.choices,
        default=ParticipantsLayout.ITEMS,
    )
    item_numbering = models.CharField(
        _("đánh số các khoản khi in"),
        max_length=20,
        choices=ItemNumbering.choices,
        default=ItemNumbering.NUMBERS,
    )
    notes = models.TextField(_("ghi chú nội bộ"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    # Attributed changes, shown on the plan's audit page (documents.audit).
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conferences:detail", args=[self.plan_id, self.pk])

    @property
    def printed_short_name(self) -> str:
        return self.short_name or DEFAULT_SHORT_NAMES.get(self.kind, "Hội nghị")

    @property
    def is_online(self) -> bool:
        return self.kind == EventKind.ONLINE

    @property
    def is_study_tour(self) -> bool:
        return self.kind == EventKind.STUDY_TOUR


class ParticipantGroup(models.Model):
    class Kind(models.TextChoices):
        INVITED = "invited", _("Đại biểu mời")
        SUMMONED = "summoned", _("Đại biểu triệu tập")
        OTHER = "other", _("Khác")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participant_groups")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.INVITED)
    heading = models.TextField(
        _("tiêu đề nhóm (như in)"),
        help_text=_(
            "Ví dụ «Đại biểu mời:». Một nhóm không có dòng nào in như một câu, "
            "ví dụ «Các cơ quan thông tin đại chúng của tỉnh: Mời tham dự và đưa tin.»"
        ),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nhóm thành phần")
        verbose_name_plural = _("nhóm thành phần")

    def __str__(self) -> str:
        return self.heading[:80]


class ParticipantEntry(models.Model):
    group = models.ForeignKey(ParticipantGroup, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("thành phần (như in)"))
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="participant_entries", verbose_name=_("cơ quan trong danh bạ")
    )
    quota_per_agency = models.PositiveIntegerField(_("số người mỗi cơ quan"), null=True, blank=True)
    quota_note = models.CharField(
        _("ghi chú số lượng (như in)"),
        max_length=300,
        blank=True,
        help_text=_("In trong ngoặc đơn cuối dòng, ví dụ «mỗi địa phương đăng ký 03 lãnh đạo»."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("thành phần")
        verbose_name_plural = _("thành phần")

    def __str__(self) -> str:
        return self.text[:80]


class SiteLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class OnlineSite(models.Model):
    """A connected site (điểm cầu) of an online conference."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sites")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    level = models.CharField(_("cấp"), max_length=20, choices=SiteLevel.choices, default=SiteLevel.DISTRICT)
    is_main = models.BooleanField(_("điểm cầu chính"), default=False)
    name = models.CharField(_("tên điểm cầu (như in)"), max_length=300)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_sites",
        verbose_name=_("cơ quan chủ trì điểm cầu"),
    )
    room = models.CharField(_("phòng họp"), max_length=300, blank=True)
    participants = models.TextField(_("thành phần tại điểm cầu"), blank=True)
    expected_count = models.PositiveIntegerField(_("số người dự kiến"), null=True, blank=True)
    contact_name = models.CharField(_("cán bộ kỹ thuật"), max_length=200, blank=True)
    contact_phone = models.CharField(_("điện thoại kỹ thuật"), max_length=50, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=models.Q(is_main=True), name="online_site_one_main_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """A delegation (đoàn công tác) of a study tour."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegations")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên đoàn (như in)"), max_length=300)
    head = models.CharField(_("trưởng đoàn"), max_length=300, blank=True)
    members = models.TextField(
        _("thành phần đoàn (như in)"),
        blank=True,
        help_text=_("Mỗi dòng một thành phần."),
    )
    member_quota = models.PositiveIntegerField(_("số thành viên dự kiến"), null=True, blank=True)
    transport = models.CharField(_("phương tiện"), max_length=300, blank=True)
    notes = models.TextField(_("ghi chú (như in)"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("đoàn công tác")
        verbose_name_plural = _("đoàn công tác")

    def __str__(self) -> str:
        return self.name


class Destination(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="destinations")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    place = models.CharField(_("nơi đến (như in)"), max_length=300)
    inside_province = models.BooleanField(_("trong tỉnh"), default=False)
    host = models.CharField(_("cơ quan đón tiếp, làm việc"), max_length=300, blank=True)
    date_text = models.CharField(
        _("thời gian (như in)"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: in theo ngày đi, ngày về."),
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("điểm đến")
        verbose_name_plural = _("điểm đến")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="destination_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.place


class FundingSource(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="funding_sources")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(
        _("nguồn kinh phí (như in)"),
        help_text=_("Một đoạn văn, ví dụ «Kinh phí cải cách hành chính tỉnh được cấp trong ngân sách …»."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")

    def __str__(self) -> str:
        return self.text[:80]


class BudgetItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="budget_items")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    description = models.CharField(_("nội dung chi"), max_length=500)
    unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    quantity = models.DecimalField(_("số lượng"), max_digits=12, decimal_places=2, default=1)
    unit_price = models.PositiveBigIntegerField(_("đơn giá (đồng)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("mục chi")
        verbose_name_plural = _("mục chi")

    def __str__(self) -> str:
        return self.description

    @property
    def amount(self) -> int:
        """Quantity × unit price, rounded to the đồng."""
        return int((self.quantity * self.unit_price).to_integral_value(rounding=ROUND_HALF_UP))
