"""E-mails about a document's review and issue.

submitted -> the leaders; sent back or approved -> the author; issued -> the
author and the recipients with an e-mail address (best effort). Each
transition sends at most one message: the ``SentNotification`` row keyed by
the transition is inserted in the same transaction as the message is sent,
so a task that runs twice (a retry, a redelivered message) finds it and
returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from . import workflow
from .language import in_document_language
from .models import SentNotification, TransitionLog

logger = logging.getLogger(__name__)

SUBJECTS = {
    "submit": "Văn bản chờ duyệt: %(title)s",
    "return": "Văn bản bị trả lại để sửa: %(title)s",
    "approve": "Văn bản đã được duyệt: %(title)s",
    "issue": "Văn bản đã ban hành %(symbol)s: %(title)s",
}


def _unique(addresses) -> list[str]:
    seen: list[str] = []
    for address in addresses:
        address = (address or "").strip()
        if address and address.lower() not in {a.lower() for a in seen}:
            seen.append(address)
    return seen


def recipients_for(event: str, wtype, document) -> list[str]:
    author = wtype.author(document)
    author_email = [author.email] if author is not None and author.email else []
    if event == "submit":
        return _unique(wtype.reviewer_emails(document))
    if event in ("return", "approve"):
        return _unique(author_email)
    if event == "issue":
        return _unique([*author_email, *wtype.issue_emails(document)])
    return []


def _link(event: str, wtype, document) -> str:
    """Leaders and recipients land on the review page (the PDF, the
    downloads); the author on the document's own page, to fix or follow it."""
    base = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    if event in ("submit", "issue"):
        return base + reverse("documents:review", args=[f"{wtype.key}-{document.pk}"])
    return f"{base}{wtype.url(document)}"


def _person(user) -> str:
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()


@in_document_language
def send_transition_notification(*, transition_id: int, event: str) -> int:
    """Send the e-mail of one transition; returns the number of recipients (0 if none or sent before)."""
    log = TransitionLog.objects.select_related("user").filter(pk=transition_id).first()
    if log is None or event not in SUBJECTS:
        return 0
    try:
        wtype, document = workflow.load(f"{log.document_type}-{log.document_id}")
    except LookupError:
        return 0
    to = recipients_for(event, wtype, document)
    if not to:
        return 0
    title = " ".join(wtype.title(document).split())
    entry = workflow.entry_for(document) if event == "issue" else None
    subject = _(SUBJECTS[event]) % {"title": title[:150], "symbol": entry.symbol if entry else ""}
    lines = [
        _("%(label)s: %(title)s") % {"label": wtype.label, "title": title},
        _("Người thực hiện: %(user)s") % {"user": _person(log.user)},
    ]
    if log.comment:
        lines.append(_("Ý kiến: %(comment)s") % {"comment": log.comment})
    if entry is not None:
        lines.append(
            _("Số, ký hiệu: %(symbol)s, ngày %(date)s")
            % {"symbol": entry.symbol, "date": entry.issued_on.strftime("%d/%m/%Y")}
        )
    lines.append(_("Xem văn bản: %(url)s") % {"url": _link(event, wtype, document)})
    key = f"transition-{log.pk}-{event}"
    try:
        with transaction.atomic():
            _row, created = SentNotification.objects.get_or_create(
                key=key, defaults={"recipients": ", ".join(to), "subject": subject[:300]}
            )
            if not created:
                return 0
            # Sent inside the transaction: if sending fails, the row goes too and a retry sends.
            EmailMessage(subject=subject, body="\n".join(lines), to=to).send()
    except IntegrityError:  # a concurrent run inserted the row first
        return 0
    return len(to)


# --------------------------------------------------------------------------- shared API: send once


@in_document_language
def send_once(*, key: str, to: list[str], subject: str, body: str) -> bool:
    """Send one e-mail at most once per ``key``, whatever the number of runs:
    the ``SentNotification`` row and the message go in one transaction (a
    failed send leaves no row, so a retry sends). Reminders, job-ready
    messages and any app's notices use it; the staff page "Thư nhắc đã gửi"
    lists every row. Keys look like ``<kind>-<ids>`` ("reminder-task-12-due-2026-05-01")."""
    to = _unique(to)
    if not to:
        return False
    try:
        with transaction.atomic():
            _row, created = SentNotification.objects.get_or_create(
                key=key[:200], defaults={"recipients": ", ".join(to), "subject": subject[:300]}
            )
            if not created:
                return False
            EmailMessage(subject=subject, body=body, to=to).send()
    except IntegrityError:
        return False
    return True


def kind_of(key: str) -> str:
    """The kind part of a sent-notification key: "reminder-task", "job", "transition" …"""
    parts = key.split("-")
    if parts[0] == "reminder" and len(parts) > 1:
        return f"{parts[0]}-{parts[1]}"
    return parts[0]


# --------------------------------------------------------------------------- other apps' sent logs


@dataclass(frozen=True)
class SentRow:
    sent_at: object  # datetime
    kind: str
    subject: str
    recipients: str


@dataclass(frozen=True)
class SentSource:
    """An app that records sent messages in its own table (delegates'
    reminders) shows them on the staff page "Thư nhắc đã gửi" through this:
    ``rows(limit)`` returns the newest first, in one or two queries."""

    kind: str
    label: object
    rows: Callable[[int], list[SentRow]]


_sources: dict[str, SentSource] = {}


def register_sent_source(source: SentSource) -> SentSource:
    _sources[source.kind] = source
    return source


def sent_sources() -> list[SentSource]:
    return list(_sources.values())
