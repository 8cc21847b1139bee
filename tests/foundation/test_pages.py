"""The frame every role sees: home pages, navigation, access rules, error pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from documents.models import DocumentStatus
from plans.context_processors import safe_reverse
from plans.permissions import Role
from tests.factories import AgencyFactory, PlanFactory

pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    return [str(item.label) for item in response.context["nav_items"]]


def plans_nav() -> list[str]:
    # "Kế hoạch" appears as soon as the plans pages are wired up.
    return ["Kế hoạch"] if safe_reverse("plans:list") else []


def delegates_nav(action: str = "index") -> list[str]:
    return ["Đăng ký đại biểu"] if safe_reverse(f"delegates:{action}") else []


def awards_nav() -> list[str]:
    return ["Khen thưởng"] if safe_reverse("awards:list") else []


def progress_nav(action: str = "index") -> list[str]:
    labels = {"index": "Tiến độ", "agency_tasks": "Nhiệm vụ của đơn vị"}
    return [labels[action]] if safe_reverse(f"progress:{action}") else []


@pytest.mark.parametrize(
    ("role", "texts", "nav"),
    [
        (
            Role.STAFF,
            ["Soạn kế hoạch, theo dõi đăng ký và in văn bản.", "Kế hoạch cập nhật gần đây", "Dự thảo"],
            ["Trang chủ", *plans_nav(), *delegates_nav(), *awards_nav(), *progress_nav(), "Thư đã gửi"],
        ),
        (
            Role.LEADER,
            ["Văn bản chờ duyệt", "Không có văn bản nào đang chờ bạn duyệt."],
            ["Trang chủ", *plans_nav(), *delegates_nav(), *awards_nav(), *progress_nav()],
        ),
        (
            Role.CLERK,
            ["Văn bản chờ ban hành", "Đã ban hành gần đây"],
            ["Trang chủ", *plans_nav(), *delegates_nav(), *awards_nav(), *progress_nav()],
        ),
        (
            Role.AGENCY,
            ["Bạn đại diện cho", "Đăng ký đại biểu", "Đề nghị khen thưởng"],
            ["Trang chủ", *delegates_nav("mine"), *progress_nav("agency_tasks")],
        ),
        (
            Role.ADMIN,
            ["Người dùng theo vai trò", "Quản lý người dùng, vai trò"],
            ["Trang chủ", *plans_nav(), *delegates_nav(), *awards_nav(), *progress_nav(), "Thư đã gửi"],
        ),
    ],
)
def test_each_role_sees_its_own_home_and_navigation(client_for, role, texts, nav):
    client = client_for(role, username="nguoidung", first_name="Lan", last_name="Trần Thị")
    response = client.get("/")
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == f"home/{role.value}.html"
    page = response.content.decode()
    assert "Xin chào, Trần Thị Lan" in page
    for text in texts:
        assert text in page
    assert nav_labels(response) == nav
    assert "Đăng xuất" in page
    assert "Đổi mật khẩu" in page


def test_agency_home_names_its_agency(client_for):
    agency = AgencyFactory(name="UBND huyện Cam Lâm")
    client = client_for(Role.AGENCY, agency=agency)
    page = client.get("/").content.decode()
    assert "UBND huyện Cam Lâm" in page
    assert "Đại diện cơ quan" in page  # role badge in the user menu


def test_admin_with_django_admin_access_gets_the_admin_links(client_for):
    client = client_for(Role.ADMIN, is_staff=True)
    response = client.get("/")
    page = response.content.decode()
    assert 'href="/admin/"' in page
    assert "Mở trang quản trị" in page
    assert "Quản trị" in page


def test_user_without_role_is_told_so(client_for):
    client = client_for(None)
    response = client.get("/")
    assert response.status_code == 200
    assert "Tài khoản của bạn chưa được phân vai trò." in response.content.decode()
    assert nav_labels(response) == []


def test_agency_representative_gets_403_on_staff_pages(client_for):
    client = client_for(Role.AGENCY)
    response = client.get("/thu-da-gui/")
    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in response.content.decode()
    plans_list = safe_reverse("plans:list")
    if plans_list:
        assert client.get(plans_list).status_code == 403


@pytest.mark.parametrize("path", ["/", "/thu-da-gui/", "/doi-mat-khau/"])
def test_anonymous_users_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next={path}"


def test_login_page_and_wrong_password_in_vietnamese(client, make_user):
    make_user(Role.STAFF, username="chuyenvien")
    page = client.get("/dang-nhap/").content.decode()
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": "mat-khau-thu-nghiem"})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_logout_is_a_post_and_says_so(client_for):
    client = client_for(Role.STAFF)
    response = client.post("/dang-xuat/", follow=True)
    assert response.redirect_chain == [("/dang-nhap/", 302)]
    assert "Bạn đã đăng xuất." in response.content.decode()
    assert client.get("/").status_code == 302


def test_password_change(client_for):
    client = client_for(Role.CLERK)
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": "mat-khau-thu-nghiem",
            "new_password1": "Kh0ng-de-doan-2024",
            "new_password2": "Kh0ng-de-doan-2024",
        },
        follow=True,
    )
    assert response.redirect_chain == [("/doi-mat-khau/xong/", 302)]
    assert "Mật khẩu của bạn đã được đổi." in response.content.decode()


def test_healthz_reports_database_and_broker(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    expected_broker = "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert response.json() == {"status": "ok", "database": "ok", "broker": expected_broker}


def test_healthz_is_503_when_the_broker_is_unreachable(client, settings):
    from celery import current_app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    old = current_app.conf.broker_url
    current_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        current_app.conf.broker_url = old
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "broker": "error"}


def test_custom_404_in_vietnamese(client_for):
    response = client_for(Role.STAFF).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert "Trang chủ" in page  # the navigation is still there


def test_500_page_needs_no_request_context(rf):
    page = loader.get_template("500.html").render()
    assert "Hệ thống gặp lỗi" in page
    assert 'lang="vi"' in page
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


def test_healthz_answers_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    response = client.get("/dang-nhap/")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/dang-nhap/")


def test_base_sets_htmx_csrf_header_and_has_no_inline_script(client_for):
    page = client_for(Role.STAFF).get("/").content.decode()
    assert re.search(r"""hx-headers='\{"X-CSRFToken": "[A-Za-z0-9]+"\}'""", page)
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts
    assert all("src=" in tag for tag in scripts)
    assert "cdn" not in page.lower()
    assert 'html lang="vi"' in page


def test_dev_mailbox_lists_written_mails(client_for, settings, tmp_path):
    settings.EMAIL_FILE_PATH = str(tmp_path)
    connection_ = mail.get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path)
    )
    mail.EmailMessage(
        "Giấy mời dự Hội nghị tổng kết",
        "Kính mời đồng chí dự hội nghị.",
        "kehoach@localhost",
        ["vanthu@example.org"],
        connection=connection_,
    ).send()
    response = client_for(Role.STAFF).get("/thu-da-gui/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thư đã gửi (môi trường phát triển)" in page
    assert "Giấy mời dự Hội nghị tổng kết" in page
    assert "Kính mời đồng chí dự hội nghị." in page
    assert "vanthu@example.org" in page


def test_dev_mailbox_is_hidden_when_mail_is_really_sent(client_for, settings):
    settings.KEHOACH_DEV_MAILBOX = False
    client = client_for(Role.STAFF)
    assert client.get("/thu-da-gui/").status_code == 404
    assert "Thư đã gửi" not in nav_labels(client.get("/"))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.STAFF, DocumentStatus.DRAFT),
        (Role.LEADER, DocumentStatus.SUBMITTED),
        (Role.CLERK, DocumentStatus.APPROVED),
    ],
)
def test_home_query_count_does_not_grow_with_rows(client_for, role, status):
    client = client_for(role)
    PlanFactory(status=status)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/").status_code == 200
    PlanFactory.create_batch(4, status=status)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert len(many) == len(one)
    assert response.content.decode().count("Tổ chức Hội nghị thử nghiệm số") == 5


def test_apps_above_plans_add_menu_entries_through_the_registry(client_for, monkeypatch):
    from plans import context_processors

    monkeypatch.setattr(context_processors, "_menu", dict(context_processors._menu))
    context_processors.register_menu_entry(
        context_processors.MenuEntry("Hội nghị", "password_change", "people", "plan.review", position=20)
    )
    assert "Hội nghị" in nav_labels(client_for(Role.LEADER).get("/"))
    assert "Hội nghị" not in nav_labels(client_for(Role.STAFF).get("/"))
    with pytest.raises(KeyError):
        context_processors.register_menu_entry(
            context_processors.MenuEntry("X", "home", "x", "no.such.action")
        )


def test_htmx_requests_pass_csrf_with_the_body_header(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.STAFF))
    page = client.get("/").content.decode()
    token = re.search(r"""hx-headers='\{"X-CSRFToken": "([A-Za-z0-9]+)"\}'""", page).group(1)
    assert client.post("/dang-xuat/", HTTP_HX_REQUEST="true").status_code == 403
    response = client.post("/dang-xuat/", HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/")
