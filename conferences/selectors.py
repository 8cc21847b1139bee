"""Reads of events shared by the pages, the printed blocks and the checks.

Everything an event shows is fetched once (``EVENT_PREFETCH``), so a page or
a printed plan costs the same number of queries whatever the number of
groups, sites, delegations or budget lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from plans.models import Plan

from .models import (
    BudgetItem,
    Delegation,
    Destination,
    Event,
    FundingSource,
    OnlineSite,
    ParticipantEntry,
    ParticipantGroup,
)


def event_prefetch(prefix: str = "") -> list[Prefetch]:
    """The prefetches of an event's rows; ``prefix`` "events__" from a plan."""
    return [
        Prefetch(
            f"{prefix}participant_groups",
            queryset=ParticipantGroup.objects.order_by("position", "id").prefetch_related(
                Prefetch(
                    "entries",
                    queryset=ParticipantEntry.objects.order_by("position", "id").prefetch_related("agencies"),
                )
            ),
        ),
        Prefetch(
            f"{prefix}sites", queryset=OnlineSite.objects.select_related("agency").order_by("position", "id")
        ),
        Prefetch(
            f"{prefix}delegations",
            queryset=Delegation.objects.order_by("position", "id").prefetch_related(
                Prefetch("destinations", queryset=Destination.objects.order_by("position", "id"))
            ),
        ),
        Prefetch(f"{prefix}funding_sources", queryset=FundingSource.objects.order_by("position", "id")),
        Prefetch(f"{prefix}budget_items", queryset=BudgetItem.objects.order_by("position", "id")),
    ]


def _events_queryset() -> QuerySet[Event]:
    return Event.objects.select_related("venue").order_by("position", "id")


_CACHE_ATTR = "_kh_conference_events"


def plan_events(plan: Plan) -> list[Event]:
    """The plan's events with all their rows, loaded once per plan instance
    (the printed blocks of one plan share them)."""
    cached = getattr(plan, _CACHE_ATTR, None)
    if cached is None:
        cached = list(_events_queryset().filter(plan=plan).prefetch_related(*event_prefetch()))
        setattr(plan, _CACHE_ATTR, cached)
    return cached


def event_list(plan: Plan) -> list[Event]:
    return list(_events_queryset().filter(plan=plan).prefetch_related(*event_prefetch()))


def event_detail(*, plan_pk: int, pk: int) -> Event:
    queryset = (
        Event.objects.select_related("venue", "plan", "plan__issuing_agency")
        .prefetch_related(*event_prefetch())
        .filter(plan_id=plan_pk)
    )
    return get_object_or_404(queryset, pk=pk)


# --------------------------------------------------------------------------- figures and checks


def budget_total(event: Event) -> int:
    return sum(item.amount for item in event.budget_items.all())


def quota_total(event: Event) -> int:
    """Sum over participant rows of quota × number of linked agencies (a row
    with a quota and no linked agency counts once)."""
    total = 0
    for group in event.participant_groups.all():
        for entry in group.entries.all():
            if entry.quota_per_agency:
                total += entry.quota_per_agency * max(1, len(entry.agencies.all()))
    return total


def sites_total(event: Event) -> int:
    return sum(site.expected_count or 0 for site in event.sites.all())


def delegations_total(event: Event) -> int:
    return sum(delegation.member_quota or 0 for delegation in event.delegations.all())


@dataclass(frozen=True)
class EventWarning:
    code: str
    message: str


def event_figures(event: Event) -> dict[str, Any]:
    return {
        "quota_total": quota_total(event),
        "expected_total": event.expected_total,
        "capacity": event.venue.capacity if event.venue_id and event.venue else None,
        "sites_total": sites_total(event),
        "delegations_total": delegations_total(event),
        "budget_total": budget_total(event),
    }


def event_warnings(event: Event) -> list[EventWarning]:
    """Where the quotas, the expected total, the venue's capacity, the sites'
    and delegations' counts disagree. Warnings, not errors: plans are drafted
    before every figure is known."""
    figures = event_figures(event)
    quotas = figures["quota_total"]
    expected = figures["expected_total"]
    capacity = figures["capacity"]
    warnings: list[EventWarning] = []
    if expected and quotas > expected:
        warnings.append(
            EventWarning(
                "quota_over_expected",
                _(
                    "Tổng số người theo định mức đăng ký (%(quotas)s) "
                    "vượt tổng số đại biểu dự kiến (%(expected)s)."
                )
                % {"quotas": quotas, "expected": expected},
            )
        )
    if capacity and expected and expected > capacity:
        warnings.append(
            EventWarning(
                "expected_over_capacity",
                _("Tổng số đại biểu dự kiến (%(expected)s) vượt sức chứa của %(venue)s (%(capacity)s chỗ).")
                % {"expected": expected, "venue": event.venue.name, "capacity": capacity},
            )
        )
    if capacity and quotas > capacity:
        warnings.append(
            EventWarning(
                "quota_over_capacity",
                _(
                    "Tổng số người theo định mức đăng ký (%(quotas)s) "
                    "vượt sức chứa của %(venue)s (%(capacity)s chỗ)."
                )
                % {"quotas": quotas, "venue": event.venue.name, "capacity": capacity},
            )
        )
    sites = figures["sites_total"]
    if expected and sites and sites != expected:
        warnings.append(
            EventWarning(
                "sites_differ",
                _(
                    "Tổng số người dự kiến tại các điểm cầu (%(sites)s) "
                    "khác tổng số đại biểu dự kiến (%(expected)s)."
                )
                % {"sites": sites, "expected": expected},
            )
        )
    delegations = figures["delegations_total"]
    if expected and delegations and delegations != expected:
        warnings.append(
            EventWarning(
                "delegations_differ",
                _("Tổng số thành viên các đoàn (%(members)s) khác tổng số đại biểu dự kiến (%(expected)s).")
                % {"members": delegations, "expected": expected},
            )
        )
    if event.is_online:
        mains = [site for site in event.sites.all() if site.is_main]
        if event.sites.all() and not mains:
            warnings.append(EventWarning("no_main_site", _("Chưa chọn điểm cầu chính.")))
    return warnings
