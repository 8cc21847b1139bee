import random
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from delegates import normalize

# Vietnamese order: by given name (last word), then the rest; letters
# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tones (secondary)
# after the base letter: An < Anh < Ánh; Dung < Dũng; Huế < Huệ; My < Mỹ.
EXPECTED = [
    "Âu Văn An",  # Â sorts after A but before D
    "Dương Thị An",
    "Đào Văn An",  # Đ after D
    "Lê Thị An",
    "Trần Văn An",
    "Phạm Văn Anh",
    "Nguyễn Thị Ánh",  # same letters as Anh, the tone comes after
    "Bùi Thị Ân",  # Â after every A word
    "Đặng Văn Bảo",
    "Ông Văn Bảo",  # Ô family name after Đ
    "Trương Văn Bình",
    "Ngô Thị Cúc",
    "Trịnh Thị Dung",
    "Hồ Văn Dũng",
    "Lý Văn Đạt",
    "Phan Văn Đức",
    "Hà Thị Em",
    "Tô Thị Giang",
    "Trần Thị Hà",
    "Lê Văn Hải",
    "Vũ Thị Hạnh",
    "Phạm Thị Huế",  # Ê before N
    "Đinh Thị Huệ",  # sắc before nặng
    "Nguyễn Văn Hùng",
    "Lê Quang Huy",
    "Trần Văn Hưng",  # Ư after U
    "Đỗ Văn Khánh",
    "Hoàng Văn Long",
    "Vũ Văn Lộc",  # Ô after O, whatever follows
    "Nguyễn Văn Lợi",  # Ơ after Ô
    "Lê Minh",
    "Nguyễn Văn Minh",
    "Hồ Thị My",
    "Trần Thị Mỹ",
    "Phan Thị Nga",
    "Lê Thị Ngân",
    "Trần Văn Nghĩa",
    "Nguyễn Hữu Phúc",
    "Đặng Thị Phương",
    "Võ Văn Quang",  # A before Â
    "Nguyễn Anh Quân",
    "Lê Văn Sang",
    "Trần Văn Sơn",
    "Nguyễn Thị Tâm",
    "Phạm Văn Tân",
    "Trần Thị Thanh",
    "Lê Văn Thành",
    "Nguyễn Thị Thảo",
    "Vũ Văn Thắng",  # Ă after every A
    "Lê Thị Thu",
    "Nguyễn Anh Thư",
    "Trần Thị Uyên",
    "Lê Văn Vinh",
    "Nguyễn Thị Vy",
    "Hồ Thị Xuân",
    "Đỗ Thị Yến",
]


def test_vietnamese_collation_of_56_names_given_name_first():
    assert len(EXPECTED) >= 30
    names = list(EXPECTED)
    random.Random(7).shuffle(names)
    # Every third name typed decomposed (NFD), some with stray spaces.
    typed = [
        unicodedata.normalize("NFD", name) if index % 3 == 0 else f"  {name.replace(' ', '   ')} "
        for index, name in enumerate(names)
    ]
    result = [normalize.clean_name(name) for name in normalize.sort_names(typed)]
    assert result == EXPECTED


def test_code_point_order_would_be_wrong():
    # The reason for ICU: code points put Đ (U+0110) and Ô after every Latin letter.
    assert sorted(["Đạt", "Em"]) == ["Em", "Đạt"]
    assert normalize.sort_names(["Đạt", "Em"]) == ["Đạt", "Em"]


@pytest.mark.parametrize(
    ("typed", "clean", "key"),
    [
        ("  Nguyễn   Văn  An ", "Nguyễn Văn An", "nguyễn văn an"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An", "nguyễn văn an"),
        ("nguyễn thị ánh", "Nguyễn Thị Ánh", "nguyễn thị ánh"),
        (unicodedata.normalize("NFD", "Đặng Thị Phương"), "Đặng Thị Phương", "đặng thị phương"),
        ("Lê\u200b Văn\tHải", "Lê Văn Hải", "lê văn hải"),
        ("McDonald Nguyễn", "McDonald Nguyễn", "mcdonald nguyễn"),
    ],
)
def test_names_are_nfc_single_spaced_and_keyed(typed, clean, key):
    assert normalize.clean_name(typed) == clean
    assert unicodedata.is_normalized("NFC", normalize.clean_name(typed))
    assert normalize.name_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "e164", "printed"),
    [
        ("0905 123 456", "+84905123456", "0905 123 456"),
        ("+84 905 123 456", "+84905123456", "0905 123 456"),
        ("0905.123.456", "+84905123456", "0905 123 456"),
        ("(+84) 912-345-678", "+84912345678", "0912 345 678"),
        ("0258 3822 222", "+842583822222", "0258 3822 222"),
        ("028 3822 2222", "+842838222222", "028 3822 2222"),
    ],
)
def test_vietnamese_phone_numbers_are_stored_e164_and_printed_national(typed, e164, printed):
    assert normalize.parse_phone(typed) == e164
    assert normalize.phone_display(e164) == printed


@pytest.mark.parametrize(
    "typed", ["", "0905123", "123", "0905 123 456 789", "+1 202 555 0123", "1900 1234", "abc", "0000000000"]
)
def test_bad_phone_numbers_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as error:
        normalize.parse_phone(typed)
    assert error.value.messages[0]
