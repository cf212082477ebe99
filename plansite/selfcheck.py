"""The two "Does this apply to my business?" self-checks, as decision trees built from data.

The rules are written once, here, as a tree of questions built from the thresholds in
content/selfchecks.yml. `evaluate()` walks the tree in Python (the content check runs it on
the worked examples of content/selfchecks.yml, tests on fixtures); the page emits the same tree
as JSON and docs/assets/javascripts/guidance.js walks it in the browser with the same rules, so
the two cannot disagree about a rule. Without JavaScript the page shows the criteria and every
possible outcome as text.

How a tree is walked:
- a choice question goes to its chosen choice's `next`;
- a number question goes to `at_least` if the answer >= `minimum`, `below` if smaller,
  `unknown` if it was left blank (numbers are read the Vietnamese way: `parse_number`);
- a multiple-choice question walks the branch of every chosen choice, in the question's order
  (choices leading to the same node are walked once), each to its own outcome: a battery maker
  that also packs its goods gets one outcome for batteries and one for packaging;
- questions share answers by `key`: a question whose key was answered in an earlier branch is
  not asked again (one revenue figure, asked once, serves every product group).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from plansite.schema import DeclarationCheck, EprCheck, SelfCheckExample, SelfCheckFile, Source
from plansite.textfmt import vn_date, vn_number

GUIDANCE_ONLY = ("Đây là hướng dẫn để bạn tự kiểm tra, không phải quyết định pháp lý. "
                 "Khi cần chắc chắn, hãy hỏi Sở Công Thương Hà Nội.")

# Verdicts, strictest first: the headline of a result with several outcomes is the strictest one.
VERDICTS = {"phai": "Có áp dụng", "chua-ro": "Chưa kết luận được", "khong": "Không bắt buộc"}
CHECK_CURRENT = "kiểm tra lại với văn bản hiện hành"


# Numbers as people type them


class ParsedNumber(NamedTuple):
    value: float
    text: str  # written back the Vietnamese way: "350.000", "2,5"


class NumberError(ValueError):
    """A typed number the form refuses, with the Vietnamese message the reader sees."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# Spaces people type or paste between digit groups: space, tab, no-break, figure, thin, narrow no-break
_SPACES = re.compile("[\t\n\r \u00a0\u2007\u2009\u202f]+")
_NUMBER_THEN_REST = re.compile(r"^([0-9.,][0-9., ]*)(.*)$", re.S)
_NEGATIVE = re.compile("^[-\u2212] ?[0-9]")
_DIGITS = re.compile(r"^[0-9]+$")
_SPACE_GROUPS = re.compile(r"^[1-9][0-9]{0,2}( [0-9]{3})+(,[0-9]+)?$")
_DOT_GROUPS = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_DECIMAL_COMMA = re.compile(r"^([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),([0-9]+)$")
_AMBIGUOUS_COMMA = re.compile(r"^[1-9][0-9]{0,2},[0-9]{3}$")
_DECIMAL_POINT = re.compile(r"^[0-9]+\.[0-9]+$")
_COMMA_GROUPS = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+$")
_ENGLISH = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]+$")

NUMBER_MESSAGES = {
    "not-a-number": "“{text}” không phải là số. Hãy gõ số, ví dụ 350.000 hoặc 2,5.",
    "negative": "“{text}”: hãy gõ số không âm.",
    "unit": "Câu này tính theo {unit}: hãy chỉ gõ số (có thể kèm “{unit}”), ví dụ 1.200 hoặc 2,5.",
    "ambiguous": "“{text}” có hai cách hiểu. Nếu là số nguyên (hàng nghìn), hãy gõ {fixed}; "
                 "nếu là số thập phân, hãy gõ thêm số 0 ở cuối: {text}0.",
    "decimal-point": "“{text}”: dấu chấm chỉ dùng để ngăn hàng nghìn, như 350.000. "
                     "Số thập phân viết bằng dấu phẩy: {fixed}.",
    "comma-groups": "“{text}”: hàng nghìn ngăn bằng dấu chấm; hãy gõ {fixed}.",
    "english": "“{text}” viết theo kiểu tiếng Anh; hãy gõ {fixed} "
               "(dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân).",
    "grouping": "“{text}” không đúng cách viết số: dấu chấm (hoặc dấu cách) ngăn hàng nghìn, mỗi nhóm 3 chữ số, "
                "như 350.000; dấu phẩy đứng trước phần thập phân, như 2,5.",
}


