"""Reads shared by the awards pages, exports and printed documents.

Each does its own select_related/prefetch so that a page's query count does
not grow with its rows. Agency-facing reads always filter on the agency.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from documents import formatting
from plans.models import Agency

from . import text
from .models import (
    AwardType,
    Campaign,
    CampaignAgency,
    Nomination,
    NominationAttachment,
    NominationStatus,
    NomineeKind,
)


def campaign_list() -> QuerySet[Campaign]:
    return (
        Campaign.objects.select_related("plan", "event")
        .annotate(
            nomination_count=Count("nominations", distinct=True),
            accepted_count=Count(
                "nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED), distinct=True
            ),
            agency_count=Count("invitations", distinct=True),
        )
        .order_by("-deadline", "-id")
    )


def campaign_detail(pk: int) -> Campaign:
    return (
        Campaign.objects.select_related("plan__issuing_agency", "event", "announce_slot")
        .prefetch_related("award_types")
        .get(pk=pk)
    )


def campaigns_for_agency(agency: Agency, *, now: datetime.datetime | None = None) -> list[Campaign]:
    """Campaigns the agency is invited to, open ones first, with its own count."""
    now = now or timezone.now()
    campaigns = list(
        Campaign.objects.filter(invitations__agency=agency)
        .select_related("plan")
        .annotate(
            own_count=Count("nominations", filter=Q(nominations__agency=agency), distinct=True),
        )
        .order_by("-deadline", "-id")
    )
    quotas = dict(
        CampaignAgency.objects.filter(agency=agency, campaign__in=campaigns).values_list(
            "campaign_id", "quota"
        )
    )
    for campaign in campaigns:
        campaign.own_quota = quotas.get(campaign.pk)
        campaign.open_now = campaign.is_open(now)
    campaigns.sort(key=lambda c: (not c.open_now, c.deadline if c.open_now else -c.deadline.timestamp()))
    return campaigns


def open_campaigns_for_agency(agency: Agency, *, now: datetime.datetime | None = None) -> list[Campaign]:
    return [campaign for campaign in campaigns_for_agency(agency, now=now) if campaign.open_now]


def nominations(campaign: Campaign, *, agency: Agency | None = None) -> QuerySet[Nomination]:
    queryset = Nomination.objects.filter(campaign=campaign)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return queryset.select_related("agency", "award_type", "proposed_award_type").prefetch_related(
        Prefetch("attachments", queryset=NominationAttachment.objects.order_by("uploaded_at", "id"))
    )


def invitations(campaign: Campaign) -> list[CampaignAgency]:
    rows = list(CampaignAgency.objects.filter(campaign=campaign).select_related("agency"))
    counts = dict(
        Nomination.objects.filter(campaign=campaign)
        .exclude(status=NominationStatus.REJECTED)
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    for row in rows:
        row.used = counts.get(row.agency_id, 0)
    return rows


# --------------------------------------------------------------------------- the awardees list


@dataclass
class Awardee:
    nomination: Nomination
    number: int
    name: str
    detail: str
    amount: int


@dataclass
class AwardGroup:
    award_type: AwardType
    collectives: list[Awardee] = field(default_factory=list)
    individuals: list[Awardee] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(a.amount for a in self.collectives + self.individuals)

    @property
    def count_text(self) -> str:
        return count_text(len(self.collectives), len(self.individuals))


def count_text(collectives: int, individuals: int, *, joiner: str = " và ") -> str:
    """ "07 tập thể và 02 cá nhân"; a part that is zero is left out."""
    parts = []
    if collectives:
        parts.append(f"{formatting.two_digits(collectives)} tập thể")
    if individuals:
        parts.append(f"{formatting.two_digits(individuals)} cá nhân")
    return joiner.join(parts)


@dataclass
class AwardList:
    groups: list[AwardGroup]

    @property
    def awards(self) -> int:
        """Awards given: a person with two awards counts twice."""
        return sum(len(g.collectives) + len(g.individuals) for g in self.groups)

    def _distinct(self, kind: str) -> int:
        return len(
            {
                (a.nomination.name_key, a.nomination.unit_key)
                for g in self.groups
                for a in (g.collectives if kind == NomineeKind.COLLECTIVE else g.individuals)
            }
        )

    @property
    def collectives(self) -> int:
        """Collectives awarded, each counted once however many awards it receives."""
        return self._distinct(NomineeKind.COLLECTIVE)

    @property
    def individuals(self) -> int:
        return self._distinct(NomineeKind.INDIVIDUAL)

    @property
    def awardees(self) -> int:
        return self.collectives + self.individuals

    @property
    def amount(self) -> int:
        return sum(g.amount for g in self.groups)

    @property
    def has_amounts(self) -> bool:
        return any(a.amount for g in self.groups for a in g.collectives + g.individuals)


def individual_detail(nomination: Nomination) -> str:
    return ", ".join(part for part in (nomination.position, nomination.unit) if part)


def award_list(campaign: Campaign, *, award_type_ids: set[int] | None = None) -> AwardList:
    """Accepted nominations grouped by award type (in the types' order), then
    collectives before individuals, each Vietnamese-sorted (people by given name)."""
    accepted = list(
        Nomination.objects.filter(campaign=campaign, status=NominationStatus.ACCEPTED).select_related(
            "award_type", "agency"
        )
    )
    if award_type_ids is not None:
        accepted = [n for n in accepted if n.award_type_id in award_type_ids]
    by_type: dict[int, AwardGroup] = {}
    for nomination in accepted:
        group = by_type.setdefault(nomination.award_type_id, AwardGroup(nomination.award_type))
        (group.collectives if nomination.is_collective else group.individuals).append(nomination)
    groups = sorted(by_type.values(), key=lambda g: (g.award_type.position, g.award_type.name))
    for group in groups:
        collectives = sorted(
            group.collectives, key=lambda n: (text.vietnamese_key(n.name), text.vietnamese_key(n.unit))
        )
        individuals = sorted(
            group.individuals, key=lambda n: (text.person_sort_key(n.name), text.vietnamese_key(n.unit))
        )
        group.collectives = [
            Awardee(n, i, n.name, n.unit, group.award_type.amount_for(n.kind))
            for i, n in enumerate(collectives, start=1)
        ]
        group.individuals = [
            Awardee(n, i, n.name, individual_detail(n), group.award_type.amount_for(n.kind))
            for i, n in enumerate(individuals, start=1)
        ]
    return AwardList(groups)
