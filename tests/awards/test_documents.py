"""The QUYẾT ĐỊNH khen thưởng and its DANH SÁCH, read back from the PDF."""

from __future__ import annotations

import pytest

from awards import documents
from awards.models import AwardDecision
from tests.documents import nd30
from tests.documents.nd30 import Nd30Pdf

pytestmark = pytest.mark.django_db

TITLE = (
    "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
    "công tác cải cách hành chính năm 2019"
)


def render(decision: AwardDecision) -> Nd30Pdf:
    decision = documents.decision_queryset().get(pk=decision.pk)
    data = documents.decision_printable(decision).render_pdf()
    import pathlib

    pathlib.Path("/tmp/h8").mkdir(exist_ok=True)
    pathlib.Path("/tmp/h8/decision.pdf").write_bytes(data)
    return Nd30Pdf(data)


def test_decision_context_article_one_counts_and_amounts(award_setup):
    context = documents.build_award_decision_context(award_setup["decision"])
    award_list = context["award_list"]
    assert award_list.awards == 8
    # Phòng Nội vụ (Cam Lâm) has two awards: counted once as an awardee.
    assert (award_list.collectives, award_list.individuals, award_list.awardees) == (3, 4, 7)
    assert award_list.amount == 3 * 2_340_000 + 4 * 1_170_000 + 3_510_000
    article = str(context["articles"][0])
    assert (
        "Khen thưởng các tập thể, cá nhân đã có thành tích xuất sắc trong công tác cải cách "
        "hành chính năm 2019 (có danh sách kèm theo), gồm:" in article
    )
    assert "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 tập thể và 04 cá nhân;" in article
    assert "- Tặng danh hiệu “Tập thể lao động xuất sắc” cho 01 tập thể." in article
    assert (
        "Tổng số tiền thưởng: 15.210.000 đồng (Mười lăm triệu hai trăm mười nghìn đồng), "
        "trích từ Quỹ Thi đua, khen thưởng tỉnh." in article
    )
    assert context["legal_bases"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    ]
    assert context["proposal"] == "Xét đề nghị của Giám đốc Sở Nội vụ."
    assert context["authority_line"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"


def test_decision_pdf_passes_nd30(award_setup):
    doc = render(award_setup["decision"])
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="QĐ",
            type_name="QUYẾT ĐỊNH",
            title_lines=TITLE,
            issued=False,
            signer_titles=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            signer_name="Nguyễn Tấn Tuân",
        ),
    )
    nd30.check_legal_bases(doc)
    nd30.check_decides(doc)
    authority = doc.find("^CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA$")
    assert authority.bold
    assert abs(authority.centre - doc.text_centre(authority.page)) <= 2
    nd30.check_appendices(
        doc, labels=["Phụ lục"], reference="(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm"
    )
    ref = doc.find(r"^\(Kèm theo Quyết định số")
    assert doc.next_lines(ref, 1)[0].text == "của Chủ tịch UBND tỉnh Khánh Hòa)"
    nd30.check_table_header_repeats(doc, first_header_cell="TT")


def _appendix_lines(doc: Nd30Pdf) -> list[str]:
    first = next(p for p in range(len(doc.pages)) if doc.body_lines(p)[0].text == "Phụ lục")
    return [line.text for page in range(first, len(doc.pages)) for line in doc.body_lines(page)]


def test_list_groups_and_sorts(award_setup):
    lines = _appendix_lines(render(award_setup["decision"]))
    assert lines[:3] == [
        "Phụ lục",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        "Có thành tích xuất sắc trong công tác cải cách hành chính năm 2019",
    ]
    order = [
        "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "Tập thể (03 tập thể)",
        "Phòng Hành chính tư pháp",
        "Phòng Nội vụ",
        "Ủy ban nhân dân xã Cam Hải",
        "Cá nhân (04 cá nhân)",
        # By given name in the Vietnamese alphabet: An < Ánh < Ăn < Ba.
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Lê Thị Ăn",
        "Đặng Văn Ba",
        "TẬP THỂ LAO ĐỘNG XUẤT SẮC",
        "Tập thể (01 tập thể)",
        "Phòng Nội vụ",
        "Tổng cộng",
    ]
    positions = []
    start = 0
    for wanted in order:
        index = next(i for i in range(start, len(lines)) if lines[i] == wanted or lines[i].startswith(wanted))
        positions.append(index)
        start = index + 1
    assert positions == sorted(positions)
    assert "Phạm Văn Bình" not in " ".join(lines)  # rejected
    assert "11.700.000" in lines and "3.510.000" in lines and "15.210.000" in lines
    assert "Tổng số: 03 tập thể và 04 cá nhân (8 lượt khen thưởng)." in lines


