"""Demo data: the agencies directory of Khánh Hòa and the three seed documents.

``load_agencies`` reads plans/fixtures/agencies_khanh_hoa.json;
``load_seed_documents`` enters the three signed documents of
/work/shared/seeds as records, word for word, so that printing them shows
whether the app reproduces real plans:

- 000: Kế hoạch 15/KH-UBND of 05/02/2020 (review conference of 2019),
- 001: Kế hoạch 4417/KH-UBND of 10/5/2023 (PAR-Index, SIPAS, PCI, PAPI
  conference),
- 003: Quyết định 908/QĐ-UBND of 22/4/2020 and the plan it issues (review of
  the 2011 - 2020 administrative-reform programme, with the task table).

Both functions are idempotent. A seed document is identified by its title,
issuing agency and year (a decision by title, agency and number): when it
exists it is left alone, unless ``refresh=True`` rebuilds it.

What was changed from the text extractions, and why:
- The extractions lost the header grid, the signer titles and the number and
  date of seed 000; those come from the printed example
  (/work/shared/examples/kh-page-1.png: 15/KH-UBND, 05/02/2020) and from
  who signed (Nguyễn Đắc Tài and, in 2020, Nguyễn Tấn Tuân were Phó Chủ
  tịch; seed 001 prints "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH").
- Page breaks that split a sentence or a table cell are joined ("… của" /
  "các cơ quan …", "Khoa học và Công" / "nghệ", "Tháng" / "9/2020",
  "không đạt" / "được"); row 3 of the task table lost the word "Hòa" after
  "tỉnh Khánh" at a page break and gets it back.
- "Công TTĐT" / "Cảng TTĐT" in the recipients is "Cổng TTĐT" (the portal)
  with its diacritic lost in extraction.
- Markdown and HTML noise of the extraction ("- +" list markers, <ul>/<li>,
  "**" around headings) is dropped; bullets are written "- " and "+ " as in
  the paper documents; italics that the extraction kept stay *italic*.
- Recipients are stored one per line without "- " and final punctuation
  (the printer adds them); the final "Lưu: …" line is ``archive``.
- The agenda appendices of seeds 000 and 001 belong to the conference
  feature and are not entered here; the line "(Đính kèm dự kiến nội dung
  chương trình Hội nghị)" stays.
- Seed 003's attached plan ends with a signature "Nguyễn Văn Tuấn" whose
  title lines were lost; the name is kept as printed and the title lines
  are taken to be those of the decision (an assumption).
- Dashes are kept as printed: the seeds mix "2011 - 2020" and "2021 – 2030".
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from documents.models import DocumentStatus

from .models import (
    Agency,
    AgencyKind,
    Assignment,
    AssignmentLayout,
    Decision,
    DecisionArticle,
    Objective,
    ObjectivesStyle,
    Plan,
    Section,
    Task,
)
from .timeframes import due_date

AGENCIES_FILE = Path(__file__).resolve().parent / "fixtures" / "agencies_khanh_hoa.json"
PROVINCE = "Khánh Hòa"

UBND_TINH = "Ủy ban nhân dân tỉnh Khánh Hòa"
SIGNER_DEPUTY = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
SIGNER_CHAIRMAN = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"


# --- the agencies directory ---------------------------------------------------


def load_agencies(path: Path = AGENCIES_FILE) -> tuple[int, int]:
    """Create or update the agency kinds (by code) and agencies (by name and
    province) of the directory file. Returns (kinds, agencies) counts."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    province = data["province"]
    place = data.get("place", province)
    with transaction.atomic():
        kinds = {}
        for record in data["kinds"]:
            kind, _ = AgencyKind.objects.update_or_create(
                code=record["code"],
                defaults={"name": record["name"], "position": record.get("position", 0)},
            )
            kinds[kind.code] = kind

        agencies = {}
        for position, record in enumerate(data["agencies"], start=1):
            agency, _ = Agency.objects.update_or_create(
                name=record["name"],
                province=province,
                defaults={
                    "short_name": record.get("short_name", ""),
                    "kind": kinds[record["kind"]],
                    "header_name": record.get("header_name", ""),
                    "header_short": record.get("header_short", ""),
                    "place": record.get("place", place),
                    "position": position * 10,
                },
            )
            agencies[agency.name] = agency

        # Parents in a second pass: the file need not list parents first.
        for record in data["agencies"]:
            agency = agencies[record["name"]]
            parent = agencies[record["parent"]] if record.get("parent") else None
            if agency.parent_id != (parent.pk if parent else None):
                agency.parent = parent
                agency.save(update_fields=["parent"])
    return len(kinds), len(agencies)


# --- how the seeds are written down --------------------------------------------

# A task cell that names a whole group the directory holds completely is
# linked to every member (for follow-up per district); other groups ("Các
# sở, ban, ngành", "các cơ quan liên quan") stay text only.
DISTRICTS = "@ubnd-huyen"


@dataclass
class T:
    """A row of the task table."""

    description: str
    time_frame: str = ""
    lead: str = ""
    cooperating: str = ""
    leads: tuple[str, ...] = ()
    cooperators: tuple[str, ...] = ()
    numbered: bool = True
    children: list[T] = field(default_factory=list)


@dataclass
class S:
    """A section: heading (without its number) and free text."""

    heading: str = ""
    body: str = ""
    block: str = ""
    children: list[S] = field(default_factory=list)
    numbered: bool = True


@dataclass
class A:
    """An assignment of TỔ CHỨC THỰC HIỆN."""

    agency_text: str
    layout: str
    duties: str
    agency: str = ""


def _lines(*lines: str) -> str:
    return "\n".join(lines)


# --- seed 000: Kế hoạch 15/KH-UBND, 05/02/2020 -------------------------------------

