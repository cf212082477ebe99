"""A self-check checked before it ships: every problem with its place in the file, in Vietnamese.

Rules that name a question, choice or outcome that does not exist; outcomes no answer reaches; two
rules of one branch that disagree; answers that reach no outcome; a clearing outcome resting on data
marked incomplete; worked examples that no longer hold on their date. The analysis enumerates each
choice on its own and the numbers either side of each threshold, so it stays small as checks grow.
It walks the checks with the engine (plansite/selfcheck.py); references.py reports what it finds.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from plansite.schema_selfchecks import UNKNOWN, Range, SelfCheckFile
from plansite.schema_selfchecks import Question as QuestionRecord
from plansite.selfcheck import AnswerError, Branch, Check
from plansite.textfmt import vn_date, vn_number

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
