"""Reading time frames as plans write them (plans/timeframes.py)."""

import datetime
import unicodedata

import pytest

from plans.timeframes import Kind, TimeFrame, describe, due_date

D = datetime.date


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        # The examples of SPEC §2 and of the brief.
        ("25/02/2020", Kind.DATE, D(2020, 2, 25)),
        ("Trước ngày 01/6/2020", Kind.BEFORE, D(2020, 5, 31)),
        ("Tháng 4/2020", Kind.MONTH, D(2020, 4, 30)),
        ("Trong tháng 5/2023", Kind.MONTH, D(2023, 5, 31)),
        ("Dự kiến trong tháng 01/2024", Kind.MONTH, D(2024, 1, 31)),
        ("tháng 01 năm 2024", Kind.MONTH, D(2024, 1, 31)),
        ("Tháng 2/2024", Kind.MONTH, D(2024, 2, 29)),
        ("Quý I/2024", Kind.QUARTER, D(2024, 3, 31)),
        ("Quý II/2024", Kind.QUARTER, D(2024, 6, 30)),
        ("Quý III/2024", Kind.QUARTER, D(2024, 9, 30)),
        ("Quý IV/2024", Kind.QUARTER, D(2024, 12, 31)),
        ("quý 3 năm 2024", Kind.QUARTER, D(2024, 9, 30)),
        ("Trong quý IV năm 2023", Kind.QUARTER, D(2023, 12, 31)),
        ("Năm 2024", Kind.YEAR, D(2024, 12, 31)),
        ("Trong năm 2024", Kind.YEAR, D(2024, 12, 31)),
        ("Trước ngày 30/8/2023", Kind.BEFORE, D(2023, 8, 29)),
        ("Chậm nhất ngày 15/3/2024", Kind.BEFORE, D(2024, 3, 15)),
        ("Chậm nhất là ngày 15/3/2024", Kind.BEFORE, D(2024, 3, 15)),
        ("Hạn chót 20/12/2023", Kind.BEFORE, D(2023, 12, 20)),
        ("Hạn chót: ngày 20/12/2023", Kind.BEFORE, D(2023, 12, 20)),
        ("Đến hết năm 2024", Kind.BEFORE, D(2024, 12, 31)),
        ("Trước tháng 6/2024", Kind.BEFORE, D(2024, 5, 31)),
        ("Trước quý III/2024", Kind.BEFORE, D(2024, 6, 30)),
        ("Từ ngày 01/6/2020 đến ngày 15/6/2020", Kind.RANGE, D(2020, 6, 15)),
        ("Từ 01 đến 15/6/2020", Kind.RANGE, D(2020, 6, 15)),
        ("Từ tháng 3 đến tháng 5/2024", Kind.RANGE, D(2024, 5, 31)),
        ("Tháng 4 - 5/2020", Kind.RANGE, D(2020, 5, 31)),
        ("Tháng 4, 5/2020", Kind.RANGE, D(2020, 5, 31)),
        ("Quý II - III/2024", Kind.RANGE, D(2024, 9, 30)),
        ("Tháng 11/2024 - tháng 02/2025", Kind.RANGE, D(2025, 2, 28)),
        ("Giai đoạn 2021 – 2025", Kind.RANGE, D(2025, 12, 31)),
        ("Đầu tháng 10 năm 2023", Kind.MONTH, D(2023, 10, 10)),
        ("Giữa tháng 10/2023", Kind.MONTH, D(2023, 10, 20)),
        ("Cuối tháng 10/2023", Kind.MONTH, D(2023, 10, 31)),
        ("Cuối tháng 02/2023", Kind.MONTH, D(2023, 2, 28)),
        ("6 tháng đầu năm 2024", Kind.YEAR, D(2024, 6, 30)),
        ("6 tháng cuối năm 2024", Kind.YEAR, D(2024, 12, 31)),
        ("9 tháng đầu năm 2024", Kind.YEAR, D(2024, 9, 30)),
        ("Cuối năm 2024", Kind.YEAR, D(2024, 12, 31)),
        ("ngày 25 tháng 02 năm 2020", Kind.DATE, D(2020, 2, 25)),
        # Spaces, dots, case, final punctuation.
        ("01.6.2020", Kind.DATE, D(2020, 6, 1)),
        ("01-6-2020", Kind.DATE, D(2020, 6, 1)),
        ("Trước ngày 01 / 6 / 2020", Kind.BEFORE, D(2020, 5, 31)),
        ("  TRƯỚC   NGÀY 01.6.2020. ", Kind.BEFORE, D(2020, 5, 31)),
        ("THÁNG 4/2020", Kind.MONTH, D(2020, 4, 30)),
        ("Thời gian: tháng 5/2023", Kind.MONTH, D(2023, 5, 31)),
        (
            "Trước ngày 01/6/2020 (cấp tỉnh); trước ngày 03/6/2020 (cấp huyện)",
            Kind.BEFORE,
            D(2020, 6, 2),
        ),
    ],
)
def test_time_frames_with_a_due_date(text, kind, due):
    frame = describe(text)
    assert (frame.kind, frame.due) == (kind, due)
    assert due_date(text) == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # Every time frame written in the seeds (003 task table; 001 and 000
        # conference dates; the registration deadline of SPEC §2).
        ("Tháng 4/2020", D(2020, 4, 30)),
        ("Trước ngày 01/6/2020", D(2020, 5, 31)),
        ("Trước ngày 03/6/2020", D(2020, 6, 2)),
        ("Trước ngày 10/6/2020", D(2020, 6, 9)),
        ("Trước ngày 23/6/2020", D(2020, 6, 22)),
        ("Trước ngày 23/7/2020", D(2020, 7, 22)),
        ("Tháng 8/2020", D(2020, 8, 31)),
        ("Tháng 9/2020", D(2020, 9, 30)),
        ("Theo hướng dẫn của Trung ương", None),
        ("Trong tháng 5/2023", D(2023, 5, 31)),
        ("dự kiến ngày 25/02/2020 (01 ngày)", D(2020, 2, 25)),
        ("trước ngày 30/8/2023", D(2023, 8, 29)),
        ("trước ngày 22/5/2023", D(2023, 5, 21)),
    ],
)
def test_every_time_frame_of_the_seeds(text, due):
    assert due_date(text) == due


