"""Field types shared by every content type: text, ids, dates, periods, references, sources.

A reference field (`Ref("agencies", …)`) holds the id of a record of another collection; the
reference checks, the error hints and the model's resolution of ids all read these declarations
(`ref_target()`). The content types themselves are in the schema_* modules beside this one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from plansite.periods import Period, parse_period

# Field types

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUALIFIED_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def _check_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "văn bản rỗng; hãy nhập nội dung hoặc xoá trường này")
    tag = _HTML_TAG.search(value)
    if tag:
        raise PydanticCustomError(
            "html",
            "có thẻ HTML {tag}; nội dung chỉ được là văn bản thuần (thẻ HTML không được đưa lên trang)",
            {"tag": tag.group()},
        )
    return value


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError(
            "id",
            'mã "{value}" không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ "so-cong-thuong"',
            {"value": value},
        )
    return value


def _check_qualified_id(value: str) -> str:
    if not _QUALIFIED_ID.match(value):
        raise PydanticCustomError(
            "id",
            'mã "{value}" không hợp lệ; viết mã kế hoạch (tên thư mục trong content/plans/), dấu "/" rồi mã '
            'bản ghi, ví dụ "2024/tuyen-truyen"',
            {"value": value},
        )
    return value


def _parse_date(value: object) -> object:
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if not match:
            raise PydanticCustomError(
                "date_format", 'ngày "{value}" không đúng dạng; hãy viết ngày/tháng/năm, ví dụ 08/9/2020',
                {"value": value},
            )
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise PydanticCustomError("date_impossible", 'ngày "{value}" không tồn tại', {"value": value}) from None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _parse_period(value: object) -> object:
    if isinstance(value, str):
        try:
            return parse_period(value)
        except ValueError as exc:
            raise PydanticCustomError("period", str(exc)) from None
    return value


@dataclass(frozen=True)
class DayMonth:
    """A day of every year, as in "trước ngày 31/01 hằng năm"."""

    day: int
    month: int

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    def next_after(self, day: dt.date) -> dt.date:
        """The first such date after `day`: for "before 31/01", on 31/01 itself this year's has passed."""
        date = self.in_year(day.year)
        return date if date > day else self.in_year(day.year + 1)

    def __str__(self) -> str:
        """"31/01", "20/4": as dates are written here, a leading zero only for days below 10 and months 1-2."""
        month = f"{self.month:02d}" if self.month < 3 else str(self.month)
        return f"{self.day:02d}/{month}"


def _parse_day_month(value: object) -> object:
    if isinstance(value, DayMonth):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text)
    if not match:
        raise PydanticCustomError(
            "date_yearly", 'hạn hằng năm "{value}" cần cả ngày và tháng, viết ngày/tháng, ví dụ 31/01',
            {"value": text})
    day, month = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2001, month, day)  # not a leap year: a yearly day must exist every year
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", 'ngày "{value}" không có trong mọi năm; tháng {month} không có ngày {day}',
            {"value": text, "month": month, "day": day}) from None
    return DayMonth(day, month)


# The JSON Schema of each type is what the editor's YAML extension checks as staff type;
# it says what the written form looks like (the validators above stay the authority).
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1})]
Id = Annotated[str, AfterValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": _ID.pattern})]
Date = Annotated[dt.date, BeforeValidator(_parse_date),
                 WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$",
                                 "examples": ["08/9/2020"]})]
YearlyDay = Annotated[DayMonth, BeforeValidator(_parse_day_month), PlainSerializer(str, return_type=str),
                      WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}/[0-9]{1,2}$", "examples": ["31/01"]})]
PeriodField = Annotated[
    Period,
    BeforeValidator(_parse_period),
    PlainSerializer(lambda p: p.text, return_type=str),
    WithJsonSchema({"type": "string",
                    "pattern": r"^(Quý (I|II|III|IV)(-(I|II|III|IV))?/[0-9]{4}|Tháng [0-9]{1,2}(-[0-9]{1,2})?/[0-9]{4}"
                               r"|Năm [0-9]{4}|Giai đoạn [0-9]{4}-[0-9]{4}|Đến năm [0-9]{4})$",
                    "examples": ["Quý II-IV/2024", "Năm 2024", "Giai đoạn 2026-2030"]}),
]


@dataclass(frozen=True)
class RefTarget:
    """Marks a field as holding ids of `collection` (see COLLECTIONS in plansite/content.py).

    A plan's own collections (tasks, deliverables) are looked up in the same plan; from a
    shared file they are named with the plan first ("2024/tuyen-truyen"): `qualified`.
    """

    collection: str
    label: str  # what the id names, in messages: "đơn vị chủ trì"
    qualified: bool = False


def Ref(collection: str, label: str) -> Any:  # noqa: N802 - a type factory, used like a type
    return Annotated[str, AfterValidator(_check_id), RefTarget(collection, label),
                     WithJsonSchema({"type": "string", "pattern": _ID.pattern})]


def PlanRef(collection: str, label: str) -> Any:  # noqa: N802
    return Annotated[str, AfterValidator(_check_qualified_id), RefTarget(collection, label, qualified=True),
                     WithJsonSchema({"type": "string", "pattern": _QUALIFIED_ID.pattern,
                                     "examples": ["2024/tuyen-truyen"]})]


def ref_target(metadata: Any) -> RefTarget | None:
    return next((item for item in metadata if isinstance(item, RefTarget)), None)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def Unverified(what: str = "nội dung này") -> Any:  # noqa: N802 - a field factory, used like Field
    """The parts of a record that are not verified, one per line; every page that shows the record shows them."""
    return Field(default=[], description=(
        f"Những phần của {what} CHƯA được kiểm chứng, mỗi phần một dòng, ví dụ “danh sách đầy đủ các sản phẩm”. "
        "Mọi nơi hiện nội dung này đều hiện thêm “chưa được kiểm chứng: …”. Xoá dòng khi đã kiểm chứng xong."))


# Sources: a document, and the article where known


class Source(Record):
    ref: Ref("references", "văn bản căn cứ") = Field(description="Mã văn bản (trong references.yml).")
    article: Text | None = Field(
        default=None, description='Điều, khoản hoặc phụ lục được dẫn, ví dụ "Điều 64"; để trống nếu dẫn cả văn bản.')


Sources = Annotated[list[Source], Field(min_length=1, description="Căn cứ: mỗi dòng một văn bản, kèm điều nếu biết.")]


# Change notes: what changed for a reader, dated (/co-gi-moi/, its Atom feed, under the record's title)


class ChangeNote(Record):
    date: Date = Field(description="Ngày thay đổi (ngày/tháng/năm).")
    text: Text = Field(description="Điều gì đã thay đổi, một câu viết cho người đọc, "
                                   "ví dụ “Thêm ngày áp dụng cho chợ, cửa hàng tiện lợi.”.")


# The one field every record with a page or an anchor declares: `changes: Changes`
Changes = Annotated[list[ChangeNote], Field(
    default=[], description="Ghi chú thay đổi: mỗi khi sửa điều người đọc cần biết, thêm một dòng gồm ngày (date) "
                            "và một câu (text). Hiện dưới tiêu đề và ở trang Có gì mới.")]
