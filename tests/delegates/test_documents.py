import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from delegates import documents, excel, normalize, services
from delegates.models import Delegate, Invitation
from delegates.services import Actor, PersonRow
from plans.permissions import Role
from tests.delegates.factories import OpeningFactory, RegistrationFactory, SectionFactory
from tests.delegates.test_normalize import EXPECTED
from tests.documents import nd30
from tests.factories import AgencyFactory, ProvincialCommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db
STAFF = Actor(label="Chuyên viên", staff=True)


@pytest.fixture
def department(db):
    """Sở Nội vụ under UBND tỉnh: parent line "UBND TỈNH KHÁNH HÒA", code SNV."""
    return AgencyFactory(name="Sở Nội vụ", short_name="SNV", parent=ProvincialCommitteeFactory())


@pytest.fixture
def opening(department):
    opening = OpeningFactory(
        event__name="Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022"
    )
    inside = SectionFactory(opening=opening, title="Trong tỉnh", position=0)
    outside = SectionFactory(opening=opening, title="Ngoài tỉnh", position=1)
    agencies = [RegistrationFactory(opening=opening, quota=None) for _ in range(3)]
    for index, name in enumerate(EXPECTED[:45]):
        registration = agencies[index % 3]
        section = inside if index % 4 else outside
        note = '=HYPERLINK("http://x")' if index == 7 else ""
        services.registration_save(
            registration=registration,
            rows=[
                *[
                    PersonRow(
                        id=d.pk,
                        full_name=d.full_name,
                        phone=d.phone,
                        section_id=d.section_id,
                        note=d.note,
                        title=d.title,
                        unit=d.unit,
                    )
                    for d in Delegate.objects.filter(registration=registration).order_by("position")
                ],
                PersonRow(
                    full_name=name,
                    phone=f"+8490512{index:04d}",
                    section_id=section.pk,
                    title="Phó Giám đốc" if index % 2 else "Chuyên viên",
                    unit=f"Phòng {index}",
                    note=note,
                ),
            ],
            actor=STAFF,
        )
    for registration in agencies:
        services.registration_save(
            registration=registration,
            rows=[
                PersonRow(
                    id=d.pk,
                    full_name=d.full_name,
                    phone=d.phone,
                    section_id=d.section_id,
                    note=d.note,
                    title=d.title,
                    unit=d.unit,
                )
                for d in Delegate.objects.filter(registration=registration).order_by("position")
            ],
            actor=STAFF,
            submit=True,
        )
    return opening


def _agency_lines(doc, type_line):
    title = doc.find(f"^{nd30.NATIONAL_TITLE}$", page=0)
    return [line for line in doc.body_lines(0) if line.top < type_line.top - 0.5 and line.x1 < title.x0]


def test_danh_sach_pdf_is_nd30_grouped_and_sorted_the_vietnamese_way(opening):
    context = documents.build_list_context(opening)
    from documents import renderer

    pdf = renderer.render_pdf(
        documents.LIST_TEMPLATE, {"doc": context}, title="Danh sách", author="Sở Nội vụ"
    )
    doc = nd30.Nd30Pdf(pdf)
    assert len(doc.pages) >= 2
    nd30.check_page_size(doc)
    nd30.check_text_inside_margins(doc)
    nd30.check_fonts(doc)
    nd30.check_national_title(doc)
    nd30.check_motto(doc)
    type_line = nd30.check_type_name(doc, "DANH SÁCH")
    nd30.check_title(doc, "DANH SÁCH", "Đại biểu dự " + opening.event.name)
    lines = _agency_lines(doc, type_line)
    assert [line.text for line in lines] == ["UBND TỈNH KHÁNH HÒA", "SỞ NỘI VỤ"]
    assert not lines[0].bold and lines[1].bold
    nd30.check_page_numbers(doc)
    assert nd30.check_table_header_repeats(
        doc, first_header_cell="TT"
    )  # the table continues and repeats its header
    bold_page_1 = " ".join(line.text for line in doc.body_lines(0) if line.bold)
    for cell in ("TT", "Họ và tên", "Chức vụ/", "danh", "Đơn vị công tác", "Số điện thoại", "Ghi chú"):
        assert cell in bold_page_1, cell
    groups = doc.find_all(r"^[IVX]+\. ")
    assert [g.text for g in groups] == ["I. TRONG TỈNH", "II. NGOÀI TỈNH"]
    assert all(g.bold for g in groups)
    # Names in the PDF, per group, in Vietnamese order (given name first).
    printed = [line.text for line in doc.all_lines()]
    for group in context["groups"]:
        names = [p["name"] for p in group["people"]]
        assert names == normalize.sort_names(names)
        assert [p["number"] for p in group["people"]] == list(range(1, len(names) + 1))
    inside_names = [p["name"] for p in context["groups"][0]["people"]]
    positions = [next(i for i, text in enumerate(printed) if name in text) for name in inside_names]
    assert positions == sorted(positions)
    assert "0905 120 001" in doc.text()
    assert doc.find("^Tổng số: 45 người.$")


