"""What every page needs to draw its frame: the navigation for the user's
roles, the roles themselves and the agency an agency representative acts for.

Which entries a user sees is decided by ``plans.permissions`` (one place);
this module only turns those answers into menu items.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .permissions import ROLE_LABELS, Role, can, user_agency, user_roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool = False


def safe_reverse(name: str, *args) -> str | None:
    """The URL of a view another part of the app may not have built yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# (label, url name, bootstrap-icons name, action that shows it; None: any role)
_MENU = [
    (_("Trang chủ"), "home", "house", None),
    (_("Kế hoạch"), "plans:list", "journal-text", "plan.view"),
    (_("Thư đã gửi"), "dev_mailbox", "envelope", "devmail.view"),
]


def display_name(user) -> str:
    """Vietnamese order: family and middle names (last_name) before the
    given name (first_name), "Trần Thị Lan"; the username when both are empty."""
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()


def navigation_for(request) -> list[NavItem]:
    user = request.user
    if not user_roles(user):
        return []
    path = request.path
    items = []
    for label, url_name, icon, action in _MENU:
        if action is not None and not can(user, action):
            continue
        if url_name == "dev_mailbox" and not settings.KEHOACH_DEV_MAILBOX:
            continue
        url = safe_reverse(url_name)
        if url is None:
            continue
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(label=label, url=url, icon=icon, active=active))
    return items


def navigation(request) -> dict:
    site = {"site_province": settings.KEHOACH_PROVINCE}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {**site, "nav_items": [], "nav_roles": [], "nav_agency": None, "nav_admin_url": None}
    roles = user_roles(user)
    return {
        **site,
        "nav_user_name": display_name(user),
        "nav_items": navigation_for(request),
        "nav_roles": [ROLE_LABELS[role] for role in Role if role in roles],
        "nav_agency": user_agency(user) if Role.AGENCY in roles else None,
        # Django's admin lets in is_staff users only, whatever their group.
        "nav_admin_url": reverse("admin:index") if user.is_staff else None,
    }
