"""Template helpers of the delegates app."""

from django import template

from .. import normalize, selectors

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """ "+84905123456" -> "0905 123 456"."""
    return normalize.phone_display(value)


@register.simple_tag
def agency_open_registrations(agency):
    """The registrations an agency's home page lists."""
    if agency is None:
        return []
    return selectors.agency_registrations(agency)


@register.simple_tag
def registration_status(registration):
    return selectors.display_status(registration)
