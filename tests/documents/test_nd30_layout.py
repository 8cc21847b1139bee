"""The printed plans and decisions, read back from the PDF and held to ND30."""

import datetime
import io

import pypdf

from documents.models import DocumentStatus
from tests.documents import builders, nd30
from tests.factories import AgencyFactory, PlanFactory, ProvincialCommitteeFactory, SectionFactory

KH_4417 = "(Kèm theo Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023"


def test_seed_001_plan_follows_nd30(render_plan):
    doc, data = render_plan(builders.seed_001_plan())

    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=builders.SEED_001_TITLE.split("\n"),
            issued=True,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            signer_name="Nguyễn Tấn Tuân",
            appendix_labels=["Phụ lục"],
            appendix_reference=KH_4417,
        ),
    )
    nd30.check_headings(doc)
    assert doc.find("^Số:").text == "Số: 4417/KH-UBND"
    assert doc.find(", ngày").text == "Khánh Hòa, ngày 10 tháng 5 năm 2023"
    assert [line.text for line in nd30.agency_lines(doc)] == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    # Điểm a) and b) of khoản 2, numbered paragraphs without a heading.
    assert doc.find(r"^a\) ").text.startswith("a) Chủ trì hội nghị: Lãnh đạo UBND tỉnh.")
    assert doc.find(r"^b\) ").text.startswith("b) Đại biểu tham dự")
    # The closing paragraph carries the end mark, not the last section.
    assert doc.find(r"\./\.$").text.endswith("thực hiện./.")
    assert len(doc.find_all(r"\./\.$")) == 1
    # Assignments: "1. Sở Nội vụ" as a bold heading, "4. Agency: duties" inline.
    heading = doc.find("^1. Sở Nội vụ$")
    assert heading.bold
    colon = doc.find("^4. Các sở, ngành, đơn vị, địa phương: cử đại biểu")
    assert not colon.bold
    recipients = doc.find_all("^- ")
    assert recipients[-1].text == "- Lưu: VT, DL."
    assert doc.find("^- Các cơ quan tham mưu, giúp việc Tỉnh ủy;$")

    reader = pypdf.PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info.title == " ".join(builders.SEED_001_TITLE.split("\n"))
    assert info.author == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_seed_003_decision_and_attached_plan_follow_nd30(render_plan):
    decision = builders.seed_003_decision()
    doc, _ = render_plan(decision.plan)

    nd30.check_page_size(doc)
    nd30.check_text_inside_margins(doc)
    nd30.check_fonts(doc)
    nd30.check_national_title(doc)
    nd30.check_motto(doc)
    nd30.check_agency(doc)
    assert nd30.check_number(doc, doc_type="QĐ", issued=True).text == "Số: 908/QĐ-UBND"
    assert nd30.check_date(doc, issued=True).text == "Khánh Hòa, ngày 22 tháng 4 năm 2020"
    nd30.check_type_name(doc, "QUYẾT ĐỊNH")
    nd30.check_title(doc, "QUYẾT ĐỊNH", builders.SEED_003_DECISION_TITLE.split("\n"))
    authority = doc.find("^ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA$")
    assert authority.bold
    assert abs(authority.centre - doc.text_centre(0)) <= 2
    nd30.check_legal_bases(doc)
    nd30.check_decides(doc)
    assert len(doc.find_all(r"^Điều \d+\. ")) == 4
    to = nd30.check_recipients(doc)
    nd30.check_ends_with_mark(doc, before=to)
    nd30.check_signer(doc, titles=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Nguyễn Tấn Tuân")
    nd30.check_body(doc)

    # The attached plan: a new page with ô1 + ô2 only, its own numbering.
    reference = nd30.check_attached_reference(
        doc, decision_reference="Quyết định số 908/QĐ-UBND ngày 22 tháng 4 năm 2020"
    )
    page = reference.page
    assert doc.body_lines(page)[0].text.startswith("ỦY BAN NHÂN DÂN")
    nd30.check_national_title(doc, page)
    nd30.check_motto(doc, page)
    nd30.check_agency(doc, page=page)
    assert not doc.find_all("^Số:", page=page)
    assert not doc.find_all(", ngày", page=page)
    nd30.check_type_name(doc, "KẾ HOẠCH", page=page)
    nd30.check_title(doc, "KẾ HOẠCH", builders.SEED_003_PLAN_TITLE.split("\n"), page=page, ruled=False)
    assert doc.next_lines(reference, 1)[0].text == "của UBND tỉnh Khánh Hòa)"
    rule = doc.rule_below(doc.next_lines(reference, 1)[0])
    assert 0.33 <= rule.width / reference.width <= 0.5 or rule.width >= 0.33 * reference.width
    nd30.check_headings(doc, pages=list(range(page, len(doc.pages))))
    assert doc.find("^1. Mục đích$", start=reference).bold
    assert doc.find("^2. Yêu cầu$", start=reference).bold
    nd30.check_page_numbers(doc, group_starts=[0, page])
    continued = nd30.check_table_header_repeats(doc)
    assert continued, "the task table should span pages"
    first_title = doc.find("^TM. ỦY BAN NHÂN DÂN$", start=reference)
    nd30.check_ends_with_mark(doc, before=first_title)
    nd30.check_signer(
        doc,
        titles=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        name="Nguyễn Văn Tuấn",
        start=reference,
    )


def test_long_draft_plan_table_spans_pages(render_plan):
    plan = builders.long_plan(40)
    doc, _ = render_plan(plan)

    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=["Triển khai nhiệm vụ cải cách hành chính năm 2024"],
            issued=False,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            signer_name="Nguyễn Văn An",
            appendix_labels=["Phụ lục I", "Phụ lục II"],
            appendix_reference="(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024",
        ),
    )
    # The draft shows the blanks and, on every page, the diagonal "DỰ THẢO".
    assert nd30.DRAFT_NUMBER_RE.match(doc.find("^Số:").text)
    assert doc.watermarks == ["DỰ THẢO"] * len(doc.pages)
    assert not doc.margin_lines(0)
    continued = nd30.check_table_header_repeats(doc)
    landscape = [p for p in range(len(doc.pages)) if doc.is_landscape(p)]
    assert len(continued) >= 4
    assert landscape and set(landscape) & set(continued), "the landscape phụ lục repeats its header too"
    assert doc.page_group_starts() == [0, landscape[0], landscape[-1] + 1]
    # The task numbers 1 … 40 appear once each in the body table, in order.
    body_pages = range(landscape[0])
    numbers = [
        line.text.split()[0]
        for p in body_pages
        for line in doc.body_lines(p)
        if line.x1 < 45 and line.x0 > 30
    ]
    assert [n for n in numbers if n.isdigit()] == [str(n) for n in range(1, 41)]


