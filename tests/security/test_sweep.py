"""The permission matrix, proven over every URL pattern of the project.

Every pattern of ``get_resolver()`` (the Django admin included) is resolved
with real objects of the two-agency world (conftest.py) and requested by
each identity — anonymous, agency A, agency B, staff, leader, clerk, admin —
with GET, with an empty POST and with a POST whose fields name the other
agency's rows. Each answer is checked against what the code declares in
one place, ``plans.permissions.declared_access``:

- ``action:<action>`` (``ActionRequiredMixin``): anonymous -> login page;
  a role outside ``ACTIONS[action]`` -> 403; the others get the page.
- ``public``, ``login``, ``owner``, ``workflow``, ``agency-account``,
  ``agency-link``, ``admin-site``: see ``plans.permissions.Access``.

A refused request must change nothing (row snapshot before and after); a
request acting for one agency must change none of the other agency's rows
and must not show them. A pattern without a declaration, or with a keyword
this file cannot fill, fails and says what to add where.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

from documents import workflow
from plans.permissions import ACTIONS, Access, declared_access, user_roles

from .conftest import IDENTITIES, MARKERS, Side, World

# Answers a permitted user may get: the page, a redirect after a change, a
# form refused as bad input, or "this URL does not take this method".
OK = "ok"
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
FORBIDDEN = "forbidden"
NOT_FOUND = "not-found"


pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name"; unnamed patterns are "namespace:<route>"
    namespace: str
    route: str
    segments: tuple  # the resolver patterns from the root to this one
    callback: Callable
    kwargs: tuple[str, ...]
    variant: str = ""  # the document type, for patterns naming a workflow document

    @property
    def url_name(self) -> str:
        """The name ``declared_access`` and ``URL_ACCESS`` know it by."""
        if self.name.endswith(">"):
            return f"{self.namespace}:"
        return self.name

    @property
    def initkwargs(self) -> dict:
        return getattr(self.callback, "view_initkwargs", {}) or {}

    @property
    def id(self) -> str:
        return self.name + (f"[{self.variant}]" if self.variant else "")


def _kwarg_names(pattern) -> list[str]:
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def walk(resolver=None, segments=(), namespace="") -> list[Endpoint]:
    resolver = resolver or get_resolver()
    found = []
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = namespace
            if item.namespace:
                inner = f"{namespace}:{item.namespace}" if namespace else item.namespace
            found += walk(item, (*segments, item.pattern), inner)
        elif isinstance(item, URLPattern):
            route = "".join(str(p) for p in (*segments, item.pattern))
            local = item.name or f"<{route}>"
            name = f"{namespace}:{local}" if namespace else local
            names = [n for p in (*segments, item.pattern) for n in _kwarg_names(p)]
            found.append(
                Endpoint(name, namespace, route, (*segments, item.pattern), item.callback, tuple(names))
            )
    return found


def _expand(endpoints: list[Endpoint]) -> list[Endpoint]:
    """A pattern naming a workflow document is checked once per document type."""
    out = []
    for endpoint in endpoints:
        if "doc" in endpoint.kwargs:
            out += [
                Endpoint(**{**endpoint.__dict__, "variant": wtype.key})
                for wtype in sorted(workflow.types(), key=lambda t: t.key)
            ]
        else:
            out.append(endpoint)
    return out


ENDPOINTS = _expand(walk())


# --------------------------------------------------------------------------- filling the keywords


@dataclass
class Filled:
    value: Any
    owner: str | None = None  # "a" or "b" when the value is one agency's row


def _doc(w: World, e: Endpoint) -> Filled:
    documents = {
        "plan": w.plan,
        "invitation": w.invitation,
        "awarddecision": w.decision,
        "progressreport": w.progress["report"],
    }
    if e.name in ("documents:issued_file", "documents:signed_file"):
        documents = w.issued
    document = documents.get(e.variant)
    if document is None:
        pytest.fail(
            f"{e.id}: the sweep has no document of workflow type {e.variant!r}. Add one to "
            "build_world() in tests/security/conftest.py and to _doc() in tests/security/test_sweep.py."
        )
    return Filled(f"{e.variant}-{document.pk}")


def _admin_object(w: World, e: Endpoint) -> Filled:
    if e.name == "admin:view_on_site":
        return Filled(w.plan.pk)
    model = e.callback.model_admin.model
    row = model._default_manager.order_by("pk").first()
    return Filled(row.pk if row is not None else 0)


def _delegates_token(w: World, e: Endpoint) -> Filled:
    if e.name == "delegates:check_in":
        from delegates.documents import check_in_token

        return Filled(check_in_token(w.a.delegate), "a")
    return Filled(w.a.registration_token, "a")


def _documents_pk(w: World, e: Endpoint) -> Filled:
    if e.name == "documents:comment_resolve":
        return Filled(w.comment.pk)
    return Filled(w.job.pk)


def _progress_pk(w: World, e: Endpoint) -> Filled:
    p = w.progress
    if e.name.startswith("progress:report"):
        return Filled(p["report"].pk)
    if e.name.startswith("progress:conclusion"):
        return Filled(p["conclusion"].pk)
    if e.name == "progress:history_nhiem_vu":
        return Filled(p["task_a"].pk)
    if e.name == "progress:history_ket_luan":
        return Filled(p["item_a"].pk)
    if e.name.endswith("_ket_luan"):  # agency_ket_luan, link_ket_luan
        return Filled(p["item_a"].pk, "a")
    return Filled(p["task_a"].pk, "a")  # agency_nhiem_vu, link_nhiem_vu


# (url name or namespace, keyword) -> (world, endpoint) -> Filled
FILL: dict[tuple[str, str], Callable[[World, Endpoint], Filled]] = {
    ("plans", "pk"): lambda w, e: Filled(w.plan.pk),
    ("plans", "item"): lambda w, e: Filled(w.parts[e.initkwargs["part_name"]].pk),
    ("conferences", "plan_pk"): lambda w, e: Filled(w.plan.pk),
    ("conferences", "pk"): lambda w, e: Filled(w.event.pk),
    ("conferences", "item"): lambda w, e: Filled(w.event_parts[e.initkwargs["part_name"]].pk),
    ("conferences", "section"): lambda w, e: Filled("general"),
    ("agenda", "plan_pk"): lambda w, e: Filled(w.plan.pk),
    ("agenda", "event_pk"): lambda w, e: Filled(w.event.pk),
    ("agenda", "slot"): lambda w, e: Filled(w.slot.pk),
    ("awards", "plan_pk"): lambda w, e: Filled(w.plan.pk),
    ("awards", "pk"): lambda w, e: Filled(w.campaign.pk),
    ("awards", "nomination_pk"): lambda w, e: Filled(w.a.nomination.pk, "a"),
    ("awards", "attachment_pk"): lambda w, e: Filled(w.a.attachment.pk, "a"),
    ("awards", "decision_pk"): lambda w, e: Filled(w.decision.pk),
    ("awards", "token"): lambda w, e: Filled(w.a.campaign_token, "a"),
    ("delegates", "pk"): lambda w, e: Filled(w.opening.pk),
    ("delegates", "event_pk"): lambda w, e: Filled(w.event.pk),
    ("delegates", "link"): lambda w, e: Filled(w.a.registration_link.pk, "a"),
    ("delegates", "delegate"): lambda w, e: Filled(w.a.delegate.pk, "a"),
    ("delegates", "reg"): lambda w, e: Filled(w.a.registration.pk, "a"),
    ("delegates", "inv"): lambda w, e: Filled(w.invitation.pk),
    ("delegates", "token"): _delegates_token,
    ("documents", "pk"): _documents_pk,
    ("documents", "doc"): _doc,
    ("progress", "plan_pk"): lambda w, e: Filled(w.progress["plan"].pk),
    ("progress", "pk"): _progress_pk,
    ("progress", "report_pk"): lambda w, e: Filled(w.progress["report_a"].pk, "a"),
    ("progress", "item_pk"): lambda w, e: Filled(w.progress["item_a"].pk),
    ("progress", "token"): lambda w, e: Filled(w.progress["token_a"], "a"),
    ("admin", "object_id"): _admin_object,
    ("admin", "app_label"): lambda w, e: Filled("plans"),
    ("admin", "content_type_id"): lambda w, e: Filled(ContentType.objects.get_for_model(w.plan).pk),
    ("admin", "id"): lambda w, e: Filled(w.users["staff"].pk),
    # A URL without its final slash: the admin sends its own users on (APPEND_SLASH).
    ("admin", "url"): lambda w, e: Filled("plans/plan"),
    # A reset link that is not (or no longer) valid: the page says so.
    ("password_reset_confirm", "uidb64"): lambda w, e: Filled("MQ"),
    ("password_reset_confirm", "token"): lambda w, e: Filled("khong-hop-le"),
}


def fill(w: World, e: Endpoint) -> dict[str, Filled]:
    values = {}
    for kwarg in e.kwargs:
        filler = FILL.get((e.name, kwarg)) or FILL.get((e.namespace, kwarg))
        if filler is None:
            pytest.fail(
                f"{e.id} ({e.route}): the permission sweep cannot fill <{kwarg}>. Add a row "
                f'("{e.namespace or e.name}", "{kwarg}"): lambda w, e: Filled(<a real object\'s value>) '
                "to FILL in tests/security/test_sweep.py (with owner 'a' when the value is agency A's "
                "row), creating the object in build_world() in tests/security/conftest.py if needed."
            )
        values[kwarg] = filler(w, e)
    return values


# Query strings some patterns need to answer at all.
QUERY = {
    "admin:autocomplete": "?app_label=plans&model_name=agency&field_name=parent&term=S",
}

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def build_url(e: Endpoint, values: dict[str, Filled]) -> str:
    parts = []
    for pattern in e.segments:
        text = str(pattern)
        if isinstance(pattern, RoutePattern):
            text = _ROUTE_PARAM.sub(lambda m: str(values[m["name"]].value), text)
        else:
            text = _REGEX_GROUP.sub(lambda m: str(values[m["name"]].value), text)
            text = text.removeprefix("^").removesuffix("$").replace("\\", "")
        parts.append(text)
    url = "/" + "".join(parts)
    match = resolve(url)
    url += QUERY.get(e.name, "")
    assert match.func is e.callback or getattr(match.func, "view_class", None) is getattr(
        e.callback, "view_class", object()
    ), f"{e.id}: {url} resolves to {match.view_name}, not to this pattern"
    return url


# --------------------------------------------------------------------------- what the code declares


def _workflow_allowed(w: World, e: Endpoint, user, body: dict | None) -> bool:
    view_class = e.callback.view_class
    view = view_class(**e.initkwargs)
    alternatives = view.workflow_permissions
    step_field = getattr(view, "workflow_step_field", None)
    step = workflow.STEPS.get((body or {}).get(step_field, "")) if step_field else None
    if step is not None:
        alternatives = tuple((*alt, step.permission) for alt in alternatives)
    if "doc" in e.kwargs:
        wtypes = [workflow.get_type(e.variant)]
    elif e.name == "documents:comment_resolve":
        wtypes = [workflow.get_type(w.comment.document_type)]
    else:
        wtypes = workflow.types()
    return any(all(t.can(user, p) for p in alt) for t in wtypes for alt in alternatives)


def expected(
    w: World, e: Endpoint, access: str, identity: str, values: dict[str, Filled], body: dict | None
) -> str:
    user = w.users.get(identity)
    owner = next((f.owner for f in values.values() if f.owner), None)
    if access == Access.PUBLIC:
        return OK
    if access == Access.AGENCY_LINK:
        return OK  # the link is the credential, whoever holds it (the agency checks below)
    if access == Access.ADMIN_SITE:
        if identity != "admin":
            return ADMIN_LOGIN
        return OK if _model_admin_allows(e, user, values, body) else FORBIDDEN
    if user is None:
        return LOGIN
    if access.startswith("action:"):
        action = access.removeprefix("action:")
        assert action in ACTIONS, f"{e.id}: action {action!r} is not in plans.permissions.ACTIONS"
        return OK if user_roles(user) & ACTIONS[action] else FORBIDDEN
    if access == Access.LOGIN:
        return OK
    if access == Access.OWNER:
        if any(k in e.kwargs for k in ("pk",)):
            return OK if w.job.owner_id == user.pk else NOT_FOUND
        return OK
    if access == Access.WORKFLOW:
        return OK if _workflow_allowed(w, e, user, body) else FORBIDDEN
    if access == Access.AGENCY_ACCOUNT:
        side = acting_side(w, identity)
        if side is None:
            return NOT_FOUND
        return OK if owner in (None, side) else NOT_FOUND
    pytest.fail(f"{e.id}: unknown access {access!r}")


def _model_admin_allows(e: Endpoint, user, values: dict[str, Filled], body: dict | None) -> bool:
    """What the pattern's ModelAdmin answers (some models are read-only in the admin)."""
    model_admin = getattr(e.callback, "model_admin", None)
    if model_admin is None or e.name.endswith(">"):
        return True
    request = RequestFactory().get("/")
    request.user = user
    obj = None
    if "object_id" in values:
        obj = model_admin.model._default_manager.filter(pk=values["object_id"].value).first()
    view = e.name.rsplit("_", 1)[-1]
    if view == "add":
        return model_admin.has_add_permission(request)
    if view == "delete":
        return model_admin.has_delete_permission(request, obj)
    if view == "change" and body is not None:
        return model_admin.has_change_permission(request, obj)
    return model_admin.has_view_or_change_permission(request, obj)


