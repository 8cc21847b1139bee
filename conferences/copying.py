"""Copying a plan copies its events: participants and quotas, online sites,
delegations and their destinations, funding and budget lines (``plans.copying``)."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from plans import copying

from .models import Event

OPTION = "events"


def copy_events(context: copying.CopyContext) -> None:
    events = Event.objects.filter(plan=context.source).prefetch_related(
        "participant_groups__entries__agencies",
        "sites",
        "delegations__destinations",
        "funding_sources",
        "budget_items",
    )
    for old_event in events.order_by("position", "id"):
        event = context.clone(old_event, plan_id=context.new.pk)
        for old_group in old_event.participant_groups.all():
            group = context.clone(old_group, event_id=event.pk)
            for old_entry in old_group.entries.all():
                entry = context.clone(old_entry, group_id=group.pk)
                entry.agencies.set(old_entry.agencies.all())
        for old_site in old_event.sites.all():
            context.clone(old_site, event_id=event.pk, keep=("contact_phone",))
        for old_delegation in old_event.delegations.all():
            delegation = context.clone(old_delegation, event_id=event.pk)
            for old_destination in old_delegation.destinations.all():
                context.clone(old_destination, delegation_id=delegation.pk)
        for old_source in old_event.funding_sources.all():
            context.clone(old_source, event_id=event.pk)
        for old_item in old_event.budget_items.all():
            context.clone(old_item, event_id=event.pk)


def count_events(plan) -> int:
    return plan.events.aggregate(n=Count("pk"))["n"]


def register() -> None:
    copying.register_option(
        copying.CopyOption(
            key=OPTION,
            label=_("Sự kiện và chương trình"),
            help_text=_("Hội nghị, đoàn công tác với thành phần, điểm cầu, kinh phí và chương trình."),
            count=count_events,
            printed=True,
            order=10,
        )
    )
    copying.register(copying.Contributor(key="conferences", option=OPTION, copy=copy_events, order=10))
