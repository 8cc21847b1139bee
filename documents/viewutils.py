"""Small helpers every app's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse


def url_or_none(name: str, *args) -> str | None:
    """The URL, or None where the app that serves it is not installed (a
    higher app's page a lower app links to when it is there)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def attach_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the fields it names
    that the form has, the rest as errors of the whole form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
