"""Factories of the awards app's tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from awards import models, text
from tests.factories import AgencyFactory, EventFactory, PlanFactory, ProvincialCommitteeFactory


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AwardType
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Bằng khen thử nghiệm {n}")
    kind = models.AwardKind.CERTIFICATE
    conferred_by = "Chủ tịch Ủy ban nhân dân tỉnh"
    amount_collective = 2_340_000
    amount_individual = 1_170_000
    position = factory.Sequence(lambda n: n)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Campaign
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    event = factory.LazyAttribute(lambda o: EventFactory(plan=o.plan))
    title = "Khen thưởng thành tích cải cách hành chính năm 2019"
    achievement = "công tác cải cách hành chính năm 2019"
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def award_types(self, create, extracted, **kwargs):
        if not create:
            return
        self.award_types.set(extracted if extracted is not None else [AwardTypeFactory()])


class CampaignAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CampaignAgency

    campaign = factory.SubFactory(CampaignFactory)
    agency = factory.SubFactory(AgencyFactory)
    quota = None


class NominationFactory(factory.django.DjangoModelFactory):
    """A nomination written straight to the table (bypasses the rules): for
    setting up review, decision and list tests."""

    class Meta:
        model = models.Nomination

    campaign = factory.SubFactory(CampaignFactory)
    agency = factory.SubFactory(AgencyFactory)
    kind = models.NomineeKind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    position = "Chuyên viên"
    unit = factory.LazyAttribute(lambda o: o.agency.name)
    award_type = factory.LazyAttribute(lambda o: o.campaign.award_types.first())
    proposed_award_type = factory.LazyAttribute(lambda o: o.award_type)
    achievements = "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính."
    name_key = factory.LazyAttribute(lambda o: text.name_key(o.name))
    unit_key = factory.LazyAttribute(lambda o: text.name_key(o.unit))
    status = models.NominationStatus.SUBMITTED


class AwardDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AwardDecision
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    issuing_agency = factory.SubFactory(ProvincialCommitteeFactory)
    title = (
        "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
        "công tác cải cách hành chính năm 2019"
    )
    authority_line = "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    legal_bases = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n"
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    )
    proposal = "Xét đề nghị của Giám đốc Sở Nội vụ,"
    execution = (
        "Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    signer_title = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name = "Nguyễn Tấn Tuân"
    recipients = "Như Điều 3;\nSở Tài chính"
    archive = "VT, SNV"

    @factory.post_generation
    def award_types(self, create, extracted, **kwargs):
        if not create:
            return
        self.award_types.set(extracted if extracted is not None else self.campaign.award_types.all())
