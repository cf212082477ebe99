"""The content schema: one pydantic model per content type, with Vietnamese field help.

These models are the single definition of what a content file may contain. The JSON
Schema files in `content/schema/` and the field reference in CONTRIBUTING.md are
generated from them (`scripts/gen_schema.py`), so the three cannot drift apart.
Fields a source does not confirm are optional and stay empty (None) rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationInfo,
                      WithJsonSchema, field_validator)
from pydantic_core import PydanticCustomError

from plansite.periods import Period, parse_period

# Vocabularies

REFERENCE_KINDS = {
    "luat": "Luật",
    "nghi-quyet": "Nghị quyết",
    "nghi-dinh": "Nghị định",
    "quyet-dinh": "Quyết định",
    "chi-thi": "Chỉ thị",
    "thong-tu": "Thông tư",
    "ke-hoach": "Kế hoạch",
}
REFERENCE_STATUSES = {
    "con-hieu-luc": "Còn hiệu lực",
    "da-sua-doi": "Đã được sửa đổi, bổ sung",
    "bi-thay-the": "Đã bị thay thế",
    "chua-ro": "Chưa xác định",
}
AGENCY_KINDS = {
    "uy-ban": "Ủy ban nhân dân",
    "so": "Sở, ngành Thành phố",
    "nhom": "Nhóm cơ quan",
    "bo": "Cơ quan Trung ương",
    "doanh-nghiep": "Doanh nghiệp",
    "dia-phuong-khac": "Địa phương khác",
}
DUTY_ROLES = {
    "chu-tri": "Chủ trì",
    "thuc-hien": "Thực hiện",
    "phoi-hop": "Phối hợp",
}
PLAN_STATUSES = {"du-thao": "Dự thảo", "ban-hanh": "Đã ban hành"}

# Field types

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


# The JSON Schema of each type is what the editor's YAML extension checks as staff type;
# it says what the written form looks like (the validators above stay the authority).
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1})]
Id = Annotated[str, AfterValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": _ID.pattern})]
Date = Annotated[dt.date, BeforeValidator(_parse_date),
                 WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$",
                                 "examples": ["08/9/2020"]})]
PeriodField = Annotated[
    Period,
    BeforeValidator(_parse_period),
    PlainSerializer(lambda p: p.text, return_type=str),
    WithJsonSchema({"type": "string",
                    "pattern": r"^(Quý (I|II|III|IV)(-(I|II|III|IV))?/[0-9]{4}|Tháng [0-9]{1,2}(-[0-9]{1,2})?/[0-9]{4}"
                               r"|Năm [0-9]{4})$",
                    "examples": ["Quý II-IV/2024", "Năm 2024"]}),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


# The plan


class Purpose(Record):
    text: Text = Field(description="Nguyên văn một mục của phần I (Mục đích, yêu cầu).")
    cites: list[Id] = Field(default=[], description="Mã các văn bản (trong references.yml) mà mục này viện dẫn.")


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


class Plan(Record):
    """Tệp content/plan.yml: phần đầu, phần I, III, câu kết, nơi nhận và chữ ký của Kế hoạch."""

    id: Id = Field(description="Mã của Kế hoạch.")
    kind: Text = Field(description='Loại văn bản, viết như bản gốc, ví dụ "KẾ HOẠCH".')
    title: Text = Field(description="Tên đầy đủ của Kế hoạch.")
    issuer: Id = Field(description="Mã cơ quan ban hành (trong agencies.yml).")
    place: Text = Field(description='Địa danh ở dòng ngày tháng, ví dụ "Hà Nội".')
    status: Literal["du-thao", "ban-hanh"] = Field(
        description='Tình trạng: "du-thao" (dự thảo, chưa có số và ngày) hoặc "ban-hanh" (đã ban hành).')
    number: Text | None = Field(default=None, description='Số văn bản (phần trước "/KH-UBND"); để trống khi chưa có.')
    number_suffix: Text = Field(description='Phần ký hiệu sau số, ví dụ "KH-UBND".')
    date: Date | None = Field(default=None, description="Ngày ban hành (ngày/tháng/năm); để trống khi chưa có.")
    draft_year: int | None = Field(default=None, ge=2000, le=2100,
                                   description="Năm in sẵn ở dòng ngày tháng của bản dự thảo, ví dụ 2023.")
    period: PeriodField = Field(description='Thời gian áp dụng, ví dụ "Năm 2024" hoặc "Quý II-IV/2024".')
    preamble: Text = Field(description='Đoạn căn cứ mở đầu ("Thực hiện …"), nguyên văn.')
    legal_basis: list[Id] = Field(default=[], description="Mã các văn bản mà đoạn căn cứ viện dẫn.")
    headings: Headings = Field(description="Tiêu đề các phần của Kế hoạch, nguyên văn.")
    purposes: list[Purpose] = Field(min_length=1, description="Các mục của phần I, theo thứ tự.")
    funding: Funding = Field(description="Phần III: kinh phí thực hiện.")
    closing: Text = Field(description="Câu kết của Kế hoạch, nguyên văn.")
    recipients: list[Text] = Field(min_length=1, description="Nơi nhận, mỗi dòng một mục; chữ nhỏ viết trong ~…~.")
    signature: Signature = Field(description="Khối chữ ký.")
    appendix: Appendix = Field(description="Tiêu đề và cột của phụ lục.")


# Tasks and deliverables


class Task(Record):
    id: Id = Field(description="Mã nhiệm vụ, dùng làm địa chỉ trang: /nhiem-vu/<mã>/. Không đổi sau khi đã đăng.")
    number: int = Field(ge=1, description="Số thứ tự trong phần II.")
    short_title: Text = Field(description="Tên ngắn, dùng trong bảng và danh sách.")
    text: Text = Field(description="Nguyên văn nhiệm vụ trong phần II.")
    cites: list[Id] = Field(default=[], description="Mã các văn bản mà nhiệm vụ viện dẫn.")
    period: PeriodField | None = Field(default=None, description='Thời gian thực hiện; để trống thì lấy thời gian của Kế hoạch.')


class TaskFile(Record):
    """Tệp content/tasks.yml: bảy nhiệm vụ của phần II."""

    tasks: list[Task] = Field(min_length=1, description="Danh sách nhiệm vụ.")


class Deliverable(Record):
    id: Id = Field(description="Mã sản phẩm.")
    number: int = Field(ge=1, description="Số thứ tự (cột TT) trong phụ lục.")
    description: Text = Field(description="Nguyên văn cột Danh mục.")
    lead: list[Id] = Field(min_length=1, description="Mã đơn vị chủ trì.")
    coordinators: list[Id] = Field(default=[], description="Mã các đơn vị phối hợp, theo thứ tự trong bản gốc.")
    unit: Text = Field(description='Đơn vị tính, ví dụ "Lớp", "Đoàn".')
    quantity: int = Field(ge=0, strict=True, description="Số lượng (số nguyên không âm).")
    period: PeriodField = Field(description='Thời gian thực hiện, ví dụ "Quý II-IV/2024".')
    tasks: list[Id] = Field(min_length=1, description="Mã các nhiệm vụ (phần II) mà sản phẩm này thực hiện.")


class DeliverableFile(Record):
    """Tệp content/deliverables.yml: các dòng của bảng phụ lục."""

    deliverables: list[Deliverable] = Field(min_length=1, description="Danh sách sản phẩm trong phụ lục.")


# Agencies


class Duty(Record):
    text: Text = Field(description="Nguyên văn nhiệm vụ được giao trong phần IV.")
    role: Literal["chu-tri", "thuc-hien", "phoi-hop"] = Field(
        description='Vai trò: "chu-tri" (chủ trì), "thuc-hien" (thực hiện) hoặc "phoi-hop" (phối hợp).')
    tasks: list[Id] = Field(default=[], description="Mã các nhiệm vụ ở phần II mà nhiệm vụ được giao này gắn với.")
    cites: list[Id] = Field(default=[], description="Mã các văn bản được viện dẫn.")
    partners: list[Id] = Field(default=[], description="Mã các đơn vị khác được nêu trong nhiệm vụ được giao này.")

    @property
    def role_label(self) -> str:
        return DUTY_ROLES[self.role]


class Successor(Record):
    name: Text = Field(description="Tên cơ quan hiện đảm nhận nhiệm vụ.")
    agency: Id | None = Field(default=None, description="Mã cơ quan đó nếu có trong agencies.yml.")
    since: Date | None = Field(default=None, description="Từ ngày (ngày/tháng/năm).")
    basis: Text = Field(description="Căn cứ (văn bản hoặc nguồn đã kiểm chứng).")
    basis_refs: list[Id] = Field(default=[], description="Mã các văn bản căn cứ (trong references.yml).")


class Agency(Record):
    id: Id = Field(description="Mã đơn vị, dùng làm địa chỉ trang: /don-vi/<mã>/.")
    name: Text = Field(description="Tên theo cách viết của Kế hoạch.")
    kind: Literal["uy-ban", "so", "nhom", "bo", "doanh-nghiep", "dia-phuong-khac"] = Field(
        description="Loại đơn vị.")
    section: int | None = Field(default=None, ge=1,
                                description="Số mục trong phần IV (Tổ chức thực hiện); để trống nếu không có mục riêng.")
    duties: list[Duty] = Field(default=[], description="Các nhiệm vụ được giao trong phần IV, theo thứ tự.")
    successor: Successor | None = Field(
        default=None, description="Cơ quan hiện đảm nhận nhiệm vụ sau sắp xếp năm 2025 (chỉ ghi khi đã kiểm chứng).")

    @property
    def kind_label(self) -> str:
        return AGENCY_KINDS[self.kind]


class AgencyFile(Record):
    """Tệp content/agencies.yml: các cơ quan, đơn vị được nêu trong Kế hoạch."""

    agencies: list[Agency] = Field(min_length=1, description="Danh sách đơn vị.")


# Legal references


class LegalReference(Record):
    id: Id = Field(description="Mã văn bản, dùng làm địa chỉ trang: /van-ban/<mã>/.")
    kind: Literal["luat", "nghi-quyet", "nghi-dinh", "quyet-dinh", "chi-thi", "thong-tu", "ke-hoach"] = Field(
        description="Loại văn bản.")
    number: Text | None = Field(default=None, description='Số, ký hiệu, ví dụ "72/2020/QH14"; để trống nếu chưa rõ.')
    date: Date | None = Field(default=None, description="Ngày ban hành; để trống nếu chưa rõ.")
    issuer: Id | None = Field(default=None, description="Mã cơ quan ban hành (trong agencies.yml); để trống nếu chưa rõ.")
    title: Text | None = Field(default=None, description="Trích yếu (tên) văn bản; để trống nếu chưa kiểm chứng.")
    signer: Text | None = Field(default=None, description="Người ký; để trống nếu chưa kiểm chứng.")
    effective: Date | None = Field(default=None, description="Ngày có hiệu lực; để trống nếu chưa kiểm chứng.")
    status: Literal["con-hieu-luc", "da-sua-doi", "bi-thay-the", "chua-ro"] = Field(
        default="chua-ro", description='Tình trạng hiệu lực; "chua-ro" khi chưa kiểm chứng.')
    amended_by: list[Id] = Field(default=[], description="Mã các văn bản sửa đổi, bổ sung văn bản này.")
    replaced_by: Id | None = Field(default=None, description="Mã văn bản thay thế văn bản này.")
    facts: list[Text] = Field(default=[], description="Các điểm nội dung đã kiểm chứng, mỗi điểm một câu.")
    verified_articles: list[Text] = Field(
        default=[], description='Các điều, phụ lục mà nội dung đã được kiểm chứng, ví dụ "Điều 64"; '
                                "nội dung hướng dẫn chỉ được đánh dấu verified khi dẫn các điều này.")

    @property
    def label(self) -> str:
        """How the document is named in lists: "Quyết định 1375/QĐ-TTg", "Luật Bảo vệ môi trường số 72/2020/QH14"."""
        kind = REFERENCE_KINDS[self.kind]
        if self.kind == "luat" and self.title:
            return f"{self.title} số {self.number}" if self.number else self.title
        return f"{kind} {self.number}" if self.number else (self.title or kind)

    @property
    def kind_label(self) -> str:
        return REFERENCE_KINDS[self.kind]

    @property
    def status_label(self) -> str:
        return REFERENCE_STATUSES[self.status]


class ReferenceFile(Record):
    """Tệp content/references.yml: các văn bản pháp lý được Kế hoạch viện dẫn hoặc liên quan."""

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
    cites: list[Id] = Field(default=[], description="Mã các văn bản định nghĩa thuật ngữ (nếu có).")


class GlossaryFile(Record):
    """Tệp content/glossary.yml: chữ viết tắt và thuật ngữ."""

    terms: list[Term] = Field(min_length=1, description="Danh sách thuật ngữ.")


# Guidance for businesses and the public (hướng dẫn)

AUDIENCES = {"doanh-nghiep": "Doanh nghiệp", "nguoi-dan": "Người dân"}


class Source(Record):
    ref: Id = Field(description="Mã văn bản (trong references.yml).")
    article: Text | None = Field(
        default=None, description='Điều, khoản hoặc phụ lục được dẫn, ví dụ "Điều 64"; để trống nếu dẫn cả văn bản.')


Sources = Annotated[list[Source], Field(min_length=1, description="Căn cứ: mỗi dòng một văn bản, kèm điều nếu biết.")]


class GuidanceItem(Record):
    id: Id = Field(description="Mã nội dung hướng dẫn.")
    topic: Id = Field(description="Mã chủ đề (trong guidance/topics.yml).")
    audiences: list[Literal["doanh-nghiep", "nguoi-dan"]] = Field(
        min_length=1, description='Dành cho ai: "doanh-nghiep" và/hoặc "nguoi-dan".')
    business_kinds: list[Id] = Field(
        default=[], description="Mã các loại hình doanh nghiệp (trong guidance/businesses.yml) mà nội dung áp dụng.")
    title: Text = Field(description="Tiêu đề ngắn.")
    claim: Text = Field(description='Nội dung, bằng lời dễ hiểu; viết ngày sao cho luôn đúng, ví dụ "từ ngày 01/01/2026".')
    since: Date | None = Field(default=None, description="Áp dụng từ ngày (ngày/tháng/năm), nếu có.")
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
    tasks: list[Id] = Field(default=[], description="Mã các nhiệm vụ của Kế hoạch liên quan.")
    agencies: list[Id] = Field(default=[], description="Mã các đơn vị được Kế hoạch giao việc về chủ đề này.")
    selfcheck: Literal["khai-bao", "epr"] | None = Field(
        default=None, description='Bài tự kiểm tra liên quan: "khai-bao" hoặc "epr".')


class TopicFile(Record):
    """Tệp content/guidance/topics.yml: các chủ đề hướng dẫn."""

    topics: list[Topic] = Field(min_length=1, description="Danh sách chủ đề.")


class ChecklistEntry(Record):
    text: Text = Field(description="Một việc cần làm, viết dạng mệnh lệnh ngắn.")
    item: Id | None = Field(default=None, description="Mã nội dung hướng dẫn làm căn cứ cho việc này (nếu có).")


class BusinessKind(Record):
    id: Id = Field(description="Mã loại hình, dùng làm địa chỉ trang: /doanh-nghiep/<mã>/.")
    name: Text = Field(description="Tên loại hình doanh nghiệp.")
    examples: Text = Field(description='Ví dụ cụ thể, như "siêu thị, trung tâm thương mại, chợ".')
    for_whom: Text = Field(description="Trang này dành cho ai.")
    first_step: Text = Field(description="Việc cần làm trước tiên.")
    checklist: list[ChecklistEntry] = Field(min_length=1, description="Danh sách việc cần làm, in được.")
    tasks: list[Id] = Field(default=[], description="Mã các nhiệm vụ của Kế hoạch mà Thành phố thực hiện cho loại hình này.")
    deliverables: list[Id] = Field(default=[], description="Mã các sản phẩm trong phụ lục (lớp tập huấn, đoàn trao đổi…).")
    selfchecks: list[Literal["khai-bao", "epr"]] = Field(default=[], description="Các bài tự kiểm tra nên làm.")


class BusinessKindFile(Record):
    """Tệp content/guidance/businesses.yml: các loại hình doanh nghiệp và danh sách việc cần làm."""

    kinds: list[BusinessKind] = Field(min_length=1, description="Danh sách loại hình.")


class PublicGuide(Record):
    """Tệp content/guidance/public.yml: trang dành cho người dân."""

    for_whom: Text = Field(description="Trang này dành cho ai.")
    first_step: Text = Field(description="Việc cần làm trước tiên.")
    tips: list[Text] = Field(min_length=1, description="Cách giảm nhựa, phân loại rác hằng ngày (thực hành tốt chung).")
    tasks: list[Id] = Field(default=[], description="Mã các nhiệm vụ của Kế hoạch được giải thích cho người dân.")
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


class FaqEntry(Record):
    id: Id = Field(description="Mã câu hỏi, dùng làm neo: /hoi-dap/#<mã>.")
    audiences: list[Literal["doanh-nghiep", "nguoi-dan"]] = Field(min_length=1, description="Ai hay hỏi.")
    question: Text = Field(description="Câu hỏi, như người đọc hay hỏi.")
    answer: Text = Field(description="Câu trả lời ngắn, có căn cứ.")
    sources: Sources
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng.")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")


class FaqFile(Record):
    """Tệp content/faq.yml: câu hỏi thường gặp."""

    questions: list[FaqEntry] = Field(min_length=1, description="Danh sách câu hỏi.")


# Self-checks: threshold data and worked examples; the rules that read them live in plansite/selfcheck.py


def _check_day_month(value: str) -> str:
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*", value)
    if not match:
        raise PydanticCustomError("date_format", 'ngày "{value}" không đúng dạng; hãy viết ngày/tháng, ví dụ 20/4',
                                  {"value": value})
    day, month = (int(g) for g in match.groups())
    try:
        dt.date(2000, month, day)  # a leap year: 29/2 exists
    except ValueError:
        raise PydanticCustomError("date_impossible", 'ngày "{value}" không tồn tại', {"value": value}) from None
    return value.strip()


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


DayMonth = Annotated[str, AfterValidator(_check_day_month),
                     WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}/[0-9]{1,2}$", "examples": ["20/4"]})]
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
    before: DayMonth = Field(description="Hạn: trước ngày/tháng này hằng năm, ví dụ 20/4.")
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
