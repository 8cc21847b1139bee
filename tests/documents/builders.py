"""Plans built with the factories that mirror the seeds (001, 003) and a
long generated plan, for the printed-document tests."""

from __future__ import annotations

import datetime

from documents.models import DocumentStatus
from plans import models
from tests.factories import PlanFactory, ProvincialCommitteeFactory, SectionFactory, TaskFactory

SEED_001_TITLE = (
    "Tổ chức Hội nghị phân tích, đánh giá\n"
    "các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022\n"
    "và bàn giải pháp tiếp tục cải thiện các Chỉ số đánh giá tỉnh Khánh Hòa"
)


def section(plan, heading="", body="", *, parent=None, position=0, block="", body_after="", numbered=True):
    return SectionFactory(
        plan=plan,
        parent=parent,
        position=position,
        heading=heading,
        body=body,
        block=block,
        body_after=body_after,
        numbered=numbered,
    )


def seed_001_plan() -> models.Plan:
    """KH 4417/KH-UBND of 10/5/2023 (seed 001), issued."""
    plan = PlanFactory(
        issuing_agency=ProvincialCommitteeFactory(),
        year=2023,
        number=4417,
        issued_on=datetime.date(2023, 5, 10),
        status=DocumentStatus.ISSUED,
        title=SEED_001_TITLE,
        objectives_style=models.ObjectivesStyle.NUMBERED,
        closing="UBND tỉnh đề nghị các cơ quan, đơn vị có liên quan triển khai, phối hợp thực hiện.",
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Nguyễn Tấn Tuân",
        recipients=(
            "Như thành phần Hội nghị (VBĐT);\nTT. Tỉnh ủy, TT. HĐND tỉnh;\n"
            "Các cơ quan tham mưu, giúp việc Tỉnh ủy,\nCác tổ chức CT-XH tỉnh;\n"
            "Đài PT-TH Khánh Hòa, Báo Khánh Hòa;\nCổng TTĐT tỉnh;\nCổng TTĐT CCHC tỉnh;"
        ),
        archive="VT, DL",
    )
    for position, text in enumerate(
        [
            "Cập nhật kết quả đánh giá các Chỉ số Cải cách hành chính (PAR-Index), Chỉ số năng lực "
            "cạnh tranh cấp tỉnh (PCI), Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) "
            "và Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ "
            "quan hành chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào tạo trên địa bàn "
            "tỉnh Khánh Hòa năm 2022.",
            "Thảo luận giải pháp tiếp tục cải thiện điểm số và thứ hạng của các Chỉ số PAR-Index, PCI, PAPI.",
            "Thống nhất nhận thức về ý nghĩa và tầm quan trọng của những Chỉ số trên, nâng cao trách "
            "nhiệm của đội ngũ cán bộ, công chức, viên chức trong việc thực hiện các nội dung, nhiệm vụ, "
            "giải pháp nhằm tiếp tục cải thiện và nâng cao Chỉ số PAR-Index, PCI, PAPI của tỉnh và mức độ "
            "hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan mình.",
        ]
    ):
        models.Objective.objects.create(plan=plan, position=position, text=text)
    section(plan, "MỤC ĐÍCH, YÊU CẦU", block="plan.objectives", position=1)
    content = section(plan, "NỘI DUNG, THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ", position=2)
    section(
        plan,
        "Nội dung",
        "- Báo cáo phân tích, đánh giá kết quả các Chỉ số PAR-Index, PCI, PAPI của tỉnh năm 2022.\n"
        "- Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan "
        "hành chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào tạo trên địa bàn tỉnh Khánh "
        "Hòa năm 2022.\n"
        "- Thảo luận giải pháp tiếp tục cải thiện điểm số và thứ hạng các Chỉ số đánh giá tỉnh trong "
        "năm 2023 và những năm tiếp theo.\n"
        "*(Đính kèm dự kiến nội dung chương trình Hội nghị).*",
        parent=content,
        position=1,
    )
    members = section(plan, "Thành phần", parent=content, position=2)
    section(
        plan,
        body="Chủ trì hội nghị: Lãnh đạo UBND tỉnh.\n"
        "Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.",
        parent=members,
        position=1,
    )
    section(
        plan,
        body="Đại biểu tham dự: Dự kiến 200 đại biểu, gồm:\n"
        "- Đại biểu mời:\n"
        "+ Ban Thường vụ Tỉnh ủy;\n+ Đại biểu Quốc hội tỉnh Khánh Hòa;\n"
        "+ Thường trực Hội đồng nhân dân tỉnh;\n+ Thường trực cấp ủy cấp huyện;\n+ VCCI Khánh Hòa;\n"
        "- *Đại biểu triệu tập:*\n"
        "+ Thành viên Ban Chỉ đạo Cải cách hành chính tỉnh và Tổ Thư ký của Ban Chỉ đạo.\n"
        "+ Lãnh đạo UBND các huyện, thị xã, thành phố (mỗi địa phương đăng ký 03 lãnh đạo).",
        parent=members,
        position=2,
    )
    section(
        plan,
        "Thời gian, địa điểm",
        "- Thời gian tổ chức Hội nghị: Trong tháng 5/2023.\n"
        "- Địa điểm: Tại thành phố Nha Trang (dự kiến thuê hội trường khách sạn).",
        parent=content,
        position=3,
    )
    section(
        plan,
        "KINH PHÍ TỔ CHỨC HỘI NGHỊ",
        "Kinh phí tổ chức Hội nghị được bố trí từ nguồn kinh phí cải cách hành chính tỉnh năm 2023 và "
        "nguồn kinh phí tài trợ, xã hội hóa theo quy định.\n"
        "Nội dung chi, định mức chi, thanh quyết toán kinh phí Hội nghị thực hiện theo quy định của "
        "Bộ Tài chính và các quy định, hướng dẫn có liên quan.",
        position=3,
    )
    section(plan, "TỔ CHỨC THỰC HIỆN", block="plan.assignments", position=4)
    heading, colon = models.AssignmentLayout.HEADING, models.AssignmentLayout.COLON
    for position, (agency, layout, duties) in enumerate(
        [
            (
                "Sở Nội vụ",
                heading,
                "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức, triển khai thực hiện "
                "Kế hoạch này.\n"
                "- Thống nhất nội dung chương trình, thời gian, địa điểm, bố trí nguồn kinh phí hợp lý "
                "cho công tác tổ chức Hội nghị.",
            ),
            (
                "Sở Kế hoạch và Đầu tư",
                heading,
                "Chuẩn bị và trình bày Báo cáo kết quả Chỉ số PCI của tỉnh năm 2022 (kèm trình chiếu "
                "PowerPoint).",
            ),
            (
                "Văn phòng UBND tỉnh",
                heading,
                "- Phối hợp Sở Nội vụ tham mưu UBND tỉnh công tác tổ chức, điều hành Hội nghị.\n"
                "- Phát hành giấy mời, bố trí nhân sự tiếp đón đại biểu khách mời.",
            ),
            (
                "Các sở, ngành, đơn vị, địa phương",
                colon,
                "cử đại biểu tham dự theo đúng thành phần và thời gian theo giấy mời; chuẩn bị ý kiến "
                "thảo luận tại Hội nghị.",
            ),
            (
                "Đề nghị Văn phòng Tỉnh ủy",
                colon,
                "phối hợp chuẩn bị nội dung, tài liệu liên quan để Thường trực Tỉnh ủy phát biểu chỉ đạo "
                "tại Hội nghị.",
            ),
            (
                "Đài Phát thanh và Truyền hình Khánh Hòa, Báo Khánh Hòa",
                colon,
                "Thực hiện đưa tin, bài về Hội nghị; hỗ trợ truyền thông Hội nghị.",
            ),
        ],
        start=1,
    ):
        models.Assignment.objects.create(
            plan=plan, position=position, agency_text=agency, layout=layout, duties=duties
        )
    models.Appendix.objects.create(
        plan=plan,
        position=1,
        title="Dự kiến chương trình hội nghị",
        body="07h15 - 08h00: Đón tiếp đại biểu.\n08h00 - 08h05: Tuyên bố lý do, giới thiệu đại biểu.\n"
        "08h05 - 08h15: Phát biểu khai mạc Hội nghị.\n11h15 - 11h30: Phát biểu kết luận Hội nghị.",
    )
    return plan