def test_giay_moi_per_agency_passes_nd30_checks(opening, department):
    invitation = Invitation.objects.create(
        opening=opening,
        issuing_agency=department,
        number=125,
        issued_on=datetime.date(2023, 5, 15),
        status="issued",
        title="Dự Hội nghị phân tích, đánh giá các Chỉ số\nPAR-Index, SIPAS, PCI, PAPI năm 2022",
        opening_text="Thực hiện Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023 của Ủy ban nhân dân tỉnh "
        "về tổ chức Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022, Sở Nội vụ",
        attend_text="Tới dự Hội nghị phân tích, đánh giá các Chỉ số PAR-Index, SIPAS, PCI, PAPI năm 2022",
        chair="Lãnh đạo UBND tỉnh",
        time_text="01 buổi, bắt đầu lúc 07 giờ 30 phút, ngày 25/5/2023 (thứ Năm)",
        place_text="Hội trường khách sạn Sunrise, số 12 - 14 Trần Phú, thành phố Nha Trang",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Trần Thị Minh Hà",
        recipients="Như trên\nUBND tỉnh (b/c)\nGiám đốc Sở (b/c)",
        archive="VT, CCHC",
    )
    registration = opening.registrations.first()
    context = documents.build_invitation_context(
        invitation, invitee=documents.invitee_line_for_agency(registration), registration=registration
    )
    from documents import renderer

    doc = nd30.Nd30Pdf(
        renderer.render_pdf(documents.INVITATION_TEMPLATE, {"items": [context]}, title="GM", author="SNV")
    )
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="GM",
            type_name="GIẤY MỜI",
            title_lines=[
                "Dự Hội nghị phân tích, đánh giá các Chỉ số",
                "PAR-Index, SIPAS, PCI, PAPI năm 2022",
            ],
            issued=True,
            signer_titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            signer_name="Trần Thị Minh Hà",
            parent_line="UBND TỈNH KHÁNH HÒA",
        ),
    )
    assert doc.find("^Số: 125/GM-SNV$")
    assert doc.find(r"^Khánh Hòa, ngày 15 tháng 5 năm 2023$")
    text = " ".join(doc.text().split())
    assert "Sở Nội vụ trân trọng kính mời:" in text
    assert f"Lãnh đạo {registration.agency.name}." in text
    for phrase in (
        "Tới dự Hội nghị",
        "- Chủ trì: Lãnh đạo UBND tỉnh.",
        "- Thời gian: 01 buổi",
        "- Địa điểm: Hội trường",
    ):
        assert phrase in text

    batch = documents.build_invitation_batch(invitation, per="agency")
    doc = nd30.Nd30Pdf(renderer.render_pdf(documents.INVITATION_TEMPLATE, batch, title="GM", author="SNV"))
    assert len(doc.find_all("^GIẤY MỜI$")) == 3
    starts = doc.page_group_starts()
    assert len(starts) == 3
    nd30.check_page_numbers(doc)
    per_person = documents.build_invitation_batch(invitation, per="person")
    assert len(per_person["items"]) == 45
    assert per_person["items"][0]["paragraphs"][1].startswith("Đồng chí ")


def test_excel_export_reimports_to_the_same_list_and_neutralises_formulas(opening):
    groups = documents.list_rows(opening)
    data = excel.export_workbook(groups, title=opening.title)
    sheet = load_workbook(io.BytesIO(data)).active
    notes = [row[7].value for row in sheet.iter_rows(min_row=3) if row[7].value]
    assert notes == ['\'=HYPERLINK("http://x")']
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    report = excel.parse_workbook(data, opening=opening)
    assert [item.errors for item in report] == [[]] * 45
    exported = [
        (p["name"], p["title"], p["unit"], normalize.parse_phone(p["phone"]), p["note"])
        for group in groups
        for p in group["people"]
    ]
    reimported = [(r.row.full_name, r.row.title, r.row.unit, r.row.phone, r.row.note) for r in report]
    assert reimported == exported
    by_name = {d.full_name: d.section_id for d in Delegate.objects.filter(opening=opening)}
    assert all(by_name[r.row.full_name] == r.row.section_id for r in report)


