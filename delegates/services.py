"""Writes of the delegates app: opening registration, saving and submitting
an agency's list, reopening, moving people, check-in, e-mails.

Concurrency: an agency's list is written under its registration's row lock
(``select_for_update``). Whenever the write can change what counts against a
quota or the capacity (a submit, or any change to an already submitted
list), the opening's row is locked last, just before the limits are
counted, and held to the commit: the checks of one opening run one after the
other, each sees every list committed before it (PostgreSQL's READ COMMITTED
reads committed rows per statement), and a refused submit rolls back
everything it wrote. Writing the rows themselves runs in parallel across
agencies. Lock order everywhere: registrations (by primary key), then the
opening. Drafts lock
only their own registration and count for nothing. The same person twice is
also refused by a unique constraint (opening, name key, phone).
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Event
from documents.language import in_document_language
from plans.models import Agency

from . import normalize
from .models import (
    AgencyRegistration,
    ChangeAction,
    Delegate,
    RegistrationChange,
    RegistrationOpening,
    RegistrationSection,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
)

logger = logging.getLogger(__name__)

# Days before the deadline of the first reminder (the second is one day before).
REMINDER_DAYS = getattr(settings, "KEHOACH_REMINDER_DAYS", 3)

PERSON_FIELDS = ("full_name", "title", "unit", "phone", "email", "note", "section_id")


@dataclass
class Actor:
    """Who makes a change: a user (staff or agency account) or a link holder."""

    user: Any = None
    label: str = ""
    staff: bool = False

    @classmethod
    def of_user(cls, user, *, staff: bool = False) -> Actor:
        return cls(user=user, label=user.get_full_name() or user.get_username(), staff=staff)


@dataclass
class PersonRow:
    """One row of the form, already cleaned (phone as E.164)."""

    full_name: str
    phone: str
    title: str = ""
    unit: str = ""
    email: str = ""
    note: str = ""
    section_id: int | None = None
    id: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return normalize.name_key(self.full_name), self.phone


class RegistrationError(ValidationError):
    """A refused save: messages for the whole list and per row (row index ->
    field -> message), so that a view can show them next to the fields."""

    def __init__(self, messages: list[str], row_errors: dict[int, dict[str, str]] | None = None):
        self.row_errors = row_errors or {}
        super().__init__(messages or [_("Danh sách có lỗi, vui lòng xem các dòng được đánh dấu.")])


# --------------------------------------------------------------------------- opening


@dataclass
class SectionSpec:
    title: str
    quota_per_agency: int | None = None
    capacity: int | None = None


@dataclass
class Invite:
    agency: Agency
    quota: int | None = None


def default_link_expiry(opening: RegistrationOpening) -> datetime.datetime:
    """Links expire the day after the event (its last day if known), else a
    month after the deadline."""
    event = opening.event
    day = event.end_date or event.start_date
    tz = timezone.get_current_timezone()
    if day is not None:
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(23, 59), tzinfo=tz)
        return max(end, opening.deadline + datetime.timedelta(days=1))
    return opening.deadline + datetime.timedelta(days=30)


@transaction.atomic
def opening_create(
    *,
    event: Event,
    user=None,
    title: str,
    deadline: datetime.datetime,
    capacity: int | None = None,
    ask_email: bool = True,
    ask_note: bool = True,
    instructions: str = "",
    sections: list[SectionSpec] | None = None,
    invites: list[Invite] | None = None,
    delegation=None,
    site=None,
) -> RegistrationOpening:
    if delegation is not None and delegation.event_id != event.pk:
        raise ValidationError(_("Đoàn công tác không thuộc sự kiện này."))
    if site is not None and site.event_id != event.pk:
        raise ValidationError(_("Điểm cầu không thuộc sự kiện này."))
    opening = RegistrationOpening.objects.create(
        event=event,
        delegation=delegation,
        site=site,
        title=normalize.clean_line(title),
        deadline=deadline,
        capacity=capacity,
        ask_email=ask_email,
        ask_note=ask_note,
        instructions=instructions.strip(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for position, spec in enumerate(sections or []):
        RegistrationSection.objects.create(
            opening=opening,
            position=position,
            title=normalize.clean_line(spec.title),
            quota_per_agency=spec.quota_per_agency,
            capacity=spec.capacity,
        )
    seen = set()
    for position, invite in enumerate(invites or []):
        if invite.agency.pk in seen:
            continue
        seen.add(invite.agency.pk)
        AgencyRegistration.objects.create(
            opening=opening,
            agency=invite.agency,
            position=position,
            quota=invite.quota,
            contact_email=invite.agency.email,
        )
    return opening


def opening_update(*, opening: RegistrationOpening, data: dict[str, Any]) -> RegistrationOpening:
    for name in ("title", "deadline", "capacity", "ask_email", "ask_note", "instructions"):
        if name in data:
            setattr(opening, name, data[name])
    opening.save()
    return opening


@transaction.atomic
def registration_invite(
    *, opening: RegistrationOpening, agency: Agency, quota: int | None
) -> AgencyRegistration:
    """Invite one more agency, or change an invited agency's quota."""
    registration, created = AgencyRegistration.objects.get_or_create(
        opening=opening,
        agency=agency,
        defaults={
            "quota": quota,
            "contact_email": agency.email,
            "position": (opening.registrations.aggregate(m=Max("position"))["m"] or 0) + 1,
        },
    )
    if not created and registration.quota != quota:
        registration.quota = quota
        registration.save(update_fields=["quota", "updated_at"])
    return registration


