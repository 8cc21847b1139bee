"""The seed plans printed with their programme as phụ lục, and the programme alone."""

import pytest

from agenda import demo
from agenda.documents import TEMPLATE, build_programme_document
from documents import renderer
from tests.documents import nd30

SEED_001_ROWS = [
    ("07h15 - 08h00", "- Đón tiếp đại biểu", "Ban Tổ chức"),
    ("08h00 - 08h05", "Tuyên bố lý do, giới thiệu đại biểu", "Lãnh đạo Sở Nội vụ"),
    ("08h05 - 08h15", "Phát biểu khai mạc Hội nghị", "Lãnh đạo UBND tỉnh"),
    ("08h15 - 08h30", "Phát biểu chỉ đạo của Thường trực Tỉnh ủy", "Mời Thường trực Tỉnh"),
    ("08h30 - 10h00", "Trình bày Báo cáo phân tích", "- Sở Kế hoạch và Đầu"),
    ("10h00 - 10h15", "Nghỉ giải lao", ""),
    ("10h15 - 10h45", "Báo cáo kết quả Chỉ số mức độ hài lòng", "Sở Nội vụ"),
    ("10h45 - 11h15", "Thảo luận, chia sẻ kinh nghiệm", "- VCCI Khánh Hòa"),
    ("11h15 - 11h30", "Phát biểu kết luận Hội nghị", "Lãnh đạo UBND tỉnh"),
]


def _appendix_page(doc) -> int:
    pages = [
        p
        for p in range(len(doc.pages))
        if doc.body_lines(p) and doc.body_lines(p)[0].text.startswith("Phụ lục")
    ]
    assert len(pages) == 1, pages
    return pages[0]


def _page_text(doc, page: int) -> str:
    return "\n".join(line.text for line in doc.body_lines(page))


def _row(doc, page: int, first_cell: str) -> list[str]:
    """The texts on the baseline of the cell starting with ``first_cell``, left to right."""
    line = doc.find(rf"^{first_cell}", page=page)
    same = [other for other in doc.body_lines(page) if abs(other.baseline_pt - line.baseline_pt) < 1]
    return [other.text for other in sorted(same, key=lambda other: other.x0)]


def _in_order(text: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, f"«{needle}» missing or out of order after position {position}"
        position = found + len(needle)


def test_seed_001_prints_its_timed_programme_as_appendix(demo_events, render_plan):
    doc = render_plan(demo_events["001"].plan)
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=demo_events["001"].plan.title.split("\n"),
            issued=True,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            signer_name="Nguyễn Tấn Tuân",
            appendix_labels=["Phụ lục"],
            appendix_reference="(Kèm theo Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023",
        ),
    )
    nd30.check_headings(doc)
    page = _appendix_page(doc)
    assert page == len(doc.pages) - 1  # the whole programme on the last, own page
    lines = [line.text for line in doc.body_lines(page)]
    assert lines[:4] == [
        "Phụ lục",
        "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ",
        "(Kèm theo Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023",
        "của Ủy ban nhân dân tỉnh Khánh Hòa)",
    ]
    # Every row, in order, its time on the first line of its content and performers.
    text = _page_text(doc, page)
    assert _row(doc, page, "Thời gian") == ["Thời gian", "Nội dung", "Thực hiện"]
    _in_order(text, [needle for row in SEED_001_ROWS for needle in row if needle])
    for time, content, performer in SEED_001_ROWS:
        cells = _row(doc, page, time)
        assert cells[0] == time and cells[1].startswith(content), cells
        if performer:
            assert cells[2].startswith(performer), cells
    # Multi-line performers: one per line.
    for performers in (
        ["- Sở Kế hoạch và Đầu", "- Sở Nội vụ"],
        ["- VCCI Khánh Hòa", "- Đại biểu", "- Ban Tổ chức"],
    ):
        _in_order(text, performers)
    # The break prints in italics.
    assert _row(doc, page, "10h00 - 10h15") == ["10h00 - 10h15", "Nghỉ giải lao"]
    break_line = doc.find(r"^Nghỉ giải lao$", page=page)
    assert break_line.italic, break_line
    assert not doc.find(r"^10h00 - 10h15$", page=page).italic


