"""plans.services: every write to a plan and its parts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents.models import DocumentStatus
from plans import services
from plans.models import Assignment, Decision, DecisionArticle, Plan, Section, Task, TaskStatus
from plans.permissions import Role
from tests.factories import (
    AgencyFactory,
    AppendixFactory,
    AssignmentFactory,
    DecisionArticleFactory,
    DecisionFactory,
    ObjectiveFactory,
    PlanFactory,
    ProvincialCommitteeFactory,
    SectionFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def tree(model, plan):
    """[(text, parent text or None, position)] in reading order."""
    rows = []

    def walk(parent, depth):
        for obj in model.objects.filter(plan=plan, parent=parent).order_by("position", "id"):
            rows.append(("  " * depth) + (getattr(obj, "heading", None) or obj.description))
            walk(obj, depth + 1)

    walk(None, 0)
    return rows


# --------------------------------------------------------------------------- year shift


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("năm 2019", 1, "năm 2020"),
        ("Tháng 4/2020", 1, "Tháng 4/2021"),
        ("25/02/2020", 1, "25/02/2021"),
        ("Trước ngày 01/6/2020", 1, "Trước ngày 01/6/2021"),
        ("Quý III/2024", 1, "Quý III/2025"),
        ("giai đoạn 2011 - 2020", 1, "giai đoạn 2012 - 2021"),
        ("ngày 10 tháng 5 năm 2023", 1, "ngày 10 tháng 5 năm 2024"),
        # 29/02 of a leap year exists in no ordinary year
        ("29/02/2020", 1, "28/02/2021"),
        ("ngày 29 tháng 02 năm 2020", 1, "ngày 28 tháng 02 năm 2021"),
        ("29/02/2020", 4, "29/02/2024"),
        ("28/02/2021", -1, "28/02/2020"),
        # not years: outside 1990–2100, part of a longer number, a document number, a version
        ("150 người; 1989; 2101; 20201", 1, "150 người; 1989; 2101; 20201"),
        ("Số 4417/KH-UBND", 1, "Số 4417/KH-UBND"),
        ("Quyết định số 2020/QĐ-UBND", 1, "Quyết định số 2020/QĐ-UBND"),
        ("TCVN ISO 9001:2008", 1, "TCVN ISO 9001:2008"),
        ("Thường xuyên", 1, "Thường xuyên"),
        ("năm 2020", 0, "năm 2020"),
        ("năm 2020", -1, "năm 2019"),
    ],
)
def test_shift_years(text, years, expected):
    assert services.shift_years(text, years) == expected


def test_plan_copy_deep_copies_and_shifts_years():
    user = UserFactory(role=Role.STAFF)
    so_noi_vu = AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    source = PlanFactory(
        year=2019,
        title="Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019",
        opening="Thực hiện Kế hoạch số 10/KH-UBND ngày 25/02/2019 của UBND tỉnh;",
        closing="Trên đây là Kế hoạch tổ chức Hội nghị năm 2019.",
        status=DocumentStatus.ISSUED,
        number=4417,
        issued_on=datetime.date(2019, 3, 1),
    )
    top = SectionFactory(plan=source, heading="THỜI GIAN VÀ ĐỊA ĐIỂM", body="- Dự kiến ngày 25/02/2020.")
    SectionFactory(plan=source, parent=top, heading="Thời gian", body="Ngày 29/02/2020", position=0)
    ObjectiveFactory(plan=source, text="Tổng kết công tác năm 2019.")
    parent_task = TaskFactory(plan=source, description="Chuẩn bị năm 2019", time_frame="Tháng 4/2020")
    child = TaskFactory(
        plan=source,
        parent=parent_task,
        description="Báo cáo",
        time_frame="Trước ngày 01/6/2020",
        status=TaskStatus.DONE,
        progress_note="Đã xong",
    )
    child.lead_agencies.add(so_noi_vu)
    AssignmentFactory(plan=source, agency_text="Sở Nội vụ", agency=so_noi_vu, duties="Báo cáo năm 2019.")
    AppendixFactory(plan=source, title="CHƯƠNG TRÌNH HỘI NGHỊ NĂM 2019", body="Ngày 25/02/2020")
    decision = DecisionFactory(number=908, status=DocumentStatus.ISSUED, issued_on=datetime.date(2020, 4, 22))
    DecisionArticleFactory(decision=decision, body="Kế hoạch năm 2020.")
    source.decision = decision
    source.save()

    copy = services.plan_copy(plan=source, years=1, user=user)

    copy = Plan.objects.get(pk=copy.pk)
    assert copy.pk != source.pk
    assert copy.copied_from == source
    assert copy.created_by == user
    assert copy.status == DocumentStatus.DRAFT
    assert (copy.number, copy.issued_on) == (None, None)
    assert copy.year == 2020
    assert copy.title == "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2020"
    assert copy.opening == "Thực hiện Kế hoạch số 10/KH-UBND ngày 25/02/2020 của UBND tỉnh;"
    assert copy.closing == "Trên đây là Kế hoạch tổ chức Hội nghị năm 2020."
    assert tree(Section, copy) == ["THỜI GIAN VÀ ĐỊA ĐIỂM", "  Thời gian"]
    assert list(copy.sections.values_list("body", flat=True).order_by("id")) == [
        "- Dự kiến ngày 25/02/2021.",
        "Ngày 28/02/2021",
    ]
    assert list(copy.objectives.values_list("text", flat=True)) == ["Tổng kết công tác năm 2020."]
    assert tree(Task, copy) == ["Chuẩn bị năm 2020", "  Báo cáo"]
    new_child = copy.tasks.get(parent__isnull=False)
    assert new_child.time_frame == "Trước ngày 01/6/2021"
    assert new_child.due_date == datetime.date(2021, 5, 31)
    assert (new_child.status, new_child.progress_note) == (TaskStatus.NOT_STARTED, "")
    assert list(new_child.lead_agencies.all()) == [so_noi_vu]
    assert copy.tasks.get(parent__isnull=True).time_frame == "Tháng 4/2021"
    assignment = copy.assignments.get()
    assert (assignment.agency, assignment.duties) == (so_noi_vu, "Báo cáo năm 2020.")
    appendix = copy.appendices.get()
    assert (appendix.title, appendix.body) == ("CHƯƠNG TRÌNH HỘI NGHỊ NĂM 2020", "Ngày 25/02/2021")
    assert copy.decision is not None and copy.decision.pk != decision.pk
    assert (copy.decision.number, copy.decision.issued_on, copy.decision.status) == (
        None,
        None,
        DocumentStatus.DRAFT,
    )
    assert copy.decision.legal_bases == decision.legal_bases.replace("năm 2015", "năm 2016")
    assert list(copy.decision.articles.values_list("body", flat=True)) == ["Kế hoạch năm 2021."]
    # the source is untouched
    source.refresh_from_db()
    assert (source.title, source.number, source.decision_id) == (
        "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019",
        4417,
        decision.pk,
    )
    assert Section.objects.filter(plan=source).count() == 2
    assert DecisionArticle.objects.filter(decision=decision).count() == 1


# --------------------------------------------------------------------------- sections: move, indent


def test_section_move_up_down():
    plan = PlanFactory()
    a, _b, c = (services.section_create(plan=plan, data={"heading": h}) for h in "ABC")
    services.section_move(section=c, direction="up")
    assert tree(Section, plan) == ["A", "C", "B"]
    services.section_move(section=a, direction="down")
    assert tree(Section, plan) == ["C", "A", "B"]
    # at the edge nothing happens
    services.section_move(section=Section.objects.get(pk=c.pk), direction="up")
    assert tree(Section, plan) == ["C", "A", "B"]
    assert list(
        Section.objects.filter(plan=plan).order_by("position").values_list("position", flat=True)
    ) == [
        0,
        1,
        2,
    ]


def test_section_indent_and_outdent():
    plan = PlanFactory()
    a, b, c, d = (services.section_create(plan=plan, data={"heading": h}) for h in "ABCD")
    services.section_move(section=b, direction="indent")
    services.section_move(section=Section.objects.get(pk=c.pk), direction="indent")
    assert tree(Section, plan) == ["A", "  B", "  C", "D"]
    services.section_move(section=Section.objects.get(pk=c.pk), direction="indent")
    assert tree(Section, plan) == ["A", "  B", "    C", "D"]
    services.section_move(section=Section.objects.get(pk=d.pk), direction="indent")
    assert tree(Section, plan) == ["A", "  B", "    C", "  D"]
    services.section_move(section=Section.objects.get(pk=d.pk), direction="indent")
    assert tree(Section, plan) == ["A", "  B", "    C", "    D"]
    # three levels at most: mục, khoản, điểm
    with pytest.raises(ValidationError) as excinfo:
        services.section_move(section=Section.objects.get(pk=d.pk), direction="indent")
    assert excinfo.value.code == "too_deep"
    assert tree(Section, plan) == ["A", "  B", "    C", "    D"]
    # outdent puts the section right after its former parent
    services.section_move(section=Section.objects.get(pk=c.pk), direction="outdent")
    assert tree(Section, plan) == ["A", "  B", "    D", "  C"]
    services.section_move(section=Section.objects.get(pk=b.pk), direction="outdent")
    assert tree(Section, plan) == ["A", "  C", "B", "  D"]
    with pytest.raises(ValidationError) as excinfo:
        services.section_move(section=Section.objects.get(pk=a.pk), direction="outdent")
    assert excinfo.value.code == "top_level"
    with pytest.raises(ValidationError) as excinfo:
        services.section_move(section=Section.objects.get(pk=a.pk), direction="indent")
    assert excinfo.value.code == "no_previous"


def test_section_delete_removes_children_and_renumbers():
    plan = PlanFactory()
    _a, b, c = (services.section_create(plan=plan, data={"heading": h}) for h in "ABC")
    services.section_create(plan=plan, parent=b, data={"heading": "B1"})
    services.section_delete(section=b)
    assert tree(Section, plan) == ["A", "C"]
    assert Section.objects.get(pk=c.pk).position == 1


# --------------------------------------------------------------------------- tasks


def test_task_create_sets_due_date_and_agencies():
    plan = PlanFactory(year=2020)
    so_noi_vu = AgencyFactory(name="Sở Nội vụ", short_name="SNV")
    so_tu_phap = AgencyFactory(name="Sở Tư pháp", short_name="STP")
    task = services.task_create(
        plan=plan,
        data={
            "description": "Báo cáo",
            "time_frame": "25/02/2020",
            "lead": "Sở Nội vụ",
            "cooperating": "- Sở Tư pháp;\n- Các cơ quan, đơn vị liên quan",
        },
    )
    assert task.due_date == datetime.date(2020, 2, 25)
    assert list(task.lead_agencies.all()) == [so_noi_vu]
    assert list(task.cooperating_agencies.all()) == [so_tu_phap]
    # the printed text stays as typed
    assert task.cooperating == "- Sở Tư pháp;\n- Các cơ quan, đơn vị liên quan"

    services.task_update(task=task, data={"time_frame": "Thường xuyên", "lead": "Văn phòng UBND tỉnh"})
    task.refresh_from_db()
    assert task.due_date is None
    assert list(task.lead_agencies.all()) == []

    services.task_update(task=task, data={"time_frame": "Trước ngày 01/6/2020"})
    task.refresh_from_db()
    assert task.due_date == datetime.date(2020, 5, 31)


def test_plan_year_change_recomputes_due_dates_of_yearless_time_frames():
    plan = PlanFactory(year=2020)
    task = services.task_create(plan=plan, data={"description": "Báo cáo", "time_frame": "Tháng 4"})
    dated = services.task_create(plan=plan, data={"description": "Họp", "time_frame": "25/02/2020"})
    assert task.due_date == datetime.date(2020, 4, 30)
    services.plan_update(plan=plan, data={"year": 2021})
    task.refresh_from_db()
    dated.refresh_from_db()
    assert (task.due_date, dated.due_date) == (datetime.date(2021, 4, 30), datetime.date(2020, 2, 25))


def test_task_nesting_move_indent_outdent():
    plan = PlanFactory()
    one = services.task_create(plan=plan, data={"description": "1"})
    two = services.task_create(plan=plan, data={"description": "2"})
    three = services.task_create(plan=plan, data={"description": "3"})
    child = services.task_create(plan=plan, parent=one, data={"description": "1.1"})
    services.task_indent(task=two)
    assert tree(Task, plan) == ["1", "  1.1", "  2", "3"]
    services.task_move(task=Task.objects.get(pk=two.pk), direction="up")
    assert tree(Task, plan) == ["1", "  2", "  1.1", "3"]
    services.task_outdent(task=Task.objects.get(pk=child.pk))
    assert tree(Task, plan) == ["1", "  2", "1.1", "3"]
    services.task_move(task=Task.objects.get(pk=three.pk), direction="up")
    assert tree(Task, plan) == ["1", "  2", "3", "1.1"]
    services.task_delete(task=Task.objects.get(pk=one.pk))
    assert tree(Task, plan) == ["3", "1.1"]


def test_task_parent_from_another_plan_is_refused():
    plan = PlanFactory()
    foreign = TaskFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.task_create(plan=plan, parent=foreign, data={"description": "x"})
    assert excinfo.value.code == "foreign_parent"


# --------------------------------------------------------------------------- other parts


def test_objective_assignment_appendix_lifecycle():
    plan = PlanFactory()
    first = services.objective_create(plan=plan, data={"kind": "purpose", "text": "Một"})
    second = services.objective_create(plan=plan, data={"kind": "purpose", "text": "Hai"})
    services.objective_move(objective=second, direction="up")
    assert list(plan.objectives.order_by("position").values_list("text", flat=True)) == ["Hai", "Một"]
    services.objective_update(objective=first, data={"kind": "requirement"})
    assert list(plan.objectives.filter(kind="requirement").values_list("text", flat=True)) == ["Một"]

    so_noi_vu = AgencyFactory(name="Sở Nội vụ")
    assignment = services.assignment_create(
        plan=plan, data={"agency_text": "Sở Nội vụ", "duties": "- Chủ trì."}
    )
    assert assignment.agency == so_noi_vu
    services.assignment_update(assignment=assignment, data={"agency_text": "Các sở, ban, ngành"})
    assert Assignment.objects.get(pk=assignment.pk).agency is None

    a1 = services.appendix_create(plan=plan, data={"title": "PHỤ LỤC A"})
    services.appendix_create(plan=plan, data={"title": "PHỤ LỤC B"})
    services.appendix_move(appendix=a1, direction="down")
    assert list(plan.appendices.order_by("position").values_list("title", flat=True)) == [
        "PHỤ LỤC B",
        "PHỤ LỤC A",
    ]


def test_decision_attach_update_articles_detach():
    user = UserFactory(role=Role.STAFF)
    plan = PlanFactory(issuing_agency=ProvincialCommitteeFactory(), title="Tổng kết công tác năm 2020")
    decision = services.decision_attach(plan=plan, user=user)
    plan.refresh_from_db()
    assert plan.decision == decision
    assert decision.title == "Ban hành Kế hoạch tổng kết công tác năm 2020"
    assert decision.authority_line == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    assert list(decision.articles.values_list("body", flat=True)) == [
        "Ban hành kèm theo Quyết định này Kế hoạch tổng kết công tác năm 2020.",
        "Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    with pytest.raises(ValidationError):
        services.decision_attach(plan=plan, user=user)
    services.decision_update(plan=plan, data={"legal_bases": "Căn cứ Luật Tổ chức chính quyền địa phương;"})
    article = services.decision_article_create(plan=plan, data={"body": "Điều thi hành."})
    services.decision_article_move(article=article, direction="up")
    assert list(decision.articles.order_by("position").values_list("body", flat=True))[1:] == [
        "Điều thi hành.",
        "Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    services.decision_detach(plan=plan)
    plan.refresh_from_db()
    assert plan.decision is None
    assert not Decision.objects.filter(pk=decision.pk).exists()


# --------------------------------------------------------------------------- issued plans never change


def test_issued_plan_refuses_every_change():
    plan = PlanFactory(status=DocumentStatus.ISSUED, number=12)
    section = SectionFactory(plan=plan)
    task = TaskFactory(plan=plan)
    objective = ObjectiveFactory(plan=plan)
    assignment = AssignmentFactory(plan=plan)
    appendix = AppendixFactory(plan=plan)
    decision = DecisionFactory()
    article = DecisionArticleFactory(decision=decision)
    Plan.objects.filter(pk=plan.pk).update(decision=decision)
    plan.refresh_from_db()
    user = UserFactory(role=Role.STAFF)

    attempts = [
        lambda: services.plan_update(plan=plan, data={"title": "Khác"}),
        lambda: services.section_create(plan=plan, data={"heading": "Mới"}),
        lambda: services.section_update(section=section, data={"heading": "Khác"}),
        lambda: services.section_move(section=section, direction="down"),
        lambda: services.section_delete(section=section),
        lambda: services.objective_create(plan=plan, data={"text": "x"}),
        lambda: services.objective_update(objective=objective, data={"text": "x"}),
        lambda: services.objective_delete(objective=objective),
        lambda: services.task_create(plan=plan, data={"description": "x"}),
        lambda: services.task_update(task=task, data={"description": "x"}),
        lambda: services.task_move(task=task, direction="up"),
        lambda: services.task_indent(task=task),
        lambda: services.task_delete(task=task),
        lambda: services.assignment_create(plan=plan, data={"agency_text": "x"}),
        lambda: services.assignment_update(assignment=assignment, data={"duties": "x"}),
        lambda: services.assignment_delete(assignment=assignment),
        lambda: services.appendix_create(plan=plan, data={"title": "x"}),
        lambda: services.appendix_update(appendix=appendix, data={"title": "x"}),
        lambda: services.appendix_delete(appendix=appendix),
        lambda: services.decision_attach(plan=plan, user=user),
        lambda: services.decision_update(plan=plan, data={"title": "x"}),
        lambda: services.decision_detach(plan=plan),
        lambda: services.decision_article_create(plan=plan, data={"body": "x"}),
        lambda: services.decision_article_update(article=article, data={"body": "x"}),
        lambda: services.decision_article_delete(article=article),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert excinfo.value.code == "issued"
        assert excinfo.value.messages == [
            "Kế hoạch đã ban hành, không thể sửa đổi. Hãy sao chép thành kế hoạch mới."
        ]
    assert Section.objects.get(pk=section.pk).heading == section.heading
    assert Task.objects.filter(plan=plan).count() == 1
    # copying an issued plan is how it is corrected
    assert services.plan_copy(plan=plan, years=0, user=user).status == DocumentStatus.DRAFT


def test_plan_create_with_default_outline():
    user = UserFactory(role=Role.STAFF)
    agency = ProvincialCommitteeFactory()
    plan = services.plan_create(
        user=user, data={"issuing_agency": agency, "year": 2024, "title": "Kế hoạch thử"}, outline=True
    )
    assert list(plan.sections.order_by("position").values_list("heading", flat=True)) == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG",
        "THỜI GIAN, ĐỊA ĐIỂM",
        "KINH PHÍ",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert (plan.created_by, plan.status) == (user, DocumentStatus.DRAFT)


def test_update_saves_values_already_written_onto_the_instance():
    """A bound ModelForm writes the typed values onto its instance before the
    service runs; the service must still save them (and recompute what follows)."""
    plan = PlanFactory(year=2020)
    task = services.task_create(plan=plan, data={"description": "Cũ", "time_frame": "Tháng 4/2020"})
    task.description, task.time_frame = "Mới", "25/02/2020"
    services.task_update(task=task, data={"description": "Mới", "time_frame": "25/02/2020"})
    task = Task.objects.get(pk=task.pk)
    assert (task.description, task.due_date) == ("Mới", datetime.date(2020, 2, 25))

    plan.title = "Tên mới"
    services.plan_update(plan=plan, data={"title": "Tên mới"})
    assert Plan.objects.get(pk=plan.pk).title == "Tên mới"
