"""Content types for what businesses and the public must and can do: obligations, guidance, topics, kinds of business, FAQ."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from plansite.schema_types import Date, Id, PlanRef, Record, Ref, Sources, Text, Unverified, YearlyDay
from plansite.schema_types import Changes  # change notes, declared once for every record with a page or anchor
from plansite.vocab import AUDIENCES, FIGURES, GUIDANCE_KINDS, ICONS


# Guidance for businesses and the public (hướng dẫn)


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
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng; false thì mọi nơi hiện quy định "
                                       "này đều ghi “chưa được kiểm chứng”.")
    unverified: list[Text] = Unverified("quy định này")
    reviewed: Date = Field(description="Ngày rà soát gần nhất (ngày/tháng/năm).")
    changes: Changes

    def state_on(self, day: dt.date) -> tuple[str, int | None]:
        """Where the rule stands on `day`: ("het-hieu-luc" | "sap-ap-dung" | "dang-ap-dung", days until it
        starts while it is coming). The one reading of its dates: the pages (plansite/model.py, on the
        build's date) and the self-checks (plansite/selfcheck.py, on any day) both ask it."""
        if self.ends is not None and day > self.ends:
            return "het-hieu-luc", None
        if day < self.starts:
            return "sap-ap-dung", (self.starts - day).days
        return "dang-ap-dung", None

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
                                    description="Với mục tiêu phải đạt đến một năm (“đến năm 2025”): năm đó; trang "
                                                "ghi rõ khi năm đó đã qua.")
    target_since: int | None = Field(default=None, ge=2000, le=2100,
                                     description="Với mục tiêu áp dụng từ một năm trở đi (“từ năm 2021”): năm bắt đầu; "
                                                 "mục tiêu này không “qua” theo năm. Không ghi cùng target_year.")

    @field_validator("target_since")
    @classmethod
    def _one_kind_of_target_year(cls, since: int | None, info: ValidationInfo) -> int | None:
        if since is not None and info.data.get("target_year") is not None:
            raise PydanticCustomError(
                "target_years", "chỉ ghi một trong hai: target_year (đến năm {year}) hoặc target_since (từ năm {since})",
                {"year": info.data["target_year"], "since": since})
        return since
    sources: Sources
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng (điều được dẫn có trong verified_articles của văn bản).")
    unverified: list[Text] = Unverified("nội dung này")
    reviewed: Date = Field(description="Ngày rà soát nội dung gần nhất (ngày/tháng/năm).")
    changes: Changes


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
    selfcheck: Id | None = Field(default=None, description="Mã bài tự kiểm tra liên quan (trong selfchecks.yml).")
    changes: Changes


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
    selfchecks: list[Id] = Field(default=[], description="Mã các bài tự kiểm tra nên làm (trong selfchecks.yml).")
    former_ids: list[Id] = Field(
        default=[], description="Mã cũ của loại hình này; địa chỉ cũ /doanh-nghiep/<mã cũ>/ chuyển tiếp về trang này.")
    changes: Changes


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
    answer: Text = Field(description="Câu trả lời ngắn, có căn cứ. Không viết điều phụ thuộc ngày (“đã”, “sắp”, "
                                     "“năm nay”): ghi quy định mà câu trả lời dựa vào ở rests_on, trang tự ghi tình trạng.")
    rests_on: list[Ref("obligations", "quy định")] = Field(
        default=[], description="Mã các quy định (trong obligations.yml) mà câu trả lời dựa vào; trang hiện tình trạng "
                                "của từng quy định (đang áp dụng, sắp áp dụng, còn … ngày) và lưu ý chưa kiểm chứng của nó.")
    sources: Sources
    verified: bool = Field(description="true chỉ khi mọi căn cứ đã được kiểm chứng.")
    unverified: list[Text] = Unverified("câu trả lời này")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")
    changes: Changes


class FaqFile(Record):
    """Tệp content/faq.yml: câu hỏi thường gặp."""

    questions: list[FaqEntry] = Field(min_length=1, description="Danh sách câu hỏi.")
