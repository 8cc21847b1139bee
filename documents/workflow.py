"""Review and issue: one state machine for every official document type.

    draft ──submit──▶ submitted ──approve──▶ approved ──issue──▶ issued
      ▲   ◀─withdraw─┘    │  ▲                  │
      │                 return  submit           │ return / withdraw
      └──── returned ◀────┘──┘ ◀─────────────────┘

Who may take a step, which states it starts from, the refusal messages,
the transition log, the snapshots stored at each submission, the register
numbering and the stored PDF of an issued document all live here. What a
document *is* (how to find its issuing body, print it, snapshot it, who
wrote it) is told by its app through a ``WorkflowType`` registered from the
app's ``AppConfig.ready()``, the same way printables are:

    from documents import workflow

    workflow.register(workflow.WorkflowType(
        key="invitation",                 # also the printable id prefix: "invitation-12"
        label=_("Giấy mời"),
        model=Invitation,                 # has status/number/issued_on (OfficialDocument)
        can=lambda user, action: …,       # action: view, submit, withdraw, review, issue
        printable=lambda doc: …,          # documents.printables.Printable of the document
        snapshot=lambda doc: {…},         # see ``snapshot`` below for the shape
        register=lambda doc: ("agency-12", "Sổ văn bản đi - Sở Nội vụ"),
        symbol=lambda doc, number: "05/GM-SNV",
        apply_issue=lambda doc, number, date: …,   # write number and date on the rows
        author=lambda doc: doc.created_by,
        url=lambda doc: doc.get_absolute_url(),
        pdf_url=lambda doc: reverse("delegates:invitation_pdf", args=[doc.pk]),
        issue_emails=lambda doc: [...],
    ))
    workflow.register_part(InvitationLine, owner=lambda line: ("invitation", line.invitation_id))

Parts registered with ``register_part`` (and the document model itself)
are frozen at the model level once the document is in a register: saving
or deleting them raises ``FrozenDocument``. Apps above the one that owns a
document add to its snapshot with ``register_contributor`` (conferences add
their events, agenda its programme slots) so that diffs and comment targets
cover them without the lower app importing the higher one; a contributor's
``history`` adds its django-simple-history tables to the audit page:

    workflow.register_contributor(workflow.Contributor(
        key="agenda.slots", document_type="plan", kinds={"slot": _("Chương trình")},
        build=lambda plan: {"slot": [{"id": 7, "label": "01 – Khai mạc",
                                      "fields": {"Nội dung": "…", "Thực hiện": "…"}}]},
        history=lambda plan: [(_("Chương trình"), ProgrammeSlot.history.filter(event_id__in=ids))],
    ))

The pages (review, issue, signed copy, audit, the register) are generic:
``documents.urls``, with documents named "<key>-<pk>".
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import markup
from .models import (
    DocumentStatus,
    NumberSource,
    Register,
    RegisterCounter,
    RegisterEntry,
    ReviewComment,
    Snapshot,
    TransitionLog,
)

logger = logging.getLogger(__name__)

LOCAL_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# Issued files are PDF/A with every font embedded.
PDF_VARIANT = "pdf/a-3b"

S = DocumentStatus


# --------------------------------------------------------------------------- the state machine


@dataclass(frozen=True)
class Step:
    action: str  # also the permission asked of the document type
    label: str | Promise
    sources: frozenset[str]
    target: str
    # The permission the type is asked about ("review" covers approve and return).
    permission: str
    comment_required: bool = False


STEPS: dict[str, Step] = {
    step.action: step
    for step in (
        Step("submit", gettext_lazy("Trình duyệt"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "submit"),
        Step(
            "withdraw",
            gettext_lazy("Rút lại để sửa"),
            frozenset({S.SUBMITTED, S.APPROVED}),
            S.DRAFT,
            "submit",
        ),
        Step("approve", gettext_lazy("Duyệt"), frozenset({S.SUBMITTED}), S.APPROVED, "review"),
        Step(
            "return",
            gettext_lazy("Trả lại để sửa"),
            frozenset({S.SUBMITTED, S.APPROVED}),
            S.RETURNED,
            "review",
            comment_required=True,
        ),
        Step("issue", gettext_lazy("Ban hành"), frozenset({S.APPROVED}), S.ISSUED, "issue"),
    )
}

# Why a step is refused in a state, in words a user understands.
_STATE_REASONS = {
    S.DRAFT: gettext_lazy("văn bản đang là dự thảo, chưa trình duyệt"),
    S.SUBMITTED: gettext_lazy("văn bản đang chờ lãnh đạo duyệt"),
    S.RETURNED: gettext_lazy("văn bản đã bị trả lại, chờ chuyên viên sửa và trình lại"),
    S.APPROVED: gettext_lazy("văn bản đã được duyệt, chờ văn thư ban hành"),
    S.ISSUED: gettext_lazy("văn bản đã ban hành, không thể thay đổi"),
}


class TransitionRefused(ValidationError):
    pass


class FrozenDocument(ValidationError):
    """A save or delete of an issued document or one of its parts."""


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class WorkflowType:
    key: str
    label: str | Promise
    model: type[models.Model]
    # (user, permission) -> bool; permission is one of
    # view, submit, review, issue (and "comment" = review, "resolve" = submit).
    can: Callable[[Any, str], bool]
    printable: Callable[[Any], Any]
    snapshot: Callable[[Any], dict]
    # (document) -> (register key, register name): one sequence per issuing body.
    register: Callable[[Any], tuple[str, str]]
    # (document, number) -> "05/KH-UBND"
    symbol: Callable[[Any, int], str]
    # (document, number, date) -> None: write number and date on the document's rows.
    apply_issue: Callable[[Any, int, datetime.date], None]
    author: Callable[[Any], Any]
    # (document) -> its page (the editor), and the URL of its PDF; the review
    # page frames ``pdf_url + "?inline=1"``, which must allow same-origin framing.
    url: Callable[[Any], str]
    pdf_url: Callable[[Any], str]
    # (document) -> e-mail addresses of the leaders to tell of a submission.
    reviewer_emails: Callable[[Any], list[str]] = lambda document: []
    # (document) -> e-mail addresses to tell when it is issued (besides the author).
    issue_emails: Callable[[Any], list[str]] = lambda document: []
    # (document) -> the title shown in lists and e-mails.
    title: Callable[[Any], str] = lambda document: str(document)
    # (document) -> [(label, queryset of historical rows)] for the audit page.
    history: Callable[[Any], list[tuple[str, Any]]] = lambda document: []
    # (document) -> the document that this one replaces, or None.
    replaces: Callable[[Any], Any] = lambda document: None
    # () -> the queryset lists start from (select_related what ``title`` and
    # the home lists read, so a list's query count does not grow with its rows).
    queryset: Callable[[], Any] | None = None


@dataclass(frozen=True)
class Contributor:
    """Adds parts to a document type's snapshot: (document) -> {kind: [items]}."""

    key: str
    document_type: str
    build: Callable[[Any], dict[str, list[dict]]]
    # kind -> its Vietnamese label, e.g. {"slot": "Chương trình"}
    kinds: dict[str, str | Promise] = field(default_factory=dict)
    # (document) -> [(label, queryset of django-simple-history rows)] for the audit page.
    history: Callable[[Any], list[tuple[str, Any]]] | None = None