def acting_side(w: World, identity: str) -> str | None:
    return {"agency_a": "a", "agency_b": "b"}.get(identity)


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location.startswith(reverse(settings.LOGIN_URL)):
            return LOGIN
        return OK
    if status in (200, 204, 400, 405):
        return OK
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    return f"HTTP {status}"


# --------------------------------------------------------------------------- what a request changed

# Written on purpose by requests that are then refused or that only read.
IGNORED_FIELDS = {"last_used_at", "last_login", "session_data", "expire_date"}
SNAPSHOT_APPS = ("auth", "plans", "conferences", "agenda", "delegates", "awards", "documents", "progress")


def _models():
    for label in SNAPSHOT_APPS:
        yield from apps.get_app_config(label).get_models()


def snapshot() -> dict[str, list[tuple]]:
    rows = {}
    for model in _models():
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in IGNORED_FIELDS]
        rows[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*names))
    return rows


def write_count() -> int:
    """Rows written so far by this connection (SQLite) or transaction (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            )
        else:
            cursor.execute("SELECT total_changes()")
        return int(cursor.fetchone()[0])


def side_rows(side: Side) -> dict[str, list[tuple]]:
    """Everything that is one agency's own."""
    from awards.models import CampaignAgency, Nomination, NominationAttachment
    from delegates.models import AgencyAccessLink, AgencyRegistration, Delegate, RegistrationChange
    from progress.models import TaskReport

    agency = side.agency

    def rows(queryset):
        model = queryset.model
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in IGNORED_FIELDS]
        return list(queryset.order_by("pk").values_list(*names))

    return {
        "registration": rows(AgencyRegistration.objects.filter(agency=agency)),
        "delegates": rows(Delegate.objects.filter(registration__agency=agency)),
        "changes": rows(RegistrationChange.objects.filter(registration__agency=agency)),
        "links": rows(AgencyAccessLink.objects.filter(agency=agency)),
        "campaign": rows(CampaignAgency.objects.filter(agency=agency)),
        "nominations": rows(Nomination.objects.filter(agency=agency)),
        "attachments": rows(NominationAttachment.objects.filter(nomination__agency=agency)),
        "progress": rows(TaskReport.objects.filter(agency=agency)),
    }


