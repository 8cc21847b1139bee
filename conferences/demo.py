"""Demo events: the conferences of seeds 000 and 001, an online conference
with 13 connected sites, and a study tour of two delegations to four
provinces.

``load_demo()`` is idempotent. It needs the agencies directory and the seed
plans of ``plans.demo`` (loaded here when missing).

The seed plans are issued documents: their events are entered as records of
what was printed, with the models directly (as ``plans.demo`` enters the
plans), because the services rightly refuse to change an issued plan. A seed
section is switched to a printed block only when the plan prints exactly the
same text, bold and italics afterwards (``_use_block_if_identical``);
otherwise the section keeps its free text. The two new demo plans are drafts
and are set up through the same services the pages use.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.renderer import render_html
from plans import demo as plan_demo
from plans import services as plan_services
from plans.documents import build_plan_context
from plans.models import Agency, Plan, Section

from . import services
from .models import (
    Event,
    EventKind,
    FundingSource,
    ItemNumbering,
    ParticipantEntry,
    ParticipantGroup,
    ParticipantsLayout,
    SiteLevel,
    Venue,
)

PROVINCE = plan_demo.PROVINCE
HALL = "Hội trường UBND tỉnh"

VENUES = (
    {"name": HALL, "address": "Số 01 Trần Phú, thành phố Nha Trang", "capacity": 250, "hired": False},
    {
        "name": "Phòng họp trực tuyến UBND tỉnh",
        "address": "Số 01 Trần Phú, thành phố Nha Trang",
        "capacity": 80,
        "hired": False,
    },
    {
        "name": "Hội trường Khách sạn Yasaka Sài Gòn Nha Trang",
        "address": "18 Trần Phú, thành phố Nha Trang",
        "capacity": 300,
        "hired": True,
    },
)


@dataclass
class G:
    """A participant group and its rows: (text, quota, note, agency kind code)."""

    kind: str
    heading: str
    entries: list[tuple[str, int | None, str, str]] = field(default_factory=list)


def _entries(*texts: str) -> list[tuple[str, int | None, str, str]]:
    return [(text, None, "", "") for text in texts]


# --- seed 000 ------------------------------------------------------------------------

SEED_000_EVENT = {
    "kind": EventKind.CONFERENCE,
    "name": "Hội nghị tổng kết công tác cải cách hành chính năm 2019, triển khai Kế hoạch cải cách "
    "hành chính tỉnh năm 2020",
    "date_text": "dự kiến ngày 25/02/2020 (01 ngày)",
    "start_date": datetime.date(2020, 2, 25),
    "chair": "Lãnh đạo UBND tỉnh",
    "expected_total": 150,
    "participants_layout": ParticipantsLayout.ITEMS,
    "item_numbering": ItemNumbering.NUMBERS,
}
SEED_000_GROUPS = [
    G("other", "Sở Nội vụ phối hợp Văn phòng UBND tỉnh tham mưu công tác tổ chức, điều hành Hội nghị."),
    G(
        "invited",
        "Đại biểu khách mời:",
        _entries(
            "Thường trực Tỉnh ủy, Thường trực Hội đồng nhân dân tỉnh;",
            "Lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy, Văn phòng Đoàn Đại biểu Quốc hội tỉnh, Văn "
            "phòng Hội đồng nhân dân tỉnh, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội cấp tỉnh; "
            "Thường trực cấp ủy cấp huyện.",
        ),
    ),
    G(
        "summoned",
        "Đại biểu triệu tập:",
        _entries(
            "Thành viên các tổ chức chỉ đạo, điều hành cải cách hành chính tỉnh: Ban Chỉ đạo Cải cách hành "
            "chính tỉnh, Ban Điều hành Đề án thành lập Trung tâm Dịch vụ hành chính công trực tuyến tỉnh; "
            "Ban Chỉ đạo hoạt động của Trung tâm Dịch vụ hành chính công trực tuyến tỉnh; Hội đồng thẩm "
            "định kết quả đánh giá, xếp hạng cải cách hành chính tỉnh; các Tổ thư ký, giúp việc liên quan.",
            "Lãnh đạo, công chức, viên chức tham mưu, phụ trách, theo dõi, giúp việc về công tác cải cách "
            "hành chính của các cơ quan chuyên môn cấp tỉnh và Ban Quản lý Khu kinh tế Vân Phong, các cơ "
            "quan ngành dọc cấp tỉnh, các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh.",
            "Chủ tịch UBND các huyện, thị xã, thành phố; lãnh đạo và chuyên viên tham mưu công tác cải "
            "cách hành chính của Văn phòng HĐND và UBND, Phòng Nội vụ các huyện, thị xã, thành phố.",
            "Đại diện tập thể và các cá nhân được khen thưởng thành tích cải cách hành chính năm 2019.",
        ),
    ),
    G("other", "Các cơ quan thông tin đại chúng của tỉnh: Mời tham dự và đưa tin."),
]
SEED_000_FUNDING = ["Kinh phí cải cách hành chính tỉnh được cấp trong ngân sách Sở Nội vụ năm 2020."]

# --- seed 001 ------------------------------------------------------------------------

SEED_001_EVENT = {
    "kind": EventKind.CONFERENCE,
    "name": "Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022 và bàn giải "
    "pháp tiếp tục cải thiện các Chỉ số đánh giá tỉnh Khánh Hòa",
    "date_text": "Trong tháng 5/2023",
    "venue_text": "Tại thành phố Nha Trang (dự kiến thuê hội trường khách sạn)",
    "chair": "Lãnh đạo UBND tỉnh",
    "chair_line": "Chủ trì hội nghị: Lãnh đạo UBND tỉnh.",
    "co_chair": "Thường trực Tỉnh ủy",
    "co_chair_line": "Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.",
    "expected_total": 200,
    "participants_layout": ParticipantsLayout.GROUPED,
    "item_numbering": ItemNumbering.LETTERS,
}
SEED_001_GROUPS = [
    G(
        "invited",
        "Đại biểu mời:",
        _entries(
            "Ban Thường vụ Tỉnh ủy;",
            "Đại biểu Quốc hội tỉnh Khánh Hòa;",
            "Thường trực Hội đồng nhân dân tỉnh;",
            "Lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy, Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng "
            "nhân dân tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Cựu chiến binh và các đoàn thể chính "
            "trị - xã hội cấp tỉnh;",
            "Thường trực cấp ủy cấp huyện;",
            "VCCI Khánh Hòa;",
            "Đài Phát thanh và Truyền hình Khánh Hòa, Báo Khánh Hòa (tham dự và đưa tin);",
            "Đại diện các cơ quan thông tấn báo chí trên địa bàn tỉnh (*giao Sở Thông tin và Truyền thông "
            "thông báo*).",
        ),
    ),
    G(
        "summoned",
        "*Đại biểu triệu tập:*",
        [
            (
                "Thành viên Ban Chỉ đạo Cải cách hành chính tỉnh và Tổ Thư ký của Ban Chỉ đạo; "
                "thành viên Hội "
                "đồng thẩm định kết quả đánh giá, xếp hạng cải cách hành chính tỉnh và Tổ giúp việc của Hội "
                "đồng; Tổ công tác PCI tỉnh.",
                None,
                "",
                "",
            ),
            (
                "Lãnh đạo các cơ quan chuyên môn cấp tỉnh và Ban Quản lý Khu kinh tế Vân Phong, các cơ quan "
                "ngành dọc cấp tỉnh, các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh.",
                None,
                "",
                "",
            ),
            (
                "Lãnh đạo UBND các huyện, thị xã, thành phố; lãnh đạo Văn phòng HĐND và UBND, Phòng Nội vụ "
                "các huyện, thị xã, thành phố.",
                3,
                "mỗi địa phương đăng ký 03 lãnh đạo",
                "ubnd-huyen",
            ),
            (
                "Lãnh đạo UBND các đơn vị cấp xã được chọn khảo sát phục vụ Chỉ số PAPI, SIPAS của tỉnh.",
                None,
                "",
                "",
            ),
            ("Lãnh đạo Bưu điện tỉnh, một số doanh nghiệp, tổ chức hội và hiệp hội cấp tỉnh.", None, "", ""),
        ],
    ),
]
SEED_001_FUNDING = [
    "Kinh phí tổ chức Hội nghị được bố trí từ nguồn kinh phí cải cách hành chính tỉnh năm 2023 và nguồn "
    "kinh phí tài trợ, xã hội hóa theo quy định."
]
SEED_001_BUDGET_AFTER = (
    "Nội dung chi, định mức chi, thanh quyết toán kinh phí Hội nghị thực hiện theo quy định của Bộ Tài "
    "chính và các quy định, hướng dẫn có liên quan."
)


# --------------------------------------------------------------------------- helpers


def load_venues() -> dict[str, Venue]:
    venues = {}
    for spec in VENUES:
        venue, _created = Venue.objects.get_or_create(name=spec["name"], defaults=spec)
        venues[venue.name] = venue
    return venues


def _agencies_of_kind(code: str) -> list[Agency]:
    return list(
        Agency.objects.filter(kind__code=code, province=PROVINCE, is_active=True)
        .select_related("kind")
        .order_by("position", "name")
    )


def _seed_plan(seed: dict) -> Plan | None:
    return Plan.objects.filter(
        title=seed["title"], year=seed["year"], issuing_agency__name=plan_demo.UBND_TINH
    ).first()


def _record_event(plan: Plan, data: dict, groups: list[G], funding: list[str]) -> Event:
    """An issued plan's event as a record (models directly, see the module doc)."""
    event = Event.objects.create(plan=plan, position=0, **data)
    for g_index, spec in enumerate(groups):
        group = ParticipantGroup.objects.create(
            event=event, position=g_index, kind=spec.kind, heading=spec.heading
        )
        for e_index, (text, quota, note, kind_code) in enumerate(spec.entries):
            entry = ParticipantEntry.objects.create(
                group=group, position=e_index, text=text, quota_per_agency=quota, quota_note=note
            )
            if kind_code:
                entry.agencies.set(_agencies_of_kind(kind_code))
    for index, text in enumerate(funding):
        FundingSource.objects.create(event=event, position=index, text=text)
    return event