SEED_000 = {
    "year": 2020,
    "number": 15,
    "issued_on": datetime.date(2020, 2, 5),
    "title": _lines(
        "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019,",
        "triển khai Kế hoạch cải cách hành chính tỉnh năm 2020",
    ),
    "objectives_style": ObjectivesStyle.BULLETS,
    "objectives": [
        (
            Objective.Kind.PURPOSE,
            "Tổng kết, đánh giá những kết quả đạt được, tồn tại, hạn chế trong công tác "
            "cải cách hành chính năm 2019.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Báo cáo kết quả khảo sát, đánh giá mức độ hài lòng của tổ chức, cá nhân đối với sự "
            "phục vụ của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập năm 2019.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Báo cáo tổng hợp kết quả thực hiện công tác cải cách hành chính của các sở, ngành, "
            "địa phương năm 2019.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Quán triệt mục tiêu, nhiệm vụ và giải pháp cải cách hành chính tỉnh năm 2020.",
        ),
    ],
    "sections": [
        S("MỤC ĐÍCH, YÊU CẦU", block="plan.objectives"),
        S(
            "NỘI DUNG HỘI NGHỊ",
            _lines(
                "- Tổng kết công tác cải cách hành chính tỉnh năm 2019.",
                "- Công bố Chỉ số hài lòng của tổ chức, cá nhân đối với sự phục vụ của các sở, ngành "
                "thuộc tỉnh, các cơ quan ngành dọc, UBND các huyện, thị xã, thành phố, các bệnh viện "
                "đa khoa, chuyên khoa, phòng khám đa khoa khu vực, các đơn vị trường học trên địa bàn "
                "tỉnh năm 2019.",
                "- Công bố Chỉ số và kết quả xếp hạng cải cách hành chính năm 2019 của các sở, ngành, "
                "đơn vị, địa phương.",
                "- Khen thưởng các cơ quan, đơn vị, cá nhân có thành tích xuất sắc trong công tác cải "
                "cách hành chính năm 2019.",
                "- Triển khai các nội dung trọng tâm Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm "
                "2020 và các giải pháp triển khai thực hiện. Thảo luận các vấn đề triển khai thực hiện.",
                "*(Đính kèm dự kiến nội dung chương trình Hội nghị).*",
            ),
        ),
        S(
            "THÀNH PHẦN THAM DỰ",
            children=[
                S(body="Chủ trì Hội nghị: Lãnh đạo UBND tỉnh."),
                S(
                    body="Sở Nội vụ phối hợp Văn phòng UBND tỉnh tham mưu công tác tổ chức, "
                    "điều hành Hội nghị."
                ),
                S(
                    body=_lines(
                        "Đại biểu khách mời:",
                        "- Thường trực Tỉnh ủy, Thường trực Hội đồng nhân dân tỉnh;",
                        "- Lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy, Văn phòng Đoàn Đại biểu "
                        "Quốc hội tỉnh, Văn phòng Hội đồng nhân dân tỉnh, Mặt trận Tổ quốc và các đoàn "
                        "thể chính trị - xã hội cấp tỉnh; Thường trực cấp ủy cấp huyện.",
                    )
                ),
                S(
                    body=_lines(
                        "Đại biểu triệu tập:",
                        "- Thành viên các tổ chức chỉ đạo, điều hành cải cách hành chính tỉnh: Ban Chỉ "
                        "đạo Cải cách hành chính tỉnh, Ban Điều hành Đề án thành lập Trung tâm Dịch vụ "
                        "hành chính công trực tuyến tỉnh; Ban Chỉ đạo hoạt động của Trung tâm Dịch vụ "
                        "hành chính công trực tuyến tỉnh; Hội đồng thẩm định kết quả đánh giá, xếp hạng "
                        "cải cách hành chính tỉnh; các Tổ thư ký, giúp việc liên quan.",
                        "- Lãnh đạo, công chức, viên chức tham mưu, phụ trách, theo dõi, giúp việc về "
                        "công tác cải cách hành chính của các cơ quan chuyên môn cấp tỉnh và Ban Quản lý "
                        "Khu kinh tế Vân Phong, các cơ quan ngành dọc cấp tỉnh, các đơn vị sự nghiệp công "
                        "lập trực thuộc UBND tỉnh.",
                        "- Chủ tịch UBND các huyện, thị xã, thành phố; lãnh đạo và chuyên viên tham mưu "
                        "công tác cải cách hành chính của Văn phòng HĐND và UBND, Phòng Nội vụ các "
                        "huyện, thị xã, thành phố.",
                        "- Đại diện tập thể và các cá nhân được khen thưởng thành tích cải cách hành "
                        "chính năm 2019.",
                    )
                ),
                S(body="Các cơ quan thông tin đại chúng của tỉnh: Mời tham dự và đưa tin."),
                S(body="Tổng số lượng đại biểu dự kiến: 150 người."),
            ],
        ),
        S(
            "THỜI GIAN VÀ ĐỊA ĐIỂM",
            _lines(
                "- Thời gian tổ chức Hội nghị: dự kiến ngày 25/02/2020 (01 ngày).",
                "- Địa điểm: Hội trường UBND tỉnh.",
            ),
        ),
        S(
            "KINH PHÍ TỔ CHỨC HỘI NGHỊ",
            "Kinh phí cải cách hành chính tỉnh được cấp trong ngân sách Sở Nội vụ năm 2020.",
        ),
        S("TỔ CHỨC THỰC HIỆN", block="plan.assignments"),
    ],
    "assignments": [
        A(
            "Sở Nội vụ",
            AssignmentLayout.SENTENCE,
            _lines(
                "chuẩn bị và trình bày Báo cáo kết quả khảo sát, đánh giá mức độ hài lòng của tổ chức, "
                "cá nhân năm 2019 đối với sự phục vụ của các sở, ngành thuộc tỉnh, các cơ quan ngành "
                "dọc, UBND các huyện, thị xã, thành phố, các bệnh viện đa khoa, chuyên khoa, phòng khám "
                "đa khoa khu vực trên địa bàn tỉnh năm 2019; Báo cáo kết quả đánh giá, xếp hạng kết quả "
                "công tác CCHC năm 2019 của các cơ quan, đơn vị trên địa bàn tỉnh và triển khai Kế "
                "hoạch cải cách hành chính tỉnh năm 2020.",
                "Nghiên cứu, lựa chọn và đề nghị các cơ quan có liên quan xây dựng báo cáo tham luận "
                "các chuyên đề cải cách hành chính.",
            ),
            agency="Sở Nội vụ",
        ),
        A(
            "Văn phòng UBND tỉnh",
            AssignmentLayout.COLON,
            "Phối hợp với Sở Nội vụ tham mưu UBND tỉnh công tác điều hành Hội nghị, tiếp đón đại "
            "biểu; phát hành giấy mời, bố trí hội trường, chuẩn bị các tài liệu để Thường trực Tỉnh "
            "ủy, Lãnh đạo UBND tỉnh phát biểu chỉ đạo, kết luận Hội nghị.",
            agency="Văn phòng Ủy ban nhân dân tỉnh",
        ),
        A(
            "Sở Giáo dục và Đào tạo",
            AssignmentLayout.SENTENCE,
            "chuẩn bị và báo cáo kết quả Chỉ số hài lòng năm 2019 đối với các đơn vị trường học.",
            agency="Sở Giáo dục và Đào tạo",
        ),
        A(
            "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố",
            AssignmentLayout.SENTENCE,
            "cử đại biểu tham dự theo đúng thành phần được mời; chuẩn bị ý kiến thảo luận tại Hội "
            "nghị; xây dựng tham luận theo đề nghị phối hợp của Sở Nội vụ; thông báo triệu tập đại "
            "diện các tập thể và các cá nhân được khen thưởng thành tích cải cách hành chính năm 2019 "
            "thuộc cơ quan, địa phương tham dự Hội nghị.",
        ),
    ],
    "closing": _lines(
        "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019, "
        "triển khai Kế hoạch cải cách hành chính tỉnh năm 2020.",
        "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị có liên quan khẩn trương triển khai, "
        "phối hợp thực hiện./.",
    ),
    "recipients": _lines(
        "Như thành phần Hội nghị (VBĐT)",
        "TT. Tỉnh ủy, TT. HĐND tỉnh",
        "Các cơ quan tham mưu Tỉnh ủy",
        "Các tổ chức CT-XH tỉnh",
        "Đài PT-TH Khánh Hòa, Báo Khánh Hòa",
        "Cổng TTĐT tỉnh",
        "Cổng TTĐT CCHC tỉnh",
    ),
    "archive": "VT, DL, SNV",
    "signer_title": SIGNER_DEPUTY,
    "signer_name": "Nguyễn Đắc Tài",
}


