"""Copying a plan copies what hangs off it: events with their set-up,
programmes, registration openings (without people) and award campaigns
(without nominations), years shifted."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Programme, ProgrammeSlot, SlotKind
from awards.models import Campaign, Nomination
from conferences.models import Event
from delegates import access
from delegates import services as delegate_services
from delegates.models import AgencyAccessLink, AgencyRegistration, Delegate, RegistrationOpening
from plans import services
from plans.documents import plan_printable, plan_queryset
from plans.models import Plan
from plans.permissions import Role
from tests.awards.factories import AwardTypeFactory, CampaignAgencyFactory, CampaignFactory, NominationFactory
from tests.delegates.factories import OpeningFactory, RegistrationFactory, SectionFactory
from tests.documents.nd30 import Nd30Pdf
from tests.factories import (
    AgencyFactory,
    AppendixFactory,
    BudgetItemFactory,
    DelegationFactory,
    DestinationFactory,
    EventFactory,
    FundingSourceFactory,
    OnlineSiteFactory,
    ParticipantEntryFactory,
    ParticipantGroupFactory,
    PlanFactory,
    ProgrammeFactory,
    ProgrammeSlotFactory,
    UserFactory,
)
from tests.factories import SectionFactory as PlanSectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference_plan():
    """Last year's conference plan with everything hanging off it in use."""
    plan = PlanFactory(year=2024, title="Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2024")
    PlanSectionFactory(plan=plan, position=0, heading="Thời gian, địa điểm", block="event.time_place")
    AppendixFactory(plan=plan, position=0, title="DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", block="agenda.programme")
    event = EventFactory(
        plan=plan,
        name="Hội nghị tổng kết công tác cải cách hành chính năm 2024",
        date_text="dự kiến ngày 29/02/2024 (01 ngày)",
        start_date=datetime.date(2024, 2, 29),
        end_date=datetime.date(2024, 2, 29),
        venue_text="Hội trường 19/8, thành phố Nha Trang",
        expected_total=200,
    )
    agency = AgencyFactory(name="Sở Tư pháp", email="stp@example.org")
    other_agency = AgencyFactory(name="Sở Tài chính", email="stc@example.org")
    group = ParticipantGroupFactory(event=event, heading="Đại biểu mời:")
    entry = ParticipantEntryFactory(
        group=group, text="Lãnh đạo các sở, ngành;", quota_per_agency=2, quota_note="mỗi cơ quan 02 người"
    )
    entry.agencies.set([agency, other_agency])
    OnlineSiteFactory(event=event, name="UBND thị xã Ninh Hòa", contact_phone="0258 2024 123")
    delegation = DelegationFactory(event=event, name="Đoàn học tập kinh nghiệm năm 2024")
    DestinationFactory(delegation=delegation, place="Tỉnh Lâm Đồng", start_date=datetime.date(2024, 5, 6))
    FundingSourceFactory(event=event, text="Kinh phí cải cách hành chính tỉnh năm 2024.")
    BudgetItemFactory(
        event=event, description="Tài liệu hội nghị", quantity=Decimal("200"), unit_price=25_000
    )
    ProgrammeFactory(event=event, title="DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", subtitle="Tổng kết năm 2024")
    ProgrammeSlotFactory(
        event=event,
        position=0,
        content="Báo cáo tổng kết năm 2024",
        start_time=datetime.time(8, 0),
        end_time=datetime.time(8, 30),
    )
    award_slot = ProgrammeSlotFactory(
        event=event,
        position=1,
        kind=SlotKind.AWARDS,
        content="Công bố Quyết định khen thưởng năm 2024",
        start_time=datetime.time(8, 30),
        end_time=datetime.time(9, 0),
    )

    opening = OpeningFactory(
        event=event, title="Đăng ký đại biểu dự Hội nghị tổng kết năm 2024", capacity=180
    )
    section = SectionFactory(opening=opening, title="Trong tỉnh", quota_per_agency=3, capacity=150)
    registration = RegistrationFactory(opening=opening, agency=agency, quota=3, contact_name="Chị Lan")
    RegistrationFactory(opening=opening, agency=other_agency, quota=2)
    delegate_services.registration_save(
        registration=registration,
        rows=[
            delegate_services.PersonRow(
                full_name="Nguyễn Văn Bình", phone="+84905123456", section_id=section.pk
            )
        ],
        actor=delegate_services.Actor(label="Sở Tư pháp"),
        submit=True,
    )
    access.issue_link(agency=agency, target=opening, expires_at=timezone.now() + datetime.timedelta(days=30))

    award_type = AwardTypeFactory()
    campaign = CampaignFactory(
        plan=plan,
        event=event,
        announce_slot=award_slot,
        award_types=[award_type],
        deadline=timezone.make_aware(datetime.datetime(2024, 3, 10, 17, 0)),
        instructions="Gửi hồ sơ trước ngày 10/3/2024.",
    )
    CampaignAgencyFactory(campaign=campaign, agency=agency, quota=4)
    NominationFactory(campaign=campaign, agency=agency, award_type=award_type, proposed_award_type=award_type)
    return plan


