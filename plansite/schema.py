"""The content schema: one pydantic model per content type, with Vietnamese field help.

These models are the single definition of what a content file may contain. The JSON
Schema files in `content/schema/` and the field reference in CONTRIBUTING.md are
generated from them (`scripts/gen_schema.py`), so the three cannot drift apart.
Fields a source does not confirm are optional and stay empty (None) rather than guessed.

Two kinds of field carry more than a type:
- a vocabulary field (`AGENCY_KINDS.type`) takes one value of a list declared once in
  `plansite/vocab.py`, with its labels;
- a reference field (`Ref("agencies")`) holds the id of a record of another collection.
  The reference checks, the error hints and the model's resolution of ids into records all
  read these declarations (`ref_target()`); nothing else lists which field points where.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationInfo,
                      WithJsonSchema, field_validator)
from pydantic_core import PydanticCustomError

from plansite.periods import Period, parse_period
from plansite.vocab import (AGENCY_KINDS, AUDIENCES, DUTY_ROLES, FIGURES, GUIDANCE_KINDS, ICONS, PLAN_STATUSES,
                            REFERENCE_KINDS, REFERENCE_STATUSES, SELF_CHECKS)

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


# Bodies (shared by every plan)


class Successor(Record):
    name: Text = Field(description="Tên cơ quan hiện đảm nhận nhiệm vụ.")
    agency: Ref("agencies", "cơ quan kế nhiệm") | None = Field(
        default=None, description="Mã cơ quan đó nếu có trong agencies.yml.")
    since: Date | None = Field(default=None, description="Từ ngày (ngày/tháng/năm).")
    basis: Text = Field(description="Căn cứ (văn bản hoặc nguồn đã kiểm chứng).")
    basis_refs: list[Ref("references", "văn bản căn cứ")] = Field(
        default=[], description="Mã các văn bản căn cứ (trong references.yml).")


class Agency(Record):
    id: Id = Field(description="Mã đơn vị, dùng làm địa chỉ trang: /don-vi/<mã>/.")
    name: Text = Field(description="Tên theo cách viết của Kế hoạch (hoặc tên chính thức nếu Kế hoạch không nêu).")
    kind: AGENCY_KINDS.type = Field(description="Loại đơn vị.")
    successor: Successor | None = Field(
        default=None, description="Cơ quan hiện đảm nhận nhiệm vụ sau sắp xếp năm 2025 (chỉ ghi khi đã kiểm chứng).")


class AgencyFile(Record):
    """Tệp content/agencies.yml: các cơ quan, đơn vị (dùng chung cho mọi kế hoạch)."""

    agencies: list[Agency] = Field(min_length=1, description="Danh sách đơn vị.")


class Contact(Record):
    agency: Ref("agencies", "đơn vị") = Field(description="Mã đơn vị trả lời (trong agencies.yml).")
    topic: Text = Field(description="Hỏi về việc gì, ví dụ “Các quy định ngành Công Thương về môi trường”.")
    phone: Text | None = Field(default=None, description="Số điện thoại; chỉ ghi khi đã kiểm chứng.")
    email: Text | None = Field(default=None, description="Thư điện tử; chỉ ghi khi đã kiểm chứng.")
    address: Text | None = Field(default=None, description="Địa chỉ; chỉ ghi khi đã kiểm chứng.")
    url: Text | None = Field(default=None, description="Trang web chính thức; chỉ ghi khi đã kiểm chứng.")
    verified: bool = Field(description="true chỉ khi số điện thoại, thư điện tử, địa chỉ, trang web đã được kiểm "
                                       "chứng; false thì trang chỉ hiện tên đơn vị.")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")


class ContactFile(Record):
    """Tệp content/contacts.yml: hỏi ở đâu (hiện ở chân mọi trang và trên trang doanh nghiệp)."""

    contacts: list[Contact] = Field(min_length=1, description="Danh sách nơi hỏi.")


# Legal references


class LegalReference(Record):
    id: Id = Field(description="Mã văn bản, dùng làm địa chỉ trang: /van-ban/<mã>/.")
    kind: REFERENCE_KINDS.type = Field(description="Loại văn bản.")
    number: Text | None = Field(default=None, description='Số, ký hiệu, ví dụ "72/2020/QH14"; để trống nếu chưa rõ.')
    date: Date | None = Field(default=None, description="Ngày ban hành; để trống nếu chưa rõ.")
    issuer: Ref("agencies", "cơ quan ban hành") | None = Field(
        default=None, description="Mã cơ quan ban hành (trong agencies.yml); để trống nếu chưa rõ.")
    title: Text | None = Field(default=None, description="Trích yếu (tên) văn bản; để trống nếu chưa kiểm chứng.")
    signer: Text | None = Field(default=None, description="Người ký; để trống nếu chưa kiểm chứng.")
    effective: Date | None = Field(default=None, description="Ngày có hiệu lực; để trống nếu chưa kiểm chứng.")
    status: REFERENCE_STATUSES.type = Field(default="chua-ro", description='Tình trạng hiệu lực; "chua-ro" khi chưa kiểm chứng.')
    amended_by: list[Ref("references", "văn bản sửa đổi")] = Field(
        default=[], description="Mã các văn bản sửa đổi, bổ sung văn bản này.")
    replaced_by: Ref("references", "văn bản thay thế") | None = Field(
        default=None, description="Mã văn bản thay thế văn bản này.")
    newer: Ref("references", "văn bản mới") | None = Field(
        default=None, description='Mã văn bản mới cùng lĩnh vực (khi status là "co-van-ban-moi"), '
                                  "chưa kiểm chứng là thay thế.")
    facts: list[Text] = Field(default=[], description="Các điểm nội dung đã kiểm chứng, mỗi điểm một câu.")
    verified_articles: list[Text] = Field(
        default=[], description='Các điều, phụ lục mà nội dung đã được kiểm chứng, ví dụ "Điều 64"; '
                                "nội dung hướng dẫn chỉ được đánh dấu verified khi dẫn các điều này.")

    @property
    def label(self) -> str:
        """How the document is named in lists: "Quyết định 1375/QĐ-TTg", "Luật Bảo vệ môi trường số 72/2020/QH14"."""
        kind = REFERENCE_KINDS.label(self.kind)
        if self.kind == "luat" and self.title:
            return f"{self.title} số {self.number}" if self.number else self.title
        return f"{kind} {self.number}" if self.number else (self.title or kind)


class ReferenceFile(Record):
    """Tệp content/references.yml: các văn bản pháp lý được các kế hoạch viện dẫn hoặc liên quan."""

    references: list[LegalReference] = Field(min_length=1, description="Danh sách văn bản.")


# Glossary: abbreviations and terms, shown as tooltips and used by search for synonyms


class Term(Record):
    id: Id = Field(description="Mã thuật ngữ.")
    term: Text = Field(description='Cách viết trên trang, ví dụ "BVMT" hoặc "túi ni lông".')
    expansion: Text | None = Field(
        default=None, description='Nghĩa đầy đủ của chữ viết tắt, ví dụ "bảo vệ môi trường"; hiện thành chú thích khi di chuột.')
    definition: Text | None = Field(default=None, description="Giải thích ngắn, bằng lời dễ hiểu.")
    synonyms: list[Text] = Field(
        default=[], description='Cách viết khác mà người đọc hay gõ khi tìm kiếm, ví dụ "nilon", "nylon".')
    cites: list[Ref("references", "văn bản định nghĩa")] = Field(
        default=[], description="Mã các văn bản định nghĩa thuật ngữ (nếu có).")


class GlossaryFile(Record):
    """Tệp content/glossary.yml: chữ viết tắt và thuật ngữ."""

    terms: list[Term] = Field(min_length=1, description="Danh sách thuật ngữ.")


# A plan: content/plans/<id>/. plan.yml is its record; a plan whose full text the site
# publishes also has `text` there, and tasks.yml, duties.yml and deliverables.yml beside it.


class Purpose(Record):
    text: Text = Field(description="Nguyên văn một mục của phần I (Mục đích, yêu cầu).")
    cites: list[Ref("references", "văn bản viện dẫn")] = Field(
        default=[], description="Mã các văn bản (trong references.yml) mà mục này nhắc đến trong nguyên văn.")


class Funding(Record):
    intro: Text = Field(description='Câu mở đầu phần III, ví dụ "Nguồn kinh phí thực hiện Kế hoạch bao gồm:".')
    sources: list[Text] = Field(min_length=1, description="Các nguồn kinh phí, nguyên văn, mỗi nguồn một dòng.")
    integration_intro: Text = Field(description="Câu dẫn về lồng ghép với các chương trình, kế hoạch, đề án.")
    programmes: list[Text] = Field(min_length=1, description="Các chương trình, kế hoạch, đề án được lồng ghép, nguyên văn.")


class Signature(Record):
    on_behalf: Text = Field(description='Dòng thẩm quyền, ví dụ "TM. ỦY BAN NHÂN DÂN".')
    authority: Text = Field(description='Dòng ký thay, ví dụ "KT. CHỦ TỊCH".')
    position: Text = Field(description='Chức vụ người ký, ví dụ "PHÓ CHỦ TỊCH".')
    name: Text = Field(description="Họ và tên người ký.")


class AppendixColumns(Record):
    number: Text = Field(description="Tiêu đề cột số thứ tự.")
    description: Text = Field(description="Tiêu đề cột danh mục.")
    units: Text = Field(description="Tiêu đề chung của hai cột đơn vị.")
    lead: Text = Field(description="Tiêu đề cột đơn vị chủ trì.")
    coordinators: Text = Field(description="Tiêu đề cột đơn vị phối hợp.")
    unit: Text = Field(description="Tiêu đề cột đơn vị tính.")
    quantity: Text = Field(description="Tiêu đề cột số lượng.")
    period: Text = Field(description="Tiêu đề cột thời gian thực hiện.")


class Appendix(Record):
    title: Text = Field(description='Tiêu đề phụ lục, ví dụ "PHỤ LỤC".')
    caption: Text = Field(description="Tên danh mục của phụ lục, nguyên văn.")
    attached_by: Text = Field(description='Phần cuối dòng "Kèm theo Kế hoạch số …", ví dụ "của UBND thành phố Hà Nội".')
    columns: AppendixColumns = Field(description="Tiêu đề các cột của bảng phụ lục, nguyên văn.")


class Headings(Record):
    purposes: Text = Field(description="Tiêu đề phần I.")
    tasks: Text = Field(description="Tiêu đề phần II.")
    funding: Text = Field(description="Tiêu đề phần III.")
    implementation: Text = Field(description="Tiêu đề phần IV.")
    recipients: Text = Field(description='Tiêu đề mục nơi nhận, ví dụ "Nơi nhận:".')


class PlanText(Record):
    kind: Text = Field(description='Loại văn bản, viết như bản gốc, ví dụ "KẾ HOẠCH".')
    place: Text = Field(description='Địa danh ở dòng ngày tháng, ví dụ "Hà Nội".')
    number_suffix: Text = Field(description='Phần ký hiệu sau số, ví dụ "KH-UBND" (dòng "Số: …/KH-UBND").')
    draft_year: int | None = Field(default=None, ge=2000, le=2100,
                                   description="Năm in sẵn ở dòng ngày tháng của bản dự thảo, ví dụ 2023.")
    preamble: Text = Field(description='Đoạn căn cứ mở đầu ("Thực hiện …"), nguyên văn.')
    legal_basis: list[Ref("references", "văn bản căn cứ")] = Field(
        default=[], description="Mã các văn bản mà đoạn căn cứ nhắc đến.")
    headings: Headings = Field(description="Tiêu đề các phần của Kế hoạch, nguyên văn.")
    purposes: list[Purpose] = Field(min_length=1, description="Các mục của phần I, theo thứ tự.")
    funding: Funding = Field(description="Phần III: kinh phí thực hiện.")
    closing: Text = Field(description="Câu kết của Kế hoạch, nguyên văn.")
    recipients: list[Text] = Field(min_length=1, description="Nơi nhận, mỗi dòng một mục; chữ nhỏ viết trong ~…~.")
    signature: Signature = Field(description="Khối chữ ký.")
    appendix: Appendix = Field(description="Tiêu đề và cột của phụ lục.")


class ReportedIssue(Record):
    number: Text = Field(description='Số văn bản mà nguồn tin nêu, ví dụ "305/KH-UBND".')
    date: Date | None = Field(default=None, description="Ngày ban hành mà nguồn tin nêu.")
    source: Text = Field(description="Nguồn tin (tên trang, tên bài), viết như nguồn.")
    url: Text | None = Field(default=None, description="Địa chỉ bài viết; để trống nếu chưa có địa chỉ đã kiểm chứng.")


class Plan(Record):
    """Tệp content/plans/<mã>/plan.yml: một kế hoạch trong chuỗi; mã là tên thư mục."""

    short_title: Text = Field(description="Tên ngắn, dùng trong danh sách, ví dụ “Kế hoạch năm 2024”.")
    title: Text | None = Field(default=None, description="Tên đầy đủ (trích yếu); để trống nếu chưa kiểm chứng.")
    kind: REFERENCE_KINDS.type = Field(description="Loại văn bản.")
    issuer: Ref("agencies", "cơ quan ban hành") = Field(description="Mã cơ quan ban hành (trong agencies.yml).")
    status: PLAN_STATUSES.type = Field(
        description='Tình trạng: "du-thao" (dự thảo, chưa có số và ngày) hoặc "ban-hanh" (đã ban hành).')
    number: Text | None = Field(default=None, description='Số, ký hiệu, ví dụ "362/KH-UBND"; để trống khi chưa rõ.')
    date: Date | None = Field(default=None, description="Ngày ban hành (ngày/tháng/năm); để trống khi chưa rõ.")
    period: PeriodField = Field(
        description='Thời gian áp dụng, ví dụ "Năm 2024", "Giai đoạn 2026-2030" hoặc "Đến năm 2025".')
    main: bool = Field(default=False, description="true cho kế hoạch chính của trang (có địa chỉ /ke-hoach/); "
                                                  "chỉ một kế hoạch, và phải có toàn văn.")
    reference: Ref("references", "văn bản") | None = Field(
        default=None, description="Mã văn bản này trong references.yml, nếu có.")
    reported_issue: ReportedIssue | None = Field(
        default=None, description="Thông tin ban hành do một nguồn tin nêu nhưng chưa kiểm chứng.")
    targets: list[Text] = Field(default=[], description="Các mục tiêu đã kiểm chứng, mỗi mục một câu.")
    facts: list[Text] = Field(default=[], description="Các điểm khác đã kiểm chứng, mỗi điểm một câu.")
    results: list[Text] = Field(
        default=[], description="Kết quả thực hiện, chỉ ghi khi Sở Công Thương cung cấp; mỗi kết quả một câu.")
    text: PlanText | None = Field(
        default=None, description="Toàn văn phần đầu, phần I, III, câu kết, nơi nhận, chữ ký; để trống với "
                                  "kế hoạch chỉ có bản tóm tắt.")

    @field_validator("text")
    @classmethod
    def _full_text_has_a_title(cls, text: PlanText | None, info: ValidationInfo) -> PlanText | None:
        if text is not None and "title" in info.data and info.data["title"] is None:
            raise PydanticCustomError("plan_title", "kế hoạch có toàn văn cần tên đầy đủ (title), viết như bản gốc")
        return text


class Task(Record):
    id: Id = Field(description="Mã nhiệm vụ, dùng làm địa chỉ trang: /nhiem-vu/<mã>/. Không đổi sau khi đã đăng.")
    number: int = Field(ge=1, description="Số thứ tự trong phần II.")
    short_title: Text = Field(description="Tên ngắn, dùng trong bảng và danh sách.")
    text: Text = Field(description="Nguyên văn nhiệm vụ trong phần II.")
    cites: list[Ref("references", "văn bản viện dẫn")] = Field(
        default=[], description="Mã các văn bản mà nguyên văn nhiệm vụ nhắc đến (không thêm văn bản nguyên văn không nêu).")
    period: PeriodField | None = Field(default=None, description='Thời gian thực hiện; để trống thì lấy thời gian của Kế hoạch.')


class TaskFile(Record):
    """Tệp content/plans/<mã>/tasks.yml: các nhiệm vụ của phần II."""

    tasks: list[Task] = Field(min_length=1, description="Danh sách nhiệm vụ.")


class Deliverable(Record):
    id: Id = Field(description="Mã sản phẩm.")
    number: int = Field(ge=1, description="Số thứ tự (cột TT) trong phụ lục.")
    description: Text = Field(description="Nguyên văn cột Danh mục.")
    lead: list[Ref("agencies", "đơn vị chủ trì")] = Field(min_length=1, description="Mã đơn vị chủ trì.")
    coordinators: list[Ref("agencies", "đơn vị phối hợp")] = Field(
        default=[], description="Mã các đơn vị phối hợp, theo thứ tự trong bản gốc.")
    unit: Text = Field(description='Đơn vị tính, ví dụ "Lớp", "Đoàn".')
    quantity: int = Field(ge=0, strict=True, description="Số lượng (số nguyên không âm).")
    period: PeriodField = Field(description='Thời gian thực hiện, ví dụ "Quý II-IV/2024".')
    tasks: list[Ref("tasks", "nhiệm vụ")] = Field(
        min_length=1, description="Mã các nhiệm vụ (phần II) liên quan, theo cách hiểu của trang.")
    results: list[Text] = Field(
        default=[], description="Kết quả đã thực hiện, chỉ ghi khi Sở Công Thương cung cấp; mỗi kết quả một câu.")


class DeliverableFile(Record):
    """Tệp content/plans/<mã>/deliverables.yml: các dòng của bảng phụ lục."""

    deliverables: list[Deliverable] = Field(min_length=1, description="Danh sách sản phẩm trong phụ lục.")


class Duty(Record):
    text: Text = Field(description="Nguyên văn một ý được giao trong phần IV.")
    role: DUTY_ROLES.type | None = Field(
        default=None, description='Chỉ ghi khi nguyên văn dùng đúng chữ ấy cho đơn vị này: "chu-tri" (chủ trì) '
                                  'hoặc "phoi-hop" (phối hợp); để trống nếu nguyên văn không dùng.')
    related_tasks: list[Ref("tasks", "nhiệm vụ")] = Field(
        default=[], description="Mã các nhiệm vụ ở phần II mà trang coi là liên quan (cách hiểu của trang, "
                                "không phải của Kế hoạch).")
    cites: list[Ref("references", "văn bản viện dẫn")] = Field(
        default=[], description="Mã các văn bản mà nguyên văn nhắc đến.")
    names: list[Ref("agencies", "đơn vị được nêu")] = Field(
        default=[], description="Mã các đơn vị khác mà nguyên văn nhắc đến.")


class Section(Record):
    number: int = Field(ge=1, description="Số mục trong phần IV.")
    agency: Ref("agencies", "đơn vị") = Field(description="Mã đơn vị (trong agencies.yml) là tiêu đề của mục.")
    duties: list[Duty] = Field(min_length=1, description="Các ý được giao, theo thứ tự.")


class DutyFile(Record):
    """Tệp content/plans/<mã>/duties.yml: phần IV (Tổ chức thực hiện), mỗi mục một đơn vị."""

    sections: list[Section] = Field(min_length=1, description="Các mục của phần IV.")


# Guidance for businesses and the public (hướng dẫn)


class Source(Record):
    ref: Ref("references", "văn bản căn cứ") = Field(description="Mã văn bản (trong references.yml).")
    article: Text | None = Field(
        default=None, description='Điều, khoản hoặc phụ lục được dẫn, ví dụ "Điều 64"; để trống nếu dẫn cả văn bản.')


Sources = Annotated[list[Source], Field(min_length=1, description="Căn cứ: mỗi dòng một văn bản, kèm điều nếu biết.")]


class Obligation(Record):
    id: Id = Field(description="Mã quy định, dùng làm neo: /thay-doi/#<mã>. Không đổi sau khi đã đăng.")
    topic: Ref("topics", "chủ đề") = Field(description="Mã chủ đề (trong guidance/topics.yml).")
    title: Text = Field(description="Tiêu đề ngắn: việc phải làm hoặc điều bị cấm.")
    who: Text = Field(description="Ai phải làm, bằng lời, ví dụ “Chợ, cửa hàng tiện lợi”.")
    requires: Text = Field(description="Quy định yêu cầu gì, bằng lời dễ hiểu; không viết “sắp tới”, “năm nay”.")
    business_kinds: list[Ref("businesses", "loại hình doanh nghiệp")] = Field(
        default=[], description="Mã các loại hình doanh nghiệp (trong guidance/businesses.yml) phải thực hiện.")
    public: bool = Field(default=False, description="true nếu người dân cũng phải thực hiện.")
    starts: Date = Field(description="Ngày bắt đầu áp dụng (ngày/tháng/năm).")
    ends: Date | None = Field(default=None, description="Ngày cuối cùng còn áp dụng, nếu có (ngày/tháng/năm).")
    yearly_due: YearlyDay | None = Field(
        default=None, description="Với việc làm hằng năm: hạn mỗi năm (ngày/tháng), ví dụ 31/01 nghĩa là "
                                  "“trước ngày 31/01 hằng năm”.")
    sources: Sources
    note: Text | None = Field(default=None, description="Lưu ý thêm, ví dụ điều cần kiểm tra lại.")
    figure: FIGURES.type | None = Field(default=None, description="Hình vẽ kèm theo quy định, nếu có.")
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng.")
    reviewed: Date = Field(description="Ngày rà soát gần nhất (ngày/tháng/năm).")

    @field_validator("ends")
    @classmethod
    def _ends_after_start(cls, ends: dt.date | None, info: ValidationInfo) -> dt.date | None:
        starts = info.data.get("starts")
        if ends is not None and starts is not None and ends < starts:
            raise PydanticCustomError(
                "date_order", "ngày kết thúc {ends} trước ngày bắt đầu {starts} (starts); hãy kiểm tra lại hai ngày",
                {"ends": f"{ends.day:02d}/{ends.month:02d}/{ends.year}",
                 "starts": f"{starts.day:02d}/{starts.month:02d}/{starts.year}"})
        return ends


class ObligationFile(Record):
    """Tệp content/obligations.yml: các quy định có ngày áp dụng (ai phải làm gì, từ ngày nào)."""

    obligations: list[Obligation] = Field(min_length=1, description="Danh sách quy định.")


class GuidanceItem(Record):
    id: Id = Field(description="Mã nội dung hướng dẫn.")
    topic: Ref("topics", "chủ đề") = Field(description="Mã chủ đề (trong guidance/topics.yml).")
    kind: GUIDANCE_KINDS.type = Field(
        description='Loại: "giai-thich" (giải thích một quy định), "muc-tieu" (mục tiêu của Nhà nước) hoặc '
                    '"thong-tin" (thông tin). Quy định có ngày áp dụng ghi ở obligations.yml.')
    audiences: list[AUDIENCES.type] = Field(min_length=1, description='Dành cho ai: "doanh-nghiep" và/hoặc "nguoi-dan".')
    business_kinds: list[Ref("businesses", "loại hình doanh nghiệp")] = Field(
        default=[], description="Mã các loại hình doanh nghiệp (trong guidance/businesses.yml) mà nội dung áp dụng.")
    title: Text = Field(description="Tiêu đề ngắn.")
    claim: Text = Field(description='Nội dung, bằng lời dễ hiểu; viết ngày sao cho luôn đúng, ví dụ "từ ngày 01/01/2026".')
    target_year: int | None = Field(default=None, ge=2000, le=2100,
                                    description="Với mục tiêu: năm phải đạt; trang ghi rõ khi năm đó đã qua.")
    sources: Sources
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng (điều được dẫn có trong verified_articles của văn bản).")
    reviewed: Date = Field(description="Ngày rà soát nội dung gần nhất (ngày/tháng/năm).")


class GuidanceFile(Record):
    """Tệp content/guidance/items.yml: các nội dung hướng dẫn, mỗi nội dung có căn cứ."""

    items: list[GuidanceItem] = Field(min_length=1, description="Danh sách nội dung hướng dẫn.")


class Topic(Record):
    id: Id = Field(description="Mã chủ đề, dùng làm địa chỉ trang: /huong-dan/<mã>/.")
    title: Text = Field(description="Tên chủ đề.")
    for_whom: Text = Field(description="Trang này dành cho ai.")
    first_step: Text = Field(description="Việc cần làm trước tiên.")
    intro: Text = Field(description="Đoạn mở đầu ngắn.")
    practices: list[Text] = Field(
        default=[], description="Việc nên làm theo thực hành tốt chung (không phải quy định pháp luật).")
    tasks: list[PlanRef("tasks", "nhiệm vụ")] = Field(
        default=[], description='Nhiệm vụ của các kế hoạch mà trang coi là liên quan, dạng "2024/tuyen-truyen".')
    agencies: list[Ref("agencies", "đơn vị")] = Field(
        default=[], description="Mã các đơn vị được các kế hoạch giao việc về chủ đề này.")
    selfcheck: SELF_CHECKS.type | None = Field(default=None, description="Bài tự kiểm tra liên quan.")


class TopicFile(Record):
    """Tệp content/guidance/topics.yml: các chủ đề hướng dẫn."""

    topics: list[Topic] = Field(min_length=1, description="Danh sách chủ đề.")


class ChecklistEntry(Record):
    text: Text = Field(description="Một việc cần làm, viết dạng mệnh lệnh ngắn.")
    obligation: Ref("obligations", "quy định") | None = Field(
        default=None, description="Mã quy định (trong obligations.yml) làm căn cứ cho việc này (nếu có).")
    item: Ref("guidance", "nội dung hướng dẫn") | None = Field(
        default=None, description="Mã nội dung hướng dẫn làm căn cứ cho việc này (nếu có).")


class BusinessKind(Record):
    id: Id = Field(description="Mã loại hình, dùng làm địa chỉ trang: /doanh-nghiep/<mã>/.")
    name: Text = Field(description="Tên loại hình doanh nghiệp.")
    icon: ICONS.type | None = Field(default=None, description="Biểu tượng của loại hình (trong bộ biểu tượng của trang).")
    examples: Text = Field(description='Ví dụ cụ thể, như "siêu thị, trung tâm thương mại".')
    for_whom: Text = Field(description="Trang này dành cho ai.")
    first_step: Text = Field(description="Việc cần làm trước tiên.")
    checklist: list[ChecklistEntry] = Field(min_length=1, description="Danh sách việc cần làm, in được.")
    tasks: list[PlanRef("tasks", "nhiệm vụ")] = Field(
        default=[], description='Nhiệm vụ của các kế hoạch dành cho loại hình này, dạng "2024/tuyen-truyen".')
    deliverables: list[PlanRef("deliverables", "sản phẩm")] = Field(
        default=[], description='Sản phẩm trong phụ lục của các kế hoạch, dạng "2024/lop-tap-huan".')
    selfchecks: list[SELF_CHECKS.type] = Field(default=[], description="Các bài tự kiểm tra nên làm.")
    former_ids: list[Id] = Field(
        default=[], description="Mã cũ của loại hình này; địa chỉ cũ /doanh-nghiep/<mã cũ>/ chuyển tiếp về trang này.")


class BusinessKindFile(Record):
    """Tệp content/guidance/businesses.yml: các loại hình doanh nghiệp và danh sách việc cần làm."""

    kinds: list[BusinessKind] = Field(min_length=1, description="Danh sách loại hình.")


class PublicGuide(Record):
    """Tệp content/guidance/public.yml: trang dành cho người dân."""

    for_whom: Text = Field(description="Trang này dành cho ai.")
    first_step: Text = Field(description="Việc cần làm trước tiên.")
    tips: list[Text] = Field(min_length=1, description="Cách giảm nhựa, phân loại rác hằng ngày (thực hành tốt chung).")
    changes: list[Ref("obligations", "quy định")] = Field(
        default=[], description="Mã các quy định (trong obligations.yml) người dân nên biết, ví dụ ở chợ, siêu thị.")
    tasks: list[PlanRef("tasks", "nhiệm vụ")] = Field(
        default=[], description='Nhiệm vụ của các kế hoạch được giải thích cho người dân, dạng "2024/tuyen-truyen".')
    task_notes: list[Text] = Field(default=[], description="Giải thích bằng lời dễ hiểu, theo thứ tự của tasks.")
    where_to_ask: list[Text] = Field(min_length=1, description="Hỏi ở đâu.")

    @field_validator("task_notes")
    @classmethod
    def _one_note_per_task(cls, notes: list[str], info: ValidationInfo) -> list[str]:
        tasks = info.data.get("tasks")
        if tasks is not None and len(notes) != len(tasks):
            raise PydanticCustomError(
                "task_notes", "có {notes} dòng nhưng tasks có {tasks} mã; cần mỗi nhiệm vụ một dòng giải thích",
                {"notes": len(notes), "tasks": len(tasks)})
        return notes


class Training(Record):
    id: Id = Field(description="Mã lớp.")
    title: Text = Field(description="Tên lớp tập huấn.")
    organiser: Ref("agencies", "đơn vị tổ chức") = Field(description="Mã đơn vị tổ chức.")
    business_kinds: list[Ref("businesses", "loại hình doanh nghiệp")] = Field(
        default=[], description="Loại hình doanh nghiệp nên dự; để trống là mọi loại hình.")
    starts: Date = Field(description="Ngày học.")
    register_until: Date = Field(description="Hạn đăng ký; sau ngày này lớp không còn hiện là lớp đang mở.")
    how_to_register: Text = Field(description="Cách đăng ký, như đơn vị tổ chức công bố.")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")


class TrainingFile(Record):
    """Tệp content/trainings.yml: các lớp tập huấn đang mở đăng ký (chỉ ghi lớp đơn vị tổ chức đã công bố)."""

    trainings: list[Training] = Field(default=[], description="Danh sách lớp; để trống ([]) khi chưa có lớp nào.")


class FaqEntry(Record):
    id: Id = Field(description="Mã câu hỏi, dùng làm neo: /hoi-dap/#<mã>.")
    audiences: list[AUDIENCES.type] = Field(min_length=1, description="Ai hay hỏi.")
    question: Text = Field(description="Câu hỏi, như người đọc hay hỏi.")
    answer: Text = Field(description="Câu trả lời ngắn, có căn cứ.")
    sources: Sources
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng.")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")


class FaqFile(Record):
    """Tệp content/faq.yml: câu hỏi thường gặp."""

    questions: list[FaqEntry] = Field(min_length=1, description="Danh sách câu hỏi.")


# Self-checks: threshold data and worked examples; the rules that read them live in plansite/selfcheck.py


def _answer_value(value: object) -> object:
    """An example's answer: a choice code, a list of them, or a number written as a reader types it."""
    if isinstance(value, bool):
        raise PydanticCustomError(
            "answer", "hãy viết mã lựa chọn (ví dụ co, khong), không viết true/false hay yes/no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "answer", 'số cần đặt trong dấu ngoặc kép và viết như khi gõ vào ô, ví dụ "350.000": không có dấu '
                      "ngoặc kép, 350.000 bị đọc thành 350", {"value": value})
    return value


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


