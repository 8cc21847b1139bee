"""The demo events and programmes: loaded once, seeds printed unchanged."""

import pytest

from agenda import demo
from agenda.models import ProgrammeSlot
from conferences.demo import printed_text
from conferences.models import Event, OnlineSite
from plans import demo as plan_demo
from plans.models import Appendix, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds(db):
    plan_demo.load_agencies()
    return {plan.title: plan for plan in plan_demo.load_seed_documents()}


def test_load_demo_is_idempotent_and_keeps_the_seeds_printed_text(seeds):
    before = {title: printed_text(plan) for title, plan in seeds.items()}
    events = demo.load_demo()
    counts = (
        Event.objects.count(),
        ProgrammeSlot.objects.count(),
        OnlineSite.objects.count(),
        Appendix.objects.count(),
    )
    assert demo.load_demo() == events
    assert (
        Event.objects.count(),
        ProgrammeSlot.objects.count(),
        OnlineSite.objects.count(),
        Appendix.objects.count(),
    ) == counts
    assert counts == (4, 13 + 9 + 7, 13, 3)

    seed_000 = seeds[plan_demo.SEED_000["title"]]
    seed_001 = seeds[plan_demo.SEED_001["title"]]
    # The sections now come from the event's data ...
    assert {
        s.heading: s.block for s in Section.objects.filter(plan=seed_000) if s.block.startswith("event.")
    } == {
        "THÀNH PHẦN THAM DỰ": "event.participants",
        "THỜI GIAN VÀ ĐỊA ĐIỂM": "event.time_place",
        "KINH PHÍ TỔ CHỨC HỘI NGHỊ": "event.budget",
    }
    assert {
        s.heading: s.block for s in Section.objects.filter(plan=seed_001) if s.block.startswith("event.")
    } == {
        "Thành phần": "event.participants",
        "Thời gian, địa điểm": "event.time_place",
        "KINH PHÍ TỔ CHỨC HỘI NGHỊ": "event.budget",
    }
    # ... and print exactly what they printed before, plus the programme as phụ lục.
    for plan in (seed_000, seed_001):
        after = printed_text(plan)
        body = after.split(" Phụ lục ", 1)[0]
        assert body == before[plan.title].strip()
        assert "Phụ lục" in after.split(body, 1)[1]
    # The third seed is no conference: untouched.
    seed_003 = seeds[plan_demo.SEED_003_PLAN["title"]]
    assert printed_text(seed_003) == before[seed_003.title]


def test_seed_programmes_are_entered_exactly(seeds):
    events = demo.load_demo()
    seed_000 = list(events[0].programme_slots.order_by("position"))
    assert [(s.numbered, s.content[:40]) for s in seed_000][3:6] == [
        (True, "Báo cáo Chỉ số mức độ hài lòng năm 2019"),
        (False, "- Báo cáo Chỉ số hài lòng của tổ chức, c"),
        (False, "- Báo cáo kết quả Chỉ số hài lòng năm 20"),
    ]
    assert (seed_000[-1].content, seed_000[-1].numbered) == ("Bế mạc", False)
    assert seed_000[8].performers.split("\n") == [
        "- Các đơn vị tham luận",
        "- Đại biểu Hội nghị",
        "- Ban Tổ chức",
        "- Các Sở liên quan",
    ]
    seed_001 = list(events[1].programme_slots.order_by("position"))
    assert [f"{s.start_time:%H}h{s.start_time:%M} - {s.end_time:%H}h{s.end_time:%M}" for s in seed_001] == [
        "07h15 - 08h00",
        "08h00 - 08h05",
        "08h05 - 08h15",
        "08h15 - 08h30",
        "08h30 - 10h00",
        "10h00 - 10h15",
        "10h15 - 10h45",
        "10h45 - 11h15",
        "11h15 - 11h30",
    ]
    assert [s.kind for s in seed_001].count("break") == 1