# --- seed 001: Kế hoạch 4417/KH-UBND, 10/5/2023 ------------------------------------

SEED_001 = {
    "year": 2023,
    "number": 4417,
    "issued_on": datetime.date(2023, 5, 10),
    "title": _lines(
        "Tổ chức Hội nghị phân tích, đánh giá",
        "các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022",
        "và bàn giải pháp tiếp tục cải thiện các Chỉ số đánh giá tỉnh Khánh Hòa",
    ),
    "objectives_style": ObjectivesStyle.NUMBERED,
    "objectives": [
        (
            Objective.Kind.PURPOSE,
            "Cập nhật kết quả đánh giá các Chỉ số Cải cách hành chính (PAR-Index), Chỉ số năng lực "
            "cạnh tranh cấp tỉnh (PCI), Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) "
            "và Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của "
            "cơ quan hành chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào tạo trên địa "
            "bàn tỉnh Khánh Hòa năm 2022.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Thảo luận giải pháp tiếp tục cải thiện điểm số và thứ hạng của các Chỉ số PAR-Index, PCI, PAPI.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Thống nhất nhận thức về ý nghĩa và tầm quan trọng của những Chỉ số trên, nâng cao trách "
            "nhiệm của đội ngũ cán bộ, công chức, viên chức trong việc thực hiện các nội dung, nhiệm "
            "vụ, giải pháp nhằm tiếp tục cải thiện và nâng cao Chỉ số PAR-Index, PCI, PAPI của tỉnh "
            "và mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan mình.",
        ),
    ],
    "sections": [
        S("MỤC ĐÍCH, YÊU CẦU", block="plan.objectives"),
        S(
            "NỘI DUNG, THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ",
            children=[
                S(
                    "Nội dung",
                    _lines(
                        "- Báo cáo phân tích, đánh giá kết quả các Chỉ số PAR-Index, PCI, PAPI của "
                        "tỉnh năm 2022.",
                        "- Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục "
                        "vụ của cơ quan hành chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào "
                        "tạo trên địa bàn tỉnh Khánh Hòa năm 2022.",
                        "- Thảo luận giải pháp tiếp tục cải thiện điểm số và thứ hạng các Chỉ số đánh "
                        "giá tỉnh trong năm 2023 và những năm tiếp theo.",
                        "(Đính kèm dự kiến nội dung chương trình Hội nghị).",
                    ),
                ),
                S(
                    "Thành phần",
                    children=[
                        S(
                            body=_lines(
                                "Chủ trì hội nghị: Lãnh đạo UBND tỉnh.",
                                "Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.",
                            )
                        ),
                        S(
                            body=_lines(
                                "Đại biểu tham dự: Dự kiến 200 đại biểu, gồm:",
                                "- Đại biểu mời:",
                                "+ Ban Thường vụ Tỉnh ủy;",
                                "+ Đại biểu Quốc hội tỉnh Khánh Hòa;",
                                "+ Thường trực Hội đồng nhân dân tỉnh;",
                                "+ Lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy, Văn phòng Đoàn Đại "
                                "biểu Quốc hội và Hội đồng nhân dân tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam "
                                "tỉnh, Hội Cựu chiến binh và các đoàn thể chính trị - xã hội cấp tỉnh;",
                                "+ Thường trực cấp ủy cấp huyện;",
                                "+ VCCI Khánh Hòa;",
                                "+ Đài Phát thanh và Truyền hình Khánh Hòa, Báo Khánh Hòa (tham dự và "
                                "đưa tin);",
                                "+ Đại diện các cơ quan thông tấn báo chí trên địa bàn tỉnh (*giao Sở "
                                "Thông tin và Truyền thông thông báo*).",
                                "- *Đại biểu triệu tập:*",
                                "+ Thành viên Ban Chỉ đạo Cải cách hành chính tỉnh và Tổ Thư ký của Ban "
                                "Chỉ đạo; thành viên Hội đồng thẩm định kết quả đánh giá, xếp hạng cải "
                                "cách hành chính tỉnh và Tổ giúp việc của Hội đồng; Tổ công tác PCI tỉnh.",
                                "+ Lãnh đạo các cơ quan chuyên môn cấp tỉnh và Ban Quản lý Khu kinh tế "
                                "Vân Phong, các cơ quan ngành dọc cấp tỉnh, các đơn vị sự nghiệp công "
                                "lập trực thuộc UBND tỉnh.",
                                "+ Lãnh đạo UBND các huyện, thị xã, thành phố; lãnh đạo Văn phòng HĐND "
                                "và UBND, Phòng Nội vụ các huyện, thị xã, thành phố (mỗi địa phương đăng "
                                "ký 03 lãnh đạo).",
                                "+ Lãnh đạo UBND các đơn vị cấp xã được chọn khảo sát phục vụ Chỉ số "
                                "PAPI, SIPAS của tỉnh.",
                                "+ Lãnh đạo Bưu điện tỉnh, một số doanh nghiệp, tổ chức hội và hiệp hội "
                                "cấp tỉnh.",
                            )
                        ),
                    ],
                ),
                S(
                    "Thời gian, địa điểm",
                    _lines(
                        "- Thời gian tổ chức Hội nghị: Trong tháng 5/2023.",
                        "- Địa điểm: Tại thành phố Nha Trang (dự kiến thuê hội trường khách sạn).",
                    ),
                ),
            ],
        ),
        S(
            "KINH PHÍ TỔ CHỨC HỘI NGHỊ",
            _lines(
                "Kinh phí tổ chức Hội nghị được bố trí từ nguồn kinh phí cải cách hành chính tỉnh năm "
                "2023 và nguồn kinh phí tài trợ, xã hội hóa theo quy định.",
                "Nội dung chi, định mức chi, thanh quyết toán kinh phí Hội nghị thực hiện theo quy định "
                "của Bộ Tài chính và các quy định, hướng dẫn có liên quan.",
            ),
        ),
        S("TỔ CHỨC THỰC HIỆN", block="plan.assignments"),
    ],
    "assignments": [
        A(
            "Sở Nội vụ",
            AssignmentLayout.HEADING,
            _lines(
                "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức, triển khai thực hiện "
                "Kế hoạch này.",
                "- Chủ trì, phối hợp Văn phòng UBND tỉnh chuẩn bị nội dung phát biểu kết luận của Lãnh "
                "đạo UBND tỉnh; xây dựng chương trình, kịch bản chi tiết điều hành Hội nghị.",
                "- Thống nhất nội dung chương trình, thời gian, địa điểm, bố trí nguồn kinh phí hợp lý "
                "cho công tác tổ chức Hội nghị.",
                "- Chuẩn bị và trình bày báo cáo kết quả Chỉ số PAR-INDEX, SIPAS, PAPI của tỉnh năm "
                "2022 và Báo cáo kết quả Chỉ số mức độ hài lòng của tổ chức, cá nhân đối với sự phục "
                "vụ của cơ quan hành chính nhà nước, các đơn vị sự nghiệp y tế, giáo dục và đào tạo "
                "trên địa bàn tỉnh Khánh Hòa năm 2022 (kèm trình chiếu PowerPoint).",
            ),
            agency="Sở Nội vụ",
        ),
        A(
            "Sở Kế hoạch và Đầu tư",
            AssignmentLayout.HEADING,
            "Chuẩn bị và trình bày Báo cáo kết quả Chỉ số PCI của tỉnh năm 2022 (kèm trình chiếu "
            "PowerPoint).",
            agency="Sở Kế hoạch và Đầu tư",
        ),
        A(
            "Văn phòng UBND tỉnh",
            AssignmentLayout.HEADING,
            _lines(
                "- Phối hợp Sở Nội vụ tham mưu UBND tỉnh công tác tổ chức, điều hành Hội nghị.",
                "- Phát hành giấy mời, bố trí nhân sự tiếp đón đại biểu khách mời.",
            ),
            agency="Văn phòng Ủy ban nhân dân tỉnh",
        ),
        A(
            "Các sở, ngành, đơn vị, địa phương",
            AssignmentLayout.COLON,
            "cử đại biểu tham dự theo đúng thành phần và thời gian theo giấy mời; chuẩn bị ý kiến "
            "thảo luận tại Hội nghị.",
        ),
        A(
            "Đề nghị Văn phòng Tỉnh ủy",
            AssignmentLayout.COLON,
            "phối hợp chuẩn bị nội dung, tài liệu liên quan để Thường trực Tỉnh ủy phát biểu chỉ đạo "
            "tại Hội nghị.",
            agency="Văn phòng Tỉnh ủy",
        ),
        A(
            "Đài Phát thanh và Truyền hình Khánh Hòa, Báo Khánh Hòa",
            AssignmentLayout.COLON,
            "Thực hiện đưa tin, bài về Hội nghị; hỗ trợ truyền thông Hội nghị.",
        ),
    ],
    "closing": "UBND tỉnh đề nghị các cơ quan, đơn vị có liên quan triển khai, phối hợp thực hiện./.",
    "recipients": _lines(
        "Như thành phần Hội nghị (VBĐT)",
        "TT. Tỉnh ủy, TT. HĐND tỉnh",
        "Các cơ quan tham mưu, giúp việc Tỉnh ủy",
        "Các tổ chức CT-XH tỉnh",
        "Đài PT-TH Khánh Hòa, Báo Khánh Hòa",
        "Cổng TTĐT tỉnh",
        "Cổng TTĐT CCHC tỉnh",
    ),
    "archive": "VT, DL",
    "signer_title": SIGNER_CHAIRMAN,
    "signer_name": "Nguyễn Tấn Tuân",
}