def _number_error(code: str, **values: str) -> NumberError:
    return NumberError(code, NUMBER_MESSAGES[code].format(**values))


def _fold(text: str) -> str:
    """'Tỷ đồng' -> 'tydong': for comparing a unit typed after a number with the question's unit."""
    bare = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text))
    return bare.replace("đ", "d").replace("Đ", "D").lower().replace(" ", "")


def unit_spellings(unit: str) -> set[str]:
    """Folded words that may follow a number for `unit`: the unit, its first word; tỷ is also written tỉ."""
    folded = _fold(unit)
    spellings = {folded, _fold(re.split("[ /]", unit.strip())[0])}
    if folded.startswith("ty"):
        spellings |= {"ti" + folded[2:], "ty", "ti", "tyd", "tid"}
    return spellings


def parse_number(typed: str, unit: str) -> ParsedNumber | None:
    """A number as a Vietnamese reader types it; None if blank (the reader does not know it).

    "." and spaces group thousands in threes, "," starts the decimals: "350.000" and "350 000" are
    350000, "2,5" is 2.5, "1.234,5" is 1234.5. The question's unit may follow ("30 tỷ" when the unit
    is tỷ đồng). Anything that could be read two ways ("2.5", "1,234") or is malformed ("1.23.4")
    raises NumberError with a message saying how to type it. guidance.js has the same rules.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", typed)).strip(" ")
    if not text:
        return None
    if _NEGATIVE.match(text):
        raise _number_error("negative", text=text)
    match = _NUMBER_THEN_REST.match(text)
    if not match:
        raise _number_error("not-a-number", text=text)
    number, rest = match.group(1).strip(" "), match.group(2).strip(" ")
    whole, fraction = _read_digits(number)
    if rest and _fold(rest) not in unit_spellings(unit):
        raise _number_error("unit", unit=unit)
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    value = float(f"{whole}.{fraction}" if fraction else whole)
    grouped = re.sub(r"\B(?=(\d{3})+$)", ".", whole)
    return ParsedNumber(value, f"{grouped},{fraction}" if fraction else grouped)


def _read_digits(number: str) -> tuple[str, str]:
    """'1.234,5' -> ('1234', '5'); raises NumberError for anything that is not one clear number."""
    if " " in number:
        if not _SPACE_GROUPS.match(number):
            raise _number_error("grouping", text=number)
        number = number.replace(" ", "")
    if _DIGITS.match(number):
        return number, ""
    if _DOT_GROUPS.match(number):
        return number.replace(".", ""), ""
    decimal = _DECIMAL_COMMA.match(number)
    if decimal:
        if _AMBIGUOUS_COMMA.match(number):
            raise _number_error("ambiguous", text=number, fixed=number.replace(",", "."))
        return decimal.group(1).replace(".", ""), decimal.group(2)
    if _DECIMAL_POINT.match(number):
        raise _number_error("decimal-point", text=number, fixed=number.replace(".", ","))
    if _COMMA_GROUPS.match(number):
        raise _number_error("comma-groups", text=number, fixed=number.replace(",", "."))
    if _ENGLISH.match(number):
        fixed = number.replace(",", "\0").replace(".", ",").replace("\0", ".")
        raise _number_error("english", text=number, fixed=fixed)
    raise _number_error("grouping", text=number)


def show_number(number: ParsedNumber | float, unit: str) -> str:
    """'350.000 kWh/năm': what the form shows back ("Đã hiểu: …") and lists among the answers."""
    text = number.text if isinstance(number, ParsedNumber) else vn_number(number)
    return f"{text} {unit}"


# The tree


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    next: str  # id of a question or an outcome
    exclusive: bool = False  # in a multiple-choice question: never chosen with another choice


@dataclass(frozen=True)
class Question:
    id: str
    key: str  # the answer's name; several questions may share one (asked once, e.g. the revenue)
    text: str
    choices: tuple[Choice, ...] = ()
    multiple: bool = False  # several choices may be picked; each chosen branch is walked
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
    verdict: str  # a key of VERDICTS
    title: str
    text: str
    sources: tuple[Source, ...]
    points: tuple[str, ...] = ()  # shown as a list under the text (e.g. yearly deadlines)

    @property
    def verdict_label(self) -> str:
        return VERDICTS[self.verdict]


@dataclass(frozen=True)
class Step:
    question: Question
    answer: str  # as shown to the reader


@dataclass(frozen=True)
class Reached:
    outcome: Outcome
    via: tuple[str, ...]  # labels of the multiple-choice answers whose branch ended here


@dataclass(frozen=True)
class Result:
    reached: tuple[Reached, ...]
    steps: tuple[Step, ...]

    @property
    def outcome_ids(self) -> list[str]:
        return [r.outcome.id for r in self.reached]

    @property
    def verdict(self) -> str:
        """The strictest verdict among the outcomes."""
        return min((r.outcome.verdict for r in self.reached), key=list(VERDICTS).index)


class AnswerError(ValueError):
    """An answer the tree cannot use: `key` names the question, the message says why (in Vietnamese)."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass
