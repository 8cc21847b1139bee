"""A reusable checker of ND30 layout rules on a rendered PDF.

One function per assertion of /work/shared/ND30.md §5 that applies to the
documents we print. Each reads the PDF back (pdfplumber for text, positions
and rules; pypdf + fontTools for the embedded fonts) and raises
AssertionError with what it found. Positions are in mm from the page's
top-left corner unless named ``*_pt``.

    doc = Nd30Pdf(pdf_bytes)
    check_page_size(doc)
    check_national_title(doc)
    ...
or ``check_document(doc, Expect(...))`` for all that apply.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import pdfplumber
import pypdf
from fontTools.ttLib import TTFont

MM = 72 / 25.4
A4 = (595.28, 841.89)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
ALLOWED_FONT_FAMILIES = {"Liberation Serif", "Tinos", "Times New Roman"}
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
SIGNER_PREFIXES = {"TM.", "KT.", "Q.", "TL.", "TUQ."}
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
NUMBER_RE = re.compile(r"^Số: \d{2,}/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")
DRAFT_NUMBER_RE = re.compile(r"^Số:\s+/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")
DATE_RE = re.compile(r"^[A-ZĐ].*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
DRAFT_DATE_RE = re.compile(r"^[A-ZĐ].*, ngày\s+tháng\s+năm \d{4}$")
ROMAN_HEADING_RE = re.compile(r"^([IVX]+)\. ")


def mm(points: float) -> float:
    return points / MM


BLACK = ((0.0, 0.0, 0.0), (0,), [0], 0)


def is_watermark(char: dict) -> bool:
    """A glyph of the diagonal "DỰ THẢO" of drafts: large and light grey,
    drawn under the text on every page; not part of the document's text."""
    return char["size"] >= 40 and char.get("non_stroking_color") not in BLACK


@dataclass
class Line:
    """Characters on one baseline, without a wide horizontal gap."""

    page: int
    chars: list[dict] = field(repr=False)

    @cached_property
    def text(self) -> str:
        return " ".join("".join(c["text"] for c in self.chars).split())

    @property
    def x0(self) -> float:
        return mm(min(c["x0"] for c in self.chars if c["text"].strip()))

    @property
    def x1(self) -> float:
        return mm(max(c["x1"] for c in self.chars if c["text"].strip()))

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def top(self) -> float:
        return mm(min(c["top"] for c in self.chars))

    @property
    def bottom(self) -> float:
        return mm(max(c["bottom"] for c in self.chars))

    @property
    def baseline_pt(self) -> float:
        return self.chars[0]["baseline"]

    @property
    def visible(self) -> list[dict]:
        return [c for c in self.chars if c["text"].strip()]

    @property
    def sizes(self) -> set[float]:
        return {round(c["size"], 1) for c in self.visible}

    @property
    def size(self) -> float:
        sizes = [round(c["size"], 1) for c in self.visible]
        return max(set(sizes), key=sizes.count)

    @property
    def bold(self) -> bool:
        return all("Bold" in c["fontname"] for c in self.visible)

    @property
    def italic(self) -> bool:
        return all("Italic" in c["fontname"] for c in self.visible)

    def prefix_bold(self, prefix: str) -> bool:
        """Whether the characters of ``prefix`` at the start are bold."""
        count = len(prefix.replace(" ", ""))
        return all("Bold" in c["fontname"] for c in self.visible[:count])

    def __str__(self) -> str:
        return (
            f"p{self.page + 1} y={self.top:.1f}mm x={self.x0:.1f}-{self.x1:.1f}mm {self.size}pt «{self.text}»"
        )


@dataclass(frozen=True)
class Rule:
    page: int
    x0: float
    x1: float
    y: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


