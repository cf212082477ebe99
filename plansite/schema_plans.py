"""Content types of a plan folder, content/plans/<id>/: plan.yml, tasks.yml, deliverables.yml, duties.yml."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from plansite.schema_types import Date, Id, PeriodField, Record, Ref, Text, Unverified
from plansite.schema_types import Changes  # change notes, declared once for every record with a page or anchor
from plansite.vocab import APPENDIX_FIELDS, DUTY_ROLES, PART_ROLES, PLAN_STATUSES, REFERENCE_KINDS, REVIEW_FIELDS


# A plan: content/plans/<id>/. plan.yml is its record; a plan whose full text the site
# publishes also has `text` there, and tasks.yml, duties.yml (and deliverables.yml when it has
# an appendix) beside it.
#
# The text is an ordered tree: parts (I, II, …), each a list of items kept verbatim with their
# numbering ("1.", "a)", "-", "+", "1.1."). A tree is written flat, each item with its depth
# (`level`), so that a file reads top to bottom like the document. The items of the part that
# holds the tasks are in tasks.yml, those of "Tổ chức thực hiện" (one body each) in duties.yml.


class Item(Record):
    label: Text | None = Field(
        default=None, description='Số thứ tự hoặc ký hiệu đầu dòng, nguyên văn: "1.", "a)", "-", "+", "1.1."; '
                                  "để trống với đoạn văn không đánh số.")
    level: int = Field(default=1, ge=1, le=6, description="Cấp của mục: 1 là mục trực tiếp của phần (hoặc của "
                                                          "nhiệm vụ, của ý), 2 là mục con của mục cấp 1 ngay trên nó…")
    text: Text = Field(description="Nguyên văn mục (không kèm số thứ tự).")
    cites: list[Ref("references", "văn bản viện dẫn")] = Field(
        default=[], description="Mã các văn bản (trong references.yml) mà nguyên văn mục này nhắc đến.")


class Part(Record):
    number: Text = Field(description='Số phần, nguyên văn, ví dụ "I", "II".')
    heading: Text = Field(description='Tiêu đề phần, nguyên văn, ví dụ "MỤC ĐÍCH, YÊU CẦU".')
    role: PART_ROLES.type = Field(description="Phần này là gì (đọc từ tiêu đề).")
    items: list[Item] = Field(
        default=[], description="Các mục của phần, theo thứ tự. Với phần nhiệm vụ và phần tổ chức thực hiện: "
                                "chỉ các đoạn mở đầu trước nhiệm vụ, trước đơn vị đầu tiên.")


class Signature(Record):
    lines: list[Text] = Field(min_length=1, description='Các dòng thẩm quyền và chức vụ, nguyên văn, ví dụ '
                                                        '"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".')
    name: Text | None = Field(default=None, description="Họ và tên người ký; để trống ở bản dự thảo chưa có.")


class AppendixColumn(Record):
    title: Text = Field(description="Tiêu đề cột, nguyên văn.")
    field: APPENDIX_FIELDS.type = Field(description="Cột này ghi vào trường nào của mỗi dòng (deliverables.yml).")
    key: Id | None = Field(default=None, description='Với cột "khac": mã của cột trong cells của mỗi dòng.')
    group: Text | None = Field(default=None, description="Tiêu đề ô gộp phía trên cột (tiêu đề hai tầng), nếu có.")
    end: Text | None = Field(default=None, description='Với cột đơn vị: dấu mà bản gốc đặt sau đơn vị cuối cùng '
                                                       'của mỗi ô, ví dụ "."; để trống nếu không có.')


class Appendix(Record):
    title: Text = Field(description='Tiêu đề phụ lục, ví dụ "PHỤ LỤC" hoặc "PHỤ LỤC I".')
    caption: Text | None = Field(default=None, description="Tên danh mục của phụ lục, nguyên văn.")
    attached_by: Text | None = Field(
        default=None, description='Phần cuối dòng "Kèm theo Kế hoạch số …", ví dụ "của UBND thành phố Hà Nội".')
    columns: list[AppendixColumn] = Field(min_length=1, description="Các cột của bảng, từ trái sang phải.")

    @field_validator("columns")
    @classmethod
    def _other_columns_have_keys(cls, columns: list[AppendixColumn]) -> list[AppendixColumn]:
        keys = [c.key for c in columns if c.field == "khac"]
        if None in keys or len(set(keys)) != len(keys):
            raise PydanticCustomError("appendix_keys", 'mỗi cột "khac" cần một mã (key) riêng')
        return columns


class PlanText(Record):
    issuer_lines: list[Text] = Field(
        default=[], description='Góc trái khối đầu văn bản, mỗi dòng một mục, ví dụ "ỦY BAN NHÂN DÂN", '
                                '"THÀNH PHỐ HÀ NỘI"; để trống nếu bản gốc không có.')
    motto_lines: list[Text] = Field(
        default=[], description='Góc phải: quốc hiệu, tiêu ngữ, nguyên văn; để trống nếu bản gốc không có.')
    kind: Text = Field(description='Loại văn bản, viết như bản gốc, ví dụ "KẾ HOẠCH".')
    place: Text = Field(description='Địa danh ở dòng ngày tháng, ví dụ "Hà Nội".')
    number_suffix: Text = Field(description='Phần ký hiệu sau số, ví dụ "KH-UBND" (dòng "Số: …/KH-UBND").')
    draft_year: int | None = Field(default=None, ge=2000, le=2100,
                                   description="Năm in sẵn ở dòng ngày tháng của bản dự thảo, ví dụ 2023.")
    preamble: list[Text] = Field(min_length=1, description='Phần căn cứ mở đầu: các dòng "Căn cứ …;" hoặc một '
                                                           'đoạn "Thực hiện …", nguyên văn, mỗi đoạn một mục.')
    legal_basis: list[Ref("references", "văn bản căn cứ")] = Field(
        default=[], description="Mã các văn bản mà phần căn cứ nhắc đến.")
    parts: list[Part] = Field(min_length=1, description="Các phần của Kế hoạch (I, II, …), theo thứ tự.")
    closing: Text | None = Field(default=None, description='Câu kết của Kế hoạch (thường kết thúc "./."), nguyên văn.')
    recipients_heading: Text = Field(default="Nơi nhận:", description='Tiêu đề mục nơi nhận, ví dụ "Nơi nhận:".')
    recipients: list[Text] = Field(default=[], description="Nơi nhận, mỗi dòng một mục; chữ nhỏ viết trong ~…~.")
    signature: Signature | None = Field(default=None, description="Khối chữ ký.")
    appendices: list[Appendix] = Field(default=[], description="Tiêu đề và cột của từng phụ lục; các dòng ở "
                                                               "deliverables.yml.")

    @field_validator("parts")
    @classmethod
    def _parts_are_distinct(cls, parts: list[Part]) -> list[Part]:
        numbers = [p.number for p in parts]
        if len(set(numbers)) != len(numbers):
            raise PydanticCustomError("part_numbers", "hai phần có cùng số; mỗi phần cần một số riêng")
        if sum(p.role == "to-chuc" for p in parts) > 1:
            raise PydanticCustomError("part_roles", 'chỉ một phần có role "to-chuc" (các mục ở duties.yml)')
        return parts

    def parts_with(self, role: str) -> list[Part]:
        return [p for p in self.parts if p.role == role]


def Review() -> Any:  # noqa: N802 - one field declaration, used by every record an import may leave placeholders in
    return Field(default=[], description="Các trường đang giữ giá trị tạm do công cụ nhập kế hoạch đặt (văn bản "
                                         "không nêu); sửa giá trị rồi xoá tên trường khỏi danh sách này.")


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
    verified: bool = Field(default=True, description="false khi thông tin về kế hoạch chưa được kiểm chứng: mọi nơi hiện "
                                                     "kế hoạch đều ghi “chưa được kiểm chứng”.")
    unverified: list[Text] = Unverified("kế hoạch này (ví dụ toàn văn, danh sách nhiệm vụ)")
    facts: list[Text] = Field(default=[], description="Các điểm khác đã kiểm chứng, mỗi điểm một câu.")
    results: list[Text] = Field(
        default=[], description="Kết quả thực hiện, chỉ ghi khi Sở Công Thương cung cấp; mỗi kết quả một câu.")
    review: list[REVIEW_FIELDS.type] = Review()
    text: PlanText | None = Field(
        default=None, description="Toàn văn: khối đầu, căn cứ, các phần, câu kết, nơi nhận, chữ ký, tiêu đề phụ "
                                  "lục; để trống với kế hoạch chỉ có bản tóm tắt.")
    changes: Changes

    @field_validator("text")
    @classmethod
    def _full_text_has_a_title(cls, text: PlanText | None, info: ValidationInfo) -> PlanText | None:
        if text is not None and "title" in info.data and info.data["title"] is None:
            raise PydanticCustomError("plan_title", "kế hoạch có toàn văn cần tên đầy đủ (title), viết như bản gốc")
        return text


class Task(Record):
    id: Id = Field(description="Mã nhiệm vụ, dùng làm địa chỉ trang: /nhiem-vu/<mã>/. Không đổi sau khi đã đăng.")
    number: int = Field(ge=1, description="Số thứ tự của nhiệm vụ trong Kế hoạch (1, 2, …).")
    part: Text | None = Field(default=None, description='Số phần chứa nhiệm vụ, ví dụ "III"; để trống là phần '
                                                        'nhiệm vụ đầu tiên (role "nhiem-vu").')
    label: Text | None = Field(default=None, description='Số thứ tự nguyên văn nếu khác "<number>.", ví dụ "a)".')
    short_title: Text = Field(description="Tên ngắn, dùng trong bảng và danh sách.")
    text: Text = Field(description="Nguyên văn nhiệm vụ (dòng có số thứ tự).")
    items: list[Item] = Field(default=[], description="Các mục con của nhiệm vụ (a), b), -, +…), nguyên văn.")
    review: list[REVIEW_FIELDS.type] = Review()
    cites: list[Ref("references", "văn bản viện dẫn")] = Field(
        default=[], description="Mã các văn bản mà nguyên văn nhiệm vụ nhắc đến (không thêm văn bản nguyên văn không nêu).")
    period: PeriodField | None = Field(default=None, description='Thời gian thực hiện; để trống thì lấy thời gian của Kế hoạch.')
    changes: Changes


class TaskFile(Record):
    """Tệp content/plans/<mã>/tasks.yml: các nhiệm vụ (phần nhiệm vụ, giải pháp)."""

    tasks: list[Task] = Field(min_length=1, description="Danh sách nhiệm vụ.")


class Cell(Record):
    column: Id = Field(description='Mã cột (key của cột "khac" trong text.appendices).')
    text: Text = Field(description="Nguyên văn ô.")


class Deliverable(Record):
    id: Id = Field(description="Mã sản phẩm.")
    appendix: int = Field(default=1, ge=1, description="Thuộc phụ lục thứ mấy (theo thứ tự trong text.appendices).")
    number: int = Field(ge=1, description="Số thứ tự (cột TT) trong phụ lục.")
    label: Text | None = Field(default=None, description='Cột TT nguyên văn khi không phải một số, ví dụ "I" ở dòng '
                                                         "tiêu đề một nhóm; để trống thì hiện number.")
    description: Text = Field(description="Nguyên văn cột Danh mục.")
    lead: list[Ref("agencies", "đơn vị chủ trì")] = Field(default=[], description="Mã đơn vị chủ trì.")
    coordinators: list[Ref("agencies", "đơn vị phối hợp")] = Field(
        default=[], description="Mã các đơn vị phối hợp, theo thứ tự trong bản gốc.")
    unit: Text | None = Field(default=None, description='Đơn vị tính, ví dụ "Lớp", "Đoàn".')
    quantity: int | None = Field(default=None, ge=0, strict=True, description="Số lượng (số nguyên không âm).")
    period: PeriodField | None = Field(default=None, description='Thời gian thực hiện, ví dụ "Quý II-IV/2024".')
    cells: list[Cell] = Field(default=[], description='Các ô của những cột "khac" trong phụ lục, nguyên văn.')
    tasks: list[Ref("tasks", "nhiệm vụ")] = Field(
        default=[], description="Mã các nhiệm vụ liên quan, theo cách hiểu của trang.")
    results: list[Text] = Field(
        default=[], description="Kết quả đã thực hiện, chỉ ghi khi Sở Công Thương cung cấp; mỗi kết quả một câu.")
    changes: Changes
    review: list[REVIEW_FIELDS.type] = Review()

    @model_validator(mode="after")
    def _tasks_named_or_pending(self) -> Deliverable:
        if not self.tasks and "tasks" not in self.review:
            raise PydanticCustomError("deliverable_tasks", 'cần ít nhất một nhiệm vụ liên quan (tasks), hoặc "tasks" '
                                                           "trong review khi chưa xác định")
        return self


class DeliverableFile(Record):
    """Tệp content/plans/<mã>/deliverables.yml: các dòng của bảng phụ lục."""

    deliverables: list[Deliverable] = Field(min_length=1, description="Danh sách sản phẩm trong phụ lục.")


class Duty(Record):
    label: Text | None = Field(default=None, description='Ký hiệu đầu dòng nguyên văn, ví dụ "-" hoặc "a)"; để trống '
                                                         "với đoạn văn không đánh dấu.")
    text: Text = Field(description="Nguyên văn một ý được giao trong phần tổ chức thực hiện.")
    items: list[Item] = Field(default=[], description="Các mục con của ý này (+, -…), nguyên văn.")
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
    number: int = Field(ge=1, description="Số mục trong phần tổ chức thực hiện.")
    agency: Ref("agencies", "đơn vị") = Field(description="Mã đơn vị (trong agencies.yml) là tiêu đề của mục.")
    heading: Text | None = Field(default=None, description="Tên đơn vị như Kế hoạch viết, nếu khác tên trong "
                                                           "agencies.yml.")
    inline: bool = Field(default=False, description='true khi Kế hoạch viết tên đơn vị và ý được giao trên cùng '
                                                    'một dòng ("2. Sở Tài chính: chủ trì …").')
    duties: list[Duty] = Field(min_length=1, description="Các ý được giao, theo thứ tự.")


class DutyFile(Record):
    """Tệp content/plans/<mã>/duties.yml: phần tổ chức thực hiện, mỗi mục một đơn vị."""

    sections: list[Section] = Field(min_length=1, description="Các mục của phần IV.")
