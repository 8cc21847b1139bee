"""What the printed task table says: every row, in order, as entered."""

import re
import unicodedata

import pdfplumber

from plans.documents import build_plan_context, plan_queryset
from tests.documents import builders
from tests.documents.nd30 import Nd30Pdf


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def table_rows(data: bytes) -> list[tuple[str, ...]]:
    """Rows of the 5-column task table on every page, repeated headers dropped."""
    import io

    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = tuple(_clean(cell) for cell in row)
                    if len(cells) != 5 or cells[0] == "STT" or not any(cells):
                        continue
                    if not re.fullmatch(r"(\d+(\.\d+)*)?", cells[0]):
                        continue  # text above the table picked up as a row
                    rows.append(cells)
    return rows


def expected_rows() -> list[tuple[str, ...]]:
    return [
        tuple(_clean(value.replace("\n", " ")) for value in row) for row in builders.flat_seed_003_tasks()
    ]


def test_every_task_row_prints_in_order_with_time_and_agencies(render_plan):
    decision = builders.seed_003_decision()
    # One description typed in decomposed form (NFD), as some keyboards do.
    task = decision.plan.tasks.get(description__startswith="Tham mưu UBND tỉnh ban hành")
    task.description = unicodedata.normalize("NFD", task.description)
    task.save()

    doc, data = render_plan(decision.plan)
    rows = table_rows(data)

    assert rows == expected_rows()
    assert [row[0] for row in rows][:6] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert rows[6][0] == "2.3" and [row[0] for row in rows[7:12]] == [""] * 5
    assert rows[7][1].startswith("- Tổng kết công tác chỉ đạo")
    assert rows[-1] == (
        "9",
        "Xây dựng, trình UBND tỉnh ban hành Chương trình CCHC tỉnh Khánh Hòa giai đoạn 2021 - 2030",
        "Theo hướng dẫn của Trung ương",
        "Sở Nội vụ",
        "Các cơ quan, đơn vị liên quan",
    )
    text = doc.text()
    assert text == unicodedata.normalize("NFC", text)
    assert rows[1][1] == unicodedata.normalize(
        "NFC", "Tham mưu UBND tỉnh ban hành Kế hoạch tổng kết giai đoạn 2011 – 2020."
    )
    assert isinstance(doc, Nd30Pdf)


def test_task_numbering_in_context(db):
    decision = builders.seed_003_decision()
    context = build_plan_context(plan_queryset().get(pk=decision.plan.pk))
    progress = context["sections"][1]["children"][2]
    assert progress["label"] == "3."
    assert progress["heading"] == "Tiến độ cụ thể"
    rows = progress["block"]["context"]["rows"]
    assert [row["number"] for row in rows] == [row[0] for row in builders.flat_seed_003_tasks()]
    assert [row["time_frame"] for row in rows] == [row[2] for row in builders.flat_seed_003_tasks()]
    assert [row["is_parent"] for row in rows][:4] == [True, False, False, True]


def test_sections_are_numbered_by_depth(db):
    plan = builders.seed_001_plan()
    context = build_plan_context(plan_queryset().get(pk=plan.pk))
    labels = [(s["label"], s["heading"]) for s in context["sections"]]
    assert labels == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "NỘI DUNG, THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ"),
        ("III.", "KINH PHÍ TỔ CHỨC HỘI NGHỊ"),
        ("IV.", "TỔ CHỨC THỰC HIỆN"),
    ]
    khoan = context["sections"][1]["children"]
    assert [s["label"] for s in khoan] == ["1.", "2.", "3."]
    assert [s["label"] for s in khoan[1]["children"]] == ["a)", "b)"]
    assert context["header"]["number_line"] == "Số: 4417/KH-UBND"
    assert context["signature"]["recipients"][-1] == "- Lưu: VT, DL."
    assert str(context["closing_html"]).endswith("thực hiện./.</p>")
