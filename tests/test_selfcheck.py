"""The two self-checks, split by what each test protects.

- Engine: the rules of plansite/selfcheck.py, on made-up data (tests/fixtures/selfchecks/), so
  that a content editor's correct edit to a threshold or a date never turns these red.
- Agreement: guidance.js reads numbers and walks trees exactly like the Python (same tables).
- Content: what must always hold for content/selfchecks.yml (it validates, every worked example
  gives its outcome, every outcome cites verified sources, no unverified contact details).
  The form itself, in Chromium on the built site, is tests/test_guidance_browser.py.
"""

from __future__ import annotations

import random
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.references import unverified_source
from plansite.schema import SelfCheckExample, SelfCheckFile, YearlyDeadline
from plansite.selfcheck import (CHECK_CURRENT, VERDICTS, AnswerError, ParsedNumber, example_problems, evaluate,
                                parse_number, self_checks, show_number)
from plansite.textfmt import vn_date

GUIDANCE_JS = ROOT / "docs" / "assets" / "javascripts" / "guidance.js"


def fixture_data(**changes) -> SelfCheckFile:
    data = yaml.safe_load((FIXTURES / "selfchecks" / "engine.yml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        part, name = dotted.split("__")
        data[part][name] = value
    return SelfCheckFile.model_validate(data)


DATA = fixture_data()
CHECKS = self_checks(DATA)
DECLARATION, EPR = CHECKS["khai-bao"], CHECKS["epr"]


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


@settings(max_examples=300, deadline=None)
@given(tons=st.none() | st.floats(0, 3000, allow_nan=False), megawatts=st.none() | st.floats(0, 15, allow_nan=False))
def test_declaration_applies_when_any_threshold_is_reached_and_is_ruled_out_only_when_all_are_below(tons, megawatts):
    answers = {"nganh": "nganh-hai-nguong", "nganh-hai-nguong-tan-nam": tons, "nganh-hai-nguong-mw": megawatts}
    result = evaluate(DECLARATION, {k: v for k, v in answers.items() if v is not None})
    if (tons is not None and tons >= 1000) or (megawatts is not None and megawatts >= 5):
        assert result.outcome_ids == ["phai-khai-bao"]
    elif tons is not None and megawatts is not None:
        assert result.outcome_ids == ["duoi-nguong"]
    else:
        assert result.outcome_ids == ["chua-ro-cong-suat"]


def test_a_threshold_is_reached_at_exactly_its_value_as_typed():
    assert evaluate(DECLARATION, {"nganh": "nganh-mot-nguong", "nganh-mot-nguong-tan-nam": "2,5"}).outcome_ids \
        == ["phai-khai-bao"]
    assert evaluate(DECLARATION, {"nganh": "nganh-mot-nguong", "nganh-mot-nguong-tan-nam": "2,49"}).outcome_ids \
        == ["duoi-nguong"]
    with pytest.raises(AnswerError) as error:  # never a silent misreading of "2.5"
        evaluate(DECLARATION, {"nganh": "nganh-mot-nguong", "nganh-mot-nguong-tan-nam": "2.5"})
    assert error.value.key == "nganh-mot-nguong-tan-nam" and "2,5" in error.value.message


@pytest.mark.parametrize("answer, outcome, verdict", [
    ("co", "dat-quy-mo", "phai"), ("khong", "duoi-quy-mo", "khong"), ("khong-ro", "chua-ro-quy-mo", "chua-ro")])
def test_a_sector_without_a_threshold_asks_about_the_scale_of_phu_luc_i(answer, outcome, verdict):
    result = evaluate(DECLARATION, {"nganh": "nganh-chua-ghi", "nganh-chua-ghi-quy-mo": answer})
    assert result.outcome_ids == [outcome] and result.verdict == verdict
    assert [step.question.key for step in result.steps] == ["nganh", "nganh-chua-ghi-quy-mo"]
    assert "Phụ lục I" in result.steps[1].question.text
    reached = DECLARATION.outcomes[outcome]
    assert "Phụ lục I" in reached.text and "Cơ quan thử A" in reached.text
    assert reached.sources == tuple(DATA.declaration.sources)


def test_a_sector_without_a_threshold_is_never_declared_bound_outright():
    """The old rule ("no threshold in the data: must declare") invented a legal fact."""
    for answer in ("khong", "khong-ro"):
        result = evaluate(DECLARATION, {"nganh": "nganh-chua-ghi", "nganh-chua-ghi-quy-mo": answer})
        assert result.verdict != "phai"


def test_a_facility_in_several_sectors_gets_an_outcome_for_each_and_the_strictest_verdict():
    result = evaluate(DECLARATION, {"nganh": ["nganh-mot-nguong", "nganh-chua-ghi"],
                                    "nganh-mot-nguong-tan-nam": "1", "nganh-chua-ghi-quy-mo": "co"})
    assert result.outcome_ids == ["duoi-nguong", "dat-quy-mo"]
    assert result.verdict == "phai"
    assert [r.via for r in result.reached] == [("Ngành có một ngưỡng",), ("Ngành chưa ghi ngưỡng",)]


def test_capacities_of_different_sectors_never_share_an_answer():
    keys = {sector.id: {q.key for q in DECLARATION.questions.values() if q.id.startswith(f"{sector.id}-")}
            for sector in DATA.declaration.sectors}
    assert keys == {"nganh-hai-nguong": {"nganh-hai-nguong-tan-nam", "nganh-hai-nguong-mw"},
                    "nganh-mot-nguong": {"nganh-mot-nguong-tan-nam"},
                    "nganh-chua-ghi": {"nganh-chua-ghi-quy-mo"}}


def test_other_sector_is_offered_only_while_the_list_is_incomplete():
    assert "khac" in {c.value for c in DECLARATION.questions["nganh"].choices}
    assert "nganh-khac" in DECLARATION.outcomes
    complete = self_checks(fixture_data(declaration__sectors_complete=True))["khai-bao"]
    assert "khac" not in {c.value for c in complete.questions["nganh"].choices}
    assert "nganh-khac" not in complete.outcomes


def test_scale_outcomes_exist_only_when_some_sector_has_no_threshold():
    data = yaml.safe_load((FIXTURES / "selfchecks" / "engine.yml").read_text(encoding="utf-8"))
    data["declaration"]["sectors"] = [s for s in data["declaration"]["sectors"] if s.get("thresholds")]
    data["declaration"]["examples"] = []
    check = self_checks(SelfCheckFile.model_validate(data))["khai-bao"]
    assert not {"dat-quy-mo", "duoi-quy-mo", "chua-ro-quy-mo"} & set(check.outcomes)


# Engine: the EPR check


def _epr(**answers) -> list[str]:
    return evaluate(EPR, {k.replace("_", "-"): v for k, v in answers.items()}).outcome_ids


@settings(max_examples=300, deadline=None)
@given(roles=st.sets(st.sampled_from(["san-xuat", "nhap-khau", "nhan-hieu", "ban-lai"]), min_size=1),
       groups=st.sets(st.sampled_from(["bao-bi-thu", "nhom-a", "nhom-b", "khac"]), min_size=1),
       export_only=st.booleans(), revenue=st.none() | st.floats(0, 100, allow_nan=False), reuses=st.booleans())
def test_epr_gives_each_role_and_product_group_its_outcome(roles, groups, export_only, revenue, reuses):
    answers = {"vai-tro": sorted(roles), "nhom": sorted(groups), "muc-dich": "co" if export_only else "khong",
               "tu-thu-hoi": "co" if reuses else "khong"}
    if revenue is not None:
        answers["doanh-thu"] = revenue
    expected = []
    if roles & {"san-xuat", "nhap-khau"}:
        for group in ("bao-bi-thu", "nhom-a", "nhom-b", "khac"):  # the question's order
            if group not in groups:
                continue
            if group == "khac":
                outcome = "nhom-khac"
            elif export_only:
                outcome = "mien-xuat-khau"
            elif revenue is None:
                outcome = "chua-ro-doanh-thu"
            elif revenue < 12.5:
                outcome = "mien-doanh-thu"
            elif group == "bao-bi-thu" and reuses:
                outcome = "mien-tu-thu-hoi"
            else:
                outcome = f"phai-{group}"
            if outcome not in expected:
                expected.append(outcome)
    if "nhan-hieu" in roles:
        expected.append("co-the-nhan-hieu")
    if "ban-lai" in roles:
        expected.append("ban-lai")
    result = evaluate(EPR, answers)
    assert result.outcome_ids == expected
    keys = [step.question.key for step in result.steps]
    assert len(keys) == len(set(keys))  # one revenue figure, asked once, serves every group


def test_reselling_is_never_cleared_and_says_whom_to_ask():
    for roles in (["ban-lai"], ["nhan-hieu"], ["nhan-hieu", "ban-lai"]):
        result = evaluate(EPR, {"vai-tro": roles})
        assert result.verdict != "khong", roles
        for reached in result.reached:
            assert "có thể" in reached.outcome.text
            assert "Cơ quan thử A hoặc Cơ quan thử B" in reached.outcome.text


def test_a_business_that_makes_imports_and_sells_nothing_is_cleared_and_cannot_say_both():
    assert _epr(vai_tro="khong") == ["khong-san-xuat-nhap-khau"]
    with pytest.raises(AnswerError, match="khong"):
        _epr(vai_tro=["khong", "ban-lai"])


def test_an_unanswered_or_unknown_choice_is_an_error_not_an_outcome():
    with pytest.raises(AnswerError, match="thiếu câu trả lời"):
        evaluate(EPR, {})
    with pytest.raises(AnswerError, match="nhom-c"):
        _epr(vai_tro="san-xuat", nhom=["nhom-a", "nhom-c"])
    with pytest.raises(AnswerError):
        _epr(vai_tro=[])


def test_epr_outcomes_state_each_groups_start_date_and_every_yearly_deadline():
    for group in DATA.epr.groups:
        outcome = EPR.outcomes[f"phai-{group.id}"]
        assert f"từ ngày {vn_date(group.since)}" in outcome.text
        assert outcome.points == (
            "Việc thử thứ nhất, hạn trước ngày 10/5 hằng năm.",
            f"Việc thử thứ hai, hạn trước ngày 28/02 hằng năm ({CHECK_CURRENT}).")
        assert {s.ref for s in outcome.sources} >= {"luat-thu", "van-ban-thu", "van-ban-han"}
    assert "01/7/2030" in EPR.outcomes["phai-bao-bi-thu"].text
    assert "15/3/2032" in EPR.outcomes["phai-nhom-b"].text


def test_deadlines_are_data_a_checked_one_drops_the_caveat():
    data = fixture_data(epr__deadlines=[{"task": "Việc thử", "before": "20/4", "verified": True,
                                         "sources": [{"ref": "van-ban-han"}]}])
    outcome = self_checks(data)["epr"].outcomes["phai-nhom-a"]
    assert outcome.points == ("Việc thử, hạn trước ngày 20/4 hằng năm.",)
    with pytest.raises(ValueError, match="không có trong mọi năm"):
        YearlyDeadline.model_validate({"task": "x", "before": "31/2", "verified": True, "sources": [{"ref": "a"}]})


# Engine: both trees


@pytest.mark.parametrize("check", [DECLARATION, EPR], ids=lambda c: c.id)
def test_every_path_ends_in_an_outcome_and_every_outcome_is_reachable(check):
    _assert_tree_is_whole(check)


def _assert_tree_is_whole(check):
    targets = {check.start}
    for q in check.questions.values():
        targets |= {c.next for c in q.choices} | {t for t in (q.at_least, q.below, q.unknown) if t}
    assert targets <= set(check.questions) | set(check.outcomes)
    assert set(check.outcomes) <= targets  # no outcome is unreachable
    assert set(check.to_json()["outcomes"]) == set(check.outcomes)


def test_the_tree_for_the_browser_carries_what_the_walk_needs():
    tree = EPR.to_json()
    assert tree["verdicts"][0] == {"id": "phai", "label": VERDICTS["phai"]}  # strictest first, as a list
    assert [v["id"] for v in tree["verdicts"]] == list(VERDICTS)
    role = tree["questions"]["vai-tro"]
    assert role["multiple"] is True
    assert [c["value"] for c in role["choices"] if c.get("exclusive")] == ["khong"]
    revenue = tree["questions"]["nhom-a-doanh-thu"]
    assert (revenue["unit"], revenue["minimum"]) == ("tỷ đồng", 12.5)


# Worked examples: checked as content, reported at their line


def test_worked_examples_of_the_fixture_hold():
    assert example_problems(DATA) == []
    worked = dict((e.name, r) for e, r in EPR.worked_examples())
    assert worked["Hai nhóm, doanh thu gõ kèm đơn vị"].outcome_ids == ["mien-tu-thu-hoi", "phai-nhom-a"]


def _with_example(part: str, **example) -> SelfCheckFile:
    data = yaml.safe_load((FIXTURES / "selfchecks" / "engine.yml").read_text(encoding="utf-8"))
    data[part]["examples"] = [example]
    return SelfCheckFile.model_validate(data)


def test_an_example_that_no_longer_holds_names_the_outcome_it_gives():
    data = _with_example("declaration", name="Ví dụ", answers={"nganh": "nganh-mot-nguong",
                                                                "nganh-mot-nguong-tan-nam": "3"}, expect="duoi-nguong")
    [problem] = example_problems(data)
    assert (problem.code, problem.path, problem.name) == ("E-EXAMPLE", ("declaration", "examples", 0, "expect"), "Ví dụ")
    assert '"phai-khai-bao"' in problem.message and "sửa expect" in problem.message


@pytest.mark.parametrize("answers, expect, field, words", [
    ({"vai-tro": "san-xuat", "nhom": "nhom-a", "muc-dich": "khong", "doanh-thu": "2.5"}, "mien-doanh-thu",
     "answers.doanh-thu", "2,5"),
    ({"vai-tro": "ban-lai", "vai-tro-khac": "x"}, "ban-lai", "answers.vai-tro-khac", "không có trong bài"),
    ({"vai-tro": "ban-lai"}, "ban-lia", "expect", 'có phải "ban-lai"'),
    ({"vai-tro": "san-xuat"}, "ban-lai", "answers.nhom", "thiếu câu trả lời"),
])
def test_a_mistake_in_an_example_is_reported_in_vietnamese(answers, expect, field, words):
    [problem] = example_problems(_with_example("epr", name="Ví dụ", answers=answers, expect=expect))
    assert problem.code == "E-VALUE" and problem.field == field and words in problem.message


def test_example_numbers_must_be_quoted_as_typed():
    assert SelfCheckExample.model_validate({"name": "x", "answers": {"a": 30000}, "expect": "b"}).answers == {"a": "30000"}
    assert SelfCheckExample.model_validate({"name": "x", "answers": {"a": "b"}, "expect": ["c", "d"]}).expect == ["c", "d"]
    with pytest.raises(ValueError, match="dấu ngoặc kép"):  # YAML reads 350.000 as 350.0
        SelfCheckExample.model_validate({"name": "x", "answers": {"a": 350.0}, "expect": "b"})
    with pytest.raises(ValueError, match="true/false"):
        SelfCheckExample.model_validate({"name": "x", "answers": {"a": True}, "expect": "b"})


def test_a_broken_example_stops_the_build_at_its_line(project):
    path = project / "content" / "selfchecks.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["epr"]["examples"].append({"name": "Ví dụ sai", "answers": {"vai-tro": "khong"}, "expect": "ban-lai"})
    path.write_text("# yaml-language-server: $schema=schema/selfchecks.schema.json\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = max(i for i, text in enumerate(lines, start=1) if "expect: ban-lai" in text)
    assert str(error.value).splitlines()[0].startswith(
        f'content/selfchecks.yml:{line}:13 [E-EXAMPLE] bản ghi "Ví dụ sai" → trường "expect": ')


# Agreement: guidance.js reads numbers and walks trees like the Python


@pytest.fixture(scope="module")
def script_page(browser):
    """A blank page running guidance.js alone: its self-check functions without any site."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang='vi'><body></body></html>")
    page.add_script_tag(path=str(GUIDANCE_JS))
    yield page
    context.close()


def test_javascript_reads_numbers_exactly_like_python(script_page):
    samples = [(typed, unit) for typed, unit, _ in NUMBERS] + [
        ("1.234", "tấn/năm"), ("00,10", "MW"), ("9.999.999,999", "tấn/năm"), ("30 tỷ đ", "tỷ đồng"), ("2 ,5", "MW")]
    javascript = script_page.evaluate("xs => xs.map(([t, u]) => window.plansiteSelfCheck.parseNumber(t, u))", samples)
    assert javascript == [python_reading(typed, unit) for typed, unit in samples]


def _random_answers(check, rng: random.Random) -> dict:
    answers = {}
    for question in check.questions.values():
        if question.key in answers or rng.random() < 0.1:
            continue
        if question.is_number:
            answers[question.key] = rng.choice([
                str(rng.randint(0, 3 * int(question.minimum) + 3)), f"{question.minimum:g}".replace(".", ","),
                rng.uniform(0, 3 * question.minimum)])
        elif question.multiple:
            plain = [c.value for c in question.choices if not c.exclusive]
            exclusive = [c.value for c in question.choices if c.exclusive]
            answers[question.key] = exclusive[:1] if exclusive and rng.random() < 0.15 else \
                rng.sample(plain, rng.randint(1, len(plain)))
        else:
            answers[question.key] = rng.choice(question.choices).value
    return answers


@pytest.mark.parametrize("check", [DECLARATION, EPR], ids=lambda c: c.id)
def test_javascript_walks_the_tree_exactly_like_python(script_page, check):
    rng = random.Random(f"selfcheck-{check.id}")
    cases = [_random_answers(check, rng) for _ in range(300)] + [e.answers for e in check.examples]
    expected = []
    for answers in cases:
        try:
            expected.append(evaluate(check, answers).outcome_ids)
        except AnswerError:
            expected.append("error")
    javascript = script_page.evaluate("""([tree, cases]) => cases.map(answers => {
        try { return window.plansiteSelfCheck.evaluate(tree, answers); } catch (e) { return "error"; } })""",
                                      [check.to_json(), cases])
    assert javascript == expected
    assert sum(1 for e in expected if e != "error") > 200


# Content: what must always hold for content/selfchecks.yml


REAL = load_site(ROOT / "content").site  # loading validates, worked examples included
REAL_CHECKS = self_checks(REAL.selfchecks)
REAL_EXAMPLES = [(check, example) for check in REAL_CHECKS.values() for example in check.examples]


@pytest.mark.parametrize("check, example", REAL_EXAMPLES, ids=[f"{c.id}: {e.name}" for c, e in REAL_EXAMPLES])
def test_every_worked_example_gives_its_outcome(check, example):
    result = evaluate(check, example.answers)
    assert set(result.outcome_ids) == set(example.expect), [(s.question.key, s.answer) for s in result.steps]


def test_the_content_has_worked_examples_for_both_checks():
    assert all(check.examples for check in REAL_CHECKS.values())


@pytest.mark.parametrize("check", REAL_CHECKS.values(), ids=lambda c: c.id)
def test_every_outcome_cites_only_verified_sources(check):
    _assert_tree_is_whole(check)
    for outcome in check.outcomes.values():
        assert outcome.sources, outcome.id
        for source in outcome.sources:
            assert unverified_source(REAL.index["references"][source.ref].record, source.article) is None, (outcome.id, source)


CONTACT = re.compile(r"@|https?://|www\.|\b(?:điện thoại|đt|fax|hotline)\b|\b0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b",
                     re.IGNORECASE)


@pytest.mark.parametrize("check", REAL_CHECKS.values(), ids=lambda c: c.id)
def test_no_contact_details_are_published_none_being_verified(check):
    texts = [check.ask] + [f"{o.title} {o.text} {' '.join(o.points)}" for o in check.outcomes.values()]
    assert [t for t in texts if CONTACT.search(t)] == []