_types: dict[str, WorkflowType] = {}
_by_model: dict[type[models.Model], WorkflowType] = {}
_contributors: dict[str, Contributor] = {}
_kind_labels: dict[str, str | Promise] = {}
# model -> (instance) -> (document type key, document pk) or None
_parts: dict[type[models.Model], Callable[[Any], tuple[str, int] | None]] = {}


def register(wtype: WorkflowType) -> WorkflowType:
    if "-" in wtype.key:
        raise ValueError("workflow type keys cannot contain '-'")
    existing = _types.get(wtype.key)
    if existing is not None and existing is not wtype:
        raise ValueError(f"workflow type {wtype.key!r} registered twice")
    _types[wtype.key] = wtype
    _by_model[wtype.model] = wtype
    register_part(
        wtype.model, owner=lambda document, key=wtype.key: (key, document.pk) if document.pk else None
    )
    return wtype


def register_contributor(contributor: Contributor) -> Contributor:
    _contributors[contributor.key] = contributor
    _kind_labels.update(contributor.kinds)
    return contributor


def register_kind_labels(labels: dict[str, str | Promise]) -> None:
    _kind_labels.update(labels)


def kind_label(kind: str) -> str:
    return str(_kind_labels.get(kind, kind))


def types() -> list[WorkflowType]:
    return list(_types.values())