def hostile_body(w: World, other: Side) -> dict[str, Any]:
    """Form fields a page of one agency might take, all naming the other agency's rows."""
    o = other
    return {
        "id": o.delegate.pk,
        "pk": o.registration.pk,
        "reg": o.registration.pk,
        "registration": o.registration.pk,
        "agency": o.agency.pk,
        "delegate": o.delegate.pk,
        "person": o.delegate.pk,
        "replaces": o.delegate.pk,
        "section": w.section.pk,
        "nomination": o.nomination.pk,
        "nomination_pk": o.nomination.pk,
        "attachment": o.attachment.pk,
        "remove_attachment": o.attachment.pk,
        "link": o.registration_link.pk,
        "token": o.registration_token,
        "more_agencies": o.agency.pk,
        f"invite-{o.agency.pk}": "1",
        f"quota-{o.agency.pk}": "9",
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": o.delegate.pk,
        "form-0-full_name": "Người Thay Thế Lạ",
        "form-0-phone": "0905999888",
        "form-0-section": w.section.pk,
        "form-1-id": o.other_delegate.pk,
        "form-1-full_name": o.other_delegate.full_name,
        "form-1-phone": "0905999887",
        "form-1-section": w.section.pk,
        "contact-contact_name": "Người Lạ",
        "contact-contact_phone": "0905999777",
        "kind": "individual",
        "name": "Đề Cử Lạ",
        "position": "Chuyên viên",
        "unit": o.agency.name,
        "award_type": w.campaign.award_types.first().pk,
        "achievements": "Thành tích lạ.",
        "action": "submit",
    }


