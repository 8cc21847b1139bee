"""Template helpers of the printed documents."""

from django import template

from documents import markup

register = template.Library()


@register.filter
def end_mark(html: str, mark: str = "./."):
    """{% filter end_mark %}…{% endfilter %}: the text's "./." at the end of
    the last paragraph of what the block rendered (escaped by the template)."""
    return markup.append_end_mark(html, mark)
