"""Copying a plan copies its award campaigns: the award types and the
invited agencies with their quotas, never nominations, attachments or award
decisions (``plans.copying``).

The copy's deadline moves by the years and the campaign starts closed:
agencies nominate once staff have checked it and opened it again.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from agenda.models import ProgrammeSlot
from conferences.models import Event
from plans import copying

from .models import Campaign, CampaignAgency

OPTION = "awards"


def copy_campaigns(context: copying.CopyContext) -> None:
    campaigns = (
        Campaign.objects.filter(plan=context.source)
        .prefetch_related("award_types", "invitations")
        .order_by("created_at", "id")
    )
    for old in campaigns:
        campaign = context.clone(
            old,
            plan_id=context.new.pk,
            # Linked to the copied event and slot; to none when events are not copied.
            event=context.new_of(Event, old.event_id),
            announce_slot=context.new_of(ProgrammeSlot, old.announce_slot_id),
            deadline=copying.shift_datetime(old.deadline, context.years),
            closed=True,
            created_by=context.user_or_none,
        )
        campaign.award_types.set(old.award_types.all())
        CampaignAgency.objects.bulk_create(
            CampaignAgency(campaign=campaign, agency_id=invitation.agency_id, quota=invitation.quota)
            for invitation in old.invitations.all()
        )


def count_campaigns(plan) -> int:
    return Campaign.objects.filter(plan=plan).aggregate(n=Count("pk"))["n"]


def register() -> None:
    copying.register_option(
        copying.CopyOption(
            key=OPTION,
            label=_("Đợt khen thưởng (không gồm đề nghị)"),
            help_text=_(
                "Hình thức khen thưởng, cơ quan được đề nghị và số lượng; "
                "đợt mới ở trạng thái đóng để rà soát."
            ),
            count=count_campaigns,
            note=_("Đợt khen thưởng sao chép đang đóng: hãy rà soát, đặt hạn mới rồi mở lại."),
            order=30,
        )
    )
    # After the events and programme slots, to link the new campaign to them.
    copying.register(copying.Contributor(key="awards", option=OPTION, copy=copy_campaigns, order=40))
