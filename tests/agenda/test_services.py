import datetime

import pytest
from django.core.exceptions import ValidationError

from agenda import services
from agenda.models import ProgrammeLayout, ProgrammeSlot, SlotKind
from tests.factories import EventFactory, ProgrammeFactory, ProgrammeSlotFactory

pytestmark = pytest.mark.django_db

T = datetime.time


MORNING = (T(7, 0), T(12, 0))


def _timed_event(*ranges, day=MORNING):
    event = EventFactory()
    ProgrammeFactory(event=event, layout=ProgrammeLayout.TIMED, day_start=day[0], day_end=day[1])
    slots = [
        services.slot_create(event=event, data={"content": f"Dòng {i}", "start_time": start, "end_time": end})
        for i, (start, end) in enumerate(ranges, start=1)
    ]
    return event, slots


def _times(event):
    return [
        (s.content, s.start_time.strftime("%H:%M"), s.end_time.strftime("%H:%M"))
        for s in ProgrammeSlot.objects.filter(event=event).order_by("position")
    ]


def test_overlapping_slot_is_refused_with_a_clear_message():
    event, _slots = _timed_event((T(8, 0), T(8, 30)), (T(10, 0), T(10, 15)))
    with pytest.raises(ValidationError) as error:
        services.slot_create(
            event=event, data={"content": "Báo cáo", "start_time": T(8, 15), "end_time": T(9, 0)}
        )
    assert error.value.message_dict == {"start_time": ["Trùng giờ với dòng «Dòng 1» (08h00 - 08h30)."]}
    # Touching ranges do not overlap.
    services.slot_create(
        event=event, data={"content": "Báo cáo", "start_time": T(8, 30), "end_time": T(9, 0)}
    )
    assert ProgrammeSlot.objects.filter(event=event).count() == 3


def test_a_slot_inside_another_overlaps_and_editing_keeps_its_own_range():
    event, slots = _timed_event((T(8, 0), T(10, 0)))
    with pytest.raises(ValidationError, match="Trùng giờ"):
        services.slot_create(
            event=event, data={"content": "Giữa", "start_time": T(8, 30), "end_time": T(9, 0)}
        )
    services.slot_update(slot=slots[0], data={"start_time": T(8, 0), "end_time": T(9, 0)})
    assert _times(event) == [("Dòng 1", "08:00", "09:00")]


def test_slots_stay_inside_the_day():
    event, _slots = _timed_event(day=(T(7, 0), T(11, 30)))
    with pytest.raises(ValidationError) as error:
        services.slot_create(
            event=event, data={"content": "Sớm", "start_time": T(6, 30), "end_time": T(7, 15)}
        )
    assert error.value.message_dict == {
        "start_time": ["Giờ bắt đầu phải nằm trong ngày: từ 07h00 đến 11h30."]
    }
    with pytest.raises(ValidationError) as error:
        services.slot_create(
            event=event, data={"content": "Muộn", "start_time": T(11, 15), "end_time": T(11, 45)}
        )
    assert error.value.message_dict == {"end_time": ["Giờ kết thúc phải nằm trong ngày: từ 07h00 đến 11h30."]}


def test_end_must_follow_start_and_needs_a_start():
    event, _slots = _timed_event()
    with pytest.raises(ValidationError) as error:
        services.slot_create(event=event, data={"content": "X", "start_time": T(9, 0), "end_time": T(8, 0)})
    assert error.value.message_dict == {"end_time": ["Giờ kết thúc phải sau giờ bắt đầu."]}
    with pytest.raises(ValidationError) as error:
        services.slot_create(event=event, data={"content": "X", "end_time": T(8, 0)})
    assert error.value.message_dict == {"start_time": ["Hãy nhập giờ bắt đầu trước giờ kết thúc."]}


def test_timed_slots_are_inserted_in_time_order():
    event, _slots = _timed_event((T(8, 0), T(8, 5)), (T(8, 30), T(10, 0)))
    services.slot_create(event=event, data={"content": "Giữa", "start_time": T(8, 5), "end_time": T(8, 30)})
    assert [c for c, *_ in _times(event)] == ["Dòng 1", "Giữa", "Dòng 2"]


def test_longer_slot_shifts_every_following_slot():
    event, slots = _timed_event(
        (T(7, 15), T(8, 0)), (T(8, 0), T(8, 5)), (T(8, 5), T(8, 15)), (T(10, 0), T(10, 15))
    )
    services.slot_set_duration(slot=slots[1], minutes=15, shift_following=True)
    assert _times(event) == [
        ("Dòng 1", "07:15", "08:00"),
        ("Dòng 2", "08:00", "08:15"),
        ("Dòng 3", "08:15", "08:25"),
        ("Dòng 4", "10:10", "10:25"),
    ]
    services.slot_set_duration(
        slot=ProgrammeSlot.objects.get(pk=slots[1].pk), minutes=5, shift_following=True
    )
    assert _times(event)[1:] == [
        ("Dòng 2", "08:00", "08:05"),
        ("Dòng 3", "08:05", "08:15"),
        ("Dòng 4", "10:00", "10:15"),
    ]


