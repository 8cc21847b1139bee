"""Spreadsheets in and out: exports never hand a formula to Excel, imports
answer every damaged, oversized or hostile file with a message in the form."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agenda.models import ProgrammeSlot
from awards.models import NominationStatus, NomineeKind
from delegates.models import Delegate, RegistrationStatus
from plans.models import Task
from plans.permissions import Role
from tests.awards.factories import AwardTypeFactory, CampaignAgencyFactory, CampaignFactory, NominationFactory
from tests.delegates.factories import OpeningFactory, RegistrationFactory, SectionFactory
from tests.factories import (
    AgencyFactory,
    EventFactory,
    PlanFactory,
    ProgrammeSlotFactory,
    TaskFactory,
    UserFactory,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Classic spreadsheet-injection payloads, each as a whole cell text.
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://127.0.0.1/x?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "- 1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


def assert_no_formula(data: bytes) -> list[str]:
    """Every text cell of every sheet is a plain string that no spreadsheet
    would run once re-typed or saved as CSV; returns the texts."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))  # formulas kept as formulas
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
                    texts.append(cell.value)
    return texts


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.mark.django_db
def test_delegate_list_export_neutralises_formulas_in_every_column(client_for):
    opening = OpeningFactory(title=FORMULAS[0])
    section = SectionFactory(opening=opening, title=FORMULAS[1])
    agency = AgencyFactory(name=FORMULAS[2])
    registration = RegistrationFactory(
        opening=opening, agency=agency, quota=20, status=RegistrationStatus.SUBMITTED
    )
    for number, payload in enumerate(FORMULAS):
        Delegate.objects.create(
            opening=opening,
            registration=registration,
            section=section,
            full_name=payload,
            name_key=f"k{number}",
            title=payload,
            unit=payload,
            phone=f"+8490500010{number}",
            email="",
            note=payload,
        )
    response = client_for(Role.STAFF).get(reverse("delegates:list_xlsx", args=[opening.pk]))
    assert response.status_code == 200
    texts = assert_no_formula(response.content)
    # Each payload reaches the sheet as its text behind one apostrophe.
    for payload in FORMULAS:
        assert "'" + payload in texts, (payload, texts)


@pytest.mark.django_db
def test_awards_export_neutralises_formulas_in_every_column(client_for, _media):
    award = AwardTypeFactory(name=FORMULAS[3])
    campaign = CampaignFactory(title=FORMULAS[0], award_types=[award])
    agency = AgencyFactory(name=FORMULAS[4])
    CampaignAgencyFactory(campaign=campaign, agency=agency)
    for payload in FORMULAS:
        NominationFactory(
            campaign=campaign,
            agency=agency,
            kind=NomineeKind.INDIVIDUAL,
            name=payload,
            name_key=payload,
            position=payload,
            unit=payload,
            achievements=payload,
            council_note=payload,
            reject_reason="",
            status=NominationStatus.ACCEPTED,
            award_type=award,
        )
    response = client_for(Role.STAFF).get(reverse("awards:excel", args=[campaign.pk]))
    assert response.status_code == 200
    texts = assert_no_formula(response.content)
    for payload in FORMULAS:
        assert "'" + payload in texts, (payload, texts)


@pytest.mark.django_db
def test_task_table_and_programme_exports_neutralise_formulas(client_for):
    client = client_for(Role.STAFF)
    plan = PlanFactory(created_by=client.user, title=FORMULAS[0])
    for payload in FORMULAS:
        TaskFactory(
            plan=plan,
            description=payload,
            time_frame=payload,
            lead=payload,
            cooperating=payload,
            progress_note=payload,
        )
    response = client.get(reverse("plans:task_export", args=[plan.pk]))
    assert response.status_code == 200
    texts = assert_no_formula(response.content)
    for payload in FORMULAS:
        assert "'" + payload in texts, payload

    event = EventFactory(plan=plan, name=FORMULAS[1])
    for payload in FORMULAS:
        ProgrammeSlotFactory(event=event, content=payload, performers=payload)
    response = client.get(reverse("agenda:export", args=[plan.pk, event.pk]))
    assert response.status_code == 200
    texts = assert_no_formula(response.content)
    for payload in FORMULAS:
        assert "'" + payload in texts, payload


