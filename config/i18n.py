"""The UI language: Vietnamese unless the user picked another one.

Official users are Vietnamese civil servants whose browsers often announce
English (an English Windows, a phone bought abroad); a page that switched
language on its own would surprise them. So the browser's Accept-Language
is never read: the language is the one chosen with the switcher in the
navigation bar (Django's language cookie, which outlives the session and
survives logging out), else ``LANGUAGE_CODE``.

Printed documents and e-mails do not follow this choice: they are official
Vietnamese texts (``documents.language``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views import i18n as i18n_views


def chosen_language(request) -> str:
    """The language of the cookie the switcher sets, when it names one of ``LANGUAGES``."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the chosen language for the request (in place of Django's
    ``LocaleMiddleware``, which would fall back to Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            # A worker thread (or a test) goes on in the default language.
            translation.deactivate()
        # The page depends on the language cookie, never on Accept-Language.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def set_language(request):
    """Django's ``set_language``: a POST of ``language`` (and ``next``) sets the
    language cookie and goes back to the page, a GET changes nothing."""
    return i18n_views.set_language(request)


# Anyone may choose the language, logged in or not (the login page has the switcher).
set_language.access = "public"
