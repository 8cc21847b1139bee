"""Forms of the programme editor. They validate and only validate; the
timing rules (overlap, inside the day) live in ``agenda.services``."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.markup import clean_text

from .models import Programme, ProgrammeSlot


def _text(value: str | None) -> str:
    lines = [line.rstrip() for line in clean_text(value).split("\n")]
    return "\n".join(lines).strip("\n").strip()


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ("layout", "title", "subtitle", "day_start", "day_end")
        widgets = {
            "subtitle": forms.Textarea(attrs={"rows": 2}),
            "day_start": TimeInput(),
            "day_end": TimeInput(),
        }
        error_messages = {
            "title": {"required": _("Hãy nhập tên chương trình, ví dụ «DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ».")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["class"] = "text-uppercase"
        self.helper = _helper(
            Row(Column("layout", css_class="col-md-6"), Column("title", css_class="col-md-6")),
            Row(
                Column("subtitle", css_class="col-md-6"),
                Column("day_start", css_class="col-md-3"),
                Column("day_end", css_class="col-md-3"),
            ),
        )

    def clean_title(self):
        return " ".join(_text(self.cleaned_data.get("title")).split()).upper()

    def clean_subtitle(self):
        return _text(self.cleaned_data.get("subtitle"))


class SlotForm(forms.ModelForm):
    class Meta:
        model = ProgrammeSlot
        fields = ("start_time", "end_time", "kind", "content", "performers", "numbered")
        widgets = {
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "content": forms.Textarea(attrs={"rows": 2}),
            "performers": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "content": {"required": _("Hãy nhập nội dung của dòng chương trình.")},
            "start_time": {"invalid": _("Giờ không hợp lệ, ví dụ 07:15.")},
            "end_time": {"invalid": _("Giờ không hợp lệ, ví dụ 08:00.")},
        }

    def __init__(self, *args, timed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        first = (
            [Column("start_time", css_class="col-6 col-md-2"), Column("end_time", css_class="col-6 col-md-2")]
            if timed
            else [Column("numbered", css_class="col-md-4 pt-md-4")]
        )
        if timed:
            self.fields["numbered"].widget = forms.HiddenInput()
        self.helper = _helper(
            Row(*first, Column("kind", css_class="col-md-4")),
            Row(Column("content", css_class="col-md-7"), Column("performers", css_class="col-md-5")),
            *([Field("numbered")] if timed else []),
        )

    def clean_content(self):
        content = _text(self.cleaned_data.get("content"))
        if not content:
            raise ValidationError(_("Hãy nhập nội dung của dòng chương trình."), code="required")
        return content

    def clean_performers(self):
        lines = [" ".join(line.split()) for line in _text(self.cleaned_data.get("performers")).split("\n")]
        return "\n".join(line for line in lines if line)


class DurationForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Thời lượng (phút)"),
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "min_value": _("Thời lượng phải lớn hơn 0 phút."),
            "invalid": _("Thời lượng là số phút, ví dụ 30."),
            "required": _("Hãy nhập thời lượng (phút)."),
        },
    )
    shift = forms.BooleanField(label=_("Dời các dòng sau"), required=False)