# (number, description, time frame, lead, cooperating, children)
SEED_003_TASKS: list[tuple] = [
    (
        True,
        "Xây dựng Kế hoạch tổng kết giai đoạn 2011 - 2020",
        "",
        "",
        "",
        [
            (
                True,
                "Tham mưu UBND tỉnh ban hành Kế hoạch tổng kết giai đoạn 2011 – 2020.",
                "Tháng 4/2020",
                "Sở Nội vụ",
                "Các cơ quan, đơn vị liên quan",
                [],
            ),
            (
                True,
                "UBND các huyện, thị xã, thành phố ban hành Kế hoạch tổng kết của từng địa phương",
                "Tháng 4/2020",
                "UBND các huyện, thị xã, thành phố",
                "UBND các xã, phường, thị trấn",
                [],
            ),
        ],
    ),
    (
        True,
        "Xây dựng báo cáo tổng kết giai đoạn 2011 – 2020 (theo đề cương kèm theo)",
        "",
        "",
        "",
        [
            (
                True,
                "Các cơ quan, đơn vị xây dựng, gửi báo cáo tổng kết về Văn phòng UBND tỉnh, các Sở: Nội vụ, "
                "Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và Công nghệ",
                "Trước ngày 01/6/2020",
                "Các sở, ban, ngành; cơ quan ngành dọc cấp tỉnh; đơn vị sự nghiệp trực thuộc UBND tỉnh",
                "Các cơ quan, đơn vị liên quan",
                [],
            ),
            (
                True,
                "Các địa phương xây dựng, gửi báo cáo tổng kết về Văn phòng UBND tỉnh, các Sở: Nội vụ, "
                "Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và Công nghệ",
                "Trước ngày 03/6/2020",
                "UBND các huyện, thị xã, thành phố",
                "UBND các xã, phường, thị trấn",
                [],
            ),
            (
                True,
                "Văn phòng UBND tỉnh, các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và "
                "Công nghệ tổng hợp, gửi báo cáo về Sở Nội vụ\n"
                "Lĩnh vực phân công phụ trách tổng hợp, báo cáo:",
                "Trước ngày 10/6/2020",
                "Văn phòng UBND tỉnh, các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và "
                "Công nghệ",
                "",
                [
                    (
                        False,
                        "- Tổng kết công tác chỉ đạo, điều hành CCHC; thực hiện cơ chế một cửa, một cửa liên "
                        "thông; cải cách tổ chức bộ máy hành chính; xây dựng và nâng cao chất lượng đội ngũ "
                        "cán bộ, công chức, viên chức",
                        "",
                        "Sở Nội vụ",
                        "",
                        [],
                    ),
                    (
                        False,
                        "- Tổng kết, đánh giá kết quả thực hiện cải cách thể chế",
                        "",
                        "Sở Tư pháp",
                        "",
                        [],
                    ),
                    (
                        False,
                        "- Cải cách tài chính công; đẩy mạnh thực hiện chế độ tự chủ, tự chịu trách nhiệm về "
                        "sử dụng biên chế và kinh phí quản lý hành chính đối với các cơ quan nhà nước; cơ "
                        "chế tự chủ của đơn vị sự nghiệp công lập; đẩy mạnh xã hội hóa các dịch vụ công",
                        "",
                        "Sở Tài chính",
                        "",
                        [],
                    ),
                    (
                        False,
                        "- Ứng dụng công nghệ thông tin trong hoạt động của các cơ quan hành chính nhà nước "
                        "và xây dựng Chính phủ điện tử",
                        "",
                        "Sở Thông tin và Truyền thông",
                        "",
                        [],
                    ),
                    (
                        False,
                        "- Việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO "
                        "9001:2008 và ISO 9010:2015",
                        "",
                        "Sở Khoa học và Công nghệ",
                        "",
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        True,
        "Trình UBND tỉnh dự thảo báo cáo tổng kết công tác CCHC tỉnh Khánh Hòa",
        "Trước ngày 23/6/2020",
        "Sở Nội vụ",
        "Các cơ quan liên quan",
        [],
    ),
    (
        True,
        "Tham mưu UBND tỉnh lập hồ sơ đề nghị khen thưởng Bằng khen của Bộ trưởng Bộ Nội vụ, Bằng khen "
        "của Thủ tướng Chính phủ gửi Bộ Nội vụ",
        "Trước ngày 23/7/2020",
        "Sở Nội vụ",
        "Tập thể, cá nhân được đề xuất khen thưởng",
        [],
    ),
    (
        True,
        "Xây dựng báo cáo chuyên đề phục vụ tổng kết CCHC giai đoạn của tỉnh",
        "Tháng 8/2020",
        "Sở Nội vụ đặt hàng các cơ quan, đơn vị",
        "Các cơ quan, đơn vị có liên quan",
        [],
    ),
    (
        True,
        "Các cơ quan, đơn vị, địa phương tổ chức tổng kết công tác CCHC giai đoạn 2011 - 2020 tại cơ "
        "quan, đơn vị, địa phương.",
        "Tháng 8/2020",
        "- Các cơ quan, đơn vị, địa phương;\n- Sở Nội vụ hướng dẫn thực hiện",
        "Văn phòng UBND tỉnh và các cơ quan liên quan",
        [],
    ),
    (
        True,
        "Đề xuất biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác CCHC "
        "giai đoạn 2011 – 2020",
        "Tháng 9/2020",
        "Sở Nội vụ hướng dẫn, đề xuất",
        "Các cơ quan, đơn vị, cá nhân có liên quan",
        [],
    ),
    (
        True,
        "Tổ chức Hội nghị tổng kết công tác CCHC giai đoạn 2011 - 2020",
        "Tháng 9/2020",
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh và các cơ quan, đơn vị có liên quan",
        [],
    ),
    (
        True,
        "Xây dựng, trình UBND tỉnh ban hành Chương trình CCHC tỉnh Khánh Hòa giai đoạn 2021 - 2030",
        "Theo hướng dẫn của Trung ương",
        "Sở Nội vụ",
        "Các cơ quan, đơn vị liên quan",
        [],
    ),
]


def flat_seed_003_tasks() -> list[tuple[str, str, str, str, str]]:
    """(STT, description, time frame, lead, cooperating) in print order."""
    rows = []

    def walk(items, prefix):
        index = 0
        for numbered, description, time_frame, lead, cooperating, children in items:
            number = ""
            if numbered:
                index += 1
                number = f"{prefix}{index}"
            rows.append((number, description, time_frame, lead, cooperating))
            walk(children, f"{number}." if number else prefix)

    walk(SEED_003_TASKS, "")
    return rows


def _create_tasks(plan, items, parent=None):
    for position, (numbered, description, time_frame, lead, cooperating, children) in enumerate(
        items, start=1
    ):
        task = TaskFactory(
            plan=plan,
            parent=parent,
            position=position,
            numbered=numbered,
            description=description,
            time_frame=time_frame,
            lead=lead,
            cooperating=cooperating,
        )
        _create_tasks(plan, children, task)


SEED_003_DECISION_TITLE = (
    "Ban hành Kế hoạch tổng kết thực hiện Chương trình tổng thể\n"
    "cải cách hành chính nhà nước tỉnh Khánh Hòa giai đoạn 2011 - 2020\n"
    "và xây dựng Chương trình cải cách hành chính nhà nước\ngiai đoạn 2021 - 2030"
)
SEED_003_PLAN_TITLE = (
    "Tổng kết thực hiện Chương trình tổng thể cải cách hành chính nhà nước\n"
    "tỉnh Khánh Hòa giai đoạn 2011 - 2020 và xây dựng Chương trình\n"
    "cải cách hành chính nhà nước giai đoạn 2021 – 2030"
)


def seed_003_decision() -> models.Decision:
    """QĐ 908/QĐ-UBND of 22/4/2020 issuing the attached plan (seed 003)."""
    agency = ProvincialCommitteeFactory()
    decision = models.Decision.objects.create(
        issuing_agency=agency,
        number=908,
        issued_on=datetime.date(2020, 4, 22),
        status=DocumentStatus.ISSUED,
        title=SEED_003_DECISION_TITLE,
        authority_line="Ủy ban nhân dân tỉnh Khánh Hòa",
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ ban hành Chương trình "
            "tổng thể cải cách hành chính nhà nước giai đoạn 2011 – 2020; Quyết định số 225/QĐ-TTg ngày 04 "
            "tháng 02 năm 2016 của Thủ tướng Chính phủ phê duyệt Kế hoạch cải cách hành chính nhà nước "
            "giai đoạn 2016 – 2020\n"
            "Căn cứ Quyết định số 20/QĐ-BCĐCCCHC ngày 20 tháng 12 năm 2019 của Trưởng Ban Chỉ đạo cải cách "
            "hành chính của Chính phủ về việc ban hành Kế hoạch tổng kết thực hiện Chương trình tổng thể "
            "cải cách hành chính nhà nước giai đoạn 2011 – 2020 và xây dựng Chương trình tổng thể cải cách "
            "hành chính nhà nước giai đoạn 2021 – 2030;\n"
            "Căn cứ Quyết định số 3377/QĐ-UBND ngày 18 tháng 12 năm 2011 của UBND tỉnh Khánh Hòa ban hành "
            "Chương trình cải cách hành chính tỉnh Khánh Hòa giai đoạn 2011 - 2020; Quyết định số "
            "3777/QĐ-UBND ngày 25 tháng 12 năm 2015 của UBND tỉnh ban hành Kế hoạch cải cách chính tỉnh "
            "Khánh Hòa giai đoạn 2016 – 2020;\n"
            "Căn cứ Quyết định số 3994/QĐ-UBND ngày 31 tháng 12 năm 2019 của UBND tỉnh Khánh Hòa ban hành "
            "Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2020."
        ),
        proposal="Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 823/TTr-SNV ngày 14 tháng 4 năm 2020",
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Nguyễn Tấn Tuân",
        recipients=(
            "Như Điều 4 (t/h);\nVăn phòng Chính phủ;\nBộ Nội vụ;\nThường trực Tỉnh ủy;\n"
            "Thường trực HĐND tỉnh;\nChủ tịch và các Phó CT UBND tỉnh;\nBan Pháp chế HĐND tỉnh;\n"
            "Các sở, ban, ngành;\nCác cơ quan ngành dọc cấp tỉnh;\nUBND các huyện, thị xã, thành phố;\n"
            "Cổng TTĐT tỉnh;\nCổng TTĐT CCHC tỉnh;\nĐài PT-TH, Báo Khánh Hòa;"
        ),
        archive="VT, DL",
    )
    for position, body in enumerate(
        [
            "Ban hành kèm theo Quyết định này Kế hoạch tổng kết thực hiện Chương trình tổng thể cải cách "
            "hành chính nhà nước tỉnh Khánh Hòa giai đoạn 2011 - 2020 và xây dựng Chương trình cải cách "
            "hành chính nhà nước giai đoạn 2021 - 2030.",
            "Căn cứ Kế hoạch ban hành kèm theo Quyết định này, các cơ quan, đơn vị, địa phương nghiên cứu, "
            "cụ thể hóa và tổ chức triển khai thống nhất, đồng bộ, hiệu quả.",
            "Giám đốc Sở Nội vụ có trách nhiệm tham mưu, giúp Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân "
            "dân tỉnh đôn đốc, theo dõi và kiểm tra việc thực hiện Kế hoạch.",
            "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành thuộc "
            "tỉnh, các cơ quan ngành dọc cấp tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và "
            "Thủ trưởng các cơ quan, đơn vị và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này kể từ ngày ký.",
        ],
        start=1,
    ):
        models.DecisionArticle.objects.create(decision=decision, position=position, body=body)

    plan = PlanFactory(
        issuing_agency=agency,
        year=2020,
        decision=decision,
        status=DocumentStatus.ISSUED,
        title=SEED_003_PLAN_TITLE,
        objectives_style=models.ObjectivesStyle.GROUPED,
        signer_title="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Tuấn",
        recipients="",
        archive="",
    )
    purpose, requirement = models.Objective.Kind.PURPOSE, models.Objective.Kind.REQUIREMENT
    for position, (kind, text) in enumerate(
        [
            (
                purpose,
                "Đánh giá toàn diện tình hình triển khai và kết quả thực hiện các mục tiêu, nhiệm vụ của "
                "Chương trình tổng thể cải cách hành chính (CCHC) nhà nước giai đoạn 2011 – 2020 "
                "trên địa bàn "
                "tỉnh Khánh Hòa; xác định rõ những kết quả nổi bật đã đạt được, chỉ rõ những tồn tại, hạn "
                "chế, nguyên nhân và bài học kinh nghiệm.",
            ),
            (
                purpose,
                "Trên cơ sở đó, đề xuất các định hướng, giải pháp, nhiệm vụ cải cách hành chính nhà nước "
                "giai "
                "đoạn 2021 - 2030, phù hợp với chủ trương, đường lối của Đảng và yêu cầu xây dựng, "
                "phát triển "
                "đất nước trong tình hình mới.",
            ),
            (
                requirement,
                "Việc tổng kết, đánh giá phải bảo đảm tính toàn diện, thiết thực, hiệu quả, chất lượng, tiết "
                "kiệm; đánh giá đa chiều, với sự tham gia của tất cả cơ quan, đơn vị trên địa bàn tỉnh Khánh "
                "Hòa.",
            ),
            (
                requirement,
                "Gắn việc tổng kết với công tác thi đua - khen thưởng, đề xuất được hình thức khen thưởng "
                "phù "
                "hợp cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện Chương trình cải cách "
                "hành chính nhà nước giai đoạn 2011 - 2020.",
            ),
        ]
    ):
        models.Objective.objects.create(plan=plan, kind=kind, position=position, text=text)
    section(plan, "MỤC ĐÍCH, YÊU CẦU", block="plan.objectives", position=1)
    tasks = section(plan, "NỘI DUNG, NHIỆM VỤ", position=2)
    section(
        plan,
        "Xây dựng báo cáo tổng kết",
        "- Các cơ quan, đơn vị, địa phương căn cứ đề cương, các phụ lục (*kèm theo kế hoạch này*) và kết "
        "quả thực hiện công tác CCHC giai đoạn 2011 – 2020 của cơ quan, đơn vị, địa phương mình để xây "
        "dựng báo cáo tổng kết.\n"
        "- Sở Nội vụ chủ trì, phối hợp các cơ quan liên quan xây dựng, tham mưu trình UBND tỉnh ban hành "
        "Báo cáo tổng kết CCHC tỉnh Khánh Hòa giai đoạn 2011 - 2020.",
        parent=tasks,
        position=1,
    )
    section(
        plan,
        "Hình thức tổng kết",
        "Căn cứ tình hình và điều kiện thực tế, Sở Nội vụ tham mưu UBND tỉnh và hướng dẫn các cơ quan, "
        "đơn vị, địa phương tổ chức tổng kết với hình thức phù hợp, bảo đảm hiệu quả, chất lượng, tiết kiệm.",
        parent=tasks,
        position=2,
    )
    section(plan, "Tiến độ cụ thể", block="plan.tasks", parent=tasks, position=3)
    section(
        plan,
        "KINH PHÍ THỰC HIỆN",
        "Các cơ quan, đơn vị, địa phương bố trí kinh phí bảo đảm cho việc tổng kết tại cơ quan, địa "
        "phương trong nguồn ngân sách theo quy định về quản lý ngân sách hiện hành.",
        position=3,
    )
    section(plan, "TỔ CHỨC THỰC HIỆN", block="plan.assignments", position=4)
    for position, (agency_text, duties) in enumerate(
        [
            (
                "Sở Nội vụ",
                "- Tham mưu UBND tỉnh và hướng dẫn các cơ quan, đơn vị, địa phương tổ chức tổng kết với hình "
                "thức phù hợp, bảo đảm hiệu quả, chất lượng, tiết kiệm.\n"
                "- Theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện các nhiệm vụ đề ra tại Kế "
                "hoạch này.",
            ),
            (
                "Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố",
                "- Đề xuất khen thưởng đối với tập thể và cá nhân có thành tích xuất sắc (nếu có) theo hướng "
                "dẫn của Sở Nội vụ.",
            ),
            (
                "Đài Phát thanh và Truyền hình tỉnh Khánh Hòa, Báo Khánh Hòa",
                "- Lồng ghép thông tin, tuyên truyền về tình hình thực hiện các nhiệm vụ đề ra tại Kế hoạch "
                "này trong các chuyên mục cải cách hành chính định kỳ phát trên sóng Đài Phát thanh và "
                "Truyền hình tỉnh.",
            ),
        ],
        start=1,
    ):
        models.Assignment.objects.create(plan=plan, position=position, agency_text=agency_text, duties=duties)
    _create_tasks(plan, SEED_003_TASKS)
    return decision


def long_plan(n_tasks: int = 40, *, issued: bool = False) -> models.Plan:
    """A draft plan whose task table spans several pages, with a landscape phụ lục
    repeating the table and a second phụ lục of text."""
    plan = PlanFactory(
        year=2024,
        title="Triển khai nhiệm vụ cải cách hành chính năm 2024",
        opening="Thực hiện Quyết định số 3994/QĐ-UBND ngày 31/12/2019 của UBND tỉnh, UBND tỉnh ban hành "
        "Kế hoạch triển khai như sau:",
        closing="Trên đây là Kế hoạch triển khai nhiệm vụ cải cách hành chính năm 2024.",
        **(
            {"number": 5, "issued_on": datetime.date(2024, 1, 4), "status": DocumentStatus.ISSUED}
            if issued
            else {}
        ),
    )
    section(plan, "MỤC ĐÍCH, YÊU CẦU", "- Nội dung thứ nhất.\n- Nội dung thứ hai.", position=1)
    section(plan, "NHIỆM VỤ CỤ THỂ", block="plan.tasks", position=2)
    for i in range(1, n_tasks + 1):
        TaskFactory(
            plan=plan,
            position=i,
            description=f"Nhiệm vụ số {i}: rà soát, đánh giá và báo cáo kết quả thực hiện nhiệm vụ cải cách "
            f"hành chính của các cơ quan, đơn vị trong quý.",
            time_frame=f"Quý {['I', 'II', 'III', 'IV'][i % 4]}/2024",
            lead="Sở Nội vụ",
            cooperating="Các cơ quan, đơn vị liên quan",
        )
    models.Appendix.objects.create(
        plan=plan, position=1, title="Bảng theo dõi tiến độ", block="plan.tasks", landscape=True
    )
    models.Appendix.objects.create(
        plan=plan,
        position=2,
        title="Mẫu báo cáo",
        subtitle="Dành cho các cơ quan, đơn vị",
        body="Tên cơ quan, đơn vị: ..........\nKết quả thực hiện: ..........",
    )
    return plan
