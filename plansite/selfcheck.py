"""The self-check engine: reads a check declared as data (content/selfchecks.yml) and answers it.

Nothing here knows any one check. A check has questions, outcomes resting on obligations, rules and
worked examples (plansite/schema_selfchecks.py). This module:
- reads number answers the Vietnamese way (`parse_number`, plansite/vn_numbers.py);
- walks the rules with a reader's answers (`evaluate`), the same walk as
  docs/assets/javascripts/selfcheck.js does in the page (tests run both on the same cases);
- says where each outcome stands on a day, from its obligations' dates (`outcome_status`);
- and is what plansite/selfcheck_lint.py walks to check a check before it ships.

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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from plansite.claims import standing_known
from plansite.schema_selfchecks import UNKNOWN, YES_NO, Range, SelfCheckExample, SelfCheckFile
from plansite.schema_selfchecks import Outcome as OutcomeRecord
from plansite.schema_selfchecks import Question as QuestionRecord
from plansite.schema_selfchecks import SelfCheck as SelfCheckRecord
from plansite.textfmt import vn_date, vn_number
from plansite.vn_numbers import NumberError, ParsedNumber, parse_number, show_number

GUIDANCE_ONLY = ("Đây là hướng dẫn để bạn tự kiểm tra, không phải quyết định pháp lý. "
                 "Khi cần chắc chắn, hãy hỏi Sở Công Thương Hà Nội.")
# An outcome's status on a day, strictest first: a result with several outcomes is headed by the strictest.
STATUS_ORDER = ("dang-ap-dung", "chua-ro", "sap-ap-dung", "het-hieu-luc", "khong-ap-dung")
HEADLINES = {"dang-ap-dung": "Có áp dụng", "chua-ro": "Chưa kết luận được", "sap-ap-dung": "Sắp áp dụng",
             "het-hieu-luc": "Đã hết hiệu lực", "khong-ap-dung": "Không áp dụng với bạn"}
# an outcome whose obligations are all in force but rest on a document of unknown standing
UNCERTAIN_HEADLINE = "Có áp dụng, nếu văn bản còn hiệu lực (điều này chưa được kiểm chứng)"


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
    return Standing(*obligation.state_on(day))


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
    return standing_known(getattr(obligation, "caveats", ()))


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