def _counts() -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "slots": ProgrammeSlot.objects.count(),
        "openings": RegistrationOpening.objects.count(),
        "registrations": AgencyRegistration.objects.count(),
        "delegates": Delegate.objects.count(),
        "links": AgencyAccessLink.objects.count(),
        "campaigns": Campaign.objects.count(),
        "nominations": Nomination.objects.count(),
    }


def test_copy_brings_last_years_set_up_with_years_shifted(conference_plan):
    source = conference_plan
    old_event = source.events.get()
    user = UserFactory()
    before = _counts()

    new = services.plan_copy(plan=source, years=1, user=user)

    event = new.events.get()
    assert event.name == "Hội nghị tổng kết công tác cải cách hành chính năm 2025"
    assert event.date_text == "dự kiến ngày 28/02/2025 (01 ngày)"
    assert (event.start_date, event.end_date) == (datetime.date(2025, 2, 28), datetime.date(2025, 2, 28))
    # "19/8" is the hall's name, not a year
    assert event.venue_text == "Hội trường 19/8, thành phố Nha Trang"
    assert event.venue_id == old_event.venue_id
    assert event.expected_total == 200

    entry = event.participant_groups.get().entries.get()
    assert (entry.text, entry.quota_per_agency, entry.quota_note) == (
        "Lãnh đạo các sở, ngành;",
        2,
        "mỗi cơ quan 02 người",
    )
    assert sorted(entry.agencies.values_list("name", flat=True)) == ["Sở Tài chính", "Sở Tư pháp"]
    site = event.sites.get()
    assert (site.name, site.contact_phone) == ("UBND thị xã Ninh Hòa", "0258 2024 123")
    delegation = event.delegations.get()
    assert delegation.name == "Đoàn học tập kinh nghiệm năm 2025"
    assert delegation.destinations.get().start_date == datetime.date(2025, 5, 6)
    assert event.funding_sources.get().text == "Kinh phí cải cách hành chính tỉnh năm 2025."
    item = event.budget_items.get()
    assert (item.description, item.quantity, item.unit_price) == ("Tài liệu hội nghị", Decimal("200"), 25_000)

    programme = Programme.objects.get(event=event)
    assert (programme.title, programme.subtitle) == ("DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ", "Tổng kết năm 2025")
    slots = list(event.programme_slots.order_by("position"))
    assert [(s.content, s.start_time, s.kind) for s in slots] == [
        ("Báo cáo tổng kết năm 2025", datetime.time(8, 0), SlotKind.REPORT),
        ("Công bố Quyết định khen thưởng năm 2025", datetime.time(8, 30), SlotKind.AWARDS),
    ]

    opening = RegistrationOpening.objects.get(event=event)
    assert (opening.title, opening.capacity) == ("Đăng ký đại biểu dự Hội nghị tổng kết năm 2025", 180)
    assert opening.deadline <= timezone.now()  # closed until staff set the new deadline
    assert opening.created_by == user
    assert [(s.title, s.quota_per_agency, s.capacity) for s in opening.sections.all()] == [
        ("Trong tỉnh", 3, 150)
    ]
    invited = list(opening.registrations.order_by("agency__name"))
    assert [(r.agency.name, r.quota, r.status, r.contact_name) for r in invited] == [
        ("Sở Tài chính", 2, "not_started", ""),
        ("Sở Tư pháp", 3, "not_started", ""),
    ]
    assert not Delegate.objects.filter(opening=opening).exists()
    assert access.links_for(opening).count() == 0

    campaign = Campaign.objects.get(plan=new)
    assert campaign.title == "Khen thưởng thành tích cải cách hành chính năm 2020"
    assert campaign.instructions == "Gửi hồ sơ trước ngày 10/3/2025."
    assert campaign.event == event
    assert campaign.announce_slot == slots[1]
    assert timezone.localtime(campaign.deadline).date() == datetime.date(2025, 3, 10)
    assert campaign.closed and not campaign.is_open()
    assert list(campaign.award_types.all()) == list(Campaign.objects.get(plan=source).award_types.all())
    assert [(i.agency.name, i.quota) for i in campaign.invitations.all()] == [("Sở Tư pháp", 4)]
    assert not campaign.nominations.exists()

    # The old plan keeps all it had, people and nominations included.
    after = _counts()
    assert after["delegates"] == before["delegates"] == 1
    assert after["nominations"] == before["nominations"] == 1
    assert after["links"] == before["links"] == 1
    assert (after["events"], after["slots"], after["campaigns"]) == (2, 4, 2)
    old_campaign = Campaign.objects.get(plan=source)
    assert old_campaign.event == old_event and not old_campaign.closed
    assert source.events.get().name.endswith("năm 2024")


