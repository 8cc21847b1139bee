import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.documents import build_plan_context, plan_queryset
from plans.permissions import Role
from tests.documents import builders
from tests.factories import PlanFactory, TaskFactory


def test_render_document_list_and_render(db, tmp_path):
    plan = builders.seed_001_plan()
    decision = builders.seed_003_decision()
    out = io.StringIO()
    call_command("render_document", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"plan-{plan.pk}\tKH\t" + " ".join(builders.SEED_001_TITLE.split("\n")) in lines
    assert f"plan-{decision.plan.pk}\tQĐ\t" + " ".join(builders.SEED_003_DECISION_TITLE.split("\n")) in lines
    assert len(lines) == 2

    target = tmp_path / "kh.pdf"
    call_command("render_document", f"plan-{plan.pk}", "-o", str(target), stderr=io.StringIO())
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("document_id", ["plan-999999", "plan-x", "invoice-1", "nothing"])
def test_render_document_unknown_id(db, document_id):
    with pytest.raises(CommandError, match=document_id):
        call_command("render_document", document_id, "-o", "/tmp/never.pdf")


def test_pdf_view_for_staff(client_for):
    plan = builders.seed_001_plan()
    client = client_for(Role.STAFF)
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="KH-4417-2023.pdf"'
    assert response.content.startswith(b"%PDF-")

    inline = client.get(reverse("plans:pdf", args=[plan.pk]), {"inline": "1"})
    assert inline["Content-Disposition"] == 'inline; filename="KH-4417-2023.pdf"'


def test_pdf_view_names_decision_file(client_for):
    decision = builders.seed_003_decision()
    response = client_for(Role.LEADER).get(reverse("plans:pdf", args=[decision.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="QD-908-2020.pdf"'


def test_print_view_is_the_same_document_html(client_for):
    plan = builders.seed_001_plan()
    response = client_for(Role.CLERK).get(reverse("plans:print", args=[plan.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    html = response.content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Số: 4417/KH-UBND" in html
    assert "/static/documents/nd30.css" in html


def test_print_views_need_login(client, db):
    plan = PlanFactory()
    for name in ("plans:pdf", "plans:print"):
        response = client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_agency_representative_gets_403(client_for):
    plan = PlanFactory()
    client = client_for(Role.AGENCY)
    for name in ("plans:pdf", "plans:print"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 403


def test_unknown_plan_is_404(client_for):
    assert client_for(Role.STAFF).get(reverse("plans:pdf", args=[999999])).status_code == 404


def _count_queries(plan_pk: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_plan_context(plan_queryset().get(pk=plan_pk))
    return len(captured.captured_queries)


def test_build_plan_context_query_count_does_not_grow(db):
    small = builders.long_plan(1)
    big = builders.long_plan(50)
    for plan in (small, big):
        parent = TaskFactory(plan=plan, position=100)
        TaskFactory(plan=plan, parent=parent, position=1)
    assert _count_queries(small.pk) == _count_queries(big.pk)
    assert _count_queries(big.pk) <= 8
