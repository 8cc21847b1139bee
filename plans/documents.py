"""Plan and decision -> the data of their printed documents (step 1 of 3).

Pure functions of the database rows: no request, no files, and a constant
number of queries whatever the number of sections and tasks (everything is
prefetched once and the trees are built in Python). The templates in
templates/documents/ only lay this data out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from documents import blocks as document_blocks
from documents import formatting, markup, printables
from documents.printables import Printable, PrintableType

from .models import Agency, Decision, Plan, Section

PLAN_TEMPLATE = "documents/plan.html"
DECISION_TEMPLATE = "documents/decision.html"

PLAN_PREFETCH = ("sections", "objectives", "tasks", "assignments", "appendices")
END_MARK = "./."


def _lines(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in markup.clean_text(text).split("\n") if line.strip()]


def agency_code(document, agency: Agency) -> str:
    return document.symbol_code or agency.short_name


def place_of(document, agency: Agency) -> str:
    return document.place or agency.place_name


def header_context(document, agency: Agency, *, year: int, attached: bool = False) -> dict[str, Any]:
    """ô1-ô4. An attached document prints ô1 and ô2 only."""
    issued = bool(document.number and document.issued_on)
    code = agency_code(document, agency)
    return {
        "parent_line": agency.parent_header_line,
        "agency_lines": agency.header_lines,
        "number_line": ""
        if attached
        else formatting.number_line(document.number if issued else None, document.doc_type, code),
        "date_line": ""
        if attached
        else formatting.place_date_line(
            place_of(document, agency), document.issued_on if issued else None, year=year
        ),
        "is_draft": not document.is_issued,
        "attached": attached,
    }


def signature_context(document) -> dict[str, Any]:
    recipients = [
        "- " + formatting.with_final_punctuation(line.lstrip("-+ ").strip(), ";")
        for line in _lines(document.recipients)
    ]
    archive = formatting.with_final_punctuation(markup.clean_text(document.archive).strip(), ".")
    if recipients or archive != ".":
        archive = archive.removeprefix("Lưu:").strip()
        recipients.append(f"- Lưu: {archive}" if archive != "." else "- Lưu: VT.")
    return {
        "recipients": recipients,
        "signer_lines": [line.upper() for line in _lines(document.signer_title)],
        "signer_name": " ".join(markup.clean_text(document.signer_name).split()),
    }


def document_reference(document, agency: Agency, *, kind: str, year: int) -> str:
    """ "Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023" (blanks while a draft)."""
    issued = bool(document.number and document.issued_on)
    return formatting.reference(
        kind,
        document.number if issued else None,
        document.doc_type,
        agency_code(document, agency),
        document.issued_on if issued else None,
        year=year,
    )


# ---- sections ------------------------------------------------------------


def _children_index(items: Iterable, parent_attr: str = "parent_id") -> dict[int | None, list]:
    children: dict[int | None, list] = defaultdict(list)
    for item in items:
        children[getattr(item, parent_attr)].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.id))
    return children


def _block(key: str, plan: Plan, cache: dict) -> dict | None:
    if not key:
        return None
    if key not in cache:
        cache[key] = document_blocks.render_context(key, plan)
    return cache[key]


def _section_tree(plan: Plan, block_cache: dict) -> tuple[list[dict], dict | None]:
    """The numbered tree and the node whose text is printed last (for "./.")."""
    by_parent = _children_index(plan.sections.all())
    last_text: list[tuple[dict, str]] = []

    def build(section: Section, depth: int, label: str) -> dict:
        heading = markup.clean_text(section.heading).strip()
        if depth == 0:
            heading = heading.upper()
        node: dict[str, Any] = {
            "id": section.id,
            "depth": depth,
            "label": label,
            "heading": heading,
            "body": section.body,
            "body_after": section.body_after,
            "block": _block(section.block, plan, block_cache),
        }
        lead = f"{label} " if label else ""
        if heading:
            node["heading_html"] = mark_safe(escape(lead) + markup.inline_html(heading))  # noqa: S308
            lead = ""
        else:
            node["heading_html"] = ""
        node["lead"] = lead
        # Print order: heading, body, block, body_after, children.
        if markup.parse(section.body) or lead:
            last_text.append((node, "body"))
        if node["block"] is not None:
            last_text.append((node, "block"))
        if markup.parse(section.body_after):
            last_text.append((node, "body_after"))
        node["children"] = _build_level(section.id, depth + 1)
        return node

    def _build_level(parent_id: int | None, depth: int) -> list[dict]:
        nodes = []
        index = 0
        for section in by_parent.get(parent_id, []):
            label = ""
            if section.numbered:
                index += 1
                label = formatting.section_label(depth, index)
            nodes.append(build(section, depth, label))
        return nodes

    tree = _build_level(None, 0)
    return tree, (last_text[-1] if last_text else None)


def _render_sections(nodes: list[dict], last: tuple[dict, str] | None) -> None:
    for node in nodes:
        end = END_MARK if last and last[0] is node and last[1] == "body" else ""
        node["body_html"] = markup.to_html(node["body"], ensure_end=end, lead=node["lead"])
        # A block printed last carries the mark; the template appends it.
        node["block_end"] = bool(last and last[0] is node and last[1] == "block")
        end = END_MARK if last and last[0] is node and last[1] == "body_after" else ""
        node["body_after_html"] = markup.to_html(node["body_after"], ensure_end=end)
        _render_sections(node["children"], last)


# ---- plan ------------------------------------------------------------------


def plan_kind_line(plan: Plan, agency: Agency) -> list[str]:
    """The "(Kèm theo …)" lines of the plan's phụ lục."""
    if plan.decision_id:
        decision = plan.decision
        reference = document_reference(
            decision, decision.issuing_agency, kind="Kế hoạch ban hành kèm theo Quyết định", year=plan.year
        )
        issuer = decision.issuing_agency.name
    else:
        reference = document_reference(plan, agency, kind="Kế hoạch", year=plan.year)
        issuer = agency.name
    return [f"(Kèm theo {reference}", f"của {issuer})"]


