"""The build's date: every dated statement on the site is true on this day.

`PLANSITE_TODAY=YYYY-MM-DD` sets it (tests build at fixed dates around each boundary);
otherwise it is today in Hanoi, whatever the clock's time zone on the build machine.
The deploy workflow rebuilds every day, so "còn 32 ngày" stays right without a commit.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

VARIABLE = "PLANSITE_TODAY"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class BadToday(ValueError):
    """PLANSITE_TODAY is set but is not a date."""


def build_date(environ: Mapping[str, str] = os.environ, now: dt.datetime | None = None) -> dt.date:
    """`now` (an aware time, the clock's by default) is read in Hanoi's time zone."""
    value = environ.get(VARIABLE, "").strip()
    if not value:
        return (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZONE).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadToday(f'{VARIABLE}="{value}" không phải một ngày; hãy viết năm-tháng-ngày, ví dụ '
                       f"{VARIABLE}=2026-12-31, hoặc bỏ biến này để dùng ngày hôm nay") from None
