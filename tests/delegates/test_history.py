"""Every change to a registration list is attributed (django-simple-history)
and shown on the invitation's audit page."""

import pytest
from django.urls import reverse

from delegates import services
from delegates.models import Delegate, Invitation
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_registration_changes_are_recorded_and_listed_on_the_invitation_audit(client):
    opening = OpeningFactory()
    registration = RegistrationFactory(opening=opening)
    staff = UserFactory(role=Role.STAFF, first_name="Lan", last_name="Trần Thị")
    invitation = Invitation.objects.create(
        opening=opening,
        issuing_agency=AgencyFactory(),
        title="Dự Hội nghị thử nghiệm",
        signer_name="Trần Thị Minh Hà",
        created_by=staff,
    )
    row = services.PersonRow(full_name="Nguyễn Văn Ân", phone="+84905123456", title="Phó Giám đốc")
    services.registration_save(registration=registration, rows=[row], actor=services.Actor.of_user(staff))
    delegate = Delegate.objects.get(registration=registration)
    edited = services.PersonRow(
        full_name="Nguyễn Văn Ân", phone="+84905123456", title="Giám đốc", id=delegate.pk
    )
    services.registration_save(registration=registration, rows=[edited], actor=services.Actor.of_user(staff))

    assert list(delegate.history.values_list("history_type", "title").order_by("history_id")) == [
        ("+", "Phó Giám đốc"),
        ("~", "Giám đốc"),
    ]
    client.force_login(staff)
    page = client.get(reverse("documents:audit", args=[f"invitation-{invitation.pk}"])).content.decode()
    assert "Đại biểu" in page
    assert "Giám đốc" in page