_KEEP_TAGS = re.compile(r"<(?!/?(?:strong|em)\b)[^>]*>")


def printed_text(plan: Plan) -> str:
    """The plan's printed HTML reduced to its words, bold and italics."""
    plan = Plan.objects.select_related("issuing_agency__parent", "decision").get(pk=plan.pk)
    html = render_html("documents/plan.html", {"plan": build_plan_context(plan)}, for_pdf=True)
    return " ".join(_KEEP_TAGS.sub(" ", html).split())


def _use_block_if_identical(section: Section, block: str, *, body: str = "", body_after: str = "") -> bool:
    """Put ``block`` in ``section`` (dropping its children and text) when the
    plan then prints the same; otherwise leave the section as it was."""
    before = printed_text(section.plan)
    sid = transaction.savepoint()
    Section.objects.filter(parent=section).delete()
    section.body, section.block, section.body_after = body, block, body_after
    section.save(update_fields=["body", "block", "body_after"])
    if printed_text(section.plan) == before:
        transaction.savepoint_commit(sid)
        return True
    transaction.savepoint_rollback(sid)
    section.refresh_from_db()
    return False


def _section(plan: Plan, heading: str) -> Section | None:
    return Section.objects.filter(plan=plan, heading=heading).first()


# --------------------------------------------------------------------------- the seeds


