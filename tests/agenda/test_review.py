"""Events and programmes take part in the plan's review workflow: frozen with
the plan once it is in a register, and part of its snapshot."""

import datetime

import pytest

workflow = pytest.importorskip("documents.workflow")

from documents.models import Register, RegisterEntry  # noqa: E402
from tests.factories import (  # noqa: E402
    BudgetItemFactory,
    EventFactory,
    ParticipantEntryFactory,
    ParticipantGroupFactory,
    ProgrammeSlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_snapshot_holds_events_and_programme_rows():
    event = EventFactory(name="Hội nghị sơ kết", expected_total=80)
    ParticipantEntryFactory(group=ParticipantGroupFactory(event=event), text="Ban Thường vụ Tỉnh ủy;")
    BudgetItemFactory(event=event, description="Nước uống", quantity=80, unit_price=20_000)
    ProgrammeSlotFactory(
        event=event,
        content="Đón tiếp đại biểu",
        start_time=datetime.time(7, 15),
        end_time=datetime.time(8, 0),
    )
    parts = workflow.snapshot(event.plan)["parts"]
    (item,) = parts["event"]
    assert item["label"] == "Hội nghị sơ kết"
    assert "Ban Thường vụ Tỉnh ủy;" in item["fields"]["Thành phần"]
    assert item["fields"]["Kinh phí"].endswith("Tổng cộng: 1.600.000")
    (slot,) = parts["slot"]
    assert slot["fields"] == {
        "Thời gian": "07h15 - 08h00",
        "Nội dung": "Đón tiếp đại biểu",
        "Thực hiện": "Sở Nội vụ",
    }


def test_rows_of_a_registered_plan_are_frozen():
    event = EventFactory()
    slot = ProgrammeSlotFactory(event=event)
    group = ParticipantGroupFactory(event=event)
    register = Register.objects.create(key="test-ubnd", name="Sổ thử nghiệm")
    RegisterEntry.objects.create(
        register=register,
        year=2024,
        number=5,
        issued_on=datetime.date(2024, 3, 1),
        symbol="05/KH-UBND",
        title="Thử",
        document_type="plan",
        document_id=event.plan_id,
        issued_by=UserFactory(),
    )
    for row in (event, slot, group):
        with pytest.raises(workflow.FrozenDocument):
            row.save()
    with pytest.raises(workflow.FrozenDocument):
        ParticipantEntryFactory(group=group)
    with pytest.raises(workflow.FrozenDocument):
        slot.delete()