def get_type(key: str) -> WorkflowType:
    try:
        return _types[key]
    except KeyError:
        raise LookupError(key) from None


def type_of(document) -> WorkflowType:
    return _by_model[type(document)]


def document_id(document) -> str:
    return f"{type_of(document).key}-{document.pk}"


def load(doc_id: str):
    """The (type, document) behind an id like "plan-12"; LookupError if none."""
    key, _sep, pk = doc_id.rpartition("-")
    wtype = _types.get(key)
    if wtype is None or not pk.isdigit():
        raise LookupError(doc_id)
    document = wtype.model._default_manager.filter(pk=int(pk)).first()
    if document is None:
        raise LookupError(doc_id)
    return wtype, document


# --------------------------------------------------------------------------- frozen at the model level


def register_part(model: type[models.Model], *, owner: Callable[[Any], tuple[str, int] | None]) -> None:
    """Refuse saves and deletes of ``model`` rows whose document is issued.

    ``owner(instance)`` names the document: (type key, pk), or None when the
    row belongs to no document (e.g. a decision not attached to a plan)."""
    if model in _parts:
        _parts[model] = owner
        return
    _parts[model] = owner
    uid = f"documents.freeze.{model._meta.label}"
    pre_save.connect(_guard_save, sender=model, dispatch_uid=uid + ".save", weak=False)
    pre_delete.connect(_guard_delete, sender=model, dispatch_uid=uid + ".delete", weak=False)


def is_frozen(document_type: str, pk: int) -> bool:
    return RegisterEntry.objects.filter(document_type=document_type, document_id=pk).exists()


def _frozen_owner(sender, instance) -> tuple[str, int] | None:
    owner = _parts.get(sender)
    if owner is None:
        return None
    found = owner(instance)
    if found is None or found[1] is None:
        return None
    return found if is_frozen(*found) else None


def _refuse(sender, owner) -> None:
    wtype = _types.get(owner[0])
    label = str(wtype.label) if wtype else owner[0]
    raise FrozenDocument(
        _(
            "%(label)s đã ban hành (đã vào sổ văn bản) nên không thể sửa hoặc xóa %(part)s. "
            "Muốn đính chính, hãy tạo văn bản thay thế."
        )
        % {"label": label, "part": sender._meta.verbose_name},
        code="frozen",
    )


def _guard_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata restores rows as they were
        return
    owner = _frozen_owner(sender, instance)
    if owner is not None:
        _refuse(sender, owner)


def _guard_delete(sender, instance, **kwargs):
    owner = _frozen_owner(sender, instance)
    if owner is not None:
        _refuse(sender, owner)


# --------------------------------------------------------------------------- checks


def allowed(user, document, action: str) -> bool:
    step = STEPS[action]
    return document.status in step.sources and type_of(document).can(user, step.permission)


def check(user, document, action: str) -> Step:
    """The step, or ``TransitionRefused`` with the reason in Vietnamese."""
    step = STEPS.get(action)
    if step is None:
        raise TransitionRefused(_("Thao tác không hợp lệ."), code="unknown_action")
    wtype = type_of(document)
    if not wtype.can(user, step.permission):
        raise TransitionRefused(
            _("Bạn không có quyền «%(action)s» văn bản này.") % {"action": str(step.label).lower()},
            code="forbidden",
        )
    if document.status not in step.sources:
        raise TransitionRefused(
            _("Không thể «%(action)s»: %(reason)s.")
            % {"action": str(step.label).lower(), "reason": _STATE_REASONS[document.status]},
            code="wrong_state",
        )
    return step


def available_actions(user, document) -> list[Step]:
    return [
        step for step in STEPS.values() if step.action != "issue" and allowed(user, document, step.action)
    ]


# --------------------------------------------------------------------------- snapshots and diffs
#
# A snapshot is JSON: {"title": str, "fields": {label: text},
# "parts": {kind: [{"id": int, "label": str, "fields": {label: text}}]}}.
# Kinds are e.g. "section", "task", "slot"; labels are what a reader sees
# ("Nhiệm vụ 2.1", "Mục II"); fields are the printed texts that can change.