SEED_SECTIONS = {
    "000": (
        ("THÀNH PHẦN THAM DỰ", "event.participants", ""),
        ("THỜI GIAN VÀ ĐỊA ĐIỂM", "event.time_place", ""),
        ("KINH PHÍ TỔ CHỨC HỘI NGHỊ", "event.budget", ""),
    ),
    "001": (
        ("Thành phần", "event.participants", ""),
        ("Thời gian, địa điểm", "event.time_place", ""),
        ("KINH PHÍ TỔ CHỨC HỘI NGHỊ", "event.budget", SEED_001_BUDGET_AFTER),
    ),
}


def seed_event(key: str) -> Event | None:
    """The event of seed "000" or "001", if loaded."""
    plan = _seed_plan(plan_demo.SEED_000 if key == "000" else plan_demo.SEED_001)
    return Event.objects.filter(plan=plan).order_by("position", "id").first() if plan else None


def load_seed_events(venues: dict[str, Venue]) -> list[Event]:
    """The events of seeds 000 and 001. A seed plan that is frozen (entered in
    a register of issued documents) is left as it is."""
    events = []
    specs = {
        "000": (
            plan_demo.SEED_000,
            {**SEED_000_EVENT, "venue": venues[HALL]},
            SEED_000_GROUPS,
            SEED_000_FUNDING,
        ),
        "001": (plan_demo.SEED_001, SEED_001_EVENT, SEED_001_GROUPS, SEED_001_FUNDING),
    }
    for key, (seed, data, groups, funding) in specs.items():
        plan = _seed_plan(seed)
        if plan is None:
            continue
        event = Event.objects.filter(plan=plan).first()
        if event is None:
            try:
                with transaction.atomic():
                    event = _record_event(plan, data, groups, funding)
                    for heading, block, after in SEED_SECTIONS[key]:
                        section = _section(plan, heading)
                        if section is not None and not section.block:
                            _use_block_if_identical(section, block, body_after=after)
            except ValidationError:  # documents.workflow.FrozenDocument: an issued record
                event = None
        if event is not None:
            events.append(event)
    return events


