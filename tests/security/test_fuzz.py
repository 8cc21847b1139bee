"""Hostile input posted to every form of the project (hypothesis).

The forms are found, not listed: each identity of the two-agency world
(conftest.py) walks the site from its start pages, following links and htmx
GET URLs, and every <form> it is shown (its fields, their current values,
its action, whether htmx posts it) is fuzzed. A new form reachable by a
link is covered without touching this file.

Each example posts, for some of the form's fields, values drawn from a
hostile alphabet — huge strings, NFD and mixed-normalisation Vietnamese,
zero-width and right-to-left characters, HTML and script, Django template
syntax, SQL-looking text, spreadsheet formulas, format strings — and keeps
the page's own values for the others. Every answer must be:

- no server error (the test client re-raises any exception of a view);
- nothing executed: a posted value with markup never comes back
  unescaped, template syntax is never evaluated;
- nothing changed on the way in: when the post stored text, each hostile
  value is stored as posted, up to the documented normalisation (NFC,
  invisible and bidi controls removed, line ends and spaces unified, the
  case of a person's name).

``KEHOACH_FUZZ_EXAMPLES`` sets the examples per form (25); with ``CI=true``
the examples are derandomised so that a run can be repeated exactly.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from documents.markup import clean_text

if TYPE_CHECKING:
    from .conftest import World

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("KEHOACH_FUZZ_EXAMPLES", "25"))
FUZZ = fuzz_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    database=None,
    # A failing example is reported as drawn: shrinking it costs minutes.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)

# --------------------------------------------------------------------------- the hostile alphabet

VIETNAMESE = "Nguyễn Thị Ánh Tuyết, Sở Nội vụ tỉnh Khánh Hòa: Kế hoạch cải cách hành chính năm 2026"
NFD = unicodedata.normalize("NFD", VIETNAMESE)
# Half the words decomposed, half not: what a paste from two programs gives.
MIXED = " ".join(
    unicodedata.normalize("NFD" if i % 2 else "NFC", word) for i, word in enumerate(VIETNAMESE.split())
)
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
# Evaluated, it would read "khtpl": a page or PDF showing that ran our text as a template.
TEMPLATE_MARKER = "{{ 'KHTPL'|lower }}"
EVALUATED_MARKER = "khtpl"
PAYLOADS = [
    '<script>alert("kh")</script>',
    '"><img src=x onerror=alert(1)>',
    "<a href=\"javascript:alert('kh')\">bấm</a>",
    "<iframe src=//127.0.0.1:9/></iframe><style>body{display:none}</style>",
    TEMPLATE_MARKER,
    "{% debug %}{% load static %}{{ request.user.password }}",
    "'; DROP TABLE plans_plan; --",
    "1' OR '1'='1",
    '" OR 1=1 --',
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://127.0.0.1/x","bấm")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "%s %d %(name)s {0} {name} {{}}",
    "\\x00 \\n ${7*7} #{7*7} <%= 7*7 %>",
    NFD,
    MIXED,
    "Ng" + ZERO_WIDTH + "uyễn" + BIDI + " Văn A",
    "\u202eTRÁI SANG PHẢI\u202c",
    "a" + "\u0301" * 200,  # one letter under 200 accents
    "👩‍👩‍👧 ✅ 𝕂ế 𝓗𝓸𝓪̣𝓬𝓱",
    "dòng 1\r\ndòng 2\rdòng 3\n\n\ndòng 4",
    "   ",
    "\x00",
    "Ử" * 100_000,
    ("<b>" + NFD + "</b>") * 2_000,
]
ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 "
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"
    + ZERO_WIDTH
    + BIDI
    + "<>&\"'`/\\=+-@%{}[]()|#;:*!?.,~^$\t\r\n\u00a0\u3000"
)


def hostile_text() -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(PAYLOADS), st.text(alphabet=ALPHABET, min_size=1, max_size=60))
    return st.one_of(
        st.sampled_from(PAYLOADS),
        st.text(alphabet=ALPHABET, max_size=300),
        st.lists(pieces, min_size=2, max_size=4).map(" ".join),
    )


CONTROLS = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def canonical(text: str) -> str:
    """Text up to the documented normalisation of stored input: NFC, no
    invisible, bidi or control characters, spaces and line ends unified, case."""
    return " ".join(clean_text(text).translate(CONTROLS).split()).casefold()


# --------------------------------------------------------------------------- finding the forms


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str | list[str]
    # A look-up box (search, a picker that asks the server for suggestions): never stored.
    lookup: bool = False


@dataclass
class Form:
    identity: str
    page: str
    action: str
    method: str
    htmx: bool
    fields: list[Field] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        try:
            name = resolve(urlsplit(self.action).path).view_name
        except Resolver404:
            name = self.action
        return (self.identity, name, self.method, tuple(sorted(f.name for f in self.fields)))

    @property
    def label(self) -> str:
        return f"{self.identity} {self.method} {self.action} (form on {self.page})"


TEXT_KINDS = {"text", "search", "email", "tel", "url", "number", "date", "time", "datetime-local", "textarea"}
IGNORED_KINDS = {"file", "image", "reset", "button", "password"}


class PageParser(HTMLParser):
    """The links, htmx GET URLs and forms of one page."""

    def __init__(self, url: str, identity: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.identity = identity
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        if a.get("hx-get"):
            self.links.append(urljoin(self.url, a["hx-get"]))
        if tag == "form":
            action = a.get("hx-post") or a.get("action") or self.url
            method = "post" if a.get("hx-post") else (a.get("method") or "get").lower()
            self._form = Form(
                self.identity, self.url, urljoin(self.url, action), method, htmx=bool(a.get("hx-post"))
            )
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in IGNORED_KINDS or name == "csrfmiddlewaretoken":
                return
            if kind in ("checkbox", "radio"):
                existing = next((f for f in form.fields if f.name == name), None)
                if kind == "radio" and existing is not None:
                    if "checked" in a:
                        existing.value = a.get("value", "on")
                    return
                if "checked" in a or kind == "radio":
                    form.fields.append(Field(name, kind, a.get("value", "on")))
                return
            if kind == "submit":
                if not any(f.kind == "submit" for f in form.fields):
                    form.fields.append(Field(name, "submit", a.get("value", "")))
                return
            lookup = kind == "search" or bool(a.get("hx-get") or a.get("list"))
            form.fields.append(Field(name, kind, a.get("value", ""), lookup=lookup))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            if not any(f.kind == "submit" for f in form.fields):
                form.fields.append(Field(name, "submit", a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea", "")
            form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field(name, "select", [] if "multiple" in a else "")
            self._first_option = None
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None and value:
                self._first_option = value
            if "selected" in a:
                if isinstance(self._select.value, list):
                    self._select.value.append(value)
                else:
                    self._select.value = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if self._select.value == "" and self._first_option:
                self._select.value = self._first_option
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


# Downloads, printed documents and pages that only do something: never crawled.
NOT_A_PAGE = re.compile(
    r"(\.pdf|\.xlsx|\.docx|\.zip|\.csv|/pdf/|/ban-in/|/excel|xuat-excel|/tai-ve|/tep/|/dang-xuat/|^/admin/"
    r"|/static/|/media/|/healthz|/thu-da-gui/)",
    re.IGNORECASE,
)
MAX_PAGES = 80


def start_pages(w: World) -> dict[str, list[str]]:
    a = w.a
    return {
        "anonymous": [reverse("login"), reverse("password_reset")],
        "staff": [
            reverse("home"),
            reverse("plans:detail", args=[w.plan.pk]),
            reverse("conferences:detail", args=[w.plan.pk, w.event.pk]),
            reverse("agenda:editor", args=[w.plan.pk, w.event.pk]),
            reverse("delegates:dashboard", args=[w.opening.pk]),
            reverse("delegates:invitation", args=[w.opening.pk, w.invitation.pk]),
            reverse("awards:campaign", args=[w.campaign.pk]),
            reverse("password_change"),
        ],
        "leader": [reverse("home"), reverse("documents:review", args=[f"plan-{w.plan.pk}"])],
        "clerk": [reverse("home")],
        "agency_a": [
            reverse("home"),
            reverse("delegates:agency_form", args=[a.registration.pk]),
            reverse("delegates:agency_import", args=[a.registration.pk]),
        ],
        "link": [
            reverse("delegates:link_form", args=[a.registration_token]),
            reverse("awards:link_campaign", args=[a.campaign_token]),
            reverse("awards:link_add", args=[a.campaign_token]),
        ],
    }


def crawl(w: World) -> list[Form]:
    """Every distinct form each identity is shown, within MAX_PAGES pages each."""
    found: dict[tuple, Form] = {}
    with w.check():
        for identity, seeds in start_pages(w).items():
            client = w.clients["anonymous" if identity == "link" else identity]
            queue, seen = list(seeds), set()
            while queue and len(seen) < MAX_PAGES:
                url = queue.pop(0).split("#")[0]
                parts = urlsplit(url)
                if parts.netloc not in ("", "testserver") or NOT_A_PAGE.search(parts.path) or url in seen:
                    continue
                seen.add(url)
                response = client.get(url, HTTP_HX_REQUEST="true" if url not in seeds else None)
                if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                    continue
                parser = PageParser(url, identity)
                parser.feed(response.content.decode())
                queue += [link for link in parser.links if link not in seen]
                for form in parser.forms:
                    if any(f.kind in TEXT_KINDS for f in form.fields):
                        found.setdefault(form.key, form)
    return list(found.values())


# --------------------------------------------------------------------------- what was stored


def _text_fields() -> list[tuple[type[models.Model], list[str]]]:
    out = []
    for app in ("auth", "plans", "conferences", "agenda", "delegates", "awards", "documents"):
        for model in apps.get_app_config(app).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField) and not f.choices
            ]
            if names:
                out.append((model, names))
    return out


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


def stored_texts() -> set[str]:
    texts: set[str] = set()
    for model, names in _text_fields():
        for row in model._default_manager.values_list(*names):
            texts.update(value for value in row if value)
    return texts


# --------------------------------------------------------------------------- the test


def post_example(w: World, form: Form, data, before: set[str]) -> list[str]:
    """One hostile post; the problems it shows (empty: none)."""
    body: dict[str, str | list[str]] = {}
    hostile: dict[str, str] = {}
    kept: set[str] = set()  # the fields whose text is meant to be stored
    for f in form.fields:
        if f.kind in TEXT_KINDS:
            # Mostly hostile; sometimes the page's own value, so that other fields get through.
            fuzz_it = data.draw(st.integers(0, 9), label=f"fuzz {f.name}") < 8
        else:
            fuzz_it = f.kind == "hidden" and data.draw(st.integers(0, 9), label=f"fuzz {f.name}") < 2
        if fuzz_it:
            value = data.draw(hostile_text(), label=f.name)
            body[f.name] = value
            if f.kind in TEXT_KINDS:
                hostile[f.name] = value
                if not f.lookup:
                    kept.add(f.name)
        else:
            body[f.name] = f.value
    client = w.clients["anonymous" if form.identity == "link" else form.identity]
    problems = []
    with w.check():
        writes = write_count()
        headers = {"HTTP_HX_REQUEST": "true"} if form.htmx else {}
        try:
            if form.method == "get":
                response = client.get(form.action, body, **headers)
            else:
                response = client.post(form.action, body, **headers)
        except Exception as error:  # the view crashed: a 500 for the user
            return [f"{form.label}: {type(error).__name__}: {error}"]
        if response.status_code >= 500:
            return [f"{form.label}: HTTP {response.status_code}"]
        if "text/html" in response.get("Content-Type", ""):
            page = response.content.decode()
            if EVALUATED_MARKER in page:
                problems.append(f"{form.label}: template syntax in the input was evaluated")
            for name, value in hostile.items():
                if re.search(r"[<>\"]", value) and len(value) > 3 and value in page:
                    problems.append(f"{form.label}: {name}={value[:80]!r} shown unescaped")
        # Whatever the answer (a redirect, an htmx fragment), text the post stored must be the posted text.
        if form.method == "post" and write_count() != writes:
            new = [canonical(text) for text in stored_texts() - before]
            if new:
                for name, value in hostile.items():
                    if name not in kept:
                        continue
                    wanted = canonical(value)
                    if len(wanted) < 4 or any(wanted in text for text in new):
                        continue
                    # Not stored whole. A field may be left out by design (a reason that
                    # only a rejection keeps); but part of it stored means it was altered.
                    others = [canonical(v) for n, v in hostile.items() if n != name]
                    own = [w for w in wanted.split() if not any(w in other for other in others)]
                    fragment = max(own, key=len, default="")
                    if len(fragment) >= 4 and any(fragment in text for text in new):
                        problems.append(f"{form.label}: {name}={value[:80]!r} was stored altered")
    return problems


def fuzzer(world: World, form: Form, before: set[str]):
    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        found = post_example(world, form, data, before)
        assert not found, "\n".join(found)

    return fuzz


def test_every_form_survives_hostile_input(world: World):
    forms = crawl(world)
    # The crawl must find the project's forms (a broken crawl would pass vacuously).
    names = {form.key[1] for form in forms}
    for expected in (
        "login",
        "password_reset",
        "plans:header",
        "plans:section_add",
        "plans:task_add",
        "conferences:edit",
        "agenda:slot_add",
        "delegates:agency_form",
        "delegates:link_form",
        "awards:link_add",
    ):
        assert expected in names, f"the crawl found no form of {expected}; found {sorted(names)}"

    # Each example runs in a sandbox rolled back afterwards: the world's texts before any post.
    with world.check():
        before = stored_texts()
    problems: list[str] = []
    for form in forms:
        try:
            fuzzer(world, form, before)()
        except AssertionError as error:
            problems.append(str(error).split("\nFalsifying example")[0])
    assert not problems, f"{len(problems)} of {len(forms)} forms:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- one journey, read back


def test_hostile_plan_text_is_stored_nfc_shown_escaped_and_printed_literally(client_for, settings, tmp_path):
    """What the fuzz checks per post, followed to the end: the editor stores the
    text NFC without invisible characters, shows it escaped, and the PDF prints it
    as typed."""
    import io

    import pdfplumber

    from plans.documents import plan_printable, plan_queryset
    from plans.models import Section, Task
    from plans.permissions import Role
    from tests.factories import PlanFactory

    settings.MEDIA_ROOT = str(tmp_path)
    client = client_for(Role.STAFF)
    plan = PlanFactory(created_by=client.user)
    typed = (
        NFD
        + " <b>đậm</b> <script>alert(\"x\")</script> {{ 7|add:1 }} {% now 'Y' %} "
        + "=cmd|' /C calc'!A0 '; DROP TABLE plans_plan; -- Ng\u200buyễn \u202eVăn\u202c"
    )
    expected = clean_text(typed).replace("\u200b", "")
    assert expected == unicodedata.normalize("NFC", typed).translate(
        dict.fromkeys(map(ord, "\u200b\u202e\u202c"))
    )
    htmx = {"HTTP_HX_REQUEST": "true"}
    response = client.post(
        reverse("plans:section_add", args=[plan.pk]),
        {
            "new-section-heading": "KIỂM TRA",
            "new-section-body": typed,
            "new-section-numbered": "on",
            "new-section-block": "plan.tasks",
        },
        **htmx,
    )
    assert response.status_code == 200
    assert Section.objects.get(plan=plan, heading="KIỂM TRA").body == expected
    response = client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {"new-task-description": typed, "new-task-status": "not_started", "new-task-numbered": "on"},
        **htmx,
    )
    assert response.status_code == 200
    assert Task.objects.get(plan=plan).description == expected

    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")' not in page and "<b>đậm</b>" not in page
    assert "{{ 7|add:1 }}" in page and ">8<" not in page

    data = plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        # The body text (13-14 pt), without the draft's large watermark letters.
        pages = [page.filter(lambda o: o.get("size", 0) < 20) for page in pdf.pages]
        text = "".join("".join((page.extract_text() or "").split()) for page in pages)
    # The section body justifies: compare without whitespace.
    assert "".join(expected.split()) in text
    # The task table's cell wraps beside the row number: every word, in order.
    position = text.index("".join(expected.split())) + 1
    for word in expected.split():
        position = text.index(word, position) + len(word)


def test_review_comments_keep_typed_text_clean_and_refuse_nothing_with_a_500(client_for, make_user):
    """A comment or its resolution with NUL and other control characters (which
    PostgreSQL refuses in text) is kept as typed text, cleaned like every form."""
    from documents.models import ReviewComment
    from plans.permissions import Role
    from tests.factories import PlanFactory

    leader = client_for(Role.LEADER)
    plan = PlanFactory()
    typed = NFD + " \x00góp\x07 ý\u200b <b>x</b>\r\nhết"
    response = leader.post(
        reverse("documents:comment_add", args=[f"plan-{plan.pk}"]), {"body": typed, "target": "document"}
    )
    assert response.status_code == 302
    comment = ReviewComment.objects.get(document_type="plan", document_id=plan.pk)
    assert comment.body == VIETNAMESE + " góp ý <b>x</b>\nhết"

    staff = make_user(Role.STAFF)
    leader.force_login(staff)
    response = leader.post(
        reverse("documents:comment_resolve", args=[comment.pk]), {"resolution": "Đã\x00 sửa\x1b theo ý kiến"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.resolution == "Đã sửa theo ý kiến"
