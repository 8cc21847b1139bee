"""Demo data of the awards app: the award types and a campaign for the
seed-000 conference (review of administrative reform 2019), with a few
nominations from two agencies. Safe to run again: nothing is created twice.

``load_demo()`` is meant to run after the plans, conferences and agenda
demo data (it finds the seed-000 plan by its title and its awards slot).
"""

from __future__ import annotations

import datetime
import importlib

from django.db import transaction
from django.utils import timezone

from agenda.models import ProgrammeSlot, SlotKind
from plans.models import Agency, Plan

from . import services, text
from .models import AwardType, Campaign, CampaignAgency, Nomination, NominationStatus, NomineeKind

SEED_000_TITLE_START = "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019"
CAMPAIGN_TITLE = "Khen thưởng thành tích cải cách hành chính năm 2019"
ACHIEVEMENT = "công tác cải cách hành chính năm 2019"
OFFERED = (
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Tập thể lao động xuất sắc",
    "Giải Nhất Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
    "Giải Nhì Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
    "Giải Ba Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
    "Giải Khuyến khích Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
)
# (agency, quota)
INVITED = (
    ("Sở Tư pháp", 5),
    ("Sở Tài chính", 5),
    ("Sở Giáo dục và Đào tạo", 5),
    ("Ủy ban nhân dân huyện Cam Lâm", 6),
    ("Ủy ban nhân dân huyện Diên Khánh", 6),
)
# (agency, kind, name, position, unit, award type, status, reason)
NOMINATIONS = (
    (
        "Sở Tài chính",
        NomineeKind.COLLECTIVE,
        "Phòng Quản lý ngân sách",
        "",
        "Sở Tài chính",
        OFFERED[0],
        NominationStatus.ACCEPTED,
        "",
    ),
    (
        "Sở Tài chính",
        NomineeKind.INDIVIDUAL,
        "Võ Thị Thu Hà",
        "Phó Chánh Văn phòng",
        "Sở Tài chính",
        OFFERED[0],
        NominationStatus.ACCEPTED,
        "",
    ),
    (
        "Sở Giáo dục và Đào tạo",
        NomineeKind.INDIVIDUAL,
        "Lê Minh Tuấn",
        "Chuyên viên Phòng Tổ chức cán bộ",
        "Sở Giáo dục và Đào tạo",
        OFFERED[2],
        NominationStatus.ACCEPTED,
        "",
    ),
    (
        "Sở Giáo dục và Đào tạo",
        NomineeKind.COLLECTIVE,
        "Trường Trung học phổ thông Lý Tự Trọng",
        "",
        "Sở Giáo dục và Đào tạo",
        OFFERED[0],
        NominationStatus.SUBMITTED,
        "",
    ),
)


def ensure_award_types() -> list[AwardType]:
    """The award types of the data migration, recreated if an administrator deleted them."""
    migration = importlib.import_module("awards.migrations.0002_award_types")
    types = []
    for position, row in enumerate(migration.AWARD_TYPES, start=1):
        name, kind, by, contest, collectives, individuals, amount_c, amount_i = row
        award_type, _created = AwardType.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "conferred_by": by,
                "contest": contest,
                "for_collectives": collectives,
                "for_individuals": individuals,
                "amount_collective": amount_c,
                "amount_individual": amount_i,
                "position": position * 10,
            },
        )
        types.append(award_type)
    return types


def seed_plan() -> Plan | None:
    return Plan.objects.filter(title__startswith=SEED_000_TITLE_START).order_by("year", "pk").first()


@transaction.atomic
def load_demo() -> Campaign | None:
    ensure_award_types()
    plan = seed_plan()
    if plan is None:
        return None
    event = plan.events.order_by("position", "id").first()
    slot = (
        ProgrammeSlot.objects.filter(event=event, kind=SlotKind.AWARDS).order_by("position", "id").first()
        if event is not None
        else None
    )
    campaign = Campaign.objects.filter(plan=plan, title=CAMPAIGN_TITLE).first()
    if campaign is None:
        campaign = services.campaign_save(
            plan=plan,
            event=event,
            announce_slot=slot,
            title=CAMPAIGN_TITLE,
            achievement=ACHIEVEMENT,
            # Open for a month from the first load, so that the demo agencies can nominate.
            deadline=timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=30),
            award_types=AwardType.objects.filter(name__in=OFFERED),
            instructions=(
                "Mỗi cơ quan, đơn vị đề nghị tập thể, cá nhân có thành tích xuất sắc, tiêu biểu; "
                "gửi kèm báo cáo thành tích (PDF) nếu có."
            ),
        )
    elif slot is not None and campaign.announce_slot_id is None:
        Campaign.objects.filter(pk=campaign.pk).update(announce_slot=slot, event=event)
    agencies = {agency.name: agency for agency in Agency.objects.filter(name__in=[n for n, _q in INVITED])}
    for name, quota in INVITED:
        if name in agencies:
            CampaignAgency.objects.get_or_create(
                campaign=campaign, agency=agencies[name], defaults={"quota": quota}
            )
    types = {t.name: t for t in AwardType.objects.filter(name__in=OFFERED)}
    for agency_name, kind, name, position, unit, type_name, status, reason in NOMINATIONS:
        agency = agencies.get(agency_name)
        if agency is None:
            continue
        exists = Nomination.objects.filter(
            campaign=campaign, kind=kind, name_key=text.name_key(name), unit_key=text.name_key(unit)
        ).exists()
        if exists:
            continue
        if not campaign.is_open():
            break
        nomination = services.nomination_create(
            campaign=campaign,
            agency=agency,
            data={
                "kind": kind,
                "name": name,
                "position": position,
                "unit": unit,
                "award_type": types[type_name],
                "achievements": "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2019; "
                "có sáng kiến rút ngắn thời gian giải quyết thủ tục hành chính.",
            },
        )
        if status != NominationStatus.SUBMITTED:
            services.nomination_review(
                nomination=nomination, action=services.ReviewAction.ACCEPT, reason=reason
            )
    return campaign


def describe_demo() -> str:
    """``loaddemo`` hook (plans.demo_registry): load, say what was loaded."""
    from django.utils.translation import gettext as _

    campaign = load_demo()
    if campaign is None:
        return _("Khen thưởng: chưa có kế hoạch mẫu Hội nghị tổng kết CCHC năm 2019, bỏ qua.")
    return _("Đợt khen thưởng mẫu: «%(title)s», %(count)d đề nghị.") % {
        "title": campaign.title,
        "count": campaign.nominations.count(),
    }
