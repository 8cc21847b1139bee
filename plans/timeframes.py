"""What a task's time frame means.

Plans write time frames in words ("Trước ngày 01/6/2020", "Quý III/2024",
"Thường xuyên"); the task stores that text exactly as written so it prints
as written. This module only *reads* it: the due date it implies (for
reminders and overdue flags), the period it covers, or — when it implies no
date — why not.

Everything here is a pure function of the text: no database, no clock.

Conventions, where plans are vague:
- "Trước ngày X" means by the day before X; "Trước tháng 6/2024" by 31/5.
- "Chậm nhất ngày X", "Hạn chót X", "Đến ngày X" include X.
- A month, quarter or year is due on its last day.
- "Đầu tháng" is taken as day 10, "Giữa tháng" as day 20, "Cuối tháng" as
  the last day (the first two are marked approximate). "Đầu năm" is taken
  as 31/3 and "Giữa năm" as 30/6, "Đầu/giữa quý" as the end of its first
  or second month.
- A range ("Từ … đến …", "Tháng 4 - 5/2020", "Quý II, III/2024") is due at
  its end; a start without a year takes the end's year.
- Two-digit years are rejected: "25/02/20" could be 1920 or 2020.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext


class Kind:
    DATE = "date"
    BEFORE = "before"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"
    ONGOING = "ongoing"
    EXTERNAL = "external"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TimeFrame:
    """The reading of one time frame.

    ``due`` is the last day by which the task should be done; ``start`` the
    first day of the period it names, when it names one. ``explanation`` is
    a Vietnamese sentence for the user: why there is no due date, or that
    the due date is an estimate; empty when the due date is plain.
    """

    kind: str
    due: datetime.date | None = None
    start: datetime.date | None = None
    approximate: bool = False
    explanation: str = ""

    @property
    def has_due(self) -> bool:
        return self.due is not None

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due is not None and today > self.due


def due_date(text: str | None, *, year: int | None = None) -> datetime.date | None:
    """The due date a time frame implies, or None.

    ``year`` (the plan's year) completes a time frame written without one
    ("Tháng 4"); without it such a text implies no date."""
    return describe(text, year=year).due


def describe(text: str | None, *, year: int | None = None) -> TimeFrame:
    """Read a time frame as written in a plan."""
    s = _normalise(text)
    if not s:
        return TimeFrame(Kind.UNKNOWN, explanation=gettext("Chưa ghi thời gian thực hiện."))
    if _ONGOING.search(s):
        return TimeFrame(
            Kind.ONGOING,
            explanation=gettext("Thực hiện thường xuyên hoặc định kỳ: không có hạn cụ thể."),
        )
    try:
        frame = _parse(s, year)
        if frame is None and ";" in s:
            # Several deadlines for several parties ("Trước ngày 01/6/2020 (cấp
            # tỉnh); trước ngày 03/6/2020 (cấp huyện)"): the task is due at the last.
            frames = [_parse(part.strip(), year) for part in s.split(";")]
            if frames and all(f is not None and f.due is not None for f in frames):
                frame = max(frames, key=lambda f: f.due)
        if frame is None:
            # A label or a qualifier before the time itself:
            # "Thời gian: tháng 5/2023", "Theo kế hoạch, trong tháng 5/2023".
            for sep in (":", ","):
                if sep in s:
                    frame = _parse(s.rsplit(sep, 1)[1].strip(), year)
                    if frame is not None:
                        break
    except _TwoDigitYear:
        return TimeFrame(
            Kind.UNKNOWN,
            explanation=gettext("Năm cần ghi đủ bốn chữ số: không tính được hạn."),
        )
    except _InvalidDate:
        return TimeFrame(
            Kind.UNKNOWN,
            explanation=gettext("Ngày tháng không hợp lệ: không tính được hạn."),
        )
    if frame is not None:
        return frame
    if _EXTERNAL.search(s):
        return TimeFrame(
            Kind.EXTERNAL,
            explanation=gettext(
                "Thời hạn theo hướng dẫn, yêu cầu hoặc sự kiện bên ngoài: không có hạn cụ thể."
            ),
        )
    return TimeFrame(
        Kind.UNKNOWN,
        explanation=gettext("Không có hạn cụ thể: không đọc được ngày, tháng, năm từ thời gian ghi."),
    )


# --- reading ---------------------------------------------------------------


class _InvalidDate(ValueError):
    """The text names a day that does not exist (31/02)."""


class _TwoDigitYear(_InvalidDate):
    """ "25/02/20": 1920 or 2020? Never guessed."""


@dataclass(frozen=True)
class _Span:
    kind: str
    start: datetime.date
    end: datetime.date
    approximate: bool = False


_ONGOING = re.compile(
    r"\b(?:thường xuyên|liên tục|định kỳ|thường niên|(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày))\b"
)
_EXTERNAL = re.compile(
    r"^(?:theo|khi|sau khi|ngay sau|tùy|tuỳ|căn cứ)\b"
    r"|\btheo (?:hướng dẫn|yêu cầu|chỉ đạo|kế hoạch|lộ trình|quy định|tiến độ|thông báo|đề nghị)\b"
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_DATE_SEPARATOR = re.compile(r"(?<=\d)\s*[./]\s*(?=\d)")
_DASHED_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
_PREFIX = re.compile(
    r"^(?:dự kiến|khoảng|vào|trong|thời gian|thực hiện|hoàn thành|tổ chức|giai đoạn|là)\b\s*:?\s*"
)
_DEADLINE = re.compile(
    r"^(?P<kw>trước|chậm nhất|muộn nhất|hạn chót|hạn cuối|thời hạn|hạn|không muộn hơn|"
    r"từ nay đến hết|từ nay đến|đến hết|đến|tới hết|tới)\b\s*:?\s*(?:là\s+)?(?:vào\s+)?(?:trong\s+)?"
)
_RANGE_FROM = re.compile(r"^từ\b\s*")
_RANGE_SEPARATOR = re.compile(r"\s+(?:đến hết|đến|tới hết|tới|và)\s+|\s*[-,;]\s*")

_PART = r"(?:(?P<part>đầu|giữa|cuối)\s*)?"
_YEAR_TAIL = r"(?:\s*(?:/|năm|-)\s*(?P<y>\d+))?"
_P_DATE = re.compile(
    r"(?:ngày\s*)?(?P<d>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y>\d+))?"
)
_P_DAY = re.compile(r"ngày\s*(?P<d>\d{1,2})")
_P_MONTH = re.compile(_PART + r"tháng\s*(?P<m>\d{1,2})" + _YEAR_TAIL)
_P_MONTH_BARE = re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})")
_P_QUARTER = re.compile(_PART + r"quý\s*(?P<q>iv|iii|ii|i|[1-4])\b" + _YEAR_TAIL)
_P_MONTHS_OF_YEAR = re.compile(
    r"(?P<n>\d{1,2}|ba|sáu|chín|nửa)\s*(?:tháng\s*)?(?P<which>đầu|cuối)\s*năm(?:\s*/?\s*(?P<y>\d+))?"
)
# A bare number is a year only with four digits ("2024"); "năm 24" is a
# two-digit year and rejected.
_P_YEAR = re.compile(_PART + r"(?:năm\s*(?P<y>\d+)|(?P<y4>\d{4}))")

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_COUNTS = {"ba": 3, "sáu": 6, "chín": 9, "nửa": 6}
_UNIT_WORD = {Kind.DATE: "ngày", Kind.MONTH: "tháng", Kind.QUARTER: "quý", Kind.YEAR: "năm"}


def _normalise(text: str | None) -> str:
    s = unicodedata.normalize("NFC", text or "").lower()
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u2010", "-").replace("\u2212", "-")
    s = s.replace("\u00a0", " ")
    # Drop asides: "ngày 25/02/2020 (01 ngày)".
    while True:
        stripped = _PARENTHESES.sub(" ", s)
        if stripped == s:
            break
        s = stripped
    s = _DASHED_DATE.sub(r"\1/\2/\3", s)
    s = _DATE_SEPARATOR.sub("/", s)
    s = " ".join(s.split())
    return s.strip(" .;,:!-*_")


def _strip_prefixes(s: str) -> str:
    while True:
        stripped = _PREFIX.sub("", s, count=1)
        if stripped == s:
            return s
        s = stripped


def _parse(s: str, year: int | None) -> TimeFrame | None:
    s = _strip_prefixes(s)
    if not s:
        return None

    deadline = _DEADLINE.match(s)
    if deadline:
        span = _period(s[deadline.end() :], default_year=year)
        if span is None:
            return None
        if deadline.group("kw") == "trước":
            return TimeFrame(Kind.BEFORE, due=span.start - datetime.timedelta(days=1))
        return TimeFrame(Kind.BEFORE, due=span.end, approximate=span.approximate, explanation=_estimate(span))

    span = _period(s, default_year=year)
    if span is not None:
        return TimeFrame(
            span.kind,
            due=span.end,
            start=span.start,
            approximate=span.approximate,
            explanation=_estimate(span),
        )

    return _range(_RANGE_FROM.sub("", s, count=1), year)


def _range(s: str, year: int | None) -> TimeFrame | None:
    parts = [part for part in _RANGE_SEPARATOR.split(s) if part]
    if len(parts) < 2:
        return None
    first, last = parts[0], parts[-1]

    end = _period(last, default_year=year)
    if end is None:
        # "Quý II - III/2024", "Tháng 4 và 5/2020": the unit is written once.
        unit = first.split(" ", 1)[0]
        if unit in {"ngày", "tháng", "quý", "năm"}:
            end = _period(f"{unit} {last}", default_year=year)
    if end is None:
        return None

    def read_start(year: int) -> _Span | None:
        month = end.end.month if end.kind == Kind.DATE else None
        span = _period(first, default_year=year, default_month=month)
        if span is None and first.isdigit():
            # "Từ 01 đến 15/6/2020": a bare number takes the end's unit.
            span = _period(
                f"{_UNIT_WORD.get(end.kind, 'ngày')} {first}", default_year=year, default_month=month
            )
        return span

    start = read_start(end.end.year)
    if start is not None and start.start > end.end:
        # "Tháng 11 - tháng 02/2025": the start lies in the previous year.
        start = read_start(end.end.year - 1)
    if start is None or start.start > end.end:
        return None
    return TimeFrame(
        Kind.RANGE,
        due=end.end,
        start=start.start,
        approximate=end.approximate,
        explanation=_estimate(end),
    )


def _estimate(span: _Span) -> str:
    if not span.approximate:
        return ""
    return gettext("Hạn ước tính: ngày %(date)s.") % {"date": span.end.strftime("%d/%m/%Y")}


def _year(value: str | None, default: int | None) -> int | None:
    if value is None:
        return default
    if len(value) != 4:
        raise _TwoDigitYear(value)
    return int(value)


def _day(year: int | None, month: int, day: int) -> datetime.date:
    if year is None:
        raise LookupError
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise _InvalidDate(f"{day}/{month}/{year}") from exc


def _month_end(year: int, month: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise _InvalidDate(f"{month}/{year}")
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _period(s: str, *, default_year: int | None = None, default_month: int | None = None) -> _Span | None:
    """One period written on its own: a day, a month, a quarter, a year.

    Returns None when ``s`` is not one (or lacks its year); raises
    _InvalidDate when it is one but names no real day."""
    s = s.strip()
    try:
        return _read_period(s, default_year, default_month)
    except LookupError:  # no year given and none to inherit
        return None


def _read_period(s: str, default_year: int | None, default_month: int | None) -> _Span | None:
    if m := _P_DATE.fullmatch(s):
        day = _day(_year(m["y"], default_year), int(m["m"]), int(m["d"]))
        return _Span(Kind.DATE, day, day)

    if (m := _P_DAY.fullmatch(s)) and default_month is not None:
        day = _day(default_year, default_month, int(m["d"]))
        return _Span(Kind.DATE, day, day)

    if m := _P_MONTH.fullmatch(s):
        year = _year(m["y"], default_year)
        if year is None:
            raise LookupError
        month = int(m["m"])
        last = _month_end(year, month)
        part = m["part"]
        if part == "đầu":
            return _Span(Kind.MONTH, last.replace(day=1), last.replace(day=10), approximate=True)
        if part == "giữa":
            return _Span(Kind.MONTH, last.replace(day=11), last.replace(day=20), approximate=True)
        if part == "cuối":
            return _Span(Kind.MONTH, last.replace(day=21), last)
        return _Span(Kind.MONTH, last.replace(day=1), last)

    if m := _P_MONTH_BARE.fullmatch(s):
        last = _month_end(_year(m["y"], default_year), int(m["m"]))
        return _Span(Kind.MONTH, last.replace(day=1), last)

    if m := _P_QUARTER.fullmatch(s):
        year = _year(m["y"], default_year)
        if year is None:
            raise LookupError
        first_month = 3 * (_QUARTERS[m["q"]] - 1) + 1
        start = datetime.date(year, first_month, 1)
        part = m["part"]
        if part == "đầu":
            return _Span(Kind.QUARTER, start, _month_end(year, first_month), approximate=True)
        if part == "giữa":
            return _Span(Kind.QUARTER, start, _month_end(year, first_month + 1), approximate=True)
        return _Span(Kind.QUARTER, start, _month_end(year, first_month + 2))

    if m := _P_MONTHS_OF_YEAR.fullmatch(s):
        year = _year(m["y"], default_year)
        if year is None:
            raise LookupError
        count = _MONTH_COUNTS.get(m["n"]) or int(m["n"])
        if not 1 <= count <= 12:
            return None
        if m["which"] == "đầu":
            return _Span(Kind.YEAR, datetime.date(year, 1, 1), _month_end(year, count))
        return _Span(Kind.YEAR, datetime.date(year, 12 - count + 1, 1), datetime.date(year, 12, 31))

    if m := _P_YEAR.fullmatch(s):
        year = _year(m["y"] or m["y4"], None)
        part = m["part"]
        if part == "đầu":
            return _Span(Kind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 3, 31), approximate=True)
        if part == "giữa":
            return _Span(Kind.YEAR, datetime.date(year, 4, 1), datetime.date(year, 6, 30), approximate=True)
        if part == "cuối":
            return _Span(Kind.YEAR, datetime.date(year, 10, 1), datetime.date(year, 12, 31))
        return _Span(Kind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    return None
