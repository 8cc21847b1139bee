"""Forms of the awards pages: they validate input; services apply the rules."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import ProgrammeSlot, SlotKind
from conferences.models import Event
from documents import markup
from plans.models import Agency, Plan

from . import services
from .models import AwardDecision, AwardType, NomineeKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class NominationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=NomineeKind.choices,
        widget=forms.RadioSelect,
        initial=NomineeKind.INDIVIDUAL,
    )
    name = forms.CharField(
        label=_("Tên tập thể / Họ và tên"),
        max_length=300,
        help_text=_("Tập thể: tên đầy đủ của phòng, ban, đơn vị. Cá nhân: họ và tên đầy đủ."),
    )
    position = forms.CharField(
        label=_("Chức vụ"), max_length=300, required=False, help_text=_("Chỉ ghi với cá nhân.")
    )
    unit = forms.CharField(
        label=_("Đơn vị"),
        max_length=300,
        required=False,
        help_text=_("Cá nhân: đơn vị công tác. Tập thể: cơ quan chủ quản."),
    )
    award_type = forms.ModelChoiceField(label=_("Hình thức đề nghị"), queryset=AwardType.objects.none())
    achievements = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("PDF, Word, JPG hoặc PNG; tối đa %(n)d tệp, mỗi tệp tối đa %(mb)d MB.")
        % {"n": services.MAX_ATTACHMENTS, "mb": services.MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the campaign's award types: a posted id of any other is refused.
        self.fields["award_type"].queryset = campaign.award_types.filter(is_active=True)

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        for upload in uploads:
            try:
                services.validate_attachment(upload)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.messages, code="attachment") from None
        return uploads


def _slot_label(slot: ProgrammeSlot) -> str:
    """The slot's text as read, without its *italic* marks; ★ marks an awards slot."""
    text = " ".join(paragraph.plain for paragraph in markup.parse(slot.content))
    text = " ".join(text.split())
    if len(text) > 100:
        text = text[:99] + "…"
    return text + (" ★" if slot.kind == SlotKind.AWARDS else "")


