"""The self-checks, split by what each test protects.

- Engine: plansite/selfcheck.py on made-up data (tests/fixtures/selfchecks/): the walk, statuses from
  obligation dates, and every static check with its exact message and line.
- Agreement: selfcheck.js, run under Node in bulk, reads numbers and walks checks exactly like the
  Python, on every worked example and on Hypothesis-generated answers and dates.
- Copying a check under a new id gives a second working check (fixture site content).
- Content: what must always hold for content/selfchecks.yml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import textwrap

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.loader import load_file
from plansite.pages import plan_pages
from plansite.references import mark_of, unverified_source
from plansite.render import render_pages
from plansite.schema import ObligationFile, SelfCheckFile
from plansite.selfcheck import AnswerError, self_checks
from plansite.selfcheck_lint import check_problems
from plansite.vn_numbers import ParsedNumber, parse_number, show_number

SELFCHECK_JS = ROOT / "docs" / "assets" / "javascripts" / "selfcheck.js"
OBLIGATIONS = {o.id: o for o in ObligationFile.model_validate(
    yaml.safe_load((FIXTURES / "selfchecks" / "obligations.yml").read_text(encoding="utf-8"))).obligations}
ENGINE_TEXT = (FIXTURES / "selfchecks" / "engine.yml").read_text(encoding="utf-8")
DATA = SelfCheckFile.model_validate(yaml.safe_load(ENGINE_TEXT))
CHECK = self_checks(DATA, OBLIGATIONS, dt.date(2026, 11, 30))["thu"]
D = dt.date.fromisoformat


# Numbers as people type them: (typed, unit, value and text understood, or the refusal's code)

NUMBERS = [
    ("350000", "kWh/năm", (350000, "350.000")),
    ("350.000", "kWh/năm", (350000, "350.000")),
    ("350 000", "kWh/năm", (350000, "350.000")),
    ("350\u00a0000", "kWh/năm", (350000, "350.000")),  # no-break space, as pasted from a document
    ("350\u202f000", "kWh/năm", (350000, "350.000")),  # narrow no-break space
    ("1.234.567", "tấn/năm", (1234567, "1.234.567")),
    ("2,5", "MW", (2.5, "2,5")),
    ("0,25", "MW", (0.25, "0,25")),
    ("0,500", "MW", (0.5, "0,5")),
    ("2,50", "MW", (2.5, "2,5")),
    ("1.234,5", "tấn/năm", (1234.5, "1.234,5")),
    ("1 234,5", "tấn/năm", (1234.5, "1.234,5")),
    ("1.234,567", "tấn/năm", (1234.567, "1.234,567")),
    ("12345,678", "tấn/năm", (12345.678, "12.345,678")),
    ("007", "MW", (7, "7")),
    ("  45  ", "tỷ đồng", (45, "45")),
    ("30 tỷ", "tỷ đồng", (30, "30")),
    ("30 tỷ đồng", "tỷ đồng", (30, "30")),
    ("30tỷ", "tỷ đồng", (30, "30")),
    ("30 TỶ ĐỒNG", "tỷ đồng", (30, "30")),
    ("2,5 tỉ", "tỷ đồng", (2.5, "2,5")),
    ("30 ty dong", "tỷ đồng", (30, "30")),
    ("350.000 kWh/năm", "kWh/năm", (350000, "350.000")),
    ("350.000 kWh", "kWh/năm", (350000, "350.000")),
    ("20 MW", "MW", (20, "20")),
    ("1.000 tấn", "tấn/năm", (1000, "1.000")),
    ("", "MW", None),
    ("   ", "MW", None),
    ("2.5", "MW", "decimal-point"),
    ("0.5", "MW", "decimal-point"),
    ("0.500", "MW", "decimal-point"),
    ("1234.5", "tấn/năm", "decimal-point"),
    ("1,234", "tấn/năm", "ambiguous"),
    ("1,500", "tỷ đồng", "ambiguous"),
    ("1,234,567", "tấn/năm", "comma-groups"),
    ("1,234.5", "tấn/năm", "english"),
    ("1.23.4", "tấn/năm", "grouping"),
    ("1.234.5", "tấn/năm", "grouping"),
    ("350 00", "kWh/năm", "grouping"),
    ("1 234.567", "kWh/năm", "grouping"),
    ("1..2", "MW", "grouping"),
    (",5", "MW", "grouping"),
    ("5,", "MW", "grouping"),
    ("350.", "kWh/năm", "grouping"),
    ("30 tỷ", "tấn/năm", "unit"),
    ("500 triệu", "tỷ đồng", "unit"),
    ("5 kW", "MW", "unit"),
    ("-5", "MW", "negative"),
    ("\u22125", "MW", "negative"),
    ("abc", "MW", "not-a-number"),
    ("khoảng 300", "tấn/năm", "not-a-number"),
]


def python_reading(typed: str, unit: str) -> dict | None:
    """What Python makes of a typed number, in the shape guidance.js returns."""
    try:
        parsed = parse_number(typed, unit)
    except ValueError as error:
        return {"error": error.code, "message": error.message}
    return None if parsed is None else {"value": parsed.value, "text": parsed.text}


@pytest.mark.parametrize("typed, unit, expected", NUMBERS, ids=[f"{t!r} {u}" for t, u, _ in NUMBERS])
def test_numbers_are_read_the_vietnamese_way_or_refused_with_a_message(typed, unit, expected):
    reading = python_reading(typed, unit)
    if expected is None:
        assert reading is None
    elif isinstance(expected, str):
        assert reading["error"] == expected
        assert reading["message"] and not reading["message"].isascii()  # said in Vietnamese
    else:
        assert (reading["value"], reading["text"]) == expected


def test_refusals_say_how_to_type_the_number():
    assert "2,5" in python_reading("2.5", "MW")["message"]
    assert "1.234" in python_reading("1,234", "tấn/năm")["message"]
    assert "1.234.567" in python_reading("1,234,567", "tấn/năm")["message"]
    assert "1.234,5" in python_reading("1,234.5", "tấn/năm")["message"]
    assert "tấn/năm" in python_reading("30 tỷ", "tấn/năm")["message"]


def test_a_number_is_shown_back_as_understood():
    assert show_number(parse_number("350 000", "kWh/năm"), "kWh/năm") == "350.000 kWh/năm"
    assert show_number(ParsedNumber(2.5, "2,5"), "tỷ đồng") == "2,5 tỷ đồng"
    assert show_number(300000.0, "kWh/năm") == "300.000 kWh/năm"


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(0, 10**12), fraction=st.none() | st.integers(0, 999_999))
def test_any_number_written_back_the_vietnamese_way_reads_as_itself(whole, fraction):
    digits = f"{whole:,}".replace(",", ".") + ("" if fraction is None else f",{fraction:06d}".rstrip("0").rstrip(","))
    if re.fullmatch(r"[1-9][0-9]{0,2},[0-9]{3}", digits):  # "1,234": could be English thousands, so refused
        assert python_reading(digits, "tấn/năm")["error"] == "ambiguous"
        return
    parsed = parse_number(digits, "tấn/năm")
    assert parsed.value == float(f"{whole}.{fraction:06d}" if fraction is not None else whole)
    assert parse_number(parsed.text, "tấn/năm") == parsed  # what the form shows back reads the same again


# Engine: the declaration check (Circular 42)


# Engine: the walk and the statuses, on the made-up check


def outcomes(answers: dict, day: str = "2026-11-30") -> dict[str, str]:
    return CHECK.evaluate(answers, D(day)).statuses


@pytest.mark.parametrize("tons, megawatts, expected", [
    ("1.000", None, {"phai": "dang-ap-dung"}),  # at the threshold: reached
    ("999", "5", {"phai": "dang-ap-dung"}),  # the second threshold is enough
    ("999", "4,9", {"duoi": "khong-ap-dung"}),  # below both: cleared only with both known
    (None, "4,9", {"chua-ro": "chua-ro"}),
    ("999", None, {"chua-ro": "chua-ro"}),
])
def test_numbers_either_side_of_each_threshold(tons, megawatts, expected):
    answers = {"nganh": "hai-nguong", **({"tan": tons} if tons else {}), **({"mw": megawatts} if megawatts else {})}
    assert outcomes(answers) == expected


@settings(max_examples=300, deadline=None)
@given(tons=st.none() | st.integers(0, 3000), megawatts=st.none() | st.integers(0, 100).map(lambda n: n / 10))
def test_either_threshold_is_enough_and_only_two_known_numbers_below_clear(tons, megawatts):
    answers = {"nganh": "hai-nguong", **({"tan": str(tons)} if tons is not None else {}),
               **({"mw": show_number(megawatts, "MW")} if megawatts is not None else {})}
    reached = (tons is not None and tons >= 1000) or (megawatts is not None and megawatts >= 5)
    known = tons is not None and megawatts is not None
    assert outcomes(answers) == ({"phai": "dang-ap-dung"} if reached else
                                 {"duoi": "khong-ap-dung"} if known else {"chua-ro": "chua-ro"})


@pytest.mark.parametrize("day, status, label", [
    ("2027-06-30", "sap-ap-dung", "Sắp áp dụng từ 01/7/2027, còn 1 ngày"),
    ("2027-07-01", "dang-ap-dung", "Có áp dụng"),
])
def test_an_outcome_resting_on_a_coming_obligation_says_so_never_applies(day, status, label):
    result = CHECK.evaluate({"nganh": "mot-nguong", "tan": "3", "xuat-khau": "khong"}, D(day))
    assert (result.reached[0].status.state, result.reached[0].status.label) == (status, label)


@pytest.mark.parametrize("day, status", [("2026-12-31", "dang-ap-dung"), ("2027-01-01", "het-hieu-luc")])
def test_an_outcome_resting_on_an_ended_obligation_says_it_has_ended(day, status):
    assert outcomes({"nganh": "mot-nguong", "tan": "3", "xuat-khau": "co"}, day) == {"da-het": status}


def test_each_chosen_branch_gives_its_outcome_and_a_shared_question_is_asked_once():
    result = CHECK.evaluate({"nganh": ["hai-nguong", "mot-nguong"], "tan": "1.000", "xuat-khau": "khong"})
    assert result.statuses == {"phai": "dang-ap-dung", "phai-sau": "sap-ap-dung"}
    assert [s.question.id for s in result.steps] == ["nganh", "tan", "xuat-khau"]
    assert [r.via for r in result.reached] == [("Ngành có hai ngưỡng",), ("Ngành có một ngưỡng",)]
    assert result.headline == "dang-ap-dung"


def test_a_question_no_outcome_depends_on_is_not_asked():
    result = CHECK.evaluate({"nganh": "chua-ghi", "tan": "5", "mw": "9"})
    assert [s.question.id for s in result.steps] == ["nganh"]


@pytest.mark.parametrize("answers, key", [({}, "nganh"), ({"nganh": "x"}, "nganh"),
                                          ({"nganh": ["khong-nganh", "mot-nguong"]}, "nganh"),
                                          ({"nganh": "mot-nguong", "tan": "2.5"}, "tan")])
def test_an_unanswered_or_unknown_answer_is_an_error_not_an_outcome(answers, key):
    with pytest.raises(AnswerError) as error:
        CHECK.evaluate(answers)
    assert error.value.key == key


# Engine: the static checks, each with its exact message at its file:line


def problems_in(text: str, tmp_path) -> list[str]:
    """Problems of a self-check file as `file:line [code] field: message`, lines as the loader reads them."""
    path = tmp_path / "selfchecks.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, "selfchecks.yml")
    data = SelfCheckFile.model_validate(loaded.data)
    return [f"selfchecks.yml:{mark_of(loaded.data, p.path)[0]} [{p.code}] {p.field}: {p.message}"
            for p in check_problems(data, OBLIGATIONS)]


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def test_the_fixture_check_has_no_problem(tmp_path):
    assert problems_in(ENGINE_TEXT, tmp_path) == []


def test_a_rule_naming_an_unknown_question(tmp_path):
    text = ENGINE_TEXT.replace("{nganh: mot-nguong, tan: khong-ro}", "{nganh: mot-nguong, tann: khong-ro}")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'tann:')} [E-RULE] rules[12].when: câu hỏi \"tann\" không có trong questions "
        'của bài (có phải "tan"?); các mã hợp lệ: nganh, tan, mw, xuat-khau']


def test_a_rule_naming_an_unknown_choice(tmp_path):
    text = ENGINE_TEXT.replace("{nganh: chua-ghi}", "{nganh: chua-ghii}")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'chua-ghii')} [E-RULE] rules[2].when.nganh: câu hỏi \"nganh\" không có lựa "
        'chọn "chua-ghii" (có phải "chua-ghi"?); các mã hợp lệ: hai-nguong, mot-nguong, chua-ghi, khong-nganh']


def test_a_rule_naming_an_unknown_outcome(tmp_path):
    text = ENGINE_TEXT.replace("        then: phai-sau", "        then: phai-sua")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'then: phai-sua')} [E-RULE] rules[10].then: kết quả \"phai-sua\" không có "
        'trong outcomes của bài (có phải "phai-sau"?); các mã hợp lệ: phai, phai-sau, da-het, duoi, chua-ro']


def test_an_outcome_no_answer_reaches(tmp_path):
    text = ENGINE_TEXT.replace("    rules:\n", "      - id: bo-quen\n        kind: chua-ro\n        title: Bỏ quên\n"
                                              "        text: Không quy tắc nào.\n        sources: [{ref: van-ban-thu}]\n"
                                              "    rules:\n")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'id: bo-quen')} [E-RULE] outcomes[6].id: không câu trả lời nào dẫn tới kết quả "
        '"bo-quen"; hãy thêm quy tắc có then: bo-quen, hoặc xoá kết quả này']


def test_two_rules_of_one_branch_that_disagree(tmp_path):
    text = ENGINE_TEXT.replace("{nganh: hai-nguong, tan: {below: 1000}, mw: khong-ro}", "{nganh: hai-nguong, mw: khong-ro}")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'then: chua-ro', 'mw: khong-ro}')} [E-RULE] rules[7].then: quy tắc 7 cho kết "
        'quả "chua-ro", nhưng quy tắc 3 cho "phai" với cùng câu trả lời (nganh = hai-nguong, tan = 1.000 tấn/năm); '
        "trong một nhánh chỉ được có một kết quả: hãy thêm điều kiện để hai quy tắc không cùng đúng"]


def test_answers_that_reach_no_outcome(tmp_path):
    text = ENGINE_TEXT.replace("      - when: {nganh: mot-nguong, tan: khong-ro}\n        then: chua-ro\n", "")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, '      - when: {nganh: khong-nganh}')} [E-RULE] rules: không quy tắc nào cho kết quả khi nganh = "
        "mot-nguong, tan = để trống; hãy thêm một quy tắc cho trường hợp này"]


def test_data_marked_unverified_never_clears_a_business(tmp_path):
    text = ENGINE_TEXT.replace("{nganh: chua-ghi}\n        then: chua-ro", "{nganh: chua-ghi}\n        then: duoi")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'then: duoi', '{nganh: chua-ghi}')} [E-RULE] rules[2].then: quy tắc 2 kết luận \"duoi\" "
        '(khong-ap-dung) cho lựa chọn "Ngành chưa ghi ngưỡng", mà ngưỡng của ngành này chưa được kiểm chứng: dữ liệu '
        "chưa đầy đủ thì không được kết luận doanh nghiệp không thuộc diện; hãy dẫn tới một kết quả chua-ro"]


def test_a_check_marked_incomplete_has_no_clearing_outcome(tmp_path):
    text = ENGINE_TEXT.replace("complete: true", "complete: false")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'kind: khong-ap-dung')} [E-RULE] outcomes[4].kind: kết quả \"duoi\" là "
        "khong-ap-dung, nhưng bài có complete: false (dữ liệu chưa đầy đủ): bài không được kết luận doanh nghiệp không "
        "thuộc diện; hãy đổi kind thành chua-ro và nói hỏi ai"]


def test_a_worked_example_that_no_longer_holds_on_its_date(tmp_path):
    text = ENGINE_TEXT.replace("        date: 30/11/2026\n        answers: {nganh: hai-nguong, tan: \"999\"",
                               "        date: 31/12/2019\n        answers: {nganh: hai-nguong, tan: \"999\"")
    assert problems_in(text, tmp_path) == [
        f"selfchecks.yml:{line_of(text, 'expect: {phai')} [E-EXAMPLE] expect: vào ngày 31/12/2019, với các câu trả lời "
        "này, bài cho kết quả {phai: sap-ap-dung}, không phải {phai: dang-ap-dung}; nếu dữ liệu mới là đúng, hãy sửa "
        "expect theo kết quả này"]


# Agreement: selfcheck.js under Node, many cases per run

NODE_RUNNER = textwrap.dedent("""
    const engine = require(process.argv[1]);
    const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const out = input.cases.map(([answers, day]) => {
      try { return engine.evaluate(input.tree, answers, day); } catch (e) { return "error"; } });
    const numbers = (input.numbers || []).map(([t, u]) => engine.parseNumber(t, u));
    process.stdout.write(JSON.stringify({out, numbers}));
