"""What the clerk and the editor show around issuing: the issue form's
register mode ignores the number and date fields, and an issued plan shows
its number as printed, without the "attach a decision" explanation."""

import datetime

from django.urls import reverse

from documents import workflow
from tests.factories import DecisionFactory


def test_the_issue_form_marks_number_and_date_as_eoffice_only_and_loads_its_script(
    people, plan, approve, login
):
    plan = approve(plan)
    page = login(people["clerk"]).get(reverse("documents:issue", args=[f"plan-{plan.pk}"])).content.decode()
    assert "data-issue-form" in page
    assert page.count("data-eoffice-only") == 2
    assert "/static/js/issue.js" in page or "js/issue." in page


def test_taking_the_next_register_number_ignores_whatever_sits_in_the_number_and_date_fields(
    people, plan, approve, login
):
    plan = approve(plan)
    client = login(people["clerk"])
    url = reverse("documents:issue", args=[f"plan-{plan.pk}"])
    done = client.post(url, {"mode": "register", "number": "abc", "issued_on": "31/02/1990"}, follow=True)
    today = workflow.local_today().strftime("%d/%m/%Y")
    page = done.content.decode()
    assert f"Đã ban hành: số 01/KH-UBND, ngày {today}." in page
    entry = workflow.entry_for(plan)
    assert (entry.number, entry.issued_on) == (1, workflow.local_today())


def test_a_typed_number_does_not_replace_the_register_number(people, plan, approve, login):
    plan = approve(plan)
    url = reverse("documents:issue", args=[f"plan-{plan.pk}"])
    login(people["clerk"]).post(url, {"mode": "register", "number": "77", "issued_on": "2024-01-02"})
    entry = workflow.entry_for(plan)
    assert (entry.number, entry.issued_on) == (1, workflow.local_today())


def test_the_eoffice_mode_still_checks_its_fields(people, plan, approve, login):
    plan = approve(plan)
    url = reverse("documents:issue", args=[f"plan-{plan.pk}"])
    page = (
        login(people["clerk"])
        .post(url, {"mode": "eoffice", "number": "abc", "issued_on": ""})
        .content.decode()
    )
    assert "Hãy nhập ngày ban hành." in page
    assert "is-invalid" in page
    assert workflow.entry_for(plan) is None
    future = datetime.date.today() + datetime.timedelta(days=30)
    page = (
        login(people["clerk"])
        .post(url, {"mode": "eoffice", "number": "5", "issued_on": future.isoformat()})
        .content.decode()
    )
    assert "Ngày ban hành không thể ở tương lai." in page


def test_an_issued_plan_shows_its_number_as_printed_in_the_header_and_the_notice(people, issued_plan, login):
    plan, entry = issued_plan
    page = login(people["staff"]).get(plan.get_absolute_url()).content.decode()
    assert entry.symbol == "01/KH-UBND"
    assert "· Số 01/KH-UBND" in page
    assert f"Số 01/KH-UBND, ngày {entry.issued_on:%d/%m/%Y}." in page
    assert "· Số 1<" not in page


def test_an_issued_plan_without_a_decision_hides_the_decision_card(people, plan, issued_plan, login):
    issued, _entry = issued_plan
    page = login(people["staff"]).get(issued.get_absolute_url()).content.decode()
    assert "Quyết định ban hành kèm theo" not in page
    assert "Ban hành kèm theo quyết định" not in page
    assert 'href="#part-decision"' not in page


def test_a_draft_plan_still_offers_to_attach_a_decision(people, plan, login):
    page = login(people["staff"]).get(plan.get_absolute_url()).content.decode()
    assert "Quyết định ban hành kèm theo" in page
    assert "Ban hành kèm theo quyết định" in page


def test_an_issued_plan_with_a_decision_shows_it_read_only(people, plan, approve, login):
    plan.decision = DecisionFactory(issuing_agency=plan.issuing_agency, title="Ban hành Kế hoạch tổng kết")
    plan.save()
    plan = approve(plan)
    entry = workflow.issue(document=plan, user=people["clerk"])
    page = login(people["staff"]).get(plan.get_absolute_url()).content.decode()
    assert "Quyết định ban hành kèm theo" in page
    assert "Ban hành Kế hoạch tổng kết" in page
    assert "Bỏ quyết định kèm theo" not in page
    assert f"· Số {entry.symbol}" in page