# ------------------------------------------------------- online conference (a draft, via services)

ONLINE_TITLE = "Tổ chức Hội nghị trực tuyến triển khai nhiệm vụ cải cách hành chính năm 2024"
TOUR_TITLE = (
    "Tổ chức đoàn công tác học tập kinh nghiệm về cải cách hành chính, chuyển đổi số\n"
    "tại các tỉnh Bình Định, Quảng Ngãi, Lâm Đồng và Ninh Thuận năm 2023"
)


def _draft_plan(
    *, agency: Agency, year: int, title: str, signer_title: str, signer_name: str, **extra
) -> Plan:
    return plan_services.plan_create(
        user=None,
        data={
            "issuing_agency": agency,
            "year": year,
            "title": title,
            "signer_title": signer_title,
            "signer_name": signer_name,
            "archive": "VT, SNV",
            **extra,
        },
    )


def _sections(plan: Plan, specs: list[tuple], parent: Section | None = None) -> None:
    for spec in specs:
        heading, body, block, body_after, children = (*spec, "", "", "", [])[:5]
        section = plan_services.section_create(
            plan=plan,
            parent=parent,
            data={"heading": heading, "body": body, "block": block, "body_after": body_after},
        )
        if children:
            _sections(plan, children, section)


def load_online_conference(venues: dict[str, Venue]) -> Event:
    ubnd = Agency.objects.get(name=plan_demo.UBND_TINH, province=PROVINCE)
    plan = Plan.objects.filter(title=ONLINE_TITLE, year=2024, issuing_agency=ubnd).first()
    if plan is not None and plan.events.exists():
        return plan.events.first()
    if plan is None:
        plan = _draft_plan(
            agency=ubnd,
            year=2024,
            title=ONLINE_TITLE,
            signer_title=plan_demo.SIGNER_DEPUTY,
            signer_name="Nguyễn Thanh Hà",
            opening="Thực hiện Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2024, Ủy ban nhân dân tỉnh "
            "ban hành Kế hoạch tổ chức Hội nghị trực tuyến triển khai nhiệm vụ cải cách hành chính năm 2024 "
            "như sau:",
            closing="Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị, địa phương triển khai, "
            "phối hợp thực hiện.",
            recipients="Như thành phần Hội nghị (VBĐT)\nTT. Tỉnh ủy, TT. HĐND tỉnh\nCổng TTĐT tỉnh",
        )
        _sections(
            plan,
            [
                (
                    "MỤC ĐÍCH, YÊU CẦU",
                    "- Quán triệt, triển khai các nhiệm vụ trọng tâm cải cách hành chính năm 2024 "
                    "đến các cấp "
                    "chính quyền trong tỉnh.\n"
                    "- Tổ chức Hội nghị trực tuyến bảo đảm kết nối thông suốt, tiết kiệm, hiệu quả.",
                ),
                ("THÀNH PHẦN THAM DỰ", "", "event.participants"),
                ("THỜI GIAN, ĐỊA ĐIỂM", "", "event.time_place"),
                (
                    "CÁC ĐIỂM CẦU",
                    "Hội nghị được kết nối trực tuyến từ điểm cầu chính tại UBND tỉnh đến các điểm cầu sau:",
                    "event.sites",
                ),
                ("KINH PHÍ", "", "event.budget"),
                (
                    "TỔ CHỨC THỰC HIỆN",
                    "1. Sở Nội vụ chủ trì, phối hợp Văn phòng UBND tỉnh chuẩn bị nội dung, "
                    "tài liệu Hội nghị.\n"
                    "2. Sở Thông tin và Truyền thông bảo đảm đường truyền, kỹ thuật tại các điểm cầu.\n"
                    "3. UBND các huyện, thị xã, thành phố và UBND các xã có điểm cầu bố trí "
                    "phòng họp, cán bộ "
                    "kỹ thuật và mời thành phần tham dự tại điểm cầu của mình.",
                ),
            ],
        )
    event = services.event_create(
        plan=plan,
        data={
            "kind": EventKind.ONLINE,
            "name": "Hội nghị trực tuyến triển khai nhiệm vụ cải cách hành chính năm 2024",
            "start_date": datetime.date(2024, 1, 18),
            "end_date": datetime.date(2024, 1, 18),
            "chair": "Lãnh đạo UBND tỉnh",
            "expected_total": 395,
            "participants_layout": ParticipantsLayout.ITEMS,
            "item_numbering": ItemNumbering.NUMBERS,
        },
    )
    invited = services.group_create(
        event=event, data={"kind": "invited", "heading": "Tại điểm cầu UBND tỉnh:"}
    )
    for text in (
        "Lãnh đạo UBND tỉnh; thành viên Ban Chỉ đạo Cải cách hành chính tỉnh;",
        "Lãnh đạo các sở, ban, ngành thuộc tỉnh và các cơ quan ngành dọc cấp tỉnh (mỗi cơ quan 01 lãnh đạo).",
    ):
        services.entry_create(group=invited, data={"text": text})
    summoned = services.group_create(
        event=event, data={"kind": "summoned", "heading": "Tại các điểm cầu cấp huyện, cấp xã:"}
    )
    services.entry_create(
        group=summoned,
        data={
            "text": "Lãnh đạo UBND, Văn phòng HĐND và UBND, Phòng Nội vụ các huyện, thị xã, thành phố.",
            "quota_per_agency": 30,
            "quota_note": "mỗi điểm cầu cấp huyện khoảng 30 người",
        },
        agencies=_agencies_of_kind("ubnd-huyen"),
    )
    services.entry_create(
        group=summoned,
        data={
            "text": "Lãnh đạo, công chức UBND các xã, phường, thị trấn có điểm cầu.",
            "quota_per_agency": 15,
            "quota_note": "mỗi điểm cầu cấp xã khoảng 15 người",
        },
        agencies=_agencies_of_kind("ubnd-xa")[:3],
    )
    services.site_create(
        event=event,
        data={
            "level": SiteLevel.PROVINCE,
            "is_main": True,
            "name": "UBND tỉnh Khánh Hòa",
            "agency": ubnd,
            "room": "Phòng họp trực tuyến, tầng 2",
            "participants": "Lãnh đạo UBND tỉnh; thành viên Ban Chỉ đạo; lãnh đạo các sở, ngành",
            "expected_count": 80,
            "contact_name": "Trần Minh Khoa",
            "contact_phone": "0258 3 822 101",
        },
    )
    districts = services.sites_add_agencies(
        event=event,
        agencies=_agencies_of_kind("ubnd-huyen"),
        defaults={
            "room": "Phòng họp trực tuyến",
            "participants": "Lãnh đạo UBND, Văn phòng HĐND và UBND, Phòng Nội vụ",
            "expected_count": 30,
        },
    )
    technicians = (
        "Nguyễn Văn Bình",
        "Trần Thị Thu",
        "Lê Minh Tâm",
        "Phạm Quốc Huy",
        "Võ Thị Hạnh",
        "Đặng Văn Lợi",
        "Huỳnh Thanh Sơn",
        "Bùi Thị Mai",
        "Ngô Đức Trí",
    )
    for index, (site, technician) in enumerate(zip(districts, technicians, strict=False), start=1):
        services.site_update(
            site=site, data={"contact_name": technician, "contact_phone": f"0258 3 8{index:02d} 200"}
        )
    services.sites_add_agencies(
        event=event,
        agencies=_agencies_of_kind("ubnd-xa")[:3],
        defaults={
            "room": "Hội trường UBND",
            "participants": "Lãnh đạo, công chức cấp xã",
            "expected_count": 15,
        },
    )
    services.funding_create(
        event=event, data={"text": "Kinh phí cải cách hành chính tỉnh năm 2024 giao Sở Nội vụ."}
    )
    for description, unit, quantity, price in (
        ("Thuê đường truyền, hỗ trợ kỹ thuật tại các điểm cầu", "điểm cầu", 13, 1_500_000),
        ("In, photo tài liệu Hội nghị", "bộ", 400, 25_000),
        ("Nước uống đại biểu", "người", 400, 20_000),
        ("Trang trí, khánh tiết điểm cầu chính", "gói", 1, 3_500_000),
    ):
        services.budget_item_create(
            event=event,
            data={
                "description": description,
                "unit": unit,
                "quantity": Decimal(quantity),
                "unit_price": price,
            },
        )
    return event


