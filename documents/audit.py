"""The audit trail of one document: every workflow step and every change
recorded by django-simple-history on the document and its parts, newest
first, as "who, when, what: field from → to"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import workflow

# Bookkeeping columns that say nothing a reader needs.
_SKIPPED = {"created_at", "updated_at", "position", "due_date"}


@dataclass
class AuditChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEvent:
    at: datetime.datetime
    user: Any
    kind: str  # "step", "created", "changed", "deleted", "issued", "signed"
    what: str
    detail: str = ""
    changes: list[AuditChange] = field(default_factory=list)


def _value(record, name: str) -> str:
    value = getattr(record, name, None)
    if value is None:
        return ""
    field_obj = record.instance_type._meta.get_field(name)
    if getattr(field_obj, "choices", None):
        return str(dict(field_obj.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    return str(value)


def _tracked_fields(record) -> list[tuple[str, str]]:
    names = []
    for field_obj in record.instance_type._meta.concrete_fields:
        if field_obj.name in _SKIPPED or field_obj.primary_key:
            continue
        names.append((field_obj.attname, str(field_obj.verbose_name)))
    return names


def history_events(document) -> list[AuditEvent]:
    events: list[AuditEvent] = []
    for label, queryset in workflow.history_sources(document):
        records = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        previous: dict[Any, Any] = {}
        for record in records:
            fields = _tracked_fields(record)
            before = previous.get(record.id)
            name = str(record.instance)
            what = f"{label}: {' '.join(name.split())[:90]}"
            if record.history_type == "+":
                changes = [
                    AuditChange(verbose, "", _value(record, attname))
                    for attname, verbose in fields
                    if _value(record, attname)
                ]
                events.append(
                    AuditEvent(record.history_date, record.history_user, "created", what, changes=changes)
                )
            elif record.history_type == "-":
                events.append(AuditEvent(record.history_date, record.history_user, "deleted", what))
            else:
                changes = []
                for attname, verbose in fields:
                    old = _value(before, attname) if before is not None else ""
                    new = _value(record, attname)
                    if before is not None and old != new:
                        changes.append(AuditChange(verbose, old, new))
                if changes:
                    events.append(
                        AuditEvent(record.history_date, record.history_user, "changed", what, changes=changes)
                    )
            previous[record.id] = record
    return events


def step_events(document) -> list[AuditEvent]:
    events = []
    for log in workflow.logs(document):
        step = workflow.STEPS.get(log.action)
        events.append(
            AuditEvent(
                log.at,
                log.user,
                "step",
                str(step.label) if step else log.action,
                detail=_("%(source)s → %(target)s")
                % {"source": log.get_from_status_display(), "target": log.get_to_status_display()},
                changes=[AuditChange(_("Ý kiến"), "", log.comment)] if log.comment else [],
            )
        )
    entry = workflow.entry_for(document)
    if entry is not None:
        events.append(
            AuditEvent(
                entry.issued_at,
                entry.issued_by,
                "issued",
                _("Vào sổ %(register)s: số %(symbol)s ngày %(date)s")
                % {
                    "register": entry.register.name,
                    "symbol": entry.symbol,
                    "date": entry.issued_on.strftime("%d/%m/%Y"),
                },
                detail=f"SHA-256 {entry.sha256}",
            )
        )
        if entry.signed_at:
            events.append(
                AuditEvent(
                    entry.signed_at,
                    entry.signed_by,
                    "signed",
                    _("Tải lên bản đã ký"),
                    detail=f"SHA-256 {entry.signed_sha256}",
                )
            )
    for comment in workflow.comments(document):
        events.append(
            AuditEvent(
                comment.created_at,
                comment.author,
                "comment",
                _("Góp ý về %(target)s") % {"target": comment.target_label},
                changes=[AuditChange(_("Ý kiến"), "", comment.body)],
            )
        )
        if comment.resolved_at:
            events.append(
                AuditEvent(
                    comment.resolved_at,
                    comment.resolved_by,
                    "resolved",
                    _("Đã xử lý góp ý về %(target)s") % {"target": comment.target_label},
                    changes=[AuditChange(_("Cách xử lý"), "", comment.resolution)]
                    if comment.resolution
                    else [],
                )
            )
    return events


def audit_trail(document) -> list[AuditEvent]:
    events = step_events(document) + history_events(document)
    events.sort(key=lambda event: event.at, reverse=True)
    return events