# --------------------------------------------------------------------------- saving a list


def _log(registration, action: str, actor: Actor, name: str = "", **details) -> None:
    RegistrationChange.objects.create(
        registration=registration,
        action=action,
        delegate_name=name,
        details=details,
        actor=actor.user if getattr(actor.user, "is_authenticated", False) else None,
        actor_label=actor.label or "?",
    )


def _snapshot(delegate: Delegate) -> dict[str, Any]:
    return {name: getattr(delegate, name) for name in PERSON_FIELDS}


def _within_list_duplicates(rows: list[PersonRow]) -> dict[int, dict[str, str]]:
    errors: dict[int, dict[str, str]] = {}
    first: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        if row.key in first:
            errors[index] = {
                "full_name": _("Trùng với dòng %(row)d: cùng họ tên và số điện thoại.")
                % {"row": first[row.key] + 1}
            }
        else:
            first[row.key] = index
    return errors


def _other_agency_duplicates(
    registration: AgencyRegistration, rows: list[PersonRow], *, staff: bool
) -> dict[int, dict[str, str]]:
    keys = {row.key for row in rows}
    if not keys:
        return {}
    taken = {
        (d.name_key, d.phone): d
        for d in Delegate.objects.filter(
            opening_id=registration.opening_id,
            name_key__in=[k[0] for k in keys],
            phone__in=[k[1] for k in keys],
        )
        .exclude(registration=registration)
        .select_related("registration__agency")
    }
    errors = {}
    for index, row in enumerate(rows):
        other = taken.get(row.key)
        if other is None:
            continue
        if staff:
            message = _("Người này (cùng họ tên và số điện thoại) đã được %(agency)s đăng ký.") % {
                "agency": other.registration.agency.name
            }
        else:
            # An agency is not told which other agency registered the person.
            message = _(
                "Người này (cùng họ tên và số điện thoại) đã được một cơ quan khác đăng ký. "
                "Vui lòng liên hệ Sở Nội vụ nếu cần điều chỉnh."
            )
        errors[index] = {"full_name": message}
    return errors


def check_limits(registration: AgencyRegistration, *, submitted: bool) -> list[str]:
    """What a list breaks of its quotas and of the opening's capacity, as the
    rows are now in this transaction (call under the opening's lock)."""
    opening = registration.opening
    problems = []
    own = list(Delegate.objects.filter(registration=registration).values_list("section_id", flat=True))
    if registration.quota is not None and len(own) > registration.quota:
        problems.append(
            _("Cơ quan được đăng ký tối đa %(quota)d người; danh sách có %(count)d người.")
            % {"quota": registration.quota, "count": len(own)}
        )
    sections = {s.pk: s for s in opening.sections.all()}
    for section_id, count in Counter(own).items():
        section = sections.get(section_id)
        if section is not None and section.quota_per_agency is not None and count > section.quota_per_agency:
            problems.append(
                _("Phần «%(section)s»: tối đa %(quota)d người mỗi cơ quan; danh sách có %(count)d người.")
                % {"section": section.title, "quota": section.quota_per_agency, "count": count}
            )
    if not submitted:
        return problems
    counted = Delegate.objects.filter(
        Q(registration__status=RegistrationStatus.SUBMITTED) | Q(registration=registration), opening=opening
    )
    if opening.capacity is not None:
        total = counted.count()
        if total > opening.capacity:
            free = opening.capacity - (total - len(own))
            problems.append(
                _(
                    "Đã hết chỗ: sức chứa %(capacity)d người, chỉ còn %(free)d chỗ "
                    "cho danh sách %(count)d người."
                )
                % {"capacity": opening.capacity, "free": max(free, 0), "count": len(own)}
            )
    capped = [s for s in sections.values() if s.capacity is not None]
    if capped:
        per_section = dict(
            counted.filter(section__in=capped).values_list("section").annotate(n=Count("id")).order_by()
        )
        for section in capped:
            if per_section.get(section.pk, 0) > section.capacity:
                problems.append(
                    _("Phần «%(section)s» đã đủ %(capacity)d người.")
                    % {"section": section.title, "capacity": section.capacity}
                )
    return problems


