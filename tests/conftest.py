import pytest

from plans.permissions import Role
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def make_user(db):
    """make_user(Role.STAFF) -> a saved user in that role."""

    def make(role: Role | None = None, *, agency=None, **kwargs):
        if role == Role.AGENCY and agency is None:
            agency = AgencyFactory()
        return UserFactory(role=role, agency=agency, **kwargs)

    return make


@pytest.fixture
def client_for(client, make_user):
    """client_for(Role.LEADER) -> a test client logged in as a new user of that role."""

    def login(role: Role | None, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return login
