"""Any printed document -> an editable Word file (.docx) laid out as its PDF.

There is one converter for every document type: it reads the same HTML the
PDF is printed from (``renderer.render_html``) and the same styles, computed
by WeasyPrint's own cascade from ``documents/nd30.css`` and the templates'
``<style>`` blocks, and writes python-docx paragraphs, tables and sections
from them. No layout figure is repeated here: margins, page sizes, page
numbers, fonts, sizes, indents, spacing, borders and column widths all come
from the CSS, so a new printable type (or a change of the stylesheet) gets
its Word file without work in this module.

What the printed HTML may hold, and what it becomes:

- ``<p>``/``<div>`` with inline content: a paragraph (alignment, first-line
  indent, left indent, spacing, exact line height, keep-with-next), with
  runs in bold/italic/underline at their sizes and ``<br>`` as line breaks;
- blocks holding blocks: their children, with CSS margin collapsing;
- ``<table>``: a fixed-layout table with the ``<col>`` widths, each cell's
  borders, padding and vertical alignment; ``<thead>`` rows repeat on every
  page, rows that must not break are kept whole, ``colspan`` merges;
- a flex container of fixed-size boxes (name cards): a grid table;
- the horizontal rules of ND30 (the ``::after`` rule under the agency name
  and the title, the rule under the motto, ``.short-rule``…): a bordered
  empty paragraph as wide as the CSS says, measured on the font's metrics;
- a block starting a named page (an attached document, a phụ lục, a
  landscape phụ lục): a new section with that page's size and margins; the
  page number (``@top-center``), restarted where the CSS resets it and left
  off the pages where the CSS inhibits it, goes in the section's header;
- the fixed "DỰ THẢO" box of drafts: a watermark in every header;
- segno's QR codes (``<svg>``): PNG pictures at the CSS size.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

import weasyprint
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw
from weasyprint.css import get_all_computed_styles
from weasyprint.layout.page import PageType, set_page_type_computed_styles

from . import cache, fonts, renderer

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The font Word files name: ND30's. LibreOffice (and Word without it) uses
# the metric-compatible Liberation Serif or Tinos the PDF embeds.
FONT = "Times New Roman"
PT_PER_PX = 0.75
TWIPS_PER_PT = 20

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "start": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "end": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_VALIGN = {
    "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    "baseline": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
    "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM,
}
_BORDER_STYLES = {"solid": "single", "dashed": "dashed", "dotted": "dotted", "double": "double"}
_VML_NAMESPACES = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
_SPACE = re.compile(r"[ \t\n\r\f]+")


# --------------------------------------------------------------------------- units and metrics


def _pt(value, reference: float = 0.0) -> float | None:
    """A computed CSS length in points (``reference`` for percentages); None for auto."""
    if value is None or value == "auto":
        return None
    if isinstance(value, int | float):
        return value * PT_PER_PX
    unit = getattr(value, "unit", None)
    if unit == "%":
        return reference * value.value / 100
    if unit in ("px", None):
        return value.value * PT_PER_PX
    return None


def _size_pt(style) -> float:
    """The font size in points, to Word's half point (14 pt is 18.67 CSS px)."""
    return round(style["font_size"] * PT_PER_PX * 2) / 2


def _line_height_pt(style) -> float:
    font_size = _size_pt(style)
    value = style["line_height"]
    if value == "normal":
        return font_size * 1.15
    if isinstance(value, int | float):
        return font_size * value
    if getattr(value, "unit", None) is None:
        return font_size * value.value
    return _pt(value, font_size) or font_size * 1.15


def _is_bold(style) -> bool:
    return style["font_weight"] >= 600


def _is_italic(style) -> bool:
    return style["font_style"] in ("italic", "oblique")


def _color(style) -> RGBColor | None:
    """The text colour when it is not black (black stays Word's automatic colour)."""
    color = style["color"]
    try:
        red, green, blue = (round(channel * 255) for channel in color.coordinates[:3])
    except (AttributeError, TypeError, ValueError):
        return None
    return None if (red, green, blue) == (0, 0, 0) else RGBColor(red, green, blue)


@lru_cache(maxsize=8)
def _font_metrics(bold: bool, italic: bool) -> tuple[dict[int, int], float]:
    """(advance width by code point, units per em) of the face the PDF uses."""
    path = fonts.font_files().get(("bold" if bold else "normal", "italic" if italic else "normal"))
    if path is None:
        return {}, 1000.0
    font = TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return widths, float(font["head"].unitsPerEm)


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    widths, units = _font_metrics(bold, italic)
    default = units / 2
    return sum(widths.get(ord(char), default) for char in text) * size_pt / units


# --------------------------------------------------------------------------- XML helpers


def _set(parent, tag: str, **attributes):
    """The child ``tag`` of ``parent`` (created), with the ``w:`` attributes given."""
    child = parent.find(qn(tag))
    if child is None:
        child = parent.makeelement(qn(tag), {})
        parent.append(child)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), str(value))
    return child


