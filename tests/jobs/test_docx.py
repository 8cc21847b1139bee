"""The Word file of a plan carries the same content as its PDF (the office
route of ``bench/run.py`` writes it the same way)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from documents.docx import printable_docx
from plans.documents import plan_printable, plan_queryset
from tests.factories import PlanFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_a_plan_docx_has_header_title_sections_task_table_and_signature():
    plan = PlanFactory(title="Tổ chức Hội nghị tổng kết", recipients="Sở Nội vụ\nUBND các huyện")
    SectionFactory(plan=plan, position=0, heading="Mục đích, yêu cầu", body="Đánh giá kết quả thực hiện.")
    SectionFactory(plan=plan, position=1, heading="Nhiệm vụ", body="", block="plan.tasks")
    TaskFactory(plan=plan, description="Xây dựng báo cáo", time_frame="Tháng 5/2024", lead="Sở Nội vụ")
    TaskFactory(plan=plan, description="Tổ chức hội nghị", time_frame="Tháng 6/2024", lead="Văn phòng")
    printable = plan_printable(plan_queryset().get(pk=plan.pk))
    document = Document(io.BytesIO(printable_docx(printable, cached=False)))
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in texts
    assert "Tổ chức Hội nghị tổng kết" in texts
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "Đánh giá kết quả thực hiện." in texts
    header, tasks, signature = document.tables
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    assert [[c.text for c in row.cells] for row in tasks.rows[1:]] == [
        ["1", "Xây dựng báo cáo", "Tháng 5/2024", "Sở Nội vụ", "Các cơ quan, đơn vị liên quan"],
        ["2", "Tổ chức hội nghị", "Tháng 6/2024", "Văn phòng", "Các cơ quan, đơn vị liên quan"],
    ]
    assert "Nguyễn Văn An" in signature.rows[0].cells[1].text
    assert "- Sở Nội vụ;" in signature.rows[0].cells[0].text
