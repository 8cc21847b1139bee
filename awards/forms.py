"""Forms of the awards pages: they validate input; services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import ProgrammeSlot, SlotKind
from conferences.models import Event
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


class CampaignForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.order_by("-year", "title"))
    event = forms.ModelChoiceField(
        label=_("Hội nghị công bố"), queryset=Event.objects.select_related("plan"), required=False
    )
    announce_slot = forms.ModelChoiceField(
        label=_("Dòng chương trình «Công bố Quyết định khen thưởng»"),
        queryset=ProgrammeSlot.objects.none(),
        required=False,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].label_from_instance = lambda e: f"{e.name} ({e.plan.title[:60]})"
        self.fields["announce_slot"].queryset = ProgrammeSlot.objects.select_related("event").order_by(
            "event_id", "position", "id"
        )
        self.fields["announce_slot"].label_from_instance = lambda s: (
            f"{s.event.name[:40]} – {s.content[:80]}" + (" ★" if s.kind == SlotKind.AWARDS else "")
        )

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
