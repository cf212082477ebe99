"""Content type for "Được / Không được": what a rule allows and forbids, in everyday words.

Each line hangs under one obligation (content/obligations.yml) by its id, so a page shows it
with that obligation's date, where it stands on the build's date and its caveats; nothing here
carries a date of its own. A line that is the site's reading of the rule says so (`reading`);
where the facts stop, a line of kind "hoi" names whom to ask instead of guessing.
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from plansite.schema_types import Record, Ref, Text
from plansite.vocab import ALLOWED_KINDS, PICTURES


class Picture(Record):
    icon: PICTURES.type = Field(description="Hình (biểu tượng của bộ Material mà trang đã dùng).")
    label: Text = Field(description="Chữ ngắn dưới hình, bằng lời thường, ví dụ “Túi ni lông cho không”.")


class AllowedLine(Record):
    kind: ALLOWED_KINDS.type = Field(
        description='"duoc" (được làm), "khong-duoc" (không được làm) hoặc "hoi" (trang chưa có căn cứ để trả lời: '
                    "ghi rõ hỏi ai, trong ask).")
    text: Text = Field(description="Một câu bằng lời thường, ví dụ “Cho khách túi ni lông miễn phí”.")
    examples: list[Text] = Field(default=[], description="Ví dụ đời thường, mỗi dòng một ví dụ.")
    reading: bool = Field(
        description="true khi câu là cách hiểu của trang (văn bản không viết đúng như vậy): trang ghi "
                    "“theo cách hiểu của trang này”; false khi câu nói lại đúng điều văn bản viết.")
    ask: Ref("agencies", "đơn vị") | None = Field(
        default=None, description='Với kind "hoi": mã đơn vị nên hỏi (trong agencies.yml), ví dụ so-cong-thuong.')
    pictures: list[Picture] = Field(
        default=[], description="Hình minh họa dòng này (ví dụ, không phải danh sách đầy đủ): trang vẽ các dòng có "
                                "hình của một loại hình thành một hình “điều gì thay đổi, từ ngày nào”.")
    also: Ref("obligations", "quy định") | None = Field(
        default=None, description="Mã một quy định khác liên quan đến câu này (trong obligations.yml), nếu có: "
                                  "trang ghi kèm tình trạng của quy định đó.")

    @model_validator(mode="after")
    def _ask_whom(self) -> AllowedLine:
        if self.kind == "hoi" and self.ask is None:
            raise PydanticCustomError(
                "ask_missing", 'dòng loại "hoi" cần ask: mã đơn vị nên hỏi, ví dụ so-cong-thuong')
        return self


class AllowedRule(Record):
    obligation: Ref("obligations", "quy định") = Field(
        description="Mã quy định (trong obligations.yml) mà các dòng dưới đây giải thích.")
    lines: list[AllowedLine] = Field(min_length=1, description="Các dòng Được / Không được / Hỏi, theo thứ tự hiện.")


class AllowedFile(Record):
    """Tệp content/guidance/allowed.yml: “Được / Không được” của từng quy định, bằng lời thường."""

    rules: list[AllowedRule] = Field(default=[], description="Mỗi quy định một mục.")