def snapshot(document) -> dict:
    wtype = type_of(document)
    data = wtype.snapshot(document)
    data.setdefault("fields", {})
    parts = data.setdefault("parts", {})
    for contributor in _contributors.values():
        if contributor.document_type == wtype.key:
            for kind, items in contributor.build(document).items():
                parts.setdefault(kind, []).extend(items)
    # PostgreSQL's jsonb keeps no key order: record the print order apart.
    field_order: dict[str, list[str]] = {}
    for kind, items in parts.items():
        names = field_order.setdefault(kind, [])
        for item in items:
            names.extend(name for name in item["fields"] if name not in names)
    data["order"] = {"kinds": list(parts), "header": list(data["fields"]), "fields": field_order}
    return data


def _ordered(names, order: list[str] | None) -> list[str]:
    names = list(names)
    if not order:
        return names
    return [name for name in order if name in names] + [name for name in names if name not in order]


def history_sources(document) -> list[tuple[str, Any]]:
    """The history tables the audit page reads: the type's, then its contributors'."""
    wtype = type_of(document)
    sources = list(wtype.history(document))
    for contributor in _contributors.values():
        if contributor.document_type == wtype.key and contributor.history is not None:
            sources.extend(contributor.history(document))
    return sources


def outline(data: dict) -> list[tuple[str, int | None, str]]:
    """Comment targets of a snapshot: (kind, id, label), the whole document first."""
    targets: list[tuple[str, int | None, str]] = [("document", None, _("Toàn văn bản"))]
    parts = data.get("parts", {})
    for kind in _ordered(parts, (data.get("order") or {}).get("kinds")):
        for item in parts[kind]:
            targets.append((kind, item["id"], f"{kind_label(kind)} – {item['label']}"))
    return targets


@dataclass
class FieldChange:
    field: str
    old: str
    new: str

    @property
    def segments(self) -> list[tuple[str, str]]:
        """Word-level diff: [("same"|"del"|"ins", text)], for showing a
        changed paragraph with only the changed words marked."""
        return word_diff(self.old, self.new)


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < 0.5:
        # Mostly rewritten ("Quý II/2024" -> "Tháng 5/2024"): old, then new, whole.
        return [(op, text) for op, text in (("del", old or ""), ("ins", new or "")) if text]
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(b[j1:j2])))
    return segments


@dataclass
class PartChange:
    kind: str
    kind_label: str
    label: str
    change: str  # added, removed, changed
    fields: list[FieldChange]


def diff(old: dict | None, new: dict) -> list[PartChange]:
    """What changed between two snapshots, part by part, in print order."""
    old = old or {"fields": {}, "parts": {}}
    order = new.get("order") or {}
    changes: list[PartChange] = []
    header = _field_changes(old.get("fields", {}), new.get("fields", {}), order.get("header"))
    if header:
        changes.append(PartChange("document", _("Thông tin chung"), _("Thông tin chung"), "changed", header))
    kinds = _ordered(new.get("parts", {}), order.get("kinds"))
    kinds += [k for k in old.get("parts", {}) if k not in kinds]
    for kind in kinds:
        names = (order.get("fields") or {}).get(kind)
        before = {item["id"]: item for item in old.get("parts", {}).get(kind, [])}
        after = {item["id"]: item for item in new.get("parts", {}).get(kind, [])}
        for pk, item in after.items():
            if pk not in before:
                changes.append(
                    PartChange(
                        kind,
                        kind_label(kind),
                        item["label"],
                        "added",
                        [
                            FieldChange(name, "", item["fields"][name])
                            for name in _ordered(item["fields"], names)
                            if item["fields"][name]
                        ],
                    )
                )
            else:
                # A row renumbered because another was added or removed is not a change.
                fields = _field_changes(before[pk]["fields"], item["fields"], names)
                if fields:
                    changes.append(PartChange(kind, kind_label(kind), item["label"], "changed", fields))
        for pk, item in before.items():
            if pk not in after:
                changes.append(
                    PartChange(
                        kind,
                        kind_label(kind),
                        item["label"],
                        "removed",
                        [
                            FieldChange(name, item["fields"][name], "")
                            for name in _ordered(item["fields"], names)
                            if item["fields"][name]
                        ],
                    )
                )
    return changes


def _field_changes(old: dict, new: dict, order: list[str] | None = None) -> list[FieldChange]:
    names = _ordered(new, order) + [name for name in _ordered(old, order) if name not in new]
    return [
        FieldChange(name, old.get(name, ""), new.get(name, ""))
        for name in names
        if (old.get(name) or "") != (new.get(name) or "")
    ]


