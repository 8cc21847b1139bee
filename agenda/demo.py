"""Demo programmes: seeds 000 (numbered layout) and 001 (timed layout)
entered exactly as printed, each made the phụ lục of its plan, and a short
programme for the online conference.

``load_demo()`` first loads the events (``conferences.demo.load_demo``): it
is the one entry point for all demo events and programmes. Idempotent: an
event that has slots keeps them.

As in ``conferences.demo``, the seed plans are issued records, so their
programme and phụ lục are written with the models directly; the online
conference (a draft) goes through the services the editor uses.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from conferences import demo as conference_demo
from conferences.models import Event, EventKind
from plans.models import Appendix

from . import services
from .models import Programme, ProgrammeLayout, ProgrammeSlot, SlotKind

T = datetime.time


def _lines(*lines: str) -> str:
    return "\n".join(lines)


# (kind, content, performers, numbered)
SEED_000_SLOTS = [
    (SlotKind.WELCOME, "Đón tiếp đại biểu", "Ban Tổ chức", True),
    (SlotKind.OPENING, "Tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức", True),
    (
        SlotKind.REPORT,
        "Báo cáo tổng kết công tác cải cách hành chính tỉnh Khánh Hòa năm 2019",
        "Sở Nội vụ",
        True,
    ),
    (SlotKind.REPORT, "Báo cáo Chỉ số mức độ hài lòng năm 2019", "", True),
    (
        SlotKind.REPORT,
        "- Báo cáo Chỉ số hài lòng của tổ chức, cá nhân đối với sự phục vụ của các Sở, ngành thuộc tỉnh, "
        "các cơ quan ngành dọc, UBND các huyện, thị xã, thành phố, các bệnh viện đa khoa, chuyên khoa, "
        "phòng khám đa khoa khu vực trên địa bàn tỉnh năm 2019",
        "Sở Nội vụ",
        False,
    ),
    (
        SlotKind.REPORT,
        "- Báo cáo kết quả Chỉ số hài lòng năm 2019 đối với các đơn vị trường học",
        "Sở Giáo dục và Đào tạo",
        False,
    ),
    (
        SlotKind.REPORT,
        "- Báo cáo kết quả đánh giá, xếp hạng kết quả thực hiện công tác cải cách hành chính năm 2019 của "
        "các cơ quan, đơn vị trên địa bàn tỉnh",
        "Sở Nội vụ",
        True,
    ),
    (
        SlotKind.REPORT,
        "- Công bố Chỉ số và kết quả xếp hạng cải cách hành chính năm 2019",
        "Sở Nội vụ",
        False,
    ),
    (
        SlotKind.DISCUSSION,
        _lines(
            "- Báo cáo tham luận của các đơn vị, địa phương",
            "- Trao đổi, thảo luận và giải đáp thắc mắc",
        ),
        _lines("- Các đơn vị tham luận", "- Đại biểu Hội nghị", "- Ban Tổ chức", "- Các Sở liên quan"),
        True,
    ),
    (SlotKind.REPORT, "Triển khai Kế hoạch cải cách hành chính tỉnh năm 2020 của tỉnh", "Sở Nội vụ", True),
    (
        SlotKind.CONCLUSION,
        "Phát biểu kết luận Hội nghị và chỉ đạo công tác cải cách hành chính năm 2020",
        "Thường trực UBND tỉnh",
        True,
    ),
    (
        SlotKind.AWARDS,
        "Công bố Quyết định khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong công tác cải "
        "cách hành chính năm 2019",
        _lines("Lãnh đạo", "Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)"),
        True,
    ),
    (SlotKind.CLOSING, "Bế mạc", "Ban Tổ chức", False),
]
SEED_000_TITLE = "DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ"
SEED_000_SUBTITLE = _lines(
    "Tổng kết công tác cải cách hành chính năm 2019,",
    "triển khai Kế hoạch cải cách hành chính tỉnh năm 2020",
)

# (start, end, kind, content, performers)
SEED_001_SLOTS = [
    (
        T(7, 15),
        T(8, 0),
        SlotKind.WELCOME,
        _lines("- Đón tiếp đại biểu", "- Trình chiếu phim “*Khánh Hòa - Hợp tác và phát triển*”"),
        "Ban Tổ chức",
    ),
    (T(8, 0), T(8, 5), SlotKind.OPENING, "Tuyên bố lý do, giới thiệu đại biểu", "Lãnh đạo Sở Nội vụ"),
    (T(8, 5), T(8, 15), SlotKind.OPENING, "Phát biểu khai mạc Hội nghị", "Lãnh đạo UBND tỉnh"),
    (
        T(8, 15),
        T(8, 30),
        SlotKind.OTHER,
        "Phát biểu chỉ đạo của Thường trực Tỉnh ủy",
        "Mời Thường trực Tỉnh ủy",
    ),
    (
        T(8, 30),
        T(10, 0),
        SlotKind.REPORT,
        "Trình bày Báo cáo phân tích, đánh giá kết quả các chỉ số PAR-Index, PCI, PAPI của tỉnh năm 2022",
        _lines("- Sở Kế hoạch và Đầu tư", "- Sở Nội vụ"),
    ),
    (T(10, 0), T(10, 15), SlotKind.BREAK, "Nghỉ giải lao", ""),
    (
        T(10, 15),
        T(10, 45),
        SlotKind.REPORT,
        "Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan hành "
        "chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào tạo trên địa bàn tỉnh Khánh Hòa năm 2022",
        "Sở Nội vụ",
    ),
    (
        T(10, 45),
        T(11, 15),
        SlotKind.DISCUSSION,
        "Thảo luận, chia sẻ kinh nghiệm",
        _lines("- VCCI Khánh Hòa", "- Đại biểu", "- Ban Tổ chức"),
    ),
    (T(11, 15), T(11, 30), SlotKind.CONCLUSION, "Phát biểu kết luận Hội nghị", "Lãnh đạo UBND tỉnh"),
]
SEED_001_TITLE = "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ"

ONLINE_SLOTS = [
    (T(7, 45), T(8, 0), SlotKind.WELCOME, "Kiểm tra kết nối các điểm cầu", "Sở Thông tin và Truyền thông"),
    (T(8, 0), T(8, 10), SlotKind.OPENING, "Tuyên bố lý do, giới thiệu đại biểu", "Lãnh đạo Sở Nội vụ"),
    (T(8, 10), T(8, 20), SlotKind.OPENING, "Phát biểu khai mạc Hội nghị", "Lãnh đạo UBND tỉnh"),
    (
        T(8, 20),
        T(9, 0),
        SlotKind.REPORT,
        "Triển khai Kế hoạch cải cách hành chính tỉnh năm 2024",
        "Sở Nội vụ",
    ),
    (T(9, 0), T(9, 15), SlotKind.BREAK, "Nghỉ giải lao", ""),
    (
        T(9, 15),
        T(10, 30),
        SlotKind.DISCUSSION,
        "Thảo luận tại các điểm cầu",
        _lines("- Đại biểu các điểm cầu", "- Ban Tổ chức"),
    ),
    (T(10, 30), T(10, 45), SlotKind.CONCLUSION, "Phát biểu kết luận Hội nghị", "Lãnh đạo UBND tỉnh"),
]


def _record_programme(event: Event, *, layout: str, title: str, subtitle: str, slots: list[dict]) -> None:
    """An issued plan's programme and phụ lục as records (see the module doc)."""
    Programme.objects.update_or_create(
        event=event, defaults={"layout": layout, "title": title, "subtitle": subtitle}
    )
    ProgrammeSlot.objects.bulk_create(
        ProgrammeSlot(event=event, position=index, **slot) for index, slot in enumerate(slots)
    )
    if not Appendix.objects.filter(plan_id=event.plan_id, block=services.BLOCK_KEY).exists():
        position = Appendix.objects.filter(plan_id=event.plan_id).count()
        Appendix.objects.create(
            plan_id=event.plan_id, position=position, title=title, subtitle=subtitle, block=services.BLOCK_KEY
        )


