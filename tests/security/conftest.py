"""The two-agency world the permission sweep walks, built once per module.

Agencies A and B are both invited to one registration opening and one awards
campaign; each has its registration with delegates, a secret link to each,
nominations with an attachment. Besides: a plan with one row of every part,
an event with one row of every part and a programme slot, an invitation, an
award decision, a review comment and a finished background job owned by
the staff user. One logged-in client per identity.

Each check runs in a savepoint that is rolled back (``World.check``), so the
world is the same before every request and a snapshot taken once tells what
any request changed.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from plans.permissions import Role

IDENTITIES = ("anonymous", "agency_a", "agency_b", "staff", "leader", "clerk", "admin")
ROLE_OF = {
    "anonymous": None,
    "agency_a": Role.AGENCY,
    "agency_b": Role.AGENCY,
    "staff": Role.STAFF,
    "leader": Role.LEADER,
    "clerk": Role.CLERK,
    "admin": Role.ADMIN,
}

# Text that only one agency's rows carry: the other agency must never see it.
MARKERS = {
    "a": ["Trần Bí Mật Alpha", "Lê Đề Cử Alpha", "Đầu Mối Alpha", "alpha-ho-so.pdf"],
    "b": ["Phạm Bí Mật Beta", "Võ Đề Cử Beta", "Đầu Mối Beta", "beta-ho-so.pdf"],
}


@dataclass
class Side:
    """One agency's rows."""

    key: str  # "a" or "b"
    agency: Any
    user: Any
    registration: Any
    delegate: Any
    other_delegate: Any
    nomination: Any
    attachment: Any
    campaign_agency: Any
    registration_link: Any
    registration_token: str
    campaign_link: Any
    campaign_token: str


@dataclass
class World:
    a: Side
    b: Side
    users: dict[str, Any]
    clients: dict[str, Client]
    plan: Any
    parts: dict[str, Any]  # plan part name -> row
    event: Any
    event_parts: dict[str, Any]  # event part name -> row
    slot: Any
    opening: Any
    section: Any
    invitation: Any
    campaign: Any
    decision: Any
    comment: Any
    job: Any
    issued: dict[str, Any] = field(default_factory=dict)  # workflow type -> an issued document
    # Files on disk that a request may delete (a withdrawn nomination's
    # attachment): the database rolls back, so they are written again.
    files: dict[str, bytes] = field(default_factory=dict)
    # Progress reporting (progress app): an issued plan with a task and a conclusion
    # item led by each agency, A's report with a file, A's link, a draft BÁO CÁO.
    progress: dict[str, Any] = field(default_factory=dict)

    def restore_files(self) -> None:
        from django.core.files.storage import default_storage

        for name, data in self.files.items():
            if not default_storage.exists(name):
                path = default_storage.path(name)
                import pathlib

                pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
                pathlib.Path(path).write_bytes(data)

    def side(self, key: str) -> Side:
        return self.a if key == "a" else self.b

    @contextmanager
    def check(self) -> Iterator[None]:
        """One request's sandbox: rolled back afterwards, cookies and the
        link-guessing counter restored."""
        cookies = {name: client.cookies for name, client in self.clients.items()}
        saved = {name: {k: v.value for k, v in jar.items()} for name, jar in cookies.items()}
        try:
            with transaction.atomic():
                yield
                transaction.set_rollback(True)
        finally:
            self.restore_files()
            cache.delete("kh-access-fail:127.0.0.1")
            for name, client in self.clients.items():
                client.cookies.clear()
                for key, value in saved[name].items():
                    client.cookies[key] = value


def _pdf(text: str) -> bytes:
    return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"


