"""Every printed document also downloads as Word, laid out as ND30 wants.

The demo data (every app's) and an award decision are loaded once for the
module; each printed view's ``.docx`` twin is fetched as its users fetch it
and the file is read back with python-docx: A4 (landscape only where the PDF
turns), ND30's margins, the borderless header table with the national title
and motto, the title, Times New Roman at the sizes of the PDF, repeated
header rows on every data table, the page number from page 2, the DỰ THẢO
mark on drafts."""

from __future__ import annotations

import datetime
import io
import tempfile
from collections import Counter
from dataclasses import dataclass

import lxml.html
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from awards import services as award_services
from awards.models import AwardDecision, Campaign
from conferences.models import Event
from delegates.access import issue_link
from delegates.models import AgencyRegistration, Delegate, Invitation, RegistrationOpening
from documents import docx, printables, renderer
from plans import demo_registry
from plans.documents import plan_printable, plan_queryset
from plans.models import Plan
from plans.permissions import Role
from tests.factories import AppendixFactory, PlanFactory, SectionFactory

MM = 36000  # EMU per millimetre
FAILED_LOADERS: dict[str, str] = {}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Demo:
    plans: list[Plan]
    event: Event
    opening: RegistrationOpening
    invitation: Invitation
    registration: AgencyRegistration
    delegate: Delegate
    campaign: Campaign
    decision: AwardDecision


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """All the demo data, in a transaction rolled back after the module."""
    media = tempfile.TemporaryDirectory()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media.name), transaction.atomic():
        call_command("loaddemo", "--seeds-only", stdout=io.StringIO())
        for loader in demo_registry.loaders():
            # Every app's demo data; one that cannot load leaves its types
            # without documents (their test says so) rather than hide the rest.
            try:
                with transaction.atomic():
                    loader.load()
            except Exception as error:
                FAILED_LOADERS[loader.key] = f"{type(error).__name__}: {error}"
        campaign = Campaign.objects.order_by("pk").first()
        decision = award_services.decision_create(campaign=campaign)
        opening = RegistrationOpening.objects.filter(invitations__isnull=False).order_by("pk").first()
        registration = opening.registrations.filter(delegates__isnull=False).order_by("pk").first()
        event = Event.objects.filter(programme_slots__isnull=False).order_by("pk").distinct().first()
        yield Demo(
            plans=list(Plan.objects.order_by("pk")),
            event=event,
            opening=opening,
            invitation=opening.invitations.order_by("pk").first(),
            registration=registration,
            delegate=registration.delegates.order_by("pk").first(),
            campaign=campaign,
            decision=decision,
        )
        transaction.set_rollback(True)
    media.cleanup()


# --------------------------------------------------------------------------- reading a .docx


def _mm(length) -> float:
    return round(length / MM, 1)


def _header_rows(table) -> bool:
    tr_pr = table.rows[0]._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def _bordered(table) -> bool:
    for cell in table._tbl.iter(qn("w:tc")):
        borders = cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}")
        if borders is not None and any(side.get(qn("w:val")) not in ("nil", "none") for side in borders):
            return True
    return False


def _runs(paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


def _find(document, text: str):
    for paragraph in _all_paragraphs(document):
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"no paragraph «{text}»")


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        yield from _table_paragraphs(table)


def _table_paragraphs(table):
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def _size(run) -> float:
    return run.font.size.pt if run.font.size is not None else 14.0


def _draft_marked(section) -> bool:
    """The DỰ THẢO watermark (a text shape) is in both headers of the section."""
    return all(
        "DỰ THẢO" in header._element.xml and "v:textpath" in header._element.xml
        for header in (section.header, section.first_page_header)
    )


