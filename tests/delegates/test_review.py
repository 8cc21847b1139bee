import datetime

import pytest

from delegates import documents
from delegates.models import Invitation
from documents import renderer, workflow
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.documents import nd30
from tests.factories import AgencyFactory, ProvincialCommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_invitation_goes_through_review_and_issue_and_prints_its_number():
    department = AgencyFactory(name="Sở Nội vụ", short_name="SNV", parent=ProvincialCommitteeFactory())
    opening = OpeningFactory()
    registration = RegistrationFactory(opening=opening)
    staff, leader, clerk = (UserFactory(role=role) for role in (Role.STAFF, Role.LEADER, Role.CLERK))
    invitation = Invitation.objects.create(
        opening=opening,
        issuing_agency=department,
        title="Dự Hội nghị thử nghiệm",
        attend_text="Tới dự Hội nghị thử nghiệm",
        time_text="07 giờ 30 phút, ngày 25/5/2023",
        place_text="Hội trường UBND tỉnh",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Trần Thị Minh Hà",
        recipients="Như trên",
        archive="VT, CCHC",
        created_by=staff,
    )
    assert workflow.document_id(invitation) == f"invitation-{invitation.pk}"
    workflow.transition(document=invitation, user=staff, action="submit")
    workflow.transition(document=invitation, user=leader, action="approve")
    entry = workflow.issue(document=invitation, user=clerk, today=datetime.date(2023, 5, 15))
    invitation.refresh_from_db()
    assert (invitation.status, invitation.number, invitation.issued_on) == (
        "issued",
        1,
        datetime.date(2023, 5, 15),
    )
    assert entry is not None
    context = documents.build_invitation_context(
        invitation, invitee=documents.invitee_line_for_agency(registration), registration=registration
    )
    doc = nd30.Nd30Pdf(
        renderer.render_pdf(documents.INVITATION_TEMPLATE, {"items": [context]}, title="GM", author="SNV")
    )
    assert doc.find("^Số: 01/GM-SNV$")
    nd30.check_date(doc, issued=True)
    assert "DỰ THẢO" not in doc.text()