# --------------------------------------------------------------------------- reading what was shown


def shown_text(response) -> str:
    """The text a user would read in the answer (HTML, JSON, PDF, Excel)."""
    streaming = getattr(response, "streaming", False)
    data = b"".join(response.streaming_content) if streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and data.startswith(b"%PDF"):
        from pypdf import PdfReader

        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        except Exception:  # a stored upload that is not a real PDF: read its bytes
            return data.decode("latin-1")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if data[:2] == b"PK":  # another archive (a zip of documents): the names and texts inside
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                [
                    *archive.namelist(),
                    *(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()),
                ]
            )
    return data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- the sweep


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.problems.append(text)


UNDECLARED = (
    "{id} ({route}) has no permission declaration. Either make its view an "
    'ActionRequiredMixin with `action = "<one of plans.permissions.ACTIONS>"` (a new action also '
    "gets a row in README.md, section Permissions), or give the view `access = Access.<PUBLIC|LOGIN|"
    "OWNER|WORKFLOW|AGENCY_ACCOUNT|AGENCY_LINK>` (plans.permissions.Access), or, for a view Django "
    'provides, add `"{name}": Access.<...>` to URL_ACCESS in plans/permissions.py. '
    "Then describe it in README.md, section Permissions."
)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_every_url_answers_as_the_matrix_says(world: World, baseline: dict, endpoint: Endpoint):
    e = endpoint
    access = {method: declared_access(e.callback, e.url_name, e.kwargs, method) for method in ("GET", "POST")}
    if not access["GET"]:
        pytest.fail(UNDECLARED.format(id=e.id, route=e.route, name=e.url_name))
    values = fill(world, e)
    url = build_url(e, values)
    report = Report()
    for identity in IDENTITIES:
        check_identity(world, baseline, e, access, identity, values, url, report)
    assert not report.problems, f"{e.id} ({access['GET']}):\n" + "\n".join(report.problems)


