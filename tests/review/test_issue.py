"""Issuing: the stored PDF/A and its hash, the frozen document, the draft mark, the signed copy."""

import datetime
import hashlib
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from documents import workflow
from documents.models import DocumentStatus
from plans import services
from plans.models import Assignment, Plan, Section, Task
from tests.documents import nd30
from tests.factories import DecisionArticleFactory, DecisionFactory, PlanFactory

TODAY = datetime.date(2024, 3, 5)


@pytest.fixture
def issued(people, plan, approve):
    plan = approve(plan)
    entry = workflow.issue(document=plan, user=people["clerk"], today=TODAY)
    plan.refresh_from_db()
    return plan, entry


def test_the_issued_pdf_is_stored_once_with_its_hash_and_every_download_serves_it(issued, people, login):
    plan, entry = issued
    stored = workflow.stored_pdf(entry)
    assert entry.pdf.name.startswith("issued/2024/agency-")
    assert hashlib.sha256(stored).hexdigest() == entry.sha256
    # PDF/A with its identification in the XMP metadata, fonts embedded.
    reader = pypdf.PdfReader(io.BytesIO(stored))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    nd30.check_fonts(nd30.Nd30Pdf(stored))
    client = login(people["leader"])
    first = client.get(reverse("plans:pdf", args=[plan.pk]))
    # Even a change behind the application's back does not reach the issued file.
    Plan.objects.filter(pk=plan.pk).update(title="Tiêu đề khác")
    second = client.get(reverse("plans:pdf", args=[plan.pk]) + "?inline=1")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == stored
    assert hashlib.sha256(second.content).hexdigest() == entry.sha256
    assert first["Content-Disposition"] == 'attachment; filename="KH-01-2024.pdf"'
    assert second["X-Frame-Options"] == "SAMEORIGIN"
    third = client.get(reverse("documents:issued_file", args=[f"plan-{plan.pk}"]))
    assert b"".join(third.streaming_content) == stored


def test_drafts_print_the_diagonal_mark_and_a_blank_number_issued_documents_neither(
    people, plan, approve, login
):
    client = login(people["leader"])
    draft = nd30.Nd30Pdf(client.get(reverse("plans:pdf", args=[plan.pk])).content)
    assert draft.watermarks == ["DỰ THẢO"] * len(draft.pages)
    assert nd30.DRAFT_NUMBER_RE.match(nd30.check_number(draft, doc_type="KH", issued=False).text)
    assert nd30.DRAFT_DATE_RE.match(draft.find("^Khánh Hòa, ngày").text)

    plan = approve(plan)
    workflow.issue(document=plan, user=people["clerk"], today=TODAY)
    issued = nd30.Nd30Pdf(client.get(reverse("plans:pdf", args=[plan.pk])).content)
    assert set(issued.watermarks) == {""}
    assert "DỰ THẢO" not in issued.text()
    assert nd30.check_number(issued, doc_type="KH", issued=True).text == "Số: 01/KH-UBND"
    assert nd30.check_date(issued, issued=True).text == "Khánh Hòa, ngày 05 tháng 3 năm 2024"
    nd30.check_fonts(issued)


def test_after_issue_services_refuse_changes(issued):
    plan, _entry = issued
    task = plan.tasks.first()
    for change in (
        lambda: services.task_update(task=task, data={"time_frame": "Tháng 5/2024"}),
        lambda: services.task_create(plan=plan, data={"description": "Thêm"}),
        lambda: services.section_delete(section=plan.sections.first()),
        lambda: services.plan_update(plan=plan, data={"title": "Khác"}),
        lambda: services.appendix_create(plan=plan, data={"title": "PHỤ LỤC"}),
    ):
        with pytest.raises(ValidationError, match="đã ban hành"):
            change()
    assert Task.objects.get(pk=task.pk).time_frame == "Tháng 4/2024"