class Nd30Pdf:
    def __init__(self, data: bytes):
        self.data = data
        self.pdf = pdfplumber.open(io.BytesIO(data))
        self.pages = self.pdf.pages
        self.lines: list[list[Line]] = [self._lines(i, page) for i, page in enumerate(self.pages)]
        # The draft watermark's text per page ("" on an issued document).
        self.watermarks: list[str] = [
            " ".join("".join(c["text"] for c in page.chars if is_watermark(c)).split()) for page in self.pages
        ]
        self.rules: list[list[Rule]] = [self._rules(i, page) for i, page in enumerate(self.pages)]

    # -- extraction ---------------------------------------------------------

    @staticmethod
    def _lines(index: int, page) -> list[Line]:
        chars = []
        for char in page.chars:
            if is_watermark(char):
                continue
            char = dict(char)
            char["baseline"] = round(page.height - char["matrix"][5], 1)
            chars.append(char)
        chars.sort(key=lambda c: (c["baseline"], c["x0"]))
        rows: list[list[dict]] = []
        for char in chars:
            if rows and abs(rows[-1][-1]["baseline"] - char["baseline"]) < 0.6:
                rows[-1].append(char)
            else:
                rows.append([char])
        lines = []
        for row in rows:
            row.sort(key=lambda c: c["x0"])
            current: list[dict] = []
            for char in row:
                # A gap wider than 3 mm between glyphs separates columns.
                if current and char["x0"] - current[-1]["x1"] > 3 * MM:
                    lines.append(Line(index, current))
                    current = []
                current.append(char)
            if current:
                lines.append(Line(index, current))
        return [line for line in lines if line.text]

    @staticmethod
    def _rules(index: int, page) -> list[Rule]:
        """Horizontal rules: thin filled rectangles, or WeasyPrint's borders
        (an outer and an inner rectangle filled even-odd)."""
        rules = set()
        rects = [
            r for r in page.rects if r.get("non_stroking_color") in ((0.0, 0.0, 0.0), (0,), [0], 0, None)
        ]
        for r in rects:
            if r["height"] < 2 and r["width"] > 3:
                rules.add(Rule(index, mm(r["x0"]), mm(r["x1"]), round(mm(r["bottom"]), 1)))
        for segment in page.lines:
            if abs(segment["top"] - segment["bottom"]) < 0.5 and segment["width"] > 3:
                rules.add(Rule(index, mm(segment["x0"]), mm(segment["x1"]), round(mm(segment["top"]), 1)))
        for a in rects:
            for b in rects:
                if (
                    a is not b
                    and abs(a["x0"] - b["x0"]) < 0.1
                    and abs(a["x1"] - b["x1"]) < 0.1
                    and abs(a["top"] - b["top"]) < 0.1
                    and 0 < b["bottom"] - a["bottom"] < 2
                ):
                    rules.add(Rule(index, mm(a["x0"]), mm(a["x1"]), round(mm(b["bottom"]), 1)))
        return sorted(rules, key=lambda r: (r.y, r.x0))

    # -- queries ------------------------------------------------------------

    def is_landscape(self, page: int) -> bool:
        return self.pages[page].width > self.pages[page].height

    def text_box(self, page: int) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the text block in mm."""
        width, height = mm(self.pages[page].width), mm(self.pages[page].height)
        return MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM

    def text_centre(self, page: int) -> float:
        left, _, right, _ = self.text_box(page)
        return (left + right) / 2

    def body_lines(self, page: int) -> list[Line]:
        """Lines inside the text block (not the page number or draft mark)."""
        return [line for line in self.lines[page] if line.top >= MARGIN_TOP - 0.5]

    def margin_lines(self, page: int) -> list[Line]:
        return [line for line in self.lines[page] if line.top < MARGIN_TOP - 0.5]

    def all_lines(self) -> list[Line]:
        return [line for page in range(len(self.pages)) for line in self.body_lines(page)]

    def find(self, pattern: str, *, page: int | None = None, start: Line | None = None) -> Line:
        found = self.find_all(pattern, page=page, start=start)
        assert found, f"no line matches {pattern!r}" + (f" on page {page + 1}" if page is not None else "")
        return found[0]

    def find_all(self, pattern: str, *, page: int | None = None, start: Line | None = None) -> list[Line]:
        regex = re.compile(pattern)
        lines = self.body_lines(page) if page is not None else self.all_lines()
        if start is not None:
            lines = [line for line in lines if (line.page, line.top) > (start.page, start.top)]
        return [line for line in lines if regex.search(line.text)]

    def rule_below(self, line: Line, *, within: float = 5.0) -> Rule:
        candidates = [
            rule
            for rule in self.rules[line.page]
            if line.bottom - 1 <= rule.y <= line.bottom + within
            and rule.x1 > line.x0 - 5
            and rule.x0 < line.x1 + 5
            and rule.width < 170
        ]
        assert candidates, f"no rule under {line}"
        return candidates[0]

    def next_lines(self, line: Line, count: int, *, column: tuple[float, float] | None = None) -> list[Line]:
        lines = [
            other
            for other in self.body_lines(line.page)
            if other.top > line.top + 0.5 and (column is None or column[0] <= other.centre <= column[1])
        ]
        return lines[:count]

    def text(self) -> str:
        return "\n".join(line.text for line in self.all_lines())

    def page_group_starts(self) -> list[int]:
        """Pages where numbering (re)starts: page 1, an attached document's
        first page (it has its own header) and each phụ lục."""
        starts = []
        for page in range(len(self.pages)):
            lines = self.body_lines(page)
            if not lines:
                continue
            if (
                page == 0
                or lines[0].text.startswith("Phụ lục")
                or any(line.text == NATIONAL_TITLE for line in lines[:3])
            ):
                starts.append(page)
        return starts


def _assert_size(line: Line, low: float, high: float) -> None:
    assert all(low - 0.1 <= size <= high + 0.1 for size in line.sizes), (
        f"size {line.sizes} not in {low}-{high}: {line}"
    )


def _upper(text: str) -> bool:
    return text == text.upper()


# ---- §5 assertions ---------------------------------------------------------


def check_page_size(doc: Nd30Pdf) -> None:
    """1. A4 595.3×841.9 pt ±3; landscape only for pages holding a table."""
    for index, page in enumerate(doc.pages):
        size = sorted((page.width, page.height))
        assert abs(size[0] - A4[0]) <= 3 and abs(size[1] - A4[1]) <= 3, f"page {index + 1} is {size}"
        if doc.is_landscape(index):
            assert len(doc.rules[index]) >= 4, f"landscape page {index + 1} holds no table"


def check_text_inside_margins(doc: Nd30Pdf) -> None:
    """2. Text (but page numbers and the draft mark) inside the margins."""
    for page in range(len(doc.pages)):
        left, top, right, bottom = doc.text_box(page)
        for line in doc.lines[page]:
            if line.top < top - 0.5 and (line.text.isdigit() or line.text == DRAFT_MARK):
                continue
            assert line.x0 >= left - 1 and line.x1 <= right + 1, f"outside side margins: {line}"
            assert line.top >= top - 1 and line.bottom <= bottom + 1, f"outside top/bottom margins: {line}"


def check_fonts(doc: Nd30Pdf) -> None:
    """3. Fonts embedded, of the Times metric family; text NFC and black."""
    reader = pypdf.PdfReader(io.BytesIO(doc.data))
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
            assert file is not None, f"font {font['/BaseFont']} is not embedded"
            assert "/ToUnicode" in font, f"font {font['/BaseFont']} has no ToUnicode map"
            families.add(TTFont(io.BytesIO(file.get_object().get_data()))["name"].getDebugName(1))
    assert families and families <= ALLOWED_FONT_FAMILIES, f"font families {families}"
    text = doc.text()
    assert text == unicodedata.normalize("NFC", text), "extracted text is not NFC"
    for page in doc.pages:
        for char in page.chars:
            if is_watermark(char):
                continue
            assert char["non_stroking_color"] in BLACK, (
                f"{char['text']!r} coloured {char['non_stroking_color']}"
            )


def check_national_title(doc: Nd30Pdf, page: int = 0) -> Line:
    """4. Quốc hiệu: one line, bold, 12-13 pt, topmost, right column."""
    line = doc.find(f"^{NATIONAL_TITLE}$", page=page)
    assert line.bold, line
    _assert_size(line, 12, 13)
    assert line.top <= min(other.top for other in doc.body_lines(page)) + 0.5, f"not topmost: {line}"
    assert line.x0 > MARGIN_LEFT + 55, f"not in the right column: {line}"
    return line


def check_motto(doc: Nd30Pdf, page: int = 0) -> None:
    """5. Tiêu ngữ: bold 13-14 pt, directly below, centred ±2 mm; rule as wide ±2 mm."""
    title = check_national_title(doc, page)
    line = doc.find(f"^{MOTTO}$", page=page)
    below = doc.next_lines(title, 1, column=(title.x0, title.x1))
    assert below and below[0].text == MOTTO, f"motto is not directly below the national title: {below}"
    assert line.bold, line
    _assert_size(line, 13, 14)
    assert abs(line.centre - title.centre) <= 2, (
        f"motto centred at {line.centre:.1f}, title {title.centre:.1f}"
    )
    rule = doc.rule_below(line)
    assert abs(rule.width - line.width) <= 2, f"motto rule {rule.width:.1f} mm, text {line.width:.1f} mm"
    assert abs(rule.centre - line.centre) <= 2, rule


def agency_lines(doc: Nd30Pdf, page: int = 0) -> list[Line]:
    """The left-column header lines above the Số line (or the type name)."""
    title = doc.find(f"^{NATIONAL_TITLE}$", page=page)
    limit = doc.find("^(Số:|KẾ HOẠCH$|QUYẾT ĐỊNH$)", page=page)
    return [
        line
        for line in doc.body_lines(page)
        if line.top < limit.top - 0.5 and line.x1 < title.x0 and line.text != DRAFT_MARK
    ]


def check_agency(doc: Nd30Pdf, *, parent_line: str = "", page: int = 0) -> None:
    """6. Agency name uppercase bold 12-13 pt; parent line not bold; rule 33-50 % centred."""
    lines = agency_lines(doc, page)
    assert lines, "no agency name"
    if parent_line:
        assert lines[0].text == parent_line, lines[0]
        assert not any("Bold" in c["fontname"] for c in lines[0].visible), f"parent line is bold: {lines[0]}"
        _assert_size(lines[0], 12, 13)
        lines = lines[1:]
    for line in lines:
        assert _upper(line.text), line
        assert line.bold, line
        _assert_size(line, 12, 13)
    widest = max(line.width for line in lines)
    rule = doc.rule_below(lines[-1])
    assert 0.33 * widest <= rule.width <= 0.50 * widest, f"agency rule {rule.width:.1f} mm of {widest:.1f} mm"
    centre = (min(line.x0 for line in lines) + max(line.x1 for line in lines)) / 2
    assert abs(rule.centre - centre) <= 1, f"agency rule centred at {rule.centre:.1f}, name at {centre:.1f}"


def check_number(doc: Nd30Pdf, *, doc_type: str, issued: bool, page: int = 0) -> Line:
    """7-8. "Số: 4417/KH-UBND" (or the draft's blank), 13 pt regular, with the type code."""
    line = doc.find("^Số:", page=page)
    assert (NUMBER_RE if issued else DRAFT_NUMBER_RE).match(line.text), line
    assert f"/{doc_type}-" in line.text, f"type code {doc_type} missing: {line}"
    assert not any("Bold" in c["fontname"] for c in line.visible), line
    _assert_size(line, 13, 13)
    return line


def check_date(doc: Nd30Pdf, *, issued: bool, page: int = 0) -> Line:
    """9-10. Place and date italic 13-14 pt, on Số's baseline ±3 pt, centred on the Quốc hiệu ±3 mm."""
    number = doc.find("^Số:", page=page)
    title = doc.find(f"^{NATIONAL_TITLE}$", page=page)
    line = doc.find(", ngày", page=page)
    assert (DATE_RE if issued else DRAFT_DATE_RE).match(line.text), line
    assert line.italic, line
    _assert_size(line, 13, 14)
    assert abs(line.baseline_pt - number.baseline_pt) <= 3, f"date baseline vs Số: {line} / {number}"
    assert abs(line.centre - title.centre) <= 3, f"date centre {line.centre:.1f}, title {title.centre:.1f}"
    return line


def check_type_name(doc: Nd30Pdf, name: str, *, page: int = 0) -> Line:
    """11. Type name uppercase bold 13-14 pt, centred in the text block ±2 mm."""
    line = doc.find(f"^{name}$", page=page)
    assert line.bold, line
    _assert_size(line, 13, 14)
    assert abs(line.centre - doc.text_centre(page)) <= 2, line
    return line


def check_title(
    doc: Nd30Pdf, type_name: str, title_lines: list[str] | str, *, page: int = 0, ruled: bool = True
):
    """12. Trích yếu bold, not uppercase, 13-14 pt, centred; rule 33-50 % of its longest line."""
    name = doc.find(f"^{type_name}$", page=page)
    if isinstance(title_lines, str):
        # Only the text is known (the title wraps by itself): take as many lines as it needs.
        wanted, lines = " ".join(title_lines.split()), []
        for line in doc.next_lines(name, 12):
            lines.append(line)
            if " ".join(line.text for line in lines) == wanted:
                break
        title_lines = [line.text for line in lines]
    lines = doc.next_lines(name, len(title_lines))
    assert [line.text for line in lines] == title_lines, [line.text for line in lines]
    for line in lines:
        assert line.bold, line
        assert not _upper(line.text), line
        _assert_size(line, 13, 14)
        assert abs(line.centre - doc.text_centre(page)) <= 2, line
    if ruled:
        longest = max(line.width for line in lines)
        rule = doc.rule_below(lines[-1])
        assert 0.33 * longest <= rule.width <= 0.50 * longest, f"title rule {rule.width:.1f} of {longest:.1f}"
        assert abs(rule.centre - doc.text_centre(page)) <= 2, rule
    return lines


def paragraph_starts(doc: Nd30Pdf, page: int) -> list[Line]:
    """Lines that start a body paragraph: at the first-line indent."""
    left = doc.text_box(page)[0]
    return [line for line in doc.body_lines(page) if abs(line.x0 - (left + 12.7)) <= 0.5]


def check_body(doc: Nd30Pdf, pages: list[int] | None = None) -> None:
    """13-14. Body one size in 13-14 pt, justified, indent 12.7 mm ±0.5; paragraph
    gap ≥ 6 pt; baseline step inside a paragraph 1.1-1.75× the size."""
    pages = pages if pages is not None else [p for p in range(len(doc.pages)) if not doc.is_landscape(p)]
    sizes = set()
    justified = 0
    for page in pages:
        left, _, right, _ = doc.text_box(page)
        lines = doc.body_lines(page)
        starts = {id(line) for line in paragraph_starts(doc, page)}
        for previous, line in itertools.pairwise(lines):
            in_body = id(previous) in starts or abs(previous.x0 - left) <= 0.5
            if in_body and abs(previous.x1 - right) <= 0.5 and len(previous.text) > 30:
                justified += 1
            if line.size != previous.size or line.size < 13 or previous.bold or line.bold:
                continue
            step = line.baseline_pt - previous.baseline_pt
            if id(line) in starts and (id(previous) in starts or abs(previous.x0 - left) <= 0.5):
                sizes.add(line.size)
                assert step >= line.size * 1.1 + 6 - 0.5, f"paragraph gap {step:.1f} pt before {line}"
            elif abs(line.x0 - left) <= 0.5 and (id(previous) in starts or abs(previous.x0 - left) <= 0.5):
                assert 1.1 * line.size <= step + 0.2 and step <= 1.75 * line.size + 0.2, (
                    f"baseline step {step:.1f} pt at {line}"
                )
    assert sizes, "no body paragraph found"
    assert len(sizes) == 1 and 13 <= next(iter(sizes)) <= 14, f"body sizes {sizes}"
    assert justified >= 1, "no justified line"


def check_legal_bases(doc: Nd30Pdf) -> None:
    """15. Căn cứ lines italic, each ending ";" and the last of the list "."."""
    decides = doc.find("^QUYẾT ĐỊNH:$")
    starts = [
        line
        for line in doc.find_all("^(Căn cứ|Xét đề nghị|Theo đề nghị)")
        if line.x0 > MARGIN_LEFT + 5 and (line.page, line.top) < (decides.page, decides.top)
    ]
    assert starts, "no căn cứ"
    paragraphs = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else decides
        lines = [
            line
            for line in doc.all_lines()
            if (start.page, start.top) <= (line.page, line.top) < (end.page, end.top)
        ]
        paragraphs.append(lines)
    for index, lines in enumerate(paragraphs):
        text = " ".join(line.text for line in lines)
        assert all(line.italic for line in lines), f"not italic: {text[:60]}"
        expected = "." if index == len(paragraphs) - 1 else ";"
        assert text.endswith(expected), f"should end with {expected!r}: …{text[-60:]}"


def check_decides(doc: Nd30Pdf) -> None:
    """16. "QUYẾT ĐỊNH:" centred bold; "Điều n." bold, n = 1, 2, …"""
    line = doc.find("^QUYẾT ĐỊNH:$")
    assert line.bold, line
    assert abs(line.centre - doc.text_centre(line.page)) <= 2, line
    articles = doc.find_all(r"^Điều \d+\. ")
    assert articles, "no article"
    for number, article in enumerate(articles, start=1):
        assert article.text.startswith(f"Điều {number}. "), article
        assert article.prefix_bold(f"Điều {number}."), article
        assert not article.bold, f"only the label is bold: {article}"
        left = doc.text_box(article.page)[0]
        assert abs(article.x0 - (left + 12.7)) <= 0.5, f"article not at the indent: {article}"


def check_headings(doc: Nd30Pdf, pages: list[int] | None = None) -> None:
    """17. Mục headings ^[IVX]+. uppercase bold at the indent, I, II, III …;
    điểm letters in Vietnamese order, no f/j/w/z."""
    pages = pages if pages is not None else list(range(len(doc.pages)))
    headings = [line for page in pages for line in doc.body_lines(page) if ROMAN_HEADING_RE.match(line.text)]
    assert headings, "no mục heading"
    for line in headings:
        assert _upper(line.text), line
        assert line.bold, line
        left = doc.text_box(line.page)[0]
        assert abs(line.x0 - (left + 12.7)) <= 0.5, f"heading not at the indent: {line}"
    numerals = [ROMAN_HEADING_RE.match(line.text).group(1) for line in headings]
    expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    # Numbering restarts in each document of the file (decision + plan).
    runs, run = [], []
    for numeral in numerals:
        if numeral == "I" and run:
            runs.append(run)
            run = []
        run.append(numeral)
    runs.append(run)
    for run in runs:
        assert run == expected[: len(run)], f"mục numbering {numerals}"
    letters = [
        line.text[0]
        for page in pages
        for line in paragraph_starts(doc, page)
        if re.match(r"^[a-zđ]\) ", line.text)
    ]
    assert not set(letters) & set("fjwz"), letters
    for letter in letters:
        assert letter in VIETNAMESE_LETTERS, letter


def signature_block(doc: Nd30Pdf, *, start: Line | None = None) -> tuple[Line | None, list[Line]]:
    """("Nơi nhận:" line or None, the right-column lines on its page)."""
    to = doc.find_all("^Nơi nhận:$", start=start)
    if to:
        page = to[0].page
        lines = [line for line in doc.body_lines(page) if line.top >= to[0].top - 2 and line.x0 > 95]
        return to[0], lines
    raise AssertionError("no «Nơi nhận:»")


def check_ends_with_mark(doc: Nd30Pdf, *, before: Line) -> None:
    """18. The body's last line before the signature ends with "./."."""
    previous = [
        line
        for line in doc.all_lines()
        if (line.page, line.top) < (before.page, before.top - 1) and not line.text.isdigit()
    ]
    assert previous and previous[-1].text.endswith("./."), f"body ends: {previous[-1] if previous else None}"


def check_recipients(doc: Nd30Pdf, *, start: Line | None = None) -> Line:
    """19-20. "Nơi nhận:" bold italic 12 pt at the left margin ±1 mm, baseline ±3 pt of
    the first signer line; items 11 pt "- …;", the last "- Lưu: VT…."."""
    to, right = signature_block(doc, start=start)
    assert to.bold and to.italic, to
    _assert_size(to, 12, 12)
    assert abs(to.x0 - doc.text_box(to.page)[0]) <= 1, to
    assert right, "no signer beside «Nơi nhận:»"
    assert abs(right[0].baseline_pt - to.baseline_pt) <= 3, f"{to} / {right[0]}"
    column = [line for line in doc.body_lines(to.page) if line.top > to.top + 0.5 and line.x1 < right[0].x0]
    items: list[str] = []
    for line in column:
        _assert_size(line, 11, 11)
        if line.text.startswith("- "):
            items.append(line.text)
        else:
            assert items, f"recipient without dash: {line}"
            items[-1] += " " + line.text
        if items[-1].startswith("- Lưu:"):
            break
    assert items, "no recipients"
    for item in items[:-1]:
        assert item.endswith(";"), item
    assert items[-1].startswith("- Lưu: VT") and items[-1].endswith("."), items[-1]
    return to


def check_signer(doc: Nd30Pdf, *, titles: list[str], name: str, start: Line | None = None) -> None:
    """21-22. Signer lines uppercase bold 13-14 pt centred in the right column, prefixes
    TM./KT./Q./TL./TUQ.; the name bold, not uppercase, centred ±2 mm, no TS./ThS."""
    first = doc.find(f"^{re.escape(titles[0])}$", start=start)
    lines = [first, *doc.next_lines(first, len(titles), column=(first.x0 - 15, first.x1 + 15))]
    title_lines, name_line = lines[: len(titles)], lines[len(titles)]
    assert [line.text for line in title_lines] == titles, [str(line) for line in title_lines]
    centre = title_lines[0].centre
    for line in title_lines:
        assert _upper(line.text) and line.bold, line
        _assert_size(line, 13, 14)
        assert abs(line.centre - centre) <= 2, line
        assert line.centre > doc.text_centre(line.page), f"not in the right column: {line}"
        prefix = re.match(r"^([A-Z]+\.) ", line.text)
        if prefix:
            assert prefix.group(1) in SIGNER_PREFIXES, line
    assert name_line.text == name, name_line
    assert name_line.bold and not _upper(name_line.text), name_line
    _assert_size(name_line, 13, 14)
    assert abs(name_line.centre - centre) <= 2, name_line
    assert not re.match(r"^(TS|ThS|PGS|GS)\.", name_line.text), name_line
    gap = name_line.top - title_lines[-1].bottom
    assert 20 <= gap <= 35, f"signature gap {gap:.1f} mm"


def check_page_numbers(doc: Nd30Pdf, group_starts: list[int] | None = None) -> None:
    """24-25. No number on the first page of each group (page 1, an attached
    document, each phụ lục); other pages show n, 13-14 pt, centred ±2 mm in the top margin."""
    starts = group_starts if group_starts is not None else doc.page_group_starts()
    assert starts and starts[0] == 0, starts
    for page in range(len(doc.pages)):
        start = max(s for s in starts if s <= page)
        numbers = [line for line in doc.margin_lines(page) if line.text.isdigit()]
        if page == start:
            assert not numbers, f"page {page + 1} should show no number: {numbers}"
            continue
        assert len(numbers) == 1, f"page {page + 1}: numbers {numbers}"
        number = numbers[0]
        assert number.text == str(page - start + 1), f"page {page + 1} shows {number.text}"
        _assert_size(number, 13, 14)
        assert abs(number.centre - doc.text_centre(page)) <= 2, number
        assert number.bottom <= MARGIN_TOP, number


def check_appendices(doc: Nd30Pdf, *, labels: list[str], reference: str) -> None:
    """25-26. Each phụ lục starts a page: "Phụ lục I" bold 14 pt, its title uppercase
    bold, the italic centred "(Kèm theo … số … ngày …)" line."""
    pages = [
        p
        for p in range(len(doc.pages))
        if doc.body_lines(p) and doc.body_lines(p)[0].text.startswith("Phụ lục")
    ]
    assert [doc.body_lines(p)[0].text for p in pages] == labels, [doc.body_lines(p)[0].text for p in pages]
    for page in pages:
        label, title = doc.body_lines(page)[:2]
        assert label.bold, label
        _assert_size(label, 14, 14)
        assert abs(label.centre - doc.text_centre(page)) <= 2, label
        assert title.bold and _upper(title.text), title
        ref = doc.find(r"^\(Kèm theo ", page=page)
        assert ref.italic, ref
        assert abs(ref.centre - doc.text_centre(page)) <= 2, ref
        assert " ".join(ref.text.split()).startswith(" ".join(reference.split())), ref
        assert page in doc.page_group_starts(), f"phụ lục on page {page + 1} does not restart numbering"


def check_attached_reference(doc: Nd30Pdf, *, decision_reference: str) -> Line:
    """27. The attached KH's "(Kèm theo Quyết định số …)" matches the decision."""
    line = doc.find(r"^\(Kèm theo Quyết định số ")
    assert line.italic, line
    assert line.text.startswith(f"(Kèm theo {decision_reference}"), line
    assert abs(line.centre - doc.text_centre(line.page)) <= 2, line
    return line


def check_table_header_repeats(doc: Nd30Pdf, *, first_header_cell: str = "STT") -> list[int]:
    """28. A table that continues on the next page repeats its bold header row there."""
    table_pages = [p for p in range(len(doc.pages)) if len([r for r in doc.rules[p] if r.width > 5]) >= 4]
    continued = [p for p in table_pages if p - 1 in table_pages and p not in doc.page_group_starts()]
    for page in continued:
        lines = doc.body_lines(page)
        top_row = [line for line in lines if line.top < lines[0].top + 10]
        header = [line for line in top_row if line.text == first_header_cell]
        assert header, f"page {page + 1} starts with {[str(line) for line in top_row]}"
        assert header[0].bold, header[0]
    return continued


@dataclass
class Expect:
    doc_type: str
    type_name: str
    title_lines: list[str]
    issued: bool
    signer_titles: list[str]
    signer_name: str
    parent_line: str = ""
    appendix_labels: list[str] = field(default_factory=list)
    appendix_reference: str = ""


def check_document(doc: Nd30Pdf, expect: Expect) -> None:
    """Every assertion that applies to page 1 and the signature of a KH or QĐ."""
    check_page_size(doc)
    check_text_inside_margins(doc)
    check_fonts(doc)
    check_national_title(doc)
    check_motto(doc)
    check_agency(doc, parent_line=expect.parent_line)
    check_number(doc, doc_type=expect.doc_type, issued=expect.issued)
    check_date(doc, issued=expect.issued)
    check_type_name(doc, expect.type_name)
    check_title(doc, expect.type_name, expect.title_lines)
    check_body(doc)
    to = check_recipients(doc)
    check_ends_with_mark(doc, before=to)
    check_signer(doc, titles=expect.signer_titles, name=expect.signer_name)
    check_page_numbers(doc)
    if expect.appendix_labels:
        check_appendices(doc, labels=expect.appendix_labels, reference=expect.appendix_reference)
    check_table_header_repeats(doc)
