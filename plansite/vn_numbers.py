"""Numbers as people type them in Vietnam: "350.000" and "350 000" are 350000, "2,5" is 2.5, "30 tỷ" carries
its unit; "2.5", "1,234" and "1.23.4" are refused with a message that says why. The self-check engine
(plansite/selfcheck.py) reads number answers with it, and docs/assets/javascripts/selfcheck.js repeats it
in the page (tests run both on the same inputs).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from plansite.textfmt import vn_number

class ParsedNumber(NamedTuple):
    value: float
    text: str  # written back the Vietnamese way: "350.000", "2,5"


class NumberError(ValueError):
    """A typed number the form refuses, with the Vietnamese message the reader sees."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# Spaces people type or paste between digit groups: space, tab, no-break, figure, thin, narrow no-break
_SPACES = re.compile("[\t\n\r \u00a0\u2007\u2009\u202f]+")
_NUMBER_THEN_REST = re.compile(r"^([0-9.,][0-9., ]*)(.*)$", re.S)
_NEGATIVE = re.compile("^[-\u2212] ?[0-9]")
_DIGITS = re.compile(r"^[0-9]+$")
_SPACE_GROUPS = re.compile(r"^[1-9][0-9]{0,2}( [0-9]{3})+(,[0-9]+)?$")
_DOT_GROUPS = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_DECIMAL_COMMA = re.compile(r"^([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),([0-9]+)$")
_AMBIGUOUS_COMMA = re.compile(r"^[1-9][0-9]{0,2},[0-9]{3}$")
_DECIMAL_POINT = re.compile(r"^[0-9]+\.[0-9]+$")
_COMMA_GROUPS = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+$")
_ENGLISH = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]+$")

NUMBER_MESSAGES = {
    "not-a-number": "“{text}” không phải là số. Hãy gõ số, ví dụ 350.000 hoặc 2,5.",
    "negative": "“{text}”: hãy gõ số không âm.",
    "unit": "Câu này tính theo {unit}: hãy chỉ gõ số (có thể kèm “{unit}”), ví dụ 1.200 hoặc 2,5.",
    "ambiguous": "“{text}” có hai cách hiểu. Nếu là số nguyên (hàng nghìn), hãy gõ {fixed}; "
                 "nếu là số thập phân, hãy gõ thêm số 0 ở cuối: {text}0.",
    "decimal-point": "“{text}”: dấu chấm chỉ dùng để ngăn hàng nghìn, như 350.000. "
                     "Số thập phân viết bằng dấu phẩy: {fixed}.",
    "comma-groups": "“{text}”: hàng nghìn ngăn bằng dấu chấm; hãy gõ {fixed}.",
    "english": "“{text}” viết theo kiểu tiếng Anh; hãy gõ {fixed} "
               "(dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân).",
    "grouping": "“{text}” không đúng cách viết số: dấu chấm (hoặc dấu cách) ngăn hàng nghìn, mỗi nhóm 3 chữ số, "
                "như 350.000; dấu phẩy đứng trước phần thập phân, như 2,5.",
}


def _number_error(code: str, **values: str) -> NumberError:
    return NumberError(code, NUMBER_MESSAGES[code].format(**values))


def _fold(text: str) -> str:
    """'Tỷ đồng' -> 'tydong': for comparing a unit typed after a number with the question's unit."""
    bare = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text))
    return bare.replace("đ", "d").replace("Đ", "D").lower().replace(" ", "")


def unit_spellings(unit: str) -> set[str]:
    """Folded words that may follow a number for `unit`: the unit, its first word; tỷ is also written tỉ."""
    folded = _fold(unit)
    spellings = {folded, _fold(re.split("[ /]", unit.strip())[0])}
    if folded.startswith("ty"):
        spellings |= {"ti" + folded[2:], "ty", "ti", "tyd", "tid"}
    return spellings


def parse_number(typed: str, unit: str) -> ParsedNumber | None:
    """A number as a Vietnamese reader types it; None if blank (the reader does not know it).

    "." and spaces group thousands in threes, "," starts the decimals: "350.000" and "350 000" are
    350000, "2,5" is 2.5, "1.234,5" is 1234.5. The question's unit may follow ("30 tỷ" when the unit
    is tỷ đồng). Anything that could be read two ways ("2.5", "1,234") or is malformed ("1.23.4")
    raises NumberError with a message saying how to type it. guidance.js has the same rules.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", typed)).strip(" ")
    if not text:
        return None
    if _NEGATIVE.match(text):
        raise _number_error("negative", text=text)
    match = _NUMBER_THEN_REST.match(text)
    if not match:
        raise _number_error("not-a-number", text=text)
    number, rest = match.group(1).strip(" "), match.group(2).strip(" ")
    whole, fraction = _read_digits(number)
    if rest and _fold(rest) not in unit_spellings(unit):
        raise _number_error("unit", unit=unit)
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    value = float(f"{whole}.{fraction}" if fraction else whole)
    grouped = re.sub(r"\B(?=(\d{3})+$)", ".", whole)
    return ParsedNumber(value, f"{grouped},{fraction}" if fraction else grouped)


def _read_digits(number: str) -> tuple[str, str]:
    """'1.234,5' -> ('1234', '5'); raises NumberError for anything that is not one clear number."""
    if " " in number:
        if not _SPACE_GROUPS.match(number):
            raise _number_error("grouping", text=number)
        number = number.replace(" ", "")
    if _DIGITS.match(number):
        return number, ""
    if _DOT_GROUPS.match(number):
        return number.replace(".", ""), ""
    decimal = _DECIMAL_COMMA.match(number)
    if decimal:
        if _AMBIGUOUS_COMMA.match(number):
            raise _number_error("ambiguous", text=number, fixed=number.replace(",", "."))
        return decimal.group(1).replace(".", ""), decimal.group(2)
    if _DECIMAL_POINT.match(number):
        raise _number_error("decimal-point", text=number, fixed=number.replace(".", ","))
    if _COMMA_GROUPS.match(number):
        raise _number_error("comma-groups", text=number, fixed=number.replace(",", "."))
    if _ENGLISH.match(number):
        fixed = number.replace(",", "\0").replace(".", ",").replace("\0", ".")
        raise _number_error("english", text=number, fixed=fixed)
    raise _number_error("grouping", text=number)


def show_number(number: ParsedNumber | float, unit: str) -> str:
    """'350.000 kWh/năm': what the form shows back ("Đã hiểu: …") and lists among the answers."""
    text = number.text if isinstance(number, ParsedNumber) else vn_number(number)
    return f"{text} {unit}"
