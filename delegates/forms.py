"""Forms of the delegates app: they validate and only validate."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import Agency

from . import normalize
from .models import AgencyRegistration, Invitation, RegistrationOpening
from .services import PersonRow

MAX_IMPORT_BYTES = 2 * 1024 * 1024
ROMAN_HEADS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PersonForm(forms.Form):
    """One row of an agency's list."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=200, required=False)
    unit = forms.CharField(label=_("Đơn vị công tác"), max_length=300, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=40)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)
    section = forms.TypedChoiceField(label=_("Phần"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, opening: RegistrationOpening | None = None, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sections is None:
            sections = list(opening.sections.all()) if opening is not None else []
        if sections:
            self.fields["section"].choices = [("", "—")] + [(s.pk, s.title) for s in sections]
            self.fields["section"].required = True
        else:
            del self.fields["section"]
        if opening is not None and not opening.ask_email:
            del self.fields["email"]
        if opening is not None and not opening.ask_note:
            del self.fields["note"]
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name == "section" else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)
        self.fields["full_name"].widget.attrs.update(autocomplete="name", placeholder=_("Nguyễn Văn An"))
        self.fields["phone"].widget.attrs.update(
            inputmode="tel", autocomplete="tel", placeholder="0905 123 456"
        )

    def clean_full_name(self) -> str:
        name = normalize.clean_name(self.cleaned_data["full_name"])
        if len(name.split(" ")) < 2:
            raise ValidationError(_("Vui lòng ghi đủ họ và tên."), code="short_name")
        return name

    def clean_phone(self) -> str:
        return normalize.parse_phone(self.cleaned_data["phone"])

    def clean_title(self) -> str:
        return normalize.clean_line(self.cleaned_data["title"])

    def clean_unit(self) -> str:
        return normalize.clean_line(self.cleaned_data["unit"])

    def clean_note(self) -> str:
        return normalize.clean_line(self.cleaned_data["note"])

    def to_row(self) -> PersonRow:
        data = self.cleaned_data
        return PersonRow(
            id=data.get("id"),
            full_name=data["full_name"],
            phone=data["phone"],
            title=data.get("title", ""),
            unit=data.get("unit", ""),
            email=data.get("email", ""),
            note=data.get("note", ""),
            section_id=data.get("section"),
        )


class BasePersonFormSet(forms.BaseFormSet):
    def __init__(self, *args, opening=None, **kwargs):
        self.opening = opening
        # Read once for every row (a page's query count must not grow with its rows).
        self.sections = list(opening.sections.all()) if opening is not None else []
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "opening": self.opening, "sections": self.sections}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # Shown as a toggle button (Bootstrap btn-check): no script needed.
            form.fields["DELETE"].widget.attrs["class"] = "btn-check"

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            opening=self.opening,
            sections=self.sections,
        )
        self.add_fields(form, None)
        return form

    def kept_forms(self) -> list[PersonForm]:
        """Filled rows not marked for removal, in order."""
        initial = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            # Saved rows stay even when unchanged; new rows count once filled in.
            if (index < initial or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def clean(self):
        if any(form.errors for form in self.kept_forms()):
            return
        seen: dict[tuple[str, str], int] = {}
        for number, form in enumerate(self.kept_forms(), start=1):
            key = (normalize.name_key(form.cleaned_data["full_name"]), form.cleaned_data["phone"])
            if key in seen:
                form.add_error(
                    "full_name",
                    ValidationError(
                        _("Trùng với dòng %(row)d: cùng họ tên và số điện thoại."),
                        code="duplicate",
                        params={"row": seen[key]},
                    ),
                )
            else:
                seen[key] = number

    def rows(self) -> list[PersonRow]:
        return [form.to_row() for form in self.kept_forms()]


PersonFormSet = forms.formset_factory(
    PersonForm, formset=BasePersonFormSet, extra=0, can_delete=True, max_num=500, validate_max=True
)
# A list that has nobody yet opens with one blank row to fill in.
FirstPersonFormSet = forms.formset_factory(
    PersonForm, formset=BasePersonFormSet, extra=1, can_delete=True, max_num=500, validate_max=True
)


class ContactForm(forms.ModelForm):
    class Meta:
        model = AgencyRegistration
        fields = ["contact_name", "contact_phone", "contact_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")
        if self.instance.contact_phone and not self.is_bound:
            self.initial["contact_phone"] = normalize.phone_display(self.instance.contact_phone)
        self.fields["contact_phone"].max_length = 40
        self.fields["contact_phone"].widget.attrs["maxlength"] = 40

    def clean_contact_phone(self) -> str:
        value = self.cleaned_data["contact_phone"]
        return normalize.parse_phone(value) if value.strip() else ""


class OpeningForm(forms.ModelForm):
    """Opening registration: title, target, deadline, capacity, fields, sections."""

    target = forms.ChoiceField(label=_("Đăng ký cho"), required=False)
    sections_text = forms.CharField(
        label=_("Các phần của danh sách"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng một phần, ví dụ «Trong tỉnh», «Ngoài tỉnh»; có thể ghi giới hạn: "
            "«Ngoài tỉnh | 2 | 20» (tối đa 2 người mỗi cơ quan, 20 người cả phần). "
            "Để trống: một danh sách chung."
        ),
    )

    class Meta:
        model = RegistrationOpening
        fields = ["title", "deadline", "capacity", "ask_email", "ask_note", "instructions"]
        widgets = {
            "deadline": DateTimeLocalInput(),
            "instructions": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["deadline"].help_text = _("Giờ Việt Nam (Asia/Ho_Chi_Minh).")
        choices = [("", _("Cả sự kiện"))]
        if event is not None:
            choices += [
                (f"delegation-{d.pk}", _("Đoàn: %(name)s") % {"name": d.name})
                for d in event.delegations.all()
            ]
            choices += [
                (f"site-{s.pk}", _("Điểm cầu: %(name)s") % {"name": s.name}) for s in event.sites.all()
            ]
        self.fields["target"].choices = choices
        if self.instance.pk:
            del self.fields["target"]
            del self.fields["sections_text"]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if not self.instance.pk and deadline <= timezone.now():
            raise ValidationError(_("Hạn đăng ký phải sau thời điểm hiện tại."), code="past")
        return deadline

    def clean_target(self):
        value = self.cleaned_data.get("target") or ""
        if not value or self.event is None:
            return {}
        kind, _sep, pk = value.partition("-")
        if kind == "delegation":
            return {"delegation": self.event.delegations.get(pk=int(pk))}
        if kind == "site":
            return {"site": self.event.sites.get(pk=int(pk))}
        return {}

    def clean_sections_text(self) -> list[tuple[str, int | None, int | None]]:
        sections = []
        for number, raw in enumerate(self.cleaned_data.get("sections_text", "").splitlines(), start=1):
            parts = [part.strip() for part in raw.split("|")]
            if not parts[0]:
                continue
            try:
                numbers = [int(part) if part else None for part in parts[1:3]]
            except ValueError as error:
                raise ValidationError(
                    _("Dòng %(n)d: giới hạn phải là số."), code="invalid", params={"n": number}
                ) from error
            numbers += [None] * (2 - len(numbers))
            # "I. Trong tỉnh" -> "Trong tỉnh": the numeral is printed from the order.
            head, _dot, rest = parts[0].partition(". ")
            title = rest if rest and head in ROMAN_HEADS else parts[0]
            sections.append((normalize.clean_line(title), numbers[0], numbers[1]))
        return sections


class InviteForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.filter(is_active=True).order_by("name")
    )
    quota = forms.IntegerField(label=_("Số người"), min_value=0, required=False)


class ReopenForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Hạn mới"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise ValidationError(_("Hạn mới phải sau thời điểm hiện tại."), code="past")
        return deadline

    @staticmethod
    def suggested() -> datetime.datetime:
        now = timezone.localtime() + datetime.timedelta(days=2)
        return now.replace(hour=17, minute=0, second=0, microsecond=0)


class MoveForm(forms.Form):
    registration = forms.ModelChoiceField(label=_("Cơ quan"), queryset=AgencyRegistration.objects.none())
    section = forms.ModelChoiceField(label=_("Phần"), queryset=None, required=False)

    def __init__(self, *args, opening: RegistrationOpening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = opening.registrations.select_related("agency")
        self.fields["registration"].label_from_instance = lambda r: r.agency.name
        self.fields["section"].queryset = opening.sections.all()
        if not opening.sections.exists():
            del self.fields["section"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa 2 MB)."), code="too_big")
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel .xlsx."), code="bad_type")
        return upload


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = [
            "title",
            "opening_text",
            "invitees",
            "attend_text",
            "chair",
            "time_text",
            "place_text",
            "closing_text",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
            "symbol_code",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "opening_text": forms.Textarea(attrs={"rows": 3}),
            "invitees": forms.Textarea(attrs={"rows": 2}),
            "attend_text": forms.Textarea(attrs={"rows": 2}),
            "closing_text": forms.Textarea(attrs={"rows": 2}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
