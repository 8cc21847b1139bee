"""How a list names an issued plan: its own number, or that of the
QUYẾT ĐỊNH it was issued with ("kèm theo")."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from documents import formatting
from plans.documents import agency_code

register = template.Library()


def _numeric_date(value) -> str:
    """ND30 spelling in figures: 05/3/2024, 04/01/2024."""
    return f"{formatting.day_text(value.day)}/{formatting.month_text(value.month)}/{value.year}"


@register.filter
def issued_number(plan) -> str:
    """ "KH số 4417/KH-UBND ngày 10/5/2023", "QĐ số 123/QĐ-UBND ngày 05/3/2024"
    or "" for a plan without a number. The plan's ``decision`` and its
    issuing agency should be selected with it (``selectors.plan_list``)."""
    document = plan.decision if plan.decision_id and plan.number is None else plan
    if document is None or document.number is None:
        return ""
    code = agency_code(document, document.issuing_agency)
    text = _("%(kind)s số %(symbol)s") % {
        "kind": document.doc_type,
        "symbol": formatting.symbol(document.number, document.doc_type, code),
    }
    issued_on = document.issued_on or plan.issued_on
    if issued_on:
        text = _("%(number)s ngày %(date)s") % {"number": text, "date": _numeric_date(issued_on)}
    return text
