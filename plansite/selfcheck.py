"""The self-check engine: reads a check declared as data (content/selfchecks.yml) and answers it.

Nothing here knows any one check. A check has questions, outcomes resting on obligations, rules and
worked examples (plansite/schema_selfchecks.py). This module:
- reads numbers the Vietnamese way (`parse_number`);
- walks the rules with a reader's answers (`evaluate`), the same walk as
  docs/assets/javascripts/selfcheck.js does in the page (tests run both on the same cases);
- says where each outcome stands on a day, from its obligations' dates (`outcome_status`);
- checks a check before it ships (`check_problems`): rules that name what does not exist, outcomes
  no answer reaches, two rules of one branch that disagree, answers that reach no outcome, a clearing
  outcome resting on data marked incomplete, and worked examples that no longer hold.

The walk. Answers are kept by question id. A branch is one choice of every multiple-choice question
answered so far (a sector, a product group): each chosen choice opens its own branch, and their
outcomes are collected. In a branch, a rule is satisfied when all its conditions hold, ruled out when
one fails, open while one names a question not yet answered. The branch ends at the first satisfied
rule (in the file's order; the checks make sure that no other rule of the branch could disagree);
otherwise the next question asked is the first one, in the file's order, that an open rule needs.
So a question is asked only when some outcome still depends on it, and once for every branch.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from plansite.schema_selfchecks import UNKNOWN, YES_NO, Range, SelfCheckExample, SelfCheckFile
from plansite.schema_selfchecks import Outcome as OutcomeRecord
from plansite.schema_selfchecks import Question as QuestionRecord
from plansite.schema_selfchecks import SelfCheck as SelfCheckRecord
from plansite.textfmt import vn_date, vn_number

GUIDANCE_ONLY = ("Đây là hướng dẫn để bạn tự kiểm tra, không phải quyết định pháp lý. "
                 "Khi cần chắc chắn, hãy hỏi Sở Công Thương Hà Nội.")
# An outcome's status on a day, strictest first: a result with several outcomes is headed by the strictest.
STATUS_ORDER = ("dang-ap-dung", "chua-ro", "sap-ap-dung", "het-hieu-luc", "khong-ap-dung")
HEADLINES = {"dang-ap-dung": "Có áp dụng", "chua-ro": "Chưa kết luận được", "sap-ap-dung": "Sắp áp dụng",
             "het-hieu-luc": "Đã hết hiệu lực", "khong-ap-dung": "Không áp dụng với bạn"}
# an outcome whose obligations are all in force but rest on a document of unknown standing
UNCERTAIN_HEADLINE = "Có áp dụng, nếu văn bản còn hiệu lực (điều này chưa được kiểm chứng)"


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


# Where an obligation, and so an outcome, stands on a day


@dataclass(frozen=True)
class Standing:
    """An obligation on a day: plansite/model.py's Obligation.standing, for any day (a worked example's)."""

    state: str  # dang-ap-dung, sap-ap-dung, het-hieu-luc
    days_left: int | None  # while it is coming

    @property
    def label(self) -> str:
        return standing_label(self.state, self.days_left, None)


def standing_on(obligation: Any, day: dt.date) -> Standing:
    if obligation.ends is not None and day > obligation.ends:
        return Standing("het-hieu-luc", None)
    if day < obligation.starts:
        return Standing("sap-ap-dung", (obligation.starts - day).days)
    return Standing("dang-ap-dung", None)


def standing_label(state: str, days_left: int | None, obligation: Any, certain: bool = True) -> str:
    """"Sắp áp dụng từ 01/01/2027, còn 30 ngày": what the page says (selfcheck.js `standingLabel` too).

    `certain` is false when a document the obligation rests on has an unknown standing (the model's
    Standing.certain): it started, but may not hold today."""
    if state == "sap-ap-dung":
        since = f" từ {vn_date(obligation.starts)}" if obligation is not None else ""
        return f"Sắp áp dụng{since}, còn {days_left} ngày"
    if state == "het-hieu-luc":
        until = f" (áp dụng đến {vn_date(obligation.ends)})" if obligation is not None else ""
        return f"Đã hết hiệu lực{until}"
    if obligation is None:
        return "Đang áp dụng"
    if not certain:
        return f"Đã áp dụng từ {vn_date(obligation.starts)}; chưa rõ còn hiệu lực hay không"
    return f"Đang áp dụng từ {vn_date(obligation.starts)}"


@dataclass(frozen=True)
class OutcomeStatus:
    state: str  # a key of HEADLINES
    label: str  # "Có áp dụng", "Sắp áp dụng từ 01/01/2027, còn 30 ngày"


def is_certain(obligation: Any) -> bool:
    """False when the model qualifies the obligation by a document of unknown standing; a bare record is certain."""
    try:
        caveats = obligation.caveats
    except AttributeError:
        return True
    return not any(c.kind == "standing" for c in caveats)


def outcome_status(outcome: OutcomeRecord, obligations: Mapping[str, Any], day: dt.date) -> OutcomeStatus:
    """An "ap-dung" outcome applies as its obligations stand: in force if one is, else coming from the
    first that is coming, else ended. Other outcomes say what they are, whatever the day."""
    if outcome.kind != "ap-dung":
        return OutcomeStatus(outcome.kind, HEADLINES[outcome.kind])
    standings = [(standing_on(_record(obligations[o]), day), _record(obligations[o]), is_certain(obligations[o]))
                 for o in outcome.obligations]
    in_force = [certain for s, _, certain in standings if s.state == "dang-ap-dung"]
    if in_force:
        return OutcomeStatus("dang-ap-dung", HEADLINES["dang-ap-dung"] if any(in_force) else UNCERTAIN_HEADLINE)
    coming = sorted(((s, o) for s, o, _ in standings if s.state == "sap-ap-dung"), key=lambda pair: pair[0].days_left)
    if coming:
        return OutcomeStatus("sap-ap-dung", standing_label("sap-ap-dung", coming[0][0].days_left, coming[0][1]))
    return OutcomeStatus("het-hieu-luc", HEADLINES["het-hieu-luc"])


def _record(obligation: Any) -> Any:
    return getattr(obligation, "record", obligation)


# The walk


class AnswerError(ValueError):
    """An answer the check cannot use: `key` names the question, the message says why (in Vietnamese)."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Step:
    question: QuestionRecord
    answer: str  # as shown to the reader: the choice's label, "350.000 kWh/năm", "không rõ"