def check_identity(world, baseline, e, access, identity, values, url, report) -> None:
    client = world.clients[identity]
    acting = "a" if access["GET"] == Access.AGENCY_LINK else acting_side(world, identity)
    other = world.side("b" if acting != "b" else "a")
    for method, body in (("GET", None), ("POST", {}), ("POST", hostile_body(world, other))):
        want = expected(world, e, access[method], identity, values, body)
        naming = f" naming agency {other.key.upper()}" if body else ""
        label = f"{identity} {method}{naming} {url}"
        with world.check():
            before_writes = write_count()
            try:
                response = client.get(url) if method == "GET" else client.post(url, body)
            except Exception as error:  # a 500: the view crashed
                report.add(f"{label}: server error {type(error).__name__}: {error}")
                continue
            got = outcome(response)
            if access[method] == Access.PUBLIC and got == LOGIN:
                got = OK  # a public page may send you to log in (logging out does)
            if response.status_code == 405 and want in (FORBIDDEN, NOT_FOUND):
                got = want  # the method is not served at all: nothing to refuse
            if got != want:
                report.add(f"{label}: expected {want}, got {got} (HTTP {response.status_code})")
            # Every check starts from the same rows (the last one was rolled
            # back), so the baseline taken once tells what this request changed.
            wrote = write_count() != before_writes
            refused = want != OK or response.status_code == 405
            if method == "POST" and refused and wrote:
                changed = [name for name, rows in snapshot().items() if rows != baseline["all"].get(name)]
                if changed:
                    report.add(f"{label}: refused ({got}) but changed {', '.join(changed)}")
            if acting and wrote and side_rows(other) != baseline[other.key]:
                report.add(f"{label}: changed agency {other.key.upper()}'s rows")
            if acting and response.status_code == 200:
                text = shown_text(response)
                leaked = [m for m in MARKERS[other.key] if m in text]
                if leaked:
                    report.add(f"{label}: shows agency {other.key.upper()}'s {leaked}")


