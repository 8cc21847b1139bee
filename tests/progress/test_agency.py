"""An agency reports on the tasks it leads, by account or by secret link,
and never sees another agency's tasks, reports or files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delegates.access import AgencyAccessLink
from documents.models import DocumentStatus
from plans.permissions import Role
from progress import services
from progress.models import ReportStatus, TaskReport
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def task_url(task) -> str:
    return reverse("progress:agency_nhiem_vu", args=[task.pk])


def test_agency_page_lists_only_the_tasks_it_leads_and_those_it_cooperates_on(setup, client_for):
    client = client_for(Role.AGENCY, agency=setup.justice)
    page = client.get(reverse("progress:agency_tasks")).content.decode()
    assert "Nhiệm vụ của đơn vị" in page
    assert "Rà soát văn bản quy phạm pháp luật" in page
    assert "Tuyên truyền cải cách hành chính" in page
    assert "Công bố thủ tục hành chính mới" in page  # a conclusion item it leads
    assert "Bố trí kinh phí cải cách hành chính" not in page  # finance's task
    assert "Tổng hợp kết quả" not in page  # nobody's
    assert task_url(setup.due_soon) in page
    assert reverse("progress:agency_ket_luan", args=[setup.item.pk]) in page

    finance = client_for(Role.AGENCY, agency=setup.finance)
    page = finance.get(reverse("progress:agency_tasks")).content.decode()
    assert "Nhiệm vụ đơn vị phối hợp (chỉ xem)" in page
    assert "Tuyên truyền cải cách hành chính" in page  # cooperating: read only
    assert task_url(setup.ongoing) not in page
    assert finance.get(task_url(setup.ongoing)).status_code == 404


def test_agency_reports_by_account_and_sees_its_history(setup, client_for):
    client = client_for(Role.AGENCY, agency=setup.justice)
    url = task_url(setup.due_soon)
    response = client.post(
        url,
        {"status": ReportStatus.IN_PROGRESS, "percent": "40", "note": "Đã rà soát 120 văn bản."},
    )
    assert response.status_code == 302
    report = TaskReport.objects.get()
    assert (report.task, report.agency, report.status, report.percent) == (
        setup.due_soon,
        setup.justice,
        "in_progress",
        40,
    )
    assert report.reported_by == client.user
    client.post(url, {"status": ReportStatus.DONE, "note": "Đã hoàn thành, gửi kết quả về Sở Nội vụ."})
    page = client.get(url).content.decode()
    assert page.index("Đã hoàn thành, gửi kết quả") < page.index("Đã rà soát 120 văn bản.")
    latest = TaskReport.objects.order_by("-created_at", "-id").first()
    assert (latest.status, latest.percent) == ("done", 100)


def test_report_form_explains_bad_input_next_to_the_field(setup, client_for):
    client = client_for(Role.AGENCY, agency=setup.justice)
    response = client.post(task_url(setup.due_soon), {"status": "burnt", "percent": "140", "note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tỷ lệ phải từ 0 đến 100." in page
    assert "Ghi ngắn gọn kết quả, tiến độ thực hiện." in page
    assert "Chọn một tình trạng trong danh sách." in page
    assert TaskReport.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.exe", b"MZ\x90\x00", "không đúng loại"),
        ("bao-cao.pdf", b"not a pdf at all", "không khớp với phần mở rộng .pdf"),
        ("bao-cao.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "quá lớn: tối đa 10 MB"),
    ],
)
def test_file_type_content_and_size_are_limited(setup, client_for, name, content, message):
    client = client_for(Role.AGENCY, agency=setup.justice)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(
        task_url(setup.due_soon), {"status": "in_progress", "note": "Kèm tệp.", "file": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TaskReport.objects.count() == 0


def test_file_is_served_to_its_agency_and_staff_only(setup, client_for, client, make_user):
    finance = make_user(Role.AGENCY, agency=setup.finance)
    client.force_login(finance)
    client.post(
        task_url(setup.overdue),
        {
            "status": "stalled",
            "note": "Chờ ý kiến Bộ Tài chính.",
            "file": SimpleUploadedFile("cong-van.pdf", PDF, content_type="application/pdf"),
        },
    )
    report = TaskReport.objects.get()
    assert report.original_name == "cong-van.pdf" and report.size == len(PDF)
    own = client.get(reverse("progress:agency_file", args=[report.pk]))
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert own["Content-Disposition"].startswith("attachment")

    justice = client_for(Role.AGENCY, agency=setup.justice)
    assert justice.get(reverse("progress:agency_file", args=[report.pk])).status_code == 404
    assert justice.get(task_url(setup.overdue)).status_code == 404
    staff = client_for(Role.STAFF)
    response = staff.get(reverse("progress:staff_file", args=[setup.plan.pk, report.pk]))
    assert response.status_code == 200
    other_plan = PlanFactory()
    assert staff.get(reverse("progress:staff_file", args=[other_plan.pk, report.pk])).status_code == 404


def test_guessed_ids_of_other_agencies_and_draft_plans_are_404(setup, client_for):
    client = client_for(Role.AGENCY, agency=setup.justice)
    draft_task = TaskFactory(plan=PlanFactory(status=DocumentStatus.DRAFT))
    draft_task.lead_agencies.set([setup.justice])
    for task in (setup.overdue, setup.unassigned, draft_task):
        assert client.get(task_url(task)).status_code == 404
        response = client.post(task_url(task), {"status": "done", "note": "Giả mạo."})
        assert response.status_code == 404
    assert client.get(reverse("progress:agency_ket_luan", args=[setup.item.pk + 99])).status_code == 404
    assert TaskReport.objects.count() == 0
    # The service refuses too, whoever calls it.
    with pytest.raises(Exception, match="không chủ trì"):
        services.report_submit(
            kind="task", task_id=setup.overdue.pk, agency=setup.justice, status="done", note="x"
        )


def test_staff_and_anonymous_users_do_not_reach_the_agency_page(setup, client_for, client):
    response = client.get(reverse("progress:agency_tasks"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    staff = client_for(Role.STAFF)
    assert staff.get(reverse("progress:agency_tasks")).status_code == 404


def _issue_link(client_for, setup, agency):
    staff = client_for(Role.STAFF)
    response = staff.post(reverse("progress:links", args=[setup.plan.pk]), {"agency": agency.pk})
    assert response.status_code == 302
    page = staff.get(reverse("progress:dashboard", args=[setup.plan.pk])).content.decode()
    marker = "/tien-do/lien-ket/"
    start = page.index(marker)
    token = page[start + len(marker) : page.index("/", start + len(marker))]
    staff.logout()
    return token


def test_agency_reports_through_a_secret_link_without_an_account(setup, client_for, client):
    token = _issue_link(client_for, setup, setup.justice)
    home = reverse("progress:link_tasks", args=[token])
    page = client.get(home).content.decode()
    assert "Sở Tư pháp" in page and "truy cập bằng liên kết riêng" in page
    assert "Rà soát văn bản quy phạm pháp luật" in page
    assert "Bố trí kinh phí" not in page
    url = reverse("progress:link_nhiem_vu", args=[token, setup.due_soon.pk])
    assert client.post(url, {"status": "in_progress", "note": "Đang rà soát."}).status_code == 302
    report = TaskReport.objects.get()
    assert report.reported_by is None
    assert report.reporter_label == "Đầu mối Sở Tư pháp (liên kết riêng)"
    # Another agency's task through this link: 404.
    assert client.get(reverse("progress:link_nhiem_vu", args=[token, setup.overdue.pk])).status_code == 404
    # A task of another plan that the agency also leads: not through this plan's link.
    other = TaskFactory(plan=PlanFactory(status=DocumentStatus.ISSUED))
    other.lead_agencies.set([setup.justice])
    assert client.get(reverse("progress:link_nhiem_vu", args=[token, other.pk])).status_code == 404


def test_new_link_revokes_the_old_one_and_bad_tokens_are_404(setup, client_for, client):
    first = _issue_link(client_for, setup, setup.justice)
    second = _issue_link(client_for, setup, setup.justice)
    assert client.get(reverse("progress:link_tasks", args=[first])).status_code == 404
    assert client.get(reverse("progress:link_tasks", args=[second])).status_code == 200
    assert client.get(reverse("progress:link_tasks", args=["khong-dung"])).status_code == 404
    link = AgencyAccessLink.objects.get(revoked_at__isnull=True)
    staff = client_for(Role.STAFF)
    staff.post(reverse("progress:links", args=[setup.plan.pk]), {"revoke": link.pk})
    staff.logout()
    assert client.get(reverse("progress:link_tasks", args=[second])).status_code == 404


def test_link_only_for_a_lead_agency_of_the_plan(setup, client_for):
    staff = client_for(Role.STAFF)
    response = staff.post(
        reverse("progress:links", args=[setup.plan.pk]), {"agency": setup.home.pk}, follow=True
    )
    assert "không chủ trì nhiệm vụ nào của kế hoạch" in response.content.decode()
    assert AgencyAccessLink.objects.count() == 0


def test_two_lead_agencies_each_see_only_their_own_reports(setup, client_for, client, make_user):
    shared = TaskFactory(
        plan=setup.plan, description="Nhiệm vụ hai cơ quan cùng chủ trì", time_frame="Thường xuyên"
    )
    shared.lead_agencies.set([setup.justice, setup.finance])
    services.report_submit(
        kind="task",
        task_id=shared.pk,
        agency=setup.finance,
        status="done",
        note="Ghi chú riêng của Sở Tài chính.",
    )
    client.force_login(make_user(Role.AGENCY, agency=setup.justice))
    listing = client.get(reverse("progress:agency_tasks")).content.decode()
    row = listing[listing.index(f'data-task="task-{shared.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Chưa báo cáo" in row and "Đã hoàn thành" not in row
    page = client.get(task_url(shared)).content.decode()
    assert "Ghi chú riêng của Sở Tài chính." not in page
    assert "Chưa có báo cáo nào." in page
    # Staff see both agencies' reports on the task's history.
    staff = client_for(Role.STAFF)
    history = staff.get(
        reverse("progress:history_nhiem_vu", args=[setup.plan.pk, shared.pk])
    ).content.decode()
    assert "Ghi chú riêng của Sở Tài chính." in history
