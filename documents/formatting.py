"""Pure helpers that spell numbers, dates and labels the way ND30 prints them.

No Django models here: callers pass plain values, so every rule is a unit
test away (leading zeros, the blank forms of drafts, Vietnamese letters).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

# What a draft prints where the number and the day/month will be written in
# by the clerk. Non-breaking, so that HTML keeps the blank's width.
BLANK = "\u00a0" * 6

# Điểm letters: the Vietnamese alphabet without the letters carrying
# diacritics other than đ, and without f, j, w, z.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def two_digits(value: int) -> str:
    """Numbers below 10 take a leading zero: 5 -> "05", 4417 -> "4417"."""
    return f"{value:02d}"


def day_text(day: int) -> str:
    """Days 1-9 take a leading zero."""
    return two_digits(day)


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero; 3-12 are written as they are."""
    return two_digits(month) if month <= 2 else str(month)


def date_words(value: datetime.date) -> str:
    """ "ngày 04 tháng 01 năm 2024", "ngày 10 tháng 5 năm 2023"."""
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year}"


def blank_date_words(year: int) -> str:
    """The date of a draft: day and month left blank, the year printed."""
    return f"ngày{BLANK}tháng{BLANK}năm {year}"


def place_date_line(place: str, value: datetime.date | None, *, year: int) -> str:
    """ô4: "Khánh Hòa, ngày 10 tháng 5 năm 2023" (blank day/month if None)."""
    words = date_words(value) if value else blank_date_words(year)
    return f"{place}, {words}"


def symbol(number: int | None, doc_type: str, agency_code: str) -> str:
    """ "4417/KH-UBND"; a draft without a number prints the blank."""
    head = two_digits(number) if number else BLANK
    return f"{head}/{doc_type}-{agency_code}" if agency_code else f"{head}/{doc_type}"


def number_line(number: int | None, doc_type: str, agency_code: str) -> str:
    """ô3: "Số: 4417/KH-UBND" or, for a draft, "Số:      /KH-UBND"."""
    return f"Số: {symbol(number, doc_type, agency_code)}"


def reference(kind: str, number: int | None, doc_type: str, agency_code: str, date, *, year: int) -> str:
    """ "Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023" (blanks for drafts)."""
    words = date_words(date) if date else blank_date_words(year)
    return f"{kind} số {symbol(number, doc_type, agency_code)} {words}"


def roman(value: int) -> str:
    if value <= 0:
        raise ValueError("Roman numerals start at 1")
    parts = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(letters * count)
    return "".join(parts)


def letter(index: int) -> str:
    """The index-th (1-based) điểm letter: 1 -> "a", 5 -> "đ", 6 -> "e".

    Past "y" the letters double ("aa", "bb"…), which real plans never reach."""
    if index <= 0:
        raise ValueError("letters start at 1")
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[(index - 1) % count] * ((index - 1) // count + 1)


def section_label(depth: int, index: int) -> str:
    """Mục "I.", khoản "1.", điểm "a)"; deeper levels print a dash."""
    if depth == 0:
        return f"{roman(index)}."
    if depth == 1:
        return f"{index}."
    if depth == 2:
        return f"{letter(index)})"
    return "-"


def appendix_label(index: int, total: int) -> str:
    """ "Phụ lục I", "Phụ lục II" … when several; a single one is "Phụ lục"."""
    return f"Phụ lục {roman(index)}" if total > 1 else "Phụ lục"


def with_final_punctuation(line: str, mark: str) -> str:
    """Replace the line's final punctuation (; . , :) with ``mark``."""
    return re.sub(r"[\s;.,:]*$", "", line) + mark


def short_agency_name(name: str) -> str:
    """ "Ủy ban nhân dân tỉnh Khánh Hòa" -> "UBND tỉnh Khánh Hòa" (as seeds write it)."""
    name = unicodedata.normalize("NFC", name)
    for long, short in (
        ("Ủy ban nhân dân", "UBND"),
        ("Uỷ ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
    ):
        if name.lower().startswith(long.lower()):
            return short + name[len(long) :]
    return name


def ascii_slug(text: str) -> str:
    """ "QĐ-UBND" -> "QD-UBND": an ASCII-only file name part."""
    text = unicodedata.normalize("NFC", text).replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def pdf_filename(doc_type: str, number: int | None, year: int, *, fallback: str = "") -> str:
    """ "KH-4417-2023.pdf"; a draft: "KH-du-thao-<fallback>-2024.pdf"."""
    if number:
        stem = f"{doc_type}-{two_digits(number)}-{year}"
    else:
        stem = "-".join(part for part in (doc_type, "du-thao", fallback, str(year)) if part)
    return ascii_slug(stem) + ".pdf"
