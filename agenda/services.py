"""Every write to a programme and its slots, with the timing rules:

- a slot's end comes after its start, and an end needs a start;
- timed slots stay inside the programme's day (``day_start`` … ``day_end``);
- timed slots do not overlap;
- changing a duration may shift every following timed slot by the same
  amount; the whole change is refused (nothing saved) if a shifted slot
  would leave the day.

Errors are ``ValidationError``s keyed by the form field they belong to, with
Vietnamese messages, so that the editor shows them next to the field.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from conferences.formatting import time_range_text, time_text
from conferences.models import Event, EventKind
from plans import services as plan_services
from plans.models import Appendix, Plan

from .models import Programme, ProgrammeLayout, ProgrammeSlot, SlotKind

Direction = Literal["up", "down"]

BLOCK_KEY = "agenda.programme"
SLOT_FIELDS = ("kind", "content", "performers", "start_time", "end_time", "numbered")
PROGRAMME_FIELDS = ("layout", "title", "subtitle", "day_start", "day_end")
DEFAULT_TITLES = {
    EventKind.STUDY_TOUR: "DỰ KIẾN LỊCH TRÌNH ĐOÀN CÔNG TÁC",
    EventKind.TRAINING: "DỰ KIẾN CHƯƠNG TRÌNH TẬP HUẤN",
}
MAX_DURATION = 24 * 60


# --------------------------------------------------------------------------- time arithmetic


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60, minutes % 60)


def _slot_label(slot: ProgrammeSlot) -> str:
    first = " ".join(slot.content.split("\n", 1)[0].split()).lstrip("-+ ").replace("*", "")
    return first if len(first) <= 60 else first[:59] + "…"


# --------------------------------------------------------------------------- guards


def _plan_of(event: Event) -> Plan:
    return Plan.objects.only("pk", "status").get(pk=event.plan_id)


def ensure_editable(event: Event) -> None:
    plan_services.ensure_editable(_plan_of(event))


def check_slot_times(slot: ProgrammeSlot, *, programme: Programme, others: Iterable[ProgrammeSlot]) -> None:
    """The rules above for one slot against the programme's other slots."""
    start, end = slot.start_time, slot.end_time
    if end is not None and start is None:
        raise ValidationError(
            {"start_time": _("Hãy nhập giờ bắt đầu trước giờ kết thúc.")}, code="end_without_start"
        )
    if start is None:
        return
    if end is not None and end <= start:
        raise ValidationError({"end_time": _("Giờ kết thúc phải sau giờ bắt đầu.")}, code="end_before_start")
    day = {"start": time_text(programme.day_start), "end": time_text(programme.day_end)}
    if start < programme.day_start or start >= programme.day_end:
        raise ValidationError(
            {"start_time": _("Giờ bắt đầu phải nằm trong ngày: từ %(start)s đến %(end)s.") % day},
            code="outside_day",
        )
    if end is not None and end > programme.day_end:
        raise ValidationError(
            {"end_time": _("Giờ kết thúc phải nằm trong ngày: từ %(start)s đến %(end)s.") % day},
            code="outside_day",
        )
    for other in others:
        if other.pk is not None and other.pk == slot.pk:
            continue
        if other.start_time is None:
            continue
        other_end = other.end_time or other.start_time
        this_end = end or start
        overlaps = (
            start < other_end and other.start_time < this_end
            if (end is not None and other.end_time is not None)
            else start == other.start_time
        )
        if overlaps:
            raise ValidationError(
                {
                    "start_time": _("Trùng giờ với dòng «%(slot)s» (%(time)s).")
                    % {"slot": _slot_label(other), "time": time_range_text(other.start_time, other.end_time)}
                },
                code="overlap",
            )


# --------------------------------------------------------------------------- programme


def default_title(event: Event) -> str:
    return DEFAULT_TITLES.get(event.kind, "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ")


def programme_for(event: Event) -> Programme:
    """The event's programme settings, created with defaults on first use."""
    try:
        return event.programme
    except Programme.DoesNotExist:
        programme, _created = Programme.objects.get_or_create(
            event=event, defaults={"title": default_title(event)}
        )
        event.programme = programme
        return programme