def snapshots(document) -> list[Snapshot]:
    return list(Snapshot.objects.filter(document_type=type_of(document).key, document_id=document.pk))


def last_reviewed_snapshot(document, user) -> Snapshot | None:
    """The version ``user`` last approved, sent back or commented on; failing
    that, the version anybody last reviewed before the current submission."""
    key = type_of(document).key
    current = Snapshot.objects.filter(document_type=key, document_id=document.pk).order_by("-version").first()
    if current is None:
        return None
    mine = (
        TransitionLog.objects.filter(
            document_type=key,
            document_id=document.pk,
            user=user,
            action__in=("approve", "return"),
            snapshot__isnull=False,
        )
        .exclude(snapshot=current)
        .select_related("snapshot")
        .order_by("-at", "-id")
        .first()
    )
    if mine is not None:
        return mine.snapshot
    anyone = (
        Snapshot.objects.filter(document_type=key, document_id=document.pk, version__lt=current.version)
        .order_by("-version")
        .first()
    )
    return anyone


# --------------------------------------------------------------------------- transitions


def _log(wtype, document, *, action, source, target, user, comment="", snap=None) -> TransitionLog:
    return TransitionLog.objects.create(
        document_type=wtype.key,
        document_id=document.pk,
        action=action,
        from_status=source,
        to_status=target,
        user=user,
        comment=comment,
        snapshot=snap,
    )


def _locked(document):
    return type(document)._default_manager.select_for_update().get(pk=document.pk)


def _set_status(document, status: str) -> None:
    document.status = status
    fields = ["status"]
    if any(f.name == "updated_at" for f in document._meta.concrete_fields):
        fields.append("updated_at")
    document.save(update_fields=fields)


def _notify(event: str, wtype: WorkflowType, document, log: TransitionLog) -> None:
    from . import tasks  # the task module imports this one

    transaction.on_commit(
        lambda: tasks.task_send_workflow_notification.delay(transition_id=log.pk, event=event)
    )


@transaction.atomic
def transition(*, document, user, action: str, comment: str = ""):
    """Submit, withdraw, approve or send back ``document``; returns it as stored.

    Issuing has its own function, ``issue``: it needs a number and a file."""
    if action == "issue":
        raise TransitionRefused(_("Ban hành qua chức năng cấp số của văn thư."), code="use_issue")
    wtype = type_of(document)
    document = _locked(document)
    step = check(user, document, action)
    comment = (comment or "").strip()
    if step.comment_required and not comment and not _open_comments(wtype, document).exists():
        raise TransitionRefused(
            _("Hãy ghi ý kiến (nội dung cần sửa) trước khi trả lại."), code="comment_required"
        )
    source = document.status
    snap = None
    if action == "submit":
        data = snapshot(document)
        last = Snapshot.objects.filter(document_type=wtype.key, document_id=document.pk).order_by("-version")
        previous = last.first()
        snap = Snapshot.objects.create(
            document_type=wtype.key,
            document_id=document.pk,
            version=(previous.version + 1) if previous else 1,
            data=data,
            created_by=user,
        )
    elif action in ("approve", "return"):
        snap = (
            Snapshot.objects.filter(document_type=wtype.key, document_id=document.pk)
            .order_by("-version")
            .first()
        )
    _set_status(document, step.target)
    log = _log(
        wtype,
        document,
        action=action,
        source=source,
        target=step.target,
        user=user,
        comment=comment,
        snap=snap,
    )
    if action in ("submit", "approve", "return"):
        _notify(action, wtype, document, log)
    return document


def _open_comments(wtype, document):
    return ReviewComment.objects.filter(
        document_type=wtype.key, document_id=document.pk, resolved_at__isnull=True
    )


# --------------------------------------------------------------------------- comments

# Other control characters than tab and line end: never meant, and PostgreSQL
# refuses NUL in text.
_CONTROLS = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def _typed_text(value: str | None) -> str:
    """A comment box's text as the project's forms keep typed text: NFC, no
    invisible or bidi controls, unified line ends, no control characters."""
    return markup.clean_text(value).translate(_CONTROLS).strip()


