import datetime

import pytest
from django.utils import timezone

from delegates import access
from delegates.models import AgencyAccessLink, RegistrationOpening
from tests.delegates.factories import OpeningFactory
from tests.factories import AgencyFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_link_is_stored_hashed_and_resolves_to_its_agency_and_target():
    opening = OpeningFactory()
    agency = AgencyFactory()
    link, token = access.issue_link(
        agency=agency, target=opening, expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    assert len(token) >= 43
    stored = AgencyAccessLink.objects.get(pk=link.pk)
    assert stored.token_hash == access.hash_token(token)
    assert token not in {stored.token_hash, stored.hint}
    assert not AgencyAccessLink.objects.filter(token_hash=token).exists()
    found = access.resolve_link(token, target_model=RegistrationOpening)
    assert (found.pk, found.agency, found.target) == (link.pk, agency, opening)


def test_revoked_expired_wrong_target_and_garbage_do_not_resolve():
    opening = OpeningFactory()
    agency = AgencyFactory()
    link, token = access.issue_link(
        agency=agency, target=opening, expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    assert access.resolve_link(token, target_model=PlanFactory._meta.model) is None
    assert access.resolve_link(token + "x") is None
    assert access.resolve_link("") is None
    assert access.resolve_link("a" * 500) is None
    access.revoke_link(link=link)
    assert access.resolve_link(token) is None

    _old, old_token = access.issue_link(
        agency=agency, target=opening, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert access.resolve_link(old_token) is None
    assert (
        access.revoke_links(agency=agency, target=opening) == 1
    )  # the expired one; the first is already revoked
