"""The people and the agencies directory the journeys start from."""

from __future__ import annotations

import datetime

from django.utils import timezone

from plans import services
from plans.permissions import Role
from tests.factories import AgencyFactory, AgencyKindFactory, ProvincialCommitteeFactory, UserFactory


def directory() -> dict:
    """A few real agencies of the province, as an administrator would have entered them."""
    ubnd = ProvincialCommitteeFactory()
    so = AgencyKindFactory(code="so-ban-nganh", name="Sở, ban, ngành")
    agencies = {
        "ubnd": ubnd,
        "snv": AgencyFactory(
            name="Sở Nội vụ",
            short_name="SNV",
            kind=so,
            parent=ubnd,
            header_name="SỞ NỘI VỤ",
            header_short="SNV",
        ),
        "stp": AgencyFactory(name="Sở Tư pháp", short_name="STP", kind=so, parent=ubnd),
        "stc": AgencyFactory(name="Sở Tài chính", short_name="STC", kind=so, parent=ubnd),
        "stttt": AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="STTTT", kind=so, parent=ubnd),
    }
    return agencies


def people(agencies: dict) -> dict:
    """One account per role, named as the demo names them."""
    return {
        "staff": UserFactory(
            username="chuyenvien", first_name="Lan", last_name="Nguyễn Thị", role=Role.STAFF
        ),
        "leader": UserFactory(username="lanhdao", first_name="Minh", last_name="Trần Văn", role=Role.LEADER),
        "clerk": UserFactory(username="vanthu", first_name="Hoa", last_name="Lê Thị", role=Role.CLERK),
        "agency": UserFactory(
            username="daidien",
            first_name="Bình",
            last_name="Phạm Văn",
            role=Role.AGENCY,
            agency=agencies["stp"],
        ),
    }


PLAN_TITLE = "Triển khai công tác cải cách hành chính năm 2027"
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def ahead(days: int) -> datetime.date:
    """A day this many days after today: the journeys' time frames stay in the future."""
    return timezone.localdate() + datetime.timedelta(days=days)


def month_frame(day: datetime.date) -> str:
    return f"Tháng {day.month:02d}/{day.year}"


def quarter_frame(day: datetime.date) -> str:
    return f"Quý {ROMAN_QUARTERS[(day.month - 1) // 3 + 1]}/{day.year}"


def before_frame(day: datetime.date) -> str:
    return f"Trước ngày {day:%d/%m/%Y}"


# Description, time frame, lead agency; the first one is due well after the
# "due soon" window of the progress pages, whenever the tests run.
PLAN_TASKS = [
    ("Xây dựng báo cáo tổng kết công tác cải cách hành chính", month_frame(ahead(70)), "Sở Tư pháp"),
    (
        "Rà soát, công bố thủ tục hành chính thuộc thẩm quyền của tỉnh",
        quarter_frame(ahead(200)),
        "Sở Tài chính",
    ),
    ("Tổ chức Hội nghị triển khai nhiệm vụ cải cách hành chính", month_frame(ahead(100)), "Sở Nội vụ"),
]


def draft_plan(*, staff, agencies: dict):
    """A draft plan of the UBND tỉnh written by ``staff`` through the same services
    the editor uses (so the tasks' lead agencies are matched in the directory)."""
    plan = services.plan_create(
        user=staff,
        data={
            "issuing_agency": agencies["ubnd"],
            "year": timezone.localdate().year,
            "title": PLAN_TITLE,
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Nguyễn Văn An",
            "recipients": "- Các sở, ban, ngành;\n- UBND các huyện, thị xã, thành phố;",
            "archive": "VT, SNV",
        },
    )
    services.section_create(
        plan=plan, data={"heading": "MỤC ĐÍCH, YÊU CẦU", "body": "- Nâng cao chỉ số cải cách hành chính."}
    )
    services.section_create(
        plan=plan,
        data={
            "heading": "NỘI DUNG",
            "body": "Các cơ quan triển khai các nhiệm vụ sau:",
            "block": "plan.tasks",
        },
    )
    for description, time_frame, lead in PLAN_TASKS:
        services.task_create(
            plan=plan, data={"description": description, "time_frame": time_frame, "lead": lead}
        )
    return plan
