"""Every GIẤY MỜI of an event as a background job: one PDF, a page per agency."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from delegates.models import Invitation
from documents.models import Job, JobStatus
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]


def test_the_invitations_of_an_event_come_as_one_pdf(client_for, django_capture_on_commit_callbacks):
    opening = OpeningFactory()
    for _ in range(3):
        RegistrationFactory(opening=opening)
    invitation = Invitation.objects.create(
        opening=opening,
        issuing_agency=AgencyFactory(),
        title="Dự Hội nghị thử nghiệm",
        attend_text="Tới dự Hội nghị thử nghiệm",
        time_text="07 giờ 30 phút, ngày 25/5/2027",
        place_text="Hội trường Sở Nội vụ",
    )
    client = client_for(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/van-ban/tep-cua-toi/tao/", {"kind": "event_invitations", "invitation_id": str(invitation.pk)}
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    data = job.result.open("rb").read()
    assert data[:5] == b"%PDF-"
    assert job.result_name.endswith("-tat-ca-agency.pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    assert "GIẤY MỜI" in reader.pages[2].extract_text()


def test_an_agency_representative_cannot_print_every_invitation(client_for):
    response = client_for(Role.AGENCY).post(
        "/van-ban/tep-cua-toi/tao/", {"kind": "event_invitations", "invitation_id": "1"}
    )
    assert response.status_code == 403


def test_every_delegate_list_of_a_year_comes_as_one_pdf(client_for, django_capture_on_commit_callbacks):
    first = OpeningFactory(event__plan__year=2026)
    second = OpeningFactory(event__plan__year=2026)
    OpeningFactory(event__plan__year=2025)
    for opening in (first, second):
        RegistrationFactory(opening=opening)
    client = client_for(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/van-ban/tep-cua-toi/tao/", {"kind": "year_delegate_lists", "year": "2026"})
    job = Job.objects.get()
    assert (job.status, job.result_name) == (JobStatus.DONE, "danh-sach-dai-bieu-2026.pdf")
    reader = PdfReader(io.BytesIO(job.result.open("rb").read()))
    assert [page.extract_text().count("DANH SÁCH") for page in reader.pages] == [1, 1]