@transaction.atomic
def programme_update(*, event: Event, data: Mapping[str, Any]) -> Programme:
    """Change the layout, title or day bounds. The slots must still fit the
    day; the plan's appendix holding this programme keeps the same title."""
    ensure_editable(event)
    programme = programme_for(event)
    old_title, old_subtitle = programme.title, programme.subtitle
    for name in PROGRAMME_FIELDS:
        if name in data:
            setattr(programme, name, data[name])
    if programme.day_end <= programme.day_start:
        raise ValidationError(
            {"day_end": _("Giờ kết thúc ngày phải sau giờ bắt đầu ngày.")}, code="day_order"
        )
    slots = list(ProgrammeSlot.objects.filter(event=event))
    for slot in slots:
        if slot.start_time is None:
            continue
        if slot.start_time < programme.day_start or (slot.end_time or slot.start_time) > programme.day_end:
            raise ValidationError(
                {
                    "day_start": _("Dòng «%(slot)s» (%(time)s) nằm ngoài ngày mới.")
                    % {"slot": _slot_label(slot), "time": time_range_text(slot.start_time, slot.end_time)}
                },
                code="outside_day",
            )
    programme.save()
    for appendix in Appendix.objects.filter(plan_id=event.plan_id, block=BLOCK_KEY):
        changes = {}
        if appendix.title == old_title and programme.title != old_title:
            changes["title"] = programme.title
        if appendix.subtitle == old_subtitle and programme.subtitle != old_subtitle:
            changes["subtitle"] = programme.subtitle
        if changes:
            plan_services.appendix_update(appendix=appendix, data=changes)
    return programme


def programme_attach(*, event: Event) -> Appendix:
    """Make the programme a phụ lục of the plan (once: an existing one is returned)."""
    ensure_editable(event)
    existing = Appendix.objects.filter(plan_id=event.plan_id, block=BLOCK_KEY).first()
    if existing is not None:
        return existing
    programme = programme_for(event)
    plan = Plan.objects.get(pk=event.plan_id)
    return plan_services.appendix_create(
        plan=plan, data={"title": programme.title, "subtitle": programme.subtitle, "block": BLOCK_KEY}
    )


# --------------------------------------------------------------------------- slots


def _ordered(event: Event) -> list[ProgrammeSlot]:
    return list(ProgrammeSlot.objects.filter(event=event).order_by("position", "id"))


def _save_positions(slots: list[ProgrammeSlot]) -> None:
    changed = []
    for index, slot in enumerate(slots):
        if slot.position != index:
            slot.position = index
            changed.append(slot)
    if changed:
        ProgrammeSlot.objects.bulk_update(changed, ["position"])


@transaction.atomic
def slot_create(
    *, event: Event, data: Mapping[str, Any], after: ProgrammeSlot | None = None
) -> ProgrammeSlot:
    """Add a slot: after ``after`` if given; in a timed programme, in time
    order; else at the end."""
    ensure_editable(event)
    programme = programme_for(event)
    slot = ProgrammeSlot(event=event)
    for name in SLOT_FIELDS:
        if name in data:
            setattr(slot, name, data[name])
    slots = _ordered(event)
    check_slot_times(slot, programme=programme, others=slots)
    if after is not None and after.event_id == event.pk:
        index = next((i + 1 for i, other in enumerate(slots) if other.pk == after.pk), len(slots))
    elif programme.layout == ProgrammeLayout.TIMED and slot.start_time is not None:
        index = len(slots)
        for i, other in enumerate(slots):
            if other.start_time is not None and other.start_time > slot.start_time:
                index = i
                break
    else:
        index = len(slots)
    slot.position = (ProgrammeSlot.objects.filter(event=event).aggregate(m=Max("position"))["m"] or 0) + 1
    slot.save()
    slots.insert(index, slot)
    _save_positions(slots)
    return slot


@transaction.atomic
def slot_update(*, slot: ProgrammeSlot, data: Mapping[str, Any]) -> ProgrammeSlot:
    event = slot.event
    ensure_editable(event)
    for name in SLOT_FIELDS:
        if name in data:
            setattr(slot, name, data[name])
    check_slot_times(slot, programme=programme_for(event), others=_ordered(event))
    slot.save()
    return slot


