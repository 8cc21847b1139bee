"""How an invited agency's focal point reaches its own page: with an agency
account (Role.AGENCY bound to Profile.agency) or with a per-agency secret
link. Shared with the awards app (nominations); see README "Agency access".

Secret links
- The token is ``secrets.token_urlsafe(32)`` (256 bits). Only its SHA-256
  is stored (``AgencyAccessLink.token_hash``, unique), so a copy of the
  database does not give working links; a slow hash buys nothing against a
  256-bit random secret.
- Lookup is one indexed equality query on the hash (no per-link
  comparison loop, no timing signal about other links), so it is cheap
  enough to sit behind a rate limit; failed lookups are counted per client
  address (``FAILED_LIMIT`` per ``FAILED_WINDOW`` seconds, then HTTP 429).
- A link names one agency and one purpose object (generic relation:
  ``target_type`` + ``target_id``). Views must only serve that agency's
  rows of that object: ``AgencyAccess.agency`` and ``AgencyAccess.target_id``.
- A link stops working when revoked (``revoke_link``) or when it expires
  (``expires_at``: the caller passes the end of its event or campaign).

Usage (views):

    class MyView(AgencyAccessMixin, TemplateView):
        access_target_model = Campaign     # what a link must point at
        def get(self, request, *args, **kwargs):
            access = self.agency_access     # AgencyAccess(agency, via, link, user)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.permissions import Access, Role, user_agency, user_roles

from .models import AgencyAccessLink

__all__ = [
    "AgencyAccess",
    "AgencyAccessLink",
    "AgencyAccessMixin",
    "access_for_request",
    "hash_token",
    "issue_link",
    "links_for",
    "resolve_link",
    "revoke_link",
    "revoke_links",
]

TOKEN_BYTES = 32
FAILED_LIMIT = 30
FAILED_WINDOW = 600


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _target_type(target: models.Model | type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(target, for_concrete_model=True)


def issue_link(
    *, agency, target: models.Model, expires_at: datetime, created_by=None
) -> tuple[AgencyAccessLink, str]:
    """A new link for ``agency`` to ``target``; returns (link, raw token).

    The raw token exists only in the return value: show or mail it now."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = AgencyAccessLink.objects.create(
        agency=agency,
        target_type=_target_type(target),
        target_id=target.pk,
        token_hash=hash_token(token),
        hint=token[:6],
        expires_at=expires_at,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    return link, token


def resolve_link(
    token: str, *, target_model: type[models.Model] | None = None, now: datetime | None = None
) -> AgencyAccessLink | None:
    """The active link of this raw token (of ``target_model`` if given), or None."""
    if not token or len(token) > 128:
        return None
    digest = hash_token(token)
    link = AgencyAccessLink.objects.select_related("agency").filter(token_hash=digest).first()
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    now = now or timezone.now()
    if link.revoked_at is not None or link.expires_at <= now:
        return None
    if target_model is not None and link.target_type_id != _target_type(target_model).pk:
        return None
    return link


def revoke_link(*, link: AgencyAccessLink, at: datetime | None = None) -> None:
    if link.revoked_at is None:
        link.revoked_at = at or timezone.now()
        link.save(update_fields=["revoked_at"])


def revoke_links(*, agency, target: models.Model) -> int:
    """Revoke every active link of ``agency`` to ``target``."""
    return AgencyAccessLink.objects.filter(
        agency=agency, target_type=_target_type(target), target_id=target.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def links_for(target: models.Model):
    return AgencyAccessLink.objects.filter(target_type=_target_type(target), target_id=target.pk)


@dataclass(frozen=True)
class AgencyAccess:
    """Who is acting: an agency, through an account or a link."""

    agency: object
    via: str  # "account" or "link"
    link: AgencyAccessLink | None = None
    user: object | None = None

    @property
    def target_id(self) -> int | None:
        return self.link.target_id if self.link else None

    @property
    def label(self) -> str:
        """Who to name in a change log."""
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return _("Đầu mối %(agency)s (liên kết riêng)") % {"agency": self.agency}


def _client_key(request) -> str:
    return "kh-access-fail:" + (request.META.get("REMOTE_ADDR") or "unknown")


def too_many_failures(request) -> bool:
    return (cache.get(_client_key(request)) or 0) >= FAILED_LIMIT


def record_failure(request) -> None:
    key = _client_key(request)
    if cache.add(key, 1, FAILED_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, FAILED_WINDOW)


def access_for_request(
    request, *, token: str | None = None, target_model: type[models.Model] | None = None
) -> AgencyAccess | None:
    """The agency acting in this request: by ``token`` if one is given (a
    link never falls back to the session's account), else by the logged-in
    agency representative."""
    if token is not None:
        link = resolve_link(token, target_model=target_model)
        if link is None:
            return None
        AgencyAccessLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
        return AgencyAccess(agency=link.agency, via="link", link=link)
    user = request.user
    if Role.AGENCY in user_roles(user):
        agency = user_agency(user)
        if agency is not None:
            return AgencyAccess(agency=agency, via="account", user=user)
    return None


class AgencyAccessMixin:
    """For views an agency reaches. URL kwarg ``token`` means a secret link;
    without it the user must be an agency representative. A bad, revoked
    or expired token is a 404 (nothing is confirmed to a guesser); too many
    bad tokens from one address is a 429."""

    access_target_model: type[models.Model] | None = None
    token_kwarg = "token"  # noqa: S105  (a URL keyword, not a secret)

    @property
    def access(self) -> Access:
        """Declared for plans.permissions.declared_access."""
        if self.token_kwarg in getattr(self, "kwargs", {}):
            return Access.AGENCY_LINK
        return Access.AGENCY_ACCOUNT

    def dispatch(self, request, *args, **kwargs):
        token = kwargs.get(self.token_kwarg)
        if token is not None and too_many_failures(request):
            return HttpResponse(_("Quá nhiều lần thử. Vui lòng thử lại sau ít phút."), status=429)
        access = access_for_request(request, token=token, target_model=self.access_target_model)
        if access is None:
            if token is not None:
                record_failure(request)
                raise Http404(_("Liên kết không đúng, đã hết hạn hoặc đã bị thu hồi."))
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise Http404
        self.agency_access = access
        return super().dispatch(request, *args, **kwargs)
