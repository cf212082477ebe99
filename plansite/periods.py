"""Periods as the plan writes them ("Quý II-IV/2024", "Năm 2024"), with machine-readable dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTERS = re.compile(r"^Quý\s+([IVX]+)(?:\s*-\s*([IVX]+))?\s*/\s*(\d{4})$", re.IGNORECASE)
_MONTHS = re.compile(r"^Tháng\s+(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*/\s*(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^Năm\s+(\d{4})$", re.IGNORECASE)
_YEARS = re.compile(r"^Giai\s+đoạn\s+(\d{4})\s*-\s*(\d{4})$", re.IGNORECASE)
_UNTIL = re.compile(r"^Đến\s+năm\s+(\d{4})$", re.IGNORECASE)

ALLOWED = ('"Quý II-IV/2024", "Quý I/2024", "Tháng 3-5/2024", "Tháng 3/2024", "Năm 2024", '
           '"Giai đoạn 2026-2030" hoặc "Đến năm 2025"')


@dataclass(frozen=True)
class Period:
    text: str  # as written in the plan
    start: dt.date | None  # None for "Đến năm 2025": the document gives no start
    end: dt.date

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter) pairs this period touches, in order (none without a known start)."""
        result: list[tuple[int, int]] = []
        if self.start is None:
            return result
        year, quarter = self.start.year, (self.start.month - 1) // 3 + 1
        while (year, quarter) <= (self.end.year, (self.end.month - 1) // 3 + 1):
            result.append((year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return result

    def __str__(self) -> str:
        return self.text


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """Parse a period; raise ValueError with a Vietnamese message naming the allowed forms."""
    text = " ".join(text.split())
    if match := _QUARTERS.match(text):
        first, last, year = match.group(1).upper(), (match.group(2) or match.group(1)).upper(), int(match.group(3))
        for roman in (first, last):
            if roman not in _ROMAN:
                raise ValueError(f'thời gian "{text}" có quý "{roman}" không tồn tại; một năm chỉ có quý I, II, III, IV')
        start_q, end_q = _ROMAN[first], _ROMAN[last]
        if end_q < start_q:
            raise ValueError(f'thời gian "{text}" có quý kết thúc trước quý bắt đầu')
        return Period(text, dt.date(year, 3 * start_q - 2, 1), _month_end(year, 3 * end_q))
    if match := _MONTHS.match(text):
        first, year = int(match.group(1)), int(match.group(3))
        last = int(match.group(2) or first)
        for month in (first, last):
            if not 1 <= month <= 12:
                raise ValueError(f'thời gian "{text}" có tháng {month} không tồn tại')
        if last < first:
            raise ValueError(f'thời gian "{text}" có tháng kết thúc trước tháng bắt đầu')
        return Period(text, dt.date(year, first, 1), _month_end(year, last))
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if match := _YEARS.match(text):
        first, last = int(match.group(1)), int(match.group(2))
        if last < first:
            raise ValueError(f'thời gian "{text}" có năm kết thúc trước năm bắt đầu')
        return Period(text, dt.date(first, 1, 1), dt.date(last, 12, 31))
    if match := _UNTIL.match(text):
        return Period(text, None, dt.date(int(match.group(1)), 12, 31))
    raise ValueError(f'thời gian "{text}" không đúng dạng; các dạng hợp lệ: {ALLOWED}')