def test_seed_001_participants_time_place_and_budget_print_as_the_seed(demo_events, render_plan):
    text = render_plan(demo_events["001"].plan).text()
    _in_order(
        text,
        [
            "2. Thành phần",
            "a) Chủ trì hội nghị: Lãnh đạo UBND tỉnh.",
            "Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.",
            "b) Đại biểu tham dự: Dự kiến 200 đại biểu, gồm:",
            "- Đại biểu mời:",
            "+ Ban Thường vụ Tỉnh ủy;",
            "- Đại biểu triệu tập:",
            "(mỗi địa phương",
            "3. Thời gian, địa điểm",
            "- Thời gian tổ chức Hội nghị: Trong tháng 5/2023.",
            "- Địa điểm: Tại thành phố Nha Trang (dự kiến thuê hội trường khách sạn).",
            "III. KINH PHÍ TỔ CHỨC HỘI NGHỊ",
            "Kinh phí tổ chức Hội nghị được bố trí từ nguồn kinh phí cải cách hành chính",
            "Nội dung chi, định mức chi, thanh quyết toán",
        ],
    )


def test_seed_000_prints_its_numbered_programme_as_appendix(demo_events, render_plan):
    event = demo_events["000"]
    doc = render_plan(event.plan)
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=event.plan.title.split("\n"),
            issued=True,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            signer_name="Nguyễn Đắc Tài",
            appendix_labels=["Phụ lục"],
            appendix_reference="(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 02 năm 2020",
        ),
    )
    page = _appendix_page(doc)
    lines = [line.text for line in doc.body_lines(page)]
    assert lines[:4] == [
        "Phụ lục",
        "DỰ KIẾN NỘI DUNG CHƯƠNG TRÌNH HỘI NGHỊ",
        "Tổng kết công tác cải cách hành chính năm 2019,",
        "triển khai Kế hoạch cải cách hành chính tỉnh năm 2020",
    ]
    text = "\n".join(_page_text(doc, p) for p in range(page, len(doc.pages)))
    _in_order(
        text,
        [
            "Stt",
            "Nội dung",
            "Thực hiện",
            "01",
            "Đón tiếp đại biểu",
            "Ban Tổ chức",
            "02",
            "Tuyên bố lý do, giới thiệu đại biểu",
            "03",
            "Báo cáo tổng kết công tác cải cách hành chính tỉnh",
            "Sở Nội vụ",
            "04",
            "Báo cáo Chỉ số mức độ hài lòng năm 2019",
            "- Báo cáo Chỉ số hài lòng của tổ chức, cá nhân đối với",
            "Sở Nội vụ",
            "- Báo cáo kết quả Chỉ số hài lòng năm 2019 đối với",
            "Sở Giáo dục và Đào tạo",
            "05",
            "- Báo cáo kết quả đánh giá, xếp hạng kết quả thực",
            "- Công bố Chỉ số và kết quả xếp hạng cải cách hành",
            "06",
            "- Báo cáo tham luận của các đơn vị, địa phương",
            "- Trao đổi, thảo luận và giải đáp thắc mắc",
            "07",
            "Triển khai Kế hoạch cải cách hành chính tỉnh năm",
            "08",
            "Phát biểu kết luận Hội nghị và chỉ đạo công tác cải",
            "Thường trực UBND",
            "09",
            "Công bố Quyết định khen thưởng các tập thể, cá",
            "Bế mạc",
        ],
    )
    last = len(doc.pages) - 1
    assert _row(doc, last, "06") == [
        "06",
        "- Báo cáo tham luận của các đơn vị, địa phương",
        "- Các đơn vị tham luận",
    ]
    _in_order(
        _page_text(doc, last),
        ["- Các đơn vị tham luận", "- Đại biểu Hội nghị", "- Ban Tổ chức", "- Các Sở liên quan"],
    )
    assert _row(doc, last, "09")[2] == "Lãnh đạo"
    assert doc.find(r"^Ban Thi đua - Khen", page=last)
    # "Bế mạc" has no number.
    assert _row(doc, last, "Bế mạc") == ["Bế mạc", "Ban Tổ chức"]