@dataclass
class SaveResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    submitted: bool = False
    warnings: list[str] = field(default_factory=list)


def _lock(registration: AgencyRegistration) -> AgencyRegistration:
    return (
        AgencyRegistration.objects.select_for_update()
        .select_related("opening", "agency")
        .get(pk=registration.pk)
    )


def _lock_opening(opening_id: int) -> None:
    """Serialise the limit checks of one opening (see the module docstring)."""
    RegistrationOpening.objects.select_for_update().only("pk").get(pk=opening_id)


def registration_save(
    *, registration: AgencyRegistration, rows: list[PersonRow], actor: Actor, submit: bool = False
) -> SaveResult:
    """Make the registration's list equal to ``rows`` (rows with an id edit
    that person, rows without add one, people missing are removed), log every
    change, and submit it if asked. Raises RegistrationError; then nothing
    was written."""
    row_errors = _within_list_duplicates(rows)
    if row_errors:
        raise RegistrationError([], row_errors)
    try:
        with transaction.atomic():
            current = AgencyRegistration.objects.only("status").get(pk=registration.pk)
            counts = submit or current.status == RegistrationStatus.SUBMITTED
            locked = _lock(registration)
            return _apply(locked, rows, actor, submit=submit, counts=counts)
    except IntegrityError as error:
        # Another agency registered the same person between our check and write.
        raise RegistrationError(
            [_("Một người trong danh sách vừa được cơ quan khác đăng ký (cùng họ tên và số điện thoại).")]
        ) from error


