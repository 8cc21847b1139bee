"""Nomination changes are attributed and listed on the decision's audit page."""

import pytest
from django.urls import reverse

from awards import services
from awards.models import Nomination
from plans.permissions import Role

pytestmark = pytest.mark.django_db


def test_a_review_is_recorded_and_listed_on_the_decision_audit_page(award_setup, make_user, client):
    staff = make_user(Role.STAFF, first_name="Lan", last_name="Trần Thị")
    nomination = Nomination.objects.get(name="Phạm Văn Bình")

    services.nomination_review(nomination=nomination, action="reset", user=staff)

    statuses = list(nomination.history.order_by("history_id").values_list("history_type", "status"))
    assert statuses[0] == ("+", "rejected")
    assert statuses[-1][0] == "~"
    assert statuses[-1][1] != "rejected"
    client.force_login(staff)
    decision = award_setup["decision"]
    page = client.get(reverse("documents:audit", args=[f"awarddecision-{decision.pk}"])).content.decode()
    assert "Đề nghị khen thưởng" in page
    assert "Phạm Văn Bình" in page
