"""People's names and phone numbers as Vietnamese lists need them.

- Names are NFC (TCVN 6909:2001), without invisible characters, with single
  spaces; a name typed all in lower or upper case gets its words capitalised.
  The key that finds the same person twice folds case as well.
- Phones are Vietnamese numbers (mobile or landline, "0…" or "+84…") stored
  as E.164 and printed in the national format ("0905 123 456").
- Lists sort the Vietnamese way: by given name (the last word), then the
  rest, with ICU's Vietnamese collation (a ă â b c d đ e ê …, tones after the
  base letters), never by code point.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu
import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.markup import clean_text

REGION = "VN"
COUNTRY_CODE = 84
_PHONE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def clean_line(text: str | None) -> str:
    """NFC, no invisible characters, single spaces, no line breaks."""
    return " ".join(clean_text(text).split())


def clean_name(text: str | None) -> str:
    name = clean_line(text)
    if name and (name == name.lower() or name == name.upper()):
        name = " ".join(word[:1].upper() + word[1:].lower() for word in name.split(" "))
    return unicodedata.normalize("NFC", name)


def name_key(text: str | None) -> str:
    """The same for "Nguyễn Văn  An", "NGUYỄN VĂN AN" and a decomposed (NFD) "Nguyễn văn an"."""
    return unicodedata.normalize("NFC", clean_line(text).casefold())


def parse_phone(text: str | None) -> str:
    """A Vietnamese phone number as E.164 ("+84905123456"); ValidationError otherwise."""
    raw = clean_line(text)
    if not raw:
        raise ValidationError(_("Vui lòng nhập số điện thoại."), code="required")
    try:
        number = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != COUNTRY_CODE:
        raise ValidationError(
            _("«%(value)s» không phải số điện thoại Việt Nam (ví dụ 0905 123 456 hoặc 0258 3822 222).")
            % {"value": raw},
            code="invalid_phone",
        )
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in _PHONE_TYPES:
        raise ValidationError(
            _(
                "Số điện thoại «%(value)s» không đúng: số di động có 10 chữ số (0905 123 456), "
                "số cố định có mã vùng (0258 3822 222)."
            )
            % {"value": raw},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str | None) -> str:
    """ "+84905123456" -> "0905 123 456"; anything unparsable is returned as is."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi"))


def collation_key(text: str) -> bytes:
    return _collator().getSortKey(unicodedata.normalize("NFC", text))


def split_name(full_name: str) -> tuple[str, str]:
    """ "Nguyễn Thị Minh Hà" -> ("Hà", "Nguyễn Thị Minh")."""
    words = clean_line(full_name).split(" ")
    return words[-1], " ".join(words[:-1])


def name_sort_key(full_name: str) -> tuple[bytes, bytes, bytes]:
    """Given name first, then family and middle names, then the whole name."""
    given, rest = split_name(full_name)
    return collation_key(given), collation_key(rest), collation_key(clean_line(full_name))


def sort_names(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)
