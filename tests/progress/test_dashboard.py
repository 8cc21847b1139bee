"""The staff dashboard: counts, table by agency, chart, filters, reminders,
query counts that do not grow with the plan."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.workflow import local_today
from plans.permissions import Role
from progress import selectors, services
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def badge_counts(page: str) -> dict[str, int]:
    block = page[page.index('data-testid="state-counts"') :]
    block = block[: block.index("</ul>")]
    return {state: int(n) for state, n in re.findall(r'data-state="(\w+)">(\d+)<', block)}


def test_dashboard_shows_counts_table_and_chart(setup, client_for):
    services.report_submit(
        kind="task", task_id=setup.ongoing.pk, agency=setup.justice, status="done", note="Xong."
    )
    client = client_for(Role.LEADER)
    page = client.get(reverse("progress:dashboard", args=[setup.plan.pk])).content.decode()
    expected = selectors.summarise(selectors.plan_tracked(setup.plan, today=local_today()))
    assert badge_counts(page) == {state: expected.counts.get(state, 0) for state in selectors.STATES}
    assert sum(badge_counts(page).values()) == 5
    assert "Tổng số 5 nhiệm vụ" in page
    assert 'data-testid="progress-chart"' in page and "<rect" in page
    assert "Sở Tư pháp: Đã hoàn thành 1" in page  # the chart's tooltip
    assert 'data-testid="agency-table"' in page
    assert "Kết luận 215/TB-UBND – Hội nghị sơ kết cải cách hành chính" in page
    # A leader follows but does not manage: no reminder button, no links.
    assert reverse("progress:remind", args=[setup.plan.pk]) not in page
    assert reverse("progress:links", args=[setup.plan.pk]) not in page


def test_dashboard_filters_by_state_and_agency(setup, client_for):
    client = client_for(Role.STAFF)
    url = reverse("progress:dashboard", args=[setup.plan.pk])
    page = client.get(url, {"agency": setup.finance.pk}).content.decode()
    table = page[page.index('data-testid="task-table"') :]
    assert "Bố trí kinh phí cải cách hành chính" in table
    assert "Rà soát văn bản" not in table
    page = client.get(url, {"agency": "none"}).content.decode()
    table = page[page.index('data-testid="task-table"') :]
    assert "Tổng hợp kết quả" in table and "Bố trí kinh phí" not in table
    page = client.get(url, {"state": "bogus", "agency": "x"}).content.decode()
    table = page[page.index('data-testid="task-table"') :]
    assert table.count('data-task="') == 5


def test_history_page_lists_every_agency_report_and_staff_records_one_on_paper(setup, client_for):
    services.report_submit(
        kind="task", task_id=setup.overdue.pk, agency=setup.finance, status="stalled", note="Chờ Bộ."
    )
    client = client_for(Role.STAFF)
    url = reverse("progress:history_nhiem_vu", args=[setup.plan.pk, setup.overdue.pk])
    page = client.get(url).content.decode()
    assert "Chờ Bộ." in page and "Gặp khó khăn, vướng mắc" in page
    record = reverse("progress:record_nhiem_vu", args=[setup.plan.pk, setup.overdue.pk])
    assert f'action="{record}"' in page
    response = client.post(record, {"agency": setup.finance.pk, "status": "done", "note": "Công văn 12/STC."})
    assert response["Location"] == url
    latest = selectors.reports_of("task", setup.overdue).first()
    assert latest.status == "done" and "thay mặt Sở Tài chính" in latest.reporter_label
    # Not a lead agency of this task: refused next to the field.
    response = client.post(record, {"agency": setup.justice.pk, "status": "done", "note": "x"})
    assert response.status_code == 200
    assert "Chọn một cơ quan chủ trì của nhiệm vụ này." in response.content.decode()
    # A leader reads but may not record.
    leader = client_for(Role.LEADER)
    assert leader.get(url).status_code == 200
    assert leader.post(record, {"agency": setup.finance.pk, "status": "done", "note": "x"}).status_code == 403
    assert leader.post(url, {"agency": setup.finance.pk, "status": "done", "note": "x"}).status_code == 405


def test_permissions_of_the_staff_pages(setup, client_for, client):
    url = reverse("progress:dashboard", args=[setup.plan.pk])
    assert client.get(url).status_code == 302
    assert client_for(Role.AGENCY, agency=setup.justice).get(url).status_code == 403
    assert client_for(Role.CLERK).get(url).status_code == 200
    leader = client_for(Role.LEADER)
    assert leader.post(reverse("progress:remind", args=[setup.plan.pk])).status_code == 403
    assert leader.post(reverse("progress:report_create", args=[setup.plan.pk])).status_code == 403


def test_reminders_go_once_to_lead_agencies_of_overdue_due_soon_and_unreported_tasks(setup, client_for):
    client = client_for(Role.STAFF)
    url = reverse("progress:remind", args=[setup.plan.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    today = local_today()
    expected = [
        (item, agency)
        for item in selectors.plan_tracked(setup.plan, today=today)
        if item.state in ("overdue", "due_soon", "not_reported")
        for agency in item.leads
    ]
    assert len(mail.outbox) == len(expected) >= 3
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert set(recipients) == {"stp@example.org", "stc@example.org"}
    assert any("Bố trí kinh phí cải cách hành chính" in m.subject for m in mail.outbox)
    assert "/tien-do/don-vi/" in mail.outbox[0].body
    assert f"Đã gửi {len(expected)} thư nhắc" in response.content.decode()
    # Staff find them among the task reminders on "Thư nhắc đã gửi".
    sent = client.get(reverse("documents:sent"), {"kind": "reminder-task"}).content.decode()
    assert "Bố trí kinh phí cải cách hành chính" in sent
    # Pressing again sends nothing new.
    response = client.post(url, follow=True)
    assert len(mail.outbox) == len(expected)
    assert "Đã gửi 0 thư nhắc" in response.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # warm: the content types cache fills on the first request of a process
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(setup, n: int) -> None:
    for i in range(n):
        task = TaskFactory(plan=setup.plan, description=f"Nhiệm vụ thêm {i}", time_frame="Quý IV/2026")
        task.lead_agencies.set([setup.justice if i % 2 else setup.finance])
        task.cooperating_agencies.set([setup.home])
        agency = setup.justice if i % 2 else setup.finance
        for status in ("in_progress", "done"):
            services.report_submit(
                kind="task", task_id=task.pk, agency=agency, status=status, note="Báo cáo."
            )


def test_query_counts_do_not_grow_with_tasks_and_reports(setup, client_for, make_user, client):
    # One report to start with: "1 row" against "many rows", as every list page is measured.
    services.report_submit(
        kind="task", task_id=setup.due_soon.pk, agency=setup.justice, status="in_progress", note="x"
    )
    staff = client_for(Role.STAFF)
    dashboard = reverse("progress:dashboard", args=[setup.plan.pk])
    history = reverse("progress:history_nhiem_vu", args=[setup.plan.pk, setup.due_soon.pk])
    staff_few = (_queries(staff, dashboard), _queries(staff, history))
    agency_user = make_user(Role.AGENCY, agency=setup.justice)
    client.force_login(agency_user)
    agency_page = reverse("progress:agency_tasks")
    task_page = reverse("progress:agency_nhiem_vu", args=[setup.due_soon.pk])
    agency_few = (_queries(client, agency_page), _queries(client, task_page))
    _grow(setup, 12)
    for _ in range(3):
        services.report_submit(
            kind="task", task_id=setup.due_soon.pk, agency=setup.justice, status="in_progress", note="x"
        )
    client.force_login(staff.user)
    assert (_queries(client, dashboard), _queries(client, history)) == staff_few
    client.force_login(agency_user)
    assert (_queries(client, agency_page), _queries(client, task_page)) == agency_few
