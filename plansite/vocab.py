"""Every closed list of values the content uses, declared once with its Vietnamese labels.

A `Vocabulary` is both the field type the schema validates against (a `Literal` of its
values, so pydantic, the JSON Schema enums and the error hints all read the same list) and
the table of labels pages show. CONTRIBUTING.md lists the values with their labels from here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per list
class Vocabulary:
    name: str
    labels: Mapping[str, str]  # value -> label, in the order editors see them

    @property
    def type(self) -> Any:
        """The field type: one of the values; the vocabulary itself rides along as metadata."""
        return Annotated[Literal[tuple(self.labels)], self,
                         Field(json_schema_extra={"enumDescriptions": list(self.labels.values())})]

    def label(self, value: str) -> str:
        return self.labels[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __contains__(self, value: object) -> bool:
        return value in self.labels


def vocabulary_of(metadata: Any) -> Vocabulary | None:
    """The vocabulary among a field's metadata, if it has one."""
    return next((item for item in metadata if isinstance(item, Vocabulary)), None)


REFERENCE_KINDS = Vocabulary("reference_kinds", {
    "luat": "Luật",
    "nghi-quyet": "Nghị quyết",
    "nghi-dinh": "Nghị định",
    "quyet-dinh": "Quyết định",
    "chi-thi": "Chỉ thị",
    "thong-tu": "Thông tư",
    "ke-hoach": "Kế hoạch",
})
REFERENCE_STATUSES = Vocabulary("reference_statuses", {
    "con-hieu-luc": "Còn hiệu lực",
    "da-sua-doi": "Đã được sửa đổi, bổ sung",
    "co-van-ban-moi": "Đã có văn bản mới cùng lĩnh vực",
    "bi-thay-the": "Đã bị thay thế",
    "chua-ro": "Chưa xác định",
})
AGENCY_KINDS = Vocabulary("agency_kinds", {
    "uy-ban": "Ủy ban nhân dân",
    "hoi-dong": "Hội đồng nhân dân",
    "so": "Sở, ngành Thành phố",
    "nhom": "Nhóm cơ quan",
    "bo": "Cơ quan Trung ương",
    "doanh-nghiep": "Doanh nghiệp",
    "dia-phuong-khac": "Địa phương khác",
    "chua-ro": "Chưa xác định (bản ghi tạm do công cụ nhập kế hoạch tạo)",
})
# Only the words the plan itself uses for a body's part in a duty; a duty whose text uses
# neither has no role (references.py checks the word is in the text).
DUTY_ROLES = Vocabulary("duty_roles", {
    "chu-tri": "Chủ trì",
    "phoi-hop": "Phối hợp",
})
# What a part of a plan's text is, read from its heading (plansite/plan_import.py reads it).
PART_ROLES = Vocabulary("part_roles", {
    "muc-dich": "Mục đích, yêu cầu",
    "muc-tieu": "Mục tiêu",
    "nhiem-vu": "Nhiệm vụ, giải pháp, nội dung (các mục ở tasks.yml)",
    "kinh-phi": "Kinh phí",
    "to-chuc": "Tổ chức thực hiện (các mục ở duties.yml)",
    "khac": "Phần khác, giữ nguyên văn",
})
# What a column of an appendix table holds: the known columns become fields of a deliverable,
# any other column is kept, cell by cell, in its `cells`.
APPENDIX_FIELDS = Vocabulary("appendix_fields", {
    "so-thu-tu": "Số thứ tự (number)",
    "danh-muc": "Danh mục, nội dung (description)",
    "chu-tri": "Đơn vị chủ trì (lead)",
    "phoi-hop": "Đơn vị phối hợp (coordinators)",
    "don-vi-tinh": "Đơn vị tính (unit)",
    "so-luong": "Số lượng (quantity)",
    "thoi-gian": "Thời gian thực hiện (period)",
    "khac": "Cột khác (cells)",
})
# Fields an import filled with a placeholder, because the document does not give them;
# `make check` lists every record that still has one.
REVIEW_FIELDS = Vocabulary("review_fields", {
    "id": "Mã (đặt tạm theo số thứ tự)",
    "short_title": "Tên ngắn (lấy tạm từ đầu nguyên văn)",
    "tasks": "Nhiệm vụ liên quan (văn bản không nêu)",
})
PLAN_STATUSES = Vocabulary("plan_statuses", {
    "du-thao": "Dự thảo",
    "ban-hanh": "Đã ban hành",
})
AUDIENCES = Vocabulary("audiences", {
    "doanh-nghiep": "Doanh nghiệp",
    "nguoi-dan": "Người dân",
})
GUIDANCE_KINDS = Vocabulary("guidance_kinds", {
    "giai-thich": "Giải thích quy định",
    "muc-tieu": "Mục tiêu",
    "thong-tin": "Thông tin",
})
# Material's own icons (shipped with the theme, drawn inline) that a kind of business may show.
ICONS = Vocabulary("icons", {
    "material-cart": "Xe đẩy hàng (siêu thị)",
    "material-store": "Cửa hàng (chợ, cửa hàng tiện lợi)",
    "material-bed": "Giường (khách sạn)",
    "material-factory": "Nhà máy",
    "material-truck-delivery": "Xe tải (nhập khẩu)",
    "material-home-city": "Nhà và phố (làng nghề, cụm công nghiệp)",
})
# Pictures the site draws (plansite/templates/_figures.j2), that a rule may show beside its text.
FIGURES = Vocabulary("figures", {
    "tui-ni-long": "Túi ni lông bị cấm, theo tỉ lệ: nhỏ hơn 50 cm × 50 cm, một lớp màng dưới 50 µm",
    "epr-so-do": "Sơ đồ: ai có trách nhiệm tái chế (EPR) và cách thực hiện (vẽ từ dữ liệu của bài tự kiểm tra EPR)",
})
# "Được / Không được" (content/guidance/allowed.yml): what a line of a rule's plain list says.
ALLOWED_KINDS = Vocabulary("allowed_kinds", {
    "duoc": "Được",
    "khong-duoc": "Không được",
    "hoi": "Chưa rõ: hãy hỏi",
})
# Pictures of everyday things for "Được / Không được" (Material's icons, drawn inline): the label
# beside each picture carries the meaning, the icon only helps the eye.
PICTURES = Vocabulary("pictures", {
    "material-shopping-outline": "Túi",
    "material-basket-outline": "Giỏ, túi dùng nhiều lần",
    "material-hand-coin": "Trả tiền",
    "material-food-takeout-box-outline": "Hộp đựng thức ăn",
    "material-cup-outline": "Cốc",
    "material-silverware-fork-knife": "Thìa, dĩa, dao",
    "material-package-variant": "Hàng đóng gói sẵn",
    "material-toothbrush": "Bàn chải đánh răng",
    "material-razor-double-edge": "Dao cạo",
    "material-shower-head": "Đồ dùng khi tắm",
    "material-bottle-tonic-outline": "Chai, gói nhỏ",
    "material-recycle": "Tái chế",
})
