import pytest
from django.test import Client

from documents import workflow
from plans.permissions import Role
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    ProvincialCommitteeFactory,
    SectionFactory,
    TaskFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Issued files go to a folder of the test's own; users are made fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    """One user per role, with e-mail addresses."""
    agency = AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="STTTT")
    return {
        "staff": UserFactory(username="chuyenvien", role=Role.STAFF, first_name="Lan", last_name="Trần Thị"),
        "leader": UserFactory(username="lanhdao", role=Role.LEADER, first_name="Minh", last_name="Lê Văn"),
        "clerk": UserFactory(username="vanthu", role=Role.CLERK, first_name="Hoa", last_name="Phạm Thị"),
        "agency": UserFactory(username="daidien", role=Role.AGENCY, agency=agency),
    }


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def plan(people):
    """A draft plan of UBND tỉnh with two sections and three tasks, written by the staff member."""
    plan = PlanFactory(
        issuing_agency=ProvincialCommitteeFactory(),
        created_by=people["staff"],
        year=2024,
        title="Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2024",
        closing="Trên đây là Kế hoạch tổ chức Hội nghị.",
    )
    SectionFactory(plan=plan, position=0, heading="MỤC ĐÍCH, YÊU CẦU", body="- Đánh giá kết quả năm 2024.")
    SectionFactory(plan=plan, position=1, heading="NỘI DUNG", body="- Báo cáo tổng kết.", block="plan.tasks")
    TaskFactory(plan=plan, position=0, description="Xây dựng báo cáo tổng kết", time_frame="Tháng 4/2024")
    TaskFactory(plan=plan, position=1, description="Tổ chức Hội nghị", time_frame="Quý II/2024")
    TaskFactory(plan=plan, position=2, description="Khen thưởng tập thể, cá nhân", time_frame="Tháng 6/2024")
    return plan


@pytest.fixture
def approve(people):
    """approve(plan) -> the plan submitted by the staff member and approved by the leader."""

    def run(plan):
        plan = workflow.transition(document=plan, user=people["staff"], action="submit")
        return workflow.transition(document=plan, user=people["leader"], action="approve")

    return run


@pytest.fixture
def issued_plan(people, plan, approve):
    plan = approve(plan)
    entry = workflow.issue(document=plan, user=people["clerk"])
    plan.refresh_from_db()
    return plan, entry