def comment_add(*, document, user, body: str, target: str = "document") -> ReviewComment:
    """``target`` is "document" or "<kind>:<id>" from the document's outline."""
    wtype = type_of(document)
    if not wtype.can(user, "review"):
        raise TransitionRefused(_("Chỉ lãnh đạo được góp ý khi duyệt văn bản."), code="forbidden")
    if document.status == S.ISSUED:
        raise TransitionRefused(_("Văn bản đã ban hành, không góp ý được nữa."), code="issued")
    body = _typed_text(body)
    if not body:
        raise ValidationError(_("Hãy nhập nội dung góp ý."), code="empty")
    current = (
        Snapshot.objects.filter(document_type=wtype.key, document_id=document.pk).order_by("-version").first()
    )
    targets = {
        f"{kind}:{pk}" if pk is not None else kind: label
        for kind, pk, label in outline(current.data if current else snapshot(document))
    }
    if target not in targets:
        raise ValidationError(_("Phần được góp ý không còn trong văn bản."), code="bad_target")
    kind, _sep, pk = target.partition(":")
    return ReviewComment.objects.create(
        document_type=wtype.key,
        document_id=document.pk,
        target_kind=kind,
        target_id=int(pk) if pk else None,
        target_label=targets[target][:300],
        body=body,
        author=user,
        snapshot=current,
    )


def comment_resolve(*, comment: ReviewComment, user, resolution: str = "") -> ReviewComment:
    wtype = get_type(comment.document_type)
    if not wtype.can(user, "submit"):
        raise TransitionRefused(
            _("Chỉ chuyên viên soạn thảo được đánh dấu đã xử lý góp ý."), code="forbidden"
        )
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = user
        comment.resolution = _typed_text(resolution)
        comment.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return comment


def comments(document) -> list[ReviewComment]:
    return list(
        ReviewComment.objects.filter(document_type=type_of(document).key, document_id=document.pk)
        .select_related("author", "resolved_by")
        .order_by("created_at", "id")
    )


# --------------------------------------------------------------------------- registers and issuing


def local_today() -> datetime.date:
    return timezone.now().astimezone(LOCAL_TZ).date()


def _register_for(wtype, document) -> Register:
    key, name = wtype.register(document)
    register, _created = Register.objects.get_or_create(key=key, defaults={"name": name})
    return register


def take_number(*, register: Register, year: int) -> int:
    """The next number of ``register`` in ``year``. Call inside the issuing
    transaction: the counter row stays locked until it commits, so
    concurrent issues queue here and get consecutive numbers."""
    RegisterCounter.objects.get_or_create(register=register, year=year)
    counter = RegisterCounter.objects.select_for_update().get(register=register, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _reserve_number(*, register: Register, year: int, number: int) -> None:
    """A number given by the e-office system: unique in the register, and
    the register's own sequence continues after it."""
    RegisterCounter.objects.get_or_create(register=register, year=year)
    counter = RegisterCounter.objects.select_for_update().get(register=register, year=year)
    if RegisterEntry.objects.filter(register=register, year=year, number=number).exists():
        raise _number_taken(register, year, number)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])


def _number_taken(register, year, number) -> ValidationError:
    entry = RegisterEntry.objects.filter(register=register, year=year, number=number).first()
    return ValidationError(
        _("Số %(number)s năm %(year)s đã được cấp trong «%(register)s»%(what)s. Hãy kiểm tra lại số.")
        % {
            "number": f"{number:02d}",
            "year": year,
            "register": register.name,
            "what": _(" cho văn bản %(symbol)s") % {"symbol": entry.symbol} if entry else "",
        },
        code="number_taken",
    )


