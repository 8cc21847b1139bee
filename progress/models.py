"""Progress of plan tasks and of conference conclusions.

A lead agency reports on a task (status, a short note, optionally a
percentage and one file); its reports are kept as a history and the latest
one is the task's current status. Two kinds of task are reported the same
way: a row of a plan's task table (``plans.Task``) and a conclusion item of
a THÔNG BÁO kết luận (``ConclusionTask``), so a report points at exactly one
of them (database check constraint).

The BÁO CÁO on a plan's progress (``ProgressReport``) is an official
document: its narrative is typed by staff, its table is generated from the
reports as of its date.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models import Event
from documents.models import OfficialDocument
from plans.models import Agency, Plan, Task


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    STALLED = "stalled", _("Gặp khó khăn, vướng mắc")
    DONE = "done", _("Đã hoàn thành")


class Conclusion(models.Model):
    """A THÔNG BÁO kết luận of an event, as issued (recorded, not drafted here)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="conclusions", verbose_name=_("sự kiện")
    )
    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="conclusions", verbose_name=_("cơ quan ban hành")
    )
    symbol = models.CharField(_("số, ký hiệu"), max_length=100, blank=True, help_text=_("Ví dụ 125/TB-UBND."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.TextField(
        _("trích yếu"),
        help_text=_("Ví dụ «Kết luận của Phó Chủ tịch UBND tỉnh tại Hội nghị sơ kết …»."),
    )
    signer_title = models.CharField(_("chức danh người ký"), max_length=300, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    summary = models.TextField(_("nội dung chung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = _("thông báo kết luận")

    def __str__(self) -> str:
        return self.symbol or str(self.title)[:60]

    def get_absolute_url(self) -> str:
        return reverse("progress:conclusion", args=[self.pk])


class ConclusionTask(models.Model):
    """One conclusion item turned into a tracked task."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("nội dung kết luận, nhiệm vụ"))
    time_frame = models.CharField(
        _("thời gian thực hiện"),
        max_length=200,
        blank=True,
        help_text=_("Ghi như văn bản: «Trước ngày 31/12/2026», «Quý I/2027», «Thường xuyên»."),
    )
    due_date = models.DateField(_("hạn (tính từ thời gian)"), null=True, blank=True)
    lead_agencies = models.ManyToManyField(
        Agency, related_name="led_conclusion_tasks", verbose_name=_("cơ quan chủ trì")
    )
    cooperating_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="cooperating_conclusion_tasks", verbose_name=_("cơ quan phối hợp")
    )

    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nhiệm vụ theo kết luận")
        verbose_name_plural = _("nhiệm vụ theo kết luận")

    def __str__(self) -> str:
        return self.description[:80]


def report_file_path(instance: TaskReport, filename: str) -> str:
    # A random name: the stored file's name says nothing about the task or the agency.
    suffix = PurePath(filename).suffix.lower()
    return f"progress/{uuid.uuid4().hex}{suffix}"


class TaskReport(models.Model):
    """One report of a lead agency on one task; the newest is the current status."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="progress_reports"
    )
    conclusion_task = models.ForeignKey(
        ConclusionTask, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="task_reports", verbose_name=_("cơ quan báo cáo")
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=ReportStatus.choices)
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), null=True, blank=True)
    note = models.TextField(_("kết quả, tiến độ"))
    file = models.FileField(_("tệp kèm theo"), upload_to=report_file_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_label = models.CharField(_("người báo cáo"), max_length=300)
    created_at = models.DateTimeField(_("báo cáo lúc"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(task__isnull=False) & models.Q(conclusion_task__isnull=True))
                | (models.Q(task__isnull=True) & models.Q(conclusion_task__isnull=False)),
                name="progress_report_one_task",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="progress_report_percent_range",
            ),
        ]
        indexes = [
            models.Index(fields=["task", "-created_at"]),
            models.Index(fields=["conclusion_task", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.get_status_display()}"


class ProgressReport(OfficialDocument):
    """BÁO CÁO kết quả thực hiện Kế hoạch: text typed by staff, table generated."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("kế hoạch")
    )
    issuing_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("cơ quan ban hành")
    )
    as_of = models.DateField(
        _("số liệu tính đến ngày"),
        help_text=_("Bảng kết quả lấy báo cáo của các cơ quan gửi đến hết ngày này."),
    )
    opening = models.TextField(
        _("mở đầu"),
        blank=True,
        help_text=_("Đoạn mở đầu, ví dụ «Thực hiện Kế hoạch số …, Sở Nội vụ báo cáo kết quả như sau:»."),
    )
    assessment = models.TextField(
        _("đánh giá chung"),
        blank=True,
        help_text=_("In trong mục I, trước bảng kết quả. Mỗi dòng một đoạn; «- » là gạch đầu dòng."),
    )
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    closing = models.TextField(
        _("kết thúc"),
        blank=True,
        help_text=_("Ví dụ «Trên đây là báo cáo kết quả thực hiện Kế hoạch … của Sở Nội vụ.»"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    doc_type = "BC"

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("báo cáo kết quả thực hiện kế hoạch")
        verbose_name_plural = _("báo cáo kết quả thực hiện kế hoạch")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("progress:report", args=[self.pk])
