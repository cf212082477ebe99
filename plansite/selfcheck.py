"""The two "Does this apply to my business?" self-checks, as decision trees built from data.

The rules are written once, here, as a tree of questions built from the thresholds in
content/selfchecks.yml. `evaluate()` walks the tree in Python (tests use it on a table of
example businesses); the page emits the same tree as JSON and a small script walks it in
the browser, so the two can never disagree about a rule. Without JavaScript the page shows
the criteria and every possible outcome as text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from plansite.schema import DeclarationCheck, EprCheck, SelfCheckFile, Source
from plansite.textfmt import vn_date, vn_number

GUIDANCE_ONLY = ("Đây là hướng dẫn để bạn tự kiểm tra, không phải quyết định pháp lý. "
                 "Khi cần chắc chắn, hãy hỏi Sở Công Thương Hà Nội.")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    next: str  # id of a question or an outcome


@dataclass(frozen=True)
class Question:
    id: str
    key: str  # the answer's name; several questions may share one (e.g. a capacity in tấn/năm)
    text: str
    choices: tuple[Choice, ...] = ()
    # number questions: `at_least` if the answer >= minimum, `below` if smaller, `unknown` if blank
    unit: str | None = None
    minimum: float | None = None
    at_least: str | None = None
    below: str | None = None
    unknown: str | None = None

    @property
    def is_number(self) -> bool:
        return self.unit is not None


@dataclass(frozen=True)
class Outcome:
    id: str
    verdict: str  # "phai" (applies), "khong" (does not apply), "chua-ro" (cannot tell from the data)
    title: str
    text: str
    sources: tuple[Source, ...]

    @property
    def verdict_label(self) -> str:
        return VERDICTS[self.verdict]


VERDICTS = {"phai": "Có áp dụng", "khong": "Không bắt buộc", "chua-ro": "Chưa đủ thông tin"}


@dataclass
class SelfCheck:
    id: str
    title: str
    start: str
    questions: dict[str, Question] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def add(self, item: Question | Outcome) -> str:
        target = self.questions if isinstance(item, Question) else self.outcomes
        target[item.id] = item
        return item.id

    def to_json(self) -> dict:
        """The tree for the browser: questions and outcome ids only (outcome text is on the page)."""
        questions = {}
        for q in self.questions.values():
            entry: dict = {"key": q.key, "text": q.text}
            if q.is_number:
                entry.update(unit=q.unit, minimum=q.minimum, at_least=q.at_least, below=q.below, unknown=q.unknown)
            else:
                entry["choices"] = [{"value": c.value, "label": c.label, "next": c.next} for c in q.choices]
            questions[q.id] = entry
        return {"id": self.id, "start": self.start, "questions": questions, "outcomes": sorted(self.outcomes)}


@dataclass(frozen=True)
class Step:
    question: Question
    answer: str  # as shown to the reader


def evaluate(check: SelfCheck, answers: Mapping[str, object]) -> tuple[Outcome, list[Step]]:
    """Walk the tree with `answers` (key -> choice value or number); a missing answer is 'unknown'.

    A missing answer to a choice question is an error: the form always asks it.
    """
    node, steps = check.start, []
    while node in check.questions:
        question = check.questions[node]
        value = answers.get(question.key)
        if question.is_number:
            if value is None or value == "":
                node, shown = question.unknown, "không rõ"
            else:
                number = float(value)
                node = question.at_least if number >= question.minimum else question.below
                shown = f"{vn_number(number)} {question.unit}"
        else:
            choice = next((c for c in question.choices if c.value == value), None)
            if choice is None:
                allowed = ", ".join(c.value for c in question.choices)
                raise ValueError(f"{question.key}: {value!r} is not one of {allowed}")
            node, shown = choice.next, choice.label
        steps.append(Step(question, shown))
    return check.outcomes[node], steps


# The rules


def declaration_check(data: DeclarationCheck) -> SelfCheck:
    """Circular 42: a sector in Phụ lục I, at or above any one of its capacity thresholds."""
    check = SelfCheck("khai-bao", data.title, "nganh")
    basis = tuple(data.sources)
    must = check.add(Outcome(
        "phai-khai-bao", "phai", "Doanh nghiệp phải khai báo dữ liệu môi trường",
        f"Ngành và công suất của bạn thuộc diện phải khai báo theo Phụ lục I. Khai báo mỗi năm, "
        f"{data.deadline}. Chưa có tài khoản thì liên hệ Sở Công Thương Hà Nội: Sở đề nghị Cục Kỹ thuật an toàn và "
        "Môi trường công nghiệp (Bộ Công Thương) cấp tài khoản khai báo.", basis))
    below = check.add(Outcome(
        "duoi-nguong", "khong", "Chưa đến ngưỡng phải khai báo",
        "Công suất của bạn dưới ngưỡng của Phụ lục I, nên chưa bắt buộc khai báo. Doanh nghiệp "
        "không thuộc diện vẫn được khuyến khích khai báo. Hãy kiểm tra lại khi công suất tăng.", basis))
    unknown = check.add(Outcome(
        "chua-ro-cong-suat", "chua-ro", "Cần biết công suất để kết luận",
        "Ngành của bạn có ngưỡng công suất. Hãy xem công suất thiết kế hoặc sản lượng năm trong hồ "
        "sơ môi trường của cơ sở, rồi làm lại bài kiểm tra.", basis))

    def ask(sector, number: int, unsure: bool) -> str:
        """Question `number` of the sector's alternative thresholds; `unsure`: an earlier one was unknown."""
        if number == len(sector.thresholds):
            return unknown if unsure else below
        threshold = sector.thresholds[number]
        return check.add(Question(
            f"{sector.id}-{number + 1}" + ("-chua-ro" if unsure else ""), _unit_key(threshold.unit),
            f"Công suất của cơ sở tính theo {threshold.unit} là bao nhiêu? "
            f"(Ngưỡng: từ {vn_number(threshold.minimum)} {threshold.unit}.)",
            unit=threshold.unit, minimum=threshold.minimum, at_least=must,
            below=ask(sector, number + 1, unsure), unknown=ask(sector, number + 1, True)))

    # thresholds are alternatives: reaching any one is enough; "below" needs every one answered
    choices = [Choice(sector.id, sector.name, ask(sector, 0, False) if sector.thresholds else must)
               for sector in data.sectors]
    if not data.sectors_complete:
        other = check.add(Outcome(
            "nganh-khac", "chua-ro", "Ngành của bạn chưa có trong danh sách của trang",
            "Phụ lục I có 16 ngành; trang này mới ghi những ngành đã kiểm chứng được. Hãy đọc Phụ lục I "
            "của Thông tư hoặc hỏi Sở Công Thương Hà Nội. Doanh nghiệp không thuộc diện vẫn được "
            "khuyến khích khai báo.", basis))
        choices.append(Choice("khac", "Ngành khác", other))
    check.add(Question("nganh", "nganh", "Cơ sở của bạn sản xuất trong ngành nào?", tuple(choices)))
    return check


