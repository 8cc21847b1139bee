import pytest

from awards.models import AwardKind, NominationStatus, NomineeKind
from tests.factories import AgencyFactory

from .factories import (
    AwardDecisionFactory,
    AwardTypeFactory,
    CampaignAgencyFactory,
    CampaignFactory,
    NominationFactory,
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def award_setup(db):
    """A campaign with two award types, two agencies and a reviewed list:
    the Chairman's Bằng khen to 3 collectives and 4 individuals (one rejected
    nomination besides), and the title to 1 collective that also has a Bằng khen."""
    chairman = AwardTypeFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        position=1,
        amount_collective=2_340_000,
        amount_individual=1_170_000,
    )
    title = AwardTypeFactory(
        name="Tập thể lao động xuất sắc",
        kind=AwardKind.TITLE,
        position=2,
        for_individuals=False,
        amount_collective=3_510_000,
        amount_individual=None,
    )
    campaign = CampaignFactory(award_types=[chairman, title])
    justice = AgencyFactory(name="Sở Tư pháp")
    district = AgencyFactory(name="Ủy ban nhân dân huyện Cam Lâm")
    CampaignAgencyFactory(campaign=campaign, agency=justice, quota=5)
    CampaignAgencyFactory(campaign=campaign, agency=district)
    accepted = NominationStatus.ACCEPTED

    def nominate(agency, kind, name, award_type=chairman, status=accepted, **kwargs):
        return NominationFactory(
            campaign=campaign,
            agency=agency,
            kind=kind,
            name=name,
            award_type=award_type,
            status=status,
            **kwargs,
        )

    c, i = NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL
    nominate(justice, c, "Phòng Hành chính tư pháp", unit="Sở Tư pháp", position="")
    nominate(district, c, "Phòng Nội vụ", unit="UBND huyện Cam Lâm", position="")
    nominate(district, c, "Ủy ban nhân dân xã Cam Hải Đông", unit="UBND huyện Cam Lâm", position="")
    nominate(district, c, "Phòng Nội vụ", unit="UBND huyện Cam Lâm", position="", award_type=title)
    nominate(justice, i, "Trần Thị Ánh", position="Chuyên viên", unit="Sở Tư pháp")
    nominate(justice, i, "Nguyễn Văn An", position="Trưởng phòng", unit="Sở Tư pháp")
    nominate(district, i, "Đặng Văn Ba", position="Phó Chủ tịch", unit="UBND xã Cam Hải Tây")
    nominate(district, i, "Lê Thị Ăn", position="Công chức Văn phòng - Thống kê", unit="UBND xã Cam Đức")
    nominate(
        district,
        i,
        "Phạm Văn Bình",
        position="Chuyên viên",
        unit="UBND huyện Cam Lâm",
        status=NominationStatus.REJECTED,
        reject_reason="Chưa đủ tiêu chuẩn.",
    )
    decision = AwardDecisionFactory(campaign=campaign, award_types=[chairman, title])
    return {
        "campaign": campaign,
        "chairman": chairman,
        "title": title,
        "justice": justice,
        "district": district,
        "decision": decision,
    }
