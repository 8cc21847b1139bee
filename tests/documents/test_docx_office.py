"""The Word files, opened by an office suite, print as our own PDFs do.

LibreOffice (headless, a private profile per test session) converts the
.docx of the three seed documents, an invitation, an award decision and a
draft plan to PDF, in one run. Each converted PDF must pass the same ND30
checks (tests/documents/nd30.py) as the PDF we print ourselves, and look the
same page for page:

- the same number of pages, each of the same size and orientation;
- text lines: on each page the lines of both files are paired in reading
  order by their text (difflib); at least ``MIN_SAME_LINES`` of them must
  be the same line, a paired line may sit at most ``MAX_SHIFT_MM`` away (its
  left edge or its baseline) from where our PDF prints it, and over the
  document the typical page (the median of the pages' median shifts) moves
  its lines by at most ``MAX_TYPICAL_SHIFT_MM``;
- ink: each page rendered at 30 dpi (pdftoppm), the box around its dark
  pixels may differ by at most ``MAX_INK_MM`` on any side.

What the figures are (pytest -s prints them): lines sit within 0.1-0.6 mm
of ours (LibreOffice puts a line's glyphs a fraction of a millimetre higher
within the same line height), and page breaks fall at the same lines,
except where ours moves a heading to the next page with the heading below
it: LibreOffice does not carry "keep with next" back over a heading that is
itself kept with the next paragraph, so that one line stays at the foot of
the page (seed 001, page 2 -> 3: its lines then sit 8 mm higher). Word
keeps such chains together.
"""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image

from awards import documents as award_documents
from awards import services as award_services
from awards.models import Campaign
from delegates.models import Invitation
from documents import docx, printables
from plans import demo as plan_demo
from plans import demo_registry
from plans.documents import plan_printable, plan_queryset
from plans.models import Plan
from tests.documents import nd30

pytestmark = [
    pytest.mark.skipif(
        shutil.which("soffice") is None,
        reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
    ),
    pytest.mark.django_db,
]

MIN_SAME_LINES = 0.75
MAX_SHIFT_MM = 10.0
MAX_TYPICAL_SHIFT_MM = 1.0
MAX_INK_MM = 12.0
DPI = 30


@dataclass
class Case:
    name: str
    ours: bytes  # our PDF
    word: bytes  # the .docx
    office: bytes = b""  # the .docx printed by LibreOffice
    expect: nd30.Expect | None = None
    extra: dict = field(default_factory=dict)


def _signer(document) -> list[str]:
    return [line.strip().upper() for line in document.signer_title.splitlines() if line.strip()]


def _plan_case(name: str, plan: Plan) -> Case:
    printable = plan_printable(plan_queryset().get(pk=plan.pk))
    main = plan.decision or plan
    expect = nd30.Expect(
        doc_type=main.doc_type,
        type_name="QUYẾT ĐỊNH" if plan.decision else "KẾ HOẠCH",
        title_lines=main.title,
        issued=main.number is not None,
        signer_titles=_signer(main),
        signer_name=main.signer_name,
    )
    return Case(name, printable.render_pdf(), docx.printable_docx(printable, cached=False), expect=expect)


def _printable_case(name: str, printable) -> Case:
    return Case(name, printable.render_pdf(), docx.printable_docx(printable, cached=False))


def office_pdfs(words: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """LibreOffice's PDF of each .docx, all converted by one soffice run with
    a profile of our own (parallel runs do not share one)."""
    profile = workdir / "profile"
    for name, data in words.items():
        (workdir / f"{name}.docx").write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir / "out"),
            *(str(workdir / f"{name}.docx") for name in words),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {name: (workdir / "out" / f"{name}.pdf").read_bytes() for name in words}


@pytest.fixture(scope="module")
def cases(django_db_setup, django_db_blocker) -> dict[str, Case]:
    """The documents, printed both ways once for the module (the data are
    rolled back afterwards)."""
    workdir = Path(tempfile.mkdtemp(prefix="kehoach-docx-"))
    found: dict[str, Case] = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(workdir / "media")),
        transaction.atomic(),
    ):
        call_command("loaddemo", "--seeds-only", "--no-users", stdout=io.StringIO())
        for loader in demo_registry.loaders():
            if loader.key in ("conferences", "agenda", "delegates", "awards"):
                loader.load()
        plans = {plan.title: plan for plan in plan_demo.load_seed_documents()}
        for seed in ("SEED_000", "SEED_001", "SEED_003_PLAN"):
            plan = plans[getattr(plan_demo, seed)["title"]]
            found[seed] = _plan_case(seed, plan)
        draft = Plan.objects.filter(number__isnull=True, decision__isnull=True).order_by("pk").first()
        if draft is not None:
            found["draft_plan"] = _plan_case("draft_plan", draft)
        invitation = Invitation.objects.order_by("pk").first()
        found["invitation"] = _printable_case(
            "invitation", printables.get(printables.make_id("invitation", invitation.pk))
        )
        decision = award_services.decision_create(campaign=Campaign.objects.order_by("pk").first())
        decision = award_documents.decision_queryset().get(pk=decision.pk)
        case = _printable_case("award_decision", award_documents.decision_printable(decision))
        case.expect = nd30.Expect(
            doc_type="QĐ",
            type_name="QUYẾT ĐỊNH",
            title_lines=decision.title,
            issued=False,
            signer_titles=_signer(decision),
            signer_name=decision.signer_name,
        )
        found["award_decision"] = case
        transaction.set_rollback(True)
    for name, data in office_pdfs({name: case.word for name, case in found.items()}, workdir).items():
        found[name].office = data
    yield found
    shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------- the ND30 checks