def test_after_issue_the_orm_refuses_changes(issued):
    plan, _entry = issued
    task = plan.tasks.first()
    task.time_frame = "Tháng 5/2024"
    message = (
        "Kế hoạch đã ban hành (đã vào sổ văn bản) nên không thể sửa hoặc xóa nhiệm vụ. "
        "Muốn đính chính, hãy tạo văn bản thay thế."
    )
    with pytest.raises(workflow.FrozenDocument) as error:
        task.save()
    assert error.value.messages == [message]
    with pytest.raises(workflow.FrozenDocument):
        Task.objects.create(plan=plan, description="Thêm")
    # Django deletes inside a transaction of its own; the refusal rolls it back.
    with pytest.raises(workflow.FrozenDocument), transaction.atomic():
        Section.objects.get(plan=plan, position=0).delete()
    with pytest.raises(workflow.FrozenDocument):
        Assignment.objects.create(plan=plan, agency_text="Sở Nội vụ")
    plan.title = "Khác"
    with pytest.raises(workflow.FrozenDocument):
        plan.save()
    with pytest.raises(workflow.FrozenDocument), transaction.atomic():
        plan.delete()
    assert Task.objects.get(pk=task.pk).time_frame == "Tháng 4/2024"


def test_after_issue_editor_forms_and_admin_refuse_changes(issued, people, login, admin_client):
    plan, _entry = issued
    task = plan.tasks.first()
    client = login(people["staff"])
    response = client.post(
        reverse("plans:task_edit", args=[plan.pk, task.pk]),
        {
            f"task-{task.pk}-description": "Sửa",
            f"task-{task.pk}-time_frame": "Tháng 5/2024",
            f"task-{task.pk}-numbered": "on",
            f"task-{task.pk}-status": "not_started",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "đã ban hành" in response.content.decode()
    response = client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {"new-task-description": "Thêm", "new-task-status": "not_started", "new-task-numbered": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert "đã ban hành" in response.content.decode()
    response = client.post(
        reverse("plans:header", args=[plan.pk]), {"plan-title": "Khác"}, HTTP_HX_REQUEST="true"
    )
    assert Plan.objects.get(pk=plan.pk).title == plan.title
    admin = admin_client.post(
        reverse("admin:plans_plan_change", args=[plan.pk]), {"title": "Khác", "year": 2024}
    )
    assert admin.status_code == 403
    assert Task.objects.get(pk=task.pk).description == task.description
    assert plan.tasks.count() == 3


def test_a_plan_with_its_decision_takes_a_qd_number_and_the_decision_is_frozen_too(people, approve, login):
    decision = DecisionFactory()
    DecisionArticleFactory(decision=decision, body="Ban hành kèm theo Quyết định này Kế hoạch.")
    plan = PlanFactory(issuing_agency=decision.issuing_agency, decision=decision, created_by=people["staff"])
    plan = approve(plan)
    entry = workflow.issue(document=plan, user=people["clerk"], today=TODAY)
    decision.refresh_from_db()
    plan.refresh_from_db()
    assert entry.symbol == "01/QĐ-UBND"
    assert (decision.number, decision.issued_on, decision.status) == (1, TODAY, DocumentStatus.ISSUED)
    assert (plan.number, plan.issued_on, plan.status) == (None, TODAY, DocumentStatus.ISSUED)
    doc = nd30.Nd30Pdf(workflow.stored_pdf(entry))
    assert nd30.check_number(doc, doc_type="QĐ", issued=True).text == "Số: 01/QĐ-UBND"
    assert doc.find(r"^\(Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 3 năm 2024").text
    decision.title = "Khác"
    with pytest.raises(workflow.FrozenDocument):
        decision.save()
    with pytest.raises(workflow.FrozenDocument), transaction.atomic():
        decision.articles.first().delete()


def test_a_correction_is_a_new_draft_that_names_the_plan_it_replaces(issued, people, login):
    plan, _entry = issued
    new = services.plan_replace(plan=plan, user=people["staff"])
    assert (new.status, new.replaces, new.number, new.tasks.count()) == (DocumentStatus.DRAFT, plan, None, 3)
    page = login(people["leader"]).get(reverse("documents:review", args=[f"plan-{plan.pk}"])).content.decode()
    assert "Đã được thay thế bởi" in page
    with pytest.raises(ValidationError, match="Chỉ văn bản đã ban hành"):
        services.plan_replace(plan=new, user=people["staff"])
    assert services.plan_copy(plan=new, years=1, user=people["staff"]).replaces is None


def _pdf_bytes() -> bytes:
    return b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ban-ky.docx", _pdf_bytes(), "Chỉ nhận tệp PDF (đuôi .pdf)."),
        ("ban-ky.pdf", b"PK\x03\x04 not a pdf", "Tệp không phải PDF hợp lệ."),
        ("ban-ky.pdf", b"%PDF-1.7\n" + b"0" * 200, "Tệp quá lớn (tối đa 0 MB)."),
    ],
)
def test_the_signed_copy_must_be_a_pdf_of_limited_size(
    issued, people, login, name, data, message, monkeypatch
):
    plan, _entry = issued
    if "quá lớn" in message:
        monkeypatch.setattr(workflow, "SIGNED_MAX_BYTES", 100)
    client = login(people["clerk"])
    response = client.post(
        reverse("documents:signed_upload", args=[f"plan-{plan.pk}"]),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
        follow=True,
    )
    assert message in response.content.decode()
    assert not workflow.entry_for(plan).signed_pdf


def test_the_clerk_uploads_the_signed_copy_and_it_is_offered_for_download(issued, people, login):
    plan, entry = issued
    client = login(people["clerk"])
    data = _pdf_bytes()
    response = client.post(
        reverse("documents:signed_upload", args=[f"plan-{plan.pk}"]),
        {"file": SimpleUploadedFile("ban-ky.pdf", data, content_type="application/pdf")},
        follow=True,
    )
    assert "Đã lưu bản đã ký." in response.content.decode()
    entry.refresh_from_db()
    assert entry.signed_sha256 == hashlib.sha256(data).hexdigest()
    assert entry.signed_by == people["clerk"]
    download = login(people["leader"]).get(reverse("documents:signed_file", args=[f"plan-{plan.pk}"]))
    assert b"".join(download.streaming_content) == data
    assert download["Content-Disposition"] == 'attachment; filename="01-KH-UBND-da-ky.pdf"'
    # The issued file is untouched.
    assert hashlib.sha256(workflow.stored_pdf(entry)).hexdigest() == entry.sha256
    # Only the clerk uploads.
    refused = login(people["leader"]).post(
        reverse("documents:signed_upload", args=[f"plan-{plan.pk}"]),
        {"file": SimpleUploadedFile("x.pdf", data)},
    )
    assert refused.status_code == 403


def test_issue_page_with_an_eoffice_number_and_a_clash(people, plan, approve, login):
    other = approve(PlanFactory(issuing_agency=plan.issuing_agency, created_by=people["staff"]))
    workflow.issue(document=other, user=people["clerk"], number=7, issued_on=datetime.date(2024, 2, 1))
    plan = approve(plan)
    client = login(people["clerk"])
    url = reverse("documents:issue", args=[f"plan-{plan.pk}"])
    assert client.get(url).status_code == 200
    clash = client.post(url, {"mode": "eoffice", "number": "7", "issued_on": "2024-03-01"})
    assert "Số 07 năm 2024 đã được cấp" in clash.content.decode()
    missing = client.post(url, {"mode": "eoffice", "number": ""})
    assert "Hãy nhập số do hệ thống cấp." in missing.content.decode()
    done = client.post(url, {"mode": "eoffice", "number": "8", "issued_on": "2024-03-01"}, follow=True)
    assert "Đã ban hành: số 08/KH-UBND, ngày 01/03/2024." in done.content.decode()


def test_the_issue_page_says_why_a_document_cannot_be_issued_yet(people, plan, login):
    plan = workflow.transition(document=plan, user=people["staff"], action="submit")
    page = login(people["clerk"]).get(reverse("documents:issue", args=[f"plan-{plan.pk}"])).content.decode()
    assert "Không thể «ban hành»: văn bản đang chờ lãnh đạo duyệt." in page
    assert "disabled" in page
