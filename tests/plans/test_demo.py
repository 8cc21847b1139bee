"""The demo data: agencies directory, demo users and the three seed documents."""

import datetime
import unicodedata
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from documents.models import DocumentStatus
from plans import demo
from plans.models import (
    Agency,
    AgencyKind,
    Appendix,
    Assignment,
    Decision,
    DecisionArticle,
    Objective,
    Plan,
    Profile,
    Section,
    Task,
)
from plans.permissions import ROLE_GROUPS, Role, user_agency, user_roles

D = datetime.date
User = get_user_model()

SEED_000_TITLE = (
    "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2019,\n"
    "triển khai Kế hoạch cải cách hành chính tỉnh năm 2020"
)
SEED_001_TITLE = (
    "Tổ chức Hội nghị phân tích, đánh giá\n"
    "các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022\n"
    "và bàn giải pháp tiếp tục cải thiện các Chỉ số đánh giá tỉnh Khánh Hòa"
)
DISTRICTS = [
    "Ủy ban nhân dân thành phố Nha Trang",
    "Ủy ban nhân dân thành phố Cam Ranh",
    "Ủy ban nhân dân thị xã Ninh Hòa",
    "Ủy ban nhân dân huyện Cam Lâm",
    "Ủy ban nhân dân huyện Diên Khánh",
    "Ủy ban nhân dân huyện Khánh Vĩnh",
    "Ủy ban nhân dân huyện Khánh Sơn",
    "Ủy ban nhân dân huyện Vạn Ninh",
    "Ủy ban nhân dân huyện Trường Sa",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loaddemo(db):
    def run(*args: str) -> str:
        out = StringIO()
        # The plans' own demo; the apps above add theirs in their own tests.
        call_command("loaddemo", "--seeds-only", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def loaded(loaddemo):
    loaddemo()


def plan_000() -> Plan:
    return Plan.objects.get(title=SEED_000_TITLE)


def plan_001() -> Plan:
    return Plan.objects.get(title=SEED_001_TITLE)


def plan_003() -> Plan:
    return Plan.objects.get(decision__number=908)


COUNTED = [
    AgencyKind,
    Agency,
    Plan,
    Decision,
    DecisionArticle,
    Section,
    Objective,
    Task,
    Assignment,
    Appendix,
    Group,
    Profile,
    User,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loaddemo_twice_creates_the_same_records(loaddemo):
    loaddemo()
    first = counts()
    first_pks = sorted(Plan.objects.values_list("pk", flat=True))
    loaddemo()
    assert counts() == first
    assert sorted(Plan.objects.values_list("pk", flat=True)) == first_pks
    assert first["Plan"] == 3
    assert first["Decision"] == 1
    assert first["AgencyKind"] == 12
    assert first["Agency"] == 92
    assert first["User"] == 5
    assert first["Appendix"] == 0


def test_refresh_enters_the_seeds_again_with_the_same_counts(loaddemo):
    loaddemo()
    before = counts()
    Task.objects.filter(plan=plan_003(), parent=None).first().delete()
    loaddemo("--refresh")
    assert counts() == before


def test_load_seed_documents_returns_the_existing_plans(loaded):
    again = demo.load_seed_documents()
    assert [plan.pk for plan in again] == [plan_000().pk, plan_001().pk, plan_003().pk]


def test_loaddemo_prints_the_logins(loaddemo):
    out = loaddemo()
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Vai trò"))
    assert lines[header].split() == ["Vai", "trò", "Tên", "đăng", "nhập", "Mật", "khẩu"]
    rows = [line.split("  ") for line in lines[header + 2 :] if line.strip()]
    table = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    assert table == [
        ["Chuyên viên", "chuyenvien", "kehoach2026"],
        ["Lãnh đạo", "lanhdao", "kehoach2026"],
        ["Văn thư", "vanthu", "kehoach2026"],
        ["Đại diện cơ quan", "daidien", "kehoach2026"],
        ["Quản trị", "quantri", "kehoach2026"],
    ]


def test_no_users_flag(loaddemo):
    out = loaddemo("--no-users")
    assert User.objects.count() == 0
    assert "kehoach2026" not in out
    assert Plan.objects.count() == 3
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_GROUPS.values())


@pytest.mark.parametrize(
    ("username", "roles", "agency", "superuser"),
    [
        ("chuyenvien", {Role.STAFF}, None, False),
        ("lanhdao", {Role.LEADER}, None, False),
        ("vanthu", {Role.CLERK}, None, False),
        ("daidien", {Role.AGENCY}, "Sở Tư pháp", False),
        ("quantri", {Role.ADMIN}, None, True),
    ],
)
def test_demo_users_log_in_with_their_roles(loaded, client, username, roles, agency, superuser):
    assert client.login(username=username, password="kehoach2026")
    user = User.objects.get(username=username)
    assert set(user_roles(user)) == roles
    assert (user_agency(user).name if user_agency(user) else None) == agency
    assert user.is_superuser is superuser
    assert user.is_staff is superuser


def test_demo_passwords_are_reset_on_every_run(loaddemo, client):
    loaddemo()
    user = User.objects.get(username="lanhdao")
    user.set_password("something-else-entirely")
    user.save()
    loaddemo()
    assert client.login(username="lanhdao", password="kehoach2026")


# --- the agencies directory ---------------------------------------------------


def test_the_directory_holds_every_lead_agency_of_seed_003(loaded):
    names = set(Agency.objects.filter(province="Khánh Hòa").values_list("name", flat=True))
    assert {
        "Ủy ban nhân dân tỉnh Khánh Hòa",
        "Sở Nội vụ",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        *DISTRICTS,
    } <= names
    linked = set()
    for task in plan_003().tasks.prefetch_related("lead_agencies", "cooperating_agencies"):
        linked |= {agency.name for agency in task.lead_agencies.all()}
        linked |= {agency.name for agency in task.cooperating_agencies.all()}
    assert linked == {
        "Sở Nội vụ",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        *DISTRICTS,
    }


def test_the_directory_names_every_body_the_seeds_name(loaded):
    names = set(Agency.objects.values_list("name", flat=True))
    assert {
        "Hội đồng nhân dân tỉnh Khánh Hòa",
        "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Ban Pháp chế Hội đồng nhân dân tỉnh",
        "Tỉnh ủy Khánh Hòa",
        "Văn phòng Tỉnh ủy",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Khánh Hòa",
        "Hội Cựu chiến binh tỉnh Khánh Hòa",
        "Ban Chỉ đạo Cải cách hành chính tỉnh",
        "Hội đồng thẩm định kết quả đánh giá, xếp hạng cải cách hành chính tỉnh",
        "Ban Điều hành Đề án thành lập Trung tâm Dịch vụ hành chính công trực tuyến tỉnh",
        "Ban Chỉ đạo hoạt động của Trung tâm Dịch vụ hành chính công trực tuyến tỉnh",
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Ban Thi đua - Khen thưởng tỉnh",
        "Tổ công tác PCI tỉnh",
        "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư",
        "Ban Quản lý Khu kinh tế Vân Phong",
        "Bưu điện tỉnh Khánh Hòa",
        "Báo Khánh Hòa",
        "Đài Phát thanh và Truyền hình Khánh Hòa",
        "Phòng Thương mại và Công nghiệp Việt Nam - Chi nhánh Khánh Hòa",
        "Cổng Thông tin điện tử tỉnh Khánh Hòa",
        "Cổng Thông tin điện tử Cải cách hành chính tỉnh",
    } <= names
    assert Agency.objects.filter(kind__code="ubnd-huyen").count() == 9
    assert sorted(Agency.objects.filter(kind__code="ubnd-huyen").values_list("name", flat=True)) == sorted(
        DISTRICTS
    )


def test_header_lines_of_the_province_and_its_home_affairs_department(loaded):
    ubnd = Agency.objects.get(name="Ủy ban nhân dân tỉnh Khánh Hòa", province="Khánh Hòa")
    assert (ubnd.short_name, ubnd.kind.code, ubnd.parent) == ("UBND", "ubnd-tinh", None)
    assert ubnd.header_lines == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    assert ubnd.parent_header_line == ""
    assert ubnd.place_name == "Khánh Hòa"

    snv = Agency.objects.get(name="Sở Nội vụ", province="Khánh Hòa")
    assert (snv.short_name, snv.kind.code, snv.parent) == ("SNV", "so-ban-nganh", ubnd)
    assert snv.header_lines == ["SỞ NỘI VỤ"]
    assert snv.parent_header_line == "UBND TỈNH KHÁNH HÒA"
    assert snv.place_name == "Khánh Hòa"

    bcd = Agency.objects.get(name="Ban Chỉ đạo Cải cách hành chính tỉnh")
    assert (bcd.short_name, bcd.parent, bcd.kind.code) == ("BCĐ", ubnd, "ban-chi-dao-hoi-dong")
    assert bcd.parent_header_line == "UBND TỈNH KHÁNH HÒA"

    award_board = Agency.objects.get(name="Ban Thi đua - Khen thưởng tỉnh")
    assert award_board.parent == snv
    assert award_board.parent_header_line == "SỞ NỘI VỤ"

    nha_trang = Agency.objects.get(name="Ủy ban nhân dân thành phố Nha Trang")
    assert nha_trang.header_lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ NHA TRANG"]
    assert nha_trang.parent_header_line == ""
    assert nha_trang.place_name == "Nha Trang"


def test_agency_kinds_are_data(loaded):
    assert list(AgencyKind.objects.values_list("name", flat=True)) == [
        "UBND tỉnh",
        "Sở, ban, ngành",
        "Cơ quan ngành dọc cấp tỉnh",
        "UBND cấp huyện",
        "UBND cấp xã",
        "Đơn vị sự nghiệp công lập",
        "Tỉnh ủy và các cơ quan của Tỉnh ủy",
        "Hội đồng nhân dân",
        "Mặt trận Tổ quốc và các đoàn thể",
        "Báo, đài",
        "Doanh nghiệp, hiệp hội",
        "Ban chỉ đạo, hội đồng",
    ]
    assert not AgencyKind.objects.filter(agencies=None).exists()


def test_directory_updates_an_edited_agency_in_place(loaded):
    snv = Agency.objects.get(name="Sở Nội vụ")
    snv.short_name = "XYZ"
    snv.parent = None
    snv.save()
    demo.load_agencies()
    snv.refresh_from_db()
    assert (snv.short_name, snv.parent.name) == ("SNV", "Ủy ban nhân dân tỉnh Khánh Hòa")
    assert Agency.objects.filter(name="Sở Nội vụ").count() == 1


# --- the seed documents -------------------------------------------------------


def _text_fields(obj) -> list[str]:
    return [
        value for field in obj._meta.concrete_fields if isinstance(value := getattr(obj, field.attname), str)
    ]


def test_every_text_is_nfc(loaded):
    for model in [Agency, AgencyKind, Plan, Decision, DecisionArticle, Section, Objective, Task, Assignment]:
        for obj in model.objects.all():
            for value in _text_fields(obj):
                assert unicodedata.normalize("NFC", value) == value, (model.__name__, obj.pk, value)


def test_the_three_seeds_are_issued_with_their_number_and_date(loaded):
    p000, p001, p003 = plan_000(), plan_001(), plan_003()
    assert (p000.number, p000.issued_on, p000.year) == (15, D(2020, 2, 5), 2020)
    assert (p001.number, p001.issued_on, p001.year) == (4417, D(2023, 5, 10), 2023)
    assert (p003.number, p003.issued_on, p003.year) == (None, None, 2020)
    for plan in (p000, p001, p003):
        assert plan.status == DocumentStatus.ISSUED
        assert plan.issuing_agency.name == "Ủy ban nhân dân tỉnh Khánh Hòa"
        assert plan.symbol_code == ""
        assert plan.appendices.count() == 0

    assert (p000.signer_title, p000.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Nguyễn Đắc Tài",
    )
    assert (p001.signer_title, p001.signer_name) == ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Nguyễn Tấn Tuân")
    assert p000.archive == "VT, DL, SNV"
    assert p001.archive == "VT, DL"
    assert p000.recipients.split("\n") == [
        "Như thành phần Hội nghị (VBĐT)",
        "TT. Tỉnh ủy, TT. HĐND tỉnh",
        "Các cơ quan tham mưu Tỉnh ủy",
        "Các tổ chức CT-XH tỉnh",
        "Đài PT-TH Khánh Hòa, Báo Khánh Hòa",
        "Cổng TTĐT tỉnh",
        "Cổng TTĐT CCHC tỉnh",
    ]
    assert p000.closing.endswith("khẩn trương triển khai, phối hợp thực hiện./.")
    assert p001.closing == (
        "UBND tỉnh đề nghị các cơ quan, đơn vị có liên quan triển khai, phối hợp thực hiện./."
    )


def test_seed_003_decision(loaded):
    decision = Decision.objects.get(number=908)
    assert decision.plan == plan_003()
    assert (decision.issued_on, decision.status) == (D(2020, 4, 22), DocumentStatus.ISSUED)
    assert decision.issuing_agency.short_name == "UBND"
    assert decision.authority_line == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    bases = decision.legal_bases.split("\n")
    assert len(bases) == 5
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in bases)
    assert bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    assert decision.proposal == (
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 823/TTr-SNV ngày 14 tháng 4 năm 2020."
    )
    articles = [article.body for article in decision.articles.all()]
    assert len(articles) == 4
    assert articles[0].startswith("Ban hành kèm theo Quyết định này Kế hoạch tổng kết")
    assert articles[3].endswith("chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.")
    assert (decision.signer_title, decision.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Nguyễn Tấn Tuân",
    )
    recipients = decision.recipients.split("\n")
    assert len(recipients) == 13
    assert (recipients[0], recipients[-1]) == ("Như Điều 4 (t/h)", "Đài PT-TH, Báo Khánh Hòa")
    assert decision.archive == "VT, DL"


def _outline(plan: Plan) -> list[tuple[int, str, str, bool]]:
    sections = list(plan.sections.all())
    children: dict = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    rows = []

    def walk(parent_id, depth):
        for section in sorted(children.get(parent_id, []), key=lambda s: (s.position, s.id)):
            rows.append((depth, section.heading, section.block, section.numbered))
            walk(section.id, depth + 1)

    walk(None, 0)
    return rows


def test_seed_001_sections_in_order(loaded):
    plan = plan_001()
    assert _outline(plan) == [
        (0, "MỤC ĐÍCH, YÊU CẦU", "plan.objectives", True),
        (0, "NỘI DUNG, THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ", "", True),
        (1, "Nội dung", "", True),
        (1, "Thành phần", "", True),
        (2, "", "", True),
        (2, "", "", True),
        (1, "Thời gian, địa điểm", "", True),
        (0, "KINH PHÍ TỔ CHỨC HỘI NGHỊ", "", True),
        (0, "TỔ CHỨC THỰC HIỆN", "plan.assignments", True),
    ]
    content = plan.sections.get(heading="Nội dung")
    assert content.body.split("\n")[-1] == "(Đính kèm dự kiến nội dung chương trình Hội nghị)."
    members = plan.sections.get(heading="Thành phần").children.order_by("position")
    assert members[0].body.split("\n") == [
        "Chủ trì hội nghị: Lãnh đạo UBND tỉnh.",
        "Mời Thường trực Tỉnh ủy đồng chủ trì, phát biểu chỉ đạo Hội nghị.",
    ]
    delegates = members[1].body.split("\n")
    assert delegates[:3] == [
        "Đại biểu tham dự: Dự kiến 200 đại biểu, gồm:",
        "- Đại biểu mời:",
        "+ Ban Thường vụ Tỉnh ủy;",
    ]
    assert "- *Đại biểu triệu tập:*" in delegates
    assert sum(line.startswith("+ ") for line in delegates) == 13
    assert plan.objectives_style == "numbered"
    assert [o.text[:30] for o in plan.objectives.all()] == [
        "Cập nhật kết quả đánh giá các ",
        "Thảo luận giải pháp tiếp tục c",
        "Thống nhất nhận thức về ý nghĩ",
    ]
    assert [(a.agency_text, a.layout) for a in plan.assignments.all()] == [
        ("Sở Nội vụ", "heading"),
        ("Sở Kế hoạch và Đầu tư", "heading"),
        ("Văn phòng UBND tỉnh", "heading"),
        ("Các sở, ngành, đơn vị, địa phương", "colon"),
        ("Đề nghị Văn phòng Tỉnh ủy", "colon"),
        ("Đài Phát thanh và Truyền hình Khánh Hòa, Báo Khánh Hòa", "colon"),
    ]
    assert [a.agency.name if a.agency else None for a in plan.assignments.all()] == [
        "Sở Nội vụ",
        "Sở Kế hoạch và Đầu tư",
        "Văn phòng Ủy ban nhân dân tỉnh",
        None,
        "Văn phòng Tỉnh ủy",
        None,
    ]


def test_seed_000_sections_objectives_and_assignments(loaded):
    plan = plan_000()
    assert [(depth, heading, block) for depth, heading, block, _ in _outline(plan) if depth == 0] == [
        (0, "MỤC ĐÍCH, YÊU CẦU", "plan.objectives"),
        (0, "NỘI DUNG HỘI NGHỊ", ""),
        (0, "THÀNH PHẦN THAM DỰ", ""),
        (0, "THỜI GIAN VÀ ĐỊA ĐIỂM", ""),
        (0, "KINH PHÍ TỔ CHỨC HỘI NGHỊ", ""),
        (0, "TỔ CHỨC THỰC HIỆN", "plan.assignments"),
    ]
    members = plan.sections.get(heading="THÀNH PHẦN THAM DỰ").children.order_by("position")
    assert [s.body.split("\n")[0] for s in members] == [
        "Chủ trì Hội nghị: Lãnh đạo UBND tỉnh.",
        "Sở Nội vụ phối hợp Văn phòng UBND tỉnh tham mưu công tác tổ chức, điều hành Hội nghị.",
        "Đại biểu khách mời:",
        "Đại biểu triệu tập:",
        "Các cơ quan thông tin đại chúng của tỉnh: Mời tham dự và đưa tin.",
        "Tổng số lượng đại biểu dự kiến: 150 người.",
    ]
    content = plan.sections.get(heading="NỘI DUNG HỘI NGHỊ").body.split("\n")
    assert content[-1] == "*(Đính kèm dự kiến nội dung chương trình Hội nghị).*"
    assert plan.objectives_style == "bullets"
    assert plan.objectives.count() == 4
    assert not plan.objectives.filter(text__startswith="-").exists()
    assert [(a.agency_text, a.layout) for a in plan.assignments.all()] == [
        ("Sở Nội vụ", "sentence"),
        ("Văn phòng UBND tỉnh", "colon"),
        ("Sở Giáo dục và Đào tạo", "sentence"),
        ("Các sở, ban, ngành, UBND các huyện, thị xã, thành phố", "sentence"),
    ]
    first = plan.assignments.first().duties
    assert first.startswith("chuẩn bị và trình bày Báo cáo kết quả khảo sát")
    assert "năm 2019 của các cơ quan, đơn vị trên địa bàn tỉnh" in first


def test_seed_003_outline_and_objectives(loaded):
    plan = plan_003()
    assert [(depth, heading, block) for depth, heading, block, _ in _outline(plan)] == [
        (0, "MỤC ĐÍCH, YÊU CẦU", "plan.objectives"),
        (0, "NỘI DUNG, NHIỆM VỤ", ""),
        (1, "Xây dựng báo cáo tổng kết", ""),
        (1, "Biểu dương, khen thưởng", ""),
        (1, "Hình thức tổng kết", ""),
        (1, "Tiến độ cụ thể", "plan.tasks"),
        (0, "KINH PHÍ THỰC HIỆN", ""),
        (0, "TỔ CHỨC THỰC HIỆN", "plan.assignments"),
    ]
    assert plan.objectives_style == "grouped"
    assert list(plan.objectives.values_list("kind", flat=True)) == ["purpose"] * 2 + ["requirement"] * 4
    assert [(a.agency_text, a.layout) for a in plan.assignments.all()] == [
        ("Sở Nội vụ", "heading"),
        ("Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố", "heading"),
        ("Đài Phát thanh và Truyền hình tỉnh Khánh Hòa, Báo Khánh Hòa", "heading"),
    ]
    assert plan.assignments.last().duties.endswith("trên sóng Đài Phát thanh và Truyền hình tỉnh./.")
    assert (plan.signer_name, plan.recipients, plan.closing) == ("Nguyễn Văn Tuấn", "", "")


def test_seed_003_task_table(loaded):
    plan = plan_003()
    top = list(plan.tasks.filter(parent=None).order_by("position"))
    assert [(t.time_frame, t.due_date) for t in top] == [
        ("", None),
        ("", None),
        ("Trước ngày 23/6/2020", D(2020, 6, 22)),
        ("Trước ngày 23/7/2020", D(2020, 7, 22)),
        ("Tháng 8/2020", D(2020, 8, 31)),
        ("Tháng 8/2020", D(2020, 8, 31)),
        ("Tháng 9/2020", D(2020, 9, 30)),
        ("Tháng 9/2020", D(2020, 9, 30)),
        ("Theo hướng dẫn của Trung ương", None),
    ]
    assert all(t.numbered for t in top)
    assert [t.description for t in top[:3]] == [
        "Xây dựng Kế hoạch tổng kết giai đoạn 2011 - 2020",
        "Xây dựng báo cáo tổng kết giai đoạn 2011 – 2020 (theo đề cương kèm theo)",
        "Trình UBND tỉnh dự thảo báo cáo tổng kết công tác CCHC tỉnh Khánh Hòa",
    ]
    assert [t.lead for t in top[2:]] == [
        "Sở Nội vụ",
        "Sở Nội vụ",
        "Sở Nội vụ đặt hàng các cơ quan, đơn vị",
        "- Các cơ quan, đơn vị, địa phương;\n- Sở Nội vụ hướng dẫn thực hiện",
        "Sở Nội vụ hướng dẫn, đề xuất",
        "Sở Nội vụ",
        "Sở Nội vụ",
    ]
    assert [t.cooperating for t in top[2:]] == [
        "Các cơ quan liên quan",
        "Tập thể, cá nhân được đề xuất khen thưởng",
        "Các cơ quan, đơn vị có liên quan",
        "Văn phòng UBND tỉnh và các cơ quan liên quan",
        "Các cơ quan, đơn vị, cá nhân có liên quan",
        "Văn phòng UBND tỉnh và các cơ quan, đơn vị có liên quan",
        "Các cơ quan, đơn vị liên quan",
    ]

    first = list(top[0].children.order_by("position"))
    assert [(t.time_frame, t.due_date, t.lead, t.cooperating) for t in first] == [
        ("Tháng 4/2020", D(2020, 4, 30), "Sở Nội vụ", "Các cơ quan, đơn vị liên quan"),
        (
            "Tháng 4/2020",
            D(2020, 4, 30),
            "UBND các huyện, thị xã, thành phố",
            "UBND các xã, phường, thị trấn",
        ),
    ]
    assert sorted(first[1].lead_agencies.values_list("name", flat=True)) == sorted(DISTRICTS)

    second = list(top[1].children.order_by("position"))
    assert [(t.time_frame, t.due_date) for t in second] == [
        ("Trước ngày 01/6/2020", D(2020, 5, 31)),
        ("Trước ngày 03/6/2020", D(2020, 6, 2)),
        ("Trước ngày 10/6/2020", D(2020, 6, 9)),
    ]
    assert second[0].lead == (
        "Các sở, ban, ngành; cơ quan ngành dọc cấp tỉnh; đơn vị sự nghiệp trực thuộc UBND tỉnh"
    )
    row_2_3 = second[2]
    assert row_2_3.lead == (
        "Văn phòng UBND tỉnh, các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Khoa học và Công nghệ"
    )
    assert row_2_3.description.split("\n")[-1] == "Lĩnh vực phân công phụ trách tổng hợp, báo cáo:"
    assert set(row_2_3.lead_agencies.values_list("name", flat=True)) == {
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
    }

    items = list(row_2_3.children.order_by("position"))
    assert [(t.numbered, t.lead, t.time_frame, t.cooperating) for t in items] == [
        (False, "Sở Nội vụ", "", ""),
        (False, "Sở Tư pháp", "", ""),
        (False, "Sở Tài chính", "", ""),
        (False, "Sở Thông tin và Truyền thông", "", ""),
        (False, "Sở Khoa học và Công nghệ", "", ""),
    ]
    assert [list(t.lead_agencies.values_list("name", flat=True)) for t in items] == [
        ["Sở Nội vụ"],
        ["Sở Tư pháp"],
        ["Sở Tài chính"],
        ["Sở Thông tin và Truyền thông"],
        ["Sở Khoa học và Công nghệ"],
    ]
    assert all(t.description.startswith("- ") for t in items)
    assert items[1].description == "- Tổng kết, đánh giá kết quả thực hiện cải cách thể chế"
    # An empty time cell under 2.3 shares 2.3's deadline.
    assert {t.due_date for t in items} == {D(2020, 6, 9)}
    assert (
        not Task.objects.filter(plan=plan)
        .exclude(parent=None)
        .filter(children__isnull=False)
        .exclude(pk=row_2_3.pk)
        .exists()
    )
    assert plan.tasks.count() == 9 + 2 + 3 + 5