def _apply(
    registration: AgencyRegistration, rows: list[PersonRow], actor: Actor, *, submit: bool, counts: bool
):
    opening = registration.opening
    if not actor.staff and not registration.is_open():
        raise RegistrationError([_("Đã hết hạn đăng ký; danh sách không thay đổi được nữa.")])
    sections = {s.pk: s for s in opening.sections.all()}
    existing = {d.pk: d for d in Delegate.objects.filter(registration=registration)}
    errors: dict[int, dict[str, str]] = {}
    for index, row in enumerate(rows):
        if row.id is not None and row.id not in existing:
            # Never another registration's person, whatever the form says.
            errors[index] = {"full_name": _("Dòng này không thuộc danh sách của cơ quan.")}
        if row.section_id is not None and row.section_id not in sections:
            errors.setdefault(index, {})["section_id"] = _("Phần không có trong đợt đăng ký này.")
        if sections and row.section_id is None:
            errors.setdefault(index, {})["section_id"] = _("Vui lòng chọn phần.")
    errors.update(_other_agency_duplicates(registration, rows, staff=actor.staff))
    if errors:
        raise RegistrationError([], errors)

    result = SaveResult()
    kept = {row.id for row in rows if row.id is not None}
    removed = [d for pk, d in existing.items() if pk not in kept]
    for delegate in removed:
        _log(registration, ChangeAction.REMOVE, actor, delegate.full_name, before=_snapshot(delegate))
        result.removed += 1
    Delegate.objects.filter(pk__in=[d.pk for d in removed]).delete()
    # Edits first free their old (name, phone) before an added row may take it.
    updated = []
    for position, row in enumerate(rows):
        if row.id is None:
            continue
        delegate = existing[row.id]
        before = _snapshot(delegate)
        new_key = normalize.name_key(row.full_name)
        substitute = new_key != delegate.name_key and registration.status == RegistrationStatus.SUBMITTED
        for name in PERSON_FIELDS:
            setattr(delegate, name, getattr(row, name))
        delegate.name_key = new_key
        if substitute:
            delegate.replaced_name = before["full_name"]
        after = _snapshot(delegate)
        if after != before or delegate.position != position:
            delegate.position = position
            updated.append(delegate)
            if after != before:
                action = ChangeAction.SUBSTITUTE if substitute else ChangeAction.EDIT
                _log(registration, action, actor, delegate.full_name, before=before, after=after)
                result.changed += 1
    # Two rows may swap people: clear keys first so the constraint sees the end state.
    if updated:
        Delegate.objects.filter(pk__in=[d.pk for d in updated]).update(name_key="", phone="")
        for delegate in updated:
            delegate.save()
    for position, row in enumerate(rows):
        if row.id is not None:
            continue
        delegate = Delegate(
            opening=opening,
            registration=registration,
            position=position,
            name_key=normalize.name_key(row.full_name),
            **{name: getattr(row, name) for name in PERSON_FIELDS},
        )
        delegate.save()
        _log(registration, ChangeAction.ADD, actor, delegate.full_name, after=_snapshot(delegate))
        result.added += 1

    now_submitted = submit or registration.status == RegistrationStatus.SUBMITTED
    if counts:
        _lock_opening(opening.pk)
        problems = check_limits(registration, submitted=now_submitted)
        if problems:
            raise RegistrationError(problems)
    else:
        result.warnings = check_limits(registration, submitted=False)
    if submit:
        if not rows:
            raise RegistrationError([_("Danh sách chưa có ai; vui lòng thêm người trước khi gửi.")])
        registration.status = RegistrationStatus.SUBMITTED
        registration.submitted_at = timezone.now()
        _log(registration, ChangeAction.SUBMIT, actor, count=len(rows))
        result.submitted = True
        registration_id = registration.pk
        transaction.on_commit(lambda: _enqueue_confirmation(registration_id))
    elif registration.status == RegistrationStatus.NOT_STARTED and rows:
        registration.status = RegistrationStatus.DRAFT
    registration.save(update_fields=["status", "submitted_at", "updated_at"])
    return result


def _enqueue_confirmation(registration_id: int) -> None:
    from .tasks import task_send_confirmation

    try:
        task_send_confirmation.delay(registration_id=registration_id)
    except Exception:  # the list is saved; a broker outage must not turn that into an error page
        logger.exception("could not enqueue the confirmation of registration %s", registration_id)


def registration_set_contact(*, registration: AgencyRegistration, name: str, phone: str, email: str) -> None:
    registration.contact_name = normalize.clean_name(name)
    registration.contact_phone = phone
    registration.contact_email = email
    registration.save(update_fields=["contact_name", "contact_phone", "contact_email", "updated_at"])


@transaction.atomic
def registration_reopen(
    *, registration: AgencyRegistration, deadline: datetime.datetime, actor: Actor
) -> None:
    """The Sở reopens one agency's list until ``deadline``."""
    if deadline <= timezone.now():
        raise ValidationError(_("Hạn mới phải sau thời điểm hiện tại."), code="past")
    registration = _lock(registration)
    registration.deadline_override = deadline
    registration.reopened_at = timezone.now()
    registration.save(update_fields=["deadline_override", "reopened_at", "updated_at"])
    _log(registration, ChangeAction.REOPEN, actor, deadline=deadline.isoformat())


def registration_close(*, registration: AgencyRegistration, actor: Actor) -> None:
    """End a reopening: back to the opening's deadline."""
    registration.deadline_override = None
    registration.save(update_fields=["deadline_override", "updated_at"])


