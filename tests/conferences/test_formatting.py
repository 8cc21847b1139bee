import datetime
from decimal import Decimal

import pytest

from conferences import formatting


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (45_000_000, "45.000.000"),
        (-2500, "-2.500"),
    ],
)
def test_vnd_separates_thousands_with_dots(amount, text):
    assert formatting.vnd(amount) == text


def test_quantity_uses_the_decimal_comma():
    assert formatting.quantity_text(Decimal("2.00")) == "2"
    assert formatting.quantity_text(Decimal("1.50")) == "1,5"
    assert formatting.quantity_text(Decimal("1200")) == "1.200"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (datetime.date(2020, 2, 25), None, "ngày 25/02/2020"),
        (datetime.date(2020, 2, 25), datetime.date(2020, 2, 25), "ngày 25/02/2020"),
        (datetime.date(2023, 6, 1), None, "ngày 01/6/2023"),
        (datetime.date(2023, 5, 10), datetime.date(2023, 5, 12), "từ ngày 10 đến ngày 12/5/2023 (03 ngày)"),
        (
            datetime.date(2023, 9, 30),
            datetime.date(2023, 10, 2),
            "từ ngày 30/9 đến ngày 02/10/2023 (03 ngày)",
        ),
        (
            datetime.date(2023, 12, 30),
            datetime.date(2024, 1, 2),
            "từ ngày 30/12/2023 đến ngày 02/01/2024 (04 ngày)",
        ),
    ],
)
def test_exact_dates_print_the_vietnamese_way(start, end, text):
    assert formatting.date_range_text(start, end) == text


@pytest.mark.parametrize(
    "written",
    [
        "dự kiến ngày 25/02/2020 (01 ngày)",
        "Trong tháng 5/2023",
        "đầu tháng 10 năm 2023",
        "Trong tháng 01/2024 (thời gian cụ thể sẽ có giấy mời)",
    ],
)
def test_approximate_dates_print_as_written_even_with_exact_dates(written):
    exact = datetime.date(2023, 10, 3)
    assert formatting.dates_as_written(written, exact, exact) == written
    assert formatting.dates_as_written("  " + written.replace(" ", "  ") + " ", None, None) == written


def test_empty_date_text_falls_back_to_the_exact_dates():
    assert formatting.dates_as_written("", datetime.date(2024, 1, 18), None) == "ngày 18/01/2024"
    assert formatting.dates_as_written("", None, None) == ""


def test_quota_note_goes_before_the_final_punctuation_once():
    text = "Lãnh đạo UBND các huyện, thị xã, thành phố."
    note = "mỗi địa phương đăng ký 03 lãnh đạo"
    assert formatting.with_note(text, note) == (
        "Lãnh đạo UBND các huyện, thị xã, thành phố (mỗi địa phương đăng ký 03 lãnh đạo)."
    )
    assert formatting.with_note(formatting.with_note(text, note), note) == formatting.with_note(text, note)
    assert formatting.with_note("Thường trực cấp ủy cấp huyện;", "") == "Thường trực cấp ủy cấp huyện;"


def test_time_ranges():
    assert formatting.time_range_text(datetime.time(7, 15), datetime.time(8, 0)) == "07h15 - 08h00"
    assert formatting.time_range_text(datetime.time(14, 0), None) == "14h00"
    assert formatting.time_range_text(None, None) == ""
