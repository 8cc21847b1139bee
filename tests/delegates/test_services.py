import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from delegates import selectors, services, tasks
from delegates.models import (
    ChangeAction,
    Delegate,
    RegistrationChange,
    RegistrationStatus,
    ReminderSent,
)
from delegates.services import Actor, PersonRow, RegistrationError
from tests.delegates.factories import OpeningFactory, RegistrationFactory, SectionFactory, in_days

pytestmark = pytest.mark.django_db

AGENCY = Actor(label="Đầu mối thử nghiệm")
STAFF = Actor(label="Chuyên viên", staff=True)


def row(name="Nguyễn Văn An", phone="+84905123456", **kwargs):
    return PersonRow(full_name=name, phone=phone, **kwargs)


def test_draft_then_submit_logs_every_change_and_sends_confirmation(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(quota=3)
    result = services.registration_save(
        registration=registration, rows=[row(), row("Lê Thị Ánh", "+84912345678")], actor=AGENCY
    )
    assert (result.added, result.submitted) == (2, False)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT
    people = selectors.registration_people(registration)
    edited = [
        PersonRow(id=people[0].pk, full_name="Nguyễn Văn An", phone="+84905123456", title="Phó Giám đốc"),
        PersonRow(id=people[1].pk, full_name="Lê Thị Ánh", phone="+84912345678"),
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        result = services.registration_save(registration=registration, rows=edited, actor=AGENCY, submit=True)
    # The submit enqueues the confirmation after commit; run that task here (no broker in this test).
    assert len(callbacks) == 1
    assert tasks.task_send_confirmation.apply(kwargs={"registration_id": registration.pk}).get() == 1
    assert (result.changed, result.submitted) == (1, True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert list(
        RegistrationChange.objects.filter(registration=registration).values_list("action", flat=True)
    ) == [
        ChangeAction.SUBMIT,
        ChangeAction.EDIT,
        ChangeAction.ADD,
        ChangeAction.ADD,
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [registration.agency.email]
    assert "Nguyễn Văn An - Phó Giám đốc" in mail.outbox[0].body
    assert "0905 123 456" in mail.outbox[0].body


def test_substituting_a_person_after_submission_is_logged_as_thay_nguoi():
    registration = RegistrationFactory()
    services.registration_save(registration=registration, rows=[row()], actor=AGENCY, submit=True)
    person = Delegate.objects.get()
    services.registration_save(
        registration=registration,
        rows=[PersonRow(id=person.pk, full_name="Trần Văn Bình", phone="+84905000111")],
        actor=AGENCY,
    )
    person.refresh_from_db()
    assert (person.full_name, person.replaced_name) == ("Trần Văn Bình", "Nguyễn Văn An")
    change = RegistrationChange.objects.filter(action=ChangeAction.SUBSTITUTE).get()
    assert change.details["before"]["full_name"] == "Nguyễn Văn An"
    assert change.details["after"]["full_name"] == "Trần Văn Bình"


def test_same_person_twice_in_one_list_is_refused_on_the_row():
    registration = RegistrationFactory()
    with pytest.raises(RegistrationError) as error:
        services.registration_save(
            registration=registration,
            rows=[row(), row("NGUYỄN  VĂN AN"), row("Lê Văn Hải", "+84905999888")],
            actor=AGENCY,
        )
    assert error.value.row_errors == {1: {"full_name": "Trùng với dòng 1: cùng họ tên và số điện thoại."}}
    assert not Delegate.objects.exists()


def test_same_person_registered_by_another_agency_is_refused_without_naming_it():
    first = RegistrationFactory()
    second = RegistrationFactory(opening=first.opening)
    services.registration_save(registration=first, rows=[row()], actor=AGENCY)
    with pytest.raises(RegistrationError) as error:
        services.registration_save(registration=second, rows=[row("nguyễn văn an")], actor=AGENCY)
    message = error.value.row_errors[0]["full_name"]
    assert message.startswith("Người này (cùng họ tên và số điện thoại) đã được một cơ quan khác đăng ký.")
    assert first.agency.name not in message
    with pytest.raises(RegistrationError) as error:
        services.registration_save(registration=second, rows=[row()], actor=STAFF)
    assert first.agency.name in error.value.row_errors[0]["full_name"]
    # Another opening is another event: the same person may come.
    other = RegistrationFactory()
    services.registration_save(registration=other, rows=[row()], actor=AGENCY)


def test_a_row_naming_another_agencys_person_is_refused():
    mine = RegistrationFactory()
    theirs = RegistrationFactory(opening=mine.opening)
    services.registration_save(registration=theirs, rows=[row()], actor=AGENCY)
    person = Delegate.objects.get()
    with pytest.raises(RegistrationError) as error:
        services.registration_save(
            registration=mine,
            rows=[PersonRow(id=person.pk, full_name="Kẻ Gian", phone="+84905111222")],
            actor=AGENCY,
        )
    assert error.value.row_errors[0]["full_name"] == "Dòng này không thuộc danh sách của cơ quan."
    person.refresh_from_db()
    assert (person.full_name, person.registration) == ("Nguyễn Văn An", theirs)


def test_quota_is_enforced_on_submit_not_on_draft():
    registration = RegistrationFactory(quota=1)
    rows = [row(), row("Lê Văn Hải", "+84905999888")]
    result = services.registration_save(registration=registration, rows=rows, actor=AGENCY)
    assert result.warnings == ["Cơ quan được đăng ký tối đa 1 người; danh sách có 2 người."]
    with pytest.raises(RegistrationError) as error:
        services.registration_save(
            registration=registration,
            rows=[PersonRow(id=d.pk, full_name=d.full_name, phone=d.phone) for d in Delegate.objects.all()],
            actor=AGENCY,
            submit=True,
        )
    assert error.value.messages == ["Cơ quan được đăng ký tối đa 1 người; danh sách có 2 người."]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT


def test_section_quota_and_capacity_are_enforced():
    opening = OpeningFactory(capacity=2)
    inside = SectionFactory(opening=opening, title="Trong tỉnh", quota_per_agency=1)
    outside = SectionFactory(opening=opening, title="Ngoài tỉnh")
    a = RegistrationFactory(opening=opening, quota=None)
    b = RegistrationFactory(opening=opening, quota=None)
    with pytest.raises(RegistrationError) as error:
        services.registration_save(
            registration=a,
            rows=[row(section_id=inside.pk), row("Lê Văn Hải", "+84905999888", section_id=inside.pk)],
            actor=AGENCY,
            submit=True,
        )
    assert error.value.messages == ["Phần «Trong tỉnh»: tối đa 1 người mỗi cơ quan; danh sách có 2 người."]
    assert not Delegate.objects.exists()  # nothing half-saved
    services.registration_save(
        registration=a,
        rows=[row(section_id=inside.pk), row("Lê Văn Hải", "+84905999888", section_id=outside.pk)],
        actor=AGENCY,
        submit=True,
    )
    with pytest.raises(RegistrationError) as error:
        services.registration_save(
            registration=b,
            rows=[row("Trần Thị Hà", "+84905777666", section_id=outside.pk)],
            actor=AGENCY,
            submit=True,
        )
    assert error.value.messages == ["Đã hết chỗ: sức chứa 2 người, chỉ còn 0 chỗ cho danh sách 1 người."]
    with pytest.raises(RegistrationError) as error:
        services.registration_save(registration=b, rows=[row("Trần Thị Hà", "+84905777666")], actor=AGENCY)
    assert error.value.row_errors == {0: {"section_id": "Vui lòng chọn phần."}}


def test_after_the_deadline_the_agency_cannot_change_until_reopened():
    registration = RegistrationFactory(opening=OpeningFactory(deadline=in_days(-1)))
    with pytest.raises(RegistrationError) as error:
        services.registration_save(registration=registration, rows=[row()], actor=AGENCY)
    assert error.value.messages == ["Đã hết hạn đăng ký; danh sách không thay đổi được nữa."]
    assert selectors.display_status(registration).code == "late"
    # The Sở may still change it on the agency's behalf.
    services.registration_save(registration=registration, rows=[row()], actor=STAFF)

    with pytest.raises(Exception, match="Hạn mới phải sau thời điểm hiện tại"):
        services.registration_reopen(registration=registration, deadline=in_days(-0.5), actor=STAFF)
    services.registration_reopen(registration=registration, deadline=in_days(2), actor=STAFF)
    registration.refresh_from_db()
    assert registration.is_open()
    assert selectors.display_status(registration).code == "reopened"
    services.registration_save(
        registration=registration,
        rows=[PersonRow(id=Delegate.objects.get().pk, full_name="Nguyễn Văn An", phone="+84905123456")],
        actor=AGENCY,
        submit=True,
    )
    registration.refresh_from_db()
    assert selectors.display_status(registration).code == "submitted"
    # Other agencies of the opening stay closed.
    other = RegistrationFactory(opening=registration.opening)
    with pytest.raises(RegistrationError):
        services.registration_save(registration=other, rows=[row("Lê Văn Hải", "+84905999888")], actor=AGENCY)


def test_move_a_person_to_another_agency_and_section():
    opening = OpeningFactory()
    section = SectionFactory(opening=opening, title="Ngoài tỉnh")
    SectionFactory(opening=opening, title="Trong tỉnh")
    a = RegistrationFactory(opening=opening)
    b = RegistrationFactory(opening=opening)
    services.registration_save(registration=a, rows=[row(section_id=section.pk)], actor=STAFF)
    person = Delegate.objects.get()
    services.delegate_move(delegate=person, registration=b, section=section, actor=STAFF)
    person.refresh_from_db()
    assert person.registration == b
    assert RegistrationChange.objects.filter(action=ChangeAction.MOVE).count() == 2


def test_reminders_are_sent_once_each_even_when_the_task_runs_twice(settings):
    settings.KEHOACH_REMINDER_DAYS = 3
    opening = OpeningFactory(deadline=in_days(2.5))
    waiting = RegistrationFactory(opening=opening)
    done = RegistrationFactory(opening=opening)
    services.registration_save(registration=done, rows=[row()], actor=AGENCY, submit=True)
    mail.outbox.clear()
    assert tasks.task_send_reminders.apply().get() == 1
    assert tasks.task_send_reminders.apply().get() == 0
    assert [m.to for m in mail.outbox] == [[waiting.agency.email]]
    # One day before: the second reminder, once.
    later = timezone.now() + datetime.timedelta(days=2)
    assert services.reminders_send(now=later) == 1
    assert services.reminders_send(now=later) == 0
    assert len(mail.outbox) == 2
    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == ["day_before", "days_before"]
    # Reopened with a new deadline: reminders for that deadline again.
    services.registration_reopen(
        registration=waiting, deadline=later + datetime.timedelta(hours=12), actor=STAFF
    )
    assert services.reminders_send(now=later) == 1


def test_dashboard_counts_and_statuses():
    opening = OpeningFactory(capacity=10)
    a = RegistrationFactory(opening=opening, quota=2)
    b = RegistrationFactory(opening=opening, quota=3)
    RegistrationFactory(opening=opening, quota=1)
    services.registration_save(registration=a, rows=[row()], actor=AGENCY, submit=True)
    services.registration_save(registration=b, rows=[row("Lê Văn Hải", "+84905999888")], actor=AGENCY)
    board = selectors.dashboard(opening)
    assert [(r.status.code, r.count, r.quota) for r in board.rows] == [
        ("submitted", 1, 2),
        ("draft", 1, 3),
        ("not_started", 0, 1),
    ]
    assert (board.submitted_people, board.draft_people, board.quota_total, board.free_seats) == (1, 1, 6, 9)
    assert [row.registration for row in board.missing] == [b, board.rows[2].registration]


# --------------------------------------------------------------------------- concurrency


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_agencies_race_for_the_last_five_seats():
    opening = OpeningFactory(capacity=25)
    full = RegistrationFactory(opening=opening, quota=None)
    services.registration_save(
        registration=full,
        rows=[row(f"Người Đã Đăng Ký {i}", f"+849051230{i:02d}") for i in range(20)],
        actor=STAFF,
        submit=True,
    )
    racers = [RegistrationFactory(opening=opening, quota=1) for _ in range(20)]
    for index, registration in enumerate(racers):
        services.registration_save(
            registration=registration,
            rows=[row(f"Người Đua {index}", f"+849121230{index:02d}")],
            actor=AGENCY,
        )
    barrier = threading.Barrier(len(racers))
    outcomes: dict[int, str] = {}

    def submit(registration):
        try:
            people = Delegate.objects.filter(registration=registration)
            rows = [PersonRow(id=p.pk, full_name=p.full_name, phone=p.phone) for p in people]
            barrier.wait()
            services.registration_save(registration=registration, rows=rows, actor=AGENCY, submit=True)
            outcomes[registration.pk] = "accepted"
        except RegistrationError as error:
            outcomes[registration.pk] = error.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(r,)) for r in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = [pk for pk, outcome in outcomes.items() if outcome == "accepted"]
    refused = [outcome for outcome in outcomes.values() if outcome != "accepted"]
    assert len(outcomes) == 20
    assert len(accepted) == 5
    assert refused == ["Đã hết chỗ: sức chứa 25 người, chỉ còn 0 chỗ cho danh sách 1 người."] * 15
    submitted = Delegate.objects.filter(opening=opening, registration__status=RegistrationStatus.SUBMITTED)
    assert submitted.count() == 25
    # Refused lists are still drafts with their person, no half-written submission.
    for registration in racers:
        registration.refresh_from_db()
        expected = RegistrationStatus.SUBMITTED if registration.pk in accepted else RegistrationStatus.DRAFT
        assert registration.status == expected
        assert registration.delegates.count() == 1
    assert RegistrationChange.objects.filter(action=ChangeAction.SUBMIT).count() == 6


def test_registration_can_be_opened_for_a_site_or_a_delegation_of_the_event_only():
    from django.core.exceptions import ValidationError

    from tests.factories import DelegationFactory, OnlineSiteFactory

    site = OnlineSiteFactory()
    opening = services.opening_create(
        event=site.event, title="Điểm cầu", deadline=in_days(3), site=site, invites=[]
    )
    assert (opening.site, opening.delegation) == (site, None)
    delegation = DelegationFactory()
    opening = services.opening_create(
        event=delegation.event, title="Đoàn", deadline=in_days(3), delegation=delegation
    )
    assert opening.delegation == delegation
    with pytest.raises(ValidationError, match="Điểm cầu không thuộc sự kiện này"):
        services.opening_create(event=delegation.event, title="Sai", deadline=in_days(3), site=site)