@pytest.mark.parametrize("seed", ["SEED_000", "SEED_001", "SEED_003_PLAN"])
def test_the_seeds_printed_from_word_pass_the_nd30_checks(cases, seed):
    case = cases[seed]
    doc = nd30.Nd30Pdf(case.office)
    nd30.check_document(doc, case.expect)
    if seed != "SEED_003_PLAN":
        nd30.check_headings(doc)
    else:
        nd30.check_legal_bases(doc)
        nd30.check_decides(doc)
        ours = nd30.Nd30Pdf(case.ours)
        reference = doc.find(r"^\(Kèm theo Quyết định số ")
        assert reference.text == ours.find(r"^\(Kèm theo Quyết định số ").text
        nd30.check_headings(doc, pages=list(range(reference.page, len(doc.pages))))
        # The attached plan restarts the numbering on its own first page.
        assert doc.page_group_starts() == ours.page_group_starts()


def test_an_award_decision_printed_from_word_passes_the_nd30_checks(cases):
    case = cases["award_decision"]
    doc = nd30.Nd30Pdf(case.office)
    nd30.check_document(doc, case.expect)
    nd30.check_legal_bases(doc)
    nd30.check_decides(doc)
    nd30.check_appendices(
        doc, labels=["Phụ lục"], reference="(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm"
    )
    nd30.check_table_header_repeats(doc, first_header_cell="TT")


def test_an_invitation_printed_from_word_keeps_its_header_and_signature(cases):
    doc = nd30.Nd30Pdf(cases["invitation"].office)
    nd30.check_page_size(doc)
    nd30.check_text_inside_margins(doc)
    nd30.check_fonts(doc)
    nd30.check_motto(doc)
    nd30.check_agency(doc, parent_line=nd30.agency_lines(nd30.Nd30Pdf(cases["invitation"].ours))[0].text)
    nd30.check_type_name(doc, "GIẤY MỜI")
    nd30.check_recipients(doc)


def test_a_draft_printed_from_word_keeps_its_draft_number_and_mark(cases):
    if "draft_plan" not in cases:
        pytest.skip("the demo data hold no draft plan")
    case = cases["draft_plan"]
    doc = nd30.Nd30Pdf(case.office)
    nd30.check_number(doc, doc_type="KH", issued=False)
    nd30.check_date(doc, issued=False)
    nd30.check_page_numbers(doc)
    # The DỰ THẢO watermark is drawn (a light grey text shape) on every page.
    for image in _page_images(case.office):
        grey = sum(count for value, count in enumerate(image.histogram()) if 150 <= value <= 230)
        assert grey > 200, "no light grey DỰ THẢO on the page"


# --------------------------------------------------------------------------- same look


def _page_images(pdf: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(DPI), "-png", str(source), f"{folder}/page"],
            check=True,
            timeout=120,
        )
        return [Image.open(path).convert("L") for path in sorted(Path(folder).glob("page-*.png"))]


def _ink_box_mm(image: Image.Image) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the dark pixels; light grey (the draft mark) is not ink."""
    box = image.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert box is not None, "an empty page"
    return tuple(value * 25.4 / DPI for value in box)


@dataclass
class PageFigures:
    lines_ours: int
    lines_office: int
    same: int
    max_shift: float
    median_shift: float
    ink: float


def compare_pages(ours_pdf: bytes, office_pdf: bytes) -> list[PageFigures]:
    ours, office = nd30.Nd30Pdf(ours_pdf), nd30.Nd30Pdf(office_pdf)
    assert len(office.pages) == len(ours.pages), f"{len(office.pages)} pages, ours {len(ours.pages)}"
    figures = []
    images = zip(_page_images(ours_pdf), _page_images(office_pdf), strict=True)
    for page, (image_ours, image_office) in enumerate(images):
        assert ours.is_landscape(page) == office.is_landscape(page), f"page {page + 1} orientation"
        a, b = ours.lines[page], office.lines[page]
        matcher = difflib.SequenceMatcher(
            a=[line.text for line in a], b=[line.text for line in b], autojunk=False
        )
        shifts = []
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                line_a, line_b = a[block.a + offset], b[block.b + offset]
                dy = nd30.mm(line_b.baseline_pt - line_a.baseline_pt)
                shifts.append(max(abs(dy), abs(line_b.x0 - line_a.x0)))
        ink = max(abs(x - y) for x, y in zip(_ink_box_mm(image_ours), _ink_box_mm(image_office), strict=True))
        ordered = sorted(shifts) or [0.0]
        figures.append(
            PageFigures(
                lines_ours=len(a),
                lines_office=len(b),
                same=len(shifts),
                max_shift=round(max(ordered), 2),
                median_shift=round(ordered[len(ordered) // 2], 2),
                ink=round(ink, 2),
            )
        )
    return figures


@pytest.mark.parametrize(
    "name", ["SEED_000", "SEED_001", "SEED_003_PLAN", "invitation", "award_decision", "draft_plan"]
)
def test_word_printed_by_office_looks_like_our_pdf_page_for_page(cases, name):
    if name not in cases:
        pytest.skip(f"the demo data hold no {name}")
    case = cases[name]
    figures = compare_pages(case.ours, case.office)
    for page, figure in enumerate(figures, start=1):
        print(f"{name} page {page}: {figure}")  # the figures, shown with pytest -s
        assert figure.same >= MIN_SAME_LINES * max(figure.lines_ours, figure.lines_office), (page, figure)
        assert figure.max_shift <= MAX_SHIFT_MM, (page, figure)
        assert figure.ink <= MAX_INK_MM, (page, figure)
    medians = sorted(figure.median_shift for figure in figures)
    assert medians[len(medians) // 2] <= MAX_TYPICAL_SHIFT_MM, medians