def test_reading_list_is_one_page_in_calling_order(award_setup):
    decision = documents.decision_queryset().get(pk=award_setup["decision"].pk)
    data = documents.reading_list_printable(decision).render_pdf()
    doc = Nd30Pdf(data)
    assert len(doc.pages) == 1
    nd30.check_fonts(doc)
    nd30.check_text_inside_margins(doc)
    text = doc.text()
    order = [
        "DANH SÁCH CÔNG BỐ KHEN THƯỞNG",
        "Quyết định số /QĐ-UBND",
        "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH (03 TẬP THỂ VÀ 04 CÁ NHÂN)",
        "1. Đại diện Phòng Hành chính tư pháp",
        "4. Nguyễn Văn An, Trưởng phòng, Sở Tư pháp",
        "7. Đặng Văn Ba",
        "TẬP THỂ LAO ĐỘNG XUẤT SẮC (01 TẬP THỂ)",
        "8. Đại diện Phòng Nội vụ, UBND huyện Cam Lâm",
    ]
    flat = " ".join(text.split())
    positions = [flat.find(part) for part in order]
    assert -1 not in positions, list(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_render_document_lists_award_decisions(award_setup):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("render_document", "--list", stdout=out)
    pk = award_setup["decision"].pk
    assert f"awarddecision-{pk}\tQĐ\t" in out.getvalue()
    assert f"awardreading-{pk}\tDS\t" in out.getvalue()


def test_prize_decision_of_the_department(db):
    from awards.models import AwardKind, NominationStatus, NomineeKind
    from tests.factories import AgencyFactory, ProvincialCommitteeFactory

    from .factories import AwardDecisionFactory, AwardTypeFactory, CampaignFactory, NominationFactory

    first = AwardTypeFactory(
        name="Giải Nhất Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
        kind=AwardKind.PRIZE,
        contest="Tìm hiểu, tuyên truyền cải cách hành chính",
        conferred_by="Giám đốc Sở Nội vụ",
        amount_individual=3_000_000,
        position=1,
    )
    third = AwardTypeFactory(
        name="Giải Ba Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”",
        kind=AwardKind.PRIZE,
        amount_individual=1_000_000,
        position=3,
    )
    campaign = CampaignFactory(award_types=[first, third])
    department = AgencyFactory(
        name="Sở Nội vụ", short_name="SNV", parent=ProvincialCommitteeFactory(), header_name="SỞ NỘI VỤ"
    )
    for name, award in (("Trần Văn Hùng", third), ("Phạm Thị Mai", first), ("Ngô Văn Bảo", third)):
        NominationFactory(
            campaign=campaign,
            kind=NomineeKind.INDIVIDUAL,
            name=name,
            award_type=award,
            status=NominationStatus.ACCEPTED,
        )
    decision = AwardDecisionFactory(
        campaign=campaign,
        issuing_agency=department,
        authority_line="GIÁM ĐỐC SỞ NỘI VỤ",
        title="Về việc trao giải Cuộc thi “Tìm hiểu, tuyên truyền\ncải cách hành chính” năm 2019",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Lê Văn Dễ",
        recipients="Như Điều 3;\nBan Tổ chức Cuộc thi",
        execution="Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Chánh Văn phòng Sở và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    doc = render(decision)
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="QĐ",
            type_name="QUYẾT ĐỊNH",
            title_lines=[
                "Về việc trao giải Cuộc thi “Tìm hiểu, tuyên truyền",
                "cải cách hành chính” năm 2019",
            ],
            issued=False,
            signer_titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            signer_name="Lê Văn Dễ",
            parent_line="UBND TỈNH KHÁNH HÒA",
            appendix_labels=["Phụ lục"],
            appendix_reference="(Kèm theo Quyết định số /QĐ-SNV",
        ),
    )
    nd30.check_legal_bases(doc)
    nd30.check_decides(doc)
    assert doc.find("^GIÁM ĐỐC SỞ NỘI VỤ$").bold
    ref = doc.find(r"^\(Kèm theo Quyết định số")
    assert doc.next_lines(ref, 1)[0].text == "của Giám đốc Sở Nội vụ)"
    text = " ".join(doc.text().split())
    assert "- Tặng Giải Nhất Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính” cho 01 cá nhân;" in text
    assert "- Tặng Giải Ba Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính” cho 02 cá nhân." in text
    # Prizes in their order (Nhất before Ba), people by given name: Bảo before Hùng.
    lines = _appendix_lines(doc)
    order = ["GIẢI NHẤT", "Phạm Thị Mai", "GIẢI BA", "Ngô Văn Bảo", "Trần Văn Hùng"]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(part)) for part in order]
    assert positions == sorted(positions)
    assert "Tổng cộng" in lines and "5.000.000" in lines