class CampaignForm(forms.Form):
    """The event and slot lists hold only the chosen plan's events and the
    chosen event's slots; a posted event or slot of another plan is refused
    next to its field."""

    plan = forms.ModelChoiceField(
        label=_("Kế hoạch"),
        queryset=Plan.objects.order_by("-year", "title"),
        error_messages={
            "required": _("Hãy chọn kế hoạch."),
            "invalid_choice": _("Kế hoạch này không còn, hãy chọn lại."),
        },
    )
    event = forms.ModelChoiceField(
        label=_("Hội nghị công bố"),
        queryset=Event.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Hội nghị không thuộc kế hoạch đã chọn.")},
    )
    announce_slot = forms.ModelChoiceField(
        label=_("Dòng chương trình «Công bố Quyết định khen thưởng»"),
        queryset=ProgrammeSlot.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Dòng chương trình không thuộc hội nghị đã chọn.")},
    )
    title = forms.CharField(label=_("Tên đợt khen thưởng"), max_length=500)
    achievement = forms.CharField(
        label=_("Thành tích được khen"),
        max_length=500,
        help_text=_(
            "Nối sau «đã có thành tích xuất sắc trong …», ví dụ «công tác cải cách hành chính năm 2019»."
        ),
    )
    award_types = forms.ModelMultipleChoiceField(
        label=_("Hình thức khen thưởng"),
        queryset=AwardType.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateTimeField(
        label=_("Hạn gửi đề nghị (giờ Việt Nam)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )
    instructions = forms.CharField(
        label=_("Hướng dẫn cho cơ quan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    closed = forms.BooleanField(label=_("Đóng đợt (không nhận, sửa đề nghị nữa)"), required=False)

    def __init__(self, *args, links_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if links_url:
            # Changing the plan or the event asks for the event and slot lists again.
            for name in ("plan", "event"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-get": links_url,
                        "hx-trigger": "change",
                        "hx-include": "#id_plan, #id_event, #id_announce_slot",
                        "hx-target": "#campaign-links",
                        "hx-swap": "outerHTML",
                    }
                )
        plan = self._chosen("plan")
        event_field = self.fields["event"]
        if plan is None:
            event_field.empty_label = _("— Chọn kế hoạch trước —")
        else:
            event_field.queryset = Event.objects.filter(plan=plan).order_by("position", "id")
            event_field.empty_label = (
                _("— Không gắn với hội nghị —")
                if event_field.queryset.exists()
                else _("— Kế hoạch này chưa có hội nghị —")
            )
        event = self._chosen("event") if plan is not None else None
        slot_field = self.fields["announce_slot"]
        if event is None:
            slot_field.empty_label = _("— Chọn hội nghị trước —")
        else:
            slot_field.queryset = ProgrammeSlot.objects.filter(event=event).order_by("position", "id")
            slot_field.empty_label = (
                _("— Không gắn với dòng chương trình —")
                if slot_field.queryset.exists()
                else _("— Hội nghị chưa có chương trình —")
            )
        slot_field.label_from_instance = _slot_label

    def _chosen(self, name: str):
        """The object picked in ``name``: the posted one if the form is bound,
        else the initial one; None when none or not among the field's choices."""
        field = self.fields[name]
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.initial.get(name, field.initial)
        if isinstance(value, models.Model):
            value = value.pk
        if value in (None, "") or not str(value).isdigit():
            return None
        return field.queryset.filter(pk=int(value)).first()

    def clean(self):
        data = super().clean()
        plan, event, slot = data.get("plan"), data.get("event"), data.get("announce_slot")
        if plan and event and event.plan_id != plan.pk:
            self.add_error("event", _("Hội nghị không thuộc kế hoạch đã chọn."))
        if slot and (not event or slot.event_id != event.pk):
            self.add_error("announce_slot", _("Dòng chương trình không thuộc hội nghị đã chọn."))
        return data


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (services.ReviewAction.ACCEPT, _("Khen")),
            (services.ReviewAction.REJECT, _("Không khen")),
            (services.ReviewAction.MOVE, _("Chuyển hình thức")),
            (services.ReviewAction.RESET, _("Chờ xét lại")),
        ]
    )
    reason = forms.CharField(label=_("Lý do không khen"), required=False, max_length=2000)
    award_type = forms.ModelChoiceField(
        label=_("Hình thức mới"), queryset=AwardType.objects.none(), required=False
    )
    council_note = forms.CharField(label=_("Ý kiến Hội đồng"), required=False, max_length=2000)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = campaign.award_types.all()


# Who decides: the provincial People's Committee (collective), its Chairman,
# or the Director of the Department (prizes of a contest the Sở organises).
AUTHORITY_LINES = (
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "GIÁM ĐỐC SỞ NỘI VỤ",
)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = AwardDecision
        fields = [
            "award_types",
            "issuing_agency",
            "title",
            "authority_line",
            "legal_bases",
            "proposal",
            "fund_source",
            "execution",
            "list_title",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
        ]
        widgets = {
            "award_types": forms.CheckboxSelectMultiple,
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "proposal": forms.Textarea(attrs={"rows": 2}),
            "execution": forms.Textarea(attrs={"rows": 4}),
            "signer_title": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"execution": _("Mỗi dòng là một điều sau Điều 1 (Điều 2, Điều 3 …).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_types"].queryset = self.instance.campaign.award_types.all()
        self.fields["issuing_agency"].queryset = Agency.objects.filter(is_active=True).select_related("kind")
        choices = [(line, line) for line in AUTHORITY_LINES]
        current = self.instance.authority_line
        if current and current not in AUTHORITY_LINES:
            choices.append((current, current))
        self.fields["authority_line"].widget = forms.Select(choices=choices)