def build_world() -> World:
    from awards import models as award_models
    from delegates import access
    from delegates import models as reg_models
    from documents import workflow
    from documents.models import Job, RegisterEntry
    from tests.awards.factories import (
        AwardDecisionFactory,
        AwardTypeFactory,
        CampaignAgencyFactory,
        CampaignFactory,
        NominationFactory,
    )
    from tests.delegates.factories import OpeningFactory, RegistrationFactory
    from tests.delegates.factories import SectionFactory as RegistrationSectionFactory
    from tests.factories import (
        AgencyFactory,
        AppendixFactory,
        AssignmentFactory,
        BudgetItemFactory,
        DecisionArticleFactory,
        DecisionFactory,
        DelegationFactory,
        DestinationFactory,
        EventFactory,
        FundingSourceFactory,
        ObjectiveFactory,
        OnlineSiteFactory,
        ParticipantEntryFactory,
        ParticipantGroupFactory,
        PlanFactory,
        ProgrammeFactory,
        ProgrammeSlotFactory,
        SectionFactory,
        TaskFactory,
        UserFactory,
        VenueFactory,
    )

    now = timezone.now()
    agency_a = AgencyFactory(name="Sở Alpha", short_name="SA", email="alpha@example.org")
    agency_b = AgencyFactory(name="Sở Beta", short_name="SB", email="beta@example.org")
    users = {
        "staff": UserFactory(username="sweep-staff", role=Role.STAFF),
        "leader": UserFactory(username="sweep-leader", role=Role.LEADER),
        "clerk": UserFactory(username="sweep-clerk", role=Role.CLERK),
        "admin": UserFactory(username="sweep-admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
        "agency_a": UserFactory(username="sweep-agency-a", role=Role.AGENCY, agency=agency_a),
        "agency_b": UserFactory(username="sweep-agency-b", role=Role.AGENCY, agency=agency_b),
    }

    decision_doc = DecisionFactory()
    DecisionArticleFactory(decision=decision_doc)
    plan = PlanFactory(decision=decision_doc, created_by=users["staff"], year=now.year)
    parts = {
        "section": SectionFactory(plan=plan),
        "objective": ObjectiveFactory(plan=plan),
        "task": TaskFactory(plan=plan),
        "assignment": AssignmentFactory(plan=plan),
        "appendix": AppendixFactory(plan=plan),
        "article": decision_doc.articles.first(),
    }
    event = EventFactory(plan=plan, venue=VenueFactory(), kind="online")
    group = ParticipantGroupFactory(event=event)
    delegation = DelegationFactory(event=event)
    event_parts = {
        "group": group,
        "entry": ParticipantEntryFactory(group=group),
        "site": OnlineSiteFactory(event=event),
        "delegation": delegation,
        "destination": DestinationFactory(delegation=delegation),
        "funding": FundingSourceFactory(event=event),
        "budget": BudgetItemFactory(event=event),
    }
    ProgrammeFactory(event=event)
    slot = ProgrammeSlotFactory(event=event)

    opening = OpeningFactory(event=event, deadline=now + datetime.timedelta(days=7))
    section = RegistrationSectionFactory(opening=opening)
    award_type = AwardTypeFactory(name="Bằng khen của Chủ tịch UBND tỉnh (rà soát)")
    campaign = CampaignFactory(plan=plan, event=event, award_types=[award_type])
    invitation = reg_models.Invitation.objects.create(
        opening=opening,
        issuing_agency=plan.issuing_agency,
        title=f"Dự {event.name}",
        opening_text="Sở Nội vụ trân trọng kính mời:",
        attend_text=f"Tới dự {event.name}",
        time_text="08 giờ 00, ngày 25/02/2024",
        place_text="Hội trường UBND tỉnh",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Ký",
        created_by=users["staff"],
    )

    def side(key: str, agency, user) -> Side:
        marker = MARKERS[key]
        registration = RegistrationFactory(
            opening=opening,
            agency=agency,
            contact_name=marker[2],
            contact_phone="+84905000111",
            contact_email=f"dau-moi-{key}@example.org",
        )
        delegate = reg_models.Delegate.objects.create(
            opening=opening,
            registration=registration,
            section=section,
            full_name=marker[0],
            name_key=marker[0].lower(),
            title="Phó Giám đốc",
            unit=agency.name,
            phone="+8490511122" + ("1" if key == "a" else "2"),
        )
        other = reg_models.Delegate.objects.create(
            opening=opening,
            registration=registration,
            section=section,
            full_name=f"Người Thứ Hai {key.upper()}",
            name_key=f"người thứ hai {key}",
            phone="+8490533344" + ("1" if key == "a" else "2"),
        )
        campaign_agency = CampaignAgencyFactory(campaign=campaign, agency=agency, quota=3)
        nomination = NominationFactory(
            campaign=campaign,
            agency=agency,
            name=marker[1],
            award_type=award_type,
            status=award_models.NominationStatus.SUBMITTED,
        )
        attachment = award_models.NominationAttachment(
            nomination=nomination,
            original_name=marker[3],
            size=64,
            content_type="application/pdf",
        )
        attachment.file.save(marker[3], ContentFile(_pdf(marker[3])), save=False)
        attachment.save()
        expires = now + datetime.timedelta(days=30)
        reg_link, reg_token = access.issue_link(agency=agency, target=opening, expires_at=expires)
        camp_link, camp_token = access.issue_link(agency=agency, target=campaign, expires_at=expires)
        return Side(
            key=key,
            agency=agency,
            user=user,
            registration=registration,
            delegate=delegate,
            other_delegate=other,
            nomination=nomination,
            attachment=attachment,
            campaign_agency=campaign_agency,
            registration_link=reg_link,
            registration_token=reg_token,
            campaign_link=camp_link,
            campaign_token=camp_token,
        )

    a = side("a", agency_a, users["agency_a"])
    b = side("b", agency_b, users["agency_b"])
    decision = AwardDecisionFactory(campaign=campaign, award_types=[award_type])
    comment = workflow.comment_add(document=plan, user=users["leader"], body="Xem lại mục tiêu.")
    job = Job.objects.create(
        owner=users["staff"],
        kind="year_archive",
        title="Lưu trữ văn bản cả năm",
        status="done",
        progress=100,
        result_name="luu-tru.zip",
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.txt", "kehoach")
    job.result.save("luu-tru.zip", ContentFile(buffer.getvalue()))

    issued = _issued_documents(users, plan, opening, campaign, award_type)
    progress = _progress_world(users, agency_a, agency_b, now)

    clients = {"anonymous": Client()}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        clients[name] = client

    return World(
        a=a,
        b=b,
        users=users,
        clients=clients,
        plan=plan,
        parts=parts,
        event=event,
        event_parts=event_parts,
        slot=slot,
        opening=opening,
        section=section,
        invitation=invitation,
        campaign=campaign,
        decision=decision,
        comment=comment,
        job=job,
        issued=issued,
        progress=progress,
        files={
            progress["report_a"].file.name: _pdf(MARKERS["a"][3]),
            a.attachment.file.name: _pdf(MARKERS["a"][3]),
            b.attachment.file.name: _pdf(MARKERS["b"][3]),
            job.result.name: buffer.getvalue(),
            **{
                name: _pdf("ban hanh")
                for entry in RegisterEntry.objects.all()
                for name in (entry.pdf.name, entry.signed_pdf.name)
            },
        },
    )


def _issued_documents(users, plan, opening, campaign, award_type) -> dict[str, Any]:
    """One issued document of each workflow type, with its stored and signed PDFs."""
    from delegates.models import Invitation
    from documents.models import Register, RegisterEntry
    from tests.awards.factories import AwardDecisionFactory, CampaignFactory
    from tests.delegates.factories import OpeningFactory
    from tests.factories import PlanFactory

    today = timezone.localdate()
    register = Register.objects.create(key="sweep", name="Sổ văn bản đi - rà soát quyền")
    issued_plan = PlanFactory(year=today.year, status="issued", number=7, issued_on=today)
    # On an opening and a campaign of their own: an issued document freezes
    # the rows it was issued with, and the world's own must stay editable.
    invitation = Invitation.objects.get(pk=opening.invitations.first().pk)
    invitation.pk = None
    invitation.id = None
    invitation.opening = OpeningFactory(event=opening.event, title="Đợt đăng ký đã ban hành giấy mời")
    invitation.status = "issued"
    invitation.number = 8
    invitation.issued_on = today
    invitation.save()
    decision = AwardDecisionFactory(
        campaign=CampaignFactory(plan=plan, event=opening.event, award_types=[award_type]),
        award_types=[award_type],
        status="issued",
        number=9,
        issued_on=today,
    )
    from progress.models import ProgressReport

    progress_report = ProgressReport.objects.create(
        plan=issued_plan,
        issuing_agency=issued_plan.issuing_agency,
        as_of=today,
        title="Kết quả thực hiện kế hoạch (rà soát quyền)",
        status="issued",
        number=10,
        issued_on=today,
    )
    documents = {
        "plan": issued_plan,
        "invitation": invitation,
        "awarddecision": decision,
        "progressreport": progress_report,
    }
    for number, (key, document) in enumerate(documents.items(), start=7):
        entry = RegisterEntry(
            register=register,
            year=today.year,
            number=number,
            issued_on=today,
            symbol=f"{number}/KH-SNV",
            title=str(document),
            document_type=key,
            document_id=document.pk,
            issued_by=users["clerk"],
            sha256="0" * 64,
            signed_sha256="0" * 64,
        )
        entry.pdf.save(f"{key}-{number}.pdf", ContentFile(_pdf("ban hanh")), save=False)
        entry.signed_pdf.save(f"{key}-{number}-da-ky.pdf", ContentFile(_pdf("ban da ky")), save=False)
        entry.save()
    return documents


def _progress_world(users, agency_a, agency_b, now) -> dict[str, Any]:
    """An issued plan whose tasks and conclusion items agencies A and B lead."""
    from delegates import access
    from progress import services as progress_services
    from progress.models import TaskReport
    from tests.factories import EventFactory, PlanFactory, TaskFactory

    plan = PlanFactory(year=now.year, status="issued", number=11, issued_on=now.date())
    tasks = {}
    for key, agency in (("a", agency_a), ("b", agency_b)):
        task = TaskFactory(
            plan=plan, description=f"Nhiệm vụ tiến độ {key.upper()}", time_frame="Thường xuyên"
        )
        task.lead_agencies.set([agency])
        tasks[key] = task
    event = EventFactory(plan=plan)
    conclusion = progress_services.conclusion_save(
        conclusion=None,
        event=event,
        data={"issuing_agency": plan.issuing_agency, "symbol": "99/TB-UBND", "title": "Kết luận (rà soát)"},
    )
    items = {
        key: progress_services.conclusion_task_save(
            conclusion=conclusion, item=None, description=f"Kết luận {key}", time_frame="", leads=[agency]
        )
        for key, agency in (("a", agency_a), ("b", agency_b))
    }
    report_a = TaskReport(
        task=tasks["a"],
        agency=agency_a,
        status="in_progress",
        note=MARKERS["a"][0],
        reporter_label=MARKERS["a"][2],
        original_name=MARKERS["a"][3],
        size=64,
        content_type="application/pdf",
    )
    report_a.file.save(MARKERS["a"][3], ContentFile(_pdf(MARKERS["a"][3])), save=False)
    report_a.save()
    TaskReport.objects.create(
        task=tasks["b"],
        agency=agency_b,
        status="stalled",
        note=MARKERS["b"][0],
        reporter_label=MARKERS["b"][2],
    )
    _link, token_a = access.issue_link(
        agency=agency_a, target=plan, expires_at=now + datetime.timedelta(days=30)
    )
    access.issue_link(agency=agency_b, target=plan, expires_at=now + datetime.timedelta(days=30))
    report = progress_services.report_create(plan=plan, user=users["staff"], today=now.date())
    return {
        "plan": plan,
        "task_a": tasks["a"],
        "item_a": items["a"],
        "conclusion": conclusion,
        "report_a": report_a,
        "token_a": token_a,
        "report": report,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The world, in one transaction rolled back at the end of the module."""
    media = tmp_path_factory.mktemp("sweep-media")
    with (
        # The world's users never log in with a password: no slow hashing.
        override_settings(
            MEDIA_ROOT=str(media),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