@pytest.fixture(scope="module")
def baseline(world: World) -> dict:
    return {"all": snapshot(), "a": side_rows(world.a), "b": side_rows(world.b)}


def test_the_sweep_covers_the_project():
    """Every app's URLs are in the sweep, the Django admin included."""
    namespaces = {e.namespace for e in ENDPOINTS}
    apps_ = {"plans", "documents", "conferences", "agenda", "delegates", "awards", "progress", "admin"}
    assert apps_ <= namespaces
    assert {"home", "healthz", "login", "logout"} <= {e.name for e in ENDPOINTS}


def test_the_admin_refuses_to_delete_what_an_issued_document_holds(world: World):
    """Found by the sweep (a 500 before): deleting an event whose invitation
    is issued, in the Django admin or in the event editor, is refused with the
    reason and deletes nothing."""
    from conferences.models import Event
    from delegates.models import Invitation

    event = world.opening.event
    issued = world.issued["invitation"]
    admin = world.clients["admin"]
    answer = admin.post(f"/admin/conferences/event/{event.pk}/delete/", {"post": "yes"}, follow=True)
    assert answer.status_code == 200
    assert "Giấy mời đã ban hành" in answer.content.decode()
    assert '<li class="error danger">' in answer.content.decode()  # red in the admin, not green
    assert Event.objects.filter(pk=event.pk).exists()
    assert Invitation.objects.filter(pk=issued.pk).exists()

    staff = world.clients["staff"]
    answer = staff.post(f"/ke-hoach/{event.plan_id}/su-kien/{event.pk}/xoa/", follow=True)
    assert "Giấy mời đã ban hành" in answer.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()


def test_a_leader_reads_the_award_decision_but_may_not_change_it(world: World):
    """Found by the sweep: saving the decision page needs awards.manage (403), reading it awards.view."""
    url = f"/khen-thuong/{world.campaign.pk}/quyet-dinh/{world.decision.pk}/"
    leader = world.clients["leader"]
    assert leader.get(url).status_code == 200
    assert leader.post(url, {"title": "Sửa trái phép"}).status_code == 403
    world.decision.refresh_from_db()
    assert world.decision.title != "Sửa trái phép"