def test_excel_import_reports_row_by_row_and_refuses_bad_files(opening):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách đại biểu"])
    sheet.append(["TT", "Họ và tên", "Chức vụ/chức danh", "Số điện thoại", "Phần"])
    sheet.append([1, "Nguyễn Văn Mới", "Trưởng phòng", "0905 000 111", "Trong tỉnh"])
    sheet.append([2, "An", "", "0905", "Trên trời"])
    sheet.append([3, "nguyễn văn mới", "", "+84905000111", "trong tỉnh"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = excel.parse_workbook(buffer.getvalue(), opening=opening)
    assert [item.number for item in report] == [3, 4, 5]
    assert report[0].errors == []
    assert report[1].errors[0] == "Họ và tên: vui lòng ghi đủ họ và tên."
    assert any("0905" in error for error in report[1].errors)
    assert any("Phần «Trên trời» không có" in error for error in report[1].errors)
    assert report[2].errors == ["Trùng với dòng 3: cùng họ tên và số điện thoại."]
    with pytest.raises(excel.ImportFileError):
        excel.parse_workbook(b"not a spreadsheet", opening=opening)


def test_import_page_previews_then_saves_on_confirmation(client, opening):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    registration = RegistrationFactory(opening=opening, quota=5)
    client.force_login(UserFactory(role=Role.AGENCY, agency=registration.agency))
    url = reverse("delegates:agency_import", args=[registration.pk])
    big = SimpleUploadedFile("x.xlsx", b"0" * (3 * 1024 * 1024))
    assert "Tệp quá lớn" in client.post(url, {"file": big}).content.decode()
    bad = SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken")
    assert "Tệp không phải bảng tính Excel .xlsx hợp lệ." in client.post(url, {"file": bad}).content.decode()
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Số điện thoại", "Phần"])
    workbook.active.append(["Hồ Thị Xuyến", "0905 000 222", "Ngoài tỉnh"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", buffer.getvalue())}).content.decode()
    assert "Hợp lệ" in page and not Delegate.objects.filter(registration=registration).exists()
    payload = page.split('name="payload" value="')[1].split('"')[0]
    assert client.post(url, {"payload": payload, "confirm": "1"}).status_code == 302
    assert Delegate.objects.get(registration=registration).full_name == "Hồ Thị Xuyến"
    # The signed rows cannot be replayed into another agency's list.
    other = RegistrationFactory(opening=opening)
    client.force_login(UserFactory(role=Role.AGENCY, agency=other.agency))
    assert (
        client.post(
            reverse("delegates:agency_import", args=[other.pk]), {"payload": payload, "confirm": "1"}
        ).status_code
        == 404
    )


def test_blank_form_cards_checkin_sheet_and_qr_check_in(client, opening):
    from documents import renderer

    context = documents.build_blank_form_context(opening)
    doc = nd30.Nd30Pdf(
        renderer.render_pdf(documents.FORM_TEMPLATE, {"doc": context}, title="Mẫu", author="SNV")
    )
    nd30.check_page_size(doc)
    nd30.check_fonts(doc)
    label = doc.body_lines(0)[0]
    assert label.text == "Phụ lục" and label.bold
    assert doc.find("^MẪU ĐĂNG KÝ ĐẠI BIỂU$").bold
    assert doc.find(r"^\(Kèm theo Kế hoạch số").italic
    assert [line.text for line in doc.find_all(r"^[IVX]+\. ")] == ["I. TRONG TỈNH", "II. NGOÀI TỈNH"]

    staff = UserFactory(role=Role.STAFF)
    client.force_login(staff)
    for name in ("cards_pdf", "checkin_sheet_pdf", "list_pdf", "blank_form_pdf"):
        response = client.get(reverse(f"delegates:{name}", args=[opening.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), name
    person = Delegate.objects.filter(opening=opening).first()
    url = documents.check_in_url(person, "http://testserver/")
    assert url.startswith("http://testserver/dang-ky-dai-bieu/diem-danh/")
    page = client.get(url.removeprefix("http://testserver"))
    assert "Đã điểm danh" in page.content.decode()
    person.refresh_from_db()
    assert person.checked_in_at is not None and person.checked_in_by == staff
    assert "Đã điểm danh trước đó" in client.get(url.removeprefix("http://testserver")).content.decode()
    counts = client.get(
        reverse("delegates:attendance", args=[opening.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "1 / 45" in counts
    tampered = url[:-3] + "xx/"
    assert client.get(tampered.removeprefix("http://testserver")).status_code == 404
    agency_user = UserFactory(role=Role.AGENCY, agency=person.registration.agency)
    client.force_login(agency_user)
    assert client.get(url.removeprefix("http://testserver")).status_code == 403


def test_printables_are_registered():
    from documents import printables

    keys = {t.key for t in printables.types()}
    assert {"delegatelist", "invitation"} <= keys