AnswerValue = Annotated[str | list[str], BeforeValidator(_answer_value),
                        WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 0},
                                                  {"type": "array", "items": {"type": "string"}, "minItems": 1}]})]
OutcomeIds = Annotated[list[Id], BeforeValidator(_one_or_many), Field(min_length=1),
                       WithJsonSchema({"anyOf": [{"type": "string", "pattern": _ID.pattern},
                                                 {"type": "array", "items": {"type": "string", "pattern": _ID.pattern},
                                                  "minItems": 1}]})]


class Threshold(Record):
    minimum: float = Field(gt=0, description="Ngưỡng công suất (từ mức này trở lên thì phải khai báo).")
    unit: Text = Field(description='Đơn vị, ví dụ "tấn/năm", "MW".')


class Sector(Record):
    id: Id = Field(description="Mã ngành.")
    name: Text = Field(description="Tên ngành như Phụ lục I.")
    thresholds: list[Threshold] = Field(
        default=[], description="Ngưỡng công suất; nhiều ngưỡng thì chỉ cần đạt một. Để trống khi chưa kiểm chứng "
                                "được ngưỡng: bài tự kiểm tra sẽ hỏi cơ sở có đạt quy mô nêu trong Phụ lục I không.")


class SelfCheckExample(Record):
    name: Text = Field(description="Doanh nghiệp ví dụ, ví dụ “nhà máy pin 350.000 kWh/năm”.")
    answers: dict[Id, AnswerValue] = Field(
        description="Câu trả lời, mỗi dòng “mã câu hỏi: trả lời”: mã lựa chọn (chọn nhiều thì viết danh sách), hoặc số "
                    'viết như khi gõ vào ô, trong dấu ngoặc kép, ví dụ "350.000" hay "30 tỷ". Bỏ câu hỏi về số đi '
                    "nghĩa là doanh nghiệp không biết số đó.")
    expect: OutcomeIds = Field(
        description="Mã kết quả mà bài tự kiểm tra phải cho (mã sau “ket-qua-” trên trang); nhiều kết quả thì viết "
                    "danh sách.")


