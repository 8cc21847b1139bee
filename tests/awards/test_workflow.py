"""The award decision in the review-and-issue workflow: submitted, approved,
issued with a register number; then it and its list are frozen."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import documents, services
from awards.models import AwardDecision, Nomination
from documents import workflow
from plans.permissions import Role
from tests.documents import nd30
from tests.documents.nd30 import Nd30Pdf

pytestmark = pytest.mark.django_db


def test_issue_numbers_freezes_and_serves_stored_pdf(award_setup, make_user, client):
    decision = award_setup["decision"]
    staff, leader, clerk = make_user(Role.STAFF), make_user(Role.LEADER), make_user(Role.CLERK)
    assert workflow.type_of(decision).key == "awarddecision"
    workflow.transition(document=decision, user=staff, action="submit")
    workflow.transition(document=AwardDecision.objects.get(pk=decision.pk), user=leader, action="approve")
    entry = workflow.issue(
        document=AwardDecision.objects.get(pk=decision.pk), user=clerk, today=datetime.date(2020, 2, 20)
    )
    decision = AwardDecision.objects.get(pk=decision.pk)
    assert (decision.number, decision.issued_on, decision.status) == (1, datetime.date(2020, 2, 20), "issued")
    assert entry.symbol == "01/QĐ-UBND"
    doc = Nd30Pdf(workflow.stored_pdf(entry))
    nd30.check_number(doc, doc_type="QĐ", issued=True)
    nd30.check_date(doc, issued=True)
    nd30.check_appendices(
        doc, labels=["Phụ lục"], reference="(Kèm theo Quyết định số 01/QĐ-UBND ngày 20 tháng 02 năm 2020"
    )
    # Frozen: the decision and the nominations it lists.
    nomination = Nomination.objects.filter(campaign=award_setup["campaign"], status="accepted").first()
    with pytest.raises(ValidationError):
        services.nomination_review(nomination=nomination, action=services.ReviewAction.REJECT, reason="Sai.")
    with pytest.raises(ValidationError):
        services.decision_update(decision=decision, data={"title": "Khác"})
    # The PDF page serves the stored bytes.
    client.force_login(staff)
    response = client.get(reverse("awards:decision_pdf", args=[decision.campaign_id, decision.pk]))
    assert response.content == workflow.stored_pdf(entry)
    assert documents.decision_printable(decision).filename == "QD-01-2020.pdf"


def test_decision_page_submits_and_review_page_frames_the_pdf(award_setup, client_for, make_user, client):
    decision = award_setup["decision"]
    staff = client_for(Role.STAFF)
    page = staff.get(decision.get_absolute_url()).content.decode()
    doc_id = workflow.document_id(decision)
    transition = reverse("documents:transition", args=[doc_id])
    assert transition in page
    response = staff.post(transition, {"action": "submit", "next": "editor"})
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    decision.refresh_from_db()
    assert decision.status == "submitted"
    # Submitted: the text is no longer editable.
    page = staff.get(decision.get_absolute_url()).content.decode()
    assert "Quyết định đang trình duyệt" in page
    with pytest.raises(ValidationError):
        services.decision_update(decision=decision, data={"title": "Khác"})
    client.force_login(make_user(Role.LEADER))
    review = client.get(reverse("documents:review", args=[doc_id]))
    assert review.status_code == 200
    pdf_url = reverse("awards:decision_pdf", args=[decision.campaign_id, decision.pk])
    assert pdf_url in review.content.decode()
    framed = client.get(pdf_url + "?inline=1")
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert framed["Content-Disposition"].startswith("inline;")
