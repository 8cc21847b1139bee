"""The editor's empty forms are drawn from the cache: never stale, never
someone else's input, the same HTML as drawn fresh."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from plans.permissions import Role
from tests.factories import PlanFactory, ProvincialCommitteeFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _form(html: str, form_id: str) -> str:
    match = re.search(rf'<form id="{form_id}".*?</form>', html, re.S)
    assert match, form_id
    return match.group(0)


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _parent_options(html: str) -> list[str]:
    select = re.search(r'<select name="new-task-parent".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_a_cached_form_is_the_form_drawn_fresh(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    SectionFactory(plan=plan, heading="Mục đích, yêu cầu")
    TaskFactory(plan=plan, description="Xây dựng kế hoạch")
    url = reverse("plans:detail", args=[plan.pk])
    cache.clear()
    fresh = client.get(url).content.decode()
    cached = client.get(url).content.decode()
    for form_id in ("new-section-form", "new-task-form", "new-objective-form"):
        assert _without_csrf(_form(cached, form_id)) == _without_csrf(_form(fresh, form_id))
    # The token is this session's, outside the cached part.
    assert client.cookies["csrftoken"]


def test_a_task_added_is_at_once_a_parent_to_choose(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    TaskFactory(plan=plan, description="Xây dựng kế hoạch")
    url = reverse("plans:detail", args=[plan.pk])
    assert [o for o in _parent_options(client.get(url).content.decode()) if "Tổng kết" in o] == []
    client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {
            "new-task-description": "Tổng kết, đánh giá",
            "new-task-status": "not_started",
            "new-task-numbered": "on",
        },
        **HTMX,
    )
    options = _parent_options(client.get(url).content.decode())
    assert any("Tổng kết, đánh giá" in option for option in options)


def test_the_header_form_shows_what_was_just_saved_and_new_agencies(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(title="Tổ chức Hội nghị sơ kết")
    url = reverse("plans:detail", args=[plan.pk])
    assert "Tổ chức Hội nghị sơ kết</textarea>" in client.get(url).content.decode()
    plan.title = "Tổ chức Hội nghị tổng kết năm 2024"
    plan.save()
    ProvincialCommitteeFactory(name="Ủy ban nhân dân tỉnh Thử Nghiệm Mới")
    page = client.get(url).content.decode()
    assert "Tổ chức Hội nghị tổng kết năm 2024</textarea>" in page
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm Mới" in page


def test_a_form_with_errors_shows_the_users_input_not_the_cached_form(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)  # the empty task form is now cached
    response = client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {"new-task-description": "", "new-task-time_frame": "Quý V/2024", "new-task-status": "not_started"},
        **HTMX,
    )
    html = response.content.decode()
    assert "is-invalid" in html
    assert 'value="Quý V/2024"' in html