class SelfCheck:
    id: str
    title: str
    start: str
    questions: dict[str, Question] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    examples: list[SelfCheckExample] = field(default_factory=list)
    ask: str = ""  # whom to ask, as written in the outcomes: "Sở Công Thương Hà Nội hoặc …"
    deadlines: tuple[tuple[str, tuple[Source, ...]], ...] = ()  # yearly deadlines: (sentence, its sources)

    def add(self, item: Question | Outcome) -> str:
        target = self.questions if isinstance(item, Question) else self.outcomes
        target[item.id] = item
        return item.id

    @property
    def keys(self) -> set[str]:
        return {q.key for q in self.questions.values()}

    def to_json(self) -> dict:
        """The tree for the browser: questions, and each outcome's verdict (its text is on the page)."""
        questions = {}
        for q in self.questions.values():
            entry: dict = {"key": q.key, "text": q.text}
            if q.is_number:
                entry.update(unit=q.unit, minimum=q.minimum, at_least=q.at_least, below=q.below, unknown=q.unknown)
            else:
                if q.multiple:
                    entry["multiple"] = True
                entry["choices"] = [{"value": c.value, "label": c.label, "next": c.next,
                                     **({"exclusive": True} if c.exclusive else {})} for c in q.choices]
            questions[q.id] = entry
        return {"id": self.id, "start": self.start, "questions": questions,
                "outcomes": {o.id: o.verdict for o in self.outcomes.values()},
                # a list: the page's JSON is written with sorted keys, and the order is the strictness
                "verdicts": [{"id": verdict, "label": label} for verdict, label in VERDICTS.items()]}

    def worked_examples(self) -> list[tuple[SelfCheckExample, Result]]:
        return [(example, evaluate(self, example.answers)) for example in self.examples]