def build_plan_context(plan: Plan, *, attached: bool = False) -> dict[str, Any]:
    """Everything templates/documents/plan.html prints for ``plan``.

    ``attached``: the plan is printed after the decision that issues it
    (header ô1+ô2 only, "(Kèm theo Quyết định số …)" under the title)."""
    prefetch_related_objects([plan], *PLAN_PREFETCH)
    agency = plan.issuing_agency
    decision = plan.decision if attached and plan.decision_id else None
    block_cache: dict[str, Any] = {}

    sections, last_text = _section_tree(plan, block_cache)
    closing = plan.closing
    has_closing = bool(markup.parse(closing))
    # With neither a closing nor any section text, the opening ends the text.
    opening_end = END_MARK if not has_closing and last_text is None else ""
    if has_closing:
        last_text = None
    _render_sections(sections, last_text)

    attached_ref_lines: list[str] = []
    if decision is not None:
        reference = document_reference(decision, decision.issuing_agency, kind="Quyết định", year=plan.year)
        attached_ref_lines = [
            f"(Kèm theo {reference}",
            f"của {formatting.short_agency_name(decision.issuing_agency.name)})",
        ]

    appendices = list(plan.appendices.all())
    appendix_ref = plan_kind_line(plan, agency) if appendices else []
    appendix_context = []
    for index, appendix in enumerate(sorted(appendices, key=lambda a: (a.position, a.id)), start=1):
        block = _block(appendix.block, plan, block_cache)
        registered = document_blocks.get(appendix.block) if appendix.block else None
        appendix_context.append(
            {
                "label": formatting.appendix_label(index, len(appendices)),
                "title_lines": [line.upper() for line in _lines(appendix.title)],
                "subtitle_lines": _lines(appendix.subtitle),
                "ref_lines": appendix_ref,
                "body_html": markup.to_html(appendix.body),
                "block": block,
                "landscape": appendix.landscape or bool(registered and registered.landscape),
            }
        )

    return {
        "id": plan.pk,
        "doc_type": plan.doc_type,
        "attached": attached,
        "header": header_context(plan, agency, year=plan.year, attached=decision is not None),
        "heading": {
            "type_name": "KẾ HOẠCH",
            "title_lines": _lines(plan.title),
            "attached_ref_lines": attached_ref_lines,
        },
        "opening_html": markup.to_html(plan.opening, ensure_end=opening_end),
        "sections": sections,
        "closing_html": markup.to_html(closing, ensure_end=END_MARK) if has_closing else "",
        "signature": signature_context(plan),
        "appendices": appendix_context,
        "meta": {
            "title": " ".join(_lines(plan.title)),
            "author": agency.name,
        },
    }


# ---- decision --------------------------------------------------------------


