"""Staff and agency pages show people the way they read them: phones in the
national format, the blank forms as links in the house colour."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from delegates.models import AgencyRegistration
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_focal_points_phone_in_national_format(client_for):
    opening = OpeningFactory()
    registration = RegistrationFactory(
        opening=opening, contact_name="Trần Thị Lan", contact_phone="+84914000111"
    )
    page = client_for(Role.STAFF).get(reverse("delegates:dashboard", args=[opening.pk])).content.decode()
    assert "Trần Thị Lan · 0914 000 111" in page
    assert "+84914000111" not in page
    # Stored as before: E.164.
    assert AgencyRegistration.objects.get(pk=registration.pk).contact_phone == "+84914000111"


def test_the_blank_forms_on_the_agency_page_are_house_coloured_links(client):
    registration = RegistrationFactory(opening=OpeningFactory())
    client.force_login(UserFactory(role=Role.AGENCY, agency=registration.agency))
    page = client.get(reverse("delegates:agency_form", args=[registration.pk])).content.decode()
    assert "Mẫu đăng ký (PDF)</a>" in page and "Mẫu đăng ký (Word)</a>" in page
    assert 'class="btn btn-link" href="' in page
    # .btn-link takes Bootstrap's --bs-link-color (blue unless the site sets it): ours is the letterhead red.
    with open(finders.find("css/app.css"), encoding="utf-8") as css:
        rules = css.read()
    assert "--bs-link-color: var(--kh-primary);" in rules
    assert "--bs-link-hover-color: var(--kh-primary-dark);" in rules
    assert "css/app." in page