@dataclass(frozen=True)
class Reached:
    outcome: OutcomeRecord
    via: tuple[str, ...]  # labels of the multiple-choice answers whose branch ended here
    status: OutcomeStatus


@dataclass(frozen=True)
class Result:
    reached: tuple[Reached, ...]
    steps: tuple[Step, ...]

    @property
    def outcome_ids(self) -> list[str]:
        return [r.outcome.id for r in self.reached]

    @property
    def statuses(self) -> dict[str, str]:
        return {r.outcome.id: r.status.state for r in self.reached}

    @property
    def headline(self) -> str:
        """The strictest status among the outcomes."""
        return min((r.status.state for r in self.reached), key=STATUS_ORDER.index)


@dataclass(frozen=True)
class Branch:
    values: tuple[tuple[str, str], ...] = ()  # (multiple-choice question id, the one choice of this branch)
    via: tuple[str, ...] = ()  # the choices' labels

    def get(self, question: str) -> str | None:
        return next((v for q, v in self.values if q == question), None)


@dataclass(frozen=True)
class Decision:
    rule: int | None  # index of the first satisfied rule: the branch ends there
    ask: str | None  # else the question the first open rule needs
    others: tuple[int, ...] = ()  # with `rule`: every other rule satisfied or still open (for the checks)


@dataclass
class Walk:
    pending: str | None = None  # the next question to ask, or None once every branch has an outcome
    reached: dict[str, list[str]] = field(default_factory=dict)  # outcome id -> via labels
    ended: list[tuple[Branch, Decision]] = field(default_factory=list)  # every branch that ended, for the checks
    stuck: list[Branch] = field(default_factory=list)  # branches no rule can end