def _article_html(index: int, body: str, *, last: bool) -> SafeString:
    lead = mark_safe(f"<strong>Điều {index}.</strong> ")  # noqa: S308
    return markup.to_html(body, ensure_end=END_MARK if last else "", lead=lead)


def build_decision_context(decision: Decision) -> dict[str, Any]:
    """A QUYẾT ĐỊNH and, when it issues a plan, the attached plan after it."""
    prefetch_related_objects([decision], "articles")
    agency = decision.issuing_agency
    try:
        plan = decision.plan
    except Plan.DoesNotExist:
        plan = None
    year = (
        decision.issued_on.year if decision.issued_on else (plan.year if plan else decision.created_at.year)
    )

    bases = _lines(decision.legal_bases)
    proposal = " ".join(_lines(decision.proposal))
    if proposal:
        bases = [formatting.with_final_punctuation(line, ";") for line in bases]
        proposal = formatting.with_final_punctuation(proposal, ".")
    else:
        bases = [
            formatting.with_final_punctuation(line, "." if i == len(bases) - 1 else ";")
            for i, line in enumerate(bases)
        ]
    articles = sorted(decision.articles.all(), key=lambda a: (a.position, a.id))
    return {
        "id": decision.pk,
        "doc_type": decision.doc_type,
        "header": header_context(decision, agency, year=year),
        "heading": {"type_name": "QUYẾT ĐỊNH", "title_lines": _lines(decision.title)},
        "authority_line": " ".join(_lines(decision.authority_line)).upper(),
        "legal_bases": bases,
        "proposal": proposal,
        "articles": [
            _article_html(index, article.body, last=index == len(articles))
            for index, article in enumerate(articles, start=1)
        ],
        "signature": signature_context(decision),
        "plan": build_plan_context(plan, attached=True) if plan is not None else None,
        "meta": {
            "title": "Quyết định " + " ".join(_lines(decision.title)),
            "author": agency.name,
        },
    }


# ---- printable files ---------------------------------------------------------

PRINTABLE_KEY = "plan"


def plan_queryset():
    return Plan.objects.select_related("issuing_agency__parent", "decision__issuing_agency__parent").order_by(
        "-year", "-created_at", "-pk"
    )


def plan_printable(plan: Plan) -> Printable:
    """The file a plan prints as: the plan alone (KH), or, when a decision
    issues it, the decision followed by the plan (QĐ), as one PDF."""
    printable_id = printables.make_id(PRINTABLE_KEY, plan.pk)
    decision = plan.decision if plan.decision_id else None
    if decision is not None:
        number = decision.number if decision.issued_on else None
        year = decision.issued_on.year if decision.issued_on else plan.year

        def build() -> dict[str, Any]:
            context = build_decision_context(decision)
            return {"decision": context, "plan": context["plan"]}

        return Printable(
            id=printable_id,
            doc_type=decision.doc_type,
            title=" ".join(_lines(decision.title)),
            template=DECISION_TEMPLATE,
            author=decision.issuing_agency.name,
            filename=formatting.pdf_filename(decision.doc_type, number, year, fallback=str(plan.pk)),
            build_context=build,
            document_date=decision.issued_on.isoformat() if decision.issued_on else None,
        )
    number = plan.number if plan.issued_on else None
    year = plan.issued_on.year if plan.issued_on else plan.year
    return Printable(
        id=printable_id,
        doc_type=plan.doc_type,
        title=" ".join(_lines(plan.title)),
        template=PLAN_TEMPLATE,
        author=plan.issuing_agency.name,
        filename=formatting.pdf_filename(plan.doc_type, number, year, fallback=str(plan.pk)),
        build_context=lambda: {"plan": build_plan_context(plan)},
        document_date=plan.issued_on.isoformat() if plan.issued_on else None,
    )


def _load_plan(pk: int) -> Printable | None:
    plan = plan_queryset().filter(pk=pk).first()
    return plan_printable(plan) if plan is not None else None


def _list_plans():
    return (plan_printable(plan) for plan in plan_queryset())


def _list_year(year: int):
    return (plan_printable(plan) for plan in plan_queryset().filter(year=year))


PLAN_PRINTABLE = PrintableType(
    key=PRINTABLE_KEY, label=_("Kế hoạch"), list_all=_list_plans, load=_load_plan, list_year=_list_year
)


def register_printables() -> None:
    printables.register(PLAN_PRINTABLE)
