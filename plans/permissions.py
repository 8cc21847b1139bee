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


class Access(StrEnum):
    """How a page that no ``ACTIONS`` entry guards decides who may use it.

    Such a view says so in its ``access`` attribute (a plain string in
    ``documents``, which cannot import this module); views Django provides
    are named in ``URL_ACCESS``. ``declared_access`` reads both, and
    tests/security/test_sweep.py checks every URL of the project against it
    and against ``ACTIONS``."""

    PUBLIC = "public"  # anyone, logged in or not
    LOGIN = "login"  # any logged-in user
    OWNER = "owner"  # any logged-in user, on their own rows only (someone else's id: 404)
    # The document type's rights (documents.workflow.WorkflowType.can, which
    # maps them to ACTIONS) for the document named in the URL, or for any
    # document type when none is named. The view's ``workflow_permissions``
    # lists alternatives, each the permissions needed together:
    # (("view", "issue"),) = view and issue; (("issue",), ("review",)) = either.
    WORKFLOW = "workflow"
    AGENCY_ACCOUNT = "agency-account"  # an agency representative, its own agency's rows only
    AGENCY_LINK = "agency-link"  # whoever holds a live secret link: that link's agency and target only
    ADMIN_SITE = "admin-site"  # the Django admin: users with staff status (administrators)


# Views that Django provides, by URL name ("namespace:*" covers a namespace).
URL_ACCESS: dict[str, Access] = {
    "healthz": Access.PUBLIC,
    "login": Access.PUBLIC,
    "logout": Access.PUBLIC,
    "password_change": Access.LOGIN,
    "password_change_done": Access.LOGIN,
    "password_reset": Access.PUBLIC,
    "password_reset_done": Access.PUBLIC,
    "password_reset_confirm": Access.PUBLIC,
    "password_reset_complete": Access.PUBLIC,
    "admin:login": Access.PUBLIC,
    "admin:logout": Access.PUBLIC,
    "admin:*": Access.ADMIN_SITE,
}


def declared_access(
    view_func, url_name: str = "", url_kwargs: tuple[str, ...] = (), method: str = "GET"
) -> str | None:
    """What guards the view of a URL pattern (its name, its keywords) for
    ``method``: ``"action:<action>"`` for an ``ActionRequiredMixin`` view,
    else its ``Access`` value, else None. An unnamed pattern's name is
    ``"<namespace>:"``."""
    if url_name in URL_ACCESS:
        return URL_ACCESS[url_name].value
    namespace = url_name.rpartition(":")[0]
    if namespace and f"{namespace}:*" in URL_ACCESS:
        return URL_ACCESS[f"{namespace}:*"].value
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        access = getattr(view_func, "access", None)
        return str(access) if access else None
    # As Django builds the view for a request, so properties can read as_view()'s arguments.
    view = view_class(**getattr(view_func, "view_initkwargs", {}))
    view.kwargs = dict.fromkeys(url_kwargs)
    access = getattr(view, "access", None)
    if access:
        return str(access)
    if isinstance(view, ActionRequiredMixin):
        return f"action:{view.get_action(method)}"
    return None


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
    right get 403. ``post_action``, when set, is what a POST needs instead
    (a page that everyone with ``action`` reads, but fewer may change)."""

    action: str = ""
    post_action: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require(request.user, self.get_action(request.method))
        return super().dispatch(request, *args, **kwargs)

    def get_action(self, method: str = "GET") -> str:
        if method == "POST" and self.post_action:
            return self.post_action
        if not self.action:
            raise NotImplementedError(f"{type(self).__name__} names no action")
        return self.action