@transaction.atomic
def load_demo() -> list[Event]:
    events = conference_demo.load_demo()
    seed_000 = conference_demo.seed_event("000")
    seed_001 = conference_demo.seed_event("001")
    online = next((event for event in events if event.kind == EventKind.ONLINE), None)
    try:
        with transaction.atomic():
            if seed_000 is not None and not seed_000.programme_slots.exists():
                _record_programme(
                    seed_000,
                    layout=ProgrammeLayout.NUMBERED,
                    title=SEED_000_TITLE,
                    subtitle=SEED_000_SUBTITLE,
                    slots=[
                        {"kind": kind, "content": content, "performers": performers, "numbered": numbered}
                        for kind, content, performers, numbered in SEED_000_SLOTS
                    ],
                )
    except ValidationError:  # documents.workflow.FrozenDocument: an issued record stays as it is
        pass
    try:
        with transaction.atomic():
            if seed_001 is not None and not seed_001.programme_slots.exists():
                _record_programme(
                    seed_001,
                    layout=ProgrammeLayout.TIMED,
                    title=SEED_001_TITLE,
                    subtitle="",
                    slots=[
                        {
                            "start_time": start,
                            "end_time": end,
                            "kind": kind,
                            "content": content,
                            "performers": performers,
                        }
                        for start, end, kind, content, performers in SEED_001_SLOTS
                    ],
                )
    except ValidationError:
        pass
    if online is not None and not online.programme_slots.exists():
        services.programme_update(event=online, data={"layout": ProgrammeLayout.TIMED})
        for start, end, kind, content, performers in ONLINE_SLOTS:
            services.slot_create(
                event=online,
                data={
                    "start_time": start,
                    "end_time": end,
                    "kind": kind,
                    "content": content,
                    "performers": performers,
                },
            )
        services.programme_attach(event=online)
    return events


def describe_demo() -> str:
    """``loaddemo`` hook: load the events and programmes, say how many."""
    from django.utils.translation import gettext as _

    events = load_demo()
    return _("Sự kiện mẫu (hội nghị, hội nghị trực tuyến, đoàn công tác): %(count)d.") % {
        "count": len(events)
    }
