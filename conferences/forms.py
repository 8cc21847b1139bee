"""Forms of the event pages. They validate and only validate; services write."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.markup import clean_text
from plans.models import Agency, AgencyKind

from .models import (
    BudgetItem,
    Delegation,
    Destination,
    Event,
    FundingSource,
    OnlineSite,
    ParticipantEntry,
    ParticipantGroup,
    SiteLevel,
    Venue,
)

# Agency kinds whose members can be added as online sites in one go.
SITE_AGENCY_KINDS = (("ubnd-huyen", _("Tất cả UBND cấp huyện")), ("ubnd-xa", _("Tất cả UBND cấp xã")))


def _text(value: str | None) -> str:
    lines = [line.rstrip() for line in clean_text(value).split("\n")]
    return "\n".join(lines).strip("\n").strip()


def _rows(count: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": count})


class _CleanTextMixin:
    """Every text the user types is normalised (NFC, no invisible characters)."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = _text(value)
        return cleaned


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _check_dates(cleaned: dict, start: str = "start_date", end: str = "end_date") -> None:
    if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
        raise ValidationError({end: _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")}, code="end_before_start")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class EventForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = (
            "kind",
            "name",
            "short_name",
            "date_text",
            "start_date",
            "end_date",
            "venue",
            "venue_text",
            "chair",
            "chair_line",
            "co_chair",
            "co_chair_line",
            "expected_total",
            "participants_layout",
            "item_numbering",
            "notes",
        )
        widgets = {
            "name": _rows(2),
            "chair_line": _rows(2),
            "co_chair_line": _rows(2),
            "notes": _rows(2),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
        error_messages = {"name": {"required": _("Hãy nhập tên sự kiện.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.order_by("name")
        self.fields["venue"].empty_label = _("— Không chọn —")
        self.fields["date_text"].widget.attrs["list"] = "event-date-examples"
        self.helper = _helper(
            Row(Column("kind", css_class="col-md-5"), Column("short_name", css_class="col-md-7")),
            Field("name"),
            Row(
                Column("date_text", css_class="col-md-6"),
                Column("start_date", css_class="col-md-3"),
                Column("end_date", css_class="col-md-3"),
            ),
            Row(Column("venue", css_class="col-md-5"), Column("venue_text", css_class="col-md-7")),
            Row(Column("chair", css_class="col-md-5"), Column("chair_line", css_class="col-md-7")),
            Row(Column("co_chair", css_class="col-md-5"), Column("co_chair_line", css_class="col-md-7")),
            Row(
                Column("expected_total", css_class="col-md-3"),
                Column("participants_layout", css_class="col-md-6"),
                Column("item_numbering", css_class="col-md-3"),
            ),
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        _check_dates(cleaned)
        return cleaned


class EventCreateForm(EventForm):
    class Meta(EventForm.Meta):
        fields = ("kind", "name", "date_text", "start_date", "end_date", "venue", "venue_text", "chair")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autofocus"] = True
        self.helper = _helper(
            Field("kind"),
            Field("name"),
            Row(
                Column("date_text", css_class="col-md-6"),
                Column("start_date", css_class="col-md-3"),
                Column("end_date", css_class="col-md-3"),
            ),
            Row(Column("venue", css_class="col-md-5"), Column("venue_text", css_class="col-md-7")),
            Field("chair"),
        )


class GroupForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ("kind", "heading")
        widgets = {"heading": _rows(2)}
        error_messages = {"heading": {"required": _("Hãy nhập tiêu đề nhóm, ví dụ «Đại biểu mời:».")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("kind", css_class="col-md-4"), Column("heading", css_class="col-md-8"))
        )


class EntryForm(_CleanTextMixin, forms.ModelForm):
    group = forms.TypedChoiceField(label=_("Thuộc nhóm"), coerce=int)
    agency_kind = forms.ModelChoiceField(
        label=_("Liên kết mọi cơ quan loại"),
        queryset=AgencyKind.objects.none(),
        required=False,
        empty_label=_("— Không —"),
        help_text=_("Dùng để tính số người theo định mức, ví dụ 9 UBND cấp huyện × 3 người."),
    )

    class Meta:
        model = ParticipantEntry
        fields = ("text", "quota_per_agency", "quota_note", "agencies")
        widgets = {"text": _rows(2), "agencies": forms.SelectMultiple(attrs={"size": 5})}
        error_messages = {"text": {"required": _("Hãy nhập thành phần như sẽ in.")}}

    def __init__(self, *args, groups: list[ParticipantGroup] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency_kind"].queryset = AgencyKind.objects.order_by("position", "name")
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by(
            "kind__position", "position", "name"
        )
        self.fields["agencies"].required = False
        if groups is None:
            del self.fields["group"]
        else:
            self.fields["group"].choices = [(g.pk, " ".join(g.heading.split())[:60]) for g in groups]
        top = [Column("group", css_class="col-md-4")] if "group" in self.fields else []
        self.helper = _helper(
            Row(*top, Column("text", css_class="col-md-8" if top else "col-12")),
            Row(Column("quota_per_agency", css_class="col-md-4"), Column("quota_note", css_class="col-md-8")),
            Row(Column("agency_kind", css_class="col-md-4"), Column("agencies", css_class="col-md-8")),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quota_note") and not cleaned.get("quota_per_agency"):
            self.add_error(
                "quota_per_agency", _("Có ghi chú số lượng thì hãy nhập số người mỗi cơ quan để tính tổng.")
            )
        return cleaned

    def linked_agencies(self) -> list[Agency]:
        agencies = list(self.cleaned_data.get("agencies") or [])
        kind = self.cleaned_data.get("agency_kind")
        if kind is not None:
            seen = {a.pk for a in agencies}
            agencies += [a for a in Agency.objects.filter(kind=kind, is_active=True) if a.pk not in seen]
        return agencies


class SiteForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = OnlineSite
        fields = (
            "level",
            "is_main",
            "name",
            "agency",
            "room",
            "participants",
            "expected_count",
            "contact_name",
            "contact_phone",
        )
        widgets = {"participants": _rows(2)}
        error_messages = {"name": {"required": _("Hãy nhập tên điểm cầu.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by(
            "kind__position", "position", "name"
        )
        self.fields["agency"].empty_label = _("— Không chọn —")
        self.helper = _helper(
            Row(
                Column("name", css_class="col-md-5"),
                Column("level", css_class="col-md-3"),
                Column("is_main", css_class="col-md-4 pt-md-4"),
            ),
            Row(Column("agency", css_class="col-md-6"), Column("room", css_class="col-md-6")),
            Row(Column("participants", css_class="col-md-9"), Column("expected_count", css_class="col-md-3")),
            Row(Column("contact_name", css_class="col-md-7"), Column("contact_phone", css_class="col-md-5")),
        )


class SiteRowForm(_CleanTextMixin, forms.Form):
    """One row of the multi-row add form: blank rows are skipped."""

    name = forms.CharField(label=_("Tên điểm cầu"), max_length=300, required=False)
    level = forms.ChoiceField(label=_("Cấp"), choices=SiteLevel.choices, initial=SiteLevel.DISTRICT)
    room = forms.CharField(label=_("Phòng họp"), max_length=300, required=False)
    expected_count = forms.IntegerField(label=_("Số người"), min_value=0, required=False)
    contact_name = forms.CharField(label=_("Cán bộ kỹ thuật"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Điện thoại"), max_length=50, required=False)

    def clean(self):
        cleaned = super().clean()
        filled = any(
            cleaned.get(name) for name in ("room", "expected_count", "contact_name", "contact_phone")
        )
        if filled and not cleaned.get("name"):
            self.add_error("name", _("Hãy nhập tên điểm cầu cho dòng này."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not (self.is_valid() and self.cleaned_data.get("name"))


SiteRowFormSet = forms.formset_factory(SiteRowForm, extra=10, max_num=60, validate_max=True)


class SitesFromDirectoryForm(_CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Thêm điểm cầu"), choices=SITE_AGENCY_KINDS)
    room = forms.CharField(label=_("Phòng họp (chung)"), max_length=300, required=False)
    expected_count = forms.IntegerField(label=_("Số người mỗi điểm cầu"), min_value=0, required=False)


class DelegationForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ("name", "head", "members", "member_quota", "transport", "notes")
        widgets = {"members": _rows(3), "notes": _rows(2)}
        error_messages = {"name": {"required": _("Hãy nhập tên đoàn, ví dụ «Đoàn công tác số 1».")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("name", css_class="col-md-7"), Column("head", css_class="col-md-5")),
            Field("members"),
            Row(Column("member_quota", css_class="col-md-4"), Column("transport", css_class="col-md-8")),
            Field("notes"),
        )


class DestinationForm(_CleanTextMixin, forms.ModelForm):
    delegation = forms.TypedChoiceField(label=_("Thuộc đoàn"), coerce=int)

    class Meta:
        model = Destination
        fields = ("place", "inside_province", "host", "date_text", "start_date", "end_date")
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = {"place": {"required": _("Hãy nhập nơi đến.")}}

    def __init__(self, *args, delegations: list[Delegation] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if delegations is None:
            del self.fields["delegation"]
        else:
            self.fields["delegation"].choices = [(d.pk, d.name) for d in delegations]
        top = [Column("delegation", css_class="col-md-4")] if "delegation" in self.fields else []
        self.helper = _helper(
            Row(
                *top,
                Column("place", css_class="col-md-5"),
                Column("inside_province", css_class="col-md-3 pt-md-4"),
            ),
            Row(
                Column("host", css_class="col-md-4"),
                Column("date_text", css_class="col-md-4"),
                Column("start_date", css_class="col-md-2"),
                Column("end_date", css_class="col-md-2"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        _check_dates(cleaned)
        return cleaned


class FundingForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ("text",)
        widgets = {"text": _rows(2)}
        error_messages = {"text": {"required": _("Hãy nhập nguồn kinh phí như sẽ in.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("text"))


class BudgetItemForm(_CleanTextMixin, forms.ModelForm):
    class Meta:
        model = BudgetItem
        fields = ("description", "unit", "quantity", "unit_price", "note")
        error_messages = {
            "description": {"required": _("Hãy nhập nội dung chi.")},
            "quantity": {"invalid": _("Số lượng phải là một số, ví dụ 2 hoặc 1,5.")},
            "unit_price": {"invalid": _("Đơn giá phải là số đồng, không có dấu chấm, ví dụ 250000.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].widget.attrs.update({"data-budget": "quantity", "step": "any", "min": "0"})
        self.fields["unit_price"].widget.attrs.update({"data-budget": "price", "min": "0", "step": "1000"})
        self.helper = _helper(
            Row(
                Column("description", css_class="col-md-5"),
                Column("unit", css_class="col-md-2"),
                Column("quantity", css_class="col-md-2"),
                Column("unit_price", css_class="col-md-3"),
            ),
            Field("note"),
        )

    def clean_quantity(self):
        quantity = self.cleaned_data.get("quantity")
        if quantity is not None and quantity < 0:
            raise ValidationError(_("Số lượng không được âm."), code="negative")
        return quantity
