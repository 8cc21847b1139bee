"""Copying a plan copies the registration openings of its events: the
settings, sections and invited agencies with their quotas, never the
registrations' people, change log, reminders, invitations or secret links
(``plans.copying``).

The copy starts closed: its deadline is the moment of copying, so no agency
registers for next year's event before staff set the new deadline (and then
send the links). The deadline is a required field; "closed until set" is how
an opening says "no deadline yet".
"""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from conferences.copying import OPTION as EVENTS
from conferences.models import Delegation, Event, OnlineSite
from plans import copying

from .models import AgencyRegistration, RegistrationOpening

OPTION = "registrations"


def copy_openings(context: copying.CopyContext) -> None:
    now = timezone.now()
    openings = (
        RegistrationOpening.objects.filter(event__plan=context.source)
        .prefetch_related("sections")
        .order_by("created_at", "id")
    )
    for old in openings:
        event = context.new_of(Event, old.event_id)
        if event is None:
            continue
        opening = context.clone(
            old,
            event_id=event.pk,
            delegation=context.new_of(Delegation, old.delegation_id),
            site=context.new_of(OnlineSite, old.site_id),
            deadline=now,
            created_by=context.user_or_none,
        )
        for section in old.sections.all():
            context.clone(section, opening_id=opening.pk)
        invited = (
            AgencyRegistration.objects.filter(opening=old).select_related("agency").order_by("position", "id")
        )
        bulk_create_with_history(
            [
                AgencyRegistration(
                    opening=opening,
                    agency=registration.agency,
                    position=registration.position,
                    quota=registration.quota,
                    contact_email=registration.agency.email,
                )
                for registration in invited
            ],
            AgencyRegistration,
        )


def count_openings(plan) -> int:
    return RegistrationOpening.objects.filter(event__plan=plan).aggregate(n=Count("pk"))["n"]


def register() -> None:
    copying.register_option(
        copying.CopyOption(
            key=OPTION,
            label=_("Đợt đăng ký đại biểu (không gồm danh sách)"),
            help_text=_(
                "Các phần, cơ quan được mời và số lượng, sức chứa; "
                "đợt mới đóng cho đến khi đặt hạn đăng ký mới."
            ),
            requires=(EVENTS,),
            note=_("Đợt đăng ký đại biểu sao chép đang đóng: hãy đặt hạn đăng ký mới rồi gửi liên kết."),
            count=count_openings,
            order=20,
        )
    )
    copying.register(copying.Contributor(key="delegates", option=OPTION, copy=copy_openings, order=30))