@dataclass
class Check:
    """One self-check, ready to walk: its record, and the obligations its outcomes rest on."""

    record: SelfCheckRecord
    obligations: dict[str, Any]  # id -> obligation record (its dates) or entity
    today: dt.date | None = None  # the build's date, for statuses shown on the page

    def __post_init__(self) -> None:
        self.questions = {q.id: q for q in self.record.questions}
        self.order = {q.id: n for n, q in enumerate(self.record.questions)}
        self.outcomes = {o.id: o for o in self.record.outcomes}

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def short_title(self) -> str:
        return self.record.short_title

    @property
    def ask(self) -> str:
        return " hoặc ".join(self.record.ask)

    def choices(self, question: QuestionRecord) -> list[tuple[str, str]]:
        """(id, label) of a question's choices; a yes/no question has co and khong."""
        if question.type == "co-khong":
            return list(YES_NO)
        return [(c.id, c.label) for c in question.choices]

    # the walk

    def match(self, question_id: str, condition: Any, branch: Branch, answers: Mapping[str, Any]) -> bool | None:
        """Whether a condition holds; None while its question is unanswered (in this branch)."""
        question = self.questions[question_id]
        if question.type == "nhieu-lua-chon":
            value = branch.get(question_id)
            if value is None:
                return None
        elif question_id not in answers:
            return None
        else:
            value = answers[question_id]
        if question.type == "so":
            if isinstance(condition, Range):
                return value is not None and (condition.min is None or value >= condition.min) \
                    and (condition.below is None or value < condition.below)
            return value is None and condition == UNKNOWN
        return value in ([condition] if isinstance(condition, str) else condition)

    def decide(self, branch: Branch, answers: Mapping[str, Any]) -> Decision:
        satisfied, open_rules = [], []
        for index, rule in enumerate(self.record.rules):
            opens, ruled_out = [], False
            for question_id, condition in rule.when.items():
                held = self.match(question_id, condition, branch, answers)
                if held is False:
                    ruled_out = True
                    break
                if held is None:
                    opens.append(question_id)
            if ruled_out:
                continue
            (open_rules if opens else satisfied).append((index, opens))
        if satisfied:
            first = satisfied[0][0]
            return Decision(first, None, tuple(i for i, _ in satisfied[1:] + open_rules))
        if not open_rules:
            return Decision(None, None)
        return Decision(None, min((q for _, opens in open_rules for q in opens), key=self.order.__getitem__))

    def walk(self, answers: Mapping[str, Any]) -> Walk:
        """Every branch, depth first in the choices' order, until one needs an unanswered question."""
        done = Walk()
        stack = [Branch()]
        while stack:
            branch = stack.pop()
            decision = self.decide(branch, answers)
            if decision.rule is not None:
                done.ended.append((branch, decision))
                labels = done.reached.setdefault(self.record.rules[decision.rule].then, [])
                labels += [label for label in branch.via[-1:] if label not in labels]
                continue
            if decision.ask is None:
                done.stuck.append(branch)
                continue
            if decision.ask not in answers:
                done.pending = decision.ask
                return done
            question = self.questions[decision.ask]  # a multiple-choice question: each choice is a branch
            chosen = [(c.id, c.label) for c in question.choices if c.id in answers[decision.ask]]
            for value, label in reversed(chosen):
                stack.append(Branch(branch.values + ((decision.ask, value),), branch.via + (label,)))
        return done

    def status(self, outcome: OutcomeRecord, day: dt.date | None = None) -> OutcomeStatus:
        return outcome_status(outcome, self.obligations, day or self.today)

    def obligation_standing(self, obligation_id: str, day: dt.date | None = None) -> str:
        obligation = self.obligations[obligation_id]
        standing = standing_on(_record(obligation), day or self.today)
        return standing_label(standing.state, standing.days_left, _record(obligation), is_certain(obligation))

    def evaluate(self, given: Mapping[str, Any], day: dt.date | None = None) -> Result:
        """The outcomes for `given` answers (question id -> choice id, list of them, number or typed text).

        Questions are taken in the order the form asks them; a number question left out is unknown.
        A choice question left out or answered with no choice of its own raises AnswerError.
        """
        answers: dict[str, Any] = {}
        steps: list[Step] = []
        while True:
            walked = self.walk(answers)
            if walked.stuck:
                raise AnswerError("", "không quy tắc nào cho kết quả với các câu trả lời này")
            if walked.pending is None:
                break
            question = self.questions[walked.pending]
            value, shown = self._answer(question, given.get(question.id))
            answers[question.id] = value
            steps.append(Step(question, shown))
        reached = tuple(Reached(self.outcomes[o], tuple(via), self.status(self.outcomes[o], day))
                        for o, via in walked.reached.items())
        return Result(reached, tuple(steps))

    def _answer(self, question: QuestionRecord, value: Any) -> tuple[Any, str]:
        """An answer as the walk reads it, and as the reader is shown it."""
        if question.type == "so":
            number = _number_answer(question, value)
            if number is None:
                return None, "không rõ"
            amount = number.value if isinstance(number, ParsedNumber) else number
            return amount, show_number(number, question.unit)
        labels = dict(self.choices(question))
        if question.type == "nhieu-lua-chon":
            values = [value] if isinstance(value, str) else value
            if not values or not isinstance(values, (list, tuple)) or any(v not in labels for v in values):
                raise AnswerError(question.id, _not_a_choice(labels, value))
            exclusive = [c.id for c in question.choices if c.exclusive and c.id in values]
            if exclusive and len(values) > 1:
                raise AnswerError(question.id, f'"{labels[exclusive[0]]}" không chọn cùng lựa chọn khác')
            return list(values), "; ".join(label for key, label in labels.items() if key in values)
        if value not in labels:
            raise AnswerError(question.id, _not_a_choice(labels, value))
        return value, labels[value]

    def to_json(self) -> dict:
        """What selfcheck.js needs: the questions, the rules, each outcome's kind and obligations, and
        the obligations' dates (statuses are worked out in the page, on the day it is opened)."""
        def condition(value: Any) -> Any:
            return {"min": value.min, "below": value.below} if isinstance(value, Range) else value

        obligations = {}
        for outcome in self.record.outcomes:
            for oid in (*outcome.obligations, *outcome.related):
                record = getattr(self.obligations[oid], "record", self.obligations[oid])
                obligations[oid] = {"starts": record.starts.isoformat(), "certain": is_certain(self.obligations[oid]),
                                    "ends": record.ends.isoformat() if record.ends else None,
                                    "title": record.title,
                                    "yearly_due": [record.yearly_due.month, record.yearly_due.day]
                                    if record.yearly_due else None}
        return {
            "id": self.id,
            "questions": [{"id": q.id, "type": q.type, "text": q.text, "hint": q.hint, "unit": q.unit,
                           "choices": [{"id": key, "label": label,
                                        "exclusive": any(c.exclusive for c in q.choices if c.id == key)}
                                       for key, label in self.choices(q)]} for q in self.record.questions],
            "rules": [{"when": {q: condition(c) for q, c in r.when.items()}, "then": r.then} for r in self.record.rules],
            "outcomes": {o.id: {"kind": o.kind, "obligations": list(o.obligations), "related": list(o.related)}
                         for o in self.record.outcomes},
            "obligations": obligations,
            "headlines": {**HEADLINES, "uncertain": UNCERTAIN_HEADLINE},
            "order": list(STATUS_ORDER),
        }

    # for the page without JavaScript

    def obligations_named(self) -> list[str]:
        return [o for outcome in self.record.outcomes for o in (*outcome.obligations, *outcome.related)]

    def basis(self, outcome: OutcomeRecord) -> list[Any]:
        """The outcome's sources: its obligations' and its own, each once."""
        found: dict[tuple, Any] = {}
        for oid in outcome.obligations:
            record = getattr(self.obligations[oid], "record", self.obligations[oid])
            for source in record.sources:
                found.setdefault((source.ref, source.article), source)
        for source in outcome.sources:
            found.setdefault((source.ref, source.article), source)
        return list(found.values())

    def number(self, question_id: str) -> int:
        """A question's number in the list of questions (1, 2, …)."""
        return self.order[question_id] + 1

    def first_question(self) -> QuestionRecord:
        return self.questions[self.walk({}).pending]

    def condition_text(self, question_id: str, condition: Any) -> str:
        """'từ 300.000 kWh/năm', 'Sản xuất pin, ắc quy', 'không rõ': a rule's condition, in words."""
        question = self.questions[question_id]
        if question.type == "so":
            if not isinstance(condition, Range):
                return "không rõ (để trống)"
            parts = ([f"từ {vn_number(condition.min)} {question.unit}"] if condition.min is not None else []) \
                + ([f"dưới {vn_number(condition.below)} {question.unit}"] if condition.below is not None else [])
            return " và ".join(parts)
        labels = dict(self.choices(question))
        values = [condition] if isinstance(condition, str) else condition
        return " hoặc ".join(f"“{labels[v]}”" for v in values)

    def worked_examples(self) -> list[tuple[SelfCheckExample, Result]]:
        return [(example, self.evaluate(example.answers, example.date)) for example in self.record.examples]