def test_issued_short_number_takes_leading_zero(render_plan):
    doc, _ = render_plan(builders.long_plan(3, issued=True))
    assert nd30.check_number(doc, doc_type="KH", issued=True).text == "Số: 05/KH-UBND"
    assert nd30.check_date(doc, issued=True).text == "Khánh Hòa, ngày 04 tháng 01 năm 2024"
    assert not doc.margin_lines(0)
    assert set(doc.watermarks) == {""}


def test_department_plan_prints_parent_line_not_bold(render_plan):
    department = AgencyFactory(name="Sở Nội vụ", short_name="SNV", parent=ProvincialCommitteeFactory())
    plan = PlanFactory(
        issuing_agency=department,
        number=71,
        issued_on=datetime.date(2024, 2, 1),
        status=DocumentStatus.ISSUED,
        title="Kiểm tra công tác cải cách hành chính năm 2024",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Trần Thị Bình",
        closing="Trên đây là Kế hoạch kiểm tra.",
    )
    SectionFactory(plan=plan, heading="Mục đích, yêu cầu", body="Đánh giá kết quả.\nĐề xuất giải pháp.")
    doc, _ = render_plan(plan)

    nd30.check_agency(doc, parent_line="UBND TỈNH KHÁNH HÒA")
    assert [line.text for line in nd30.agency_lines(doc)] == ["UBND TỈNH KHÁNH HÒA", "SỞ NỘI VỤ"]
    assert nd30.check_number(doc, doc_type="KH", issued=True).text == "Số: 71/KH-SNV"
    assert nd30.check_date(doc, issued=True).text == "Khánh Hòa, ngày 01 tháng 02 năm 2024"
    assert doc.find("^I. ").text == "I. MỤC ĐÍCH, YÊU CẦU"
    nd30.check_headings(doc)
    nd30.check_signer(doc, titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Trần Thị Bình")
    to = nd30.check_recipients(doc)
    nd30.check_ends_with_mark(doc, before=to)
    nd30.check_page_numbers(doc)
