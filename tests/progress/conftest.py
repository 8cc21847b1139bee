import datetime
from dataclasses import dataclass

import pytest

from documents.models import DocumentStatus
from plans.models import Agency, Plan, Task
from progress import services
from progress.models import Conclusion, ConclusionTask
from tests.factories import AgencyFactory, EventFactory, PlanFactory, TaskFactory

# Every test reads states on this day (due dates below are set against it).
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KEHOACH_PROGRESS_DUE_SOON_DAYS = 14


@dataclass
class Setup:
    plan: Plan
    justice: Agency
    finance: Agency
    home: Agency
    due_soon: Task  # justice leads; due 30/11/2026
    overdue: Task  # finance leads; due 31/10/2026
    ongoing: Task  # justice leads, finance cooperates; "Thường xuyên"
    unassigned: Task  # no lead agency; due 31/12/2026
    conclusion: Conclusion
    item: ConclusionTask  # justice leads; due 15/01/2027


@pytest.fixture
def setup(db) -> Setup:
    justice = AgencyFactory(name="Sở Tư pháp", short_name="STP", email="stp@example.org")
    finance = AgencyFactory(name="Sở Tài chính", short_name="STC", email="stc@example.org")
    home = AgencyFactory(name="Sở Nội vụ", short_name="SNV", email="snv@example.org")
    plan = PlanFactory(
        year=2026,
        title="Triển khai nhiệm vụ cải cách hành chính năm 2026",
        status=DocumentStatus.ISSUED,
        number=125,
        issued_on=datetime.date(2026, 2, 10),
    )

    def task(description, time_frame, leads=(), cooperators=(), due=None):
        row = TaskFactory(plan=plan, description=description, time_frame=time_frame, due_date=due)
        row.lead_agencies.set(leads)
        row.cooperating_agencies.set(cooperators)
        return row

    due_soon = task(
        "Rà soát văn bản quy phạm pháp luật",
        "Trước ngày 01/12/2026",
        [justice],
        due=datetime.date(2026, 11, 30),
    )
    overdue = task(
        "Bố trí kinh phí cải cách hành chính", "Tháng 10/2026", [finance], due=datetime.date(2026, 10, 31)
    )
    ongoing = task("Tuyên truyền cải cách hành chính", "Thường xuyên", [justice], [finance])
    unassigned = task("Tổng hợp kết quả", "Quý IV/2026", due=datetime.date(2026, 12, 31))
    event = EventFactory(plan=plan, name="Hội nghị sơ kết cải cách hành chính")
    conclusion = services.conclusion_save(
        conclusion=None,
        event=event,
        data={
            "issuing_agency": plan.issuing_agency,
            "symbol": "215/TB-UBND",
            "issued_on": datetime.date(2026, 10, 5),
            "title": "Kết luận của Phó Chủ tịch UBND tỉnh tại Hội nghị sơ kết",
        },
    )
    item = services.conclusion_task_save(
        conclusion=conclusion,
        item=None,
        description="Công bố thủ tục hành chính mới",
        time_frame="Trước ngày 16/01/2027",
        leads=[justice],
        cooperators=[home],
    )
    return Setup(plan, justice, finance, home, due_soon, overdue, ongoing, unassigned, conclusion, item)
