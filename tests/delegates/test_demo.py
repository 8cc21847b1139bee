import pytest

from conferences import demo as conference_demo
from delegates import demo, selectors
from delegates.models import Delegate, RegistrationOpening

pytestmark = pytest.mark.django_db


def test_demo_opens_seed_001_registration_once():
    conference_demo.load_demo()
    opening = demo.load_demo()
    assert opening is not None
    assert opening.event.plan.number == 4417
    assert demo.load_demo() == opening
    assert RegistrationOpening.objects.count() == 1
    board = selectors.dashboard(opening)
    codes = {row.registration.agency.name: row.status.code for row in board.rows}
    assert codes["Ủy ban nhân dân thành phố Nha Trang"] == "submitted"
    assert codes["Ủy ban nhân dân huyện Vạn Ninh"] == "draft"
    assert codes["Sở Tư pháp"] == "not_started"
    assert board.submitted_people == 6
    assert Delegate.objects.get(full_name="Lê Minh Đức").phone == "+842583822222"
    assert opening.invitations.count() == 1