def evaluate(check: SelfCheck, answers: Mapping[str, Any]) -> Result:
    """Walk the tree with `answers` (key -> choice value, list of values, or number / typed text).

    A number left out is 'unknown'. A missing or invalid choice, or a number the form would refuse,
    raises AnswerError: the form always asks a choice and refuses such numbers.
    """
    reached: dict[str, list[str]] = {}
    steps: list[Step] = []

    def record(question: Question, shown: str) -> None:
        if all(step.question.key != question.key for step in steps):
            steps.append(Step(question, shown))

    def walk(node: str, via: tuple[str, ...]) -> None:
        while node in check.questions:
            question = check.questions[node]
            value = answers.get(question.key)
            if question.is_number:
                number = _number_answer(question, value)
                if number is None:
                    node, shown = question.unknown, "không rõ"
                else:
                    amount = number.value if isinstance(number, ParsedNumber) else number
                    node = question.at_least if amount >= question.minimum else question.below
                    shown = show_number(number, question.unit)
                record(question, shown)
            elif question.multiple:
                chosen = _chosen(question, value)
                record(question, "; ".join(c.label for c in chosen))
                branches: dict[str, list[str]] = {}
                for choice in chosen:
                    branches.setdefault(choice.next, []).append(choice.label)
                for target, labels in branches.items():
                    walk(target, tuple(labels))
                return
            else:
                choice = next((c for c in question.choices if c.value == value), None)
                if choice is None:
                    raise AnswerError(question.key, _not_a_choice(question, value))
                record(question, choice.label)
                node = choice.next
        labels = reached.setdefault(node, [])
        labels += [label for label in via if label not in labels]

    walk(check.start, ())
    return Result(tuple(Reached(check.outcomes[o], tuple(via)) for o, via in reached.items()), tuple(steps))


def _number_answer(question: Question, value: Any) -> ParsedNumber | float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        raise AnswerError(question.key, f"cần một số, nhưng nhận được {value!r}")
    try:
        return parse_number(value, question.unit)
    except NumberError as error:
        raise AnswerError(question.key, error.message) from None


def _chosen(question: Question, value: Any) -> list[Choice]:
    values = [value] if isinstance(value, str) else value
    if not values or not isinstance(values, (list, tuple)):
        raise AnswerError(question.key, _not_a_choice(question, value))
    for item in values:
        if item not in {c.value for c in question.choices}:
            raise AnswerError(question.key, _not_a_choice(question, item))
    chosen = [c for c in question.choices if c.value in values]
    exclusive = [c for c in chosen if c.exclusive]
    if exclusive and len(chosen) > 1:
        raise AnswerError(question.key, f'"{exclusive[0].value}" không chọn cùng lựa chọn khác')
    return chosen


def _not_a_choice(question: Question, value: Any) -> str:
    allowed = ", ".join(c.value for c in question.choices)
    if value is None:
        return f"thiếu câu trả lời; các lựa chọn: {allowed}"
    return f'"{value}" không phải một lựa chọn; các lựa chọn: {allowed}'


# The rules


def _names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " hoặc " + names[-1] if len(names) > 1 else names[0]


class _Outcomes:
    """Outcomes made on first use, so that a tree holds only the outcomes some path reaches."""

    def __init__(self, check: SelfCheck, makers: dict):
        self.check, self.makers = check, makers

    def __getitem__(self, outcome_id: str) -> str:
        if outcome_id not in self.check.outcomes:
            self.check.add(self.makers[outcome_id]())
        return outcome_id