def _number_answer(question: QuestionRecord, value: Any) -> ParsedNumber | float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        raise AnswerError(question.id, f"cần một số, nhưng nhận được {value!r}")
    try:
        return parse_number(value, question.unit)
    except NumberError as error:
        raise AnswerError(question.id, error.message) from None


def _not_a_choice(labels: Mapping[str, str], value: Any) -> str:
    allowed = ", ".join(labels)
    if value is None:
        return f"chưa trả lời; các lựa chọn: {allowed}"
    return f'"{value}" không phải lựa chọn của câu hỏi này; các lựa chọn: {allowed}'


def self_checks(data: SelfCheckFile | list[SelfCheckRecord], obligations: Mapping[str, Any],
                today: dt.date | None = None) -> dict[str, Check]:
    """Every check (of the file, or the site's list), by id; `obligations`: id -> obligation record or entity."""
    data = data.checks if isinstance(data, SelfCheckFile) else data
    return {c.id: Check(c, {o: obligations[o] for outcome in c.outcomes for o in (*outcome.obligations, *outcome.related)
                            if o in obligations}, today)
            for c in data}


# Checked before it ships: every problem with its place in the file (path into the data, for the line)


@dataclass(frozen=True)
class CheckProblem:
    path: tuple  # into the file's data: ("checks", 0, "rules", 3, "then")
    code: str
    message: str
    name: str | None  # the record: the check's id, or a worked example's name
    field: str