@transaction.atomic
def delegate_move(
    *, delegate: Delegate, registration: AgencyRegistration, section: RegistrationSection | None, actor: Actor
) -> None:
    """Staff move a person to another section and/or another agency's list."""
    if registration.opening_id != delegate.opening_id:
        raise ValidationError(_("Chỉ chuyển được trong cùng đợt đăng ký."))
    if section is not None and section.opening_id != delegate.opening_id:
        raise ValidationError(_("Phần không có trong đợt đăng ký này."))
    # Registrations first, by primary key, then the opening (the module's lock order).
    for pk in sorted({delegate.registration_id, registration.pk}):
        AgencyRegistration.objects.select_for_update().only("pk").get(pk=pk)
    _lock_opening(delegate.opening_id)
    source = delegate.registration
    before = _snapshot(delegate) | {"agency": source.agency.name}
    delegate.registration = registration
    delegate.section = section
    delegate.save(update_fields=["registration", "section", "updated_at"])
    target = AgencyRegistration.objects.select_related("opening").get(pk=registration.pk)
    problems = check_limits(target, submitted=target.status == RegistrationStatus.SUBMITTED)
    if problems:
        raise ValidationError(problems)
    after = _snapshot(delegate) | {"agency": registration.agency.name}
    _log(source, ChangeAction.MOVE, actor, delegate.full_name, before=before, after=after)
    if source.pk != registration.pk:
        _log(registration, ChangeAction.MOVE, actor, delegate.full_name, before=before, after=after)


def delegate_check_in(*, delegate: Delegate, user) -> bool:
    """Mark attendance; True if this call marked it (idempotent)."""
    marked = Delegate.objects.filter(pk=delegate.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now(), checked_in_by=user
    )
    delegate.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
    return bool(marked)


def delegate_check_in_undo(*, delegate: Delegate) -> None:
    Delegate.objects.filter(pk=delegate.pk).update(checked_in_at=None, checked_in_by=None)
    delegate.refresh_from_db(fields=["checked_in_at", "checked_in_by"])


# --------------------------------------------------------------------------- e-mail


def registration_recipients(registration: AgencyRegistration) -> list[str]:
    """The focal point's address (or the agency's) and its representatives' accounts."""
    emails = {registration.contact_email or registration.agency.email}
    emails |= set(
        registration.agency.representatives.filter(user__is_active=True).values_list("user__email", flat=True)
    )
    return sorted(email for email in emails if email)


@in_document_language
def confirmation_send(*, registration_id: int) -> int:
    """The focal point's confirmation, with the list. Returns messages sent."""
    from .selectors import registration_people

    registration = (
        AgencyRegistration.objects.select_related("opening__event", "agency")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.status != RegistrationStatus.SUBMITTED:
        return 0
    recipients = registration_recipients(registration)
    if not recipients:
        return 0
    context = {"registration": registration, "people": registration_people(registration)}
    subject = _("Đã nhận danh sách đại biểu: %(title)s") % {"title": registration.opening.title}
    body = render_to_string("delegates/email/confirmation.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@in_document_language
def link_send(*, registration: AgencyRegistration, url: str) -> int:
    """E-mail a freshly issued secret link to the agency (it is not stored)."""
    recipients = registration_recipients(registration)
    if not recipients:
        return 0
    context = {"registration": registration, "url": url, "deadline": registration.deadline}
    subject = _("Liên kết đăng ký đại biểu: %(title)s") % {"title": registration.opening.title}
    body = render_to_string("delegates/email/link.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def reminder_kind_due(deadline: datetime.datetime, now: datetime.datetime) -> str | None:
    left = deadline - now
    if left <= datetime.timedelta(0):
        return None
    if left <= datetime.timedelta(days=1):
        return ReminderKind.DAY_BEFORE
    if left <= datetime.timedelta(days=REMINDER_DAYS):
        return ReminderKind.DAYS_BEFORE
    return None


@in_document_language
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind every invited agency that has not submitted, N days and one day
    before its deadline. A ReminderSent row is written in the same
    transaction as the sending: a second run (or a concurrent one, which
    waits on the unique index) finds it and sends nothing."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=REMINDER_DAYS)
    candidates = (
        AgencyRegistration.objects.exclude(status=RegistrationStatus.SUBMITTED)
        .filter(
            Q(deadline_override__gt=now, deadline_override__lte=horizon)
            | Q(deadline_override__isnull=True, opening__deadline__gt=now, opening__deadline__lte=horizon)
        )
        .select_related("opening__event", "agency")
    )
    sent = 0
    for registration in candidates:
        kind = reminder_kind_due(registration.deadline, now)
        recipients = registration_recipients(registration)
        if kind is None or not recipients:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    registration=registration,
                    kind=kind,
                    deadline=registration.deadline,
                    recipient=recipients[0],
                )
                context = {"registration": registration, "kind": kind, "deadline": registration.deadline}
                subject = _("Nhắc đăng ký đại biểu: %(title)s") % {"title": registration.opening.title}
                body = render_to_string("delegates/email/reminder.txt", context)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:
            continue
        sent += 1
    return sent
