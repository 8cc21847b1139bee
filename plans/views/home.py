"""The frame of the site: each role's home page, health check, log-out, and
the development mailbox."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from documents.models import DocumentStatus
from documents.views import awaiting_rows

from ..context_processors import safe_reverse
from ..models import Plan
from ..permissions import (
    ROLE_GROUPS,
    ROLE_LABELS,
    Access,
    ActionRequiredMixin,
    Role,
    user_agency,
    user_roles,
)

# A user with several roles lands on the home of the first one listed here.
HOME_ORDER = [Role.STAFF, Role.LEADER, Role.CLERK, Role.AGENCY, Role.ADMIN]
RECENT = 8


def plan_url(plan: Plan) -> str | None:
    try:
        return plan.get_absolute_url()
    except NoReverseMatch:  # the plan pages are not wired up yet
        return None


def _plan_rows(queryset) -> list[tuple[Plan, str | None]]:
    return [(plan, plan_url(plan)) for plan in queryset.select_related("issuing_agency")[:RECENT]]


class HomeView(LoginRequiredMixin, TemplateView):
    access = Access.LOGIN

    def get_role(self) -> Role | None:
        roles = user_roles(self.request.user)
        return next((role for role in HOME_ORDER if role in roles), None)

    def get_template_names(self) -> list[str]:
        role = self.get_role()
        return [f"home/{role.value}.html" if role else "home/no_role.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = self.get_role()
        context["role"] = role
        context["role_label"] = ROLE_LABELS[role] if role else ""
        if role is not None:
            context.update(getattr(self, f"context_{role.value}")())
        return context

    def context_staff(self) -> dict:
        plans = Plan.objects.all()
        counts = dict(plans.values_list("status").annotate(n=Count("id")).order_by())
        return {
            "status_counts": [
                (status.label, counts.get(status.value, 0), status.value) for status in DocumentStatus
            ],
            # Staff draft as a team: what anyone touched last matters most.
            "recent_plans": _plan_rows(plans.order_by("-updated_at")),
            "plans_url": safe_reverse("plans:list"),
            "create_url": safe_reverse("plans:create"),
        }

    def context_leader(self) -> dict:
        # Every document type of the workflow, not only plans.
        return {
            "to_review": awaiting_rows(DocumentStatus.SUBMITTED),
            "plans_url": safe_reverse("plans:list"),
        }

    def context_clerk(self) -> dict:
        return {
            "to_issue": awaiting_rows(DocumentStatus.APPROVED),
            "issued": _plan_rows(
                Plan.objects.filter(status=DocumentStatus.ISSUED).order_by("-issued_on", "-number")
            ),
            "plans_url": safe_reverse("plans:list"),
            "register_url": safe_reverse("documents:register"),
        }

    def context_agency(self) -> dict:
        return {"agency": user_agency(self.request.user)}

    def context_admin(self) -> dict:
        members = dict(
            Group.objects.filter(name__in=ROLE_GROUPS.values())
            .annotate(n=Count("user"))
            .values_list("name", "n")
        )
        return {
            "role_members": [(ROLE_LABELS[role], members.get(name, 0)) for role, name in ROLE_GROUPS.items()],
            "admin_links": [
                (label, url)
                for label, url in [
                    (_("Người dùng"), safe_reverse("admin:auth_user_changelist")),
                    (_("Nhóm quyền (vai trò)"), safe_reverse("admin:auth_group_changelist")),
                    (_("Cơ quan, đơn vị"), safe_reverse("admin:plans_agency_changelist")),
                    (_("Loại cơ quan"), safe_reverse("admin:plans_agencykind_changelist")),
                ]
                if url
            ],
        }


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Bạn đã đăng xuất."))
        return response


@never_cache
def healthz(request):
    """Database and broker status for load balancers and monitoring: 200 when
    everything answers, 503 otherwise. Says nothing secret."""
    status = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        status["database"] = "error"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        status["broker"] = "eager"
    else:
        try:
            with current_app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception:
            status["broker"] = "error"
    healthy = "error" not in status.values()
    return JsonResponse({"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503)


@dataclass(frozen=True)
class SentMail:
    file: str
    sent_at: datetime
    sender: str
    recipients: str
    subject: str
    body: str


# The separator Django's file-based backend writes between messages.
_MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _text_body(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def read_mailbox(folder: Path, limit: int = 100) -> list[SentMail]:
    """The newest messages the file-based e-mail backend wrote into folder."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    mails: list[SentMail] = []
    for path in files:
        sent_at = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone())
        chunks = path.read_bytes().split(_MAIL_SEPARATOR)
        for chunk in reversed(chunks):
            if not chunk.strip():
                continue
            # Bytes, not str: bodies are written as 8-bit UTF-8.
            message = email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default)
            mails.append(
                SentMail(
                    file=path.name,
                    sent_at=sent_at,
                    sender=str(message.get("From", "")),
                    recipients=str(message.get("To", "")),
                    subject=str(message.get("Subject", "")),
                    body=_text_body(message),
                )
            )
            if len(mails) >= limit:
                return mails
    return mails


class DevMailView(ActionRequiredMixin, TemplateView):
    """Thư đã gửi: what the app would have e-mailed, for a set-up that writes
    e-mails to files (development, demonstrations) instead of sending them."""

    action = "devmail.view"
    template_name = "home/dev_mailbox.html"

    def dispatch(self, request, *args, **kwargs):
        if not settings.KEHOACH_DEV_MAILBOX:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mails"] = read_mailbox(Path(settings.EMAIL_FILE_PATH))
        context["folder"] = settings.EMAIL_FILE_PATH
        return context
