"""Demo data: registration opened for the seed-001 conference (PAR-Index,
SIPAS, PCI, PAPI 2022) with quotas from its participants, two sections, a
few agencies' lists (submitted, draft, not started) and a draft GIẤY MỜI.

``load_demo()`` is idempotent: it does nothing when the conference already
has a registration opening. Wired into ``manage.py loaddemo`` by the lead.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from conferences.models import Event
from plans.models import Agency, Plan

from . import normalize, selectors, services
from .models import Invitation, RegistrationOpening
from .services import Actor, Invite, PersonRow, SectionSpec

PROVINCE = "Khánh Hòa"
SEED_001_TITLE_START = "Tổ chức Hội nghị phân tích, đánh giá"
DEMO_ACTOR = Actor(label="Dữ liệu mẫu", staff=True)

# (agency, quota, [(name, title, unit, phone, section index)], submit)
LISTS = [
    (
        "Ủy ban nhân dân thành phố Nha Trang",
        3,
        [
            ("Nguyễn Văn Hùng", "Phó Chủ tịch UBND thành phố", "UBND thành phố Nha Trang", "0905 111 201", 1),
            ("Trần Thị Thu Hà", "Chánh Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND", "0914 222 302", 1),
            ("Lê Minh Đức", "Trưởng phòng Nội vụ", "Phòng Nội vụ", "0258 3822 222", 1),
        ],
        True,
    ),
    (
        "Ủy ban nhân dân thị xã Ninh Hòa",
        3,
        [
            ("Võ Thị Ánh", "Phó Chủ tịch UBND thị xã", "UBND thị xã Ninh Hòa", "0935 333 403", 1),
            ("Đặng Văn Ân", "Trưởng phòng Nội vụ", "Phòng Nội vụ", "0976 444 504", 1),
        ],
        True,
    ),
    (
        "Ủy ban nhân dân huyện Vạn Ninh",
        3,
        [("Phạm Quốc Bảo", "Phó Chủ tịch UBND huyện", "UBND huyện Vạn Ninh", "0988 555 605", 1)],
        False,
    ),
    (
        "Sở Kế hoạch và Đầu tư",
        2,
        [("Hoàng Thị Yến", "Phó Giám đốc", "Sở Kế hoạch và Đầu tư", "0903 666 706", 0)],
        True,
    ),
]
# Invited, nothing registered yet (Sở Tư pháp is the demo agency account "daidien").
INVITED_ONLY = [("Sở Tư pháp", 2), ("Sở Tài chính", 2), ("Sở Thông tin và Truyền thông", 2)]


def _seed_001_event() -> Event | None:
    plan = (
        Plan.objects.filter(title__startswith=SEED_001_TITLE_START, year=2023, number=4417)
        .order_by("pk")
        .first()
    )
    return Event.objects.filter(plan=plan).order_by("position", "pk").first() if plan else None


def _agency(name: str) -> Agency | None:
    return Agency.objects.filter(name=name, province=PROVINCE).first()


@transaction.atomic
def load_demo() -> RegistrationOpening | None:
    """Open registration for the seed-001 conference once; returns the opening."""
    event = _seed_001_event()
    if event is None:
        return None
    existing = RegistrationOpening.objects.filter(event=event).order_by("pk").first()
    if existing is not None:
        return existing
    deadline = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    invites = [Invite(agency, quota) for agency, quota in selectors.suggested_invites(event)]
    invited = {invite.agency.pk for invite in invites}
    for name, quota in [(name, quota) for name, quota, _people, _submit in LISTS] + INVITED_ONLY:
        agency = _agency(name)
        if agency is not None and agency.pk not in invited:
            invites.append(Invite(agency, quota))
            invited.add(agency.pk)
    opening = services.opening_create(
        event=event,
        title=f"Đăng ký đại biểu dự {event.name}",
        deadline=deadline,
        capacity=event.expected_total or 200,
        sections=[SectionSpec("Đại biểu mời"), SectionSpec("Đại biểu triệu tập")],
        invites=invites,
        instructions="Mỗi địa phương đăng ký 03 lãnh đạo; các sở, ngành đăng ký 02 người.",
    )
    sections = list(opening.sections.all())
    for name, _quota, people, submit in LISTS:
        registration = opening.registrations.filter(agency__name=name).first()
        if registration is None:
            continue
        rows = [
            PersonRow(
                full_name=full_name,
                title=title,
                unit=unit,
                phone=normalize.parse_phone(phone),
                section_id=sections[section].pk,
            )
            for full_name, title, unit, phone, section in people
        ]
        services.registration_save(registration=registration, rows=rows, actor=DEMO_ACTOR, submit=submit)
    department = _agency("Sở Nội vụ")
    if department is not None:
        Invitation.objects.create(
            opening=opening,
            issuing_agency=department,
            title="Dự Hội nghị phân tích, đánh giá các Chỉ số\nPAR-Index, SIPAS, PCI, PAPI năm 2022",
            opening_text=(
                "Thực hiện Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023 của Ủy ban nhân dân tỉnh về "
                "tổ chức Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022, "
                "Sở Nội vụ trân trọng kính mời:"
            ),
            attend_text=(
                "Tới dự Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022 và "
                "bàn giải pháp tiếp tục cải thiện các Chỉ số đánh giá tỉnh Khánh Hòa"
            ),
            chair="Lãnh đạo UBND tỉnh",
            time_text="01 buổi, bắt đầu lúc 07 giờ 30 phút, ngày 25/5/2023 (thứ Năm)",
            place_text="Hội trường khách sạn Sunrise, số 12 - 14 Trần Phú, thành phố Nha Trang",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Trần Thị Minh Hà",
            recipients="Như trên\nUBND tỉnh (b/c)\nGiám đốc Sở (b/c)",
            archive="VT, CCHC",
        )
    return opening


def describe_demo() -> str:
    """``loaddemo`` hook (plans.demo_registry): open the demo registration, say what it holds."""
    from django.utils.translation import gettext as _

    opening = load_demo()
    if opening is None:
        return _("Đăng ký đại biểu mẫu: chưa có hội nghị mẫu 001.")
    return _("Đăng ký đại biểu mẫu: %(agencies)d cơ quan được mời, %(people)d người đã đăng ký.") % {
        "agencies": opening.registrations.count(),
        "people": opening.delegates.count(),
    }
