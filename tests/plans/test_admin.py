"""The Django admin of the agencies directory, users, plans and decisions."""

import pytest
from django.urls import reverse

from plans import demo
from plans.models import Agency, Decision, Plan
from tests.factories import PlanFactory, TaskFactory, UserFactory


@pytest.fixture
def directory(db):
    demo.load_agencies()


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="quantri-test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_agency_changelist_search_by_name(directory, admin_client):
    response = admin_client.get(reverse("admin:plans_agency_changelist"), {"q": "Nội vụ"})
    assert response.status_code == 200
    names = [agency.name for agency in response.context["cl"].result_list]
    assert "Sở Nội vụ" in names
    assert "Sở Tư pháp" not in names
    assert "Sở Nội vụ" in response.content.decode()


def test_agency_changelist_search_by_short_name_and_filter_by_kind(directory, admin_client):
    response = admin_client.get(reverse("admin:plans_agency_changelist"), {"q": "SNV"})
    assert [agency.name for agency in response.context["cl"].result_list] == ["Sở Nội vụ"]

    kind = Agency.objects.get(name="Ủy ban nhân dân thành phố Nha Trang").kind
    response = admin_client.get(reverse("admin:plans_agency_changelist"), {"kind__id__exact": kind.pk})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 9


def test_parent_autocomplete(directory, admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "plans", "model_name": "agency", "field_name": "parent", "term": "Nội vụ"},
    )
    assert response.status_code == 200
    assert "Sở Nội vụ" in [item["text"] for item in response.json()["results"]]


def test_agency_change_page(directory, admin_client):
    snv = Agency.objects.get(name="Sở Nội vụ")
    response = admin_client.get(reverse("admin:plans_agency_change", args=[snv.pk]))
    assert response.status_code == 200
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in response.content.decode()


def test_draft_plan_change_page_is_editable(admin_client):
    task = TaskFactory(time_frame="Quý III/2024")
    response = admin_client.get(reverse("admin:plans_plan_change", args=[task.plan.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert task.description in content
    assert 'name="tasks-TOTAL_FORMS"' in content
    assert response.context["has_change_permission"] is True


def test_plan_changelist_search_and_filters(admin_client):
    PlanFactory(title="Tổ chức Hội nghị tổng kết cải cách hành chính", year=2023)
    PlanFactory(title="Kế hoạch kiểm tra công vụ", year=2024)
    url = reverse("admin:plans_plan_changelist")
    response = admin_client.get(url, {"q": "tổng kết"})
    assert response.status_code == 200
    assert [p.title for p in response.context["cl"].result_list] == [
        "Tổ chức Hội nghị tổng kết cải cách hành chính"
    ]
    response = admin_client.get(url, {"year": 2024})
    assert [p.title for p in response.context["cl"].result_list] == ["Kế hoạch kiểm tra công vụ"]


def test_issued_seed_documents_open_read_only(directory, admin_client):
    plans = demo.load_seed_documents()
    for plan in plans:
        response = admin_client.get(reverse("admin:plans_plan_change", args=[plan.pk]))
        assert response.status_code == 200
        assert response.context["has_change_permission"] is False
    seed_003 = Plan.objects.get(decision__number=908)
    content = admin_client.get(reverse("admin:plans_plan_change", args=[seed_003.pk])).content.decode()
    assert "Theo hướng dẫn của Trung ương" in content

    decision = Decision.objects.get(number=908)
    response = admin_client.get(reverse("admin:plans_decision_change", args=[decision.pk]))
    assert response.status_code == 200
    assert "Xét đề nghị của Giám đốc Sở Nội vụ" in response.content.decode()

    # Read-only: a POST changes nothing.
    response = admin_client.post(reverse("admin:plans_plan_change", args=[seed_003.pk]), {"title": "Đổi tên"})
    assert response.status_code == 403
    seed_003.refresh_from_db()
    assert seed_003.title.startswith("Tổng kết thực hiện Chương trình tổng thể")


def test_user_change_page_shows_the_agency(directory, admin_client):
    justice = Agency.objects.get(name="Sở Tư pháp")
    user = UserFactory(username="daidien-test", agency=justice)
    response = admin_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert 'name="profile-0-agency"' in response.content.decode()
    response = admin_client.get(reverse("admin:auth_user_changelist"), {"q": "daidien-test"})
    assert "Sở Tư pháp" in response.content.decode()


def test_non_staff_users_are_sent_to_the_admin_login(client, db):
    client.force_login(UserFactory(username="chuyenvien-test"))
    response = client.get(reverse("admin:plans_agency_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