def slot_delete(*, slot: ProgrammeSlot) -> None:
    event = slot.event
    ensure_editable(event)
    slot.delete()
    _save_positions(_ordered(event))


def _retime(slots: list[ProgrammeSlot], programme: Programme) -> None:
    """After a reorder of a timed programme: the timed slots follow one
    another in the new order from the earliest start, each keeping its
    duration, so the printed times stay in order."""
    timed = [s for s in slots if s.start_time is not None and s.end_time is not None]
    if len(timed) < 2:
        return
    clock = min(_minutes(s.start_time) for s in timed)
    for slot in timed:
        duration = slot.duration_minutes or 0
        if clock + duration > _minutes(programme.day_end):
            raise ValidationError(
                {
                    "order": _(
                        "Sau khi đổi thứ tự, dòng «%(slot)s» kết thúc sau %(end)s, quá giờ kết thúc ngày."
                    )
                    % {"slot": _slot_label(slot), "end": time_text(programme.day_end)}
                },
                code="outside_day",
            )
        slot.start_time, slot.end_time = _time(clock), _time(clock + duration)
        clock += duration
    ProgrammeSlot.objects.bulk_update(timed, ["start_time", "end_time"])


@transaction.atomic
def slots_reorder(*, event: Event, order: list[int], retime: bool | None = None) -> list[ProgrammeSlot]:
    """Put the slots in ``order`` (ids, e.g. from a drag and drop); ids
    missing from ``order`` keep their relative order at the end. A timed
    programme is re-timed unless ``retime`` is False."""
    ensure_editable(event)
    slots = _ordered(event)
    by_id = {slot.pk: slot for slot in slots}
    seen: set[int] = set()
    ordered = []
    for pk in order:
        if pk in by_id and pk not in seen:
            ordered.append(by_id[pk])
            seen.add(pk)
    ordered += [slot for slot in slots if slot.pk not in seen]
    _save_positions(ordered)
    programme = programme_for(event)
    if retime if retime is not None else programme.layout == ProgrammeLayout.TIMED:
        _retime(ordered, programme)
    return ordered