def test_printed_copy_shows_the_copied_programme_and_event_in_the_new_year(conference_plan):
    new = services.plan_copy(plan=conference_plan, years=1, user=None)
    text = Nd30Pdf(plan_printable(plan_queryset().get(pk=new.pk)).render_pdf()).text()
    flat = " ".join(text.split())
    assert "Báo cáo tổng kết năm 2025" in flat
    assert "Công bố Quyết định khen thưởng năm 2025" in flat
    assert "28/02/2025" in flat
    assert "2024" not in flat


def test_copy_without_events_copies_campaigns_unlinked(conference_plan):
    new = services.plan_copy(plan=conference_plan, years=1, user=None, include=["awards"])
    assert not new.events.exists()
    campaign = Campaign.objects.get(plan=new)
    assert (campaign.event, campaign.announce_slot) == (None, None)
    assert not RegistrationOpening.objects.filter(event__plan=new).exists()


def test_a_correction_copies_the_printed_events_but_leaves_registrations_and_campaigns(conference_plan):
    Plan.objects.filter(pk=conference_plan.pk).update(status="issued", number=12)
    conference_plan.refresh_from_db()
    new = services.plan_replace(plan=conference_plan, user=None)
    assert new.events.get().name == "Hội nghị tổng kết công tác cải cách hành chính năm 2024"
    assert new.events.get().programme_slots.count() == 2
    assert not RegistrationOpening.objects.filter(event__plan=new).exists()
    assert not Campaign.objects.filter(plan=new).exists()


def test_copy_form_lists_what_will_be_copied_ticked(client_for, conference_plan):
    client = client_for(Role.STAFF)
    response = client.get(reverse("plans:copy", args=[conference_plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Sự kiện và chương trình (1)",
        "Đợt đăng ký đại biểu (không gồm danh sách) (1)",
        "Đợt khen thưởng (không gồm đề nghị) (1)",
    ):
        assert label in html
    assert html.count('name="include"') == 3
    assert html.count("checked") >= 3


def test_copy_form_copies_only_what_is_ticked(client_for, conference_plan):
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("plans:copy", args=[conference_plan.pk]), {"years": "1", "include": ["events"]}
    )
    new = Plan.objects.exclude(pk=conference_plan.pk).get()
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.events.count() == 1
    assert not RegistrationOpening.objects.filter(event__plan=new).exists()
    assert not Campaign.objects.filter(plan=new).exists()


def test_copy_form_refuses_registrations_without_their_events(client_for, conference_plan):
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("plans:copy", args=[conference_plan.pk]), {"years": "1", "include": ["registrations"]}
    )
    assert response.status_code == 200
    assert "phải sao chép cả «Sự kiện và chương trình»" in response.content.decode()
    assert Plan.objects.count() == 1


def test_an_agency_cannot_copy_a_plan(client_for, conference_plan):
    client = client_for(Role.AGENCY)
    response = client.post(reverse("plans:copy", args=[conference_plan.pk]), {"years": "1"})
    assert response.status_code == 403
    assert Plan.objects.count() == 1


def test_after_the_copy_the_user_is_told_what_is_closed(client_for, conference_plan):
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("plans:copy", args=[conference_plan.pk]),
        {"years": "1", "include": ["events", "registrations", "awards"]},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã sao chép thành kế hoạch mới năm 2025." in html
    assert "Đợt đăng ký đại biểu sao chép đang đóng: hãy đặt hạn đăng ký mới rồi gửi liên kết." in html
    assert "Đợt khen thưởng sao chép đang đóng: hãy rà soát, đặt hạn mới rồi mở lại." in html
