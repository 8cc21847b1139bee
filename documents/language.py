"""The language of everything that leaves the system: printed documents
(PDF, DOCX, the browser print view) and e-mails.

They are official Vietnamese texts whatever language the person who prints
or sends them reads the UI in (config/i18n.py): an English UI changes the
pages, never a KẾ HOẠCH, a delegate list or a reminder to an agency. The one
exception is the password-reset e-mail, which goes to the person who asked
for it, in the language they asked in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation

DOCUMENT_LANGUAGE = "vi"

P = ParamSpec("P")
R = TypeVar("R")


def in_document_language(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with Vietnamese active: its gettext calls, lazy texts,
    choice labels and number/date formats come out Vietnamese."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # A fresh override per call: one shared instance (the decorator form of
        # translation.override) would mix up the saved language between threads.
        with translation.override(DOCUMENT_LANGUAGE):
            return func(*args, **kwargs)

    return wrapper
