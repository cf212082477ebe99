"""How values are written on the page: Vietnamese dates, and text made safe for Markdown."""

from __future__ import annotations

import datetime as dt
import functools
import re

from markupsafe import Markup, escape

_WHITESPACE = re.compile(r"\s+")
# Characters that Markdown (with the site's extensions) would read as syntax. "=" and "^" are
# not: escaping them would leave the backslash on the page. "~" is escaped only to find the
# plan's ~subscript~ marks below; any other "~" gets its backslash back off.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#+!~])")
_SUBSCRIPT = re.compile(r"\\~([^~]+?)\\~")
# A line that starts like a list item ("1. ", "- ") would become a list.
_BLOCK_START = re.compile(r"^(\d+)?([.)-])(?=\s)")


def vn_date(value: dt.date | None, unknown: str = "chưa rõ") -> str:
    """08/9/2020, 01/01/2022: days below 10 and months 1-2 take a leading zero (Vietnamese usage)."""
    if value is None:
        return unknown
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def iso_date(value: dt.date) -> str:
    """The machine-readable form for <time datetime="…">."""
    return value.isoformat()


def days(count: int) -> str:
    """"còn 32 ngày", "còn 1 ngày"; "hôm nay" for zero."""
    return "hôm nay" if count == 0 else f"còn {count} ngày"


def md_text(value: object) -> Markup:
    """Plain content text as Markdown that renders to exactly that text.

    HTML is escaped (so `<script>` shows as text), Markdown syntax characters are
    backslash-escaped, and line breaks become spaces. `~x~` marks a subscript, the
    plan's way of writing an officer's initials after a recipient.
    """
    if isinstance(value, Markup):
        return value
    return _md_text(str(value))


# Every {{ }} of every page passes through here, and names and titles recur on many
# pages: caching the pure string → Markup step keeps rendering linear and cheap.
@functools.lru_cache(maxsize=1 << 16)
def _md_text(text: str) -> Markup:
    text = _WHITESPACE.sub(" ", text)
    text = str(escape(text))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _SUBSCRIPT.sub(r"<sub>\1</sub>", text).replace("\\~", "~")
    text = _BLOCK_START.sub(r"\1\\\2", text)
    return Markup(text)


def quantity(value: int) -> str:
    """Counts are written with two digits in the plan's appendix ("02", "01")."""
    return f"{value:02d}"


def vn_number(value: float) -> str:
    """300000 -> "300.000", 2.5 -> "2,5": Vietnamese digit grouping and decimal comma."""
    whole, fraction = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")[::2]
    text = f"{int(whole):,}".replace(",", ".")
    return f"{text},{fraction}" if fraction else text


def lower_first(value: str) -> str:
    """'Triển khai … Hà Nội' -> 'triển khai … Hà Nội': only the first letter, so proper names keep their capitals."""
    return value[:1].lower() + value[1:]
