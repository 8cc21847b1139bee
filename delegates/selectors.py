"""Reads shared by the pages, the printed lists, Excel and the e-mails. Each
does its own select_related/prefetch so that a page's query count does not
grow with its rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Event
from documents.formatting import roman

from . import normalize
from .models import (
    AgencyRegistration,
    Delegate,
    RegistrationOpening,
    RegistrationSection,
    RegistrationStatus,
)


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    css: str


STATUSES = {
    "not_started": Status("not_started", _("Chưa đăng ký"), "secondary"),
    "draft": Status("draft", _("Đang soạn"), "info"),
    "submitted": Status("submitted", _("Đã gửi"), "success"),
    "late": Status("late", _("Quá hạn"), "danger"),
    "reopened": Status("reopened", _("Mở lại"), "warning"),
}


def display_status(registration: AgencyRegistration, now: datetime.datetime | None = None) -> Status:
    now = now or timezone.now()
    is_open = now < registration.deadline
    reopened = registration.deadline_override is not None and is_open
    if registration.status == RegistrationStatus.SUBMITTED:
        if reopened and registration.submitted_at and registration.reopened_at > registration.submitted_at:
            return STATUSES["reopened"]
        return STATUSES["submitted"]
    if not is_open:
        return STATUSES["late"]
    if reopened:
        return STATUSES["reopened"]
    return STATUSES["draft" if registration.status == RegistrationStatus.DRAFT else "not_started"]


def opening_detail(pk: int) -> RegistrationOpening:
    return (
        RegistrationOpening.objects.select_related(
            "event__plan__issuing_agency", "event__venue", "delegation", "site"
        )
        .prefetch_related("sections")
        .get(pk=pk)
    )


def event_openings(event: Event) -> list[RegistrationOpening]:
    return list(
        RegistrationOpening.objects.filter(event=event)
        .select_related("delegation", "site")
        .annotate(
            n_people=Count("delegates", distinct=True),
            n_agencies=Count("registrations", distinct=True),
        )
        .order_by("-created_at")
    )


@dataclass
class DashboardRow:
    registration: AgencyRegistration
    status: Status
    count: int
    quota: int | None

    @property
    def over_quota(self) -> bool:
        return self.quota is not None and self.count > self.quota


@dataclass
class Dashboard:
    opening: RegistrationOpening
    rows: list[DashboardRow]
    submitted_people: int = 0
    draft_people: int = 0
    quota_total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    section_counts: list[tuple[RegistrationSection, int]] = field(default_factory=list)

    @property
    def missing(self) -> list[DashboardRow]:
        return [row for row in self.rows if row.status.code in ("not_started", "draft", "late")]

    @property
    def expected_total(self) -> int | None:
        return self.opening.event.expected_total

    @property
    def free_seats(self) -> int | None:
        if self.opening.capacity is None:
            return None
        return max(self.opening.capacity - self.submitted_people, 0)


def dashboard(opening: RegistrationOpening) -> Dashboard:
    registrations = (
        AgencyRegistration.objects.filter(opening=opening)
        .select_related("agency", "opening")
        .annotate(n=Count("delegates"))
        .order_by("position", "id")
    )
    now = timezone.now()
    rows = [DashboardRow(r, display_status(r, now), r.n, r.quota) for r in registrations]
    board = Dashboard(opening=opening, rows=rows)
    for row in rows:
        if row.registration.status == RegistrationStatus.SUBMITTED:
            board.submitted_people += row.count
        else:
            board.draft_people += row.count
        board.quota_total += row.quota or 0
        board.by_status[row.status.code] = board.by_status.get(row.status.code, 0) + 1
    counts = dict(
        Delegate.objects.filter(opening=opening, registration__status=RegistrationStatus.SUBMITTED)
        .values_list("section")
        .annotate(n=Count("id"))
        .order_by()
    )
    board.section_counts = [(section, counts.get(section.pk, 0)) for section in opening.sections.all()]
    return board


def registration_people(registration: AgencyRegistration) -> list[Delegate]:
    """The agency's people in its own order."""
    return list(registration.delegates.select_related("section").order_by("position", "id"))


@dataclass
class Group:
    section: RegistrationSection | None
    label: str  # "I. TRONG TỈNH" or "" when the list has no sections
    people: list[Delegate]


def grouped_people(
    opening: RegistrationOpening, *, registration: AgencyRegistration | None = None
) -> list[Group]:
    """Delegates grouped by section (in section order), each group sorted the
    Vietnamese way; a list without sections is one unlabelled group. Only
    submitted lists count, unless one ``registration`` is asked for."""
    people = Delegate.objects.filter(opening=opening).select_related("registration__agency", "section")
    if registration is not None:
        people = people.filter(registration=registration)
    else:
        people = people.filter(registration__status=RegistrationStatus.SUBMITTED)
    by_section: dict[int | None, list[Delegate]] = {}
    for person in people:
        by_section.setdefault(person.section_id, []).append(person)
    sections = list(opening.sections.all())
    groups = []
    if not sections:
        everyone = [p for group in by_section.values() for p in group]
        return [Group(None, "", sorted(everyone, key=lambda p: normalize.name_sort_key(p.full_name)))]
    index = 0
    for section in sections:
        index += 1
        members = sorted(by_section.get(section.pk, []), key=lambda p: normalize.name_sort_key(p.full_name))
        groups.append(Group(section, f"{roman(index)}. {section.title.upper()}", members))
    leftover = by_section.get(None, [])
    if leftover:
        index += 1
        groups.append(
            Group(
                None,
                f"{roman(index)}. {_('KHÁC')}",
                sorted(leftover, key=lambda p: normalize.name_sort_key(p.full_name)),
            )
        )
    return groups


def suggested_invites(event: Event) -> list[tuple[object, int | None]]:
    """(agency, quota) from the event's participant rows that name agencies,
    in the order printed; an agency named twice keeps its first quota."""
    seen = {}
    groups = event.participant_groups.prefetch_related(
        Prefetch("entries__agencies"),
    ).order_by("position", "id")
    for group in groups:
        for entry in sorted(group.entries.all(), key=lambda e: (e.position, e.id)):
            for agency in entry.agencies.all():
                seen.setdefault(agency.pk, (agency, entry.quota_per_agency))
    return list(seen.values())


def agency_registrations(agency) -> list[AgencyRegistration]:
    """An agency's registrations still open or closed less than 30 days ago."""
    since = timezone.now() - datetime.timedelta(days=30)
    return list(
        AgencyRegistration.objects.filter(agency=agency)
        .filter(Q(opening__deadline__gte=since) | Q(deadline_override__gte=since))
        .select_related("opening__event")
        .annotate(n=Count("delegates"))
        .order_by("opening__deadline")
    )


def attendance(opening: RegistrationOpening) -> list[dict]:
    """Per agency: submitted people and how many are checked in."""
    rows = (
        AgencyRegistration.objects.filter(opening=opening, status=RegistrationStatus.SUBMITTED)
        .select_related("agency")
        .annotate(
            total=Count("delegates"),
            present=Count("delegates", filter=Q(delegates__checked_in_at__isnull=False)),
        )
        .order_by("position", "id")
    )
    return [{"agency": r.agency, "total": r.total, "present": r.present} for r in rows]
