"""``{{ pdf_url|word_url }}``: the Word download beside a PDF download ("" if none)."""

from django import template

from documents.docx import word_url as _word_url

register = template.Library()


@register.filter
def word_url(pdf_url: str | None) -> str:
    return _word_url(pdf_url) or ""