def check_word_file(
    data: bytes,
    *,
    type_name: str | None,
    margins=(20, 20, 30, 15),
    draft: bool | None = None,
    data_tables: bool = True,
    label: str = "",
):
    """The ND30 shape of a Word file; returns the python-docx Document."""
    document = Document(io.BytesIO(data))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    for section in document.sections:
        width, height = _mm(section.page_width), _mm(section.page_height)
        assert sorted((width, height)) == [210.0, 297.0], (width, height)
        assert (
            _mm(section.top_margin),
            _mm(section.bottom_margin),
            _mm(section.left_margin),
            _mm(section.right_margin),
        ) == margins
    for paragraph in _all_paragraphs(document):
        for run in _runs(paragraph):
            assert run.font.name in (None, "Times New Roman"), run.font.name
            assert 8 <= _size(run) <= 20, (run.text, _size(run))
    for table in document.tables if data_tables else ():
        if _bordered(table):
            assert _header_rows(table), f"no repeated header row: {table.rows[0].cells[0].text!r}"
    if type_name is not None:
        header = document.tables[0]
        assert not _bordered(header), "the header table has borders"
        national = _find(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert all(run.bold and _size(run) == 13 for run in _runs(national))
        motto = _find(document, "Độc lập - Tự do - Hạnh phúc")
        assert all(run.bold and _size(run) == 14 for run in _runs(motto))
        title = _find(document, type_name)
        assert all(run.bold and _size(run) == 14 for run in _runs(title))
        assert title.alignment == 1  # centred
        # Page numbers: a PAGE field in the header, none on page 1.
        first = document.sections[0]
        assert " PAGE " in "".join(first.header._element.itertext())
        assert first.different_first_page_header_footer
        assert " PAGE " not in "".join(first.first_page_header._element.itertext())
    if draft is not None:
        marked = all(_draft_marked(section) for section in document.sections)
        assert marked == draft, f"{label}: draft mark {'missing' if draft else 'on an issued document'}"
    return document


def _get(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.docx"')
    return b"".join(response) if response.streaming else response.content


# --------------------------------------------------------------------------- every printed view


def test_plan_and_decision_words(db, demo, client_for):
    client = client_for(Role.STAFF)
    for plan in demo.plans:
        data = _get(client, reverse("plans:docx", args=[plan.pk]))
        main = plan.decision if plan.decision_id else plan
        type_name = "QUYẾT ĐỊNH" if plan.decision_id else "KẾ HOẠCH"
        document = check_word_file(data, type_name=type_name, draft=main.number is None, label=plan.title)
        texts = [p.text for p in document.paragraphs]
        assert " ".join(main.title.split()) in " ".join(" ".join(texts).split())
        if plan.decision_id:
            # The attached plan is its own section: numbering restarts, no number on its first page.
            assert len(document.sections) >= 2
            attached = document.sections[1]
            assert attached._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
            assert attached.different_first_page_header_footer


def test_a_plan_with_a_task_table_repeats_its_header_row(db, demo, client_for):
    plan = next(p for p in demo.plans if p.tasks.exists())
    document = check_word_file(
        _get(client_for(Role.STAFF), reverse("plans:docx", args=[plan.pk])), type_name=None
    )
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert _header_rows(tasks)
    assert [c.text for c in tasks.rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Thời gian thực hiện",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
    ]
    widths = [round(cell.width / MM) for cell in tasks.rows[0].cells]
    assert widths == [12, 60, 27, 34, 32]  # the PDF's <col> widths


def test_programme_word(db, demo, client_for):
    url = reverse("agenda:docx", args=[demo.event.plan_id, demo.event.pk])
    document = check_word_file(_get(client_for(Role.STAFF), url), type_name=None)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    programme = next(t for t in document.tables if _bordered(t))
    assert programme.rows[0].cells[1].text == "Nội dung"


@pytest.mark.parametrize(
    ("name", "type_name", "margins"),
    [
        ("list_docx", "DANH SÁCH", (20, 20, 30, 15)),
        ("blank_form_docx", None, (20, 20, 30, 15)),
        ("checkin_sheet_docx", "DANH SÁCH", (20, 20, 30, 15)),
        ("cards_docx", None, (10, 10, 10, 10)),
    ],
)
def test_delegate_outputs_in_word(db, demo, client_for, name, type_name, margins):
    data = _get(client_for(Role.STAFF), reverse(f"delegates:{name}", args=[demo.opening.pk]))
    document = check_word_file(data, type_name=type_name, margins=margins, data_tables=name != "cards_docx")
    text = "\n".join(p.text for p in _all_paragraphs(document))
    if name == "cards_docx":
        # One box per delegate, 90 × 62 mm, with the QR code as a picture.
        cards = document.tables[0]
        assert round(cards.rows[0].height / MM) == 62
        assert round(cards.rows[0].cells[0].width / MM) == 90
        assert document.inline_shapes
        assert demo.delegate.full_name in text
    if name == "checkin_sheet_docx":
        assert document.inline_shapes  # the QR codes
    if name == "blank_form_docx":
        assert "Người đầu mối" in text


def test_invitations_in_word(db, demo, client_for):
    client = client_for(Role.STAFF)
    opening, invitation = demo.opening, demo.invitation
    urls = [
        reverse("delegates:invitation_docx", args=[opening.pk, invitation.pk]),
        reverse("delegates:invitation_agency_docx", args=[opening.pk, invitation.pk, demo.registration.pk]),
        reverse("delegates:invitation_person_docx", args=[opening.pk, invitation.pk, demo.delegate.pk]),
    ]
    for url in urls:
        document = check_word_file(_get(client, url), type_name="GIẤY MỜI")
        assert _find(document, "Nơi nhận:")
    batch = check_word_file(_get(client, urls[0] + "?per=agency"), type_name="GIẤY MỜI")
    # One invitation per agency, each in its own section with its own numbering.
    assert len(batch.sections) == opening.registrations.count()


def test_an_agency_gets_its_own_registration_in_word_and_no_other(db, demo, client_for):
    registration = demo.registration
    client = client_for(Role.AGENCY, agency=registration.agency)
    data = _get(client, reverse("delegates:agency_list_docx", args=[registration.pk]))
    check_word_file(data, type_name="DANH SÁCH")
    check_word_file(
        _get(client, reverse("delegates:agency_blank_docx", args=[registration.pk])), type_name=None
    )
    other = demo.opening.registrations.exclude(agency=registration.agency).first()
    assert client.get(reverse("delegates:agency_list_docx", args=[other.pk])).status_code == 404
    assert client.get(reverse("delegates:list_docx", args=[demo.opening.pk])).status_code == 403


def test_a_secret_link_gets_its_agency_s_invitation_in_word(db, demo, client):
    registration = demo.registration
    _link, token = issue_link(
        agency=registration.agency,
        target=registration.opening,
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    data = _get(client, reverse("delegates:link_invitation_docx", args=[token]))
    document = check_word_file(data, type_name="GIẤY MỜI")
    assert registration.agency.name in " ".join(p.text for p in _all_paragraphs(document))
    assert client.get(reverse("delegates:link_invitation_docx", args=["not-a-token"])).status_code == 404


def test_award_decision_and_reading_list_in_word(db, demo, client_for):
    client = client_for(Role.STAFF)
    args = [demo.campaign.pk, demo.decision.pk]
    document = check_word_file(
        _get(client, reverse("awards:decision_docx", args=args)), type_name="QUYẾT ĐỊNH"
    )
    assert _find(document, "QUYẾT ĐỊNH:")
    assert any(p.text.startswith("Phụ lục") for p in document.paragraphs)
    reading = _get(client, reverse("awards:reading_docx", args=args))
    check_word_file(reading, type_name=None)


def test_word_downloads_keep_the_pdfs_permissions(db, demo, client, client_for):
    urls = [
        reverse("plans:docx", args=[demo.plans[0].pk]),
        reverse("delegates:list_docx", args=[demo.opening.pk]),
        reverse("delegates:cards_docx", args=[demo.opening.pk]),
        reverse("awards:decision_docx", args=[demo.campaign.pk, demo.decision.pk]),
        reverse("agenda:docx", args=[demo.event.plan_id, demo.event.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    agency = client_for(Role.AGENCY)
    for url in urls:
        assert agency.get(url).status_code in (403, 404), url


# --------------------------------------------------------------------------- every registered type


@pytest.mark.parametrize("key", [printable_type.key for printable_type in printables.types()])
def test_every_printable_type_has_a_word_file(db, demo, key):
    printable_type = next(t for t in printables.types() if t.key == key)
    documents = list(printable_type.list_all())
    if not documents:
        failed = "; ".join(f"{k}: {v}" for k, v in FAILED_LOADERS.items())
        pytest.skip(
            f"the demo data hold no document of type {key}" + (f" (failed: {failed})" if failed else "")
        )
    printable = printables.get(documents[0].id)
    data = docx.printable_docx(printable, cached=False)
    check_word_file(data, type_name=None)
    document = Document(io.BytesIO(data))
    # The same words as the printed document (its HTML, which the PDF is laid out from).
    html = renderer.render_html(
        printable.template,
        {**printable.context, "title": printable.title, "author": printable.author},
        for_pdf=True,
    )
    tree = lxml.html.fromstring(html)
    for hidden in tree.xpath("//head | //style | //*[contains(@class, 'draft-watermark')]"):
        hidden.drop_tree()
    for element in tree.iter():
        element.tail = " " + (element.tail or "")  # words never run across cells or paragraphs
    printed = Counter(word.casefold() for word in tree.text_content().split())
    written = Counter(
        word.casefold()
        for paragraph in document.element.body.iter(qn("w:p"))
        for word in Paragraph(paragraph, None).text.split()
    )
    assert written == printed, (key, printed - written, written - printed)
    assert document.core_properties.title == printable.title
    assert document.core_properties.author == printable.author


def test_a_landscape_appendix_is_a_landscape_section_with_its_own_numbering(db):
    plan = PlanFactory(title="Tổ chức Hội nghị tổng kết")
    SectionFactory(plan=plan, position=0, heading="Mục đích, yêu cầu", body="Đánh giá kết quả.")
    AppendixFactory(plan=plan, position=0, title="PHÂN CÔNG NHIỆM VỤ", landscape=True)
    AppendixFactory(plan=plan, position=1, title="DANH SÁCH ĐẠI BIỂU")
    printable = plan_printable(plan_queryset().get(pk=plan.pk))
    document = Document(io.BytesIO(docx.printable_docx(printable, cached=False)))
    orientations = [(round(s.page_width / MM), round(s.page_height / MM)) for s in document.sections]
    assert orientations == [(210, 297), (297, 210), (210, 297)]
    for appendix in document.sections[1:]:
        # Each phụ lục restarts the page numbers and shows none on its first page.
        assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert appendix.different_first_page_header_footer
        assert " PAGE " in "".join(appendix.header._element.itertext())
        assert (
            _mm(appendix.top_margin),
            _mm(appendix.bottom_margin),
            _mm(appendix.left_margin),
            _mm(appendix.right_margin),
        ) == (20, 20, 30, 15)
    labels = [p.text for p in document.paragraphs if p.text.startswith("Phụ lục")]
    assert labels == ["Phụ lục I", "Phụ lục II"]


def test_a_word_download_comes_from_the_render_cache_until_the_document_changes(
    db, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = PlanFactory(title="Tổ chức Hội nghị tổng kết")
    SectionFactory(plan=plan, position=0, heading="Mục đích, yêu cầu", body="Đánh giá kết quả.")
    client = client_for(Role.STAFF)
    url = reverse("plans:docx", args=[plan.pk])
    first = _get(client, url)
    stored = sorted((tmp_path / "media" / "renders").rglob("*.docx"))
    assert len(stored) == 1 and stored[0].read_bytes() == first
    assert _get(client, url) == first  # the same file again, not a new one
    plan.title = "Tổ chức Hội nghị sơ kết"
    plan.save()
    changed = _get(client, url)
    assert changed != first
    assert "Tổ chức Hội nghị sơ kết" in [p.text for p in Document(io.BytesIO(changed)).paragraphs]
    assert len(sorted((tmp_path / "media" / "renders").rglob("*.docx"))) == 2
