import datetime

import pytest

from documents import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2024, 1, 4), "ngày 04 tháng 01 năm 2024"),
        (datetime.date(2023, 5, 10), "ngày 10 tháng 5 năm 2023"),
        (datetime.date(2020, 2, 25), "ngày 25 tháng 02 năm 2020"),
        (datetime.date(2020, 4, 22), "ngày 22 tháng 4 năm 2020"),
        (datetime.date(2019, 12, 31), "ngày 31 tháng 12 năm 2019"),
    ],
)
def test_date_words_leading_zeros(value, expected):
    assert formatting.date_words(value) == expected


def test_place_date_line_issued_and_draft():
    assert (
        formatting.place_date_line("Khánh Hòa", datetime.date(2023, 5, 10), year=2023)
        == "Khánh Hòa, ngày 10 tháng 5 năm 2023"
    )
    blank = "\u00a0" * 6
    assert (
        formatting.place_date_line("Khánh Hòa", None, year=2024)
        == f"Khánh Hòa, ngày{blank}tháng{blank}năm 2024"
    )


def test_number_line():
    assert formatting.number_line(4417, "KH", "UBND") == "Số: 4417/KH-UBND"
    assert formatting.number_line(5, "KH", "UBND") == "Số: 05/KH-UBND"
    assert formatting.number_line(908, "QĐ", "UBND") == "Số: 908/QĐ-UBND"
    assert formatting.number_line(None, "KH", "UBND") == "Số: " + "\u00a0" * 6 + "/KH-UBND"
    assert formatting.number_line(8752, "KH", "BCĐ") == "Số: 8752/KH-BCĐ"


def test_reference():
    assert (
        formatting.reference("Kế hoạch", 4417, "KH", "UBND", datetime.date(2023, 5, 10), year=2023)
        == "Kế hoạch số 4417/KH-UBND ngày 10 tháng 5 năm 2023"
    )


def test_roman_and_letters():
    assert [formatting.roman(n) for n in (1, 2, 3, 4, 5, 6, 9, 10, 14, 40)] == [
        "I", "II", "III", "IV", "V", "VI", "IX", "X", "XIV", "XL",
    ]  # fmt: skip
    letters = [formatting.letter(n) for n in range(1, 24)]
    assert letters == list("abcdđeghiklmnopqrstuvxy")
    assert not set(letters) & set("fjwz")
    assert formatting.letter(24) == "aa"


def test_section_labels():
    assert formatting.section_label(0, 4) == "IV."
    assert formatting.section_label(1, 2) == "2."
    assert formatting.section_label(2, 5) == "đ)"
    assert formatting.section_label(3, 1) == "-"


def test_appendix_labels():
    assert formatting.appendix_label(1, 1) == "Phụ lục"
    assert [formatting.appendix_label(i, 3) for i in (1, 2, 3)] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]


def test_final_punctuation():
    assert formatting.with_final_punctuation("Căn cứ Luật ...năm 2015", ";") == "Căn cứ Luật ...năm 2015;"
    assert formatting.with_final_punctuation("Căn cứ A;", ".") == "Căn cứ A."
    assert formatting.with_final_punctuation("Căn cứ A. ", ";") == "Căn cứ A;"
    assert formatting.with_final_punctuation("Các cơ quan tham mưu, giúp việc Tỉnh ủy,", ";") == (
        "Các cơ quan tham mưu, giúp việc Tỉnh ủy;"
    )


def test_short_agency_name():
    assert formatting.short_agency_name("Ủy ban nhân dân tỉnh Khánh Hòa") == "UBND tỉnh Khánh Hòa"
    assert formatting.short_agency_name("Sở Nội vụ") == "Sở Nội vụ"


def test_pdf_filename_is_ascii():
    assert formatting.pdf_filename("KH", 4417, 2023) == "KH-4417-2023.pdf"
    assert formatting.pdf_filename("QĐ", 908, 2020) == "QD-908-2020.pdf"
    assert formatting.pdf_filename("KH", 5, 2024) == "KH-05-2024.pdf"
    assert formatting.pdf_filename("KH", None, 2024, fallback="12") == "KH-du-thao-12-2024.pdf"


def test_time_frames_break_at_spaces_never_inside_a_date():
    from documents.templatetags.nd30 import keep_dates

    assert keep_dates("Quý III/2020") == 'Quý <span class="nowrap">III/2020</span>'
    assert keep_dates("Trước ngày 01.6.2020") == 'Trước ngày <span class="nowrap">01.6.2020</span>'
    assert keep_dates("Thường xuyên") == "Thường xuyên"
    assert keep_dates("<b>1/2</b>") == '<span class="nowrap">&lt;b&gt;1/2&lt;/b&gt;</span>'
