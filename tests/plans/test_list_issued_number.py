"""The plan list names every issued plan by its number, including a plan
issued "kèm theo" a QUYẾT ĐỊNH, which carries the number."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import DocumentStatus
from plans.permissions import Role
from tests.factories import DecisionFactory, PlanFactory, ProvincialCommitteeFactory

pytestmark = pytest.mark.django_db


def _issued_with_decision(number: int, day: datetime.date, **kwargs):
    decision = DecisionFactory(number=number, issued_on=day, status=DocumentStatus.ISSUED)
    return PlanFactory(decision=decision, issued_on=day, status=DocumentStatus.ISSUED, **kwargs)


def _list_html(client, **params) -> str:
    response = client.get(reverse("plans:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_list_shows_the_decisions_number_and_date(client_for):
    client = client_for(Role.STAFF)
    _issued_with_decision(123, datetime.date(2024, 3, 5), title="Tổng kết cải cách hành chính")
    PlanFactory(
        title="Học tập kinh nghiệm",
        issuing_agency=ProvincialCommitteeFactory(),
        number=4417,
        issued_on=datetime.date(2023, 1, 10),
        status=DocumentStatus.ISSUED,
    )
    PlanFactory(title="Dự thảo chưa có số")
    html = _list_html(client)
    assert "QĐ số 123/QĐ-UBND ngày 05/3/2024" in html
    assert "KH số 4417/KH-UBND ngày 10/01/2023" in html
    assert html.count(" số ") == 2  # the draft shows no number

    # the decision's number finds its plan
    html = _list_html(client, q="123")
    assert "Tổng kết cải cách hành chính" in html and "Học tập kinh nghiệm" not in html


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("plans:list")).status_code == 200
    return len(queries)


def test_decision_numbers_cost_no_query_per_row(client_for):
    client = client_for(Role.STAFF)
    _issued_with_decision(1, datetime.date(2024, 3, 5))
    client.get(reverse("plans:list"))
    one = _count_queries(client)
    for number in range(2, 21):
        _issued_with_decision(number, datetime.date(2024, 3, 5))
    many = _count_queries(client)
    assert "QĐ số 20/QĐ-UBND" in _list_html(client)
    assert many == one