class DeclarationCheck(Record):
    title: Text = Field(description="Tên bài tự kiểm tra.")
    sectors: list[Sector] = Field(min_length=1, description="Các ngành trong Phụ lục I mà dữ liệu đã kiểm chứng.")
    sectors_complete: bool = Field(
        description="true nếu danh sách đủ mọi ngành của Phụ lục I; false thì có thêm lựa chọn “ngành khác”.")
    deadline: Text = Field(description="Hạn khai báo, ví dụ “trước ngày 31/01 của năm sau”.")
    ask: list[Text] = Field(
        min_length=1, description="Nên hỏi ai khi chưa chắc: chỉ ghi tên cơ quan, không ghi số điện thoại, địa chỉ "
                                  "chưa được kiểm chứng.")
    sources: Sources
    examples: list[SelfCheckExample] = Field(
        default=[], description="Doanh nghiệp ví dụ và kết quả đúng của từng doanh nghiệp; được kiểm tra mỗi lần "
                                "dựng trang và hiện trên trang bài tự kiểm tra.")


class ProductGroup(Record):
    id: Id = Field(description="Mã nhóm sản phẩm.")
    name: Text = Field(description="Tên nhóm sản phẩm.")
    since: Date = Field(description="Áp dụng từ ngày.")
    packaging: bool = Field(default=False, description="true nếu là bao bì (có miễn trừ tự thu hồi, tái sử dụng).")


