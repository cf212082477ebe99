"""Content types of the self-checks: content/selfchecks.yml."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from plansite.schema_types import _ID, Date, Id, Record, Sources, Text, YearlyDay


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
