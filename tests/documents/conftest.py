import pytest

from plans.documents import plan_printable, plan_queryset
from tests.documents.nd30 import Nd30Pdf


@pytest.fixture
def render_plan(db):
    """render_plan(plan) -> (Nd30Pdf, PDF bytes) of the plan's printed file."""

    def render(plan):
        printable = plan_printable(plan_queryset().get(pk=plan.pk))
        data = printable.render_pdf()
        return Nd30Pdf(data), data

    return render
