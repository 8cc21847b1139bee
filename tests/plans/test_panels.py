"""The plan editor links to what higher apps keep about the plan."""

from django.urls import reverse

from plans import panels, selectors
from plans.models import Plan
from plans.permissions import Role
from tests.factories import EventFactory, PlanFactory


def test_editor_shows_a_panel_per_app_with_its_link(client_for):
    plan = PlanFactory()
    client = client_for(Role.STAFF)

    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    assert reverse("conferences:list", args=[plan.pk]) in page
    assert reverse("awards:plan", args=[plan.pk]) in page
    assert "Hội nghị, hội nghị trực tuyến, đoàn học tập kinh nghiệm của kế hoạch" in page


def test_panel_counts_come_with_the_plan_and_count_only_its_rows(client_for):
    plan, other = PlanFactory(), PlanFactory()
    EventFactory.create_batch(2, plan=plan)
    EventFactory(plan=other)
    client = client_for(Role.STAFF)

    loaded = selectors.plan_detail(plan.pk)
    counts = {shown.panel.key: shown.count for shown in panels.for_plan(loaded)}
    # Other apps register panels too (progress: no count); these two count rows.
    assert (counts["events"], counts["awards"]) == (2, 0)
    # A plan not read by plan_detail is counted by a query per panel: same figures.
    plain = {shown.panel.key: shown.count for shown in panels.for_plan(Plan.objects.get(pk=plan.pk))}
    assert plain == counts
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert '<span class="badge text-bg-secondary">2</span>' in page