# --- seed 003: Quyết định 908/QĐ-UBND, 22/4/2020, and the plan it issues ------------

SEED_003_DECISION = {
    "number": 908,
    "issued_on": datetime.date(2020, 4, 22),
    # Line breaks as on the printed example (examples/qd-page-1.png).
    "title": _lines(
        "Ban hành Kế hoạch tổng kết thực hiện Chương trình tổng thể",
        "cải cách hành chính nhà nước tỉnh Khánh Hòa giai đoạn 2011 - 2020",
        "và xây dựng Chương trình cải cách hành chính nhà nước",
        "giai đoạn 2021 – 2030",
    ),
    "authority_line": "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "legal_bases": _lines(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ ban hành Chương "
        "trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 – 2020; Quyết định số "
        "225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ phê duyệt Kế hoạch cải cách "
        "hành chính nhà nước giai đoạn 2016 – 2020;",
        "Căn cứ Quyết định số 20/QĐ-BCĐCCCHC ngày 20 tháng 12 năm 2019 của Trưởng Ban Chỉ đạo cải "
        "cách hành chính của Chính phủ về việc ban hành Kế hoạch tổng kết thực hiện Chương trình "
        "tổng thể cải cách hành chính nhà nước giai đoạn 2011 – 2020 và xây dựng Chương trình tổng "
        "thể cải cách hành chính nhà nước giai đoạn 2021 – 2030;",
        "Căn cứ Quyết định số 3377/QĐ-UBND ngày 18 tháng 12 năm 2011 của UBND tỉnh Khánh Hòa ban "
        "hành Chương trình cải cách hành chính tỉnh Khánh Hòa giai đoạn 2011 - 2020; Quyết định số "
        "3777/QĐ-UBND ngày 25 tháng 12 năm 2015 của UBND tỉnh ban hành Kế hoạch cải cách chính tỉnh "
        "Khánh Hòa giai đoạn 2016 – 2020;",
        "Căn cứ Quyết định số 3994/QĐ-UBND ngày 31 tháng 12 năm 2019 của UBND tỉnh Khánh Hòa ban "
        "hành Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2020;",
    ),
    "proposal": "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 823/TTr-SNV ngày 14 tháng 4 năm 2020.",
    "articles": [
        "Ban hành kèm theo Quyết định này Kế hoạch tổng kết thực hiện Chương trình tổng thể cải "
        "cách hành chính nhà nước tỉnh Khánh Hòa giai đoạn 2011 - 2020 và xây dựng Chương trình cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030.",
        "Căn cứ Kế hoạch ban hành kèm theo Quyết định này, các cơ quan, đơn vị, địa phương nghiên "
        "cứu, cụ thể hóa và tổ chức triển khai thống nhất, đồng bộ, hiệu quả.",
        "Giám đốc Sở Nội vụ có trách nhiệm tham mưu, giúp Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban "
        "nhân dân tỉnh đôn đốc, theo dõi và kiểm tra việc thực hiện Kế hoạch.",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành "
        "thuộc tỉnh, các cơ quan ngành dọc cấp tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thị xã, "
        "thành phố và Thủ trưởng các cơ quan, đơn vị và tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này kể từ ngày ký./.",
    ],
    "recipients": _lines(
        "Như Điều 4 (t/h)",
        "Văn phòng Chính phủ",
        "Bộ Nội vụ",
        "Thường trực Tỉnh ủy",
        "Thường trực HĐND tỉnh",
        "Chủ tịch và các Phó CT UBND tỉnh",
        "Ban Pháp chế HĐND tỉnh",
        "Các sở, ban, ngành",
        "Các cơ quan ngành dọc cấp tỉnh",
        "UBND các huyện, thị xã, thành phố",
        "Cổng TTĐT tỉnh",
        "Cổng TTĐT CCHC tỉnh",
        "Đài PT-TH, Báo Khánh Hòa",
    ),
    "archive": "VT, DL",
    "signer_title": SIGNER_DEPUTY,
    "signer_name": "Nguyễn Tấn Tuân",
}

