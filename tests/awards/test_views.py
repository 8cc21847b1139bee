"""Pages: who sees what, agency isolation (accounts and secret links),
review, decision, exports and constant query counts."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.models import AwardDecision, Nomination, NominationStatus, NomineeKind
from delegates.access import issue_link, revoke_link
from plans.permissions import Role
from tests.factories import AgencyFactory, ProgrammeSlotFactory

from .factories import AwardTypeFactory, CampaignAgencyFactory, CampaignFactory, NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies():
    award = AwardTypeFactory(name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    campaign = CampaignFactory(award_types=[award])
    a = AgencyFactory(name="Sở Tư pháp")
    b = AgencyFactory(name="Sở Tài chính")
    CampaignAgencyFactory(campaign=campaign, agency=a)
    CampaignAgencyFactory(campaign=campaign, agency=b)
    nomination_b = services.nomination_create(
        campaign=campaign,
        agency=b,
        data={
            "kind": NomineeKind.INDIVIDUAL,
            "name": "Lê Thị Bê",
            "position": "Kế toán",
            "unit": "Sở Tài chính",
            "award_type": award,
            "achievements": "Thành tích của B.",
        },
        attachments=[SimpleUploadedFile("b.pdf", b"%PDF-1.7 b")],
    )
    return {"campaign": campaign, "award": award, "a": a, "b": b, "nomination_b": nomination_b}


def form_data(award, **extra):
    return {
        "kind": NomineeKind.INDIVIDUAL,
        "name": "Nguyễn Văn An",
        "position": "Chuyên viên",
        "unit": "Sở Tư pháp",
        "award_type": award.pk,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        **extra,
    }


# ---------------------------------------------------------------------------------------- staff


@pytest.mark.parametrize(
    ("role", "status"), [(Role.STAFF, 200), (Role.ADMIN, 200), (Role.LEADER, 200), (Role.AGENCY, 403)]
)
def test_campaign_pages_by_role(client_for, two_agencies, role, status):
    client = client_for(role)
    campaign = two_agencies["campaign"]
    assert client.get(reverse("awards:list")).status_code == status
    assert client.get(reverse("awards:campaign", args=[campaign.pk])).status_code == status


@pytest.mark.parametrize("role", [Role.LEADER, Role.CLERK, Role.AGENCY])
def test_only_staff_manage(client_for, two_agencies, role):
    client = client_for(role)
    campaign = two_agencies["campaign"]
    nomination = two_agencies["nomination_b"]
    for url in (
        reverse("awards:create"),
        reverse("awards:edit", args=[campaign.pk]),
        reverse("awards:agencies", args=[campaign.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("awards:review", args=[campaign.pk, nomination.pk]), {"action": "accept"})
    assert response.status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.SUBMITTED


def test_anonymous_goes_to_login(client, two_agencies):
    response = client.get(reverse("awards:campaign", args=[two_agencies["campaign"].pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_staff_creates_campaign_with_slot(client_for):
    award = AwardTypeFactory()
    slot = ProgrammeSlotFactory(kind="awards", content="Công bố Quyết định khen thưởng các tập thể, cá nhân")
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("awards:create"),
        {
            "plan": slot.event.plan.pk,
            "event": slot.event.pk,
            "announce_slot": slot.pk,
            "title": "Khen thưởng CCHC năm 2019",
            "achievement": "công tác cải cách hành chính năm 2019",
            "award_types": [award.pk],
            "deadline": "2030-03-01T17:00",
        },
    )
    assert response.status_code == 302
    campaign = slot.award_campaigns.get()
    assert timezone.localtime(campaign.deadline).strftime("%H:%M %d/%m/%Y") == "17:00 01/03/2030"
    assert campaign.deadline == datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC)
    page = client.get(campaign.get_absolute_url()).content.decode()
    editor = reverse("agenda:editor", args=[slot.event.plan_id, slot.event_id])
    assert f'href="{editor}#slot-{slot.pk}"' in page


def test_staff_sets_agencies_and_quotas(client_for, two_agencies):
    campaign = two_agencies["campaign"]
    c = AgencyFactory(name="Sở Y tế")
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("awards:agencies", args=[campaign.pk]),
        {"agency": [two_agencies["a"].pk, c.pk], f"quota-{c.pk}": "3"},
    )
    assert response.status_code == 302
    quotas = dict(campaign.invitations.values_list("agency__name", "quota"))
    # B is kept: it has nominated already.
    assert quotas == {"Sở Tư pháp": None, "Sở Y tế": 3, "Sở Tài chính": None}


def test_staff_reviews(client_for, two_agencies):
    campaign, nomination = two_agencies["campaign"], two_agencies["nomination_b"]
    client = client_for(Role.STAFF)
    url = reverse("awards:review", args=[campaign.pk, nomination.pk])
    response = client.post(url, {"action": "reject", "reason": ""}, follow=True)
    assert "Ghi lý do không khen thưởng." in response.content.decode()
    client.post(
        url, {"action": "reject", "reason": "Chưa đủ thời gian công tác.", "council_note": "Họp ngày 10/02."}
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reject_reason, nomination.council_note) == (
        NominationStatus.REJECTED,
        "Chưa đủ thời gian công tác.",
        "Họp ngày 10/02.",
    )
    other_campaign = CampaignFactory()
    response = client.post(
        reverse("awards:review", args=[other_campaign.pk, nomination.pk]), {"action": "accept"}
    )
    assert response.status_code == 404


def test_excel_export(client_for, two_agencies):
    campaign, award = two_agencies["campaign"], two_agencies["award"]
    NominationFactory(
        campaign=campaign,
        agency=two_agencies["a"],
        name='=HYPERLINK("http://x","bấm")',
        status=NominationStatus.ACCEPTED,
        award_type=award,
    )
    NominationFactory(
        campaign=campaign,
        agency=two_agencies["a"],
        kind=NomineeKind.COLLECTIVE,
        name="Phòng Hành chính tư pháp",
        position="",
        unit="Sở Tư pháp",
        status=NominationStatus.ACCEPTED,
        award_type=award,
    )
    response = client_for(Role.STAFF).get(reverse("awards:excel", args=[campaign.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    awarded = workbook["Danh sách khen thưởng"]
    rows = list(awarded.iter_rows(values_only=True))
    assert rows[2] == (
        "TT",
        "Tên tập thể, họ và tên",
        "Chức vụ, đơn vị",
        "Cơ quan đề nghị",
        "Tiền thưởng (đồng)",
    )
    assert rows[3][0] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert rows[4][0] == "Tập thể (01)"
    assert rows[5] == (1, "Phòng Hành chính tư pháp", "Sở Tư pháp", "Sở Tư pháp", 2_340_000)
    assert rows[6][0] == "Cá nhân (01)"
    assert rows[7][1] == '\'=HYPERLINK("http://x","bấm")'
    assert rows[-1] == ("Tổng cộng", "01 tập thể và 01 cá nhân", None, None, 3_510_000)
    for row in awarded.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    everything = workbook["Tất cả đề nghị"]
    names = [row[3] for row in everything.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(
        ["Lê Thị Bê", '\'=HYPERLINK("http://x","bấm")', "Phòng Hành chính tư pháp"]
    )


# ---------------------------------------------------------------------------------------- agencies


@pytest.fixture
def agency_a(client, make_user, two_agencies):
    user = make_user(Role.AGENCY, agency=two_agencies["a"])
    client.force_login(user)
    return client


def test_agency_nominates_through_account(agency_a, two_agencies):
    campaign, award = two_agencies["campaign"], two_agencies["award"]
    url = reverse("awards:agency_add", args=[campaign.pk])
    response = agency_a.post(
        url, {**form_data(award), "attachments": [SimpleUploadedFile("tt.pdf", b"%PDF-1.4 x")]}
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(agency=two_agencies["a"])
    assert nomination.attachments.get().original_name == "tt.pdf"
    # The same person again: a clear message, nothing saved.
    response = agency_a.post(url, form_data(award, name="NGUYỄN VĂN AN"))
    assert response.status_code == 200
    assert (
        "đã được đề nghị Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh trong đợt này"
        in response.content.decode()
    )
    assert Nomination.objects.filter(agency=two_agencies["a"]).count() == 1
    page = agency_a.get(reverse("awards:agency_campaign", args=[campaign.pk])).content.decode()
    assert "Nguyễn Văn An" in page
    assert "Lê Thị Bê" not in page
    home = agency_a.get(reverse("home")).content.decode()
    assert reverse("awards:agency_campaign", args=[campaign.pk]) in home


def test_agency_cannot_reach_other_agencys_nomination(agency_a, two_agencies):
    campaign, nomination_b = two_agencies["campaign"], two_agencies["nomination_b"]
    attachment_b = nomination_b.attachments.get()
    for url in (
        reverse("awards:agency_edit", args=[campaign.pk, nomination_b.pk]),
        reverse("awards:agency_attachment", args=[campaign.pk, attachment_b.pk]),
        reverse("awards:campaign", args=[campaign.pk]),
        reverse("awards:attachment", args=[campaign.pk, attachment_b.pk]),
        reverse("awards:excel", args=[campaign.pk]),
    ):
        assert agency_a.get(url).status_code in (403, 404), url
    response = agency_a.post(
        reverse("awards:agency_edit", args=[campaign.pk, nomination_b.pk]), form_data(two_agencies["award"])
    )
    assert response.status_code == 404
    assert (
        agency_a.post(reverse("awards:agency_delete", args=[campaign.pk, nomination_b.pk])).status_code == 404
    )
    nomination_b.refresh_from_db()
    assert nomination_b.name == "Lê Thị Bê"


def test_form_fields_naming_other_agencys_objects_are_ignored(agency_a, two_agencies):
    campaign, award, nomination_b = (
        two_agencies["campaign"],
        two_agencies["award"],
        two_agencies["nomination_b"],
    )
    attachment_b = nomination_b.attachments.get()
    agency_a.post(reverse("awards:agency_add", args=[campaign.pk]), form_data(award))
    own = Nomination.objects.get(agency=two_agencies["a"])
    response = agency_a.post(
        reverse("awards:agency_edit", args=[campaign.pk, own.pk]),
        # An "agency" field and B's attachment id are not ours to name.
        {
            **form_data(award, name="Nguyễn Văn Ân"),
            "agency": two_agencies["b"].pk,
            "remove_attachment": attachment_b.pk,
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.agency) == ("Nguyễn Văn Ân", two_agencies["a"])
    assert nomination_b.attachments.filter(pk=attachment_b.pk).exists()
    # An award type outside the campaign is refused by the form.
    response = agency_a.post(
        reverse("awards:agency_add", args=[campaign.pk]), form_data(AwardTypeFactory(), name="X")
    )
    assert response.status_code == 200 and Nomination.objects.filter(agency=two_agencies["a"]).count() == 1


def test_agency_not_invited_gets_404(client, make_user, two_agencies):
    client.force_login(make_user(Role.AGENCY, agency=AgencyFactory()))
    campaign = two_agencies["campaign"]
    assert client.get(reverse("awards:agency_campaign", args=[campaign.pk])).status_code == 404
    assert (
        client.post(
            reverse("awards:agency_add", args=[campaign.pk]), form_data(two_agencies["award"])
        ).status_code
        == 404
    )


def test_agency_after_deadline(agency_a, two_agencies):
    campaign = two_agencies["campaign"]
    campaign.deadline = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save()
    response = agency_a.post(
        reverse("awards:agency_add", args=[campaign.pk]), form_data(two_agencies["award"])
    )
    assert response.status_code == 200
    assert "Đã quá hạn gửi đề nghị" in response.content.decode()
    assert not Nomination.objects.filter(agency=two_agencies["a"]).exists()


def test_secret_link_scoped_to_its_agency_and_campaign(client, two_agencies):
    campaign, nomination_b = two_agencies["campaign"], two_agencies["nomination_b"]
    link, token = issue_link(
        agency=two_agencies["a"], target=campaign, expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    page = client.get(reverse("awards:link_campaign", args=[token]))
    assert page.status_code == 200 and "Sở Tư pháp" in page.content.decode()
    assert "Lê Thị Bê" not in page.content.decode()
    response = client.post(reverse("awards:link_add", args=[token]), form_data(two_agencies["award"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:link_campaign", args=[token])
    assert Nomination.objects.get(agency=two_agencies["a"]).created_by is None
    # B's nomination through A's link: 404.
    assert client.get(reverse("awards:link_edit", args=[token, nomination_b.pk])).status_code == 404
    assert client.post(reverse("awards:link_delete", args=[token, nomination_b.pk])).status_code == 404
    attachment_b = nomination_b.attachments.get()
    assert client.get(reverse("awards:link_attachment", args=[token, attachment_b.pk])).status_code == 404
    # A link to another campaign does not open this one, and staff pages stay closed.
    assert client.get(reverse("awards:campaign", args=[campaign.pk])).status_code == 302
    revoke_link(link=link)
    assert client.get(reverse("awards:link_campaign", args=[token])).status_code == 404
    assert client.get(reverse("awards:link_campaign", args=["khong-dung"])).status_code == 404


def test_expired_link_and_link_of_another_target(client, two_agencies):
    campaign = two_agencies["campaign"]
    _link, expired = issue_link(
        agency=two_agencies["a"], target=campaign, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(reverse("awards:link_campaign", args=[expired])).status_code == 404
    # A link issued for a plan (another target type) is not a campaign link.
    _link, other = issue_link(
        agency=two_agencies["a"], target=campaign.plan, expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert client.get(reverse("awards:link_campaign", args=[other])).status_code == 404


def test_staff_issues_and_revokes_a_link(client_for, two_agencies):
    campaign = two_agencies["campaign"]
    client = client_for(Role.STAFF)
    response = client.post(
        reverse("awards:links", args=[campaign.pk]), {"agency": two_agencies["a"].pk}, follow=True
    )
    page = response.content.decode()
    assert "/khen-thuong/lien-ket/" in page
    url = page.split("/khen-thuong/lien-ket/", 1)[1].split("<", 1)[0]
    token = url.strip("/")
    client.logout()
    assert client.get(reverse("awards:link_campaign", args=[token])).status_code == 200
    client.force_login(client_for(Role.STAFF).user)
    from delegates.access import links_for

    link = links_for(campaign).get()
    client.post(reverse("awards:links", args=[campaign.pk]), {"revoke": link.pk})
    client.logout()
    assert client.get(reverse("awards:link_campaign", args=[token])).status_code == 404
    # A link is only for an invited agency.
    staff = client_for(Role.STAFF)
    staff.post(reverse("awards:links", args=[campaign.pk]), {"agency": AgencyFactory().pk})
    assert links_for(campaign).count() == 1


# ---------------------------------------------------------------------------------------- decision


def test_decision_create_edit_and_print(client_for, award_setup):
    campaign = award_setup["campaign"]
    client = client_for(Role.STAFF)
    response = client.post(reverse("awards:decision_create", args=[campaign.pk]))
    decision = AwardDecision.objects.exclude(pk=award_setup["decision"].pk).get()
    assert response["Location"] == decision.get_absolute_url()
    assert set(decision.award_types.all()) == {award_setup["chairman"], award_setup["title"]}
    assert decision.signer_name == campaign.plan.signer_name
    assert client.get(decision.get_absolute_url()).status_code == 200
    response = client.post(
        decision.get_absolute_url(),
        {
            "award_types": [award_setup["chairman"].pk],
            "issuing_agency": decision.issuing_agency_id,
            "title": decision.title,
            "authority_line": "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
            "legal_bases": decision.legal_bases,
            "proposal": "Xét đề nghị của Giám đốc Sở Nội vụ,",
            "fund_source": "Quỹ Thi đua, khen thưởng tỉnh",
            "execution": decision.execution,
            "list_title": decision.list_title,
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Nguyễn Tấn Tuân",
            "recipients": decision.recipients,
            "archive": "VT, SNV",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.authority_line == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    assert list(decision.award_types.all()) == [award_setup["chairman"]]
    pdf = client.get(reverse("awards:decision_pdf", args=[campaign.pk, decision.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = client.get(reverse("awards:decision_print", args=[campaign.pk, decision.pk])).content.decode()
    assert "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA</p>" in html
    assert "TẬP THỂ LAO ĐỘNG XUẤT SẮC" not in html
    reading = client.get(reverse("awards:reading_pdf", args=[campaign.pk, decision.pk]))
    assert reading.content.startswith(b"%PDF")
    # Another campaign's id in the URL: 404.
    other = CampaignFactory()
    assert client.get(reverse("awards:decision_pdf", args=[other.pk, decision.pk])).status_code == 404


# ---------------------------------------------------------------------------------------- query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", ["campaign", "list", "agency", "agency_list", "decision", "excel"])
def test_query_count_does_not_grow(client, make_user, page):
    award = AwardTypeFactory()
    campaign = CampaignFactory(award_types=[award])
    agency = AgencyFactory()
    CampaignAgencyFactory(campaign=campaign, agency=agency)
    if page in ("agency", "agency_list"):
        client.force_login(make_user(Role.AGENCY, agency=agency))
        url = (
            reverse("awards:agency_campaign", args=[campaign.pk])
            if page == "agency"
            else reverse("awards:agency_list")
        )
    else:
        client.force_login(make_user(Role.STAFF))
        url = {
            "campaign": reverse("awards:campaign", args=[campaign.pk]),
            "list": reverse("awards:list"),
            "excel": reverse("awards:excel", args=[campaign.pk]),
        }.get(page)
        if page == "decision":
            decision = services.decision_create(campaign=campaign)
            url = decision.get_absolute_url()

    def add(n: int) -> None:
        for _ in range(n):
            nomination = NominationFactory(campaign=campaign, agency=agency, status=NominationStatus.ACCEPTED)
            nomination.attachments.create(
                file=SimpleUploadedFile("a.pdf", b"%PDF-1"),
                original_name="a.pdf",
                size=6,
                content_type="application/pdf",
            )
        if page in ("list", "agency_list"):
            other = CampaignFactory(award_types=[award], plan=campaign.plan, event=campaign.event)
            CampaignAgencyFactory(campaign=other, agency=agency)

    add(1)
    client.get(url)  # warm the per-process caches (content types, session)
    one = _count(client, url)
    add(6)
    many = _count(client, url)
    assert many == one


def test_programme_slot_links_to_the_decision(client_for, award_setup):
    campaign, decision = award_setup["campaign"], award_setup["decision"]
    slot = ProgrammeSlotFactory(
        event=campaign.event,
        kind="awards",
        content="Công bố Quyết định khen thưởng các tập thể, cá nhân có thành tích xuất sắc",
    )
    campaign.announce_slot = slot
    campaign.save()
    client = client_for(Role.STAFF)
    page = client.get(reverse("agenda:editor", args=[campaign.plan_id, campaign.event_id])).content.decode()
    assert reverse("awards:decision_pdf", args=[campaign.pk, decision.pk]) in page
    assert reverse("awards:reading_pdf", args=[campaign.pk, decision.pk]) in page
    assert campaign.get_absolute_url() in page