def _local(tag) -> str:
    """An element's tag without its namespace (html5lib puts SVG in one)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _twips(points: float) -> int:
    return max(0, round(points * TWIPS_PER_PT))


def _border_xml(tag: str, width_pt: float, style_name: str) -> str:
    kind = _BORDER_STYLES.get(style_name, "single")
    size = max(2, round(width_pt * 8))  # eighths of a point
    return f'<w:{tag} w:val="{kind}" w:sz="{size}" w:space="0" w:color="000000"/>'


# The schema's order of the children of the property elements this module
# writes: Word refuses a file whose properties are out of order.
_SEQUENCES = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
    "sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr "
    "shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings sectPrChange",
}
_ORDER = {
    qn(tag): {qn(f"w:{name}"): index for index, name in enumerate(names.split())}
    for tag, names in _SEQUENCES.items()
}


def _put_in_schema_order(root) -> None:
    for tag, order in _ORDER.items():
        for element in root.iter(tag):
            children = list(element)
            ranked = sorted(children, key=lambda child: order.get(child.tag, len(order)))
            if ranked != children:
                for child in children:
                    element.remove(child)
                element.extend(ranked)


# --------------------------------------------------------------------------- QR codes

_PATH_COMMAND = re.compile(r"([MmHhVvLlZz])([^MmHhVvLlZz]*)")


def _svg_png(svg) -> tuple[bytes, float, float] | None:
    """segno's QR code SVG (strokes of width 1 along the path) as PNG bytes,
    with its own width and height in CSS px; None for any other picture."""
    path = next((child for child in svg.iter() if child.tag.endswith("path")), None)
    try:
        width, height = float(svg.get("width")), float(svg.get("height"))
    except (TypeError, ValueError):
        return None
    if path is None or not path.get("d"):
        return None
    scale_match = re.search(r"scale\(([\d.]+)\)", path.get("transform") or "")
    scale = float(scale_match.group(1)) if scale_match else 1.0
    modules = round(width / scale)
    pixel = 8
    image = Image.new("1", (modules * pixel, modules * pixel), 1)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, arguments in _PATH_COMMAND.findall(path.get("d")):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", arguments)]
        if command in "Mm":
            if len(numbers) < 2:
                return None
            x, y = (numbers[0], numbers[1]) if command == "M" else (x + numbers[0], y + numbers[1])
        elif command in "Hh":
            for number in numbers:
                end = number if command == "H" else x + number
                left, right = sorted((x, end))
                draw.rectangle(
                    [left * pixel, (y - 0.5) * pixel, right * pixel - 1, (y + 0.5) * pixel - 1], fill=0
                )
                x = end
        elif command in "Zz":
            continue
        else:
            return None  # not a QR code's path
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), width, height


# --------------------------------------------------------------------------- the converter


class _Flow:
    """Where blocks go: the document body or a table cell, with its width."""

    def __init__(self, container, width_pt: float, *, cell=None):
        self.container = container
        self.width = width_pt
        self.cell = cell
        self.unused_first = cell is not None  # a new cell's own empty paragraph
        self.pending_space = 0.0  # the last block's bottom margin, to collapse with the next one's top
        self.last_paragraph = None
        self.last_was_table = False

    def paragraph(self):
        if self.unused_first:
            self.unused_first = False
            paragraph = self.cell.paragraphs[0]
        else:
            paragraph = self.container.add_paragraph()
        self.last_paragraph = paragraph
        self.last_was_table = False
        return paragraph


class _Inline:
    """The inline content of one block: runs, rules to draw under it."""

    def __init__(self):
        self.pieces: list[tuple[str, object, bool]] = []  # (text or "\n" or picture, style, collapse)
        self.rules: list[tuple[float, float, float, str]] = []  # (width, space before, thickness, style)


class Converter:
    def __init__(self, html: str, *, title: str, author: str, document_date: str | None = None):
        assets = renderer._assets()
        self.html = weasyprint.HTML(string=html, base_url=renderer.BASE_URL, url_fetcher=assets.fetcher)
        self.style_for = get_all_computed_styles(
            self.html,
            user_stylesheets=list(assets.stylesheets),
            font_config=assets.font_config,
            page_rules=[],
        )
        self.title, self.author, self.document_date = title, author, document_date
        self.document = Document()
        self.watermark: tuple[str, object] | None = None
        self.watermark_count = 0
        self.page_index = 0
        self.page_name = ""
        self.section_count = 0
        self._resume_page: str | None = None
        self.started = False  # whether any block was written (a page change then needs a new section)

    # -- document and sections ---------------------------------------------

    def convert(self) -> bytes:
        body = self.html.etree_element.find("body")
        body_style = self.style_for(body)
        self._defaults(body_style)
        self.watermark = self._find_watermark(body)
        self._start_section(self.document.sections[0], name=self._page_of(body), first=True)
        flow = _Flow(self.document, self._body_width())
        self._blocks(body, flow)
        self._end_flow(flow)
        self._properties()
        _put_in_schema_order(self.document.element)
        _put_in_schema_order(self.document.styles.element)
        for section in self.document.sections:
            for part in (section.header, section.first_page_header):
                _put_in_schema_order(part._element)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def _defaults(self, body_style) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(_size_pt(body_style))
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        fonts_element = _set(normal.element.get_or_add_rPr(), "w:rFonts")
        for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts_element.set(qn(f"w:{attribute}"), FONT)
        _set(normal.element.get_or_add_rPr(), "w:lang", val="vi-VN")
        # Pair kerning, as the PDF's text shaping does (from 1 pt up).
        _set(normal.element.get_or_add_rPr(), "w:kern", val=2)
        # Word's own defaults (Calibri, 8 pt after) must not leak into any style.
        rpr_default = self.document.styles.element.find(qn("w:docDefaults"))
        if rpr_default is not None:
            for fonts_default in rpr_default.iter(qn("w:rFonts")):
                for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
                    fonts_default.set(qn(f"w:{attribute}"), FONT)
                for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
                    fonts_default.attrib.pop(qn(f"w:{theme}"), None)

    def _properties(self) -> None:
        properties = self.document.core_properties
        properties.title = unicodedata.normalize("NFC", self.title)
        properties.author = unicodedata.normalize("NFC", self.author)
        properties.last_modified_by = properties.author
        properties.comments = ""
        properties.keywords = ""
        properties.language = "vi-VN"
        properties.revision = 1
        # The document's own date, never the clock (as the PDF's metadata).
        moment = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        if self.document_date:
            with contextlib.suppress(ValueError):
                moment = datetime.datetime.fromisoformat(self.document_date[:10]).replace(tzinfo=datetime.UTC)
        properties.created = properties.modified = moment

    def _page_of(self, element) -> str:
        page = self.style_for(element)["page"]
        return "" if page in ("auto", None) else page

    def _page_style(self, name: str, *, first: bool, document_first: bool):
        index = 0 if document_first else 7
        groups = ((name, 0 if first else 3),) if name else ()
        page_type = PageType("right", False, name, index if first else 9, groups)
        set_page_type_computed_styles(page_type, self.html, self.style_for)
        return self.style_for(page_type), self.style_for(page_type, "@top-center")

    @staticmethod
    def _shows_number(margin_box) -> bool:
        if margin_box is None:
            return False
        content = margin_box["content"]
        return content not in ("none", "normal", "inhibit") and any(
            part[0] == "counter()" and part[1][0] == "page" for part in content
        )

    def _start_section(self, section, *, name: str, first: bool = False) -> None:
        self.page_name = name
        self.section_count += 1
        first_page, first_box = self._page_style(name, first=True, document_first=first)
        page, box = self._page_style(name, first=False, document_first=first)
        width, height = (size * PT_PER_PX for size in page["size"])
        section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(width), Pt(height)
        section.top_margin = Pt(_pt(page["margin_top"], height))
        section.bottom_margin = Pt(_pt(page["margin_bottom"], height))
        section.left_margin = Pt(_pt(page["margin_left"], width))
        section.right_margin = Pt(_pt(page["margin_right"], width))
        self.page_width = width - _pt(page["margin_left"], width) - _pt(page["margin_right"], width)
        sect_pr = section._sectPr
        restart = first or any(counter == "page" for counter, _ in first_page["counter_reset"] or ())
        number_type = sect_pr.find(qn("w:pgNumType"))
        if restart:
            if number_type is None:
                number_type = sect_pr.makeelement(qn("w:pgNumType"), {})
                sect_pr.append(number_type)
            number_type.set(qn("w:start"), "1")
        elif number_type is not None:
            sect_pr.remove(number_type)
        section.different_first_page_header_footer = self._shows_number(first_box) != self._shows_number(box)
        top = _pt(page["margin_top"], height)
        number_height = _line_height_pt(box) if box is not None else 0
        # @top-center is as high as the top margin; its line sits in the middle.
        section.header_distance = Pt(max(0.0, (top - number_height) / 2))
        section.footer_distance = Pt(_pt(page["margin_bottom"], height) / 2)
        for header, margin_box in (
            (section.header, box),
            (section.first_page_header, first_box),
        ):
            header.is_linked_to_previous = False
            self._fill_header(header, margin_box)

    def _fill_header(self, header, margin_box) -> None:
        paragraph = header.paragraphs[0]
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if margin_box is not None:
            self._paragraph_spacing(paragraph, line=_line_height_pt(margin_box))
        if self._shows_number(margin_box):
            size = _size_pt(margin_box)
            for kind, text in (
                ("begin", None),
                (None, " PAGE "),
                ("separate", None),
                (None, "2"),
                ("end", None),
            ):
                run = paragraph.add_run()
                run.font.size = Pt(size)
                if kind:
                    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
                elif text == " PAGE ":
                    run._r.append(
                        parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>')
                    )
                else:
                    run.text = text
        if self.watermark is not None:
            self._add_watermark(paragraph)

    def _new_section(self, flow: _Flow, name: str) -> None:
        self._end_flow(flow)
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        # The paragraph that now closes the previous section takes no room.
        closing = self.document.paragraphs[-1]
        self._paragraph_spacing(closing, line=1)
        _set(closing._p.get_or_add_pPr(), "w:rPr")
        _set(closing._p.pPr.find(qn("w:rPr")), "w:sz", val=2)
        self._start_section(section, name=name)
        flow.width = self._body_width()
        flow.pending_space = 0.0
        flow.last_paragraph = None
        flow.last_was_table = False

    def _end_flow(self, flow: _Flow) -> None:
        """Word wants a paragraph after a table at the end of a body or section."""
        if flow.last_was_table and flow.cell is None:
            self._spacer(flow, 1)

    def _body_width(self) -> float:
        return self.page_width

    # -- the draft watermark ------------------------------------------------

    def _find_watermark(self, body):
        """The text of the fixed boxes repeated on every page (the DỰ THẢO of
        drafts): one watermark for the whole file; the boxes are not content."""
        found = None
        for element in body.iter():
            if not isinstance(element.tag, str):
                continue
            style = self.style_for(element)
            if style is not None and style["position"] == "fixed":
                element.set("data-docx-watermark", "1")
                text = " ".join("".join(element.itertext()).split())
                if text and found is None:
                    found = text, style
        return found

    def _add_watermark(self, paragraph) -> None:
        text, style = self.watermark
        self.watermark_count += 1
        size = _size_pt(style)
        width = text_width_pt(text, size, bold=_is_bold(style), italic=_is_italic(style))
        color = _color(style) or RGBColor(0xC8, 0xC8, 0xC8)
        degrees = 0.0
        for name, arguments in style["transform"] or ():
            if name == "rotate":
                angle = arguments[0] if isinstance(arguments, tuple | list) else arguments
                degrees = math.degrees(float(getattr(angle, "value", angle)))
        # CSS turns clockwise for a positive angle, as VML's rotation does.
        rotation = round(degrees) % 360
        family = FONT
        weight = "font-weight:bold;" if _is_bold(style) else ""
        xml = (
            f"<w:r {nsdecls('w')} {_VML_NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>"
            '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
            'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
            '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
            f'<v:shape id="KehoachDraftMark{self.watermark_count}" '
            f'o:spid="_x0000_s{2048 + self.watermark_count}" '
            'type="#_x0000_t136" '
            f'style="position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;height:{size:.1f}pt;'
            f"rotation:{rotation};z-index:-251657216;mso-position-horizontal:center;"
            "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
            'mso-position-vertical-relative:margin" o:allowincell="f" '
            f'fillcolor="#{color}" stroked="f"><v:fill opacity="1"/>'
            f'<v:textpath style="font-family:&quot;{family}&quot;;font-size:1pt;{weight}" '
            f"string={quoteattr(text)}/></v:shape></w:pict></w:r>"
        )
        paragraph._p.append(parse_xml(xml))

    # -- blocks ---------------------------------------------------------------

    def _children(self, element):
        return [child for child in element if isinstance(child.tag, str)]

    def _display(self, element) -> tuple:
        style = self.style_for(element)
        return style["display"] if style is not None else ("none",)

    def _is_block(self, element) -> bool:
        display = self._display(element)
        return display[0] in ("block", "list-item") or display[0].startswith("table") or "flex" in display

    def _blocks(self, element, flow: _Flow) -> None:
        """The children of ``element`` (a block holding blocks), in order; text
        between block children becomes paragraphs of the element's style."""
        loose: list = []  # inline children and text collected between blocks

        def flush():
            if any(not isinstance(item, str) or item.strip() for item in loose):
                self._resume(flow)
                self._paragraph_from(element, loose, flow)
            loose.clear()

        if element.text:
            loose.append(element.text)
        for child in self._children(element):
            if self._skip(child):
                if child.tail:
                    loose.append(child.tail)
                continue
            if self._is_block(child):
                flush()
                self._block(child, flow)
            else:
                loose.append(child)
            if child.tail:
                loose.append(child.tail)
        flush()

    def _resume(self, flow: _Flow) -> None:
        """After a block on a named page, the outer page's content starts a new one."""
        if self._resume_page is not None and flow.cell is None:
            name, self._resume_page = self._resume_page, None
            self._new_section(flow, name)

    def _skip(self, element) -> bool:
        if element.tag in ("style", "script", "head", "title", "meta", "link"):
            return True
        if element.get("data-docx-watermark"):
            return True
        return self._display(element)[0] == "none"

    def _block(self, element, flow: _Flow) -> None:
        style = self.style_for(element)
        page = self._page_of(element)
        starts_page = style["break_before"] in ("page", "left", "right", "recto", "verso")
        if flow.cell is None and ((page and page != self._resume_page) or starts_page):
            self._resume_page = None  # this block starts its own page anyway
        self._resume(flow)
        outer_page = self.page_name
        if flow.cell is None and ((page and page != self.page_name) or starts_page):
            if self.started:
                self._new_section(flow, page or self.page_name)
            else:  # the document's first page is already of this kind
                self._start_section(self.document.sections[-1], name=page or self.page_name, first=True)
                flow.width = self._body_width()
        self.started = True
        display = style["display"]
        if _local(element.tag) in ("svg", "img"):
            self._picture_block(element, flow)
        elif display[0] == "table" or (len(display) > 1 and display[1] == "table"):
            self._table(element, flow)
        elif "flex" in display:
            self._grid(element, flow)
        elif not self._children(element) and not "".join(element.itertext()).strip():
            self._empty_block(element, flow)
        elif any(self._is_block(child) and not self._skip(child) for child in self._children(element)):
            self._collapse(flow, _pt(style["margin_top"], flow.width) or 0.0)
            self._blocks(element, flow)
            self._collapse(flow, _pt(style["margin_bottom"], flow.width) or 0.0)
        else:
            self._paragraph_from(
                element, [element.text or "", *self._inline_children(element)], flow, own=True
            )
        if flow.cell is None and page and page != outer_page:
            self._resume_page = outer_page  # the outer page's next block starts a new section

    def _picture_block(self, element, flow: _Flow) -> None:
        """A picture laid out as a block: its own paragraph, centred by auto margins."""
        style = self.style_for(element)
        self._paragraph_from(element, [element], flow, own=True)
        if style["margin_left"] == "auto" and style["margin_right"] == "auto":
            flow.last_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _inline_children(self, element) -> list:
        items: list = []
        for child in self._children(element):
            items.append(child)
            if child.tail:
                items.append(child.tail)
        return items

    def _collapse(self, flow: _Flow, margin: float) -> None:
        """CSS margin collapsing: adjoining margins give the larger one."""
        flow.pending_space = max(flow.pending_space, margin)

    def _empty_block(self, element, flow: _Flow) -> None:
        """An empty box: a rule when it has a top or bottom border, else vertical space."""
        style = self.style_for(element)
        margin_top = _pt(style["margin_top"], flow.width) or 0.0
        border = style["border_top_width"] if style["border_top_style"] not in ("none", "hidden") else 0
        if not border and style["border_bottom_style"] not in ("none", "hidden"):
            border = style["border_bottom_width"]
        if border:
            width = _pt(style["width"], flow.width) or flow.width
            self._collapse(flow, margin_top)
            self._rule(flow, width, border * PT_PER_PX, style["border_top_style"])
            flow.pending_space = _pt(style["margin_bottom"], flow.width) or 0.0
            return
        height = _pt(style["height"], flow.width) or 0.0
        self._collapse(flow, margin_top + height)
        self._collapse(flow, _pt(style["margin_bottom"], flow.width) or 0.0)

    # -- paragraphs -------------------------------------------------------------

    def _paragraph_spacing(self, paragraph, *, before=None, after=None, line=None) -> None:
        spacing = _set(paragraph._p.get_or_add_pPr(), "w:spacing")
        if before is not None:
            spacing.set(qn("w:before"), str(_twips(before)))
            spacing.set(qn("w:beforeAutospacing"), "0")
        if after is not None:
            spacing.set(qn("w:after"), str(_twips(after)))
            spacing.set(qn("w:afterAutospacing"), "0")
        if line is not None:
            spacing.set(qn("w:line"), str(max(1, _twips(line))))
            spacing.set(qn("w:lineRule"), "exact")

    def _spacer(self, flow: _Flow, height: float) -> None:
        paragraph = flow.paragraph()
        self._paragraph_spacing(paragraph, before=0, after=0, line=max(height, 0.05))
        _set(_set(paragraph._p.get_or_add_pPr(), "w:rPr"), "w:sz", val=2)
        flow.pending_space = 0.0

    def _paragraph_from(self, element, items: list, flow: _Flow, *, own: bool = False) -> None:
        style = self.style_for(element)
        inline = _Inline()
        for item in items:
            if isinstance(item, str):
                inline.pieces.append((item, style, style["white_space"] not in ("pre", "pre-wrap")))
            else:
                self._inline(item, inline, flow)
        margin_top = _pt(style["margin_top"], flow.width) or 0.0 if own else 0.0
        margin_bottom = _pt(style["margin_bottom"], flow.width) or 0.0 if own else 0.0
        self._collapse(flow, margin_top)
        paragraph = flow.paragraph()
        left = (
            (_pt(style["padding_left"], flow.width) or 0.0) + (_pt(style["margin_left"], flow.width) or 0.0)
            if own
            else 0.0
        )
        right = (
            (_pt(style["padding_right"], flow.width) or 0.0) + (_pt(style["margin_right"], flow.width) or 0.0)
            if own
            else 0.0
        )
        indent = _pt(style["text_indent"], flow.width - left - right) or 0.0
        format_ = paragraph.paragraph_format
        format_.alignment = _ALIGN.get(style["text_align_all"], WD_ALIGN_PARAGRAPH.LEFT)
        format_.left_indent = Pt(left) if left else None
        format_.right_indent = Pt(right) if right else None
        format_.first_line_indent = Pt(indent) if indent else None
        line = _line_height_pt(style)
        self._paragraph_spacing(paragraph, before=flow.pending_space, after=0, line=line)
        if any(not isinstance(text, str) for text, _style, _collapse in inline.pieces):
            # A picture makes its line taller: an exact height would cut it off.
            format_.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
            _set(paragraph._p.get_or_add_pPr(), "w:spacing", lineRule="atLeast")
        else:
            format_.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        if own and style["position"] == "absolute" and style["right"] != "auto":
            format_.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # a box pinned to the right edge (a card's QR code)
        if style["break_after"] == "avoid":
            format_.keep_with_next = True
        format_.widow_control = True
        flow.pending_space = 0.0
        self._runs(paragraph, inline, line)
        # The paragraph mark: the size of the paragraph's own text.
        mark = _set(paragraph._p.get_or_add_pPr(), "w:rPr")
        _set(mark, "w:sz", val=round(_size_pt(style) * 2))
        for width, space, thickness, border_style in inline.rules:
            self._rule(flow, width, thickness, border_style, space_before=space)
        flow.pending_space = margin_bottom

    def _inline(self, element, inline: _Inline, flow: _Flow) -> None:
        if self._skip(element):
            return
        style = self.style_for(element)
        tag = _local(element.tag)
        if tag == "br":
            inline.pieces.append(("\n", style, False))
            return
        if tag == "svg":
            picture = _svg_png(element)
            if picture is not None:
                data, width, height = picture
                css_width = _pt(style["width"], flow.width) or width * PT_PER_PX
                css_height = _pt(style["height"], flow.width) or height * PT_PER_PX
                inline.pieces.append(((data, css_width, css_height), style, False))
            return
        collapse = style["white_space"] not in ("pre", "pre-wrap")
        start = len(inline.pieces)
        if element.text:
            inline.pieces.append((element.text, style, collapse))
        for child in self._children(element):
            if self._is_block(child) and not self._skip(child):
                # A block inside inline content (a <p> in a cell's <div>) breaks the line.
                inline.pieces.append(("\n", style, False))
                self._inline(child, inline, flow)
                inline.pieces.append(("\n", style, False))
            else:
                self._inline(child, inline, flow)
            if child.tail:
                inline.pieces.append((child.tail, style, collapse))
        display = style["display"]
        if len(display) > 1 and display[1] == "flow-root":
            self._inline_block_rules(element, style, inline.pieces[start:], inline, flow)

    def _inline_block_rules(self, element, style, pieces, inline: _Inline, flow: _Flow) -> None:
        """Rules drawn by an inline-block: its bottom border (the motto) or an
        ``::after`` block with a top border (the agency name, the title)."""
        lines, current = [], 0.0
        for text, piece_style, _collapse in pieces:
            if not isinstance(text, str):
                continue
            if text == "\n":
                lines.append(current)
                current = 0.0
                continue
            current += text_width_pt(
                " ".join(text.split()),
                _size_pt(piece_style),
                bold=_is_bold(piece_style),
                italic=_is_italic(piece_style),
            )
        lines.append(current)
        # Shrink-to-fit: a line longer than the box wraps, and the box is as wide as its container.
        width = min(max(lines), flow.width)
        width += (_pt(style["padding_left"]) or 0.0) + (_pt(style["padding_right"]) or 0.0)
        if style["border_bottom_style"] not in ("none", "hidden") and style["border_bottom_width"]:
            inline.rules.append(
                (
                    width,
                    _pt(style["padding_bottom"]) or 0.0,
                    style["border_bottom_width"] * PT_PER_PX,
                    style["border_bottom_style"],
                )
            )
        after = self.style_for(element, "after")
        if (
            after is not None
            and after["border_top_style"] not in ("none", "hidden")
            and after["border_top_width"]
        ):
            inline.rules.append(
                (
                    _pt(after["width"], width) or width,
                    _pt(after["margin_top"]) or 0.0,
                    after["border_top_width"] * PT_PER_PX,
                    after["border_top_style"],
                )
            )

    def _runs(self, paragraph, inline: _Inline, line: float) -> None:
        # CSS white-space collapsing across the pieces: one space between
        # words, none at the start or end of a line.
        pieces: list[tuple[object, object]] = []
        at_line_start = True
        for text, style, collapse in inline.pieces:
            if not isinstance(text, str):
                pieces.append((text, style))
                at_line_start = False
                continue
            if text == "\n":
                if pieces and isinstance(pieces[-1][0], str) and pieces[-1][0] != "\n":
                    pieces[-1] = (pieces[-1][0].rstrip(" "), pieces[-1][1])
                pieces.append(("\n", style))
                at_line_start = True
                continue
            if collapse:
                text = _SPACE.sub(" ", text)
                after_space = bool(pieces) and isinstance(pieces[-1][0], str) and pieces[-1][0].endswith(" ")
                if at_line_start or after_space:
                    text = text.lstrip(" ")
            if text:
                pieces.append((text, style))
                at_line_start = False
        while pieces and isinstance(pieces[-1][0], str) and pieces[-1][0] in ("\n", ""):
            pieces.pop()
        if pieces and isinstance(pieces[-1][0], str):
            pieces[-1] = (pieces[-1][0].rstrip(" "), pieces[-1][1])
        for text, style in pieces:
            if text == "\n":
                run = paragraph.add_run()
                run.add_break(WD_BREAK.LINE)
                continue
            if not isinstance(text, str):
                data, width, height = text
                run = paragraph.add_run()
                run.add_picture(io.BytesIO(data), width=Pt(width), height=Pt(height))
                continue
            if style["text_transform"] == "uppercase":
                text = text.upper()
            elif style["text_transform"] == "lowercase":
                text = text.lower()
            run = paragraph.add_run(unicodedata.normalize("NFC", text))
            font = run.font
            font.size = Pt(_size_pt(style))
            font.bold = _is_bold(style) or None
            font.italic = _is_italic(style) or None
            if "underline" in (style["text_decoration_line"] or ()):
                font.underline = True
            color = _color(style)
            if color is not None:
                font.color.rgb = color

    def _rule(
        self, flow: _Flow, width: float, thickness: float, border_style: str, *, space_before=None
    ) -> None:
        """A horizontal rule ``width`` wide, centred: an empty bordered paragraph."""
        paragraph = flow.paragraph()
        side = max(0.0, (flow.width - width) / 2)
        format_ = paragraph.paragraph_format
        format_.alignment = WD_ALIGN_PARAGRAPH.CENTER
        format_.left_indent = Pt(side)
        format_.right_indent = Pt(side)
        before = flow.pending_space if space_before is None else space_before
        self._paragraph_spacing(paragraph, before=before, after=0, line=0.05)  # the border is its height
        p_pr = paragraph._p.get_or_add_pPr()
        borders = parse_xml(f"<w:pBdr {nsdecls('w')}>{_border_xml('top', thickness, border_style)}</w:pBdr>")
        # pBdr comes before spacing and indentation in the schema's order.
        spacing = p_pr.find(qn("w:spacing"))
        if spacing is not None:
            spacing.addprevious(borders)
        else:
            p_pr.append(borders)
        _set(_set(p_pr, "w:rPr"), "w:sz", val=2)
        flow.pending_space = 0.0

    # -- tables ---------------------------------------------------------------

    def _rows(self, table_element) -> list[tuple[object, bool]]:
        rows = []
        for child in self._children(table_element):
            tag = child.tag
            if tag == "tr":
                rows.append((child, False))
            elif tag in ("thead", "tbody", "tfoot"):
                header = self._display(child)[0] == "table-header-group"
                rows.extend((row, header) for row in self._children(child) if row.tag == "tr")
        return rows

    def _columns(self, table_element, table_width: float, rows) -> list[float]:
        widths = []
        for child in self._children(table_element):
            if child.tag == "colgroup":
                for col in self._children(child):
                    span = int(col.get("span") or 1)
                    widths.extend([_pt(self.style_for(col)["width"], table_width)] * span)
            elif child.tag == "col":
                widths.append(_pt(self.style_for(child)["width"], table_width))
        if not widths:
            count = max(
                (sum(int(cell.get("colspan") or 1) for cell in self._children(row)) for row, _ in rows),
                default=1,
            )
            widths = [None] * count
        known = sum(width for width in widths if width)
        unknown = [index for index, width in enumerate(widths) if not width]
        if unknown:
            share = max(table_width - known, 0) / len(unknown)
            for index in unknown:
                widths[index] = share
        return widths

    def _prepare_table(self, table, widths: list[float], total: float) -> None:
        tbl_pr = table._tbl.tblPr
        _set(tbl_pr, "w:tblW", w=_twips(total), type="dxa")
        _set(tbl_pr, "w:tblLayout", type="fixed")
        margins = _set(tbl_pr, "w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            _set(margins, f"w:{side}", w=0, type="dxa")
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(_twips(width)))

    def _table(self, element, flow: _Flow) -> None:
        style = self.style_for(element)
        rows = self._rows(element)
        if not rows:
            return
        table_width = _pt(style["width"], flow.width) or flow.width
        widths = self._columns(element, table_width, rows)
        table_width = sum(widths)
        margin_top = _pt(style["margin_top"], flow.width) or 0.0
        if flow.last_was_table or (flow.unused_first and flow.cell is not None):
            self._spacer(flow, max(margin_top, flow.pending_space, 0.05))
        elif flow.last_paragraph is not None:
            current = flow.last_paragraph.paragraph_format.space_after
            wanted = max(flow.pending_space, margin_top)
            self._paragraph_spacing(flow.last_paragraph, after=max(wanted, current.pt if current else 0))
        elif flow.pending_space or margin_top:
            self._spacer(flow, max(flow.pending_space, margin_top))
        if flow.cell is None:
            table = self.document.add_table(rows=len(rows), cols=len(widths))
        else:
            table = flow.cell.add_table(rows=len(rows), cols=len(widths))
        self._prepare_table(table, widths, table_width)
        for (row_element, header), row in zip(rows, table.rows, strict=True):
            self._row(row_element, header, row, widths)
        flow.last_was_table = True
        flow.last_paragraph = None
        flow.unused_first = False
        flow.pending_space = _pt(style["margin_bottom"], flow.width) or 0.0

    def _row(self, row_element, header: bool, row, widths: list[float]) -> None:
        row_style = self.style_for(row_element)
        tr_pr = row._tr.get_or_add_trPr()
        if header:
            _set(tr_pr, "w:tblHeader")
        if row_style["break_inside"] in ("avoid", "avoid-page") or header:
            _set(tr_pr, "w:cantSplit")
        column = 0
        heights = []
        for cell_element in self._children(row_element):
            if cell_element.tag not in ("td", "th") or column >= len(widths):
                continue
            span = min(int(cell_element.get("colspan") or 1), len(widths) - column)
            cell = row.cells[column]
            if span > 1:
                cell = cell.merge(row.cells[column + span - 1])
            width = sum(widths[column : column + span])
            height = self._cell(cell_element, cell, width)
            if height:
                heights.append(height)
            column += span
        if heights:
            row.height = Pt(max(heights))
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST

    def _cell(self, element, cell, width: float) -> float | None:
        style = self.style_for(element)
        tc_pr = cell._tc.get_or_add_tcPr()
        _set(tc_pr, "w:tcW", w=_twips(width), type="dxa")
        borders = ""
        for side in ("top", "left", "bottom", "right"):
            kind = style[f"border_{side}_style"]
            size = style[f"border_{side}_width"]
            if kind not in ("none", "hidden") and size:
                borders += _border_xml(side, size * PT_PER_PX, kind)
            else:
                borders += f'<w:{side} w:val="nil"/>'
        tc_pr.append(parse_xml(f"<w:tcBorders {nsdecls('w')}>{borders}</w:tcBorders>"))
        paddings = {
            side: _pt(style[f"padding_{side}"], width) or 0.0 for side in ("top", "left", "bottom", "right")
        }
        margins = "".join(
            f'<w:{side} w:w="{_twips(value)}" w:type="dxa"/>' for side, value in paddings.items()
        )
        tc_pr.append(parse_xml(f"<w:tcMar {nsdecls('w')}>{margins}</w:tcMar>"))
        cell.vertical_alignment = _VALIGN.get(style["vertical_align"], WD_CELL_VERTICAL_ALIGNMENT.TOP)
        inner = width - paddings["left"] - paddings["right"]
        flow = _Flow(cell, inner, cell=cell)
        if any(self._is_block(child) and not self._skip(child) for child in self._children(element)):
            self._blocks(element, flow)
        else:
            items = [element.text or "", *self._inline_children(element)]
            self._paragraph_from(element, items, flow)
        if flow.unused_first:  # an empty cell keeps the size of its text
            self._paragraph_from(element, [], flow)
        height = _pt(style["height"], 0)
        if height:
            return height + paddings["top"] + paddings["bottom"]
        return None

    def _grid(self, element, flow: _Flow) -> None:
        """A flex container of fixed-size boxes (name cards): as many columns as fit."""
        boxes = [child for child in self._children(element) if not self._skip(child)]
        if not boxes:
            return
        box_style = self.style_for(boxes[0])
        box_width = _pt(box_style["width"], flow.width) or flow.width
        box_height = _pt(box_style["height"], flow.width)
        columns = max(1, int((flow.width + 0.5) // box_width))
        count = -(-len(boxes) // columns)
        if flow.last_was_table:
            self._spacer(flow, 0.05)
        table = self.document.add_table(rows=count, cols=columns)
        self._prepare_table(table, [box_width] * columns, box_width * columns)
        for index, row in enumerate(table.rows):
            if box_height:
                # At least the box's height: Word cannot overlay the absolutely placed QR
                # code, so it follows the text and must not be cut off at the bottom.
                row.height = Pt(box_height)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            _set(row._tr.get_or_add_trPr(), "w:cantSplit")
            for column, cell in enumerate(row.cells):
                position = index * columns + column
                if position < len(boxes):
                    self._box(boxes[position], cell, box_width)
        flow.last_was_table = True
        flow.last_paragraph = None
        flow.pending_space = 0.0

    def _box(self, element, cell, width: float) -> None:
        """One card: borders and padding from its style; an absolutely placed
        child (the QR code) goes at the end, on the right."""
        self._cell(element, cell, width)


def render_html_docx(html: str, *, title: str, author: str, document_date: str | None = None) -> bytes:
    """DOCX bytes of a printed document's HTML (``renderer.render_html(..., for_pdf=True)``)."""
    with renderer._render_lock:
        return Converter(html, title=title, author=author, document_date=document_date).convert()


def render_docx(
    template_name: str, context: dict, *, title: str, author: str, document_date: str | None = None, lang="vi"
) -> bytes:
    """A document's Word file, from the template and context its PDF is printed from."""
    html = renderer.render_html(
        template_name, {**context, "title": title, "author": author, "lang": lang}, for_pdf=True
    )
    return render_html_docx(html, title=title, author=author, document_date=document_date)


def _converter_files() -> list[Path]:
    return [Path(__file__)]


def cached_docx(
    template_name: str, context: dict, *, title: str, author: str, document_date: str | None = None
) -> bytes:
    """``render_docx`` through the render cache (``documents.cache``): named by
    everything that changes the PDF's bytes, plus this converter's code."""
    converter = hashlib.sha256(b"".join(path.read_bytes() for path in _converter_files())).hexdigest()
    try:
        key = cache.key_for(
            template_name,
            context,
            kind="docx",
            title=title,
            author=author,
            document_date=document_date,
            converter=converter,
        )
    except cache.Uncacheable:
        key = None
    return cache.cached_file(
        key,
        "docx",
        lambda: render_docx(template_name, context, title=title, author=author, document_date=document_date),
    )


def printable_docx(printable, *, cached: bool = True) -> bytes:
    """The Word file of a registered printable (``documents.printables``)."""
    render = cached_docx if cached else render_docx
    return render(
        printable.template,
        printable.context,
        title=printable.title,
        author=printable.author,
        document_date=printable.document_date,
    )


def docx_filename(pdf_filename: str) -> str:
    stem = pdf_filename[:-4] if pdf_filename.lower().endswith(".pdf") else pdf_filename
    return f"{stem}.docx"


def docx_response(data: bytes, filename: str) -> HttpResponse:
    """The Word file as a download (the name is ASCII, like the PDFs')."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    ascii_name = docx_filename(filename).encode("ascii", "ignore").decode() or "van-ban.docx"
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def word_url(pdf_url: str | None) -> str | None:
    """The Word download beside a PDF download: ``…/pdf/`` -> ``…/docx/``,
    ``….pdf`` -> ``….docx``; None when no such URL is routed."""
    if not pdf_url:
        return None
    path, _, query = pdf_url.partition("?")
    if path.endswith("/pdf/"):
        candidate = path[: -len("pdf/")] + "docx/"
    elif path.endswith(".pdf"):
        candidate = path[: -len(".pdf")] + ".docx"
    else:
        return None
    try:
        resolve(candidate)
    except Resolver404:
        return None
    return candidate + (f"?{query}" if query else "")


class WordFormatMixin:
    """For a view that prints a document: the same view, routed again with
    ``as_view(document_format="docx")``, answers with the Word file, after
    the same permission checks (the view's own mixins run first)."""

    document_format = "pdf"

    @property
    def wants_word(self) -> bool:
        return self.document_format == "docx"

    def word_response(
        self,
        template_name: str,
        context: dict,
        *,
        title: str,
        author: str,
        filename: str,
        document_date: str | None = None,
    ) -> HttpResponse:
        data = cached_docx(template_name, context, title=title, author=author, document_date=document_date)
        return docx_response(data, filename)

    def printable_word_response(self, printable) -> HttpResponse:
        return docx_response(printable_docx(printable), printable.filename)