_REPORT_TO = (
    "Văn phòng UBND tỉnh, các Sở: Nội vụ, Tư pháp, Tài chính, Thông tin và Truyền thông, "
    "Khoa học và Công nghệ"
)
_FIELD_LEADS = (
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
)

SEED_003_TASKS = [
    T(
        "Xây dựng Kế hoạch tổng kết giai đoạn 2011 - 2020",
        children=[
            T(
                "Tham mưu UBND tỉnh ban hành Kế hoạch tổng kết giai đoạn 2011 – 2020.",
                "Tháng 4/2020",
                "Sở Nội vụ",
                "Các cơ quan, đơn vị liên quan",
                leads=("Sở Nội vụ",),
            ),
            T(
                "UBND các huyện, thị xã, thành phố ban hành Kế hoạch tổng kết của từng địa phương",
                "Tháng 4/2020",
                "UBND các huyện, thị xã, thành phố",
                "UBND các xã, phường, thị trấn",
                leads=(DISTRICTS,),
            ),
        ],
    ),
    T(
        "Xây dựng báo cáo tổng kết giai đoạn 2011 – 2020 (theo đề cương kèm theo)",
        children=[
            T(
                f"Các cơ quan, đơn vị xây dựng, gửi báo cáo tổng kết về {_REPORT_TO}",
                "Trước ngày 01/6/2020",
                "Các sở, ban, ngành; cơ quan ngành dọc cấp tỉnh; đơn vị sự nghiệp trực thuộc UBND tỉnh",
                "Các cơ quan, đơn vị liên quan",
            ),
            T(
                f"Các địa phương xây dựng, gửi báo cáo tổng kết về {_REPORT_TO}",
                "Trước ngày 03/6/2020",
                "UBND các huyện, thị xã, thành phố",
                "UBND các xã, phường, thị trấn",
                leads=(DISTRICTS,),
            ),
            T(
                _lines(
                    "Văn phòng UBND tỉnh, các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa "
                    "học và Công nghệ tổng hợp, gửi báo cáo về Sở Nội vụ",
                    "Lĩnh vực phân công phụ trách tổng hợp, báo cáo:",
                ),
                "Trước ngày 10/6/2020",
                "Văn phòng UBND tỉnh, các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học "
                "và Công nghệ",
                leads=_FIELD_LEADS,
                children=[
                    T(
                        "- Tổng kết công tác chỉ đạo, điều hành CCHC; thực hiện cơ chế một cửa, một cửa "
                        "liên thông; cải cách tổ chức bộ máy hành chính; xây dựng và nâng cao chất lượng "
                        "đội ngũ cán bộ, công chức, viên chức",
                        lead="Sở Nội vụ",
                        leads=("Sở Nội vụ",),
                        numbered=False,
                    ),
                    T(
                        "- Tổng kết, đánh giá kết quả thực hiện cải cách thể chế",
                        lead="Sở Tư pháp",
                        leads=("Sở Tư pháp",),
                        numbered=False,
                    ),
                    T(
                        "- Cải cách tài chính công; đẩy mạnh thực hiện chế độ tự chủ, tự chịu trách "
                        "nhiệm về sử dụng biên chế và kinh phí quản lý hành chính đối với các cơ quan "
                        "nhà nước; cơ chế tự chủ của đơn vị sự nghiệp công lập; đẩy mạnh xã hội hóa các "
                        "dịch vụ công",
                        lead="Sở Tài chính",
                        leads=("Sở Tài chính",),
                        numbered=False,
                    ),
                    T(
                        "- Ứng dụng công nghệ thông tin trong hoạt động của các cơ quan hành chính nhà "
                        "nước và xây dựng Chính phủ điện tử",
                        lead="Sở Thông tin và Truyền thông",
                        leads=("Sở Thông tin và Truyền thông",),
                        numbered=False,
                    ),
                    T(
                        "- Việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO "
                        "9001:2008 và ISO 9010:2015",
                        lead="Sở Khoa học và Công nghệ",
                        leads=("Sở Khoa học và Công nghệ",),
                        numbered=False,
                    ),
                ],
            ),
        ],
    ),
    T(
        "Trình UBND tỉnh dự thảo báo cáo tổng kết công tác CCHC tỉnh Khánh Hòa",
        "Trước ngày 23/6/2020",
        "Sở Nội vụ",
        "Các cơ quan liên quan",
        leads=("Sở Nội vụ",),
    ),
    T(
        "Tham mưu UBND tỉnh lập hồ sơ đề nghị khen thưởng Bằng khen của Bộ trưởng Bộ Nội vụ, Bằng "
        "khen của Thủ tướng Chính phủ gửi Bộ Nội vụ",
        "Trước ngày 23/7/2020",
        "Sở Nội vụ",
        "Tập thể, cá nhân được đề xuất khen thưởng",
        leads=("Sở Nội vụ",),
    ),
    T(
        "Xây dựng báo cáo chuyên đề phục vụ tổng kết CCHC giai đoạn của tỉnh",
        "Tháng 8/2020",
        "Sở Nội vụ đặt hàng các cơ quan, đơn vị",
        "Các cơ quan, đơn vị có liên quan",
        leads=("Sở Nội vụ",),
    ),
    T(
        "Các cơ quan, đơn vị, địa phương tổ chức tổng kết công tác CCHC giai đoạn 2011 - 2020 tại "
        "cơ quan, đơn vị, địa phương.",
        "Tháng 8/2020",
        _lines("- Các cơ quan, đơn vị, địa phương;", "- Sở Nội vụ hướng dẫn thực hiện"),
        "Văn phòng UBND tỉnh và các cơ quan liên quan",
        leads=("Sở Nội vụ",),
        cooperators=("Văn phòng Ủy ban nhân dân tỉnh",),
    ),
    T(
        "Đề xuất biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác CCHC "
        "giai đoạn 2011 – 2020",
        "Tháng 9/2020",
        "Sở Nội vụ hướng dẫn, đề xuất",
        "Các cơ quan, đơn vị, cá nhân có liên quan",
        leads=("Sở Nội vụ",),
    ),
    T(
        "Tổ chức Hội nghị tổng kết công tác CCHC giai đoạn 2011 - 2020",
        "Tháng 9/2020",
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh và các cơ quan, đơn vị có liên quan",
        leads=("Sở Nội vụ",),
        cooperators=("Văn phòng Ủy ban nhân dân tỉnh",),
    ),
    T(
        "Xây dựng, trình UBND tỉnh ban hành Chương trình CCHC tỉnh Khánh Hòa giai đoạn 2021 - 2030",
        "Theo hướng dẫn của Trung ương",
        "Sở Nội vụ",
        "Các cơ quan, đơn vị liên quan",
        leads=("Sở Nội vụ",),
    ),
]