def test_seed_000_sections_print_the_seed_text(demo_events, render_plan):
    text = render_plan(demo_events["000"].plan).text()
    _in_order(
        text,
        [
            "III. THÀNH PHẦN THAM DỰ",
            "1. Chủ trì Hội nghị: Lãnh đạo UBND tỉnh.",
            "2. Sở Nội vụ phối hợp Văn phòng UBND tỉnh tham mưu công tác tổ chức,",
            "3. Đại biểu khách mời:",
            "- Thường trực Tỉnh ủy, Thường trực Hội đồng nhân dân tỉnh;",
            "4. Đại biểu triệu tập:",
            "5. Các cơ quan thông tin đại chúng của tỉnh: Mời tham dự và đưa tin.",
            "6. Tổng số lượng đại biểu dự kiến: 150 người.",
            "IV. THỜI GIAN VÀ ĐỊA ĐIỂM",
            "- Thời gian tổ chức Hội nghị: dự kiến ngày 25/02/2020 (01 ngày).",
            "- Địa điểm: Hội trường UBND tỉnh.",
            "V. KINH PHÍ TỔ CHỨC HỘI NGHỊ",
            "Kinh phí cải cách hành chính tỉnh được cấp trong ngân sách Sở Nội vụ",
            "VI. TỔ CHỨC THỰC HIỆN",
        ],
    )


def test_online_conference_prints_its_sites_and_study_tour_its_delegations(demo_events, render_plan):
    online = render_plan(demo_events["online"].plan)
    nd30.check_page_size(online)
    nd30.check_text_inside_margins(online)
    nd30.check_fonts(online)
    nd30.check_headings(online)
    text = online.text()
    _in_order(
        text,
        [
            "- Thời gian tổ chức Hội nghị: ngày 18/01/2024.",
            "- Địa điểm: Trực tuyến, điểm cầu chính tại Phòng họp trực tuyến, tầng 2,",
            "IV. CÁC ĐIỂM CẦU",
            "Điểm cầu",
            "UBND tỉnh Khánh Hòa",
            "(điểm cầu chính)",
            "UBND thành phố Nha",
            "UBND huyện Trường Sa",
            "UBND phường Cam Nghĩa",
            "Tổng cộng",
            "395",
            "V. KINH PHÍ",
            "Thuê đường truyền, hỗ trợ kỹ thuật",
            "19.500.000",
            "Tổng cộng",
            "41.000.000",
        ],
    )
    tour = render_plan(demo_events["tour"].plan)
    nd30.check_fonts(tour)
    nd30.check_headings(tour)
    _in_order(
        tour.text(),
        [
            "1. Các đoàn công tác",
            "a) Đoàn công tác số 1 (các tỉnh Bình Định, Quảng Ngãi)",
            "- Trưởng đoàn: Lãnh đạo Sở Nội vụ.",
            "- Thành phần (dự kiến 15 người):",
            "+ Tỉnh Bình Định (làm việc với UBND tỉnh Bình Định): từ ngày 02 đến",
            "ngày 03/10/2023 (02 ngày).",
            "+ Tỉnh Quảng Ngãi",
            "b) Đoàn công tác số 2 (các tỉnh Lâm Đồng, Ninh Thuận)",
            "+ Tỉnh Lâm Đồng",
            "+ Tỉnh Ninh Thuận",
            "2. Thời gian",
            "Thời gian tổ chức đoàn công tác: đầu tháng 10 năm 2023.",
        ],
    )


@pytest.mark.parametrize("seed", ["000", "001"])
def test_programme_alone_is_one_nd30_page(demo_events, seed):
    event = demo_events[seed]
    context = build_programme_document(event)
    doc = nd30.Nd30Pdf(
        renderer.render_pdf(
            TEMPLATE, context, title=context["meta"]["title"], author=context["meta"]["author"]
        )
    )
    assert len(doc.pages) == 1
    nd30.check_page_size(doc)
    nd30.check_text_inside_margins(doc)
    nd30.check_fonts(doc)
    nd30.check_national_title(doc)
    nd30.check_motto(doc)
    national = doc.find(f"^{nd30.NATIONAL_TITLE}$", page=0)
    left = [line.text for line in doc.body_lines(0) if line.x1 < national.x0 and line.top < national.top + 10]
    assert left == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    text = doc.text()
    title = demo.SEED_000_TITLE if seed == "000" else demo.SEED_001_TITLE
    assert title in text
    expected = (
        ["01", "Đón tiếp đại biểu", "Ban Tổ chức", "Bế mạc", "Ban Tổ chức"]
        if seed == "000"
        else ["07h15 - 08h00", "11h15 - 11h30", "Phát biểu kết luận Hội nghị", "Lãnh đạo UBND tỉnh"]
    )
    _in_order(text, expected)
