"""Award decision and reading list -> the data of their printed documents.

Pure functions of the database rows (no request, no files), with a constant
number of queries whatever the number of awardees.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from documents import formatting, markup, printables
from documents.printables import Printable, PrintableType
from plans.documents import END_MARK, document_reference, header_context, signature_context

from . import selectors, text
from .models import AwardDecision, AwardKind, AwardType

DECISION_TEMPLATE = "documents/award_decision.html"
READING_LIST_TEMPLATE = "documents/award_reading_list.html"
LIST_BLOCK_TEMPLATE = "documents/blocks/award_list.html"
DECISION_KEY = "awarddecision"
READING_KEY = "awardreading"


def _lines(value: str | None) -> list[str]:
    return [" ".join(line.split()) for line in markup.clean_text(value).split("\n") if line.strip()]


def decision_year(decision: AwardDecision) -> int:
    return decision.issued_on.year if decision.issued_on else decision.created_at.year


def award_phrase(award_type: AwardType) -> str:
    """What Điều 1 says is given: "Bằng khen của …", "danh hiệu Tập thể lao động xuất sắc"."""
    if award_type.kind == AwardKind.TITLE:
        return f"danh hiệu “{award_type.name}”"
    return award_type.name


def issuer_phrase(decision: AwardDecision) -> str:
    """Who decided, as the "(Kèm theo …)" line names it: "Chủ tịch UBND tỉnh
    Khánh Hòa", "UBND tỉnh Khánh Hòa" or "Giám đốc Sở Nội vụ"."""
    short = formatting.short_agency_name(decision.issuing_agency.name)
    authority = " ".join(decision.authority_line.split()).upper()
    if authority.startswith("CHỦ TỊCH"):
        return f"Chủ tịch {short}"
    if authority.startswith("GIÁM ĐỐC"):
        return f"Giám đốc {short}"
    return short


def decision_reference_lines(decision: AwardDecision) -> list[str]:
    reference = document_reference(
        decision, decision.issuing_agency, kind="Quyết định", year=decision_year(decision)
    )
    return [f"(Kèm theo {reference}", f"của {issuer_phrase(decision)})"]


def _amount_sentences(award_list: selectors.AwardList, fund_source: str) -> list[str]:
    if not award_list.has_amounts:
        return []
    lines = []
    for group in award_list.groups:
        parts = []
        if group.collectives and group.award_type.amount_collective:
            parts.append(f"mỗi tập thể {text.money(group.award_type.amount_collective)} đồng")
        if group.individuals and group.award_type.amount_individual:
            parts.append(f"mỗi cá nhân {text.money(group.award_type.amount_individual)} đồng")
        if parts:
            lines.append(
                f"Kèm theo {award_phrase(group.award_type)} là tiền thưởng: " + ", ".join(parts) + "."
            )
    total = award_list.amount
    source = f", trích từ {fund_source}" if fund_source.strip() else ""
    lines.append(f"Tổng số tiền thưởng: {text.money(total)} đồng ({text.amount_in_words(total)}){source}.")
    return lines


def article_one(decision: AwardDecision, award_list: selectors.AwardList) -> str:
    """Điều 1 in the markup of documents.markup (one line a paragraph, "- " bullets)."""
    reason = f"đã có thành tích xuất sắc trong {decision.campaign.achievement}"
    groups = award_list.groups
    if not groups:
        lines = [f"Khen thưởng các tập thể, cá nhân {reason} (có danh sách kèm theo)."]
    elif len(groups) == 1:
        group = groups[0]
        lines = [
            f"Tặng {award_phrase(group.award_type)} cho {group.count_text} {reason} (có danh sách kèm theo)."
        ]
    else:
        lines = [f"Khen thưởng các tập thể, cá nhân {reason} (có danh sách kèm theo), gồm:"]
        for index, group in enumerate(groups):
            end = "." if index == len(groups) - 1 else ";"
            lines.append(f"- Tặng {award_phrase(group.award_type)} cho {group.count_text}{end}")
    lines += _amount_sentences(award_list, decision.fund_source or "")
    return "\n".join(lines)


