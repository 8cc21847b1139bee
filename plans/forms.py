"""Forms of the plan editor. They validate and only validate; services write."""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from documents import blocks
from documents.markup import clean_text
from documents.models import DocumentStatus
from plans import copying
from plans.models import (
    Agency,
    Appendix,
    Assignment,
    Decision,
    DecisionArticle,
    Objective,
    Plan,
    Section,
    Task,
)
from plans.selectors import issuing_agencies

YEAR_MIN, YEAR_MAX = 1990, 2100
SIGNER_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_SYMBOL_CODE = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
_PREFIX = re.compile(r"[A-ZĐ]{1,4}\.")


def _text(value: str | None) -> str:
    """Normalised text: NFC, no invisible characters, trailing spaces per line trimmed."""
    lines = [line.rstrip() for line in clean_text(value).split("\n")]
    return "\n".join(lines).strip("\n").strip()


class _TextCleaningMixin:
    """Normalise every text field the user types."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = _text(value)
        return cleaned


def validate_signer_title(value: str) -> str:
    """Each line in capitals; a line may open with an authority: TM., KT., Q., TL. or TUQ."""
    lines = [" ".join(line.split()) for line in clean_text(value).split("\n") if line.strip()]
    bare = {prefix.rstrip(".") for prefix in SIGNER_PREFIXES}
    for line in lines:
        if line != line.upper():
            raise ValidationError(
                _("Chức danh người ký phải viết in hoa (dòng «%(line)s»)."),
                code="signer_not_upper",
                params={"line": line},
            )
        head = line.split()[0]
        if _PREFIX.fullmatch(head) and head not in SIGNER_PREFIXES:
            raise ValidationError(
                _("Thẩm quyền ký «%(prefix)s» không hợp lệ; chỉ dùng TM., KT., Q., TL. hoặc TUQ."),
                code="signer_bad_prefix",
                params={"prefix": head},
            )
        if head in bare:
            raise ValidationError(
                _("Sau «%(prefix)s» cần có dấu chấm, ví dụ «%(prefix)s. ỦY BAN NHÂN DÂN»."),
                code="signer_prefix_dot",
                params={"prefix": head},
            )
    return "\n".join(lines)


def validate_symbol_code(value: str) -> str:
    value = value.strip()
    if value and not _SYMBOL_CODE.match(value):
        raise ValidationError(
            _(
                "Mã cơ quan trong ký hiệu chỉ gồm chữ in hoa, chữ Đ, chữ số và dấu gạch nối, "
                "ví dụ UBND hoặc BCĐ."
            ),
            code="symbol_code_invalid",
        )
    return value


def validate_year(value: int | None) -> int | None:
    if value is not None and not YEAR_MIN <= value <= YEAR_MAX:
        raise ValidationError(
            _("Năm phải từ %(min)s đến %(max)s."),
            code="year_out_of_range",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )
    return value


def _block_choices(current: str = "", *, appendix: bool = False) -> list[tuple[str, str]]:
    choices = [("", _("— Không có —")), *blocks.choices(appendix=appendix)]
    if current and current not in {key for key, _label in choices}:
        # A block whose app is not installed any more: keep it rather than losing it silently.
        choices.append((current, current))
    return choices


def _rows(widget_rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": widget_rows})


class PlanForm(_TextCleaningMixin, forms.ModelForm):
    """The plan's header, opening, closing, signer and recipients."""

    class Meta:
        model = Plan
        fields = (
            "issuing_agency",
            "year",
            "symbol_code",
            "place",
            "title",
            "opening",
            "objectives_style",
            "closing",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
        )
        widgets = {
            "title": _rows(2),
            "opening": _rows(3),
            "closing": _rows(3),
            "signer_title": _rows(3),
            "recipients": _rows(5),
        }
        error_messages = {
            "title": {"required": _("Hãy nhập trích yếu (tên) của kế hoạch.")},
            "issuing_agency": {
                "required": _("Hãy chọn cơ quan ban hành."),
                "invalid_choice": _("Cơ quan ban hành không có trong danh bạ."),
            },
            "year": {"required": _("Hãy nhập năm."), "invalid": _("Năm phải là một số, ví dụ 2024.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_agency"].queryset = issuing_agencies()
        self.fields["issuing_agency"].empty_label = _("— Chọn cơ quan ban hành —")
        self.fields["year"].widget.attrs.update({"min": YEAR_MIN, "max": YEAR_MAX})
        self.fields["signer_title"].widget.attrs["class"] = "text-uppercase"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("issuing_agency", css_class="col-md-8"), Column("year", css_class="col-md-4")),
            Row(Column("symbol_code", css_class="col-md-6"), Column("place", css_class="col-md-6")),
            Field("title"),
            Field("opening"),
            Field("objectives_style"),
            Field("closing"),
            Row(Column("signer_title", css_class="col-md-6"), Column("signer_name", css_class="col-md-6")),
            Row(Column("recipients", css_class="col-md-8"), Column("archive", css_class="col-md-4")),
        )

    def clean_title(self):
        title = _text(self.cleaned_data.get("title"))
        if not title:
            raise ValidationError(_("Hãy nhập trích yếu (tên) của kế hoạch."), code="required")
        return title

    def clean_year(self):
        return validate_year(self.cleaned_data.get("year"))

    def clean_symbol_code(self):
        return validate_symbol_code(self.cleaned_data.get("symbol_code", ""))

    def clean_signer_title(self):
        return validate_signer_title(self.cleaned_data.get("signer_title", ""))

    def clean_archive(self):
        archive = " ".join(self.cleaned_data.get("archive", "").split())
        if archive.lower().startswith("lưu:"):
            archive = archive[4:].strip()
        return archive or "VT"


