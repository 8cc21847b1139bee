"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User

from plans import models
from plans.permissions import ROLE_GROUPS, Role


class AgencyKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgencyKind
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Loại cơ quan {n}")
    code = factory.Sequence(lambda n: f"kind-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"ST{n}")
    kind = factory.SubFactory(AgencyKindFactory)
    province = "Khánh Hòa"
    place = "Khánh Hòa"


class ProvincialCommitteeFactory(AgencyFactory):
    """UBND tỉnh: no parent line, two bold header lines."""

    name = "Ủy ban nhân dân tỉnh Khánh Hòa"
    short_name = "UBND"
    header_name = "ỦY BAN NHÂN DÂN|TỈNH KHÁNH HÒA"
    header_short = "UBND TỈNH KHÁNH HÒA"
    kind = factory.SubFactory(AgencyKindFactory, code="ubnd-tinh", name="UBND tỉnh")

    class Meta:
        model = models.Agency
        django_get_or_create = ("name", "province")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("mat-khau-thu-nghiem")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role=Role.STAFF) puts the user in that role's group;
        UserFactory(role=Role.AGENCY, agency=a) binds the agency too."""
        if not create or not extracted:
            return
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[Role(extracted)])
        self.groups.add(group)

    @factory.post_generation
    def agency(self, create, extracted, **kwargs):
        if not create:
            return
        models.Profile.objects.update_or_create(user=self, defaults={"agency": extracted})


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    issuing_agency = factory.SubFactory(ProvincialCommitteeFactory)
    year = 2024
    title = factory.Sequence(lambda n: f"Tổ chức Hội nghị thử nghiệm số {n}")
    signer_title = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name = "Nguyễn Văn An"
    recipients = "Các sở, ban, ngành;\nUBND các huyện, thị xã, thành phố"
    archive = "VT, SNV"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Section

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    heading = "MỤC ĐÍCH, YÊU CẦU"
    body = "- Nội dung thứ nhất.\n- Nội dung thứ hai."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Task

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm {n}")
    time_frame = "Tháng 4/2024"
    lead = "Sở Nội vụ"
    cooperating = "Các cơ quan, đơn vị liên quan"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Objective

    plan = factory.SubFactory(PlanFactory)
    kind = models.Objective.Kind.PURPOSE
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Mục đích thử nghiệm {n}.")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Assignment

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    agency_text = "Sở Nội vụ"
    duties = "- Chủ trì, phối hợp các cơ quan liên quan.\n- Theo dõi, đôn đốc thực hiện."


class AppendixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Appendix

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    title = "DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ"
    body = "Đón tiếp đại biểu."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Decision

    issuing_agency = factory.SubFactory(ProvincialCommitteeFactory)
    title = "Ban hành Kế hoạch tổng kết công tác cải cách hành chính năm 2020"
    authority_line = "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    legal_bases = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    proposal = "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 823/TTr-SNV ngày 14 tháng 4 năm 2020."
    signer_title = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name = "Nguyễn Tấn Tuân"


class DecisionArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DecisionArticle

    decision = factory.SubFactory(DecisionFactory)
    position = factory.Sequence(lambda n: n)
    body = "Quyết định này có hiệu lực kể từ ngày ký."


# --- conferences and agenda ----------------------------------------------------------


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.Venue"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Hội trường thử nghiệm {n}")
    address = "Số 01 Trần Phú, thành phố Nha Trang"
    capacity = 200


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.Event"

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    kind = "conference"
    name = factory.Sequence(lambda n: f"Hội nghị thử nghiệm {n}")
    date_text = "dự kiến ngày 25/02/2024 (01 ngày)"
    chair = "Lãnh đạo UBND tỉnh"


class ParticipantGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.ParticipantGroup"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    kind = "invited"
    heading = "Đại biểu mời:"


class ParticipantEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.ParticipantEntry"

    group = factory.SubFactory(ParticipantGroupFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Lãnh đạo cơ quan thử nghiệm {n};")


class OnlineSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.OnlineSite"

    event = factory.SubFactory(EventFactory, kind="online")
    position = factory.Sequence(lambda n: n)
    level = "district"
    name = factory.Sequence(lambda n: f"UBND huyện thử nghiệm {n}")
    room = "Phòng họp trực tuyến"
    expected_count = 20


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.Delegation"

    event = factory.SubFactory(EventFactory, kind="study_tour")
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Đoàn công tác số {n}")
    head = "Lãnh đạo Sở Nội vụ"
    member_quota = 15


class DestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.Destination"

    delegation = factory.SubFactory(DelegationFactory)
    position = factory.Sequence(lambda n: n)
    place = factory.Sequence(lambda n: f"Tỉnh thử nghiệm {n}")


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.FundingSource"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    text = "Kinh phí cải cách hành chính tỉnh năm 2024."


class BudgetItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.BudgetItem"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"Mục chi thử nghiệm {n}")
    unit = "bộ"
    quantity = 1
    unit_price = 100_000


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agenda.Programme"
        django_get_or_create = ("event",)

    event = factory.SubFactory(EventFactory)
    layout = "timed"
    title = "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ"


class ProgrammeSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agenda.ProgrammeSlot"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    kind = "report"
    content = factory.Sequence(lambda n: f"Nội dung thử nghiệm {n}")
    performers = "Sở Nội vụ"
