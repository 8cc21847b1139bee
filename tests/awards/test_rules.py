"""Rules of nominations and review, through the services."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards import selectors, services, text
from awards.models import Nomination, NominationStatus, NomineeKind
from tests.factories import AgencyFactory

from .factories import AwardTypeFactory, CampaignAgencyFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def person(award_type, name="Nguyễn Văn An", unit="Sở Tư pháp", **extra):
    return {
        "kind": NomineeKind.INDIVIDUAL,
        "name": name,
        "position": "Chuyên viên",
        "unit": unit,
        "award_type": award_type,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        **extra,
    }


@pytest.fixture
def setup():
    award = AwardTypeFactory(name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    other = AwardTypeFactory(name="Giấy khen của Giám đốc Sở Nội vụ")
    campaign = CampaignFactory(award_types=[award, other])
    agency = AgencyFactory(name="Sở Tư pháp")
    CampaignAgencyFactory(campaign=campaign, agency=agency, quota=2)
    return campaign, agency, award, other


def test_nomination_is_saved_with_normalised_keys(setup):
    campaign, agency, award, _other = setup
    nomination = services.nomination_create(
        campaign=campaign, agency=agency, data=person(award, name="  nguyễn   văn  an ")
    )
    assert nomination.name == "nguyễn văn an"
    assert nomination.name_key == "nguyễn văn an"
    assert nomination.proposed_award_type == award
    assert nomination.status == NominationStatus.SUBMITTED


def test_deadline_blocks_create_edit_and_withdraw(setup):
    campaign, agency, award, _other = setup
    nomination = services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    after = campaign.deadline + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.nomination_create(
            campaign=campaign, agency=agency, data=person(award, name="Lê Văn B"), now=after
        )
    assert error.value.code == "deadline"
    assert "Đã quá hạn gửi đề nghị" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.nomination_update(
            nomination=nomination, agency=agency, data=person(award, name="X Y"), now=after
        )
    with pytest.raises(ValidationError):
        services.nomination_withdraw(nomination=nomination, agency=agency, now=after)
    just_before = campaign.deadline - datetime.timedelta(seconds=1)
    updated = services.nomination_update(
        nomination=nomination, agency=agency, data=person(award, name="Nguyễn Văn Ánh"), now=just_before
    )
    assert updated.name == "Nguyễn Văn Ánh"


def test_deadline_is_in_vietnam_time(setup):
    campaign, agency, award, _other = setup
    campaign.deadline = datetime.datetime(
        2030, 3, 1, 17, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    campaign.save()
    with pytest.raises(ValidationError) as error:
        services.nomination_create(
            campaign=campaign,
            agency=agency,
            data=person(award),
            now=datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC),
        )
    assert error.value.messages == ["Đã quá hạn gửi đề nghị (17:00 ngày 01/03/2030)."]


def test_closed_campaign_refuses(setup):
    campaign, agency, award, _other = setup
    campaign.closed = True
    campaign.save()
    with pytest.raises(ValidationError) as error:
        services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    assert error.value.code == "closed"


def test_agency_not_invited_is_refused(setup):
    campaign, _agency, award, _other = setup
    with pytest.raises(ValidationError):
        services.nomination_create(campaign=campaign, agency=AgencyFactory(), data=person(award))


def test_award_type_not_offered_is_refused(setup):
    campaign, agency, _award, _other = setup
    with pytest.raises(ValidationError) as error:
        services.nomination_create(campaign=campaign, agency=agency, data=person(AwardTypeFactory()))
    assert "award_type" in error.value.error_dict


def test_quota_counts_all_but_rejected(setup):
    campaign, agency, award, _other = setup
    first = services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="A Một"))
    services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="B Hai"))
    with pytest.raises(ValidationError) as error:
        services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="C Ba"))
    assert error.value.code == "quota"
    assert error.value.messages == ["Cơ quan, đơn vị đã gửi đủ 2 đề nghị được phân bổ cho đợt này."]
    services.nomination_review(
        nomination=first, action=services.ReviewAction.REJECT, reason="Chưa đủ tiêu chuẩn."
    )
    services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="C Ba"))
    assert Nomination.objects.filter(campaign=campaign).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_quota_holds_under_concurrent_submissions(setup):
    """Several threads submit at once for the last places: the row lock on the
    invitation lets exactly the quota through."""
    campaign, agency, award, _other = setup
    results: list[str] = []
    barrier = threading.Barrier(4)

    def submit(index: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            services.nomination_create(
                campaign=campaign, agency=agency, data=person(award, name=f"Người Số {index}")
            )
            results.append("ok")
        except ValidationError as error:
            results.append(error.code or "error")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "ok", "quota", "quota"]
    assert Nomination.objects.filter(campaign=campaign).count() == 2


def test_duplicate_is_caught_however_typed(setup):
    campaign, agency, award, other = setup
    services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="Nguyễn Thị Hòa"))
    for spelling in ("NGUYỄN THỊ HOÀ", "nguyễn  thị hoà", "Nguye\u0302\u0303n Thị Hòa"):
        with pytest.raises(ValidationError) as error:
            services.nomination_create(
                campaign=campaign, agency=agency, data=person(award, name=spelling, unit=" sở tư  pháp")
            )
        assert error.value.code == "duplicate"
        assert (
            "đã được đề nghị Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh trong đợt này"
            in error.value.messages[0]
        )
    # Same person, another award type or another unit: not a duplicate.
    services.nomination_create(campaign=campaign, agency=agency, data=person(other, name="Nguyễn Thị Hòa"))
    assert text.name_key("Thuỷ") == text.name_key("Thủy")


def test_duplicate_across_agencies(setup):
    campaign, agency, award, _other = setup
    other_agency = AgencyFactory(name="Sở Tài chính")
    CampaignAgencyFactory(campaign=campaign, agency=other_agency)
    services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    with pytest.raises(ValidationError) as error:
        services.nomination_create(campaign=campaign, agency=other_agency, data=person(award))
    assert "đề nghị của Sở Tư pháp" in error.value.messages[0]


def test_edit_into_a_duplicate_is_caught(setup):
    campaign, agency, award, _other = setup
    services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="A Một"))
    second = services.nomination_create(campaign=campaign, agency=agency, data=person(award, name="B Hai"))
    with pytest.raises(ValidationError) as error:
        services.nomination_update(nomination=second, agency=agency, data=person(award, name="a  một"))
    assert error.value.code == "duplicate"


def test_reviewed_nomination_is_locked_for_the_agency(setup):
    campaign, agency, award, _other = setup
    nomination = services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    services.nomination_review(nomination=nomination, action=services.ReviewAction.ACCEPT)
    with pytest.raises(ValidationError) as error:
        services.nomination_update(nomination=nomination, agency=agency, data=person(award, name="Khác"))
    assert error.value.code == "reviewed"


def test_review_reject_needs_a_reason_and_move_changes_type(setup):
    campaign, agency, award, other = setup
    nomination = services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    with pytest.raises(ValidationError):
        services.nomination_review(nomination=nomination, action=services.ReviewAction.REJECT, reason=" ")
    moved = services.nomination_review(
        nomination=nomination,
        action=services.ReviewAction.MOVE,
        award_type=other,
        council_note="Hội đồng thống nhất.",
    )
    assert (moved.status, moved.award_type, moved.proposed_award_type) == (
        NominationStatus.ACCEPTED,
        other,
        award,
    )
    assert moved.moved and moved.council_note == "Hội đồng thống nhất."
    rejected = services.nomination_review(
        nomination=moved, action=services.ReviewAction.REJECT, reason="Trùng."
    )
    assert (rejected.status, rejected.reject_reason) == (NominationStatus.REJECTED, "Trùng.")


def test_move_into_an_existing_award_is_a_duplicate(setup):
    campaign, agency, award, other = setup
    services.nomination_create(campaign=campaign, agency=agency, data=person(other))
    nomination = services.nomination_create(campaign=campaign, agency=agency, data=person(award))
    with pytest.raises(ValidationError) as error:
        services.nomination_review(nomination=nomination, action=services.ReviewAction.MOVE, award_type=other)
    assert error.value.code == "duplicate"


def test_awardee_with_two_awards_is_counted_once_as_awardee(setup):
    campaign, agency, award, other = setup
    for award_type in (award, other):
        nomination = services.nomination_create(campaign=campaign, agency=agency, data=person(award_type))
        services.nomination_review(nomination=nomination, action=services.ReviewAction.ACCEPT)
    award_list = selectors.award_list(campaign)
    assert (award_list.awards, award_list.individuals, award_list.awardees) == (2, 1, 1)
    assert [group.count_text for group in award_list.groups] == ["01 cá nhân", "01 cá nhân"]


def test_amount_totals(setup):
    campaign, agency, award, other = setup
    award.amount_collective, award.amount_individual = 2_340_000, 1_170_000
    award.save()
    other.amount_collective, other.amount_individual = None, 351_000
    other.save()
    invitation = agency.award_invitations.get()
    invitation.quota = None
    invitation.save()
    rows = [
        person(award, name="A Một"),
        person(award, name="B Hai"),
        {**person(award, name="Phòng Hành chính"), "kind": NomineeKind.COLLECTIVE, "position": ""},
        person(other, name="A Một"),
        {**person(other, name="Phòng Tổ chức"), "kind": NomineeKind.COLLECTIVE, "position": ""},
    ]
    for row in rows:
        nomination = services.nomination_create(campaign=campaign, agency=agency, data=row)
        services.nomination_review(nomination=nomination, action=services.ReviewAction.ACCEPT)
    award_list = selectors.award_list(campaign)
    assert [group.amount for group in award_list.groups] == [2_340_000 + 2 * 1_170_000, 351_000]
    assert award_list.amount == 5_031_000
    assert (award_list.collectives, award_list.individuals, award_list.awards) == (2, 2, 5)
    assert text.money(award_list.amount) == "5.031.000"
    assert text.amount_in_words(award_list.amount) == "Năm triệu không trăm ba mươi mốt nghìn đồng"


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("to-trinh.pdf", b"%PDF-1.7\n...", True),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", True),
        ("giay.docx", b"PK\x03\x04....", True),
        ("virus.exe", b"MZ....", False),
        ("gia-mao.pdf", b"<html><script>", False),
        ("khong-duoi", b"%PDF-1.7", False),
    ],
)
def test_attachments_are_type_checked(setup, name, content, ok):
    campaign, agency, award, _other = setup
    upload = SimpleUploadedFile(name, content)
    if ok:
        nomination = services.nomination_create(
            campaign=campaign, agency=agency, data=person(award), attachments=[upload]
        )
        attachment = nomination.attachments.get()
        assert attachment.original_name == name
        assert not attachment.file.name.endswith(name)  # stored under a random name
    else:
        with pytest.raises(ValidationError):
            services.nomination_create(
                campaign=campaign, agency=agency, data=person(award), attachments=[upload]
            )
        assert not Nomination.objects.exists()


def test_attachment_size_limit(setup, settings):
    campaign, agency, award, _other = setup
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * services.MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as error:
        services.nomination_create(campaign=campaign, agency=agency, data=person(award), attachments=[big])
    assert error.value.code == "attachment_size"


def test_campaign_save_checks_event_and_slot_belong_together(setup):
    campaign, _agency, award, _other = setup
    from tests.factories import EventFactory, ProgrammeSlotFactory

    foreign_event = EventFactory()
    with pytest.raises(ValidationError):
        services.campaign_save(
            campaign=campaign,
            plan=campaign.plan,
            event=foreign_event,
            title="X",
            achievement="Y",
            deadline=timezone.now(),
            award_types=[award],
        )
    slot = ProgrammeSlotFactory(event=foreign_event)
    with pytest.raises(ValidationError):
        services.campaign_save(
            campaign=campaign,
            plan=campaign.plan,
            event=campaign.event,
            announce_slot=slot,
            title="X",
            achievement="Y",
            deadline=timezone.now(),
            award_types=[award],
        )


def test_decision_create_takes_the_provincial_award_types(setup):
    campaign, _agency, award, other = setup
    award.conferred_by = "Chủ tịch Ủy ban nhân dân tỉnh"
    award.save()
    other.conferred_by = "Giám đốc Sở Nội vụ"
    other.save()
    decision = services.decision_create(campaign=campaign)
    assert list(decision.award_types.all()) == [award]
    assert decision.proposal == "Xét đề nghị của Giám đốc Sở Nội vụ."
    assert decision.authority_line == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