def test_a_period_has_its_start():
    assert describe("Quý III/2024").start == D(2024, 7, 1)
    assert describe("Tháng 4/2020").start == D(2020, 4, 1)
    assert describe("Từ 01 đến 15/6/2020").start == D(2020, 6, 1)
    assert describe("Năm 2024").start == D(2024, 1, 1)
    assert describe("Trước ngày 01/6/2020").start is None


def test_beginning_and_middle_of_a_month_are_estimates():
    early = describe("Đầu tháng 10 năm 2023")
    assert early == TimeFrame(
        Kind.MONTH,
        due=D(2023, 10, 10),
        start=D(2023, 10, 1),
        approximate=True,
        explanation="Hạn ước tính: ngày 10/10/2023.",
    )
    assert describe("Giữa tháng 10/2023").approximate is True
    assert describe("Cuối tháng 10/2023").approximate is False
    assert describe("Tháng 10/2023").explanation == ""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thường xuyên", Kind.ONGOING),
        ("thường xuyên", Kind.ONGOING),
        ("Hằng năm", Kind.ONGOING),
        ("Hàng năm", Kind.ONGOING),
        ("Định kỳ hằng quý", Kind.ONGOING),
        ("Theo hướng dẫn của Trung ương", Kind.EXTERNAL),
        ("Theo yêu cầu", Kind.EXTERNAL),
        ("Theo chỉ đạo của UBND tỉnh", Kind.EXTERNAL),
        ("Sau khi có hướng dẫn của Bộ Nội vụ", Kind.EXTERNAL),
    ],
)
def test_time_frames_without_a_due_date_say_why(text, kind):
    frame = describe(text)
    assert frame.kind == kind
    assert frame.due is None
    assert frame.start is None
    assert "không có hạn cụ thể" in frame.explanation
    assert due_date(text) is None


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("31/02/2020", "Ngày tháng không hợp lệ: không tính được hạn."),
        ("Trước ngày 31/4/2020", "Ngày tháng không hợp lệ: không tính được hạn."),
        ("Tháng 13/2024", "Ngày tháng không hợp lệ: không tính được hạn."),
        ("25/02/20", "Năm cần ghi đủ bốn chữ số: không tính được hạn."),
        ("Tháng 4/20", "Năm cần ghi đủ bốn chữ số: không tính được hạn."),
        ("Năm 24", "Năm cần ghi đủ bốn chữ số: không tính được hạn."),
        ("", "Chưa ghi thời gian thực hiện."),
        ("   ", "Chưa ghi thời gian thực hiện."),
        (None, "Chưa ghi thời gian thực hiện."),
        ("Tháng 4", "Không có hạn cụ thể: không đọc được ngày, tháng, năm từ thời gian ghi."),
        ("Sớm nhất có thể", "Không có hạn cụ thể: không đọc được ngày, tháng, năm từ thời gian ghi."),
    ],
)
def test_unreadable_or_invalid_time_frames(text, explanation):
    frame = describe(text)
    assert frame == TimeFrame(Kind.UNKNOWN, explanation=explanation)


def test_the_plan_year_completes_a_time_frame_without_one():
    assert due_date("Tháng 4", year=2024) == D(2024, 4, 30)
    assert due_date("Quý II", year=2024) == D(2024, 6, 30)
    assert due_date("Trước ngày 15/6", year=2024) == D(2024, 6, 14)
    assert due_date("Tháng 4/2020", year=2024) == D(2020, 4, 30)


def test_decomposed_unicode_reads_the_same():
    text = unicodedata.normalize("NFD", "Trước ngày 01/6/2020")
    assert text != "Trước ngày 01/6/2020"
    assert due_date(text) == D(2020, 5, 31)
    assert due_date(unicodedata.normalize("NFD", "Quý III/2024")) == D(2024, 9, 30)


def test_overdue():
    frame = describe("Tháng 4/2020")
    assert frame.is_overdue(D(2020, 5, 1)) is True
    assert frame.is_overdue(D(2020, 4, 30)) is False
    assert describe("Thường xuyên").is_overdue(D(2099, 1, 1)) is False
