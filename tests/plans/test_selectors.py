"""plans.selectors: outline numbering and the list filters."""

import pytest

from plans import selectors, services
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_section_outline_numbers_like_the_printed_plan():
    plan = PlanFactory()
    one = services.section_create(plan=plan, data={"heading": "MỤC ĐÍCH, YÊU CẦU"})
    services.section_create(plan=plan, parent=one, data={"heading": "Mục đích"})
    purpose2 = services.section_create(plan=plan, parent=one, data={"heading": "Yêu cầu"})
    services.section_create(plan=plan, parent=purpose2, data={"heading": "Điểm một"})
    services.section_create(plan=plan, parent=purpose2, data={"heading": "Điểm hai"})
    services.section_create(plan=plan, data={"heading": "", "body": "Đoạn không số", "numbered": False})
    services.section_create(plan=plan, data={"heading": "TỔ CHỨC THỰC HIỆN"})
    outline = selectors.section_outline(selectors.plan_detail(plan.pk))
    assert [(node.number, node.depth, node.obj.heading or node.obj.body) for node in outline] == [
        ("I.", 1, "MỤC ĐÍCH, YÊU CẦU"),
        ("1.", 2, "Mục đích"),
        ("2.", 2, "Yêu cầu"),
        ("a)", 3, "Điểm một"),
        ("b)", 3, "Điểm hai"),
        ("", 1, "Đoạn không số"),
        ("II.", 1, "TỔ CHỨC THỰC HIỆN"),
    ]
    assert [(node.first, node.last) for node in outline][:3] == [(True, False), (True, False), (False, True)]


def test_task_rows_number_nested_and_unnumbered_rows():
    plan = PlanFactory()
    one = services.task_create(plan=plan, data={"description": "Một"})
    services.task_create(plan=plan, parent=one, data={"description": "Một một"})
    two = services.task_create(plan=plan, parent=one, data={"description": "Một hai"})
    services.task_create(plan=plan, parent=two, data={"description": "- gạch", "numbered": False})
    services.task_create(plan=plan, parent=two, data={"description": "Một hai một"})
    services.task_create(plan=plan, data={"description": "Hai"})
    rows = selectors.task_rows(selectors.plan_detail(plan.pk))
    assert [(row.number, row.obj.description) for row in rows] == [
        ("1", "Một"),
        ("1.1", "Một một"),
        ("1.2", "Một hai"),
        ("", "- gạch"),
        ("1.2.1", "Một hai một"),
        ("2", "Hai"),
    ]


@pytest.mark.parametrize(("number", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(number, expected):
    assert selectors.roman(number) == expected
