"""How events print their dates, places and amounts. Pure functions of plain
values: every rule is a unit test away."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from documents.formatting import day_text, month_text

_FINAL_PUNCTUATION = re.compile(r"(?P<body>.*?)(?P<tail>[\s.;,:]*)$", re.DOTALL)


def vnd(amount: int | Decimal | None) -> str:
    """1234567 -> "1.234.567": thousands separated with ".", no decimals."""
    if amount is None:
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def quantity_text(value: Decimal | int | None) -> str:
    """2 -> "2", Decimal("1.50") -> "1,5" (Vietnamese decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return vnd(int(value))
    whole, _dot, fraction = f"{value.normalize():f}".partition(".")
    return f"{vnd(int(whole))},{fraction}"


def short_date(value: datetime.date) -> str:
    """25/02/2020, 01/6/2020, 10/5/2023 (days 1-9 and months 1-2 with a leading zero)."""
    return f"{day_text(value.day)}/{month_text(value.month)}/{value.year}"


def day_count_text(days: int) -> str:
    """ "(01 ngày)", "(02 ngày)", "(10 ngày)"."""
    return f"({days:02d} ngày)"


def date_range_text(start: datetime.date | None, end: datetime.date | None) -> str:
    """Exact dates the Vietnamese way:
    - one day: "ngày 25/02/2020";
    - several days of one month: "từ ngày 25 đến ngày 27/02/2020 (03 ngày)";
    - across months: "từ ngày 30/9 đến ngày 02/10/2023 (03 ngày)";
    - across years: "từ ngày 30/12/2023 đến ngày 02/01/2024 (04 ngày)".
    """
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return f"ngày {short_date(start or end)}"
    days = (end - start).days + 1
    if start.year != end.year:
        head = short_date(start)
    elif start.month != end.month:
        head = f"{day_text(start.day)}/{month_text(start.month)}"
    else:
        head = day_text(start.day)
    return f"từ ngày {head} đến ngày {short_date(end)} {day_count_text(days)}"


def dates_as_written(date_text: str, start: datetime.date | None, end: datetime.date | None) -> str:
    """The date text as the author wrote it, else the exact dates."""
    written = " ".join((date_text or "").split())
    return written or date_range_text(start, end)


def with_note(text: str, note: str) -> str:
    """ "Lãnh đạo UBND các huyện." + "mỗi địa phương đăng ký 03 lãnh đạo" ->
    "Lãnh đạo UBND các huyện (mỗi địa phương đăng ký 03 lãnh đạo)."; the final
    punctuation stays at the end; a note the text already holds is not repeated."""
    note = " ".join((note or "").split()).strip("() ")
    if not note or note in text:
        return text
    match = _FINAL_PUNCTUATION.match(text)
    return f"{match.group('body')} ({note}){match.group('tail')}"


def ensure_final(text: str, mark: str = ".") -> str:
    """A sentence ends with ``mark`` unless it already ends with punctuation."""
    text = text.rstrip()
    if not text or text[-1] in ".;:!?":
        return text
    return text + mark


def time_text(value: datetime.time | None) -> str:
    """07:15 -> "07h15"."""
    return f"{value.hour:02d}h{value.minute:02d}" if value else ""


def time_range_text(start: datetime.time | None, end: datetime.time | None) -> str:
    """ "07h15 - 08h00"; a start alone prints alone."""
    if start and end:
        return f"{time_text(start)} - {time_text(end)}"
    return time_text(start or end)