def check_problems(data: SelfCheckFile, obligations: Mapping[str, Any]) -> list[CheckProblem]:
    """Every problem of every check: names first; the rules' analysis and the examples only on sound names."""
    problems: list[CheckProblem] = []
    seen: set[str] = set()
    for index, record in enumerate(data.checks):
        if record.id in seen:
            problems.append(CheckProblem(("checks", index, "id"), "E-ID-DUP",
                                         f'mã bài tự kiểm tra "{record.id}" bị trùng; mỗi bài cần một mã riêng',
                                         record.id, "id"))
        seen.add(record.id)
        check = Check(record, {o: obligations[o] for outcome in record.outcomes
                               for o in (*outcome.obligations, *outcome.related) if o in obligations})
        found = _name_problems(check, ("checks", index))
        if not found and all(o in obligations for o in check.obligations_named()):
            found = _rule_problems(check, ("checks", index)) or _example_problems(check, ("checks", index))
        problems += found
    return problems


def _named(path: tuple, code: str, message: str, name: str | None, fld: str) -> CheckProblem:
    return CheckProblem(path, code, message, name, fld)


def _suggest(value: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return (f' (có phải "{close[0]}"?)' if close else "") + f"; các mã hợp lệ: {', '.join(allowed)}"


def _name_problems(check: Check, here: tuple) -> list[CheckProblem]:
    """Duplicate ids; rules naming a question, choice or outcome the check does not have."""
    problems = []
    for part, label in (("questions", "câu hỏi"), ("outcomes", "kết quả")):
        ids = [item.id for item in getattr(check.record, part)]
        for n, item_id in enumerate(ids):
            if item_id in ids[:n]:
                problems.append(_named((*here, part, n, "id"), "E-ID-DUP",
                                       f'mã {label} "{item_id}" bị trùng; mỗi {label} cần một mã riêng',
                                       check.id, f"{part}[{n + 1}].id"))
    if check.record.complete is False:
        for n, outcome in enumerate(check.record.outcomes):
            if outcome.kind == "khong-ap-dung":
                problems.append(_named(
                    (*here, "outcomes", n, "kind"), "E-RULE",
                    f'kết quả "{outcome.id}" là khong-ap-dung, nhưng bài có complete: false (dữ liệu chưa đầy đủ): '
                    "bài không được kết luận doanh nghiệp không thuộc diện; hãy đổi kind thành chua-ro và nói hỏi ai",
                    check.id, f"outcomes[{n + 1}].kind"))
    for n, rule in enumerate(check.record.rules):
        where = f"rules[{n + 1}]"
        if rule.then not in check.outcomes:
            problems.append(_named((*here, "rules", n, "then"), "E-RULE",
                                   f'kết quả "{rule.then}" không có trong outcomes của bài'
                                   + _suggest(rule.then, check.outcomes), check.id, f"{where}.then"))
        for question_id, condition in rule.when.items():
            at = (*here, "rules", n, "when", question_id)
            question = check.questions.get(question_id)
            if question is None:
                problems.append(_named(at, "E-RULE", f'câu hỏi "{question_id}" không có trong questions của bài'
                                       + _suggest(question_id, check.questions), check.id, f"{where}.when"))
                continue
            message = _condition_problem(check, question, condition)
            if message:
                problems.append(_named(at, "E-RULE", message, check.id, f"{where}.when.{question_id}"))
    return problems


def _condition_problem(check: Check, question: QuestionRecord, condition: Any) -> str | None:
    if question.type == "so":
        if isinstance(condition, Range) or condition == UNKNOWN:
            return None
        return (f'câu hỏi "{question.id}" là câu hỏi số: điều kiện viết {{min: …}} (từ … trở lên), {{below: …}} '
                f'(dưới …) hoặc {UNKNOWN} (để trống), không phải "{condition}"')
    if isinstance(condition, Range):
        return f'câu hỏi "{question.id}" không phải câu hỏi số: điều kiện là mã lựa chọn, không phải min, below'
    choices = [key for key, _ in check.choices(question)]
    for value in [condition] if isinstance(condition, str) else condition:
        if value not in choices:
            return f'câu hỏi "{question.id}" không có lựa chọn "{value}"' + _suggest(value, choices)
    return None


def _domain(check: Check, question: QuestionRecord) -> list[Any]:
    """The answers worth trying: each choice on its own; for a number, blank, and one number on
    either side of each threshold the rules name (the rules cannot tell two numbers in between apart)."""
    if question.type != "so":
        values = [key for key, _ in check.choices(question)]
        return [[v] for v in values] if question.type == "nhieu-lua-chon" else values
    bounds = sorted({b for rule in check.record.rules for q, c in rule.when.items() if q == question.id
                     and isinstance(c, Range) for b in (c.min, c.below) if b is not None})
    below_all = [bounds[0] / 2] if bounds and bounds[0] > 0 else ([] if bounds else [1.0])
    return [None, *below_all, *bounds]


def _shown(check: Check, answers: Mapping[str, Any], branch: Branch) -> str:
    """'nganh = pin-ac-quy, pin-ac-quy-kwh-nam = 150.000 kWh/năm': answers in a message."""
    parts = []
    for question_id, value in answers.items():
        question = check.questions[question_id]
        if question.type == "nhieu-lua-chon":
            value = branch.get(question_id) or ", ".join(value)
        if question.type == "so":
            value = "để trống" if value is None else f"{vn_number(value)} {question.unit}"
        parts.append(f"{question_id} = {value}")
    return ", ".join(parts) or "(chưa trả lời câu nào)"


def _rule_problems(check: Check, here: tuple) -> list[CheckProblem]:
    """Walk every path the form can take, trying each answer of `_domain`; report disagreeing rules,
    answers that reach no outcome, outcomes never reached, and a clearing outcome on unverified data."""
    problems: dict[str, CheckProblem] = {}  # by message: a fault seen on many paths is reported once
    reached: set[str] = set()
    unverified = {(q.id, c.id): c for q in check.record.questions for c in q.choices if c.unverified}
    rules = check.record.rules

    def report(path: tuple, message: str, fld: str) -> None:
        problems.setdefault(message, _named(path, "E-RULE", message, check.id, fld))

    def explore(answers: dict[str, Any]) -> None:
        walked = check.walk(answers)
        for branch in walked.stuck:
            report((*here, "rules"), f"không quy tắc nào cho kết quả khi {_shown(check, answers, branch)}; "
                                     "hãy thêm một quy tắc cho trường hợp này", "rules")
        for branch, decision in walked.ended:
            rule = rules[decision.rule]
            reached.add(rule.then)
            for other in decision.others:
                if rules[other].then != rule.then:
                    first, second = sorted((decision.rule, other))
                    report((*here, "rules", second, "then"),
                           f'quy tắc {second + 1} cho kết quả "{rules[second].then}", nhưng quy tắc {first + 1} cho '
                           f'"{rules[first].then}" với cùng câu trả lời ({_shown(check, answers, branch)}); trong '
                           "một nhánh chỉ được có một kết quả: hãy thêm điều kiện để hai quy tắc không cùng đúng",
                           f"rules[{second + 1}].then")
            if check.outcomes[rule.then].kind == "khong-ap-dung":
                for (question_id, choice_id), choice in unverified.items():
                    value = branch.get(question_id) if check.questions[question_id].type == "nhieu-lua-chon" \
                        else answers.get(question_id)
                    if value == choice_id:
                        report((*here, "rules", decision.rule, "then"),
                               f'quy tắc {decision.rule + 1} kết luận "{rule.then}" (khong-ap-dung) cho lựa chọn '
                               f'"{choice.label}", mà {choice.unverified} chưa được kiểm chứng: dữ liệu chưa đầy đủ '
                               "thì không được kết luận doanh nghiệp không thuộc diện; hãy dẫn tới một kết quả chua-ro",
                               f"rules[{decision.rule + 1}].then")
        if walked.pending is not None:
            for value in _domain(check, check.questions[walked.pending]):
                explore({**answers, walked.pending: value})

    explore({})
    found = list(problems.values())
    for n, outcome in enumerate(check.record.outcomes):
        if outcome.id not in reached:
            found.append(_named((*here, "outcomes", n, "id"), "E-RULE",
                                f'không câu trả lời nào dẫn tới kết quả "{outcome.id}"; hãy thêm quy tắc có then: '
                                f"{outcome.id}, hoặc xoá kết quả này", check.id, f"outcomes[{n + 1}].id"))
    return found


def _example_problems(check: Check, here: tuple) -> list[CheckProblem]:
    """Every worked example uses the check's questions and answers, and gives its outcomes on its date."""
    problems = []
    for index, example in enumerate(check.record.examples):
        at = (*here, "examples", index)
        unknown = [key for key in example.answers if key not in check.questions]
        for key in unknown:
            problems.append(_named((*at, "answers", key), "E-VALUE",
                                   f'câu hỏi "{key}" không có trong bài tự kiểm tra' + _suggest(key, check.questions),
                                   example.name, f"answers.{key}"))
        misspelt = [o for o in example.expect if o not in check.outcomes]
        for key in misspelt:
            problems.append(_named((*at, "expect", key), "E-VALUE",
                                   f'kết quả "{key}" không có trong bài tự kiểm tra' + _suggest(key, check.outcomes),
                                   example.name, f"expect.{key}"))
        if unknown or misspelt:
            continue
        try:
            result = check.evaluate(example.answers, example.date)
        except AnswerError as error:
            path = (*at, "answers", error.key) if error.key in example.answers else (*at, "answers")
            problems.append(_named(path, "E-VALUE", error.message, example.name, f"answers.{error.key}"))
            continue
        asked = {step.question.id for step in result.steps}
        for key in example.answers:
            if key not in asked:
                problems.append(_named((*at, "answers", key), "E-EXAMPLE",
                                       f'với các câu trả lời này, bài không hỏi câu "{key}"; hãy bỏ dòng này',
                                       example.name, f"answers.{key}"))
        if result.statuses != dict(example.expect):
            got = ", ".join(f"{o}: {s}" for o, s in result.statuses.items())
            problems.append(_named(
                (*at, "expect"), "E-EXAMPLE",
                f"vào ngày {vn_date(example.date)}, với các câu trả lời này, bài cho kết quả {{{got}}}, không phải "
                f"{{{', '.join(f'{o}: {s}' for o, s in example.expect.items())}}}; nếu dữ liệu mới là đúng, "
                "hãy sửa expect theo kết quả này", example.name, "expect"))
    return problems