SEED_003_PLAN = {
    "year": 2020,
    "number": None,
    "issued_on": None,
    "title": "Tổng kết thực hiện Chương trình tổng thể cải cách hành chính nhà nước tỉnh Khánh Hòa "
    "giai đoạn 2011 - 2020 và xây dựng Chương trình cải cách hành chính nhà nước giai đoạn 2021 – 2030",
    "objectives_style": ObjectivesStyle.GROUPED,
    "objectives": [
        (
            Objective.Kind.PURPOSE,
            "Đánh giá toàn diện tình hình triển khai và kết quả thực hiện các mục tiêu, nhiệm vụ của "
            "Chương trình tổng thể cải cách hành chính (CCHC) nhà nước giai đoạn 2011 – 2020 trên địa "
            "bàn tỉnh Khánh Hòa theo Nghị quyết 30c/NQ-CP ngày 08/11/2011 của Chính phủ; Kế hoạch "
            "CCHC nhà nước giai đoạn 2016 - 2020 kèm theo Quyết định số 225/QĐ-TTg ngày 04/02/2016 "
            "của Thủ tướng Chính phủ, Chương trình cải cách hành chính tỉnh Khánh Hòa giai đoạn 2011 "
            "– 2020 kèm theo Quyết định số 3377/QĐ-UBND ngày 18/12/2011 của UBND tỉnh, Kế hoạch cải "
            "cách chính tỉnh Khánh Hòa giai đoạn 2016 – 2020 kèm theo Quyết định số 3777/QĐ-UBND ngày "
            "25/12/2015 của UBND tỉnh; xác định rõ những kết quả nổi bật đã đạt được, chỉ rõ những tồn "
            "tại, hạn chế, nguyên nhân và bài học kinh nghiệm.",
        ),
        (
            Objective.Kind.PURPOSE,
            "Trên cơ sở đó, đề xuất các định hướng, giải pháp, nhiệm vụ cải cách hành chính nhà nước "
            "giai đoạn 2021 - 2030, phù hợp với chủ trương, đường lối của Đảng và yêu cầu xây dựng, "
            "phát triển đất nước trong tình hình mới. Kịp thời động viên, khích lệ những tập thể, cá "
            "nhân có thành tích xuất sắc, đóng góp thiết thực trong thực hiện công tác CCHC nhà nước "
            "giai đoạn 2011 - 2020, tạo động lực phấn đấu trong giai đoạn mới.",
        ),
        (
            Objective.Kind.REQUIREMENT,
            "Việc tổng kết, đánh giá phải bảo đảm tính toàn diện, thiết thực, hiệu quả, chất lượng, "
            "tiết kiệm; đánh giá đa chiều, với sự tham gia của tất cả cơ quan, đơn vị trên địa bàn "
            "tỉnh Khánh Hòa.",
        ),
        (
            Objective.Kind.REQUIREMENT,
            "Báo cáo tổng kết Chương trình bảo đảm đánh giá chính xác, toàn diện kết quả đạt được trên "
            "các nội dung cải cách hành chính; tập trung làm rõ kết quả so với mục tiêu, làm rõ mục "
            "tiêu đạt được, nguyên nhân những mục tiêu không đạt được; việc tổng hợp, phân tích các số "
            "liệu thống kê làm rõ kết quả đạt được trong thực hiện Chương trình tổng thể theo từng "
            "giai đoạn (giai đoạn 2011 – 2015 và giai đoạn 2016 – 2020). Đồng thời, đề xuất được những "
            "định hướng, nhiệm vụ, giải pháp trọng tâm cải cách hành chính nhà nước giai đoạn 2021 – "
            "2030 tập trung trên các nội dung về thể chế, thủ tục hành chính, tổ chức bộ máy hành "
            "chính nhà nước, xây dựng nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức, tài "
            "chính công và hiện đại hóa hành chính.",
        ),
        (
            Objective.Kind.REQUIREMENT,
            "Xây dựng, trình UBND tỉnh ban hành Chương trình cải cách hành chính nhà nước tỉnh Khánh "
            "Hòa giai đoạn 2021 - 2030; trong đó, xác định rõ mục tiêu, nhiệm vụ và trọng tâm cải "
            "cách hành chính; hệ thống giải pháp đồng bộ, bảo đảm tính khả thi, phù hợp với yêu cầu, "
            "điều kiện phát triển kinh tế - xã hội của tỉnh.",
        ),
        (
            Objective.Kind.REQUIREMENT,
            "Gắn việc tổng kết với công tác thi đua - khen thưởng, đề xuất được hình thức khen thưởng "
            "phù hợp cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện Chương trình cải "
            "cách hành chính nhà nước giai đoạn 2011 - 2020.",
        ),
    ],
    "sections": [
        S("MỤC ĐÍCH, YÊU CẦU", block="plan.objectives"),
        S(
            "NỘI DUNG, NHIỆM VỤ",
            children=[
                S(
                    "Xây dựng báo cáo tổng kết",
                    _lines(
                        "- Các cơ quan, đơn vị, địa phương căn cứ để cương, các phụ lục (*kèm theo kế "
                        "hoạch này*) và kết quả thực hiện công tác CCHC giai đoạn 2011 – 2020 của cơ "
                        "quan, đơn vị, địa phương mình để xây dựng báo cáo tổng kết; bảo đảm đánh giá đầy "
                        "đủ, cụ thể, chính xác, toàn diện kết quả đạt được trên các nội dung cải cách "
                        "hành chính; những ưu điểm, hạn chế, nguyên nhân và bài học kinh nghiệm. Đồng "
                        "thời, đề xuất được những định hướng, nhiệm vụ, giải pháp trọng tâm giai đoạn "
                        "2021 – 2030.",
                        "- Sở Nội vụ chủ trì, phối hợp các cơ quan liên quan xây dựng, tham mưu trình "
                        "UBND tỉnh ban hành Báo cáo tổng kết CCHC tỉnh Khánh Hòa giai đoạn 2011 - 2020 "
                        "theo đề cương và phụ lục do Bộ Nội vụ hướng dẫn tại Công văn số 6503/BNV-CCHC "
                        "ngày 24/12/2019.",
                    ),
                ),
                S(
                    "Biểu dương, khen thưởng",
                    _lines(
                        "- Các cơ quan, đơn vị, địa phương xem xét, quyết định theo thẩm quyền các hình "
                        "thức khen thưởng đối với tập thể, cá nhân có thành tích xuất sắc trong triển "
                        "khai thực hiện công tác CCHC giai đoạn 2011 – 2020 theo quy định của pháp luật "
                        "về thi đua khen thưởng.",
                        "- Sở Nội vụ chủ trì, phối hợp các cơ quan liên quan đánh giá, công nhận thành "
                        "tích và đề xuất hình thức khen thưởng Bằng khen của Chủ tịch UBND tỉnh đối với "
                        "các tập thể, cá nhân có thành tích xuất sắc trong thực hiện công tác CCHC giai "
                        "đoạn 2011 - 2020; hình thức khen thưởng Bằng khen của Bộ trưởng Bộ Nội vụ, Bằng "
                        "khen của Thủ tướng Chính phủ đối với các tập thể, cá nhân có thành tích tiêu "
                        "biểu xuất sắc trong thực hiện công tác CCHC giai đoạn 2011 – 2020.",
                    ),
                ),
                S(
                    "Hình thức tổng kết",
                    "Căn cứ tình hình và điều kiện thực tế, Sở Nội vụ tham mưu UBND tỉnh và hướng dẫn "
                    "các cơ quan, đơn vị, địa phương tổ chức tổng kết với hình thức phù hợp, bảo đảm "
                    "hiệu quả, chất lượng, tiết kiệm.",
                ),
                S("Tiến độ cụ thể", block="plan.tasks"),
            ],
        ),
        S(
            "KINH PHÍ THỰC HIỆN",
            "Các cơ quan, đơn vị, địa phương bố trí kinh phí bảo đảm cho việc tổng kết tại cơ quan, "
            "địa phương trong nguồn ngân sách theo quy định về quản lý ngân sách hiện hành.",
        ),
        S("TỔ CHỨC THỰC HIỆN", block="plan.assignments"),
    ],
    "tasks": SEED_003_TASKS,
    "assignments": [
        A(
            "Sở Nội vụ",
            AssignmentLayout.HEADING,
            _lines(
                "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu, trình Dự thảo Báo cáo "
                "tổng kết thực hiện Chương trình tổng thể cải cách hành chính nhà nước tỉnh Khánh Hòa "
                "giai đoạn 2011 – 2020, dự thảo Chương trình cải cách hành chính tỉnh Khánh Hòa giai "
                "đoạn 2021 – 2030.",
                "- Tham mưu UBND tỉnh và hướng dẫn các cơ quan, đơn vị, địa phương tổ chức tổng kết với "
                "hình thức phù hợp, bảo đảm hiệu quả, chất lượng, tiết kiệm.",
                "- Phối hợp Sở Thông tin và Truyền thông, Đài Phát thanh và Truyền hình Khánh Hòa, Báo "
                "Khánh Hòa tổ chức công tác thông tin, tuyên truyền về những kết quả nổi bật đã đạt "
                "được, những sáng kiến, giải pháp hiệu quả trong CCHC.",
                "- Chủ trì, hướng dẫn công tác bình xét thi đua khen thưởng; tổng hợp đề xuất khen "
                "thưởng của các cơ quan, đơn vị, địa phương trình Hội đồng thi đua khen thưởng tỉnh và "
                "cấp trên khen thưởng đối với các cá nhân, tập thể có thành tích xuất sắc, tiêu biểu "
                "xuất sắc trong thực hiện Chương trình cải cách hành chính giai đoạn 2011 - 2020.",
                "- Theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện các nhiệm vụ đề ra tại Kế "
                "hoạch này.",
            ),
            agency="Sở Nội vụ",
        ),
        A(
            "Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố",
            AssignmentLayout.HEADING,
            _lines(
                "- Xây dựng Kế hoạch và tổ chức thực hiện công tác tổng kết nghiêm túc, bảo đảm chất "
                "lượng, tiến độ thời gian; hình thức tổ chức tổng kết phù hợp, thiết thực, hiệu quả, "
                "tiết kiệm; gắn với biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc "
                "trong thực hiện CCHC giai đoạn 2011 – 2020 tại cơ quan, đơn vị.",
                "- Xây dựng Báo cáo tổng kết của cơ quan, đơn vị và phối hợp với Sở Nội vụ tham mưu UBND "
                "tỉnh Báo cáo tổng kết, Báo cáo chuyên đề của tỉnh theo lĩnh vực phân công tại Kế hoạch "
                "này; đề xuất mục tiêu và những nội dung, nhiệm vụ cải cách hành chính trọng tâm, cần "
                "thiết mà UBND tỉnh và các cơ quan, đơn vị cần thực hiện trong giai đoạn 2021 – 2030.",
                "- Đề xuất khen thưởng đối với tập thể và cá nhân có thành tích xuất sắc (nếu có) theo "
                "hướng dẫn của Sở Nội vụ.",
                "- Tích cực thông tin, tuyên truyền về những kết quả nổi bật đã đạt được, các sáng "
                "kiến, giải pháp hiệu quả trong cải cách hành chính tại cơ quan, đơn vị nói riêng và "
                "toàn tỉnh nói chung.",
            ),
        ),
        A(
            "Đài Phát thanh và Truyền hình tỉnh Khánh Hòa, Báo Khánh Hòa",
            AssignmentLayout.HEADING,
            _lines(
                "- Phối hợp thông tin, tuyên truyền về những kết quả nổi bật đã đạt được của cải cách "
                "hành chính, những sáng kiến điển hình, các giải pháp hiệu quả trong cải cách hành "
                "chính tại các cơ quan, đơn vị trên địa bàn tỉnh.",
                # The plan ends here: the end mark "./." is part of the text as printed.
                "- Lồng ghép thông tin, tuyên truyền về tình hình thực hiện các nhiệm vụ đề ra tại Kế "
                "hoạch này trong các chuyên mục cải cách hành chính định kỳ phát trên sóng Đài Phát "
                "thanh và Truyền hình tỉnh./.",
            ),
        ),
    ],
    "closing": "",
    # The attached plan prints no Nơi nhận of its own.
    "recipients": "",
    "archive": "",
    "signer_title": SIGNER_DEPUTY,
    "signer_name": "Nguyễn Văn Tuấn",
}