class YearlyDeadline(Record):
    task: Text = Field(description="Việc phải làm mỗi năm, ví dụ “Nếu chọn đóng tiền: đóng vào Quỹ Bảo vệ môi trường "
                                   "Việt Nam”.")
    before: YearlyDay = Field(description="Hạn: trước ngày/tháng này hằng năm, ví dụ 20/4.")
    verified: bool = Field(
        description="false khi hạn chưa được đối chiếu với văn bản hiện hành: trang ghi thêm “kiểm tra lại với văn bản "
                    "hiện hành”.")
    sources: Sources


class EprCheck(Record):
    title: Text = Field(description="Tên bài tự kiểm tra.")
    revenue_threshold: float = Field(gt=0, description="Ngưỡng doanh thu (tỷ đồng/năm) dưới mức này thì được miễn.")
    groups: list[ProductGroup] = Field(min_length=1, description="Nhóm sản phẩm và ngày bắt đầu áp dụng.")
    deadlines: list[YearlyDeadline] = Field(default=[], description="Các hạn hằng năm của người có trách nhiệm tái chế.")
    ask: list[Text] = Field(
        min_length=1, description="Nên hỏi ai khi chưa chắc: chỉ ghi tên cơ quan, không ghi số điện thoại, địa chỉ "
                                  "chưa được kiểm chứng.")
    sources: Sources
    exemption_sources: Sources
    examples: list[SelfCheckExample] = Field(
        default=[], description="Doanh nghiệp ví dụ và kết quả đúng của từng doanh nghiệp; được kiểm tra mỗi lần "
                                "dựng trang và hiện trên trang bài tự kiểm tra.")


class SelfCheckFile(Record):
    """Tệp content/selfchecks.yml: dữ liệu ngưỡng và ví dụ cho hai bài tự kiểm tra."""

    declaration: DeclarationCheck = Field(description="Khai báo dữ liệu môi trường (Thông tư 42/2020/TT-BCT).")
    epr: EprCheck = Field(description="Trách nhiệm tái chế của nhà sản xuất, nhập khẩu (EPR).")
