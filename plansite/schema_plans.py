"""Content types of a plan folder, content/plans/<id>/: plan.yml, tasks.yml, deliverables.yml, duties.yml."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from plansite.schema_types import Date, Id, PeriodField, Record, Ref, Text, Unverified
from plansite.vocab import DUTY_ROLES, PLAN_STATUSES, REFERENCE_KINDS


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
    verified: bool = Field(default=True, description="false khi thông tin về kế hoạch chưa được kiểm chứng: mọi nơi hiện "
                                                     "kế hoạch đều ghi “chưa được kiểm chứng”.")
    unverified: list[Text] = Unverified("kế hoạch này (ví dụ toàn văn, danh sách nhiệm vụ)")
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
