"""Vietnamese names and amounts: the key that makes two spellings the same
nominee, the Vietnamese alphabetical order of lists (ICU's "vi" collation
from ``delegates.normalize``: a ă â b c d đ e ê …, tones after letters,
people by given name), and amounts in figures and words.
"""

from __future__ import annotations

import re
import unicodedata

from delegates import normalize

_OLD_TONE = re.compile(
    r"([oO])([àáảãạ])(?![a-zà-ỹ])|([oO])([èéẻẽẹ])(?![a-zà-ỹ])|(?<![qQ])([uU])([ỳýỷỹỵ])(?![a-zà-ỹ])"
)


def _move_tone(match: re.Match) -> str:
    for first, second in ((1, 2), (3, 4), (5, 6)):
        if match.group(first):
            vowel, toned = match.group(first), match.group(second)
            decomposed = unicodedata.normalize("NFD", toned)
            base, tone = decomposed[0], decomposed[1:]
            return unicodedata.normalize("NFC", vowel + tone) + base
    return match.group(0)


def clean_name(text: str | None) -> str:
    """NFC, single spaces, no surrounding blanks: the name as stored and printed."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def name_key(text: str | None) -> str:
    """The normalised form two spellings of one name share: case, spacing,
    composed or decomposed letters and old or new tone placement ignored."""
    text = clean_name(text).lower()
    text = re.sub(r"[.,;:()\"'«»“”-]+", " ", text)
    text = " ".join(text.split())
    return _OLD_TONE.sub(_move_tone, text)


def vietnamese_key(text: str) -> bytes:
    """Sort key of a phrase in Vietnamese alphabetical order (ICU's "vi"
    collation, shared with the delegates lists)."""
    return normalize.collation_key(clean_name(text))


def person_sort_key(full_name: str) -> tuple[bytes, bytes, bytes]:
    """People sort by given name (the last word), then family and middle names."""
    return normalize.name_sort_key(clean_name(full_name))


def money(value: int) -> str:
    """12500000 -> "12.500.000" (Vietnamese thousands separator)."""
    return f"{int(value):,}".replace(",", ".")


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _hundreds(number: int, *, full: bool) -> str:
    """Words for 0-999; ``full`` when a higher group precedes (so 5 -> "không trăm linh năm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens > 1:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units == 4:
            words.append("tư")
        elif units:
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    elif units:
        if hundreds or full:
            words.append("linh")
        words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(value: int) -> str:
    """1170000 -> "Một triệu một trăm bảy mươi nghìn đồng"."""
    value = int(value)
    if value == 0:
        return "Không đồng"
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words.append(_hundreds(group, full=index < len(groups) - 1))
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    sentence = " ".join(words) + " đồng"
    return sentence[0].upper() + sentence[1:]
