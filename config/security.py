"""Site-wide security pieces that settings and URLs name: the
Content-Security-Policy middleware, the login lock-out backend and page, the
client address, the password-reset form's limit."""

from __future__ import annotations

import hashlib
from math import ceil

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with two exceptions decided per response.

    The responses our own pages may frame (X-Frame-Options SAMEORIGIN) are
    the printed documents: the PDF preview and the HTML a PDF is made from.
    They get ``frame-ancestors 'self'`` instead of ``'none'``, and the HTML
    keeps the document's own <style> elements (fixed print layout in the
    document templates; user text in them is escaped like everywhere).
    Scripts stay forbidden. A PDF gets no policy: it runs no script, and
    some directives keep a browser's built-in PDF viewer from showing it.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.get("Content-Type", "").startswith("application/pdf"):
            response._csp_exempt = True  # type: ignore[attr-defined]
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {
                **(parts.replace or {}),
                "frame-ancestors": ["'self'"],
                "style-src-elem": ["'self'", "'unsafe-inline'"],
            }
        return parts


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check of locked-out users, for logins through a request.

    A login without a request (the test client's ``login()``, the shell) has
    no client address to count failures for; it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (429), in the site's look."""
    minutes = ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the outermost trusted proxy saw it.

    Each of ``TRUSTED_PROXY_COUNT`` proxies appends the address it received
    the request from to X-Forwarded-For, so the client's is that many entries
    from the right; anything further left was written by the client itself.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESET_MAX_PER_HOUR e-mails
    to one address per hour, so that the form cannot flood a mailbox. Beyond
    that nothing is sent and the page says the same as always (it never tells
    whether an address has an account)."""

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"].strip().casefold()
        key = "kh-password-reset:" + hashlib.sha256(email.encode()).hexdigest()
        sent = cache.get(key, 0)
        if sent >= settings.PASSWORD_RESET_MAX_PER_HOUR:
            return
        cache.set(key, sent + 1, 3600)
        super().save(*args, **kwargs)
