"""Who may do what: the one place that decides.

Roles are Django groups (created by a migration, assigned in the admin).
Views use the mixins below; templates use ``nav`` from the context processor.
An agency representative acts for exactly one agency (``Profile.agency``)
and only ever sees that agency's data.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    STAFF = "staff"
    LEADER = "leader"
    CLERK = "clerk"
    AGENCY = "agency"
    ADMIN = "admin"


# Group names as administrators see them in the admin.
ROLE_GROUPS: dict[Role, str] = {
    Role.STAFF: "Chuyên viên Sở Nội vụ",
    Role.LEADER: "Lãnh đạo",
    Role.CLERK: "Văn thư",
    Role.AGENCY: "Đại diện cơ quan, đơn vị",
    Role.ADMIN: "Quản trị hệ thống",
}
ROLE_LABELS = {
    Role.STAFF: _("Chuyên viên"),
    Role.LEADER: _("Lãnh đạo"),
    Role.CLERK: _("Văn thư"),
    Role.AGENCY: _("Đại diện cơ quan"),
    Role.ADMIN: _("Quản trị"),
}
_GROUP_ROLES = {name: role for role, name in ROLE_GROUPS.items()}

# Actions on plans and their documents, and the roles that may take them.
ACTIONS: dict[str, frozenset[Role]] = {
    "plan.view": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    "plan.edit": frozenset({Role.STAFF, Role.ADMIN}),
    "plan.create": frozenset({Role.STAFF, Role.ADMIN}),
    "plan.print": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    "agency.search": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    # Review (approve or send back) a submitted document; issue an approved one.
    "plan.review": frozenset({Role.LEADER, Role.ADMIN}),
    "plan.issue": frozenset({Role.CLERK, Role.ADMIN}),
    # Delegate registration (delegates app): follow it; open it, invite, edit on an
    # agency's behalf, reopen, print; mark attendance at the door.
    "registration.view": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    "registration.manage": frozenset({Role.STAFF, Role.ADMIN}),
    "registration.checkin": frozenset({Role.STAFF, Role.CLERK, Role.ADMIN}),
    "registration.register": frozenset({Role.AGENCY}),
    # Read the e-mails the development set-up writes to files instead of sending.
    "devmail.view": frozenset({Role.STAFF, Role.ADMIN}),
    # Commendations: follow campaigns and print; set up, review and draft the decision;
    # nominate for one's own agency.
    "awards.view": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    "awards.manage": frozenset({Role.STAFF, Role.ADMIN}),
    "awards.nominate": frozenset({Role.AGENCY}),
    # Progress of plan tasks and conference conclusions (progress app): follow the
    # dashboard and print the BÁO CÁO; record conclusions, issue links, remind, draft
    # the BÁO CÁO; report on one's own agency's tasks.
    "progress.view": frozenset({Role.STAFF, Role.LEADER, Role.CLERK, Role.ADMIN}),
    "progress.manage": frozenset({Role.STAFF, Role.ADMIN}),
    "progress.report": frozenset({Role.AGENCY}),
}


def user_roles(user) -> frozenset[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_kehoach_roles", None)
    if cached is not None:
        return cached
    roles = {
        _GROUP_ROLES[name] for name in user.groups.values_list("name", flat=True) if name in _GROUP_ROLES
    }
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if Role.AGENCY in roles and user_agency(user) is None:
        # A representative without an agency can act for nobody.
        roles.discard(Role.AGENCY)
    user._kehoach_roles = frozenset(roles)
    return user._kehoach_roles


def user_agency(user):
    """The agency an agency representative acts for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    return profile.agency if profile is not None else None


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def can(user, action: str) -> bool:
    allowed = ACTIONS.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}")
    return bool(user_roles(user) & allowed)


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


class ActionRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; logged-in users without the
    right get 403."""

    action: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require(request.user, self.get_action())
        return super().dispatch(request, *args, **kwargs)

    def get_action(self) -> str:
        if not self.action:
            raise NotImplementedError(f"{type(self).__name__} names no action")
        return self.action