# --- loading ---------------------------------------------------------------------


class _Directory:
    """Agencies of the province by name, fetched once."""

    def __init__(self) -> None:
        agencies = list(Agency.objects.filter(province=PROVINCE).select_related("kind"))
        self.by_name = {agency.name: agency for agency in agencies}
        self.by_kind: dict[str, list[Agency]] = {}
        for agency in agencies:
            self.by_kind.setdefault(agency.kind.code, []).append(agency)

    def one(self, name: str) -> Agency:
        try:
            return self.by_name[name]
        except KeyError:
            raise LookupError(
                f"{name!r} is not in the agencies directory; run load_agencies() first"
            ) from None

    def many(self, names: tuple[str, ...]) -> list[Agency]:
        agencies: list[Agency] = []
        for name in names:
            if name.startswith("@"):
                agencies.extend(self.by_kind.get(name[1:], []))
            else:
                agencies.append(self.one(name))
        return agencies


def _seed_fields(seed: dict) -> dict:
    return {
        "number": seed["number"],
        "issued_on": seed["issued_on"],
        "signer_title": seed["signer_title"],
        "signer_name": seed["signer_name"],
        "recipients": seed["recipients"],
        "archive": seed["archive"],
        "status": DocumentStatus.ISSUED,
    }


def _find_plan(seed: dict, agency: Agency) -> Plan | None:
    return Plan.objects.filter(title=seed["title"], issuing_agency=agency, year=seed["year"]).first()


