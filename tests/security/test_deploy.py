"""Production hardening as a browser and an attacker see it: headers, cookies,
password hashing, login lock-out, password reset by e-mail."""

from __future__ import annotations

import re
import secrets

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from plans.permissions import Role
from tests.factories import PlanFactory, UserFactory
from tests.foundation.procs import clean_env, manage

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-elem": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(response) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1]
        for part in response["Content-Security-Policy"].split(";")
    }


def test_check_deploy_is_clean_and_production_settings_are_hardened():
    env = clean_env(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kehoach.snv.khanhhoa.gov.vn",
        DATABASE_URL="postgres://kehoach:mat-khau@db.internal:5432/kehoach",
        REDIS_URL="redis://redis.internal:6379/0",
        EMAIL_URL="smtp+tls://kehoach:mat-khau@mail.khanhhoa.gov.vn:587",
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."

    script = (
        "from django.conf import settings as s; "
        "print(s.PASSWORD_HASHERS[0], s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, "
        "s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.AUTHENTICATION_BACKENDS[0])"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher True 31536000 True True True Lax 28800 True "
        "True True DENY same-origin 5 0:15:00 config.security.LockoutBackend"
    )


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    insecure = client.get(reverse("login"))
    assert insecure.status_code == 301
    assert insecure["Location"] == "https://testserver/dang-nhap/"

    response = client.get(reverse("login"), secure=True)
    assert response.status_code == 200
    assert _policy(response) == POLICY
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_sets_secure_httponly_samesite_cookies_that_end_with_the_browser(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    UserFactory(username="cookie", role=Role.STAFF)
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")
    response = client.post(reverse("login"), {"username": "cookie", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    # No expiry date: the browser forgets the session when it closes.
    assert (session["expires"], session["max-age"]) == ("", "")
    assert client.session.get_expiry_age() == 8 * 3600


@pytest.mark.django_db
def test_only_printed_documents_may_be_framed_and_only_by_our_pages(client_for, render_cache_dir):
    client = client_for(Role.STAFF)
    plan = PlanFactory(created_by=client.user)

    editor = client.get(reverse("plans:detail", args=[plan.pk]))
    assert editor.status_code == 200
    assert editor["X-Frame-Options"] == "DENY"
    assert _policy(editor)["frame-ancestors"] == "'none'"
    # The editor frames its own preview, nothing from elsewhere.
    assert _policy(editor)["frame-src"] == "'self'"

    preview = client.get(reverse("plans:pdf", args=[plan.pk]) + "?inline=1")
    assert preview.status_code == 200
    assert preview["Content-Type"] == "application/pdf"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # A browser's PDF viewer may refuse a PDF under a policy; a PDF runs nothing.
    assert "Content-Security-Policy" not in preview

    printed = client.get(reverse("plans:print", args=[plan.pk]))
    assert printed.status_code == 200
    assert printed["X-Frame-Options"] == "SAMEORIGIN"
    policy = _policy(printed)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src-elem"] == "'self' 'unsafe-inline'"


@pytest.fixture
def render_cache_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.mark.django_db
def test_new_passwords_are_hashed_with_argon2_and_old_hashes_are_upgraded_at_login(client):
    user = UserFactory(username="bamdo", role=Role.STAFF)
    assert user.password.startswith("argon2$argon2id$")

    old = UserFactory(username="cuhon", role=Role.STAFF)
    old.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    old.save(update_fields=["password"])
    response = client.post(reverse("login"), {"username": "cuhon", "password": PASSWORD})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.password.startswith("argon2$argon2id$")


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_login_out_with_a_clear_message(client):
    UserFactory(username="khoa", role=Role.STAFF)
    for _ in range(4):
        wrong = _login(client, "khoa", "sai-mat-khau")
        assert wrong.status_code == 200
        assert "và mật khẩu chính xác" in wrong.content.decode()

    locked = _login(client, "khoa", "sai-mat-khau")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "nhập sai mật khẩu 5 lần liên tiếp" in page
    assert "Vui lòng thử lại sau 15 phút." in page
    assert reverse("password_reset") in page
    assert "Content-Security-Policy" in locked

    # Even the right password is refused during the lock-out ...
    assert _login(client, "khoa", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... but only for that user name from that address.
    UserFactory(username="khac", role=Role.STAFF)
    assert _login(client, "khac", PASSWORD).status_code == 302
    assert _login(client, "khoa", PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


@pytest.mark.django_db
def test_lock_out_ends_after_the_cool_off_and_a_good_login_resets_the_count(client):
    from axes.models import AccessAttempt

    UserFactory(username="mokhoa", role=Role.STAFF)
    for _ in range(4):
        _login(client, "mokhoa", "sai")
    assert _login(client, "mokhoa", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "mokhoa", "sai")
    # Four failures after the good login: not locked yet.
    assert _login(client, "mokhoa", PASSWORD).status_code == 302
    client.logout()

    for _ in range(5):
        _login(client, "mokhoa", "sai")
    assert _login(client, "mokhoa", PASSWORD).status_code == 429
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, "mokhoa", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lock_out_counts_the_client_address_behind_trusted_proxies_only(client, settings):
    UserFactory(username="proxy", role=Role.STAFF)
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; a client's own entries to the left are ignored.
    for spoofed in range(5):
        _login(client, "proxy", "sai", HTTP_X_FORWARDED_FOR=f"1.1.1.{spoofed}, 203.0.113.7")
    assert _login(client, "proxy", PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7").status_code == 429
    assert _login(client, "proxy", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


@pytest.mark.django_db
def test_the_test_clients_login_still_works(client):
    UserFactory(username="khach", role=Role.STAFF)
    assert client.login(username="khach", password=PASSWORD)
    assert not client.login(username="khach", password="sai")


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = UserFactory(username="quen", role=Role.STAFF, email="quen@snv.example.gov.vn")
    user.last_name, user.first_name = "Trần Thị", "Lan"
    user.save()

    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in login

    form = client.get(reverse("password_reset"))
    assert form.status_code == 200
    assert "Quên mật khẩu" in form.content.decode()

    response = client.post(reverse("password_reset"), {"email": "quen@snv.example.gov.vn"}, secure=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert "một email có đường dẫn đặt lại mật khẩu" in client.get(response["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quen@snv.example.gov.vn"]
    assert message.subject == "Đặt lại mật khẩu hệ thống Kế hoạch Sở Nội vụ"
    assert message.body.startswith("Kính gửi Trần Thị Lan,\n")
    assert "cho tài khoản «quen»" in message.body
    assert "trong vòng 3 giờ" in message.body
    link = re.search(r"https://testserver(/dat-lai-mat-khau/\S+/)", message.body).group(1)

    confirm = client.get(link)
    assert confirm.status_code == 302  # to the same page without the token in the address
    page = client.get(confirm["Location"])
    assert "Đặt mật khẩu mới" in page.content.decode()
    mismatch = client.post(
        confirm["Location"], {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2027!"}
    )
    assert mismatch.status_code == 200
    assert "Hai trường mật khẩu không giống nhau." in mismatch.content.decode()
    done = client.post(
        confirm["Location"], {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"}
    )
    assert done.status_code == 302
    assert "Mật khẩu mới đã được lưu" in client.get(done["Location"]).content.decode()

    assert _login(client, "quen", "Hoa-Sen-2026!").status_code == 302
    client.logout()
    # The link works once.
    again = client.get(link, follow=True)
    assert "không còn dùng được" in again.content.decode()


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
    bad = client.post(reverse("password_reset"), {"email": "<script>alert(1)</script>"})
    assert bad.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bad.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_sends_at_most_three_mails_an_hour_to_one_address(client):
    from django.core.cache import cache

    cache.clear()
    UserFactory(username="hopthu", role=Role.STAFF, email="hopthu@snv.example.gov.vn")
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": "HopThu@snv.example.gov.vn"})
        # The page never says whether (or why not) a mail went out.
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3
    UserFactory(username="khac-hop-thu", role=Role.STAFF, email="khac@snv.example.gov.vn")
    client.post(reverse("password_reset"), {"email": "khac@snv.example.gov.vn"})
    assert len(mail.outbox) == 4