# ------------------------------------------------------- study tour (a draft, via services)


def load_study_tour() -> Event:
    agency = Agency.objects.get(name="Sở Nội vụ", province=PROVINCE)
    plan = Plan.objects.filter(title=TOUR_TITLE, year=2023, issuing_agency=agency).first()
    if plan is not None and plan.events.exists():
        return plan.events.first()
    if plan is None:
        plan = _draft_plan(
            agency=agency,
            year=2023,
            title=TOUR_TITLE,
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Lê Văn Dũng",
            symbol_code="SNV",
            opening="Thực hiện Kế hoạch cải cách hành chính tỉnh năm 2023, Sở Nội vụ "
            "xây dựng Kế hoạch tổ chức "
            "đoàn công tác học tập kinh nghiệm như sau:",
            closing="Trên đây là Kế hoạch tổ chức đoàn công tác học tập kinh nghiệm năm 2023 của Sở Nội vụ.",
            recipients="UBND tỉnh (báo cáo)\nCác cơ quan, đơn vị có thành viên đoàn\nSở Tài chính",
        )
        _sections(
            plan,
            [
                (
                    "MỤC ĐÍCH, YÊU CẦU",
                    "- Học tập mô hình hay, cách làm hiệu quả về cải cách hành chính, chuyển đổi số của các "
                    "tỉnh bạn.\n- Đoàn công tác đi đúng thành phần, thời gian; tiết kiệm, hiệu quả.",
                ),
                (
                    "THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM",
                    "",
                    "",
                    "",
                    [
                        ("Các đoàn công tác", "", "event.delegations"),
                        ("Thời gian", "", "event.time"),
                    ],
                ),
                ("KINH PHÍ", "", "event.budget"),
                (
                    "TỔ CHỨC THỰC HIỆN",
                    "1. Văn phòng Sở liên hệ các tỉnh, bố trí phương tiện, lịch làm việc.\n"
                    "2. Các cơ quan, đơn vị cử thành viên tham gia đoàn theo đúng thành phần, "
                    "gửi danh sách về "
                    "Sở Nội vụ trước ngày 20/9/2023.",
                ),
            ],
        )
    event = services.event_create(
        plan=plan,
        data={
            "kind": EventKind.STUDY_TOUR,
            "name": "Đoàn học tập kinh nghiệm về cải cách hành chính, chuyển đổi số năm 2023",
            "short_name": "đoàn công tác",
            "date_text": "đầu tháng 10 năm 2023",
            "expected_total": 30,
            "item_numbering": ItemNumbering.LETTERS,
        },
    )
    for name, head, members, transport, stops in (
        (
            "Đoàn công tác số 1 (các tỉnh Bình Định, Quảng Ngãi)",
            "Lãnh đạo Sở Nội vụ",
            "Lãnh đạo, công chức Sở Nội vụ\nLãnh đạo Văn phòng HĐND và UBND, Phòng Nội vụ các huyện phía Bắc",
            "Xe ô tô 29 chỗ",
            (
                (
                    "Tỉnh Bình Định",
                    "UBND tỉnh Bình Định",
                    datetime.date(2023, 10, 2),
                    datetime.date(2023, 10, 3),
                ),
                (
                    "Tỉnh Quảng Ngãi",
                    "Sở Nội vụ tỉnh Quảng Ngãi",
                    datetime.date(2023, 10, 4),
                    datetime.date(2023, 10, 4),
                ),
            ),
        ),
        (
            "Đoàn công tác số 2 (các tỉnh Lâm Đồng, Ninh Thuận)",
            "Lãnh đạo Sở Nội vụ",
            "Công chức Sở Nội vụ\nLãnh đạo Văn phòng HĐND và UBND, Phòng Nội vụ các huyện phía Nam",
            "Xe ô tô 29 chỗ",
            (
                (
                    "Tỉnh Lâm Đồng",
                    "UBND tỉnh Lâm Đồng",
                    datetime.date(2023, 10, 9),
                    datetime.date(2023, 10, 10),
                ),
                (
                    "Tỉnh Ninh Thuận",
                    "Sở Nội vụ tỉnh Ninh Thuận",
                    datetime.date(2023, 10, 11),
                    datetime.date(2023, 10, 11),
                ),
            ),
        ),
    ):
        delegation = services.delegation_create(
            event=event,
            data={"name": name, "head": head, "members": members, "member_quota": 15, "transport": transport},
        )
        for place, host, start, end in stops:
            services.destination_create(
                delegation=delegation,
                data={
                    "place": place,
                    "host": host,
                    "inside_province": False,
                    "start_date": start,
                    "end_date": end,
                },
            )
    services.funding_create(
        event=event,
        data={"text": "Kinh phí cải cách hành chính năm 2023 được giao trong dự toán của Sở Nội vụ."},
    )
    for description, unit, quantity, price in (
        ("Thuê xe ô tô 29 chỗ", "ngày", 8, 4_500_000),
        ("Phụ cấp lưu trú", "người/ngày", 120, 200_000),
        ("Tiền thuê phòng nghỉ", "phòng/đêm", 48, 700_000),
    ):
        services.budget_item_create(
            event=event,
            data={
                "description": description,
                "unit": unit,
                "quantity": Decimal(quantity),
                "unit_price": price,
            },
        )
    return event


@transaction.atomic
def load_demo() -> list[Event]:
    """Venues, the seed conferences and the two new demo plans. Safe to run again."""
    if not Agency.objects.filter(name=plan_demo.UBND_TINH, province=PROVINCE).exists():
        plan_demo.load_agencies()
    if _seed_plan(plan_demo.SEED_000) is None or _seed_plan(plan_demo.SEED_001) is None:
        plan_demo.load_seed_documents()
    venues = load_venues()
    events = load_seed_events(venues)
    events.append(load_online_conference(venues))
    events.append(load_study_tour())
    return events
