"""The plan editor links to what higher apps keep about the plan."""

from django.urls import reverse

from plans.permissions import Role
from tests.factories import PlanFactory


def test_editor_shows_a_panel_per_app_with_its_link(client_for):
    plan = PlanFactory()
    client = client_for(Role.STAFF)

    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    assert reverse("conferences:list", args=[plan.pk]) in page
    assert reverse("awards:plan", args=[plan.pk]) in page
    assert "Hội nghị, hội nghị trực tuyến, đoàn học tập kinh nghiệm của kế hoạch" in page