def _article_html(index: int, body: str, *, last: bool) -> SafeString:
    lead = mark_safe(f"<strong>Điều {index}.</strong> ")  # noqa: S308
    return markup.to_html(body, ensure_end=END_MARK if last else "", lead=lead)


def list_block(award_list: selectors.AwardList) -> dict[str, Any]:
    """Rows of the DANH SÁCH table: Roman group rows per award type, then
    "1. Tập thể (07 tập thể)" / "2. Cá nhân (02 cá nhân)" and the awardees."""
    rows: list[dict[str, Any]] = []
    for index, group in enumerate(award_list.groups, start=1):
        rows.append(
            {
                "kind": "group",
                "number": formatting.roman(index),
                "text": group.award_type.name.upper(),
                "amount": text.money(group.amount) if group.amount else "",
            }
        )
        parts = [
            ("Tập thể", group.collectives, "tập thể"),
            ("Cá nhân", group.individuals, "cá nhân"),
        ]
        sub = 0
        for label, awardees, noun in parts:
            if not awardees:
                continue
            sub += 1
            rows.append(
                {
                    "kind": "subgroup",
                    "number": str(sub),
                    "text": f"{label} ({formatting.two_digits(len(awardees))} {noun})",
                    "amount": "",
                }
            )
            for awardee in awardees:
                rows.append(
                    {
                        "kind": "row",
                        "number": str(awardee.number),
                        "name": awardee.name,
                        "detail": awardee.detail,
                        "amount": text.money(awardee.amount) if awardee.amount else "",
                    }
                )
    return {
        "rows": rows,
        "has_amounts": award_list.has_amounts,
        "total": text.money(award_list.amount),
        "total_text": selectors.count_text(award_list.collectives, award_list.individuals),
        "awards": award_list.awards,
    }


def build_award_decision_context(decision: AwardDecision) -> dict[str, Any]:
    """Everything templates/documents/award_decision.html prints."""
    campaign = decision.campaign
    year = decision_year(decision)
    type_ids = set(decision.award_types.values_list("pk", flat=True))
    award_list = selectors.award_list(campaign, award_type_ids=type_ids)

    bases = _lines(decision.legal_bases)
    proposal = " ".join(_lines(decision.proposal))
    if proposal:
        bases = [formatting.with_final_punctuation(line, ";") for line in bases]
        # Typed "Xét đề nghị của Giám đốc Sở Nội vụ," as many drafts do: the
        # last line of the căn cứ ends with "." (ND30 §5.15).
        proposal = formatting.with_final_punctuation(proposal, ".")
    else:
        bases = [
            formatting.with_final_punctuation(line, "." if i == len(bases) - 1 else ";")
            for i, line in enumerate(bases)
        ]
    article_bodies = [article_one(decision, award_list), *_lines(decision.execution)]
    articles = [
        _article_html(index, body, last=index == len(article_bodies))
        for index, body in enumerate(article_bodies, start=1)
    ]
    list_context = list_block(award_list)
    appendix = {
        "label": formatting.appendix_label(1, 1),
        "title_lines": [line.upper() for line in _lines(decision.list_title)],
        "subtitle_lines": [f"Có thành tích xuất sắc trong {campaign.achievement}"],
        "ref_lines": decision_reference_lines(decision),
        "body_html": "",
        "block": {"template": LIST_BLOCK_TEMPLATE, "context": list_context},
        "landscape": False,
    }
    return {
        "id": decision.pk,
        "doc_type": decision.doc_type,
        "header": header_context(decision, decision.issuing_agency, year=year),
        "heading": {"type_name": "QUYẾT ĐỊNH", "title_lines": _lines(decision.title)},
        "authority_line": " ".join(_lines(decision.authority_line)).upper(),
        "legal_bases": bases,
        "proposal": proposal,
        "articles": articles,
        "signature": signature_context(decision),
        "appendices": [appendix],
        "award_list": award_list,
        "meta": {
            "title": "Quyết định " + " ".join(_lines(decision.title)),
            "author": decision.issuing_agency.name,
        },
    }