def test_longer_slot_without_shifting_must_not_run_into_the_next():
    event, slots = _timed_event((T(8, 0), T(8, 5)), (T(8, 5), T(8, 15)))
    with pytest.raises(ValidationError) as error:
        services.slot_set_duration(slot=slots[0], minutes=15, shift_following=False)
    assert error.value.message_dict == {"minutes": ["Trùng giờ với dòng «Dòng 2» (08h05 - 08h15)."]}
    assert _times(event) == [("Dòng 1", "08:00", "08:05"), ("Dòng 2", "08:05", "08:15")]


def test_shifting_past_the_end_of_the_day_changes_nothing():
    event, slots = _timed_event((T(10, 0), T(11, 0)), (T(11, 0), T(11, 45)), day=MORNING)
    with pytest.raises(ValidationError) as error:
        services.slot_set_duration(slot=slots[0], minutes=90, shift_following=True)
    assert error.value.message_dict == {
        "minutes": ["Dời các dòng sau thì dòng «Dòng 2» ra ngoài ngày (07h00 - 12h00)."]
    }
    assert _times(event) == [("Dòng 1", "10:00", "11:00"), ("Dòng 2", "11:00", "11:45")]


def test_reorder_of_a_timed_programme_retimes_in_the_new_order():
    event, slots = _timed_event((T(8, 0), T(8, 5)), (T(8, 5), T(8, 15)), (T(8, 15), T(8, 45)))
    services.slots_reorder(event=event, order=[slots[2].pk, slots[0].pk, slots[1].pk])
    assert _times(event) == [
        ("Dòng 3", "08:00", "08:30"),
        ("Dòng 1", "08:30", "08:35"),
        ("Dòng 2", "08:35", "08:45"),
    ]
    services.slot_move(slot=ProgrammeSlot.objects.get(pk=slots[1].pk), direction="up")
    assert [c for c, *_ in _times(event)] == ["Dòng 3", "Dòng 2", "Dòng 1"]


def test_reorder_of_a_numbered_programme_keeps_the_rows():
    event = EventFactory()
    ProgrammeFactory(event=event, layout=ProgrammeLayout.NUMBERED)
    slots = [ProgrammeSlotFactory(event=event, position=i, content=f"Dòng {i}") for i in range(4)]
    services.slots_reorder(event=event, order=[slots[3].pk, slots[1].pk])
    assert list(
        ProgrammeSlot.objects.filter(event=event).order_by("position").values_list("content", flat=True)
    ) == [
        "Dòng 3",
        "Dòng 1",
        "Dòng 0",
        "Dòng 2",
    ]


def test_programme_day_bounds_must_hold_the_slots():
    event, _slots = _timed_event((T(7, 15), T(8, 0)))
    with pytest.raises(ValidationError) as error:
        services.programme_update(event=event, data={"day_start": T(7, 30)})
    assert error.value.message_dict == {"day_start": ["Dòng «Dòng 1» (07h15 - 08h00) nằm ngoài ngày mới."]}


def test_attach_makes_one_appendix_and_title_changes_follow():
    event, _slots = _timed_event((T(8, 0), T(8, 30)))
    appendix = services.programme_attach(event=event)
    assert (appendix.title, appendix.block) == ("DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", "agenda.programme")
    assert services.programme_attach(event=event).pk == appendix.pk
    services.programme_update(event=event, data={"title": "DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ"})
    appendix.refresh_from_db()
    assert appendix.title == "DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ"


def test_break_kind_and_unnumbered_rows_print_as_in_seed_000():
    from agenda.blocks import programme_rows

    event = EventFactory()
    rows = [
        ProgrammeSlotFactory(event=event, position=0, content="Đón tiếp đại biểu"),
        ProgrammeSlotFactory(event=event, position=1, content="Báo cáo", performers=""),
        ProgrammeSlotFactory(event=event, position=2, content="- Dòng phụ", numbered=False),
        ProgrammeSlotFactory(event=event, position=3, content="Nghỉ giải lao", kind=SlotKind.BREAK),
        ProgrammeSlotFactory(
            event=event, position=4, content="Bế mạc", numbered=False, kind=SlotKind.CLOSING
        ),
    ]
    printed = programme_rows(rows)
    assert [row["number"] for row in printed] == ["01", "02", "", "03", ""]
    assert [row["is_break"] for row in printed] == [False, False, False, True, False]