def declaration_check(data: DeclarationCheck) -> SelfCheck:
    """Circular 42: a sector in Phụ lục I, at or above any one of its capacity thresholds.

    Where the data gives no threshold for a sector, the facility is asked whether it reaches the
    scale Phụ lục I gives for it; the page does not state that scale.
    """
    ask = _names(data.ask)
    check = SelfCheck("khai-bao", data.title, "nganh", examples=list(data.examples), ask=ask)
    basis = tuple(data.sources)
    account = ("Chưa có tài khoản thì liên hệ Sở Công Thương Hà Nội: Sở đề nghị Cục Kỹ thuật an toàn và Môi trường "
               "công nghiệp (Bộ Công Thương) cấp tài khoản khai báo.")
    outcome = _Outcomes(check, {
        "phai-khai-bao": lambda: Outcome(
            "phai-khai-bao", "phai", "Doanh nghiệp phải khai báo dữ liệu môi trường",
            f"Ngành và công suất của cơ sở đạt ngưỡng của Phụ lục I, nên thuộc diện phải khai báo. Khai báo mỗi năm, "
            f"{data.deadline}. {account}", basis),
        "duoi-nguong": lambda: Outcome(
            "duoi-nguong", "khong", "Chưa đến ngưỡng phải khai báo",
            "Công suất của bạn dưới ngưỡng của Phụ lục I, nên chưa bắt buộc khai báo. Doanh nghiệp không thuộc diện "
            "vẫn được khuyến khích khai báo. Hãy kiểm tra lại khi công suất tăng.", basis),
        "chua-ro-cong-suat": lambda: Outcome(
            "chua-ro-cong-suat", "chua-ro", "Cần biết công suất để kết luận",
            "Ngành của bạn có ngưỡng công suất. Hãy xem công suất thiết kế hoặc sản lượng năm trong hồ sơ môi trường "
            "của cơ sở, rồi làm lại bài kiểm tra.", basis),
        "dat-quy-mo": lambda: Outcome(
            "dat-quy-mo", "phai", "Phải khai báo: cơ sở đạt quy mô nêu trong Phụ lục I",
            f"Bạn cho biết cơ sở đạt quy mô, công suất mà Phụ lục I nêu cho ngành của mình, nên thuộc diện phải khai "
            f"báo. Khai báo mỗi năm, {data.deadline}. {account} Chưa chắc về quy mô thì hãy đối chiếu Phụ lục I "
            f"hoặc hỏi {ask}.", basis),
        "duoi-quy-mo": lambda: Outcome(
            "duoi-quy-mo", "khong", "Chưa đến quy mô phải khai báo",
            f"Bạn cho biết cơ sở chưa đạt quy mô, công suất mà Phụ lục I nêu cho ngành của mình, nên chưa bắt buộc "
            f"khai báo. Trang này chưa ghi quy mô đó: hãy đối chiếu Phụ lục I của Thông tư hoặc hỏi {ask}. Doanh "
            "nghiệp không thuộc diện vẫn được khuyến khích khai báo.", basis),
        "chua-ro-quy-mo": lambda: Outcome(
            "chua-ro-quy-mo", "chua-ro", "Cần đối chiếu quy mô của cơ sở với Phụ lục I",
            f"Phụ lục I nêu quy mô, công suất từ đó cơ sở phải khai báo; trang này chưa ghi quy mô đó cho ngành của "
            f"bạn. Hãy đọc Phụ lục I của Thông tư (xem căn cứ dưới đây) hoặc hỏi {ask}.", basis),
        "nganh-khac": lambda: Outcome(
            "nganh-khac", "chua-ro", "Ngành của bạn chưa có trong danh sách của trang",
            f"Phụ lục I có 16 ngành; trang này mới ghi những ngành đã kiểm chứng được. Hãy đọc Phụ lục I của Thông "
            f"tư hoặc hỏi {ask}. Doanh nghiệp không thuộc diện vẫn được khuyến khích khai báo.", basis),
    })

    def ask_threshold(sector, number: int, unsure: bool) -> str:
        """Question `number` of the sector's alternative thresholds; `unsure`: an earlier one was unknown."""
        if number == len(sector.thresholds):
            return outcome["chua-ro-cong-suat"] if unsure else outcome["duoi-nguong"]
        threshold = sector.thresholds[number]
        return check.add(Question(
            f"{sector.id}-{number + 1}" + ("-chua-ro" if unsure else ""), f"{sector.id}-{_slug(threshold.unit)}",
            f"{sector.name}: công suất của cơ sở tính theo {threshold.unit} là bao nhiêu? "
            f"(Ngưỡng: từ {vn_number(threshold.minimum)} {threshold.unit}.)",
            unit=threshold.unit, minimum=threshold.minimum, at_least=outcome["phai-khai-bao"],
            below=ask_threshold(sector, number + 1, unsure), unknown=ask_threshold(sector, number + 1, True)))

    def ask_scale(sector) -> str:
        return check.add(Question(
            f"{sector.id}-quy-mo", f"{sector.id}-quy-mo",
            f"{sector.name}: cơ sở của bạn có đạt quy mô, công suất mà Phụ lục I của Thông tư nêu cho ngành này không?",
            (Choice("co", "Có, đạt quy mô nêu trong Phụ lục I", outcome["dat-quy-mo"]),
             Choice("khong", "Không, dưới quy mô đó", outcome["duoi-quy-mo"]),
             Choice("khong-ro", "Không rõ", outcome["chua-ro-quy-mo"]))))

    # thresholds are alternatives: reaching any one is enough; "below" needs every one answered
    choices = [Choice(sector.id, sector.name, ask_threshold(sector, 0, False) if sector.thresholds else ask_scale(sector))
               for sector in data.sectors]
    if not data.sectors_complete:
        choices.append(Choice("khac", "Ngành khác", outcome["nganh-khac"]))
    check.add(Question("nganh", "nganh", "Cơ sở của bạn sản xuất trong ngành nào?", tuple(choices), multiple=True))
    return check


