"""The programme (DỰ KIẾN CHƯƠNG TRÌNH) of an event: its settings and slots."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models import Event


class ProgrammeLayout(models.TextChoices):
    NUMBERED = "numbered", _("Đánh số: Stt | Nội dung | Thực hiện")
    TIMED = "timed", _("Theo giờ: Thời gian | Nội dung | Thực hiện")


DEFAULT_DAY_START = datetime.time(7, 0)
DEFAULT_DAY_END = datetime.time(18, 0)


class Programme(models.Model):
    """How an event's programme prints; one per event, created on first use."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="programme")
    layout = models.CharField(
        _("cách trình bày"), max_length=20, choices=ProgrammeLayout.choices, default=ProgrammeLayout.TIMED
    )
    title = models.CharField(
        _("tên chương trình"),
        max_length=300,
        default="DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ",
        help_text=_("In hoa, ví dụ «DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ»."),
    )
    subtitle = models.TextField(
        _("dòng dưới tên"), blank=True, help_text=_("Mỗi dòng in một dòng, ví dụ tên hội nghị.")
    )
    day_start = models.TimeField(_("bắt đầu ngày"), default=DEFAULT_DAY_START)
    day_end = models.TimeField(_("kết thúc ngày"), default=DEFAULT_DAY_END)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day_end__gt=models.F("day_start")), name="programme_day_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.event}"


class SlotKind(models.TextChoices):
    WELCOME = "welcome", _("Đón tiếp")
    OPENING = "opening", _("Khai mạc, giới thiệu")
    REPORT = "report", _("Báo cáo")
    BREAK = "break", _("Nghỉ giải lao")
    DISCUSSION = "discussion", _("Thảo luận")
    AWARDS = "awards", _("Khen thưởng")
    CONCLUSION = "conclusion", _("Kết luận, chỉ đạo")
    CLOSING = "closing", _("Bế mạc")
    OTHER = "other", _("Khác")


class ProgrammeSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme_slots")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=20, choices=SlotKind.choices, default=SlotKind.REPORT)
    content = models.TextField(
        _("nội dung"), help_text=_("Mỗi dòng một đoạn; dòng bắt đầu bằng «- » là gạch đầu dòng; *nghiêng*.")
    )
    performers = models.TextField(
        _("thực hiện"), blank=True, help_text=_("Mỗi dòng một cơ quan hoặc chức danh.")
    )
    start_time = models.TimeField(_("từ"), null=True, blank=True)
    end_time = models.TimeField(_("đến"), null=True, blank=True)
    numbered = models.BooleanField(
        _("đánh số"),
        default=True,
        help_text=_("Bỏ chọn cho dòng phụ tiếp nối dòng trên hoặc dòng «Bế mạc» không số."),
    )

    # Attributed changes, shown on the plan's audit page (documents.audit).
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dòng chương trình")
        verbose_name_plural = _("dòng chương trình")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="programme_slot_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def duration_minutes(self) -> int | None:
        if self.start_time is None or self.end_time is None:
            return None
        return _minutes(self.end_time) - _minutes(self.start_time)


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute
