"""awards.demo.load_demo on top of the project's demo data: idempotent,
linked to the seed-000 conference and its awards slot."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from awards import demo
from awards.models import AwardType, Campaign, Nomination

pytestmark = pytest.mark.django_db


def test_load_demo_twice(capsys):
    call_command("loaddemo")
    first = demo.load_demo()
    assert first is not None
    demo.load_demo()
    capsys.readouterr()
    assert Campaign.objects.count() == 1
    campaign = Campaign.objects.get()
    assert campaign.plan.title.startswith(demo.SEED_000_TITLE_START)
    assert campaign.event is not None
    assert campaign.announce_slot is not None
    assert campaign.announce_slot.content.startswith("Công bố Quyết định khen thưởng")
    assert Nomination.objects.count() == len(demo.NOMINATIONS)
    assert campaign.invitations.count() == len(demo.INVITED)
    assert AwardType.objects.filter(name="Bằng khen của Thủ tướng Chính phủ").exists()
    assert campaign.is_open()
