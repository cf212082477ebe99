"""Periods as the plan writes them, and dates as Vietnamese readers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from plansite.periods import parse_period
from plansite.textfmt import md_text, vn_date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Quý II-IV/2024", dt.date(2024, 4, 1), dt.date(2024, 12, 31)),
        ("Quý I/2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("Năm 2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("Tháng 2/2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("Tháng 3-5/2025", dt.date(2025, 3, 1), dt.date(2025, 5, 31)),
        ("Giai đoạn 2026-2030", dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
        ("Đến năm 2025", None, dt.date(2025, 12, 31)),  # the document gives no start
    ],
)
def test_period_text_gives_start_and_end_dates_and_keeps_its_wording(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end, period.text) == (start, end, text)


def test_period_lists_the_quarters_it_touches():
    assert parse_period("Quý II-IV/2024").quarters() == [(2024, 2), (2024, 3), (2024, 4)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Quý V/2024", 'thời gian "Quý V/2024" có quý "V" không tồn tại; một năm chỉ có quý I, II, III, IV'),
        ("Quý IV-II/2024", 'thời gian "Quý IV-II/2024" có quý kết thúc trước quý bắt đầu'),
        ("Tháng 13/2024", 'thời gian "Tháng 13/2024" có tháng 13 không tồn tại'),
        ("Giai đoạn 2030-2026", 'thời gian "Giai đoạn 2030-2026" có năm kết thúc trước năm bắt đầu'),
        ("sớm nhất có thể", 'thời gian "sớm nhất có thể" không đúng dạng; các dạng hợp lệ: "Quý II-IV/2024", '
                            '"Quý I/2024", "Tháng 3-5/2024", "Tháng 3/2024", "Năm 2024", "Giai đoạn 2026-2030" '
                            'hoặc "Đến năm 2025"'),
    ],
)
def test_impossible_periods_are_rejected_with_the_allowed_forms(text, message):
    with pytest.raises(ValueError) as exc:
        parse_period(text)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("date", "written"),
    [(dt.date(2020, 9, 8), "08/9/2020"), (dt.date(2022, 1, 1), "01/01/2022"), (dt.date(2025, 2, 28), "28/02/2025"),
     (dt.date(2023, 12, 27), "27/12/2023"), (None, "chưa rõ")],
)
def test_dates_are_written_the_vietnamese_administrative_way(date, written):
    assert vn_date(date) == written


def test_text_is_escaped_for_html_and_markdown():
    assert md_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_text("a*b* [x](y) | z") == r"a\*b\* \[x\](y) \| z"
    assert md_text("1. Không phải danh sách") == r"1\. Không phải danh sách"
    assert md_text("F = R x V, 2^3, ~50%") == "F = R x V, 2^3, ~50%"  # no backslash a reader would see
    assert md_text("PCVP~N.M.Quân~") == "PCVP<sub>N.M.Quân</sub>"
