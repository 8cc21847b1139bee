"""The staff's plan pages, driven the way the browser drives them."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import DocumentStatus
from plans.models import Plan, Section, Task
from plans.permissions import Role
from tests.documents import nd30
from tests.factories import (
    AgencyFactory,
    AppendixFactory,
    AssignmentFactory,
    DecisionArticleFactory,
    DecisionFactory,
    ObjectiveFactory,
    PlanFactory,
    ProvincialCommitteeFactory,
    SectionFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --------------------------------------------------------------------------- a whole plan typed in


def test_staff_drafts_a_plan_through_the_browser(client_for):
    client = client_for(Role.STAFF)
    ubnd = ProvincialCommitteeFactory()
    so_noi_vu = AgencyFactory(name="Sở Nội vụ", short_name="SNV")

    # 1. the create page
    response = client.post(
        reverse("plans:create"),
        {
            "issuing_agency": ubnd.pk,
            "year": "2020",
            "symbol_code": "",
            "title": "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019",
            "signer_title": "",
            "signer_name": "",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ke-hoach/{plan.pk}/"
    assert plan.sections.count() == 0  # "Tạo sẵn các mục" left unticked

    # 2. header, signer and recipients
    header = {
        "plan-issuing_agency": ubnd.pk,
        "plan-year": "2020",
        "plan-symbol_code": "UBND",
        "plan-place": "",
        "plan-title": plan.title,
        "plan-opening": "",
        "plan-objectives_style": "bullets",
        "plan-closing": "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết công tác cải cách hành chính năm "
        "2019, triển khai Kế hoạch cải cách hành chính tỉnh năm 2020.",
        "plan-signer_title": "TM. ỦY BAN NHÂN DÂN\r\nKT. CHỦ TỊCH\r\nPHÓ CHỦ TỊCH",
        "plan-signer_name": "Nguyễn Đắc Tài",
        "plan-recipients": "Như thành phần Hội nghị (VBĐT)\r\nTT. Tỉnh ủy, TT. HĐND tỉnh",
        "plan-archive": "VT, DL, SNV",
    }
    response = client.post(reverse("plans:header", args=[plan.pk]), header, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "planChanged"
    assert "Đã lưu thông tin chung." in response.content.decode()

    # 3. three sections with bullets
    bodies = {
        "MỤC ĐÍCH, YÊU CẦU": "- Tổng kết, đánh giá những kết quả đạt được năm 2019.\r\n"
        "- Quán triệt mục tiêu năm 2020.",
        "NỘI DUNG HỘI NGHỊ": "- Tổng kết công tác cải cách hành chính tỉnh năm 2019.\r\n"
        "+ Công bố Chỉ số hài lòng.\r\n*(Đính kèm dự kiến nội dung chương trình Hội nghị).*",
        "THỜI GIAN VÀ ĐỊA ĐIỂM": "- Thời gian: dự kiến ngày 25/02/2020 (01 ngày).\r\n"
        "- Địa điểm: Hội trường UBND tỉnh.",
    }

    def add_section(heading, body="", block=""):
        response = client.post(
            reverse("plans:section_add", args=[plan.pk]),
            {
                "new-section-heading": heading,
                "new-section-parent": "",
                "new-section-body": body,
                "new-section-numbered": "on",
                "new-section-block": block,
                "new-section-body_after": "",
            },
            **HTMX,
        )
        assert response.status_code == 200
        assert response["HX-Trigger"] == "planChanged"

    for heading, body in bodies.items():
        add_section(heading, body)
    assert list(plan.sections.order_by("position").values_list("heading", flat=True)) == list(bodies)

    # 4. a ten-row task table with nested and unnumbered rows and varied time frames
    def add_task(description, time_frame="", lead="", cooperating="", parent=None, numbered=True):
        data = {
            "new-task-parent": parent.pk if parent else "",
            "new-task-description": description,
            "new-task-time_frame": time_frame,
            "new-task-status": "not_started",
            "new-task-lead": lead,
            "new-task-cooperating": cooperating,
            "new-task-progress_note": "",
        }
        if numbered:
            data["new-task-numbered"] = "on"
        response = client.post(reverse("plans:task_add", args=[plan.pk]), data, **HTMX)
        assert response.status_code == 200, response.content.decode()
        assert "is-invalid" not in response.content.decode()
        return Task.objects.latest("pk")

    t1 = add_task("Xây dựng Kế hoạch tổng kết")
    add_task("Tham mưu UBND tỉnh ban hành Kế hoạch", "Tháng 4/2020", "Sở Nội vụ", "Các cơ quan liên quan", t1)
    add_task("UBND các huyện ban hành Kế hoạch", "Tháng 4/2020", "UBND các huyện", "UBND các xã", t1)
    t2 = add_task("Xây dựng báo cáo tổng kết")
    t21 = add_task("Các cơ quan gửi báo cáo", "Trước ngày 01/6/2020", "Các sở, ban, ngành", "", t2)
    add_task("- Tổng kết cải cách thể chế", "", "Sở Tư pháp", "", t21, numbered=False)
    add_task("- Cải cách tài chính công", "", "Sở Tài chính", "", t21, numbered=False)
    add_task("Trình UBND tỉnh dự thảo báo cáo", "Quý III/2020", "Sở Nội vụ", "Các cơ quan liên quan")
    add_task("Tổ chức Hội nghị tổng kết", "25/02/2020", "Sở Nội vụ", "Văn phòng UBND tỉnh")
    add_task("Xây dựng Chương trình CCHC 2021 - 2030", "Theo hướng dẫn của Trung ương", "Sở Nội vụ")
    assert plan.tasks.count() == 10
    hoi_nghi = plan.tasks.get(description="Tổ chức Hội nghị tổng kết")
    assert hoi_nghi.due_date == datetime.date(2020, 2, 25)
    assert list(hoi_nghi.lead_agencies.all()) == [so_noi_vu]

    # 5. the editor shows it all
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text
    assert "II. NỘI DUNG HỘI NGHỊ" in text
    assert "III. THỜI GIAN VÀ ĐỊA ĐIỂM" in text
    assert "- Thời gian: dự kiến ngày 25/02/2020 (01 ngày)." in text
    for number, description in [
        ("1", "Xây dựng Kế hoạch tổng kết"),
        ("1.1", "Tham mưu UBND tỉnh ban hành Kế hoạch"),
        ("1.2", "UBND các huyện ban hành Kế hoạch"),
        ("2", "Xây dựng báo cáo tổng kết"),
        ("2.1", "Các cơ quan gửi báo cáo"),
        ("3", "Trình UBND tỉnh dự thảo báo cáo"),
        ("4", "Tổ chức Hội nghị tổng kết"),
        ("5", "Xây dựng Chương trình CCHC 2021 - 2030"),
    ]:
        assert f"{number} {description}" in text
    assert "– - Tổng kết cải cách thể chế" in text  # unnumbered row
    for time_frame in (
        "Tháng 4/2020",
        "Trước ngày 01/6/2020",
        "Quý III/2020",
        "Theo hướng dẫn của Trung ương",
    ):
        assert time_frame in text
    assert "Hạn: 25/02/2020" in text
    assert "Nguyễn Đắc Tài" in text
    assert "TT. Tỉnh ủy, TT. HĐND tỉnh" in text
    assert "is-invalid" not in html

    # 6. the task table goes into a section of its own, and the plan prints
    # ND30-correct as a draft
    add_section("TIẾN ĐỘ THỰC HIỆN", block="plan.tasks")
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    doc = nd30.Nd30Pdf(b"".join(response.streaming_content) if response.streaming else response.content)
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=["Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019"],
            issued=False,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            signer_name="Nguyễn Đắc Tài",
        ),
    )
    printed = doc.text()
    words = set(printed.split())  # table cells wrap, and their lines interleave in the text
    assert "IV. TIẾN ĐỘ THỰC HIỆN" in printed
    for time_frame in (
        "Tháng 4/2020",
        "Trước ngày 01/6/2020",
        "Quý III/2020",
        "Theo hướng dẫn của Trung ương",
    ):
        assert set(time_frame.split()) <= words, time_frame


def test_add_child_row_form_is_preset(client_for):
    client = client_for(Role.STAFF)
    task = TaskFactory()
    response = client.get(reverse("plans:task_add", args=[task.plan.pk]) + f"?parent={task.pk}", **HTMX)
    assert response.status_code == 200
    assert f'<option value="{task.pk}" selected>' in response.content.decode()


def test_section_edit_move_delete_through_htmx(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    a = SectionFactory(plan=plan, heading="A", position=0)
    b = SectionFactory(plan=plan, heading="B", position=1)

    response = client.get(reverse("plans:section_edit", args=[plan.pk, a.pk]), **HTMX)
    assert response.status_code == 200
    assert f'id="section-{a.pk}"' in response.content.decode()

    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, a.pk]),
        {f"section-{a.pk}-heading": "", f"section-{a.pk}-body": "", f"section-{a.pk}-numbered": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#section-{a.pk}"
    assert "Hãy nhập tiêu đề hoặc nội dung của mục." in response.content.decode()

    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, a.pk]),
        {
            f"section-{a.pk}-heading": "MỤC ĐÍCH",
            f"section-{a.pk}-body": "- Một.",
            f"section-{a.pk}-numbered": "on",
        },
        **HTMX,
    )
    assert response["HX-Trigger"] == "planChanged"
    assert Section.objects.get(pk=a.pk).heading == "MỤC ĐÍCH"

    response = client.post(
        reverse("plans:section_move", args=[plan.pk, b.pk]), {"direction": "indent"}, **HTMX
    )
    assert response.status_code == 200
    assert Section.objects.get(pk=b.pk).parent_id == a.pk
    assert "1. B" in text_of(response.content.decode())

    response = client.post(
        reverse("plans:section_move", args=[plan.pk, a.pk]), {"direction": "indent"}, **HTMX
    )
    assert "Không thể lùi vào" in response.content.decode()
    assert "HX-Trigger" not in response

    response = client.post(
        reverse("plans:section_move", args=[plan.pk, a.pk]), {"direction": "sideways"}, **HTMX
    )
    # Bad input, not a missing page: 400 with the reason.
    assert response.status_code == 400
    assert response.content.decode() == "Hướng di chuyển không hợp lệ."

    response = client.post(reverse("plans:section_delete", args=[plan.pk, a.pk]), **HTMX)
    assert response.status_code == 200
    assert not Section.objects.filter(plan=plan).exists()


def test_decision_attach_and_articles(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(title="Tổng kết công tác năm 2020")
    response = client.post(reverse("plans:decision", args=[plan.pk]), {"op": "attach"}, **HTMX)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.decision is not None
    html = response.content.decode()
    assert "Ban hành kèm theo Quyết định này Kế hoạch tổng kết công tác năm 2020." in html

    response = client.post(
        reverse("plans:article_add", args=[plan.pk]), {"new-article-body": "Điều thi hành."}, **HTMX
    )
    assert response.status_code == 200
    assert list(plan.decision.articles.values_list("body", flat=True))[-1] == "Điều thi hành."

    response = client.post(
        reverse("plans:decision", args=[plan.pk]),
        {"op": "update", "decision-title": "Ban hành Kế hoạch", "decision-authority_line": "ủy ban"},
        **HTMX,
    )
    assert "Thẩm quyền ban hành phải viết in hoa." in response.content.decode()

    response = client.post(
        reverse("plans:decision", args=[plan.pk]),
        {
            "op": "update",
            "decision-symbol_code": "UBND",
            "decision-title": "Ban hành Kế hoạch tổng kết",
            "decision-authority_line": "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
            "decision-legal_bases": "Căn cứ Luật Tổ chức chính quyền địa phương;\r\n\r\n"
            "Căn cứ Quyết định số 3994/QĐ-UBND;",
            "decision-proposal": "Xét đề nghị của Giám đốc Sở Nội vụ.",
            "decision-signer_title": "TM. ỦY BAN NHÂN DÂN\r\nCHỦ TỊCH",
            "decision-signer_name": "Nguyễn Tấn Tuân",
            "decision-recipients": "Như Điều 4",
            "decision-archive": "VT, DL",
        },
        **HTMX,
    )
    assert response["HX-Trigger"] == "planChanged"
    assert "Đã lưu quyết định." in response.content.decode()
    plan.decision.refresh_from_db()
    assert (plan.decision.title, plan.decision.legal_bases, plan.decision.signer_name) == (
        "Ban hành Kế hoạch tổng kết",
        "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Quyết định số 3994/QĐ-UBND;",
        "Nguyễn Tấn Tuân",
    )


def test_copy_view(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(year=2019, title="Hội nghị năm 2019")
    TaskFactory(plan=plan, time_frame="Tháng 4/2019")
    response = client.get(reverse("plans:copy", args=[plan.pk]))
    assert response.status_code == 200
    response = client.post(reverse("plans:copy", args=[plan.pk]), {"years": "1"})
    copy = Plan.objects.exclude(pk=plan.pk).get()
    assert response.status_code == 302
    assert response["Location"] == copy.get_absolute_url()
    assert (copy.title, copy.year, copy.copied_from_id) == ("Hội nghị năm 2020", 2020, plan.pk)
    assert copy.tasks.get().time_frame == "Tháng 4/2020"


def test_agency_search(client_for):
    client = client_for(Role.STAFF)
    AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    AgencyFactory(name="Sở Tư pháp", short_name="STP")
    AgencyFactory(name="Sở Nội vụ cũ", short_name="SNVC", is_active=False)
    response = client.get(reverse("plans:agency_search"), {"q": "nội VỤ"})
    assert response.status_code == 200
    assert response.content.decode().strip() == '<option value="Sở Nội vụ">SNV</option>'
    response = client.get(reverse("plans:agency_search"), {"q": "stp", "format": "json"})
    assert [row["name"] for row in response.json()["results"]] == ["Sở Tư pháp"]


def test_list_search_and_filters(client_for):
    client = client_for(Role.STAFF)
    ubnd = ProvincialCommitteeFactory()
    snv = AgencyFactory(name="Sở Nội vụ")
    PlanFactory(title="Hội nghị tổng kết năm 2019", year=2019, issuing_agency=ubnd)
    PlanFactory(title="Học tập kinh nghiệm", year=2023, issuing_agency=snv, status=DocumentStatus.ISSUED)
    PlanFactory(title="Hội nghị trực tuyến", year=2023, issuing_agency=ubnd)

    def titles(**params):
        response = client.get(reverse("plans:list"), params)
        assert response.status_code == 200
        return re.findall(r'class="fw-semibold">([^<]+)</a>', response.content.decode())

    assert titles() == ["Hội nghị trực tuyến", "Học tập kinh nghiệm", "Hội nghị tổng kết năm 2019"]
    assert titles(q="hội nghị") == ["Hội nghị trực tuyến", "Hội nghị tổng kết năm 2019"]
    assert titles(year="2023") == ["Hội nghị trực tuyến", "Học tập kinh nghiệm"]
    assert titles(agency=str(snv.pk)) == ["Học tập kinh nghiệm"]
    assert titles(status="issued") == ["Học tập kinh nghiệm"]
    assert titles(year="abc") == ["Hội nghị trực tuyến", "Học tập kinh nghiệm", "Hội nghị tổng kết năm 2019"]

    # the filter form asks htmx for the results only
    response = client.get(reverse("plans:list"), {"q": "học"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="plan-results">')
    assert "<html" not in html


def test_list_paginates(client_for):
    client = client_for(Role.STAFF)
    PlanFactory.create_batch(25)
    response = client.get(reverse("plans:list"))
    assert len(response.context["plans"]) == 20
    assert "Trang 1/2" in response.content.decode()
    response = client.get(reverse("plans:list"), {"page": "2"})
    assert len(response.context["plans"]) == 5


# --------------------------------------------------------------------------- escaping


def test_user_html_is_escaped(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(title="Kế hoạch <b>đậm</b>")
    SectionFactory(
        plan=plan, heading="<i>MỤC</i>", body="<script>alert('x')</script>\n- <img src=x onerror=alert(1)>"
    )
    TaskFactory(plan=plan, description="<script>alert(2)</script>", lead="<b>Sở</b>")
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "<b>Sở</b>" not in html and "<i>MỤC</i>" not in html and "<b>đậm</b>" not in html


# --------------------------------------------------------------------------- who may do what


def test_anonymous_goes_to_login(client):
    plan = PlanFactory()
    for url in (
        reverse("plans:list"),
        reverse("plans:create"),
        plan.get_absolute_url(),
        reverse("plans:agency_search"),
        reverse("plans:copy", args=[plan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/?next=")
    response = client.post(reverse("plans:section_add", args=[plan.pk]), {"new-section-heading": "X"})
    assert response.status_code == 302
    assert not Section.objects.exists()


def test_agency_representative_is_forbidden(client_for):
    client = client_for(Role.AGENCY)
    plan = PlanFactory()
    section = SectionFactory(plan=plan)
    for url in (
        reverse("plans:list"),
        reverse("plans:create"),
        plan.get_absolute_url(),
        reverse("plans:agency_search"),
        reverse("plans:section_list", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("plans:section_delete", args=[plan.pk, section.pk])).status_code == 403
    assert Section.objects.filter(pk=section.pk).exists()


def test_leader_can_view_but_not_edit(client_for):
    client = client_for(Role.LEADER)
    plan = PlanFactory()
    section = SectionFactory(plan=plan, heading="MỤC ĐÍCH")
    TaskFactory(plan=plan)
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "MỤC ĐÍCH" in html
    assert "Bạn chỉ có quyền xem kế hoạch này." in html
    assert 'id="new-section-form"' not in html and "hx-post" not in html
    assert client.get(reverse("plans:list")).status_code == 200
    assert client.get(reverse("plans:create")).status_code == 403
    assert client.post(reverse("plans:header", args=[plan.pk]), {"plan-title": "X"}).status_code == 403
    assert (
        client.post(reverse("plans:section_add", args=[plan.pk]), {"new-section-heading": "X"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("plans:section_move", args=[plan.pk, section.pk]), {"direction": "down"}
        ).status_code
        == 403
    )
    assert client.post(reverse("plans:copy", args=[plan.pk]), {"years": "1"}).status_code == 403
    assert Plan.objects.count() == 1 and plan.sections.count() == 1


def test_issued_plan_is_read_only(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(status=DocumentStatus.ISSUED, number=4417)
    SectionFactory(plan=plan, heading="MỤC ĐÍCH")
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Kế hoạch đã ban hành nên chỉ xem được." in html
    assert 'id="new-section-form"' not in html
    assert "Sao chép thành kế hoạch mới" in html
    response = client.post(
        reverse("plans:section_add", args=[plan.pk]),
        {"new-section-heading": "Mới", "new-section-numbered": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Kế hoạch đã ban hành, không thể sửa đổi." in response.content.decode()
    assert "HX-Trigger" not in response
    assert plan.sections.count() == 1


# --------------------------------------------------------------------------- query counts


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _full_plan(tasks: int) -> Plan:
    plan = PlanFactory()
    decision = DecisionFactory()
    DecisionArticleFactory.create_batch(2 if tasks == 1 else 6, decision=decision)
    plan.decision = decision
    plan.save()
    parent = None
    for index in range(tasks):
        task = TaskFactory(plan=plan, parent=parent if index % 3 else None)
        task.lead_agencies.add(AgencyFactory())
        parent = task if index % 3 == 0 else parent
        SectionFactory(plan=plan)
    ObjectiveFactory.create_batch(tasks, plan=plan)
    AssignmentFactory.create_batch(tasks, plan=plan, agency=AgencyFactory())
    AppendixFactory.create_batch(1 if tasks == 1 else 5, plan=plan)
    return plan


def test_editor_query_count_does_not_grow(client_for):
    client = client_for(Role.STAFF)
    small, large = _full_plan(1), _full_plan(50)
    client.get(small.get_absolute_url())  # warm caches (content types, sessions)
    assert large.tasks.count() == 50
    small_count = _count_queries(client, small.get_absolute_url())
    assert small_count == _count_queries(client, large.get_absolute_url())
    # Session, user, roles; the plan with its parts and panel counts; comments.
    assert small_count <= 12


def test_partial_query_count_does_not_grow(client_for):
    client = client_for(Role.STAFF)
    small, large = _full_plan(1), _full_plan(50)
    client.get(reverse("plans:task_list", args=[small.pk]))
    assert _count_queries(client, reverse("plans:task_list", args=[small.pk])) == _count_queries(
        client, reverse("plans:task_list", args=[large.pk])
    )


def test_list_query_count_does_not_grow(client_for):
    client = client_for(Role.STAFF)
    PlanFactory(issuing_agency=AgencyFactory())
    client.get(reverse("plans:list"))
    one = _count_queries(client, reverse("plans:list"))
    for _ in range(49):
        TaskFactory(plan=PlanFactory(issuing_agency=AgencyFactory()))
    assert _count_queries(client, reverse("plans:list")) == one


# --------------------------------------------------------------------------- ready for a strict CSP


def test_plan_pages_have_no_inline_script_or_handlers(client_for):
    client = client_for(Role.STAFF)
    plan = _full_plan(3)
    pages = [
        reverse("plans:list"),
        reverse("plans:create"),
        plan.get_absolute_url(),
        reverse("plans:copy", args=[plan.pk]),
        reverse("plans:task_list", args=[plan.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], url
        assert re.findall(r"\son[a-z]+=", html) == [], url
        assert "hx-on" not in html and "javascript:" not in html, url
    editor = client.get(plan.get_absolute_url()).content.decode()
    assert '<script src="/static/js/plans-editor.js"></script>' in editor
    assert f'<iframe src="/ke-hoach/{plan.pk}/ban-in/"' in editor


def test_garbage_input_never_500(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    other = SectionFactory()  # a section of another plan
    foreign_task = TaskFactory()
    assert client.get(reverse("plans:section_edit", args=[plan.pk, other.pk]), **HTMX).status_code == 404
    assert client.post(reverse("plans:section_delete", args=[plan.pk, other.pk]), **HTMX).status_code == 404
    assert client.get(reverse("plans:detail", args=[999999])).status_code == 404
    response = client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {
            "new-task-parent": str(foreign_task.pk),
            "new-task-description": "x",
            "new-task-status": "bogus",
            "new-task-time_frame": "y" * 500,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#new-task-form"
    html = response.content.decode()
    assert "Thời gian thực hiện dài tối đa 200 ký tự." in html
    assert html.count("is-invalid") >= 3  # parent, status, time frame: each marked at its field
    assert not plan.tasks.exists()
    params = {"year": "x", "agency": "abc", "status": "<b>", "page": "99"}
    assert client.get(reverse("plans:list"), params).status_code == 200
    response = client.post(reverse("plans:copy", args=[plan.pk]), {"years": "một"})
    assert response.status_code == 200
    assert "Số năm phải là số nguyên." in response.content.decode()
