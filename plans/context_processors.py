"""What every page needs to draw its frame: the navigation for the user's
roles, the roles themselves and the agency an agency representative acts for.

Which entries a user sees is decided by ``plans.permissions`` (one place);
this module only turns those answers into menu items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .permissions import ACTIONS, ROLE_LABELS, Role, can, user_agency, user_roles


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


@dataclass(frozen=True)
class MenuEntry:
    """A navigation entry. Apps above ``plans`` (conferences, delegates,
    awards) add theirs with ``register_menu_entry`` in ``AppConfig.ready()``,
    so this layer never imports them."""

    label: str
    url_name: str
    icon: str  # a bootstrap-icons name
    action: str | None = None  # shown to users who may take it; None: any role
    position: int = 100
    visible: Callable[[], bool] | None = None  # an extra condition, e.g. a setting


_menu: dict[str, MenuEntry] = {}


def register_menu_entry(entry: MenuEntry) -> None:
    """Add (or replace, keyed by URL name) a navigation entry."""
    if entry.action is not None and entry.action not in ACTIONS:
        raise KeyError(f"unknown action {entry.action!r}")
    _menu[entry.url_name] = entry


register_menu_entry(MenuEntry(_("Trang chủ"), "home", "house", position=0))
register_menu_entry(
    MenuEntry(
        pgettext_lazy("the list of plans", "Kế hoạch"), "plans:list", "journal-text", "plan.view", position=10
    )
)
register_menu_entry(
    MenuEntry(
        _("Thư đã gửi"),
        "dev_mailbox",
        "envelope",
        "devmail.view",
        position=900,
        visible=lambda: settings.KEHOACH_DEV_MAILBOX,
    )
)


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
    for entry in sorted(_menu.values(), key=lambda e: e.position):
        if entry.action is not None and not can(user, entry.action):
            continue
        if entry.visible is not None and not entry.visible():
            continue
        url = safe_reverse(entry.url_name)
        if url is None:
            continue
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(label=entry.label, url=url, icon=entry.icon, active=active))
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
