"""Conference conclusions: staff record a THÔNG BÁO kết luận, each item
becomes a tracked task reported like a plan task."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.permissions import Role
from progress import selectors
from progress.models import Conclusion, ConclusionTask, TaskReport

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_staff_record_a_conclusion_and_its_tasks_and_the_lead_agency_reports(
    setup, client_for, client, make_user
):
    staff = client_for(Role.STAFF)
    event = setup.conclusion.event
    response = staff.post(
        reverse("progress:conclusion_create", args=[setup.plan.pk]),
        {
            "event": event.pk,
            "issuing_agency": setup.plan.issuing_agency_id,
            "symbol": "301/TB-UBND",
            "issued_on": "2026-11-10",
            "title": "Kết luận của Chủ tịch UBND tỉnh tại Hội nghị sơ kết",
            "signer_title": "TL. CHỦ TỊCH",
            "signer_name": "Trần Văn Bình",
            "summary": "",
        },
    )
    conclusion = Conclusion.objects.get(symbol="301/TB-UBND")
    assert response["Location"] == conclusion.get_absolute_url()
    # An item without a lead agency is refused next to the field.
    add = reverse("progress:conclusion_task_add", args=[conclusion.pk])
    response = staff.post(add, {"description": "Việc không ai làm", "time_frame": ""})
    assert "Chọn ít nhất một cơ quan chủ trì." in response.content.decode()
    staff.post(
        add,
        {
            "description": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "time_frame": "Trước ngày 01/02/2027",
            "lead_agencies": [setup.finance.pk],
            "cooperating_agencies": [setup.justice.pk],
        },
    )
    item = ConclusionTask.objects.get(conclusion=conclusion)
    assert item.due_date.isoformat() == "2027-01-31"
    page = staff.get(conclusion.get_absolute_url()).content.decode()
    assert "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" in page
    # On the plan's dashboard, in its own group.
    tracked = selectors.plan_tracked(setup.plan, today=TODAY)
    ours = [t for t in tracked if t.kind == "conclusion" and t.pk == item.pk]
    assert ours[0].group == "Kết luận 301/TB-UBND – Hội nghị sơ kết cải cách hành chính"
    assert ours[0].state == "not_reported"
    # The lead agency reports with the same form as for plan tasks.
    staff.logout()
    client.force_login(make_user(Role.AGENCY, agency=setup.finance))
    url = reverse("progress:agency_ket_luan", args=[item.pk])
    assert url in client.get(reverse("progress:agency_tasks")).content.decode()
    assert (
        client.post(url, {"status": "in_progress", "percent": "30", "note": "Đã số hóa 30%."}).status_code
        == 302
    )
    report = TaskReport.objects.get(conclusion_task=item)
    assert (report.agency, report.task) == (setup.finance, None)
    tracked = selectors.plan_tracked(setup.plan, today=TODAY)
    assert next(t for t in tracked if t.kind == "conclusion" and t.pk == item.pk).state == "on_track"
    # Justice only cooperates: it sees the item read-only and cannot report.
    client.force_login(make_user(Role.AGENCY, agency=setup.justice))
    assert client.get(url).status_code == 404


def test_items_are_edited_renumbered_on_delete_and_kept_once_reported(setup, client_for):
    staff = client_for(Role.STAFF)
    conclusion = setup.conclusion
    for text in ("Thứ hai", "Thứ ba"):
        staff.post(
            reverse("progress:conclusion_task_add", args=[conclusion.pk]),
            {"description": text, "time_frame": "Thường xuyên", "lead_agencies": [setup.home.pk]},
        )
    second = ConclusionTask.objects.get(description="Thứ hai")
    staff.post(
        reverse("progress:conclusion_task_edit", args=[conclusion.pk, second.pk]),
        {"description": "Thứ hai (sửa)", "time_frame": "Quý I/2027", "lead_agencies": [setup.home.pk]},
    )
    second.refresh_from_db()
    assert (second.description, second.due_date.isoformat()) == ("Thứ hai (sửa)", "2027-03-31")
    staff.post(reverse("progress:conclusion_task_delete", args=[conclusion.pk, second.pk]))
    assert list(conclusion.tasks.order_by("position").values_list("description", "position")) == [
        ("Công bố thủ tục hành chính mới", 1),
        ("Thứ ba", 2),
    ]
    from progress import services

    services.report_submit(
        kind="conclusion", task_id=setup.item.pk, agency=setup.justice, status="done", note="x"
    )
    response = staff.post(
        reverse("progress:conclusion_task_delete", args=[conclusion.pk, setup.item.pk]), follow=True
    )
    assert "đã có báo cáo tiến độ nên không xóa được" in response.content.decode()
    assert ConclusionTask.objects.filter(pk=setup.item.pk).exists()


def test_conclusion_pages_need_the_progress_rights(setup, client_for):
    url = setup.conclusion.get_absolute_url()
    assert client_for(Role.AGENCY, agency=setup.justice).get(url).status_code == 403
    leader = client_for(Role.LEADER)
    page = leader.get(url).content.decode()
    assert "Công bố thủ tục hành chính mới" in page and "Thêm nhiệm vụ" not in page
    add = reverse("progress:conclusion_task_add", args=[setup.conclusion.pk])
    assert leader.post(add, {"description": "x", "lead_agencies": [setup.home.pk]}).status_code == 403
    assert leader.post(reverse("progress:conclusion_edit", args=[setup.conclusion.pk]), {}).status_code == 403
    assert leader.get(reverse("progress:conclusion_create", args=[setup.plan.pk])).status_code == 403