""")


def run_node(tree: dict, cases: list, numbers: list | None = None) -> dict:
    done = subprocess.run(["node", "-e", NODE_RUNNER, str(SELFCHECK_JS)], check=True, capture_output=True,
                          input=json.dumps({"tree": tree, "cases": cases, "numbers": numbers or []}), text=True)
    return json.loads(done.stdout)


def python_result(check, answers: dict, day: str):
    try:
        result = check.evaluate(answers, D(day))
    except AnswerError:
        return "error"
    return {"outcomes": result.outcome_ids, "via": [list(r.via) for r in result.reached],
            "statuses": [r.status.state for r in result.reached], "labels": [r.status.label for r in result.reached],
            "steps": [s.answer for s in result.steps]}


def test_javascript_reads_numbers_exactly_like_python():
    samples = [[typed, unit] for typed, unit, _ in NUMBERS] + [
        ["1.234", "tấn/năm"], ["00,10", "MW"], ["9.999.999,999", "tấn/năm"], ["30 tỷ đ", "tỷ đồng"], ["2 ,5", "MW"]]
    assert run_node(CHECK.to_json(), [], samples)["numbers"] == [python_reading(t, u) for t, u in samples]


REAL_SITE = load_site(ROOT / "content").site  # loading validates, worked examples and static checks included
REAL_CHECKS = self_checks(REAL_SITE.selfchecks, REAL_SITE.index["obligations"], REAL_SITE.today)
ALL_CHECKS = [CHECK, *REAL_CHECKS.values()]


def answers_for(check):
    """Hypothesis answers for a check: each question answered, left out, or answered wrongly at times."""
    def one(question):
        if question.type == "so":
            return st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["", "2,5", "30 tỷ", "350.000", "2.5", "abc"]),
                             st.integers(0, 4 * 10**6).map(lambda n: n / 4))
        ids = [key for key, _ in check.choices(question)]
        if question.type == "nhieu-lua-chon":
            return st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)
        return st.sampled_from(ids + ["khong-co"])
    return st.fixed_dictionaries({}, optional={q.id: one(q) for q in check.record.questions})


DAYS = st.dates(dt.date(2019, 1, 1), dt.date(2032, 12, 31)).map(dt.date.isoformat)


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.id)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_javascript_walks_every_check_exactly_like_python(check, data):
    cases = data.draw(st.lists(st.tuples(answers_for(check), DAYS), min_size=150, max_size=150))
    cases += [(dict(e.answers), e.date.isoformat()) for e in check.record.examples]
    expected = [python_result(check, answers, day) for answers, day in cases]
    assert run_node(check.to_json(), cases)["out"] == expected
    assert any(e != "error" for e in expected)


# Copying a check under a new id and title gives a second working check, with no other change


def test_a_copied_check_is_a_second_working_check(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site" / "content", content)
    path = content / "selfchecks.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: tui-ni-long-cua-hang")
    end = text.index("\n  # ", start)
    copy = text[start:end].replace("id: tui-ni-long-cua-hang", "id: ban-sao", 1).replace(
        "title: Cửa hàng của tôi", "title: Bản sao, cửa hàng của tôi", 1)
    path.write_text(text.rstrip("\n") + "\n\n" + copy + "\n", encoding="utf-8")
    site = load_site(content, tmp_path, D("2026-12-02")).site
    checks = self_checks(site.selfchecks, site.index["obligations"], site.today)
    assert checks["ban-sao"].title.startswith("Bản sao")
    assert checks["ban-sao"].evaluate({"loai-hinh": "cho", "ha-noi": "co"}).statuses == {"cho-ha-noi": "sap-ap-dung"}
    pages = {p.src_uri: p for p in plan_pages(site) if p.template == "selfcheck.md.j2"}
    page = render_pages(site, [pages["huong-dan/tu-kiem-tra-ban-sao.md"]])["huong-dan/tu-kiem-tra-ban-sao.md"]
    assert 'data-selfcheck="ban-sao"' in page and "Sắp áp dụng từ 01/01/2027, còn 30 ngày" in page


# Issue 15 on the fixture site content (frozen): the build's date and data the site does not know

FIXTURE_SITE = load_site(FIXTURES / "site" / "content", today=D("2026-12-02")).site
FIXTURE_CHECKS = self_checks(FIXTURE_SITE.selfchecks, FIXTURE_SITE.index["obligations"], FIXTURE_SITE.today)


def test_a_car_importer_is_told_vehicles_start_later_not_that_the_duty_applies():
    result = FIXTURE_CHECKS["epr"].evaluate({"vai-tro": "nhap-khau", "nhom": "phuong-tien", "muc-dich": "khong",
                                             "doanh-thu": "500"})
    assert [(r.outcome.id, r.status.label) for r in result.reached] == [
        ("phai-phuong-tien", "Sắp áp dụng từ 01/01/2027, còn 30 ngày")]


@pytest.mark.parametrize("sector", ["nhiet-dien", "khai-thac-dau-khi", "loc-hoa-dau", "giay-phe-lieu", "det-nhuom"])
def test_a_sector_without_a_verified_threshold_is_never_cleared(sector):
    result = FIXTURE_CHECKS["khai-bao"].evaluate({"nganh": sector})
    assert result.statuses == {"doi-chieu-phu-luc": "chua-ro"}
    assert "đối chiếu Phụ lục I" in result.reached[0].outcome.text
    assert "hỏi Sở Công Thương" in result.reached[0].outcome.text


# Content: what must always hold for content/selfchecks.yml


@pytest.mark.parametrize("check", REAL_CHECKS.values(), ids=lambda c: c.id)
def test_every_outcome_cites_only_verified_sources(check):
    references = {r.id: r for r in REAL_SITE.references}
    for outcome in check.record.outcomes:
        for source in check.basis(outcome):
            reference = references[source.ref]
            assert unverified_source(getattr(reference, "record", reference), source.article) is None, \
                (check.id, outcome.id, source)


@pytest.mark.parametrize("check", REAL_CHECKS.values(), ids=lambda c: c.id)
def test_no_contact_details_are_published_none_being_verified(check):
    text = json.dumps(check.record.model_dump(mode="json"), ensure_ascii=False)
    assert not re.search(r"\\d{3,4}[ .]?\\d{3}[ .]?\\d{3,4}|@|https?://", text)


def test_every_check_has_worked_examples_at_two_dates_at_least():
    for check in REAL_CHECKS.values():
        assert len({e.date for e in check.record.examples}) >= 2, check.id


@pytest.mark.parametrize("day, check_id, outcome, status", [
    ("2026-12-31", "epr", "phai-phuong-tien", "Sắp áp dụng từ 01/01/2027, còn 1 ngày"),
    ("2027-01-01", "epr", "phai-phuong-tien", "Có áp dụng"),
    ("2026-12-31", "tui-ni-long-cua-hang", "cho-ha-noi", "Sắp áp dụng từ 01/01/2027, còn 1 ngày"),
    ("2027-01-01", "tui-ni-long-cua-hang", "cho-ha-noi", "Có áp dụng"),
    ("2027-12-31", "nhua-tai-che-bao-bi", "phai-tai-che", "Sắp áp dụng từ 01/01/2028, còn 1 ngày"),
    ("2028-01-01", "nhua-tai-che-bao-bi", "phai-tai-che", "Có áp dụng"),
])
def test_the_page_built_on_a_day_says_where_each_outcome_stands_that_day(day, check_id, outcome, status):
    site = load_site(FIXTURES / "site" / "content", today=D(day)).site
    pages = {p.src_uri: p for p in plan_pages(site) if p.template == "selfcheck.md.j2"}
    uri = f"huong-dan/tu-kiem-tra-{check_id}.md"
    page = render_pages(site, [pages[uri]])[uri]
    line = re.search(rf'\*\*(.*?)\*\* \(tính đến ngày [^)]*\)\.\n\{{: \.selfcheck-status data-outcome="{outcome}" }}', page)
    assert line.group(1) == status


def test_a_business_kind_linking_an_unknown_check_is_reported_at_its_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site" / "content", content)
    path = content / "guidance" / "businesses.yml"
    text = path.read_text(encoding="utf-8").replace("selfchecks: [khai-bao]", "selfchecks: [khai-bao-cu]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(content, tmp_path)
    line = line_of(text, "khai-bao-cu")
    assert [str(p.format()) for p in error.value.errors] == [
        f'content/guidance/businesses.yml:{line}:18 [E-REF] bản ghi "lang-nghe-cum-cong-nghiep" → trường "selfchecks": '
        'bài tự kiểm tra "khai-bao-cu" không tồn tại trong content/selfchecks.yml (có phải "khai-bao"?); các giá trị '
        "hợp lệ: epr, khai-bao, nhua-khach-san, nhua-tai-che-bao-bi, tui-ni-long-cua-hang"]
