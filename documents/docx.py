"""A plan's (or a decision's) context -> an editable Word file (.docx).

The same data the PDF is printed from (``plans.documents.build_plan_context``
and ``build_decision_context``), laid out with python-docx in ND30's main
shapes: the two-column header table, the document type and title, numbered
sections, the task table, the signature and the recipients. Offices edit in
Word; the PDF stays the reference print. (Issue 10 refines the layout.)
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"</p>|<br\s*/?>|</li>|</div>", re.IGNORECASE)


def html_paragraphs(markup: str | None) -> list[str]:
    """The text paragraphs of the small HTML our markup produces."""
    if not markup:
        return []
    text = _BREAK.sub("\n", str(markup))
    text = html.unescape(_TAG.sub("", text))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(6)
    return document


def _paragraph(container, text: str, *, bold=False, italic=False, size=14, align=None, indent=True):
    existing = container.paragraphs
    if hasattr(container, "_tc") and len(existing) == 1 and not existing[0].runs:
        paragraph = existing[0]  # a new table cell's own empty paragraph
    else:
        paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _header(document, header: dict[str, Any]) -> None:
    table = document.add_table(rows=2 if header.get("number_line") else 1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    if header.get("parent_line"):
        _paragraph(left, header["parent_line"], size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in header.get("agency_lines", []):
        _paragraph(left, line, bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    if header.get("number_line"):
        number, place_date = table.rows[1].cells
        _paragraph(number, header["number_line"], size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(
            place_date, header.get("date_line", ""), italic=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER
        )


def _heading(document, heading: dict[str, Any]) -> None:
    _paragraph(document, heading["type_name"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in heading.get("title_lines", []):
        _paragraph(document, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in heading.get("attached_ref_lines", []):
        _paragraph(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _task_table(document, rows: list[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, label in zip(
        table.rows[0].cells,
        ["STT", "Nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        strict=True,
    ):
        _paragraph(cell, label, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in rows:
        cells = table.add_row().cells
        values = [
            row.get("number", ""),
            " ".join(html_paragraphs(row.get("description_html"))),
            row.get("time_frame", ""),
            " ".join(html_paragraphs(row.get("lead_html"))),
            " ".join(html_paragraphs(row.get("cooperating_html"))),
        ]
        for cell, value in zip(cells, values, strict=True):
            _paragraph(cell, value, bold=bool(row.get("is_parent")), size=12, indent=False)


def _block(document, block: dict[str, Any] | None) -> None:
    if not block:
        return
    context = block.get("context") or {}
    if isinstance(context, dict) and "rows" in context:
        _task_table(document, context["rows"])
        return
    if isinstance(context, dict):
        for value in context.values():
            if isinstance(value, list):
                for item in value:
                    for text in html_paragraphs(item if isinstance(item, str) else item.get("html", "")):
                        _paragraph(document, text)


def _sections(document, nodes: list[dict[str, Any]]) -> None:
    for node in nodes:
        if node.get("heading"):
            lead = node.get("label", "")
            _paragraph(document, f"{lead} {node['heading']}".strip(), bold=True)
        for text in html_paragraphs(node.get("body_html")):
            _paragraph(document, text)
        _block(document, node.get("block"))
        for text in html_paragraphs(node.get("body_after_html")):
            _paragraph(document, text)
        _sections(document, node.get("children", []))


def _signature(document, signature: dict[str, Any]) -> None:
    table = document.add_table(rows=1, cols=2)
    recipients, signer = table.rows[0].cells
    _paragraph(recipients, "Nơi nhận:", bold=True, italic=True, size=12, indent=False)
    for line in signature.get("recipients", []):
        _paragraph(recipients, line, size=11, indent=False)
    for line in signature.get("signer_lines", []):
        _paragraph(signer, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(signer, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(signer, signature.get("signer_name", ""), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _plan(document, plan: dict[str, Any]) -> None:
    _header(document, plan["header"])
    _heading(document, plan["heading"])
    for text in html_paragraphs(plan.get("opening_html")):
        _paragraph(document, text)
    _sections(document, plan.get("sections", []))
    for text in html_paragraphs(plan.get("closing_html")):
        _paragraph(document, text)
    if not plan.get("attached"):
        _signature(document, plan["signature"])
    for appendix in plan.get("appendices", []):
        document.add_page_break()
        _paragraph(document, appendix.get("label", ""), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in appendix.get("title_lines", []):
            _paragraph(document, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for text in html_paragraphs(appendix.get("body_html")):
            _paragraph(document, text)
        _block(document, appendix.get("block"))


def render_docx(context: dict[str, Any]) -> bytes:
    """DOCX bytes of a printable's context: ``{"plan": …}`` or ``{"decision": …, "plan": …}``."""
    document = _new_document()
    decision = context.get("decision")
    if decision is not None:
        _header(document, decision["header"])
        _heading(document, decision["heading"])
        if decision.get("authority_line"):
            _paragraph(document, decision["authority_line"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in decision.get("legal_bases", []):
            _paragraph(document, line, italic=True)
        if decision.get("proposal"):
            _paragraph(document, decision["proposal"], italic=True)
        _paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for article in decision.get("articles", []):
            for text in html_paragraphs(article):
                _paragraph(document, text)
        _signature(document, decision["signature"])
        if context.get("plan"):
            document.add_page_break()
            _plan(document, context["plan"])
    elif context.get("plan") is not None:
        _plan(document, context["plan"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