def slot_move(
    *, slot: ProgrammeSlot, direction: Direction, retime: bool | None = None
) -> list[ProgrammeSlot]:
    if direction not in ("up", "down"):
        raise ValidationError(_("Thao tác không hợp lệ."), code="invalid_direction")
    slots = _ordered(slot.event)
    index = next(i for i, other in enumerate(slots) if other.pk == slot.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(slots):
        slots[index], slots[target] = slots[target], slots[index]
    return slots_reorder(event=slot.event, order=[s.pk for s in slots], retime=retime)


@transaction.atomic
def slot_set_duration(*, slot: ProgrammeSlot, minutes: int, shift_following: bool = False) -> ProgrammeSlot:
    """Give ``slot`` a new duration (its start stays). With
    ``shift_following`` every later timed slot moves by the difference;
    otherwise the new end must not run into the next slot."""
    event = slot.event
    ensure_editable(event)
    if slot.start_time is None:
        raise ValidationError({"minutes": _("Dòng này chưa có giờ bắt đầu.")}, code="no_start")
    if not 0 < minutes <= MAX_DURATION:
        raise ValidationError({"minutes": _("Thời lượng phải lớn hơn 0 phút.")}, code="bad_duration")
    programme = programme_for(event)
    start = _minutes(slot.start_time)
    new_end = start + minutes
    if new_end > _minutes(programme.day_end):
        raise ValidationError(
            {
                "minutes": _("Dòng sẽ kết thúc sau %(end)s, quá giờ kết thúc ngày.")
                % {"end": time_text(programme.day_end)}
            },
            code="outside_day",
        )
    old_end = _minutes(slot.end_time) if slot.end_time else start
    delta = new_end - old_end
    slot.end_time = _time(new_end)
    slots = _ordered(event)
    if shift_following and delta:
        index = next(i for i, other in enumerate(slots) if other.pk == slot.pk)
        following = [
            other
            for other in slots[index + 1 :]
            if other.start_time is not None and _minutes(other.start_time) >= old_end
        ]
        for other in following:
            other_start = _minutes(other.start_time) + delta
            other_end = _minutes(other.end_time) + delta if other.end_time else None
            if other_start < _minutes(programme.day_start) or (other_end or other_start) > _minutes(
                programme.day_end
            ):
                raise ValidationError(
                    {
                        "minutes": _(
                            "Dời các dòng sau thì dòng «%(slot)s» ra ngoài ngày (%(start)s - %(end)s)."
                        )
                        % {
                            "slot": _slot_label(other),
                            "start": time_text(programme.day_start),
                            "end": time_text(programme.day_end),
                        }
                    },
                    code="outside_day",
                )
            other.start_time = _time(other_start)
            other.end_time = _time(other_end) if other_end is not None else None
        ProgrammeSlot.objects.bulk_update(following, ["start_time", "end_time"])
        others = [s for s in slots if s.pk != slot.pk]
        check_slot_times(slot, programme=programme, others=others)
    else:
        try:
            check_slot_times(slot, programme=programme, others=slots)
        except ValidationError as error:
            raise ValidationError(
                {
                    "minutes": [
                        *error.message_dict.get("start_time", []),
                        *error.message_dict.get("end_time", []),
                    ]
                },
                code="overlap",
            ) from error
    slot.save(update_fields=["end_time"])
    return slot


# --------------------------------------------------------------------------- programme from Excel


@dataclass
class SlotImportRow:
    """One checked row of an imported programme (agenda.spreadsheets), in programme order."""

    content: str
    kind: str = SlotKind.OTHER
    performers: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    numbered: bool = True


ImportMode = Literal["replace", "append"]


@transaction.atomic
def programme_import(*, event: Event, rows: Sequence[SlotImportRow], mode: ImportMode) -> list[ProgrammeSlot]:
    """Replace the programme's slots with ``rows``, or add them at the end;
    all or nothing, with the timing rules above. When replacing, a slot whose
    content is unchanged keeps its row (what points at it, such as the slot
    where awards are announced, stays), updated in place."""
    Event.objects.select_for_update().filter(pk=event.pk).first()
    ensure_editable(event)
    if mode not in ("replace", "append"):
        raise ValidationError(_("Hãy chọn thay thế hay thêm vào."), code="bad_mode")
    programme = programme_for(event)
    existing = _ordered(event)
    kinds = set(SlotKind.values)
    reusable: dict[str, list[ProgrammeSlot]] = {}
    if mode == "replace":
        for slot in existing:
            reusable.setdefault(slot.content, []).append(slot)
        placed: list[ProgrammeSlot] = []
        position = 0
    else:
        placed = list(existing)
        position = (max((slot.position for slot in existing), default=-1)) + 1
    result: list[ProgrammeSlot] = []
    for index, row in enumerate(rows, start=1):
        if not row.content.strip() or row.kind not in kinds:
            raise ValidationError(_("Dòng %(row)d không hợp lệ.") % {"row": index}, code="invalid")
        candidates = reusable.get(row.content)
        slot = candidates.pop(0) if candidates else ProgrammeSlot(event=event)
        slot.kind, slot.content, slot.performers = row.kind, row.content, row.performers
        slot.start_time, slot.end_time, slot.numbered = row.start_time, row.end_time, row.numbered
        slot.position = position
        position += 1
        try:
            check_slot_times(slot, programme=programme, others=placed)
        except ValidationError as error:
            raise ValidationError(
                _("Dòng %(row)d: %(message)s") % {"row": index, "message": " ".join(error.messages)},
                code=error.code or "invalid",
            ) from error
        placed.append(slot)
        result.append(slot)
    kept = [slot for slot in result if slot.pk is not None]
    dropped = [slot.pk for slots in reusable.values() for slot in slots]
    if dropped:
        ProgrammeSlot.objects.filter(pk__in=dropped).delete()
    for slot in kept:
        slot.save()
    new = [slot for slot in result if slot.pk is None]
    if new:
        bulk_create_with_history(new, ProgrammeSlot)
    return result


def programme_dropped(*, event: Event, contents: Sequence[str]) -> int:
    """How many existing slots a replacing import of rows with ``contents`` would delete."""
    existing = Counter(ProgrammeSlot.objects.filter(event=event).values_list("content", flat=True))
    return sum((existing - Counter(contents)).values())
