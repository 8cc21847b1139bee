"""Forms of the progress pages: they validate input; services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Agency

from . import services
from .models import Conclusion, ProgressReport, ReportStatus


class ReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=ReportStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn tình trạng thực hiện."),
            "invalid_choice": _("Chọn một tình trạng trong danh sách."),
        },
    )
    percent = forms.IntegerField(
        label=_("Tỷ lệ hoàn thành (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Không bắt buộc. Để trống nếu không ước tính được."),
        error_messages={
            "min_value": _("Tỷ lệ phải từ 0 đến 100."),
            "max_value": _("Tỷ lệ phải từ 0 đến 100."),
            "invalid": _("Nhập một số nguyên từ 0 đến 100."),
        },
    )
    note = forms.CharField(
        label=_("Kết quả, tiến độ thực hiện"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=services.MAX_NOTE_CHARS,
        help_text=_("Việc đã làm, kết quả đạt được, khó khăn (nếu có)."),
        error_messages={"required": _("Ghi ngắn gọn kết quả, tiến độ thực hiện.")},
    )
    file = forms.FileField(
        label=_("Tệp kèm theo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}),
        help_text=_("Không bắt buộc. PDF, Word, Excel, JPG hoặc PNG; tối đa %(mb)d MB.")
        % {"mb": services.MAX_FILE_BYTES // 2**20},
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            # Staff record a report received on paper for one of the lead agencies.
            self.fields = {
                "agency": forms.ModelChoiceField(
                    label=_("Cơ quan báo cáo"),
                    queryset=Agency.objects.filter(pk__in=[a.pk for a in agencies]),
                    empty_label=None,
                    error_messages={"invalid_choice": _("Chọn một cơ quan chủ trì của nhiệm vụ này.")},
                ),
                **self.fields,
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                services.validate_file(upload)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.messages, code="file") from None
        return upload


class ConclusionForm(forms.ModelForm):
    class Meta:
        model = Conclusion
        fields = ["issuing_agency", "symbol", "issued_on", "title", "signer_title", "signer_name", "summary"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 2}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")


class ConclusionTaskForm(forms.Form):
    description = forms.CharField(
        label=_("Nội dung kết luận, nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    time_frame = forms.CharField(
        label=_("Thời gian thực hiện"),
        max_length=200,
        required=False,
        help_text=_("Ghi như văn bản: «Trước ngày 31/12/2026», «Quý I/2027», «Thường xuyên»."),
    )
    lead_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Agency.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Giữ phím Ctrl (hoặc Cmd) để chọn nhiều cơ quan."),
        error_messages={"required": _("Chọn ít nhất một cơ quan chủ trì.")},
    )
    cooperating_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Giữ phím Ctrl (hoặc Cmd) để chọn nhiều cơ quan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["lead_agencies"].queryset = agencies
        self.fields["cooperating_agencies"].queryset = agencies


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = [
            "issuing_agency",
            "as_of",
            "title",
            "opening",
            "assessment",
            "difficulties",
            "proposals",
            "closing",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
        ]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 2}),
            "opening": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 5}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")