def build_reading_list_context(decision: AwardDecision) -> dict[str, Any]:
    """The master of ceremonies' page: the decision's reference and the
    awardees in calling order (the list's order)."""
    campaign = decision.campaign
    type_ids = set(decision.award_types.values_list("pk", flat=True))
    award_list = selectors.award_list(campaign, award_type_ids=type_ids)
    reference = document_reference(
        decision, decision.issuing_agency, kind="Quyết định", year=decision_year(decision)
    )
    groups = []
    order = 0
    for group in award_list.groups:
        entries = []
        for awardee in group.collectives:
            order += 1
            entries.append(
                {"order": order, "name": awardee.name, "detail": awardee.detail, "collective": True}
            )
        for awardee in group.individuals:
            order += 1
            entries.append(
                {"order": order, "name": awardee.name, "detail": awardee.detail, "collective": False}
            )
        groups.append({"title": group.award_type.name, "count_text": group.count_text, "entries": entries})
    slot = campaign.announce_slot
    return {
        "title": "DANH SÁCH CÔNG BỐ KHEN THƯỞNG",
        "event": campaign.event.name if campaign.event_id else campaign.plan.title,
        "slot": " ".join(_lines(slot.content)) if slot is not None else "",
        "reference": f"{reference} của {issuer_phrase(decision)}",
        "decision_title": " ".join(_lines(decision.title)),
        "groups": groups,
        "total_text": selectors.count_text(award_list.collectives, award_list.individuals),
        "awards": award_list.awards,
    }


# ---- printable files ---------------------------------------------------------


def decision_queryset():
    return AwardDecision.objects.select_related(
        "issuing_agency__parent", "campaign__plan", "campaign__event", "campaign__announce_slot"
    ).order_by("-created_at", "-pk")


def decision_printable(decision: AwardDecision) -> Printable:
    number = decision.number if decision.issued_on else None
    return Printable(
        id=printables.make_id(DECISION_KEY, decision.pk),
        doc_type=decision.doc_type,
        title=" ".join(_lines(decision.title)),
        template=DECISION_TEMPLATE,
        author=decision.issuing_agency.name,
        filename=formatting.pdf_filename(
            decision.doc_type, number, decision_year(decision), fallback=f"khen-thuong-{decision.pk}"
        ),
        build_context=lambda: {"decision": build_award_decision_context(decision)},
    )


def reading_list_printable(decision: AwardDecision) -> Printable:
    return Printable(
        id=printables.make_id(READING_KEY, decision.pk),
        doc_type="DS",
        title="Danh sách công bố khen thưởng",
        template=READING_LIST_TEMPLATE,
        author=decision.issuing_agency.name,
        filename=f"cong-bo-khen-thuong-{decision.pk}.pdf",
        build_context=lambda: {"reading": build_reading_list_context(decision)},
    )


def _load(factory):
    def load(pk: int) -> Printable | None:
        decision = decision_queryset().filter(pk=pk).first()
        return factory(decision) if decision is not None else None

    return load


DECISION_PRINTABLE = PrintableType(
    key=DECISION_KEY,
    label=_("Quyết định khen thưởng"),
    list_all=lambda: (decision_printable(d) for d in decision_queryset()),
    load=_load(decision_printable),
)
READING_PRINTABLE = PrintableType(
    key=READING_KEY,
    label=_("Danh sách công bố khen thưởng"),
    list_all=lambda: (reading_list_printable(d) for d in decision_queryset()),
    load=_load(reading_list_printable),
)


def register_printables() -> None:
    printables.register(DECISION_PRINTABLE)
    printables.register(READING_PRINTABLE)
