"""Every write to events and their rows.

Views, forms, admin and the demo loader call these; none of them saves the
models directly. An issued plan's events are frozen with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from plans.models import Agency, Plan
from plans.services import ensure_editable

from .models import (
    BudgetItem,
    Delegation,
    Destination,
    Event,
    EventKind,
    FundingSource,
    OnlineSite,
    ParticipantEntry,
    ParticipantGroup,
    SiteLevel,
    Venue,
)

Direction = Literal["up", "down"]

EVENT_FIELDS = (
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
GROUP_FIELDS = ("kind", "heading")
ENTRY_FIELDS = ("text", "quota_per_agency", "quota_note")
SITE_FIELDS = (
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
DELEGATION_FIELDS = ("name", "head", "members", "member_quota", "transport", "notes")
DESTINATION_FIELDS = ("place", "inside_province", "host", "date_text", "start_date", "end_date")
FUNDING_FIELDS = ("text",)
BUDGET_FIELDS = ("description", "unit", "quantity", "unit_price", "note")
VENUE_FIELDS = ("name", "address", "capacity", "hired", "notes")


# --------------------------------------------------------------------------- helpers


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    changed = []
    for name in allowed:
        if name in data and getattr(instance, name, None) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def _next_position(queryset: models.QuerySet) -> int:
    current = queryset.aggregate(m=Max("position"))["m"]
    return 0 if current is None else current + 1


def _renumber(items: list) -> None:
    changed = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            changed.append(item)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def _move(item, siblings: models.QuerySet, direction: Direction) -> None:
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    rows = list(siblings.order_by("position", "id"))
    index = next(i for i, other in enumerate(rows) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows)


def _plan_of(event: Event) -> Plan:
    return Plan.objects.only("pk", "status").get(pk=event.plan_id)


def _check_dates(start, end) -> None:
    if start and end and end < start:
        raise ValidationError(
            {"end_date": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")}, code="end_before_start"
        )


# --------------------------------------------------------------------------- venues


def venue_create(*, data: Mapping[str, Any]) -> Venue:
    venue = Venue()
    _apply(venue, data, VENUE_FIELDS)
    venue.full_clean()
    venue.save()
    return venue


def venue_update(*, venue: Venue, data: Mapping[str, Any]) -> Venue:
    if _apply(venue, data, VENUE_FIELDS):
        venue.full_clean()
        venue.save()
    return venue


# --------------------------------------------------------------------------- events


@transaction.atomic
def event_create(*, plan: Plan, data: Mapping[str, Any]) -> Event:
    ensure_editable(plan)
    event = Event(plan=plan, position=_next_position(Event.objects.filter(plan=plan)))
    _apply(event, data, EVENT_FIELDS)
    _check_dates(event.start_date, event.end_date)
    event.save()
    return event


def event_update(*, event: Event, data: Mapping[str, Any]) -> Event:
    ensure_editable(_plan_of(event))
    changed = _apply(event, data, EVENT_FIELDS)
    _check_dates(event.start_date, event.end_date)
    if changed:
        event.save()
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    # Atomic of its own: an issued invitation refuses its deletion half-way
    # through the cascade, and the caller's transaction must stay usable.
    ensure_editable(_plan_of(event))
    event.delete()


def event_move(*, event: Event, direction: Direction) -> None:
    ensure_editable(_plan_of(event))
    _move(event, Event.objects.filter(plan_id=event.plan_id), direction)


# --------------------------------------------------------------------------- participants


def group_create(*, event: Event, data: Mapping[str, Any]) -> ParticipantGroup:
    ensure_editable(_plan_of(event))
    group = ParticipantGroup(
        event=event, position=_next_position(ParticipantGroup.objects.filter(event=event))
    )
    _apply(group, data, GROUP_FIELDS)
    group.save()
    return group


def group_update(*, group: ParticipantGroup, data: Mapping[str, Any]) -> ParticipantGroup:
    ensure_editable(_plan_of(group.event))
    if _apply(group, data, GROUP_FIELDS):
        group.save()
    return group


def group_delete(*, group: ParticipantGroup) -> None:
    ensure_editable(_plan_of(group.event))
    group.delete()


def group_move(*, group: ParticipantGroup, direction: Direction) -> None:
    ensure_editable(_plan_of(group.event))
    _move(group, ParticipantGroup.objects.filter(event_id=group.event_id), direction)


@transaction.atomic
def entry_create(
    *, group: ParticipantGroup, data: Mapping[str, Any], agencies: Iterable[Agency] | None = None
) -> ParticipantEntry:
    ensure_editable(_plan_of(group.event))
    entry = ParticipantEntry(
        group=group, position=_next_position(ParticipantEntry.objects.filter(group=group))
    )
    _apply(entry, data, ENTRY_FIELDS)
    entry.save()
    if agencies is not None:
        entry.agencies.set(agencies)
    return entry


@transaction.atomic
def entry_update(
    *, entry: ParticipantEntry, data: Mapping[str, Any], agencies: Iterable[Agency] | None = None
) -> ParticipantEntry:
    ensure_editable(_plan_of(entry.group.event))
    if _apply(entry, data, ENTRY_FIELDS):
        entry.save()
    if agencies is not None:
        entry.agencies.set(agencies)
    return entry


def entry_delete(*, entry: ParticipantEntry) -> None:
    ensure_editable(_plan_of(entry.group.event))
    entry.delete()


def entry_move(*, entry: ParticipantEntry, direction: Direction) -> None:
    ensure_editable(_plan_of(entry.group.event))
    _move(entry, ParticipantEntry.objects.filter(group_id=entry.group_id), direction)


# --------------------------------------------------------------------------- online sites


def _check_online(event: Event) -> None:
    if event.kind != EventKind.ONLINE:
        raise ValidationError(_("Chỉ hội nghị trực tuyến mới có điểm cầu."), code="not_online")


def _clear_other_main(event: Event, keep: OnlineSite | None) -> None:
    others = OnlineSite.objects.filter(event=event, is_main=True)
    if keep is not None and keep.pk:
        others = others.exclude(pk=keep.pk)
    others.update(is_main=False)


@transaction.atomic
def site_create(*, event: Event, data: Mapping[str, Any]) -> OnlineSite:
    ensure_editable(_plan_of(event))
    _check_online(event)
    site = OnlineSite(event=event, position=_next_position(OnlineSite.objects.filter(event=event)))
    _apply(site, data, SITE_FIELDS)
    if site.is_main:
        _clear_other_main(event, None)
    site.save()
    return site


@transaction.atomic
def sites_create(*, event: Event, rows: Iterable[Mapping[str, Any]]) -> list[OnlineSite]:
    """Several sites at once (the multi-row form): all or none."""
    return [site_create(event=event, data=row) for row in rows]


@transaction.atomic
def site_update(*, site: OnlineSite, data: Mapping[str, Any]) -> OnlineSite:
    ensure_editable(_plan_of(site.event))
    if _apply(site, data, SITE_FIELDS):
        if site.is_main:
            _clear_other_main(site.event, site)
        site.save()
    return site


def site_delete(*, site: OnlineSite) -> None:
    ensure_editable(_plan_of(site.event))
    site.delete()


def site_move(*, site: OnlineSite, direction: Direction) -> None:
    ensure_editable(_plan_of(site.event))
    _move(site, OnlineSite.objects.filter(event_id=site.event_id), direction)


SITE_LEVEL_BY_KIND = {
    "ubnd-tinh": SiteLevel.PROVINCE,
    "ubnd-huyen": SiteLevel.DISTRICT,
    "ubnd-xa": SiteLevel.COMMUNE,
}


def site_name_for(agency: Agency) -> str:
    """ "Ủy ban nhân dân huyện Cam Lâm" -> "UBND huyện Cam Lâm" (as plans write a site)."""
    name = agency.name
    for long in ("Ủy ban nhân dân", "Uỷ ban nhân dân"):
        if name.startswith(long):
            return "UBND" + name[len(long) :]
    return name


@transaction.atomic
def sites_add_agencies(
    *, event: Event, agencies: Iterable[Agency], defaults: Mapping[str, Any] | None = None
) -> list[OnlineSite]:
    """One site per agency (e.g. every UBND cấp huyện of the directory), in
    directory order; agencies that already have a site are skipped."""
    ensure_editable(_plan_of(event))
    _check_online(event)
    existing = set(
        OnlineSite.objects.filter(event=event, agency__isnull=False).values_list("agency_id", flat=True)
    )
    position = _next_position(OnlineSite.objects.filter(event=event))
    created = []
    for agency in agencies:
        if agency.pk in existing:
            continue
        site = OnlineSite(
            event=event,
            position=position,
            agency=agency,
            name=site_name_for(agency),
            level=SITE_LEVEL_BY_KIND.get(agency.kind.code, SiteLevel.DISTRICT),
        )
        _apply(site, dict(defaults or {}), ("room", "participants", "expected_count"))
        created.append(site)
        position += 1
    OnlineSite.objects.bulk_create(created)
    return created


# --------------------------------------------------------------------------- delegations


def _check_study_tour(event: Event) -> None:
    if event.kind != EventKind.STUDY_TOUR:
        raise ValidationError(
            _("Chỉ chuyến học tập kinh nghiệm mới có đoàn công tác."), code="not_study_tour"
        )


def delegation_create(*, event: Event, data: Mapping[str, Any]) -> Delegation:
    ensure_editable(_plan_of(event))
    _check_study_tour(event)
    delegation = Delegation(event=event, position=_next_position(Delegation.objects.filter(event=event)))
    _apply(delegation, data, DELEGATION_FIELDS)
    delegation.save()
    return delegation


def delegation_update(*, delegation: Delegation, data: Mapping[str, Any]) -> Delegation:
    ensure_editable(_plan_of(delegation.event))
    if _apply(delegation, data, DELEGATION_FIELDS):
        delegation.save()
    return delegation


def delegation_delete(*, delegation: Delegation) -> None:
    ensure_editable(_plan_of(delegation.event))
    delegation.delete()


def delegation_move(*, delegation: Delegation, direction: Direction) -> None:
    ensure_editable(_plan_of(delegation.event))
    _move(delegation, Delegation.objects.filter(event_id=delegation.event_id), direction)


def destination_create(*, delegation: Delegation, data: Mapping[str, Any]) -> Destination:
    ensure_editable(_plan_of(delegation.event))
    destination = Destination(
        delegation=delegation, position=_next_position(Destination.objects.filter(delegation=delegation))
    )
    _apply(destination, data, DESTINATION_FIELDS)
    _check_dates(destination.start_date, destination.end_date)
    destination.save()
    return destination


def destination_update(*, destination: Destination, data: Mapping[str, Any]) -> Destination:
    ensure_editable(_plan_of(destination.delegation.event))
    changed = _apply(destination, data, DESTINATION_FIELDS)
    _check_dates(destination.start_date, destination.end_date)
    if changed:
        destination.save()
    return destination


def destination_delete(*, destination: Destination) -> None:
    ensure_editable(_plan_of(destination.delegation.event))
    destination.delete()


def destination_move(*, destination: Destination, direction: Direction) -> None:
    ensure_editable(_plan_of(destination.delegation.event))
    _move(destination, Destination.objects.filter(delegation_id=destination.delegation_id), direction)


# --------------------------------------------------------------------------- budget


def funding_create(*, event: Event, data: Mapping[str, Any]) -> FundingSource:
    ensure_editable(_plan_of(event))
    source = FundingSource(event=event, position=_next_position(FundingSource.objects.filter(event=event)))
    _apply(source, data, FUNDING_FIELDS)
    source.save()
    return source


def funding_update(*, source: FundingSource, data: Mapping[str, Any]) -> FundingSource:
    ensure_editable(_plan_of(source.event))
    if _apply(source, data, FUNDING_FIELDS):
        source.save()
    return source


def funding_delete(*, source: FundingSource) -> None:
    ensure_editable(_plan_of(source.event))
    source.delete()


def funding_move(*, source: FundingSource, direction: Direction) -> None:
    ensure_editable(_plan_of(source.event))
    _move(source, FundingSource.objects.filter(event_id=source.event_id), direction)


def _check_budget(item: BudgetItem) -> None:
    if item.quantity is not None and item.quantity < 0:
        raise ValidationError({"quantity": _("Số lượng không được âm.")}, code="negative_quantity")


def budget_item_create(*, event: Event, data: Mapping[str, Any]) -> BudgetItem:
    ensure_editable(_plan_of(event))
    item = BudgetItem(event=event, position=_next_position(BudgetItem.objects.filter(event=event)))
    _apply(item, data, BUDGET_FIELDS)
    _check_budget(item)
    item.save()
    return item


def budget_item_update(*, item: BudgetItem, data: Mapping[str, Any]) -> BudgetItem:
    ensure_editable(_plan_of(item.event))
    changed = _apply(item, data, BUDGET_FIELDS)
    _check_budget(item)
    if changed:
        item.save()
    return item


def budget_item_delete(*, item: BudgetItem) -> None:
    ensure_editable(_plan_of(item.event))
    item.delete()


def budget_item_move(*, item: BudgetItem, direction: Direction) -> None:
    ensure_editable(_plan_of(item.event))
    _move(item, BudgetItem.objects.filter(event_id=item.event_id), direction)