def epr_check(data: EprCheck) -> SelfCheck:
    """EPR: producers and importers of a scheduled product group, unless exempt."""
    check = SelfCheck("epr", data.title, "vai-tro")
    basis, exempt_basis = tuple(data.sources), tuple(data.exemption_sources)
    threshold = vn_number(data.revenue_threshold)
    not_producer = check.add(Outcome(
        "khong-san-xuat-nhap-khau", "khong", "Trách nhiệm tái chế không đặt lên bạn",
        "Trách nhiệm tái chế đặt lên tổ chức, cá nhân sản xuất, nhập khẩu sản phẩm, bao bì. Bạn "
        "không sản xuất, không nhập khẩu, nên trách nhiệm này không đặt lên bạn.", basis[:1]))
    other = check.add(Outcome(
        "nhom-khac", "chua-ro", "Nhóm sản phẩm chưa có trong lịch áp dụng",
        f"Lịch áp dụng trên trang gồm: {'; '.join(g.name.lower() for g in data.groups)}. "
        "Sản phẩm có độc tính, khó tái chế hoặc khó thu gom có thể phải "
        "đóng góp tài chính. Hãy đọc Điều 54, 55 của Luật và Điều 77 của Nghị định.",
        (*basis, Source(ref=basis[0].ref, article="Điều 55"))))  # the first source is the Law
    export = check.add(Outcome(
        "mien-xuat-khau", "khong", "Hàng của bạn không thuộc diện",
        "Hàng xuất khẩu, hàng tạm nhập tái xuất, hàng dùng để nghiên cứu, học tập, thử nghiệm không "
        "thuộc trách nhiệm tái chế.", exempt_basis[:1]))
    small = check.add(Outcome(
        "mien-doanh-thu", "khong", "Được miễn vì doanh thu nhỏ",
        f"Doanh thu một năm từ sản phẩm, bao bì thuộc diện dưới {threshold} tỷ đồng thì được miễn. "
        "Hãy tính lại mỗi năm.", exempt_basis))
    unknown_revenue = check.add(Outcome(
        "chua-ro-doanh-thu", "chua-ro", "Cần biết doanh thu để kết luận",
        f"Dưới {threshold} tỷ đồng một năm thì được miễn. Hãy lấy doanh thu năm trước từ sản phẩm, bao bì "
        "thuộc diện, rồi làm lại bài kiểm tra.", exempt_basis))
    reuse = check.add(Outcome(
        "mien-tu-thu-hoi", "khong", "Được miễn vì tự thu hồi, dùng lại bao bì",
        "Nhà sản xuất tự thu hồi và dùng lại bao bì của mình, đạt từ tỷ lệ bắt buộc trở lên, thì "
        "được miễn. Hãy giữ số liệu thu hồi để chứng minh.", exempt_basis))

    groups = []
    for group in data.groups:
        must = check.add(Outcome(
            f"phai-{group.id}", "phai", f"Có trách nhiệm tái chế: {group.name.lower()}",
            f"Trách nhiệm tái chế áp dụng với nhóm {group.name.lower()} từ ngày {vn_date(group.since)}. "
            "Hãy chọn cách thực hiện: tự tổ chức tái chế (đăng ký kế hoạch, báo cáo kết quả hằng năm) "
            "hoặc đóng tiền vào Quỹ Bảo vệ môi trường Việt Nam.", basis))
        after_revenue = must
        if group.packaging:
            after_revenue = check.add(Question(
                f"{group.id}-thu-hoi", "tu-thu-hoi",
                "Bạn có phải nhà sản xuất tự thu hồi và dùng lại bao bì của mình, đạt từ tỷ lệ bắt buộc "
                "trở lên không?",
                (Choice("co", "Có", reuse), Choice("khong", "Không", must))))
        revenue = check.add(Question(
            f"{group.id}-doanh-thu", "doanh-thu",
            f"Doanh thu một năm từ {group.name.lower()} thuộc diện là bao nhiêu tỷ đồng?",
            unit="tỷ đồng", minimum=data.revenue_threshold,
            at_least=after_revenue, below=small, unknown=unknown_revenue))
        purpose = check.add(Question(
            f"{group.id}-muc-dich", "muc-dich",
            "Hàng của bạn có phải toàn bộ là hàng xuất khẩu, tạm nhập tái xuất, hoặc để nghiên cứu, "
            "học tập, thử nghiệm không?",
            (Choice("co", "Có", export), Choice("khong", "Không", revenue))))
        groups.append(Choice(group.id, f"{group.name} (từ ngày {vn_date(group.since)})", purpose))
    groups.append(Choice("khac", "Sản phẩm khác", other))
    check.add(Question("nhom", "nhom", "Bạn sản xuất hoặc nhập khẩu nhóm sản phẩm nào?", tuple(groups)))
    check.add(Question("vai-tro", "vai-tro", "Doanh nghiệp của bạn có sản xuất hoặc nhập khẩu sản phẩm, bao bì không?", (
        Choice("san-xuat", "Có, chúng tôi sản xuất", "nhom"),
        Choice("nhap-khau", "Có, chúng tôi nhập khẩu", "nhom"),
        Choice("khong", "Không, chúng tôi chỉ mua bán lại", not_producer),
    )))
    return check


def _unit_key(unit: str) -> str:
    """'tấn/năm' -> 'cong-suat-tan-nam': one answer per unit, shared by every sector that uses it."""
    plain = unicodedata.normalize("NFKD", unit.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return "cong-suat-" + "-".join(re.findall(r"[a-z0-9]+", plain))


def self_checks(data: SelfCheckFile) -> dict[str, SelfCheck]:
    return {"khai-bao": declaration_check(data.declaration), "epr": epr_check(data.epr)}


