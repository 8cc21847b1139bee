"""The demo data makes the dashboard and the BÁO CÁO meaningful at once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from delegates.access import links_for
from documents.workflow import local_today
from plans.models import Plan
from plans.permissions import Role
from progress import documents, selectors
from progress.models import Conclusion, ProgressReport, TaskReport
from tests.documents.nd30 import Nd30Pdf

pytestmark = pytest.mark.django_db


def test_loaddemo_fills_progress_and_is_idempotent(client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("loaddemo")
    reports = TaskReport.objects.count()
    assert reports >= 10
    call_command("loaddemo")
    assert TaskReport.objects.count() == reports
    assert Conclusion.objects.count() == 1 and ProgressReport.objects.count() == 1

    today = local_today()
    states = set()
    for plan in Plan.objects.filter(status="issued"):
        states |= {item.state for item in selectors.plan_tracked(plan, today=today)}
    assert {"done", "overdue", "due_soon", "on_track"} <= states
    conclusion = Conclusion.objects.get()
    assert links_for(conclusion.event.plan).filter(agency__name="Sở Tư pháp").count() == 1

    report = ProgressReport.objects.select_related("plan").get()
    client = client_for(Role.STAFF)
    assert client.get(reverse("progress:dashboard", args=[report.plan_id])).status_code == 200
    doc = Nd30Pdf(documents.report_printable(documents.report_queryset().get(pk=report.pk)).render_pdf())
    text = " ".join(line.text for line in doc.all_lines())
    assert "BÁO CÁO" in text and "I. KẾT QUẢ THỰC HIỆN" in text and "Đã hoàn thành" in text
