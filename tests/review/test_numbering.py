"""Registers: one sequence per issuing body and year, unique and gap-free."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from documents import workflow
from documents.models import DocumentStatus, Register, RegisterCounter, RegisterEntry
from plans.models import Plan
from tests.factories import AgencyFactory, PlanFactory, ProvincialCommitteeFactory


def _approved_plans(count, people, approve, **kwargs):
    plans = []
    for index in range(count):
        plan = PlanFactory(created_by=people["staff"], title=f"Kế hoạch thử nghiệm số {index + 1}", **kwargs)
        plans.append(approve(plan))
    return plans


def test_numbers_follow_each_other_from_01_with_a_leading_zero(people, approve):
    plans = _approved_plans(3, people, approve)
    entries = [
        workflow.issue(document=plan, user=people["clerk"], today=datetime.date(2024, 3, 5)) for plan in plans
    ]
    assert [e.number for e in entries] == [1, 2, 3]
    assert [e.symbol for e in entries] == ["01/KH-UBND", "02/KH-UBND", "03/KH-UBND"]
    assert {e.issued_on for e in entries} == {datetime.date(2024, 3, 5)}
    assert list(
        Plan.objects.filter(pk__in=[p.pk for p in plans]).order_by("number").values_list("number", flat=True)
    ) == [1, 2, 3]
    assert RegisterCounter.objects.get().last_number == 3


def test_two_registers_do_not_interfere(people, approve):
    province = ProvincialCommitteeFactory()
    department = AgencyFactory(name="Sở Nội vụ", short_name="SNV", parent=province)
    a1, a2 = _approved_plans(2, people, approve, issuing_agency=province)
    (b1,) = _approved_plans(1, people, approve, issuing_agency=department)
    clerk = people["clerk"]
    assert workflow.issue(document=a1, user=clerk).symbol == "01/KH-UBND"
    assert workflow.issue(document=b1, user=clerk).symbol == "01/KH-SNV"
    assert workflow.issue(document=a2, user=clerk).symbol == "02/KH-UBND"
    assert Register.objects.count() == 2
    assert sorted(Register.objects.values_list("name", flat=True)) == [
        "Sổ văn bản đi – Sở Nội vụ",
        "Sổ văn bản đi – Ủy ban nhân dân tỉnh Khánh Hòa",
    ]


def test_the_sequence_restarts_on_1_january(people, approve):
    p1, p2, p3 = _approved_plans(3, people, approve)
    clerk = people["clerk"]
    assert workflow.issue(document=p1, user=clerk, today=datetime.date(2024, 12, 31)).number == 1
    assert workflow.issue(document=p2, user=clerk, today=datetime.date(2024, 12, 31)).number == 2
    entry = workflow.issue(document=p3, user=clerk, today=datetime.date(2025, 1, 1))
    assert (entry.year, entry.number, entry.symbol) == (2025, 1, "01/KH-UBND")
    p3.refresh_from_db()
    assert (p3.number, p3.issued_on) == (1, datetime.date(2025, 1, 1))


def test_today_is_the_date_in_ho_chi_minh_city(people, approve, settings):
    (plan,) = _approved_plans(1, people, approve)
    entry = workflow.issue(document=plan, user=people["clerk"])
    assert entry.issued_on == workflow.local_today()


def test_a_number_from_the_eoffice_system_is_recorded_and_the_sequence_continues_after_it(people, approve):
    p1, p2, p3 = _approved_plans(3, people, approve)
    clerk = people["clerk"]
    entry = workflow.issue(document=p1, user=clerk, number=120, issued_on=datetime.date(2024, 5, 10))
    assert (entry.symbol, entry.source, entry.issued_on) == (
        "120/KH-UBND",
        "eoffice",
        datetime.date(2024, 5, 10),
    )
    assert workflow.issue(document=p2, user=clerk, today=datetime.date(2024, 5, 11)).number == 121
    with pytest.raises(ValidationError) as error:
        workflow.issue(document=p3, user=clerk, number=120, issued_on=datetime.date(2024, 6, 1))
    assert error.value.messages == [
        "Số 120 năm 2024 đã được cấp trong «Sổ văn bản đi – Ủy ban nhân dân tỉnh Khánh Hòa» "
        "cho văn bản 120/KH-UBND. Hãy kiểm tra lại số."
    ]
    p3.refresh_from_db()
    assert (p3.status, p3.number) == (DocumentStatus.APPROVED, None)
    # The same number in another year is another number.
    assert (
        workflow.issue(document=p3, user=clerk, number=120, issued_on=datetime.date(2023, 12, 29)).year
        == 2023
    )


def test_a_failed_issue_leaves_no_gap(people, approve, settings, tmp_path):
    p1, p2 = _approved_plans(2, people, approve)
    clerk = people["clerk"]
    # The file cannot be stored (the media folder is a file): the issue rolls back, number included.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = blocker
    with pytest.raises(OSError):
        workflow.issue(document=p1, user=clerk)
    settings.MEDIA_ROOT = media
    assert RegisterEntry.objects.count() == 0
    assert Plan.objects.get(pk=p1.pk).status == DocumentStatus.APPROVED
    assert workflow.issue(document=p2, user=clerk).number == 1
    assert workflow.issue(document=p1, user=clerk).number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_50_concurrent_issues_in_one_register_get_1_to_50(people, approve):
    """50 clerks press "Ban hành" at the same moment, each on its own connection."""
    plans = _approved_plans(50, people, approve)
    clerk = people["clerk"]
    barrier = threading.Barrier(50)
    numbers, errors = [], []

    def issue(plan):
        try:
            barrier.wait()
            numbers.append(workflow.issue(document=plan, user=clerk, today=datetime.date(2024, 7, 1)).number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 51))
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == list(range(1, 51))
    assert sorted(Plan.objects.values_list("number", flat=True)) == list(range(1, 51))
    assert RegisterCounter.objects.get().last_number == 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_in_two_registers_do_not_interfere(people, approve):
    province = ProvincialCommitteeFactory()
    department = AgencyFactory(name="Sở Nội vụ", short_name="SNV", parent=province)
    plans = _approved_plans(10, people, approve, issuing_agency=province) + _approved_plans(
        10, people, approve, issuing_agency=department
    )
    barrier = threading.Barrier(len(plans))
    errors = []

    def issue(plan):
        try:
            barrier.wait()
            workflow.issue(document=plan, user=people["clerk"], today=datetime.date(2024, 7, 1))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for register in Register.objects.all():
        assert sorted(register.entries.values_list("number", flat=True)) == list(range(1, 11))
