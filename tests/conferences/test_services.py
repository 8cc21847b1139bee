import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conferences import selectors, services
from conferences.models import Event, OnlineSite, SiteLevel
from documents.models import DocumentStatus
from plans.models import Plan
from tests.factories import (
    AgencyFactory,
    AgencyKindFactory,
    BudgetItemFactory,
    DelegationFactory,
    EventFactory,
    OnlineSiteFactory,
    ParticipantEntryFactory,
    ParticipantGroupFactory,
    PlanFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def _event(**kwargs) -> Event:
    event = EventFactory(**kwargs)
    return selectors.event_detail(plan_pk=event.plan_id, pk=event.pk)


def _districts(count=9):
    kind = AgencyKindFactory(code="ubnd-huyen", name="UBND cấp huyện")
    return [AgencyFactory(kind=kind, name=f"Ủy ban nhân dân huyện Thử {i}") for i in range(count)]


def test_quota_total_counts_quota_times_linked_agencies():
    event = EventFactory(expected_total=200)
    entry = ParticipantEntryFactory(group=ParticipantGroupFactory(event=event), quota_per_agency=3)
    entry.agencies.set(_districts(9))
    ParticipantEntryFactory(group=entry.group, quota_per_agency=5)  # no agency linked: counts once
    event = selectors.event_detail(plan_pk=event.plan_id, pk=event.pk)
    assert selectors.quota_total(event) == 27 + 5
    assert selectors.event_warnings(event) == []


def test_warning_when_quotas_exceed_the_expected_total():
    event = EventFactory(expected_total=20)
    entry = ParticipantEntryFactory(group=ParticipantGroupFactory(event=event), quota_per_agency=3)
    entry.agencies.set(_districts(9))
    warnings = selectors.event_warnings(selectors.event_detail(plan_pk=event.plan_id, pk=event.pk))
    assert [w.code for w in warnings] == ["quota_over_expected"]
    assert warnings[0].message == (
        "Tổng số người theo định mức đăng ký (27) vượt tổng số đại biểu dự kiến (20)."
    )


def test_warnings_when_the_venue_is_too_small():
    venue = VenueFactory(name="Hội trường nhỏ", capacity=100)
    event = EventFactory(expected_total=150, venue=venue)
    entry = ParticipantEntryFactory(group=ParticipantGroupFactory(event=event), quota_per_agency=12)
    entry.agencies.set(_districts(9))
    warnings = selectors.event_warnings(selectors.event_detail(plan_pk=event.plan_id, pk=event.pk))
    assert [w.code for w in warnings] == ["expected_over_capacity", "quota_over_capacity"]
    assert warnings[0].message == "Tổng số đại biểu dự kiến (150) vượt sức chứa của Hội trường nhỏ (100 chỗ)."


def test_warning_when_sites_and_delegations_disagree_with_the_total():
    online = EventFactory(kind="online", expected_total=100)
    OnlineSiteFactory(event=online, expected_count=30, is_main=True)
    OnlineSiteFactory(event=online, expected_count=30)
    codes = [
        w.code for w in selectors.event_warnings(selectors.event_detail(plan_pk=online.plan_id, pk=online.pk))
    ]
    assert codes == ["sites_differ"]

    tour = EventFactory(kind="study_tour", expected_total=30)
    DelegationFactory(event=tour, member_quota=15)
    DelegationFactory(event=tour, member_quota=15)
    assert selectors.event_warnings(selectors.event_detail(plan_pk=tour.plan_id, pk=tour.pk)) == []


def test_online_conference_without_main_site_is_flagged():
    online = EventFactory(kind="online")
    OnlineSiteFactory(event=online, expected_count=None)
    codes = [
        w.code for w in selectors.event_warnings(selectors.event_detail(plan_pk=online.plan_id, pk=online.pk))
    ]
    assert codes == ["no_main_site"]


def test_budget_totals_multiply_quantity_by_unit_price():
    event = EventFactory()
    BudgetItemFactory(event=event, quantity=Decimal("400"), unit_price=25_000)
    BudgetItemFactory(event=event, quantity=Decimal("1.5"), unit_price=3_333)  # 4999.5 -> 5000
    BudgetItemFactory(event=event, quantity=Decimal("13"), unit_price=1_500_000)
    event = selectors.event_detail(plan_pk=event.plan_id, pk=event.pk)
    assert [item.amount for item in event.budget_items.all()] == [10_000_000, 5_000, 19_500_000]
    assert selectors.budget_total(event) == 29_505_000


def test_negative_quantity_is_refused():
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        services.budget_item_create(
            event=event, data={"description": "Nước uống", "quantity": Decimal("-1"), "unit_price": 1000}
        )
    assert error.value.message_dict == {"quantity": ["Số lượng không được âm."]}


def test_only_one_main_site_per_event():
    event = EventFactory(kind="online")
    first = services.site_create(
        event=event, data={"name": "UBND tỉnh", "is_main": True, "level": SiteLevel.PROVINCE}
    )
    second = services.site_create(event=event, data={"name": "UBND huyện A", "is_main": True})
    first.refresh_from_db()
    assert (first.is_main, second.is_main) == (False, True)


def test_sites_from_the_directory_skip_agencies_that_have_one():
    event = EventFactory(kind="online")
    districts = _districts(9)
    services.site_create(event=event, data={"name": "UBND huyện Thử 0", "agency": districts[0]})
    created = services.sites_add_agencies(event=event, agencies=districts, defaults={"expected_count": 30})
    assert len(created) == 8
    assert list(OnlineSite.objects.filter(event=event).values_list("name", "level", "position"))[:3] == [
        ("UBND huyện Thử 0", SiteLevel.DISTRICT, 0),
        ("UBND huyện Thử 1", SiteLevel.DISTRICT, 1),
        ("UBND huyện Thử 2", SiteLevel.DISTRICT, 2),
    ]
    assert services.sites_add_agencies(event=event, agencies=districts) == []


def test_sites_only_for_online_conferences_and_delegations_only_for_study_tours():
    event = EventFactory(kind="conference")
    with pytest.raises(ValidationError, match="Chỉ hội nghị trực tuyến"):
        services.site_create(event=event, data={"name": "UBND huyện A"})
    with pytest.raises(ValidationError, match="Chỉ chuyến học tập kinh nghiệm"):
        services.delegation_create(event=event, data={"name": "Đoàn 1"})


def test_an_issued_plans_events_are_frozen():
    plan = PlanFactory(status=DocumentStatus.ISSUED, number=15, issued_on=datetime.date(2020, 2, 5))
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.event_create(plan=plan, data={"name": "Hội nghị"})
    event = EventFactory(plan=plan)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.event_update(event=event, data={"name": "Khác"})
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.group_create(event=event, data={"heading": "Đại biểu mời:"})


def test_end_date_before_start_date_is_refused():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as error:
        services.event_create(
            plan=plan,
            data={
                "name": "Hội nghị",
                "start_date": datetime.date(2024, 3, 2),
                "end_date": datetime.date(2024, 3, 1),
            },
        )
    assert error.value.message_dict == {"end_date": ["Ngày kết thúc phải từ ngày bắt đầu trở đi."]}
    assert not Plan.objects.get(pk=plan.pk).events.exists()


def test_moving_rows_keeps_positions_dense():
    event = EventFactory()
    groups = [services.group_create(event=event, data={"heading": f"Nhóm {i}:"}) for i in range(3)]
    services.group_move(group=groups[2], direction="up")
    assert [g.heading for g in event.participant_groups.order_by("position")] == [
        "Nhóm 0:",
        "Nhóm 2:",
        "Nhóm 1:",
    ]
    assert [g.position for g in event.participant_groups.order_by("position")] == [0, 1, 2]
