"""Content types of the self-checks: content/selfchecks.yml, one entry of `checks` per check.

A check is data: its questions, its outcomes (each resting on obligations of obligations.yml, whose
dates give its status on a given day), the rules that lead from answers to outcomes, and worked
examples. plansite/selfcheck.py is the engine that reads them; nothing about any one check is code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from plansite.schema_types import _ID, Date, Id, Record, Ref, Source, Text

QUESTION_TYPES = {
    "mot-lua-chon": "chọn một trong các lựa chọn",
    "nhieu-lua-chon": "chọn một hay nhiều lựa chọn; mỗi lựa chọn được xét riêng (một nhánh), các kết quả gộp lại",
    "co-khong": "có hoặc không (mã lựa chọn: co, khong)",
    "so": "một số, kèm đơn vị (unit); để trống nghĩa là không biết (mã: khong-ro)",
}
QuestionType = Literal["mot-lua-chon", "nhieu-lua-chon", "co-khong", "so"]
OUTCOME_KINDS = {
    "ap-dung": "quy định áp dụng với doanh nghiệp: tình trạng (đang áp dụng, sắp áp dụng từ …, còn N ngày, "
               "đã hết hiệu lực) lấy từ các quy định ở obligations",
    "khong-ap-dung": "quy định không đặt lên doanh nghiệp; không được dùng khi dữ liệu chưa đầy đủ",
    "chua-ro": "chưa kết luận được: nói rõ cần làm gì hoặc hỏi ai",
}
OutcomeKind = Literal["ap-dung", "khong-ap-dung", "chua-ro"]
# what an outcome says on a day: its kind, or for "ap-dung" where its obligations stand
STATUSES = ("dang-ap-dung", "sap-ap-dung", "het-hieu-luc", "chua-ro", "khong-ap-dung")
Status = Literal["dang-ap-dung", "sap-ap-dung", "het-hieu-luc", "chua-ro", "khong-ap-dung"]
UNKNOWN = "khong-ro"  # the answer code of a number left blank
YES_NO = (("co", "Có"), ("khong", "Không"))


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


AnswerValue = Annotated[str | list[str], BeforeValidator(_answer_value),
                        WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 0},
                                                  {"type": "array", "items": {"type": "string"}, "minItems": 1}]})]


class Choice(Record):
    id: Id = Field(description="Mã lựa chọn, dùng trong quy tắc (rules) và trong địa chỉ của kết quả.")
    label: Text = Field(description="Lựa chọn như người đọc thấy.")
    exclusive: bool = Field(
        default=False, description="Với câu chọn nhiều: true nếu lựa chọn này không đi cùng lựa chọn nào khác "
                                   "(ví dụ “không làm việc nào ở trên”).")
    unverified: Text | None = Field(
        default=None, description="Điều chưa được kiểm chứng về lựa chọn này, ví dụ “ngưỡng công suất của ngành "
                                  "này”. Khi có, mọi nhánh đi qua lựa chọn này không được kết luận “không áp dụng”.")


class Question(Record):
    id: Id = Field(description="Mã câu hỏi, dùng trong quy tắc, ví dụ và địa chỉ của kết quả.")
    text: Text = Field(description="Câu hỏi như người đọc thấy.")
    type: QuestionType = Field(description="Loại câu hỏi: " + "; ".join(f"{k}: {v}" for k, v in QUESTION_TYPES.items()))
    choices: list[Choice] = Field(default=[], description="Các lựa chọn (câu mot-lua-chon, nhieu-lua-chon).")
    unit: Text | None = Field(default=None, description='Đơn vị của câu hỏi số, ví dụ "tỷ đồng", "kWh/năm".')
    hint: Text | None = Field(default=None, description="Gợi ý ngắn dưới câu hỏi, nếu cần.")

    @model_validator(mode="after")
    def _shape(self) -> Question:
        choosing = self.type in ("mot-lua-chon", "nhieu-lua-chon")
        if choosing and len(self.choices) < 2:
            raise PydanticCustomError("question", "câu hỏi loại {type} cần ít nhất hai lựa chọn (choices)",
                                      {"type": self.type})
        if not choosing and self.choices:
            raise PydanticCustomError("question", "câu hỏi loại {type} không có choices; chỉ câu mot-lua-chon, "
                                                  "nhieu-lua-chon mới có", {"type": self.type})
        if (self.type == "so") != (self.unit is not None):
            raise PydanticCustomError("question", "câu hỏi loại so cần đơn vị (unit); loại khác thì không có unit")
        ids = [c.id for c in self.choices]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup:
            raise PydanticCustomError("question", 'mã lựa chọn "{id}" bị trùng trong câu hỏi', {"id": dup})
        return self


class Outcome(Record):
    id: Id = Field(description="Mã kết quả: neo #ket-qua-<mã> trên trang, dùng trong quy tắc và ví dụ.")
    kind: OutcomeKind = Field(description="Loại kết quả: " + "; ".join(f"{k}: {v}" for k, v in OUTCOME_KINDS.items()))
    title: Text = Field(description="Tiêu đề kết quả, ví dụ “Có trách nhiệm tái chế bao bì”.")
    text: Text = Field(description="Giải thích cho doanh nghiệp: vì sao, phải làm gì, hỏi ai. Không viết ngày, "
                                   "tình trạng: trang lấy chúng từ các quy định ở obligations.")
    obligations: list[Ref("obligations", "quy định")] = Field(
        default=[], description="Mã các quy định (trong obligations.yml) mà kết quả dựa vào; bắt buộc với kết quả "
                                "ap-dung. Ngày, “còn N ngày”, lưu ý và căn cứ của chúng hiện cùng kết quả.")
    related: list[Ref("obligations", "quy định")] = Field(
        default=[], description="Quy định liên quan hiện cùng kết quả (ví dụ hạn nộp hằng năm) nhưng không quyết định "
                                "tình trạng của kết quả.")
    sources: list[Source] = Field(default=[], description="Căn cứ thêm, ngoài căn cứ của các quy định.")

    @model_validator(mode="after")
    def _rests_on_obligations(self) -> Outcome:
        if self.kind == "ap-dung" and not self.obligations:
            raise PydanticCustomError("outcome", "kết quả ap-dung cần ít nhất một quy định (obligations): tình trạng "
                                                 "và ngày áp dụng của kết quả lấy từ đó")
        if not self.obligations and not self.sources:
            raise PydanticCustomError("outcome", "kết quả cần căn cứ: ghi obligations hoặc sources")
        return self


class Range(Record):
    min: float | None = Field(default=None, ge=0, description="Từ mức này trở lên (≥).")
    below: float | None = Field(default=None, gt=0, description="Dưới mức này (<).")

    @model_validator(mode="after")
    def _some_bound(self) -> Range:
        if self.min is None and self.below is None:
            raise PydanticCustomError("range", "khoảng số cần min (từ … trở lên) hoặc below (dưới …)")
        if self.min is not None and self.below is not None and self.min >= self.below:
            raise PydanticCustomError("range", "min phải nhỏ hơn below: không số nào thỏa khoảng này")
        return self


Condition = Annotated[str | list[str] | Range, WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": _ID.pattern}, {"type": "array", "items": {"type": "string"}, "minItems": 1},
    {"type": "object", "properties": {"min": {"type": "number"}, "below": {"type": "number"}},
     "additionalProperties": False}]})]


class Rule(Record):
    when: dict[Id, Condition] = Field(
        min_length=1, description="Điều kiện, mỗi dòng “mã câu hỏi: điều kiện”: một mã lựa chọn, danh sách mã (một "
                                  "trong số đó), {min: …} (từ … trở lên), {below: …} (dưới …), hoặc khong-ro (câu "
                                  "số để trống). Mọi điều kiện phải cùng đúng.")
    then: Id = Field(description="Mã kết quả khi mọi điều kiện đúng.")


Expect = Annotated[dict[Id, Status], WithJsonSchema({"type": "object", "additionalProperties": {"enum": list(STATUSES)}})]


class SelfCheckExample(Record):
    name: Text = Field(description="Doanh nghiệp ví dụ, ví dụ “nhà máy pin 350.000 kWh/năm”.")
    date: Date = Field(description="Ngày xét ví dụ (ngày/tháng/năm): tình trạng ở expect đúng vào ngày này.")
    answers: dict[Id, AnswerValue] = Field(
        description="Câu trả lời, mỗi dòng “mã câu hỏi: trả lời”: mã lựa chọn (chọn nhiều thì viết danh sách), hoặc số "
                    'viết như khi gõ vào ô, trong dấu ngoặc kép, ví dụ "350.000" hay "30 tỷ". Bỏ câu hỏi về số đi '
                    "nghĩa là doanh nghiệp không biết số đó.")
    expect: Expect = Field(
        min_length=1, description="Kết quả phải có vào ngày date, mỗi dòng “mã kết quả: tình trạng”; tình trạng là "
                                  + ", ".join(STATUSES) + ".")


class SelfCheck(Record):
    id: Id = Field(description="Mã bài tự kiểm tra: trang /huong-dan/tu-kiem-tra-<mã>/. Không đổi sau khi đã đăng.")
    title: Text = Field(description="Câu hỏi của bài, ví dụ “Cửa hàng của tôi phải làm gì với túi ni lông?”.")
    short_title: Text = Field(description="Tên ngắn cho liên kết ở trang chủ, ví dụ “túi ni lông ở cửa hàng”.")
    for_whom: Text = Field(description="Bài dành cho ai, ví dụ “Chủ chợ, cửa hàng tiện lợi, siêu thị ở Hà Nội.”.")
    intro: Text = Field(description="Bài xét điều gì, một hai câu.")
    complete: bool = Field(
        description="true khi dữ liệu của bài đủ cho mọi trường hợp mà quy tắc nói tới; false thì không kết quả nào "
                    "được là khong-ap-dung (không bao giờ kết luận doanh nghiệp không thuộc diện).")
    ask: list[Text] = Field(
        min_length=1, description="Nên hỏi ai khi chưa chắc: chỉ ghi tên cơ quan, không ghi số điện thoại, địa chỉ "
                                  "chưa được kiểm chứng.")
    questions: list[Question] = Field(
        min_length=1, description="Các câu hỏi, theo thứ tự hỏi; câu nào không cần cho kết quả thì không được hỏi.")
    outcomes: list[Outcome] = Field(min_length=1, description="Các kết quả có thể có.")
    rules: list[Rule] = Field(
        min_length=1, description="Quy tắc: trong một nhánh (mỗi lựa chọn của câu nhieu-lua-chon là một nhánh), mọi "
                                  "quy tắc đúng phải cho cùng một kết quả, và mọi câu trả lời phải dẫn tới một kết quả.")
    examples: list[SelfCheckExample] = Field(
        default=[], description="Doanh nghiệp ví dụ và kết quả đúng vào một ngày; được kiểm tra mỗi lần dựng trang "
                                "và hiện trên trang bài tự kiểm tra.")


class SelfCheckFile(Record):
    """Tệp content/selfchecks.yml: các bài tự kiểm tra “Quy định này có áp dụng với tôi không?”."""

    checks: list[SelfCheck] = Field(min_length=1, description="Các bài tự kiểm tra.")