def epr_check(data: EprCheck) -> SelfCheck:
    """EPR: producers and importers of a scheduled product group, unless exempt.

    Selling under one's own brand, or having goods made to order, may make a business a producer
    (not verified): such a business is never cleared, only told that the duty may apply and whom to ask.
    """
    ask = _names(data.ask)
    deadlines = tuple((f"{d.task}, hạn trước ngày {d.before} hằng năm" + ("" if d.verified else f" ({CHECK_CURRENT})")
                       + ".", tuple(d.sources)) for d in data.deadlines)
    check = SelfCheck("epr", data.title, "vai-tro", examples=list(data.examples), ask=ask, deadlines=deadlines)
    basis, exempt_basis = tuple(data.sources), tuple(data.exemption_sources)
    threshold = vn_number(data.revenue_threshold)
    own_brand = (f"Trách nhiệm có thể vẫn áp dụng với hàng bán dưới nhãn hiệu của chính bạn, hoặc hàng bạn đặt cơ sở "
                 f"khác làm theo đơn: trang này chưa kiểm chứng được quy định về trường hợp đó. Hãy hỏi {ask}.")
    cited = {s.ref for s in basis}
    deadline_basis = tuple(s for _, sources in deadlines for s in sources if s.ref not in cited)
    outcome = _Outcomes(check, {
        "khong-san-xuat-nhap-khau": lambda: Outcome(
            "khong-san-xuat-nhap-khau", "khong", "Trách nhiệm tái chế không đặt lên bạn",
            "Trách nhiệm tái chế đặt lên tổ chức, cá nhân sản xuất, nhập khẩu sản phẩm, bao bì. Bạn không sản xuất, "
            "không nhập khẩu, không bán hàng mang nhãn hiệu của mình, nên trách nhiệm này không đặt lên bạn. Nếu có "
            "hàng mang nhãn hiệu của bạn, hãy làm lại bài kiểm tra và chọn ý đó.", basis[:1]),
        "ban-lai": lambda: Outcome(
            "ban-lai", "chua-ro", "Bán lại hàng của người khác: hãy xem lại hàng mang nhãn hiệu của bạn",
            "Trách nhiệm tái chế đặt lên tổ chức, cá nhân sản xuất, nhập khẩu sản phẩm, bao bì. Với hàng bạn mua "
            f"của người khác để bán lại, trách nhiệm thuộc về người sản xuất, nhập khẩu hàng đó. {own_brand}", basis),
        "co-the-nhan-hieu": lambda: Outcome(
            "co-the-nhan-hieu", "chua-ro", "Có thể có trách nhiệm tái chế với hàng mang nhãn hiệu của bạn",
            "Doanh nghiệp bán hàng dưới nhãn hiệu của mình, hoặc đặt cơ sở khác làm hàng theo đơn, có thể được coi "
            "là nhà sản xuất theo Nghị định 05/2025/NĐ-CP; trang này chưa kiểm chứng được điều đó. Nếu đúng vậy, "
            "lịch áp dụng theo nhóm sản phẩm và các trường hợp được miễn trên trang này cũng áp dụng với hàng đó. "
            f"Hãy hỏi {ask}.", basis),
        "nhom-khac": lambda: Outcome(
            "nhom-khac", "chua-ro", "Nhóm sản phẩm chưa có trong lịch áp dụng",
            f"Lịch áp dụng trên trang gồm: {'; '.join(g.name.lower() for g in data.groups)}. "
            "Sản phẩm có độc tính, khó tái chế hoặc khó thu gom có thể phải "
            "đóng góp tài chính. Hãy đọc Điều 54, 55 của Luật và Điều 77 của Nghị định.",
            (*basis, Source(ref=basis[0].ref, article="Điều 55"))),  # the first source is the Law
        "mien-xuat-khau": lambda: Outcome(
            "mien-xuat-khau", "khong", "Hàng của bạn không thuộc diện",
            "Hàng xuất khẩu, hàng tạm nhập tái xuất, hàng dùng để nghiên cứu, học tập, thử nghiệm không "
            "thuộc trách nhiệm tái chế.", exempt_basis[:1]),
        "mien-doanh-thu": lambda: Outcome(
            "mien-doanh-thu", "khong", "Được miễn vì doanh thu nhỏ",
            f"Doanh thu một năm từ sản phẩm, bao bì thuộc diện dưới {threshold} tỷ đồng thì được miễn. "
            "Hãy tính lại mỗi năm.", exempt_basis),
        "chua-ro-doanh-thu": lambda: Outcome(
            "chua-ro-doanh-thu", "chua-ro", "Cần biết doanh thu để kết luận",
            f"Dưới {threshold} tỷ đồng một năm thì được miễn. Hãy lấy doanh thu năm trước từ sản phẩm, bao bì "
            "thuộc diện, rồi làm lại bài kiểm tra.", exempt_basis),
        "mien-tu-thu-hoi": lambda: Outcome(
            "mien-tu-thu-hoi", "khong", "Được miễn vì tự thu hồi, dùng lại bao bì",
            "Nhà sản xuất tự thu hồi và dùng lại bao bì của mình, đạt từ tỷ lệ bắt buộc trở lên, thì "
            "được miễn. Hãy giữ số liệu thu hồi để chứng minh.", exempt_basis),
    })

    groups = []
    for group in data.groups:
        must = check.add(Outcome(
            f"phai-{group.id}", "phai", f"Có trách nhiệm tái chế: {group.name.lower()}",
            f"Trách nhiệm tái chế áp dụng với nhóm {group.name.lower()} từ ngày {vn_date(group.since)}. "
            "Hãy chọn cách thực hiện: tự tổ chức tái chế (đăng ký kế hoạch, báo cáo kết quả hằng năm) "
            "hoặc đóng tiền vào Quỹ Bảo vệ môi trường Việt Nam.",
            tuple(dict.fromkeys((*basis, *deadline_basis))), tuple(text for text, _ in deadlines)))
        after_revenue = must
        if group.packaging:
            after_revenue = check.add(Question(
                f"{group.id}-thu-hoi", "tu-thu-hoi",
                "Bạn có phải nhà sản xuất tự thu hồi và dùng lại bao bì của mình, đạt từ tỷ lệ bắt buộc "
                "trở lên không?",
                (Choice("co", "Có", outcome["mien-tu-thu-hoi"]), Choice("khong", "Không", must))))
        revenue = check.add(Question(
            f"{group.id}-doanh-thu", "doanh-thu",
            "Doanh thu một năm từ sản phẩm, bao bì thuộc diện là bao nhiêu tỷ đồng?",
            unit="tỷ đồng", minimum=data.revenue_threshold,
            at_least=after_revenue, below=outcome["mien-doanh-thu"], unknown=outcome["chua-ro-doanh-thu"]))
        purpose = check.add(Question(
            f"{group.id}-muc-dich", "muc-dich",
            "Hàng của bạn có phải toàn bộ là hàng xuất khẩu, tạm nhập tái xuất, hoặc để nghiên cứu, "
            "học tập, thử nghiệm không?",
            (Choice("co", "Có", outcome["mien-xuat-khau"]), Choice("khong", "Không", revenue))))
        groups.append(Choice(group.id, f"{group.name} (từ ngày {vn_date(group.since)})", purpose))
    groups.append(Choice("khac", "Sản phẩm khác", outcome["nhom-khac"]))
    check.add(Question("nhom", "nhom", "Bạn sản xuất hoặc nhập khẩu những nhóm sản phẩm nào?", tuple(groups),
                       multiple=True))
    check.add(Question("vai-tro", "vai-tro", "Doanh nghiệp của bạn làm những việc nào dưới đây?", (
        Choice("san-xuat", "Sản xuất sản phẩm, bao bì", "nhom"),
        Choice("nhap-khau", "Nhập khẩu sản phẩm, bao bì", "nhom"),
        Choice("nhan-hieu", "Bán hàng mang nhãn hiệu của mình nhưng do cơ sở khác làm, hoặc đặt cơ sở khác làm "
                            "hàng theo đơn", outcome["co-the-nhan-hieu"]),
        Choice("ban-lai", "Mua hàng của người khác để bán lại", outcome["ban-lai"]),
        Choice("khong", "Không làm việc nào ở trên (chỉ mua hàng để dùng, hoặc chỉ làm dịch vụ)",
               outcome["khong-san-xuat-nhap-khau"], exclusive=True),
    ), multiple=True))
    return check