class PlanCreateForm(PlanForm):
    outline = forms.BooleanField(
        label=_(
            "Tạo sẵn các mục thường dùng (Mục đích, yêu cầu; Nội dung; Thời gian, địa điểm; "
            "Kinh phí; Tổ chức thực hiện)"
        ),
        required=False,
        initial=True,
    )

    class Meta(PlanForm.Meta):
        fields = ("issuing_agency", "year", "symbol_code", "title", "signer_title", "signer_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("issuing_agency", css_class="col-md-8"), Column("year", css_class="col-md-4")),
            Field("symbol_code"),
            Field("title"),
            Row(Column("signer_title", css_class="col-md-6"), Column("signer_name", css_class="col-md-6")),
            Field("outline"),
        )
        self.fields["title"].widget.attrs["autofocus"] = True


class SectionForm(_TextCleaningMixin, forms.ModelForm):
    parent = forms.TypedChoiceField(label=_("Thuộc mục"), required=False, coerce=int, empty_value=None)

    class Meta:
        model = Section
        fields = ("heading", "numbered", "body", "block", "body_after")
        widgets = {"body": _rows(6), "body_after": _rows(3), "heading": forms.TextInput()}
        help_texts = {
            "body": _("Mỗi dòng một đoạn; «- » và «+ » đầu dòng là gạch đầu dòng; **đậm**, *nghiêng*."),
        }

    def __init__(self, *args, parent_choices: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"] = forms.ChoiceField(
            label=capfirst(Section._meta.get_field("block").verbose_name),
            choices=_block_choices(self.instance.block if self.instance.pk else ""),
            required=False,
            help_text=Section._meta.get_field("block").help_text,
        )
        if parent_choices is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].choices = [("", _("— Mục cấp cao nhất —")), *parent_choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        top = [Column("heading", css_class="col-md-8")]
        if "parent" in self.fields:
            top.append(Column("parent", css_class="col-md-4"))
        self.helper.layout = Layout(
            Row(*top),
            Field("body"),
            Row(Column("block", css_class="col-md-8"), Column("numbered", css_class="col-md-4 pt-md-4")),
            Field("body_after"),
        )

    def clean_heading(self):
        heading = " ".join(self.cleaned_data.get("heading", "").split())
        if len(heading) > 500:
            raise ValidationError(_("Tiêu đề mục dài tối đa 500 ký tự."), code="too_long")
        return heading

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("heading") and not cleaned.get("body") and not cleaned.get("block"):
            raise ValidationError(_("Hãy nhập tiêu đề hoặc nội dung của mục."), code="empty_section")
        return cleaned


class ObjectiveForm(_TextCleaningMixin, forms.ModelForm):
    class Meta:
        model = Objective
        fields = ("kind", "text")
        widgets = {"text": _rows(2)}
        error_messages = {"text": {"required": _("Hãy nhập nội dung.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-3"), Column("text", css_class="col-md-9")),
        )


def _time_frame(value: str) -> str:
    value = " ".join((value or "").split())
    if len(value) > 200:
        raise ValidationError(_("Thời gian thực hiện dài tối đa 200 ký tự."), code="time_frame_too_long")
    return value


class TaskForm(_TextCleaningMixin, forms.ModelForm):
    parent = forms.TypedChoiceField(label=_("Thuộc nhiệm vụ"), required=False, coerce=int, empty_value=None)

    class Meta:
        model = Task
        fields = ("description", "time_frame", "lead", "cooperating", "numbered", "status", "progress_note")
        widgets = {
            "description": _rows(2),
            "lead": _rows(2),
            "cooperating": _rows(2),
            "progress_note": _rows(2),
        }
        error_messages = {"description": {"required": _("Hãy nhập nội dung nhiệm vụ.")}}
        help_texts = {
            "time_frame": _(
                "Ghi như trong văn bản: 25/02/2020, Trước ngày 01/6/2020, Tháng 4/2020, "
                "Quý III/2024, Thường xuyên…"
            ),
        }

    def __init__(self, *args, parent_choices: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser enforces 200 too; longer pasted text gets our message, not a 500.
        self.fields["time_frame"].max_length = None
        self.fields["time_frame"].validators = []
        self.fields["time_frame"].widget.attrs.pop("maxlength", None)
        self.fields["time_frame"].widget.attrs["list"] = "time-frame-examples"
        for name in ("lead", "cooperating"):
            self.fields[name].widget.attrs["data-agency-target"] = name
        if parent_choices is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].choices = [("", _("— Nhiệm vụ cấp 1 —")), *parent_choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_time_frame(self):
        return _time_frame(self.cleaned_data.get("time_frame", ""))


class AssignmentForm(_TextCleaningMixin, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ("agency_text", "layout", "duties")
        widgets = {"duties": _rows(4)}
        error_messages = {"agency_text": {"required": _("Hãy nhập tên cơ quan, đơn vị.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class AppendixForm(_TextCleaningMixin, forms.ModelForm):
    class Meta:
        model = Appendix
        fields = ("title", "subtitle", "block", "body", "landscape")
        widgets = {"subtitle": _rows(2), "body": _rows(5), "title": forms.TextInput()}
        error_messages = {"title": {"required": _("Hãy nhập tên phụ lục.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"] = forms.ChoiceField(
            label=capfirst(Appendix._meta.get_field("block").verbose_name),
            choices=_block_choices(self.instance.block if self.instance.pk else "", appendix=True),
            required=False,
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("title", css_class="col-md-8"), Column("landscape", css_class="col-md-4 pt-md-4")),
            Field("subtitle"),
            Field("block"),
            Field("body"),
        )


class DecisionForm(_TextCleaningMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = (
            "symbol_code",
            "title",
            "authority_line",
            "legal_bases",
            "proposal",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
        )
        widgets = {
            "title": _rows(2),
            "legal_bases": _rows(6),
            "proposal": _rows(2),
            "signer_title": _rows(2),
            "recipients": _rows(5),
        }
        error_messages = {
            "title": {"required": _("Hãy nhập trích yếu của quyết định.")},
            "authority_line": {"required": _("Hãy nhập thẩm quyền ban hành.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("symbol_code", css_class="col-md-4"), Column("authority_line", css_class="col-md-8")),
            Field("title"),
            Field("legal_bases"),
            Field("proposal"),
            Row(Column("signer_title", css_class="col-md-6"), Column("signer_name", css_class="col-md-6")),
            Row(Column("recipients", css_class="col-md-8"), Column("archive", css_class="col-md-4")),
        )

    def clean_symbol_code(self):
        return validate_symbol_code(self.cleaned_data.get("symbol_code", ""))

    def clean_signer_title(self):
        return validate_signer_title(self.cleaned_data.get("signer_title", ""))

    def clean_authority_line(self):
        line = " ".join(self.cleaned_data.get("authority_line", "").split())
        if line != line.upper():
            raise ValidationError(_("Thẩm quyền ban hành phải viết in hoa."), code="authority_not_upper")
        return line

    def clean_legal_bases(self):
        lines = [
            " ".join(line.split()) for line in clean_text(self.cleaned_data.get("legal_bases")).split("\n")
        ]
        return "\n".join(line for line in lines if line)


class DecisionArticleForm(_TextCleaningMixin, forms.ModelForm):
    class Meta:
        model = DecisionArticle
        fields = ("body",)
        widgets = {"body": _rows(3)}
        labels = {"body": _("Nội dung điều")}
        error_messages = {"body": {"required": _("Hãy nhập nội dung điều.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo trích yếu"), required=False)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"), required=False, queryset=Agency.objects.none(), empty_label=_("Tất cả")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args, years: list[int], agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        self.fields["agency"].queryset = agencies
        self.fields["status"].choices = [("", _("Tất cả")), *DocumentStatus.choices]
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Ví dụ: hội nghị tổng kết")})
        for name in ("year", "agency", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"


class PlanCopyForm(forms.Form):
    years = forms.IntegerField(
        label=_("Dời các năm thêm"),
        initial=1,
        min_value=-50,
        max_value=50,
        help_text=_("Mọi năm trong văn bản được cộng thêm số này, ví dụ «năm 2019» thành «năm 2020»."),
        error_messages={
            "required": _("Hãy nhập số năm cần dời."),
            "invalid": _("Số năm phải là số nguyên."),
            "min_value": _("Chỉ dời tối đa 50 năm."),
            "max_value": _("Chỉ dời tối đa 50 năm."),
        },
    )
    include = forms.MultipleChoiceField(
        label=_("Sao chép kèm theo"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_(
            "Không sao chép danh sách đại biểu đã đăng ký, đề nghị khen thưởng, giấy mời và liên kết."
        ),
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        self.counts: dict[str, int | None] = {}
        for option in copying.options():
            count = option.count(plan) if plan is not None and option.count is not None else None
            self.counts[option.key] = count
            label = str(option.label)
            if count is not None:
                label = _("%(label)s (%(count)s)") % {"label": label, "count": count}
            choices.append((option.key, label))
        self.fields["include"].choices = choices
        self.fields["include"].initial = [key for key, _label in choices]
        self.include_help = {option.key: option.help_text for option in copying.options()}

    def clean_include(self) -> list[str]:
        include = self.cleaned_data["include"]
        copying.check_options(include)
        return include

    def copy_notes(self) -> list[str]:
        """What the user should know about the chosen options after the copy."""
        chosen = set(self.cleaned_data.get("include") or ())
        return [
            str(option.note)
            for option in copying.options()
            if option.key in chosen and option.note and self.counts.get(option.key) != 0
        ]
