import pytest

from plans.documents import plan_printable, plan_queryset
from tests.documents.nd30 import Nd30Pdf


@pytest.fixture
def render_plan(db):
    """render_plan(plan) -> Nd30Pdf of the plan's printed file."""

    def render(plan):
        return Nd30Pdf(plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf())

    return render


@pytest.fixture
def demo_events(db):
    """The demo events and programmes (seeds 000 and 001, online conference, study tour)."""
    from agenda import demo
    from plans import demo as plan_demo

    plan_demo.load_agencies()
    plan_demo.load_seed_documents()
    events = demo.load_demo()
    return {"000": events[0], "001": events[1], "online": events[2], "tour": events[3]}
