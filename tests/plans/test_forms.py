"""plans.forms: Vietnamese messages with codes, next to the field, never a 500."""

import pytest

from plans.forms import PlanCopyForm, PlanForm, SectionForm, TaskForm
from plans.permissions import Role
from tests.factories import PlanFactory, ProvincialCommitteeFactory

pytestmark = pytest.mark.django_db
SYMBOL_MESSAGE = (
    "Mã cơ quan trong ký hiệu chỉ gồm chữ in hoa, chữ Đ, chữ số và dấu gạch nối, ví dụ UBND hoặc BCĐ."
)


def plan_data(**overrides):
    agency = ProvincialCommitteeFactory()
    data = {
        "issuing_agency": agency.pk,
        "year": 2024,
        "symbol_code": "UBND",
        "place": "",
        "title": "Tổ chức Hội nghị tổng kết",
        "opening": "",
        "objectives_style": "bullets",
        "closing": "",
        "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "signer_name": "Nguyễn Văn An",
        "recipients": "Các sở, ban, ngành",
        "archive": "VT, SNV",
    }
    data.update(overrides)
    return data


def test_plan_form_accepts_a_real_header():
    form = PlanForm(data=plan_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signer_title"] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


@pytest.mark.parametrize(
    ("field", "value", "code", "message"),
    [
        ("title", "   ", "required", "Hãy nhập trích yếu (tên) của kế hoạch."),
        ("year", "1989", "year_out_of_range", "Năm phải từ 1990 đến 2100."),
        ("year", "2101", "year_out_of_range", "Năm phải từ 1990 đến 2100."),
        ("year", "hai nghìn", "invalid", "Năm phải là một số, ví dụ 2024."),
        (
            "symbol_code",
            "ubnd",
            "symbol_code_invalid",
            SYMBOL_MESSAGE,
        ),
        (
            "symbol_code",
            "UBND/SNV",
            "symbol_code_invalid",
            SYMBOL_MESSAGE,
        ),
        (
            "signer_title",
            "TM. Ủy ban nhân dân",
            "signer_not_upper",
            "Chức danh người ký phải viết in hoa (dòng «TM. Ủy ban nhân dân»).",
        ),
        (
            "signer_title",
            "TT. ỦY BAN NHÂN DÂN",
            "signer_bad_prefix",
            "Thẩm quyền ký «TT.» không hợp lệ; chỉ dùng TM., KT., Q., TL. hoặc TUQ.",
        ),
        (
            "signer_title",
            "KT CHỦ TỊCH",
            "signer_prefix_dot",
            "Sau «KT» cần có dấu chấm, ví dụ «KT. ỦY BAN NHÂN DÂN».",
        ),
        ("issuing_agency", "", "required", "Hãy chọn cơ quan ban hành."),
    ],
)
def test_plan_form_errors(field, value, code, message):
    form = PlanForm(data=plan_data(**{field: value}))
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert form.has_error(field, code)


@pytest.mark.parametrize(
    "signer", ["TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "Q. GIÁM ĐỐC", "TUQ. CHỦ TỊCH", "GIÁM ĐỐC"]
)
def test_signer_prefixes_accepted(signer):
    form = PlanForm(data=plan_data(signer_title=signer))
    assert form.is_valid(), form.errors


def test_symbol_code_with_d_and_hyphen():
    form = PlanForm(data=plan_data(symbol_code="BCĐ-CCHC"))
    assert form.is_valid(), form.errors


def test_task_time_frame_trimmed_and_limited():
    form = TaskForm(
        data={"description": "Báo cáo", "time_frame": "  Tháng   4/2020 ", "status": "not_started"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_frame"] == "Tháng 4/2020"

    form = TaskForm(data={"description": "Báo cáo", "time_frame": "x" * 201, "status": "not_started"})
    assert not form.is_valid()
    assert form.errors["time_frame"] == ["Thời gian thực hiện dài tối đa 200 ký tự."]
    assert form.has_error("time_frame", "time_frame_too_long")


def test_task_description_required_in_vietnamese():
    form = TaskForm(data={"description": "", "status": "not_started"})
    assert not form.is_valid()
    assert form.errors["description"] == ["Hãy nhập nội dung nhiệm vụ."]


def test_section_needs_heading_or_body():
    form = SectionForm(data={"heading": "", "body": "", "numbered": "on"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Hãy nhập tiêu đề hoặc nội dung của mục."]


def test_section_body_is_normalised():
    form = SectionForm(
        data={"heading": "NỘI  DUNG", "body": "- Một.   \r\n- Hai.\u200b\r\n", "numbered": "on"}
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["heading"], form.cleaned_data["body"]) == ("NỘI DUNG", "- Một.\n- Hai.")


def test_copy_form_bounds():
    assert PlanCopyForm(data={"years": "1"}).is_valid()
    form = PlanCopyForm(data={"years": "100"})
    assert not form.is_valid()
    assert form.errors["years"] == ["Chỉ dời tối đa 50 năm."]


def test_bad_input_through_the_browser_shows_message_next_to_field(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory()
    data = {
        f"plan-{key}": value for key, value in plan_data(signer_title="Phó Chủ tịch", year="3000").items()
    }
    response = client.post(f"/ke-hoach/{plan.pk}/thong-tin/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "HX-Trigger" not in response  # nothing changed: the preview stays
    # crispy puts the message right under the field, with the field marked invalid
    assert 'id="error_1_id_plan-signer_title"' in html
    assert "Chức danh người ký phải viết in hoa (dòng «Phó Chủ tịch»)." in html
    assert 'id="error_1_id_plan-year"' in html
    assert "Năm phải từ 1990 đến 2100." in html
    assert 'name="plan-signer_title"' in html and "is-invalid" in html
    plan.refresh_from_db()
    assert plan.year == 2024


def test_create_page_errors(client_for):
    client = client_for(Role.STAFF)
    response = client.post("/ke-hoach/tao-moi/", {"year": "1800", "title": "", "symbol_code": "kh-ubnd"})
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Hãy chọn cơ quan ban hành.",
        "Năm phải từ 1990 đến 2100.",
        "Hãy nhập trích yếu (tên) của kế hoạch.",
        "Mã cơ quan trong ký hiệu chỉ gồm chữ in hoa",
    ):
        assert message in html