def _add_sections(plan: Plan, sections: list[S], parent: Section | None = None) -> None:
    for position, spec in enumerate(sections, start=1):
        section = Section.objects.create(
            plan=plan,
            parent=parent,
            position=position,
            heading=spec.heading,
            numbered=spec.numbered,
            body=spec.body,
            block=spec.block,
        )
        _add_sections(plan, spec.children, section)


def _add_tasks(plan: Plan, tasks: list[T], directory: _Directory, parent: Task | None = None) -> None:
    for position, spec in enumerate(tasks, start=1):
        due = due_date(spec.time_frame)
        if due is None and not spec.time_frame and parent is not None:
            # A bulleted sub-item with an empty time cell shares its row's deadline.
            due = parent.due_date
        task = Task.objects.create(
            plan=plan,
            parent=parent,
            position=position,
            numbered=spec.numbered,
            description=spec.description,
            time_frame=spec.time_frame,
            due_date=due,
            lead=spec.lead,
            cooperating=spec.cooperating,
        )
        task.lead_agencies.set(directory.many(spec.leads))
        task.cooperating_agencies.set(directory.many(spec.cooperators))
        _add_tasks(plan, spec.children, directory, task)


def _build_plan(seed: dict, agency: Agency, directory: _Directory, decision: Decision | None = None) -> Plan:
    plan = Plan.objects.create(
        issuing_agency=agency,
        year=seed["year"],
        title=seed["title"],
        objectives_style=seed["objectives_style"],
        closing=seed["closing"],
        decision=decision,
        **_seed_fields(seed),
    )
    for position, (kind, text) in enumerate(seed["objectives"], start=1):
        Objective.objects.create(plan=plan, kind=kind, position=position, text=text)
    _add_sections(plan, seed["sections"])
    _add_tasks(plan, seed.get("tasks", []), directory)
    for position, spec in enumerate(seed["assignments"], start=1):
        Assignment.objects.create(
            plan=plan,
            position=position,
            agency=directory.one(spec.agency) if spec.agency else None,
            agency_text=spec.agency_text,
            layout=spec.layout,
            duties=spec.duties,
        )
    return plan


def _build_decision(seed: dict, agency: Agency) -> Decision:
    decision = Decision.objects.create(
        issuing_agency=agency,
        title=seed["title"],
        authority_line=seed["authority_line"],
        legal_bases=seed["legal_bases"],
        proposal=seed["proposal"],
        **_seed_fields(seed),
    )
    for position, body in enumerate(seed["articles"], start=1):
        DecisionArticle.objects.create(decision=decision, position=position, body=body)
    return decision


@transaction.atomic
def load_seed_documents(*, refresh: bool = False) -> list[Plan]:
    """The three seed plans (000, 001, 003), created once.

    Needs the agencies directory (``load_agencies``). With ``refresh`` an
    existing demo plan (and seed 003's decision) is deleted and entered
    again from the data above."""
    directory = _Directory()
    ubnd = directory.one(UBND_TINH)
    plans = []
    for seed in (SEED_000, SEED_001):
        plan = _find_plan(seed, ubnd)
        if plan is not None and refresh:
            plan.delete()
            plan = None
        if plan is None:
            plan = _build_plan(seed, ubnd, directory)
        plans.append(plan)

    plan = _find_plan(SEED_003_PLAN, ubnd)
    decision = Decision.objects.filter(
        title=SEED_003_DECISION["title"], issuing_agency=ubnd, number=SEED_003_DECISION["number"]
    ).first()
    if refresh:
        for existing in (plan, decision):
            if existing is not None:
                existing.delete()
        plan = decision = None
    if decision is None:
        decision = _build_decision(SEED_003_DECISION, ubnd)
    if plan is None:
        plan = _build_plan(SEED_003_PLAN, ubnd, directory, decision)
    elif plan.decision_id != decision.pk:
        plan.decision = decision
        plan.save(update_fields=["decision"])
    plans.append(plan)
    return plans
