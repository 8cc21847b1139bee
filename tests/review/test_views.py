"""Pages of the workflow: permissions, the audit page, the homes, the editor's comments."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import workflow
from documents.models import DocumentStatus
from plans.models import Plan


def _urls(plan):
    doc = f"plan-{plan.pk}"
    return {
        "review": ("get", reverse("documents:review", args=[doc]), {}),
        "audit": ("get", reverse("documents:audit", args=[doc]), {}),
        "issue page": ("get", reverse("documents:issue", args=[doc]), {}),
        "issue": ("post", reverse("documents:issue", args=[doc]), {"mode": "register"}),
        "submit": ("post", reverse("documents:transition", args=[doc]), {"action": "submit"}),
        "approve": ("post", reverse("documents:transition", args=[doc]), {"action": "approve"}),
        "comment": (
            "post",
            reverse("documents:comment_add", args=[doc]),
            {"body": "x", "target": "document"},
        ),
        "signed": ("post", reverse("documents:signed_upload", args=[doc]), {}),
        "issued file": ("get", reverse("documents:issued_file", args=[doc]), {}),
        "register": ("get", reverse("documents:register"), {}),
        "pdf": ("get", reverse("plans:pdf", args=[plan.pk]), {}),
    }


def test_an_agency_representative_gets_403_everywhere_here(people, plan, login):
    client = login(people["agency"])
    for name, (method, url, data) in _urls(plan).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, name
    assert Plan.objects.get(pk=plan.pk).status == DocumentStatus.DRAFT


def test_anonymous_users_are_sent_to_log_in(plan, client):
    for name, (method, url, data) in _urls(plan).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response.url.startswith("/dang-nhap/"), name


def test_a_leader_cannot_issue_and_a_clerk_cannot_approve(people, plan, approve, login):
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    urls = _urls(plan)
    clerk = login(people["clerk"])
    assert clerk.post(urls["approve"][1], urls["approve"][2]).status_code == 403
    assert clerk.post(urls["comment"][1], urls["comment"][2]).status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == DocumentStatus.SUBMITTED
    plan = workflow.transition(document=plan, user=people["leader"], action="approve")
    leader = login(people["leader"])
    assert leader.get(urls["issue page"][1]).status_code == 403
    assert leader.post(urls["issue"][1], urls["issue"][2]).status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == DocumentStatus.APPROVED
    # A step refused because of the state answers with its reason, not a 403.
    response = leader.post(urls["approve"][1], urls["approve"][2], follow=True)
    assert "Không thể «duyệt»: văn bản đã được duyệt, chờ văn thư ban hành." in response.content.decode()


def test_the_journey_through_the_pages_and_the_audit_page_lists_every_step(people, plan, login):
    staff, leader, clerk = login(people["staff"]), login(people["leader"]), login(people["clerk"])
    urls = _urls(plan)
    task = plan.tasks.get(position=1)

    staff.post(urls["submit"][1], {"action": "submit", "next": "editor"})
    assert "Tổ chức Hội nghị tổng kết" in leader.get("/").content.decode()
    leader.post(urls["comment"][1], {"target": f"task:{task.pk}", "body": "Ghi rõ tháng tổ chức."})
    leader.post(urls["approve"][1], {"action": "return", "comment": "Sửa theo góp ý."})

    editor = staff.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Góp ý của lãnh đạo chưa xử lý" in editor
    assert f'href="#task-{task.pk}"' in editor
    # … and beside the task row itself.
    row = editor[editor.index(f'<tr id="task-{task.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "kh-review-note" in row and "Ghi rõ tháng tổ chức." in row
    assert "Ghi rõ tháng tổ chức." in editor
    staff.post(
        reverse("plans:task_edit", args=[plan.pk, task.pk]),
        {
            f"task-{task.pk}-description": task.description,
            f"task-{task.pk}-time_frame": "Tháng 5/2024",
            f"task-{task.pk}-lead": task.lead,
            f"task-{task.pk}-cooperating": task.cooperating,
            f"task-{task.pk}-numbered": "on",
            f"task-{task.pk}-status": "not_started",
        },
        HTTP_HX_REQUEST="true",
    )
    comment = workflow.comments(plan)[0]
    staff.post(
        reverse("documents:comment_resolve", args=[comment.pk]), {"resolution": "Đã ghi Tháng 5/2024."}
    )
    staff.post(urls["submit"][1], {"action": "submit"})
    review = leader.get(urls["review"][1]).content.decode()
    assert "<del>Quý II/2024</del><ins>Tháng 5/2024</ins>" in review
    leader.post(urls["approve"][1], {"action": "approve"})
    assert "Tổ chức Hội nghị tổng kết" in clerk.get("/").content.decode()
    issued = clerk.post(urls["issue"][1], {"mode": "register"}, follow=True).content.decode()
    assert "Đã ban hành: số 01/KH-UBND" in issued

    audit = leader.get(urls["audit"][1]).content.decode()
    for text in (
        "Trình duyệt",
        "Trả lại để sửa",
        "Duyệt",
        "Vào sổ Sổ văn bản đi – Ủy ban nhân dân tỉnh Khánh Hòa: số 01/KH-UBND",
        "Góp ý về Nhiệm vụ – 2 Tổ chức Hội nghị",
        "Ghi rõ tháng tổ chức.",
        "Đã xử lý góp ý về Nhiệm vụ – 2 Tổ chức Hội nghị",
        "<del>Quý II/2024</del> → <ins>Tháng 5/2024</ins>",
        "Sửa theo góp ý.",
    ):
        assert text in audit, text
    # Who: the staff member's edit is attributed to her.
    assert audit.count("Trần Thị Lan") >= 3
    assert audit.count('class="kh-audit-step"') == 5


def test_review_and_audit_query_counts_do_not_grow_with_comments(people, plan, login):
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    client = login(people["leader"])
    urls = [reverse(name, args=[f"plan-{plan.pk}"]) for name in ("documents:review", "documents:audit")]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    workflow.comment_add(document=plan, user=people["leader"], body="Góp ý 0", target="document")
    one = counts()
    for index in range(1, 5):
        workflow.comment_add(document=plan, user=people["leader"], body=f"Góp ý {index}", target="document")
    assert counts() == one


def test_registers_in_the_admin_are_read_only(issued_plan, admin_client):
    _plan, entry = issued_plan
    assert admin_client.get(reverse("admin:documents_registerentry_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:documents_registerentry_change", args=[entry.pk])).status_code == 200
    )
    response = admin_client.post(
        reverse("admin:documents_registerentry_change", args=[entry.pk]), {"number": 9}
    )
    assert response.status_code == 403
    assert admin_client.get(reverse("admin:documents_register_changelist")).status_code == 200


def test_the_register_page_lists_the_years_issues(issued_plan, people, login):
    _plan, entry = issued_plan
    page = login(people["clerk"]).get(reverse("documents:register") + f"?year={entry.year}").content.decode()
    assert "01/KH-UBND" in page
    assert login(people["staff"]).get(reverse("documents:register")).status_code == 403


def test_only_the_inline_pdf_may_be_framed_and_only_by_the_site(people, plan, login):
    client = login(people["leader"])
    assert client.get(reverse("documents:review", args=[f"plan-{plan.pk}"]))["X-Frame-Options"] == "DENY"
    assert client.get(reverse("plans:pdf", args=[plan.pk]))["X-Frame-Options"] == "DENY"
    assert client.get(reverse("plans:pdf", args=[plan.pk]) + "?inline=1")["X-Frame-Options"] == "SAMEORIGIN"
