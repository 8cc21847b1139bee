"""Query counts of list and detail pages that had no such test: one row vs
many, the count must not grow."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegates.models import Delegate
from documents.models import Job, Register, RegisterEntry, SentNotification
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm per-process caches (templates, roles)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _jobs(owner, n: int) -> None:
    for i in range(n):
        Job.objects.create(owner=owner, kind="year_archive", title=f"Việc {i}", status="done", progress=100)


def test_my_files_page(client_for):
    client = client_for(Role.STAFF)
    _jobs(client.user, 1)
    one = _count(client, "/van-ban/tep-cua-toi/")
    _jobs(client.user, 20)
    assert _count(client, "/van-ban/tep-cua-toi/") == one


def test_sent_mail_page(client_for):
    client = client_for(Role.STAFF)
    SentNotification.objects.create(
        key="reminder-task-1-1-soon-2024-05-15", subject="Nhắc", recipients="a@b.vn"
    )
    one = _count(client, "/van-ban/thu-da-gui/")
    for i in range(20):
        SentNotification.objects.create(key=f"job-{i}-ready", subject=f"Tệp {i}", recipients="a@b.vn")
    assert _count(client, "/van-ban/thu-da-gui/") == one


def test_register_list_page(client_for):
    client = client_for(Role.CLERK)
    register = Register.objects.create(key="agency-1", name="Sổ văn bản đi")

    def entry(number: int) -> None:
        RegisterEntry.objects.create(
            register=register,
            year=2024,
            number=number,
            issued_on="2024-05-10",
            symbol=f"{number}/KH-UBND",
            title="Kế hoạch",
            document_type="plan",
            document_id=number,
            issued_by=client.user,
            pdf=f"issued/2024/agency-1/plan-{number}.pdf",
            sha256="0" * 64,
        )

    entry(1)
    one = _count(client, "/van-ban/so-van-ban/?year=2024")
    for number in range(2, 12):
        entry(number)
    assert _count(client, "/van-ban/so-van-ban/?year=2024") == one


_serial = itertools.count()


def _fill(opening, agencies: int, people: int) -> None:
    for _ in range(agencies):
        a = next(_serial)
        registration = RegistrationFactory(opening=opening)
        for p in range(people):
            Delegate.objects.create(
                opening=opening,
                registration=registration,
                position=p,
                full_name=f"Nguyễn Văn {a}-{p}",
                name_key=f"nguyen van {a}-{p}",
                phone=f"+84905{a:03d}{p:03d}",
            )


@pytest.mark.parametrize("page", ["index", "event", "attendance"])
def test_delegates_pages(client_for, page):
    client = client_for(Role.STAFF)
    opening = OpeningFactory()
    urls = {
        "index": "/dang-ky-dai-bieu/",
        "event": f"/dang-ky-dai-bieu/su-kien/{opening.event_id}/",
        "attendance": f"/dang-ky-dai-bieu/{opening.pk}/diem-danh/",
    }
    _fill(opening, 1, 1)
    one = _count(client, urls[page])
    _fill(opening, 8, 4)
    OpeningFactory(event=opening.event)
    assert _count(client, urls[page]) == one


def test_agency_registrations_page(client_for):
    client = client_for(Role.AGENCY)
    agency = client.user.profile.agency
    RegistrationFactory(agency=agency)
    one = _count(client, "/dang-ky-dai-bieu/cua-toi/")
    for _ in range(6):
        RegistrationFactory(agency=agency)
    assert _count(client, "/dang-ky-dai-bieu/cua-toi/") == one
