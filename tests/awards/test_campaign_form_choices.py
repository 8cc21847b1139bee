"""The campaign form offers only the chosen plan's events and the chosen
event's programme slots, and refuses others next to the field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awards.models import Campaign
from plans.permissions import Role
from tests.factories import EventFactory, PlanFactory, ProgrammeSlotFactory

from .factories import AwardTypeFactory, CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_plans():
    ours = PlanFactory(title="Kế hoạch của đợt này")
    theirs = PlanFactory(title="Kế hoạch khác")
    our_event = EventFactory(plan=ours, name="Hội nghị tổng kết của ta")
    other_event_same_plan = EventFactory(plan=ours, name="Hội nghị sơ kết của ta")
    their_event = EventFactory(plan=theirs, name="Hội nghị của kế hoạch khác")
    return {
        "ours": ours,
        "theirs": theirs,
        "our_event": our_event,
        "our_other_event": other_event_same_plan,
        "their_event": their_event,
        "our_slot": ProgrammeSlotFactory(
            event=our_event, kind="awards", content="Công bố khen thưởng của ta"
        ),
        "sibling_slot": ProgrammeSlotFactory(
            event=other_event_same_plan, content="Dòng của hội nghị\n*sơ kết*"
        ),
        "their_slot": ProgrammeSlotFactory(event=their_event, content="Dòng của kế hoạch khác"),
    }


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [" ".join(text.split()) for text in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_edit_form_lists_only_the_campaigns_plan_and_event(client_for, two_plans):
    campaign = CampaignFactory(plan=two_plans["ours"], event=two_plans["our_event"])
    html = client_for(Role.STAFF).get(reverse("awards:edit", args=[campaign.pk])).content.decode()
    assert _options(html, "event") == [
        "— Không gắn với hội nghị —",
        "Hội nghị tổng kết của ta",
        "Hội nghị sơ kết của ta",
    ]
    assert _options(html, "announce_slot") == [
        "— Không gắn với dòng chương trình —",
        "Công bố khen thưởng của ta ★",
    ]


def test_new_form_without_a_plan_asks_for_the_plan_first(client_for, two_plans):
    html = client_for(Role.STAFF).get(reverse("awards:create")).content.decode()
    assert _options(html, "event") == ["— Chọn kế hoạch trước —"]
    assert _options(html, "announce_slot") == ["— Chọn hội nghị trước —"]


def test_choosing_another_plan_or_event_refreshes_the_lists(client_for, two_plans):
    client = client_for(Role.STAFF)
    url = reverse("awards:create")
    html = client.get(
        url, {"part": "links", "plan": two_plans["theirs"].pk, "event": two_plans["our_event"].pk}
    ).content.decode()
    assert html.lstrip().startswith('<div id="campaign-links">')
    assert _options(html, "event") == ["— Không gắn với hội nghị —", "Hội nghị của kế hoạch khác"]
    assert _options(html, "announce_slot") == ["— Chọn hội nghị trước —"]

    html = client.get(
        url, {"part": "links", "plan": two_plans["ours"].pk, "event": two_plans["our_other_event"].pk}
    ).content.decode()
    assert _options(html, "announce_slot") == [
        "— Không gắn với dòng chương trình —",
        "Dòng của hội nghị sơ kết",
    ]

    empty = PlanFactory()
    html = client.get(url, {"part": "links", "plan": empty.pk}).content.decode()
    assert _options(html, "event") == ["— Kế hoạch này chưa có hội nghị —"]


def _post(client, plans, **changes):
    data = {
        "plan": plans["ours"].pk,
        "event": plans["our_event"].pk,
        "announce_slot": plans["our_slot"].pk,
        "title": "Khen thưởng năm 2024",
        "achievement": "công tác cải cách hành chính năm 2024",
        "award_types": [AwardTypeFactory().pk],
        "deadline": "2030-03-01T17:00",
        **changes,
    }
    return client.post(reverse("awards:create"), data)


def _field_error(html: str, field: str) -> str:
    match = re.search(rf'id="error_\d+_id_{field}"[^>]*>\s*<strong>([^<]+)</strong>', html)
    return match.group(1) if match else ""


def test_an_event_of_another_plan_is_refused_next_to_the_field(client_for, two_plans):
    client = client_for(Role.STAFF)
    response = _post(client, two_plans, event=two_plans["their_event"].pk, announce_slot="")
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "event") == "Hội nghị không thuộc kế hoạch đã chọn."
    assert not Campaign.objects.exists()


def test_a_slot_of_another_event_is_refused_next_to_the_field(client_for, two_plans):
    client = client_for(Role.STAFF)
    for slot in (two_plans["sibling_slot"], two_plans["their_slot"]):
        response = _post(client, two_plans, announce_slot=slot.pk)
        assert response.status_code == 200
        html = response.content.decode()
        assert _field_error(html, "announce_slot") == "Dòng chương trình không thuộc hội nghị đã chọn."
    response = _post(client, two_plans, event="", announce_slot=two_plans["our_slot"].pk)
    assert _field_error(response.content.decode(), "announce_slot") == (
        "Dòng chương trình không thuộc hội nghị đã chọn."
    )
    assert not Campaign.objects.exists()


def test_the_plans_own_event_and_slot_are_saved(client_for, two_plans):
    response = _post(client_for(Role.STAFF), two_plans)
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.event, campaign.announce_slot) == (two_plans["our_event"], two_plans["our_slot"])


def test_only_staff_get_the_lists(client_for, two_plans):
    for role in (Role.AGENCY, Role.LEADER):
        response = client_for(role).get(
            reverse("awards:create"), {"part": "links", "plan": two_plans["ours"].pk}
        )
        assert response.status_code == 403
