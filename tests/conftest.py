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


@pytest.fixture(autouse=True)
def _test_http_and_static(settings):
    """The test client speaks plain HTTP, and tests do not run collectstatic:
    production's HTTPS redirect and hashed-manifest storage are exercised by
    tests/foundation's subprocess tests instead."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_runtest_setup(item):
    from django.conf import settings

    if item.get_closest_marker("postgres") and not settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql"
    ):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if item.get_closest_marker("worker") and not settings.REDIS_URL:
        pytest.skip("needs Redis for a real Celery worker: set REDIS_URL=redis://…")