# --------------------------------------------------------------------------- hostile uploads


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _good() -> bytes:
    return _workbook([["Họ và tên", "Số điện thoại", "Phần"], ["Hồ Thị Xuyến", "0905 000 222", "Trong tỉnh"]])


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return out.getvalue()


def _lying_sizes(data: bytes) -> bytes:
    """The sheet's central-directory entry claims 10 bytes (a bomb hiding its size)."""
    raw = bytearray(data)
    position = raw.find(b"PK\x01\x02")
    while position != -1:
        length = struct.unpack("<H", raw[position + 28 : position + 30])[0]
        if bytes(raw[position + 46 : position + 46 + length]) == b"xl/worksheets/sheet1.xml":
            raw[position + 24 : position + 28] = struct.pack("<I", 10)
        position = raw.find(b"PK\x01\x02", position + 4)
    return bytes(raw)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10)
        for i in range(8)
    )
    + b"]><worksheet "
    + NS
    + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet '
    + NS
    + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'
)
BROKEN = "Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng."
NOT_XLSX = "Tệp không phải bảng tính Excel .xlsx hợp lệ."

HOSTILE_FILES = {
    "pdf bytes named .xlsx": (b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", NOT_XLSX),
    "half a workbook": (_good()[:1500], NOT_XLSX),
    "empty zip": (_zip({}), None),
    "zip of something else": (_zip({"a.txt": b"kehoach"}), None),
    "zip bomb": (
        _replace_member(
            _good(), SHEET, b"<worksheet " + NS + b">" + b" " * (60 * 1024 * 1024) + b"</worksheet>"
        ),
        "Tệp quá lớn khi giải nén.",
    ),
    "zip bomb hiding its size": (_lying_sizes(_good()), BROKEN),
    "malformed sheet XML": (_replace_member(_good(), SHEET, b"<worksheet><sheetData><row><c>"), BROKEN),
    "XML entity bomb": (_replace_member(_good(), SHEET, LAUGHS), None),
    "XML external entity": (_replace_member(_good(), SHEET, EXTERNAL_ENTITY), None),
    "workbook without sheets": (
        _replace_member(_good(), "xl/workbook.xml", b"<workbook " + NS + b"/>"),
        "Tệp Excel không có trang tính nào.",
    ),
    "garbage content types": (_replace_member(_good(), "[Content_Types].xml", b"nonsense"), BROKEN),
    "bad style values": (
        _replace_member(
            _good(),
            "xl/styles.xml",
            b"<styleSheet "
            + NS
            + b"><numFmts count='1'><numFmt numFmtId='x' formatCode='y'/></numFmts></styleSheet>",
        ),
        BROKEN,
    ),
    "too many rows": (b"", None),  # made per import, with that import's header
}


@pytest.fixture
def agency_import(client, db):
    opening = OpeningFactory()
    SectionFactory(opening=opening, title="Trong tỉnh")
    registration = RegistrationFactory(opening=opening, quota=5)
    client.force_login(UserFactory(role=Role.AGENCY, agency=registration.agency))
    return client, reverse("delegates:agency_import", args=[registration.pk]), registration


def _message_next_to_the_file_field(page: str) -> str:
    """The text of the error shown under the upload field."""
    marker = 'id="error_1_id_file"'
    assert marker in page, "no error under the file field"
    start = page.index(">", page.index(marker)) + 1
    text = page[start : page.index("</", start)]
    return text.replace("<strong>", "").strip()


# Each import: how to reach it, the header its sheets need, what it saves.
IMPORTS = {
    "delegates": (["Họ và tên", "Số điện thoại"], lambda i: [f"Nguyễn Văn Số {i}", f"0905{i:06d}"]),
    "tasks": (
        ["STT", "Nội dung nhiệm vụ", "Thời gian thực hiện"],
        lambda i: [i, f"Nhiệm vụ số {i}", "Năm 2026"],
    ),
    "programme": (["Giờ bắt đầu", "Nội dung"], lambda i: ["08:00", f"Phát biểu số {i}"]),
}


@pytest.fixture(params=list(IMPORTS))
def importer(request, client, db):
    """(client, URL, extra form data, saved rows) for each Excel import of the project."""
    kind = request.param
    if kind == "delegates":
        opening = OpeningFactory()
        SectionFactory(opening=opening, title="Trong tỉnh")
        registration = RegistrationFactory(opening=opening, quota=5)
        client.force_login(UserFactory(role=Role.AGENCY, agency=registration.agency))
        url = reverse("delegates:agency_import", args=[registration.pk])
        return kind, client, url, {}, lambda: Delegate.objects.filter(registration=registration).count()
    staff = UserFactory(role=Role.STAFF)
    client.force_login(staff)
    plan = PlanFactory(created_by=staff)
    if kind == "tasks":
        url = reverse("plans:task_import", args=[plan.pk])
        return kind, client, url, {"mode": "replace"}, lambda: Task.objects.filter(plan=plan).count()
    event = EventFactory(plan=plan)
    url = reverse("agenda:import", args=[plan.pk, event.pk])
    return kind, client, url, {"mode": "replace"}, lambda: ProgrammeSlot.objects.filter(event=event).count()


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_every_import_answers_a_hostile_file_with_a_message(importer, name):
    kind, client, url, extra, saved = importer
    data, expected = HOSTILE_FILES[name]
    if name == "too many rows":
        header, row = IMPORTS[kind]
        data = _workbook([header] + [row(i) for i in range(1, 1202)])
    before = saved()
    response = client.post(url, {"file": SimpleUploadedFile("danh-sach.xlsx", data), **extra})
    assert response.status_code == 200
    page = response.content.decode()
    message = _message_next_to_the_file_field(page)
    if name == "too many rows":
        assert message.startswith("Tệp có quá nhiều dòng (tối đa "), message
    elif expected is not None:
        assert message == expected
    else:
        assert message in (BROKEN, NOT_XLSX)
    assert "/etc/passwd" not in page and "root:" not in page
    assert saved() == before


def test_every_import_refuses_oversized_and_non_xlsx_uploads(importer):
    _kind, client, url, extra, saved = importer
    before = saved()
    huge = SimpleUploadedFile("danh-sach.xlsx", _good() + b"\0" * (6 * 1024 * 1024))
    page = client.post(url, {"file": huge, **extra}).content.decode()
    assert _message_next_to_the_file_field(page).startswith("Tệp quá lớn")
    for filename in ("danh-sach.xls", "danh-sach.csv", "danh-sach.xlsx.exe"):
        page = client.post(url, {"file": SimpleUploadedFile(filename, _good()), **extra}).content.decode()
        assert _message_next_to_the_file_field(page).startswith("Chỉ nhận tệp Excel .xlsx"), filename
    assert saved() == before


def test_delegate_import_keeps_formula_text_literal(agency_import):
    """A cell holding an actual formula is read for its value, never evaluated;
    text that looks like a formula is kept as typed and exported neutralised."""
    client, url, registration = agency_import
    data = _workbook(
        [
            ["Họ và tên", "Số điện thoại", "Phần", "Ghi chú"],
            ["Hồ Thị Xuyến", "0905 000 222", "Trong tỉnh", "'=cmd|' /C calc'!A0"],
        ]
    )
    page = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", data)}).content.decode()
    payload = page.split('name="payload" value="')[1].split('"')[0]
    assert client.post(url, {"payload": payload, "confirm": "1"}).status_code == 302
    person = Delegate.objects.get(registration=registration)
    assert person.note == "=cmd|' /C calc'!A0"