def issue(
    *,
    document,
    user,
    today: datetime.date | None = None,
    number: int | None = None,
    issued_on: datetime.date | None = None,
) -> RegisterEntry:
    """Issue an approved document, atomically: next number (or the number and
    date given by the e-office system), date, snapshot, the PDF/A rendered
    once and stored with its SHA-256, the register entry, the log.

    ``today`` is the clock seam (tests pass a date); by default the date in
    Asia/Ho_Chi_Minh."""
    if (number is None) != (issued_on is None):
        raise ValidationError(_("Hãy nhập cả số và ngày văn bản."), code="incomplete")
    if number is not None and number <= 0:
        raise ValidationError(_("Số văn bản phải lớn hơn 0."), code="bad_number")
    stored_name = None
    wtype = type_of(document)
    try:
        with transaction.atomic():
            document = _locked(document)
            check(user, document, "issue")
            register = _register_for(wtype, document)
            if number is None:
                issued_on = today or local_today()
                number = take_number(register=register, year=issued_on.year)
                source = NumberSource.REGISTER
            else:
                _reserve_number(register=register, year=issued_on.year, number=number)
                source = NumberSource.EOFFICE
            wtype.apply_issue(document, number, issued_on)
            _set_status(document, S.ISSUED)
            document = type(document)._default_manager.get(pk=document.pk)
            data = snapshot(document)
            pdf = wtype.printable(document).render_pdf(pdf_variant=PDF_VARIANT)
            entry = RegisterEntry(
                register=register,
                year=issued_on.year,
                number=number,
                issued_on=issued_on,
                source=source,
                symbol=wtype.symbol(document, number),
                title=wtype.title(document)[:2000],
                document_type=wtype.key,
                document_id=document.pk,
                issued_by=user,
                snapshot=data,
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
            entry.pdf.save(f"{wtype.key}-{document.pk}-{number:02d}.pdf", ContentFile(pdf), save=False)
            stored_name = entry.pdf.name
            try:
                with transaction.atomic():
                    entry.save()
            except IntegrityError:
                raise _number_taken(register, issued_on.year, number) from None
            log = _log(wtype, document, action="issue", source=S.APPROVED, target=S.ISSUED, user=user)
            _notify("issue", wtype, document, log)
    except BaseException:
        if stored_name:
            RegisterEntry._meta.get_field("pdf").storage.delete(stored_name)
        raise
    return entry


def entry_for(document) -> RegisterEntry | None:
    return (
        RegisterEntry.objects.filter(document_type=type_of(document).key, document_id=document.pk)
        .select_related("register", "issued_by", "signed_by")
        .first()
    )


def stored_pdf(entry: RegisterEntry) -> bytes:
    with entry.pdf.open("rb") as handle:
        return handle.read()


# --------------------------------------------------------------------------- the signed copy

SIGNED_MAX_BYTES = 20 * 1024 * 1024


def signed_copy_upload(*, document, user, uploaded) -> RegisterEntry:
    """Store the signed PDF from the e-office system beside the issued one."""
    wtype = type_of(document)
    if not wtype.can(user, "issue"):
        raise TransitionRefused(_("Chỉ văn thư được tải lên bản đã ký."), code="forbidden")
    entry = entry_for(document)
    if entry is None:
        raise ValidationError(_("Văn bản chưa ban hành nên chưa có bản ký."), code="not_issued")
    if uploaded is None:
        raise ValidationError(_("Hãy chọn tệp PDF đã ký."), code="missing")
    if uploaded.size > SIGNED_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": SIGNED_MAX_BYTES // (1024 * 1024)}, code="too_large"
        )
    if not uploaded.name.lower().endswith(".pdf"):
        raise ValidationError(_("Chỉ nhận tệp PDF (đuôi .pdf)."), code="not_pdf")
    data = b"".join(uploaded.chunks())
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("Tệp không phải PDF hợp lệ."), code="not_pdf")
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        old = entry.signed_pdf.name if entry.signed_pdf else None
        entry.signed_pdf.save(
            f"{wtype.key}-{document.pk}-{entry.number:02d}-da-ky.pdf", ContentFile(data), save=False
        )
        entry.signed_sha256 = hashlib.sha256(data).hexdigest()
        entry.signed_at = timezone.now()
        entry.signed_by = user
        entry.save(update_fields=["signed_pdf", "signed_sha256", "signed_at", "signed_by"])
    if old and old != entry.signed_pdf.name:
        entry.signed_pdf.storage.delete(old)
    return entry


# --------------------------------------------------------------------------- lists for the homes


def awaiting(status: str) -> list[tuple[WorkflowType, Any]]:
    found = []
    for wtype in _types.values():
        queryset = wtype.queryset() if wtype.queryset is not None else wtype.model._default_manager.all()
        for document in queryset.filter(status=status).order_by("updated_at")[:50]:
            found.append((wtype, document))
    return found


def logs(document) -> Iterable[TransitionLog]:
    return TransitionLog.objects.filter(
        document_type=type_of(document).key, document_id=document.pk
    ).select_related("user")
