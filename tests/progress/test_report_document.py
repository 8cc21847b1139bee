"""The BÁO CÁO kết quả thực hiện Kế hoạch, read back from the PDF; its
review and issue; the results as of its date."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import printables, workflow
from plans.permissions import Role
from progress import documents, services
from progress.models import ProgressReport, TaskReport
from tests.documents import nd30
from tests.documents.nd30 import Nd30Pdf

from .conftest import TODAY

pytestmark = pytest.mark.django_db

TITLE = "Kết quả thực hiện Kế hoạch số 125/KH-UBND ngày 10 tháng 02 năm 2026 của UBND tỉnh Khánh Hòa"


def make_report(setup, **fields) -> ProgressReport:
    report = services.report_create(plan=setup.plan, today=TODAY)
    data = {
        "assessment": "Các cơ quan đã triển khai kịp thời các nhiệm vụ được giao.",
        "difficulties": "Một số cơ quan gửi báo cáo chậm.",
        "proposals": "Đề nghị UBND tỉnh chỉ đạo các cơ quan hoàn thành nhiệm vụ còn lại.",
        "signer_name": "Lê Thị Hoa",
        **fields,
    }
    return services.report_update(report=report, data=data)


def render(report: ProgressReport) -> tuple[bytes, Nd30Pdf]:
    printable = documents.report_printable(documents.report_queryset().get(pk=report.pk))
    data = printable.render_pdf()
    return data, Nd30Pdf(data)


def test_report_defaults_name_the_plan_and_the_home_affairs_department(setup):
    report = services.report_create(plan=setup.plan, today=TODAY)
    assert report.issuing_agency == setup.home
    assert report.title == TITLE
    assert report.opening.startswith(
        "Thực hiện Kế hoạch số 125/KH-UBND ngày 10 tháng 02 năm 2026 của UBND tỉnh"
    )
    assert report.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert report.as_of == TODAY


def test_report_pdf_passes_nd30_and_prints_the_results(setup):
    services.report_submit(
        kind="task", task_id=setup.overdue.pk, agency=setup.finance, status="stalled", note="Chờ ý kiến Bộ."
    )
    services.report_submit(
        kind="task", task_id=setup.ongoing.pk, agency=setup.justice, status="done", note="Đã đăng 12 tin bài."
    )
    report = make_report(setup, as_of=timezone.localdate())
    data, doc = render(report)
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="BC",
            type_name="BÁO CÁO",
            title_lines=TITLE,
            issued=False,
            signer_titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            signer_name="Lê Thị Hoa",
        ),
    )
    nd30.check_headings(doc)
    text = " ".join(line.text for line in doc.all_lines())
    assert "I. KẾT QUẢ THỰC HIỆN" in text
    assert "II. KHÓ KHĂN, VƯỚNG MẮC" in text and "III. ĐỀ XUẤT, KIẾN NGHỊ" in text
    assert "Số: /BC-SNV" in text
    assert "tổng số nhiệm vụ được theo dõi là 05, trong đó: 01 nhiệm vụ đã hoàn thành" in text
    for words in (
        "Rà soát văn bản quy phạm",
        "Bố trí kinh phí cải cách",
        "Chờ ý kiến Bộ.",
        "Đã đăng 12 tin bài.",
    ):
        assert words in text, words
    assert "Kết luận 215/TB-UBND" in text
    assert "Trên đây là báo cáo kết quả thực hiện" in text
    assert data.startswith(b"%PDF-")


def test_long_results_table_repeats_its_header(setup):
    from tests.factories import TaskFactory

    for i in range(40):
        task = TaskFactory(
            plan=setup.plan,
            description=f"Nhiệm vụ số {i} về cải cách thủ tục hành chính trong lĩnh vực đất đai và xây dựng",
            time_frame="Quý IV/2026",
        )
        task.lead_agencies.set([setup.justice])
    _data, doc = render(make_report(setup))
    assert len(doc.pages) >= 3
    assert nd30.check_table_header_repeats(doc) != []
    nd30.check_page_numbers(doc)


def test_results_count_reports_until_the_report_date_only(setup):
    report = make_report(setup, as_of=datetime.date(2026, 11, 1))
    sent = services.report_submit(
        kind="task", task_id=setup.overdue.pk, agency=setup.finance, status="done", note="Đã xong."
    )
    TaskReport.objects.filter(pk=sent.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 11, 5, 9))
    )
    rows = [r for r in documents.build_report_context(report)["rows"] if r["kind"] == "row"]
    overdue = next(r for r in rows if r["description"] == "Bố trí kinh phí cải cách hành chính")
    # On 01/11 the report of 05/11 did not exist: the task was past its 31/10 due date.
    assert overdue["status"] == "Quá hạn, chưa hoàn thành"
    assert overdue["note"] == ""
    report.as_of = datetime.date(2026, 11, 6)
    report.save()
    rows = [r for r in documents.build_report_context(report)["rows"] if r["kind"] == "row"]
    overdue = next(r for r in rows if r["description"] == "Bố trí kinh phí cải cách hành chính")
    assert overdue["status"] == "Đã hoàn thành"
    assert overdue["note"] == "Đã xong. (báo cáo ngày 05/11/2026)"


def test_report_goes_through_review_and_issue_and_is_registered_as_printable(setup, make_user, client_for):
    report = make_report(setup)
    assert printables.get(f"progressreport-{report.pk}").doc_type == "BC"
    staff, leader, clerk = make_user(Role.STAFF), make_user(Role.LEADER), make_user(Role.CLERK)
    workflow.transition(document=report, user=staff, action="submit")
    # The leader reviews the printed report on the generic review page.
    leader_client = client_for(Role.LEADER)
    review = leader_client.get(reverse("documents:review", args=[f"progressreport-{report.pk}"]))
    assert review.status_code == 200
    assert reverse("progress:report_pdf", args=[report.pk]) in review.content.decode()
    leader_client.logout()
    workflow.transition(document=ProgressReport.objects.get(pk=report.pk), user=leader, action="approve")
    entry = workflow.issue(
        document=ProgressReport.objects.get(pk=report.pk), user=clerk, today=datetime.date(2026, 11, 25)
    )
    report = ProgressReport.objects.get(pk=report.pk)
    assert (report.number, report.issued_on, report.status) == (1, datetime.date(2026, 11, 25), "issued")
    assert entry.symbol == "01/BC-SNV"
    doc = Nd30Pdf(workflow.stored_pdf(entry))
    nd30.check_number(doc, doc_type="BC", issued=True)
    nd30.check_date(doc, issued=True)
    staff_client = client_for(Role.STAFF)
    response = staff_client.get(reverse("progress:report_pdf", args=[report.pk]))
    assert response.content == workflow.stored_pdf(entry)
    page = staff_client.get(report.get_absolute_url()).content.decode()
    assert "Báo cáo đã ban hành nên chỉ xem được." in page
    edit = reverse("progress:report_edit", args=[report.pk])
    assert staff_client.post(edit, {"title": "Khác"}).status_code == 404


def test_report_page_edits_the_text_and_explains_errors(setup, client_for):
    client = client_for(Role.STAFF)
    response = client.post(reverse("progress:report_create", args=[setup.plan.pk]))
    report = ProgressReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    form = {
        "issuing_agency": setup.home.pk,
        "as_of": "2026-11-20",
        "title": TITLE,
        "opening": "Mở đầu.",
        "assessment": "Đánh giá.",
        "difficulties": "",
        "proposals": "",
        "closing": "",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Lê Thị Hoa",
        "recipients": "UBND tỉnh",
        "archive": "VT, CCVC",
    }
    edit = reverse("progress:report_edit", args=[report.pk])
    assert client.post(edit, form)["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert (report.assessment, report.signer_title) == ("Đánh giá.", "GIÁM ĐỐC")
    response = client.post(edit, {**form, "as_of": "31/02/2026", "title": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<p id="error_1_id_as_of"><strong>Nhập một ngày hợp lệ.' in page
    assert '<p id="error_1_id_title"><strong>Trường này là bắt buộc.' in page
    pdf = client.get(reverse("progress:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_plan_issued_with_a_decision_is_named_by_the_decision(setup):
    from tests.factories import DecisionFactory

    decision = DecisionFactory(number=908, issued_on=datetime.date(2020, 4, 22), status="issued")
    setup.plan.number = None
    setup.plan.issued_on = None
    setup.plan.decision = decision
    setup.plan.save()
    report = services.report_create(plan=setup.plan, today=TODAY)
    assert report.title == (
        "Kết quả thực hiện Kế hoạch ban hành kèm theo Quyết định số 908/QĐ-UBND ngày 22 tháng 4 năm 2020 "
        "của UBND tỉnh Khánh Hòa"
    )
