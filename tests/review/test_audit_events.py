"""Changes to a plan's events and programme slots are attributed on its audit page."""

from django.urls import reverse

from agenda import services as agenda_services
from conferences import services as conference_services
from tests.factories import EventFactory, ProgrammeSlotFactory


def test_event_and_programme_slot_changes_are_on_the_plans_audit_page(people, plan, login):
    event = EventFactory(plan=plan, name="Hội nghị tổng kết")
    slot = ProgrammeSlotFactory(event=event, content="Đón tiếp đại biểu", performers="Ban Tổ chức")
    conference_services.event_update(event=event, data={"name": "Hội nghị tổng kết năm 2024"})
    agenda_services.slot_update(slot=slot, data={"content": "Đón tiếp đại biểu, phát tài liệu"})
    page = login(people["leader"]).get(reverse("documents:audit", args=[f"plan-{plan.pk}"])).content.decode()
    assert "Sự kiện: Hội nghị tổng kết năm 2024" in page
    assert "<del>Hội nghị tổng kết</del> → <ins>Hội nghị tổng kết năm 2024</ins>" in page
    assert "<del>Đón tiếp đại biểu</del> → <ins>Đón tiếp đại biểu, phát tài liệu</ins>" in page