def _slug(unit: str) -> str:
    """'tấn/năm' -> 'tan-nam', 'kWh/năm' -> 'kwh-nam': the unit part of a capacity question's key."""
    plain = unicodedata.normalize("NFKD", unit.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def self_checks(data: SelfCheckFile) -> dict[str, SelfCheck]:
    return {"khai-bao": declaration_check(data.declaration), "epr": epr_check(data.epr)}


# The worked examples of content/selfchecks.yml, checked as content


@dataclass(frozen=True)
class ExampleProblem:
    path: tuple  # into the file's data, for the line number
    code: str
    message: str
    name: str
    field: str


def example_problems(data: SelfCheckFile) -> list[ExampleProblem]:
    """Every worked example must use the form's questions and answers and reach its `expect`ed outcomes."""
    problems = []
    for part, check in zip(("declaration", "epr"), self_checks(data).values()):
        for index, example in enumerate(check.examples):
            here = (part, "examples", index)
            unknown = sorted(set(example.answers) - check.keys)
            for key in unknown:
                problems.append(ExampleProblem(
                    (*here, "answers", key), "E-VALUE",
                    f'mã câu hỏi "{key}" không có trong bài tự kiểm tra; các mã hợp lệ: {", ".join(sorted(check.keys))}',
                    example.name, f"answers.{key}"))
            if unknown:
                continue
            try:
                result = evaluate(check, example.answers)
            except AnswerError as error:
                at = (*here, "answers", error.key) if error.key in example.answers else (*here, "answers")
                problems.append(ExampleProblem(at, "E-VALUE", error.message, example.name, f"answers.{error.key}"))
                continue
            misspelt = [o for o in example.expect if o not in check.outcomes]
            if misspelt:
                close = difflib.get_close_matches(misspelt[0], list(check.outcomes), n=1, cutoff=0.6)
                hint = f' (có phải "{close[0]}"?)' if close else ""
                problems.append(ExampleProblem(
                    (*here, "expect"), "E-VALUE",
                    f'kết quả "{misspelt[0]}" không có trong bài tự kiểm tra{hint}; các kết quả: '
                    f'{", ".join(check.outcomes)}', example.name, "expect"))
            elif set(result.outcome_ids) != set(example.expect):
                got = "; ".join(f'"{r.outcome.id}" ({r.outcome.title})' for r in result.reached)
                problems.append(ExampleProblem(
                    (*here, "expect"), "E-EXAMPLE",
                    f'với các câu trả lời này, bài tự kiểm tra cho kết quả {got}, không phải '
                    f'{", ".join(example.expect)}; nếu dữ liệu mới là đúng, hãy sửa expect theo kết quả này',
                    example.name, "expect"))
    return problems
