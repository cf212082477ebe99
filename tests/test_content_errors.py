"""Every mistake an editor can make in content/ is caught, located and explained in Vietnamese.

Each test breaks a copy of the fixture content (tests/fixtures/site/content) the way a person
would in GitHub's web editor, then asserts the exact problem: file, line, column, code, record,
field and message. Locations are found by searching the broken file's text. The cases are
numbered as in issue 3; the dated-obligation, role and citation cases follow.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, ROOT, run_mkdocs
from plansite.content import PLAN_TYPES, SHARED_TYPES, load_site
from plansite.errors import ContentError, Problem


class Content:
    """A disposable copy of content/ with helpers to break it and to find where things are."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / "content"
        shutil.copytree(FIXTURE_CONTENT, self.dir)

    def text(self, name: str) -> str:
        return (self.dir / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        text = self.text(name)
        assert text.count(old) >= 1, f"{old!r} is not in {name}; the test needs updating"
        (self.dir / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def where(self, name: str, needle: str, offset: int = 0) -> tuple[int, int]:
        """1-based line and column of `needle` (plus `offset` characters) in the file as it is now."""
        text = self.text(name)
        index = text.index(needle) + offset
        line = text.count("\n", 0, index) + 1
        return line, index - (text.rfind("\n", 0, index) + 1) + 1

    def problems(self) -> list[Problem]:
        with pytest.raises(ContentError) as caught:
            load_site(self.dir, self.root)
        return caught.value.problems

    def warnings(self) -> list[Problem]:
        return load_site(self.dir, self.root).warnings


@pytest.fixture
def content(tmp_path) -> Content:
    return Content(tmp_path)


TASKS, DUTIES, DELIVERABLES = "plans/2024/tasks.yml", "plans/2024/duties.yml", "plans/2024/deliverables.yml"
FIXTURE = load_site(FIXTURE_CONTENT).site


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    return problems[0]


# 1. YAML syntax errors, and tab indentation


def test_1_unclosed_bracket_points_at_the_next_line_and_says_where_it_opened(content):
    content.edit(TASKS, "    cites: [luat-bvmt-2020]\n", "    cites: [luat-bvmt-2020\n")
    opened_line, opened_column = content.where(TASKS, "[luat-bvmt-2020\n")
    # libyaml stops at the first ":" it cannot read inside the still-open list
    line, column = content.where(TASKS, "  - id: cum-cong-nghiep", len("  - id"))
    assert line == opened_line + 1
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-YAML",
        'lỗi cú pháp YAML: thiếu dấu "]" đóng danh sách, hoặc thiếu dấu phẩy giữa các mục '
        "(chi tiết: did not find expected ',' or ']'); "
        f"dấu mở ngoặc ở dòng {opened_line}, cột {opened_column}",
    )


def test_1_colon_inside_unquoted_text_is_explained(content):
    content.edit(TASKS, "short_title: Tuyên truyền, phổ biến", "short_title: Tuyên truyền: phổ biến")
    line, column = content.where(TASKS, "Tuyên truyền: phổ biến", len("Tuyên truyền"))
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-YAML",
        'lỗi cú pháp YAML: có dấu hai chấm ở chỗ không được phép; văn bản có chứa ": " phải đặt trong '
        "dấu ngoặc kép (chi tiết: mapping values are not allowed in this context)",
    )


def test_1_missing_space_after_a_colon_points_at_the_line_to_fix(content):
    content.edit(TASKS, "    short_title: Tuyên truyền", "    short_title:Tuyên truyền")
    line, column = content.where(TASKS, "short_title:Tuyên truyền")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-YAML",
        'lỗi cú pháp YAML: thiếu dấu hai chấm, hoặc dấu cách sau dấu hai chấm, sau tên trường (viết "tên: giá trị") '
        "(chi tiết: could not find expected ':')",
    )


def test_1_tab_indentation_is_rejected_on_every_line_that_has_it(content):
    content.edit(TASKS, "  - id: cum-cong-nghiep\n    number: 2\n", "  - id: cum-cong-nghiep\n\tnumber: 2\n")
    content.edit("agencies.yml", "    name: Sở Tài chính\n", "  \tname: Sở Tài chính\n")
    tab_line, _ = content.where(TASKS, "\tnumber: 2")
    agency_line, _ = content.where("agencies.yml", "  \tname: Sở Tài chính")
    message = "thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách (mỗi cấp 2 dấu cách)"
    assert sorted(content.problems()) == [
        Problem("content/agencies.yml", agency_line, 3, "E-TAB", message),
        Problem("content/plans/2024/tasks.yml", tab_line, 1, "E-TAB", message),
    ]


# 2. Duplicate keys


def test_2_duplicate_key_is_an_error_naming_both_lines(content):
    content.edit(TASKS, "    number: 2\n", "    number: 2\n    short_title: Tên thứ hai\n")
    first, _ = content.where(TASKS, "short_title: Cụm công nghiệp")
    second, column = content.where(TASKS, "short_title: Tên thứ hai")
    assert second < first  # the duplicate was typed above the original
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", first, 5, "E-DUP-KEY",
        f'khoá "short_title" xuất hiện hai lần trong cùng một ánh xạ (lần đầu ở dòng {second}); '
        "YAML sẽ lặng lẽ bỏ mất một giá trị, hãy giữ lại một",
    )


# 3. Unknown fields, missing required fields, wrong types


def test_3_misspelt_field_points_at_the_key_and_lists_the_allowed_fields(content):
    content.edit("agencies.yml", "    name: Sở Tài chính\n", "    name: Sở Tài chính\n    tittle: Sở Tài chính\n")
    line, column = content.where("agencies.yml", "tittle:")
    assert only(content.problems()) == Problem(
        "content/agencies.yml", line, column, "E-FIELD-UNKNOWN",
        'trường "tittle" không có trong lược đồ (gõ nhầm tên?); '
        "các trường hợp lệ: id, name, kind, aliases, verified, successor, founded, changes",
        "so-tai-chinh", "tittle",
    )


def test_3_misspelt_field_suggests_the_field_it_means_and_is_not_also_reported_missing(content):
    content.edit(TASKS, "    short_title: Cụm công nghiệp", "    shorttitle: Cụm công nghiệp")
    line, column = content.where(TASKS, "shorttitle:")
    problem = only(content.problems())
    assert problem == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-FIELD-UNKNOWN",
        'trường "shorttitle" không có trong lược đồ (có phải "short_title"?); '
        "các trường hợp lệ: id, number, part, label, short_title, text, items, review, cites, period, changes",
        "cum-cong-nghiep", "shorttitle",
    )
    assert problem.format() == (
        f'content/plans/2024/tasks.yml:{line}:{column} [E-FIELD-UNKNOWN] bản ghi "cum-cong-nghiep" → trường "shorttitle": '
        'trường "shorttitle" không có trong lược đồ (có phải "short_title"?); '
        "các trường hợp lệ: id, number, part, label, short_title, text, items, review, cites, period, changes")


def test_3_misspelt_field_in_a_nested_list_suggests_the_field_it_means(content):
    needle = "      - text: >-\n          Phối hợp với Sở Công Thương và các sở, ngành liên quan tham mưu"
    content.edit(DUTIES, needle, needle.replace("text:", "Txt:"))
    line, column = content.where(DUTIES, "Txt:")
    assert only(content.problems()) == Problem(
        "content/plans/2024/duties.yml", line, column, "E-FIELD-UNKNOWN",
        'trường "Txt" không có trong lược đồ (có phải "text"?); các trường hợp lệ: label, text, items, role, related_tasks, '
        "cites, names", None, "sections[4].duties[1].Txt",
    )


def test_3_misspelt_optional_field_suggests_it(content):
    content.edit(DELIVERABLES, "    period: Quý II-IV/2024\n", "    peroid: Quý II-IV/2024\n")
    line, column = content.where(DELIVERABLES, "peroid:")
    problem = only(content.problems())
    assert (problem.file, problem.line, problem.column, problem.code, problem.record, problem.field) == (
        "content/plans/2024/deliverables.yml", line, column, "E-FIELD-UNKNOWN", "lop-tap-huan", "peroid")
    assert problem.message.startswith('trường "peroid" không có trong lược đồ (có phải "period"?); các trường hợp lệ: ')


def test_3_a_stray_key_like_a_field_the_record_has_gets_no_suggestion(content):
    """Renaming "nmae" to "name" would duplicate the record's name: the key is something else."""
    content.edit("agencies.yml", "    name: Sở Tài chính\n", "    name: Sở Tài chính\n    nmae: Sở Tài chính\n")
    line, column = content.where("agencies.yml", "nmae:")
    assert only(content.problems()) == Problem(
        "content/agencies.yml", line, column, "E-FIELD-UNKNOWN",
        'trường "nmae" không có trong lược đồ (gõ nhầm tên?); '
        "các trường hợp lệ: id, name, kind, aliases, verified, successor, founded, changes",
        "so-tai-chinh", "nmae",
    )


def test_3_two_misspelt_fields_each_get_their_hint_and_nothing_is_reported_missing(content):
    content.edit(TASKS, "    number: 2\n    short_title:", "    numbr: 2\n    short-title:")
    problems = content.problems()
    assert [(p.code, p.field, p.message.split(";")[0]) for p in problems] == [
        ("E-FIELD-UNKNOWN", "numbr", 'trường "numbr" không có trong lược đồ (có phải "number"?)'),
        ("E-FIELD-UNKNOWN", "short-title", 'trường "short-title" không có trong lược đồ (có phải "short_title"?)'),
    ]


def test_3_missing_required_field_points_at_the_record(content):
    content.edit(TASKS, "    short_title: Cụm công nghiệp, làng nghề và xử lý ô nhiễm\n", "")
    line, column = content.where(TASKS, "id: cum-cong-nghiep")
    problem = only(content.problems())
    assert problem == Problem("content/plans/2024/tasks.yml", line, column, "E-FIELD-MISSING",
                              'thiếu trường bắt buộc "short_title"', "cum-cong-nghiep", "short_title")
    assert problem.format() == (f'content/plans/2024/tasks.yml:{line}:{column} [E-FIELD-MISSING] bản ghi "cum-cong-nghiep" '
                                '→ trường "short_title": thiếu trường bắt buộc "short_title"')


def test_3_wrong_type_says_what_was_found_and_what_is_expected(content):
    content.edit(TASKS, "    number: 2\n", "    number: [2]\n")
    line, column = content.where(TASKS, "[2]")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-TYPE",
        "phải là số nguyên, nhưng nhận được danh sách ([2])", "cum-cong-nghiep", "number",
    )


def test_3_text_expected_but_a_mapping_given(content):
    content.edit("agencies.yml", "    name: Sở Tài chính\n", "    name:\n      vi: Sở Tài chính\n")
    line, column = content.where("agencies.yml", "vi: Sở Tài chính")
    assert only(content.problems()) == Problem(
        "content/agencies.yml", line, column, "E-TYPE",
        "phải là văn bản, nhưng nhận được ánh xạ (khoá: giá trị) ({'vi': 'Sở Tài chính'})", "so-tai-chinh", "name",
    )


def test_3_value_outside_a_fixed_list_suggests_the_nearest(content):
    content.edit("references.yml", "    kind: luat\n", "    kind: luật\n")
    line, column = content.where("references.yml", "kind: luật", len("kind: "))
    assert only(content.problems()) == Problem(
        "content/references.yml", line, column, "E-VALUE",
        'giá trị "luật" không hợp lệ (có phải "luat"?); '
        "các giá trị hợp lệ: luat, nghi-quyet, nghi-dinh, quyet-dinh, chi-thi, thong-tu, ke-hoach",
        "luat-bvmt-2020", "kind",
    )


def test_3_number_out_of_range(content):
    content.edit(TASKS, "    number: 1\n", "    number: 0\n")
    line, column = content.where(TASKS, "number: 0", len("number: "))
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-RANGE", "giá trị 0 nằm ngoài khoảng cho phép (phải ≥ 1)",
        "tuyen-truyen", "number",
    )


def test_3_malformed_id(content):
    copy = "  - id: Nhiệm vụ mới\n    number: 99\n    short_title: Mới\n    text: Mới.\n"
    (content.dir / TASKS).write_text(content.text(TASKS) + copy, encoding="utf-8")
    line, column = content.where(TASKS, "Nhiệm vụ mới")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-ID",
        'mã "Nhiệm vụ mới" không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ "so-cong-thuong"',
        "Nhiệm vụ mới", "id",
    )


# 4. Duplicate ids and unknown references


def test_4_duplicate_id_names_the_first_use(content):
    copy = "  - id: tuyen-truyen\n    number: 99\n    short_title: Bản sao\n    text: Bản sao.\n"
    (content.dir / TASKS).write_text(content.text(TASKS) + copy, encoding="utf-8")
    first, _ = content.where(TASKS, "id: tuyen-truyen")
    second, column = content.where(TASKS, copy, len("  - id: "))
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", second, column, "E-ID-DUP",
        f'mã nhiệm vụ "tuyen-truyen" bị trùng (đã dùng ở dòng {first}); mỗi bản ghi cần một mã riêng',
        "tuyen-truyen", "id",
    )


def _valid(ids: set[str]) -> str:
    shown = sorted(ids)
    return ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")


def test_4_unknown_agency_suggests_the_nearest_id_as_in_the_issue(content):
    """The issue's own example: a deliverable's lead mistyped as so-cong-thuong2."""
    content.edit(DELIVERABLES, "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]")
    line, column = content.where(DELIVERABLES, "so-cong-thuong2")
    agencies = set(FIXTURE.index["agencies"])
    problem = only(content.problems())
    assert problem.format() == (
        f'content/plans/2024/deliverables.yml:{line}:{column} [E-REF] bản ghi "lop-tap-huan" → trường "lead": '
        'đơn vị chủ trì "so-cong-thuong2" không tồn tại trong content/agencies.yml (có phải "so-cong-thuong"?); '
        f"các giá trị hợp lệ: {_valid(agencies)}"
    )
    assert (problem.code, problem.record, problem.field) == ("E-REF", "lop-tap-huan", "lead")


def test_4_unknown_task_in_a_section_iv_duty_is_looked_up_in_the_same_plan(content):
    content.edit(DUTIES, "related_tasks: [cum-cong-nghiep]", "related_tasks: [cum-cong-ngiep]")
    line, column = content.where(DUTIES, "cum-cong-ngiep")
    tasks = set(FIXTURE.plan_by_id["2024"].index["tasks"])
    assert only(content.problems()) == Problem(
        "content/plans/2024/duties.yml", line, column, "E-REF",
        'nhiệm vụ "cum-cong-ngiep" không tồn tại trong content/plans/2024/tasks.yml (có phải "cum-cong-nghiep"?); '
        f"các giá trị hợp lệ: {_valid(tasks)}",
        None, "sections[1].duties[2].related_tasks",
    )


def test_4_a_shared_file_names_a_plan_task_with_its_plan_first(content):
    content.edit("guidance/topics.yml", "tasks: [2024/co-so-du-lieu]", "tasks: [20244/co-so-du-lieu, co-so-du-lieu]")
    first, first_column = content.where("guidance/topics.yml", "20244/co-so-du-lieu")
    second, second_column = content.where("guidance/topics.yml", " co-so-du-lieu]", 1)
    plans = sorted(plan.id for plan in FIXTURE.plans)
    assert sorted(content.problems()) == [
        Problem("content/guidance/topics.yml", first, first_column, "E-REF",
                f'kế hoạch "20244" không có trong content/plans/ (có phải "2024"?); các giá trị hợp lệ: {_valid(plans)}',
                "khai-bao-du-lieu", "tasks"),
        Problem("content/guidance/topics.yml", second, second_column, "E-ID",
                'mã "co-so-du-lieu" không hợp lệ; viết mã kế hoạch (tên thư mục trong content/plans/), dấu "/" '
                'rồi mã bản ghi, ví dụ "2024/tuyen-truyen"', "khai-bao-du-lieu", "tasks"),
    ]


def test_4_unknown_legal_reference_cited_by_a_task(content):
    content.edit(TASKS, "    cites: [kh-307-2021]\n", "    cites: [kh-307-2012]\n")
    line, column = content.where(TASKS, "kh-307-2012")
    references = set(FIXTURE.index["references"])
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-REF",
        'văn bản viện dẫn "kh-307-2012" không tồn tại trong content/references.yml (có phải "kh-307-2021"?); '
        f"các giá trị hợp lệ: {_valid(references)}",
        "cum-cong-nghiep", "cites",
    )


def test_4_reference_errors_are_reported_even_when_the_target_file_has_a_schema_error(content):
    content.edit("agencies.yml", "    name: Sở Tài chính\n", "    name: Sở Tài chính\n    tittle: x\n")
    content.edit(DELIVERABLES, "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]")
    assert [(p.file, p.code) for p in sorted(content.problems())] == [
        ("content/agencies.yml", "E-FIELD-UNKNOWN"),
        ("content/plans/2024/deliverables.yml", "E-REF"),
    ]


def test_4_a_schema_error_does_not_hide_wrong_references_or_duplicate_ids_in_the_same_file(content):
    content.edit(TASKS, "    number: 2\n", "    number: 2\n    tittle: x\n")
    content.edit(TASKS, "    cites: [kh-307-2021]\n", "    cites: [kh-307-2012]\n")
    copy = "  - id: tuyen-truyen\n    number: 99\n    short_title: Bản sao\n    text: Bản sao.\n"
    (content.dir / TASKS).write_text(content.text(TASKS) + copy, encoding="utf-8")
    line, column = content.where(TASKS, "kh-307-2012")
    problems = sorted(content.problems())
    assert [p.code for p in problems] == ["E-FIELD-UNKNOWN", "E-REF", "E-ID-DUP"]
    assert (problems[1].line, problems[1].column, problems[1].record, problems[1].field) == (
        line, column, "cum-cong-nghiep", "cites")
    assert (problems[2].line, problems[2].record) == (content.where(TASKS, copy)[0], "tuyen-truyen")


# 5. Impossible dates and periods, bad quantities; dated obligations


def test_5_impossible_date(content):
    content.edit("references.yml", "    date: 17/11/2020\n", "    date: 31/02/2020\n")
    line, column = content.where("references.yml", "31/02/2020")
    assert only(content.problems()) == Problem(
        "content/references.yml", line, column, "E-DATE", 'ngày "31/02/2020" không tồn tại', "luat-bvmt-2020", "date",
    )


def test_5_date_in_another_format_asks_for_day_month_year(content):
    content.edit("references.yml", "    date: 17/11/2020\n", "    date: 2020-11-17\n")
    line, column = content.where("references.yml", "2020-11-17")
    assert only(content.problems()) == Problem(
        "content/references.yml", line, column, "E-DATE",
        'ngày "2020-11-17" không đúng dạng; hãy viết ngày/tháng/năm, ví dụ 08/9/2020', "luat-bvmt-2020", "date",
    )


def test_5_quarter_that_does_not_exist(content):
    content.edit(DELIVERABLES, "    period: Quý II-IV/2024\n", "    period: Quý V/2024\n")
    line, column = content.where(DELIVERABLES, "Quý V/2024")
    assert only(content.problems()) == Problem(
        "content/plans/2024/deliverables.yml", line, column, "E-PERIOD",
        'thời gian "Quý V/2024" có quý "V" không tồn tại; một năm chỉ có quý I, II, III, IV',
        "lop-tap-huan", "period",
    )


def test_5_period_ending_before_it_starts(content):
    content.edit(DELIVERABLES, "    period: Quý II-IV/2024\n", "    period: Quý IV-II/2024\n")
    line, column = content.where(DELIVERABLES, "Quý IV-II/2024")
    assert only(content.problems()) == Problem(
        "content/plans/2024/deliverables.yml", line, column, "E-PERIOD",
        'thời gian "Quý IV-II/2024" có quý kết thúc trước quý bắt đầu', "lop-tap-huan", "period",
    )


@pytest.mark.parametrize("written", ["-1", "1.5", '"hai"'])
def test_5_quantity_must_be_a_whole_number_not_below_zero(content, written):
    content.edit(DELIVERABLES, "    quantity: 2\n", f"    quantity: {written}\n")
    line, column = content.where(DELIVERABLES, f"quantity: {written}", len("quantity: "))
    assert only(content.problems()) == Problem(
        "content/plans/2024/deliverables.yml", line, column, "E-QTY",
        f'số lượng "{written.strip(chr(34))}" không hợp lệ; phải là số nguyên không âm, ví dụ 2',
        "lop-tap-huan", "quantity",
    )


def _obligation(content, record: str) -> tuple[str, str]:
    """The text of one obligation's block in obligations.yml, and that file's text."""
    text = content.text("obligations.yml")
    start = text.index(f"  - id: {record}\n")
    end = text.find("\n\n", start)
    return text[start:end if end > 0 else len(text)], text


def test_5_obligation_ending_before_it_starts(content):
    block, _ = _obligation(content, "ha-noi-nhua-tai-che-20")
    content.edit("obligations.yml", block, block.replace("    ends: 31/12/2029", "    ends: 31/12/2027"))
    line, column = content.where("obligations.yml", "31/12/2027")
    assert only(content.problems()) == Problem(
        "content/obligations.yml", line, column, "E-DATE",
        "ngày kết thúc 31/12/2027 trước ngày bắt đầu 01/01/2028 (starts); hãy kiểm tra lại hai ngày",
        "ha-noi-nhua-tai-che-20", "ends",
    )


@pytest.mark.parametrize("written, message", [
    ("31/02", 'ngày "31/02" không có trong mọi năm; tháng 2 không có ngày 31'),
    ("29/02", 'ngày "29/02" không có trong mọi năm; tháng 2 không có ngày 29'),
    ("31/13", 'ngày "31/13" không có trong mọi năm; tháng 13 không có ngày 31'),
])
def test_5_yearly_due_day_that_is_not_in_every_year(content, written, message):
    content.edit("obligations.yml", "    yearly_due: 31/01\n", f"    yearly_due: {written}\n")
    line, column = content.where("obligations.yml", f"yearly_due: {written}", len("yearly_due: "))
    assert only(content.problems()) == Problem(
        "content/obligations.yml", line, column, "E-DATE", message, "tt42-khai-bao-hang-nam", "yearly_due")


@pytest.mark.parametrize("written, shown", [("01", "1"), ('"/01"', "/01"), ("hằng năm", "hằng năm")])
def test_5_yearly_duty_without_a_day(content, written, shown):
    content.edit("obligations.yml", "    yearly_due: 31/01\n", f"    yearly_due: {written}\n")
    line, column = content.where("obligations.yml", f"yearly_due: {written}", len("yearly_due: "))
    assert only(content.problems()) == Problem(
        "content/obligations.yml", line, column, "E-DATE",
        f'hạn hằng năm "{shown}" cần cả ngày và tháng, viết ngày/tháng, ví dụ 31/01',
        "tt42-khai-bao-hang-nam", "yearly_due")


def test_5_obligation_for_an_unknown_kind_of_business(content):
    content.edit("obligations.yml", "    business_kinds: [cho-cua-hang-tien-loi]\n",
                 "    business_kinds: [cho-cua-hang-tien-lo]\n")
    line, column = content.where("obligations.yml", "cho-cua-hang-tien-lo]")
    kinds = set(FIXTURE.index["businesses"])
    assert only(content.problems()) == Problem(
        "content/obligations.yml", line, column, "E-REF",
        'loại hình doanh nghiệp "cho-cua-hang-tien-lo" không tồn tại trong content/guidance/businesses.yml '
        f'(có phải "cho-cua-hang-tien-loi"?); các giá trị hợp lệ: {_valid(kinds)}',
        "ha-noi-cho-tui-mien-phi-2027", "business_kinds")


# Roles and citations: what the site says the plan says must stand in the plan's text


def test_a_role_the_plans_words_do_not_use_is_refused(content):
    needle = "        related_tasks: [cum-cong-nghiep]\n"
    content.edit(DUTIES, needle, "        role: chu-tri\n" + needle)
    line, column = content.where(DUTIES, "role: chu-tri\n" + needle, len("role: "))
    assert only(content.problems()) == Problem(
        "content/plans/2024/duties.yml", line, column, "E-ROLE",
        'vai trò "chu-tri" nhưng nguyên văn không có chữ "chủ trì"; chỉ ghi vai trò khi Kế hoạch dùng đúng chữ '
        "ấy, nếu không hãy xoá dòng role", "so-cong-thuong", "duties[2].role")


def test_a_task_may_cite_only_what_its_text_names(content):
    content.edit(TASKS, "    cites: [kh-307-2021]\n", "    cites: [kh-307-2021, tt-42-2020]\n")
    line, column = content.where(TASKS, "tt-42-2020]")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-CITE",
        'nguyên văn không nhắc đến văn bản "tt-42-2020" (Thông tư 42/2020/TT-BCT); chỉ ghi những văn bản mà '
        "nguyên văn nêu", "cum-cong-nghiep", "cites")


# Plans as folders


def test_two_main_plans_are_refused(content):
    plan = content.dir / "plans" / "kh-362-2025" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8") + "main: true\n", encoding="utf-8")
    problems = content.problems()
    assert [(p.code, p.message.split(";")[0]) for p in problems] == [
        ("E-PLAN", "cần đúng một kế hoạch chính (main: true), nhưng có: 2024, kh-362-2025")]


def test_a_summary_plan_with_task_files_is_refused_and_a_full_one_needs_them(content):
    shutil.copy(content.dir / TASKS, content.dir / "plans" / "kh-362-2025" / "tasks.yml")
    (content.dir / DELIVERABLES).unlink()
    assert sorted((p.file, p.code) for p in content.problems()) == [
        ("content/plans/2024/deliverables.yml", "E-FILE-MISSING"),
        ("content/plans/kh-362-2025/tasks.yml", "E-PLAN"),
    ]


# 6. Encoding: NFC, control characters, BOM, CRLF, non-UTF-8


def test_6_decomposed_text_is_normalised_to_nfc_with_a_warning(content):
    decomposed = unicodedata.normalize("NFD", "Sở Tài chính")
    content.edit("agencies.yml", "    name: Sở Tài chính\n", f"    name: {decomposed}\n")
    line, column = content.where("agencies.yml", decomposed)
    loaded = load_site(content.dir, content.root)
    assert loaded.warnings == [Problem(
        "content/agencies.yml", line, column, "W-NFC",
        "văn bản không ở dạng Unicode NFC (dấu tiếng Việt tách rời); đã tự chuẩn hoá, "
        "không cần sửa nhưng nên lưu lại tệp ở dạng NFC", warning=True,
    )]
    assert loaded.site.index["agencies"]["so-tai-chinh"].name == "Sở Tài chính"  # NFC, equal to the plan's spelling


def test_6_invisible_control_character_is_rejected(content):
    content.edit(TASKS, "short_title: Tuyên truyền", "short_title: Tuyên\x07 truyền")
    line, column = content.where(TASKS, "\x07")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-CTRL", "có ký tự điều khiển vô hình U+0007; hãy xoá ký tự này",
    )


def test_6_control_character_typed_as_an_escape_is_rejected_too(content):
    """A right-to-left override reorders what readers see; written as \\u202e it hides from a line scan."""
    content.edit(TASKS, "    number: 2\n", "    number: 2\n    short_title: \"Cụm\\u202e công nghiệp\"\n")
    content.edit(TASKS, "    short_title: Cụm công nghiệp, làng nghề và xử lý ô nhiễm\n", "")
    line, column = content.where(TASKS, '"Cụm\\u202e')
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-CTRL",
        "có ký tự điều khiển vô hình U+202E (viết dạng mã thoát trong dấu ngoặc kép); hãy xoá ký tự này",
    )


def test_6_bom_and_crlf_are_repaired_with_warnings_and_lines_still_count_right(content):
    path = content.dir / TASKS
    text = content.text(TASKS).replace("    number: 2\n", "    number: 2\n    tittle: x\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    line = text.count("\n", 0, text.index("tittle")) + 1
    assert sorted(content.problems()) == [
        Problem("content/plans/2024/tasks.yml", 1, 1, "W-BOM",
                "tệp bắt đầu bằng ký tự BOM vô hình; đã bỏ qua, nên lưu lại dạng UTF-8 không BOM", warning=True),
        Problem("content/plans/2024/tasks.yml", 1, 1, "W-CRLF",
                "tệp dùng kiểu xuống dòng Windows (CRLF); đã tự chuyển sang LF", warning=True),
        Problem("content/plans/2024/tasks.yml", line, 5, "E-FIELD-UNKNOWN",
                'trường "tittle" không có trong lược đồ (gõ nhầm tên?); '
                "các trường hợp lệ: id, number, part, label, short_title, text, items, review, cites, period, changes", "cum-cong-nghiep", "tittle"),
    ]


def test_6_bom_and_crlf_alone_are_accepted(content):
    path = content.dir / "glossary.yml"
    path.write_bytes(b"\xef\xbb\xbf" + content.text("glossary.yml").replace("\n", "\r\n").encode("utf-8"))
    assert [p.code for p in content.warnings()] == ["W-BOM", "W-CRLF"]


def test_6_file_that_is_not_utf8_is_rejected_at_the_first_bad_byte(content):
    """Columns count characters, as an editor does, even after accented letters on the same line."""
    line, column = content.where(TASKS, "Tuyên truyền", len("Tuyên truy"))
    raw = content.text(TASKS).encode("utf-8")
    (content.dir / TASKS).write_bytes(raw.replace("Tuyên truyền".encode(), "Tuyên truy".encode() + b"\xffn", 1))
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-ENCODING",
        "tệp không phải UTF-8 (byte 0xff); hãy lưu lại tệp với mã hoá UTF-8",
    )


# 7. Raw HTML


def test_7_script_tag_in_text_is_rejected(content):
    content.edit(TASKS, "short_title: Tuyên truyền", "short_title: <script>alert(1)</script>Tuyên truyền")
    line, column = content.where(TASKS, "<script>")
    assert only(content.problems()) == Problem(
        "content/plans/2024/tasks.yml", line, column, "E-HTML",
        "có thẻ HTML <script>; nội dung chỉ được là văn bản thuần (thẻ HTML không được đưa lên trang)",
        "tuyen-truyen", "short_title",
    )


def test_7_html_split_over_lines_of_a_folded_text_is_rejected(content):
    needle = "      - text: >-\n          Phối hợp với Sở Công Thương và các sở, ngành liên quan tham mưu"
    content.edit(DUTIES, needle, needle.replace("Phối hợp", "<img\n          src=x onerror=alert(1)> Phối hợp"))
    # a folded text's place is its ">-" marker: the text itself starts on the next line
    line, column = content.where(DUTIES, "text: >-\n          <img", len("text: "))
    assert only(content.problems()) == Problem(
        "content/plans/2024/duties.yml", line, column, "E-HTML",
        "có thẻ HTML <img src=x onerror=alert(1)>; nội dung chỉ được là văn bản thuần "
        "(thẻ HTML không được đưa lên trang)", None, "sections[4].duties[1].text",
    )


def test_7_text_that_only_looks_like_markup_is_shown_as_written(project, tmp_path):
    tasks = project / "content" / TASKS
    text = tasks.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("    short_title: Tuyên truyền"))
    tasks.write_text(text.replace(line, "    short_title: 'Giảm < 50% & tăng > 20% *in nghiêng* [liên kết](x)'"),
                     encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "nhiem-vu" / "tuyen-truyen" / "index.html").read_text(encoding="utf-8")
    assert "Giảm &lt; 50% &amp; tăng &gt; 20% *in nghiêng* [liên kết](x)" in html
    assert "<em>in nghiêng</em>" not in html and 'href="x"' not in html


# 8. Empty files, unknown files, anchors and aliases


@pytest.mark.parametrize("text", ["", "\n\n", "# chỉ có chú thích\n", "---\n", "null\n"])
def test_8_empty_file(content, text):
    (content.dir / "glossary.yml").write_text(text, encoding="utf-8")
    assert only(content.problems()) == Problem(
        "content/glossary.yml", 1, 1, "E-EMPTY", "tệp rỗng; tệp nội dung phải có dữ liệu",
    )


def test_8_file_of_no_content_type(content):
    shutil.copy(content.dir / TASKS, content.dir / "nhiem-vu.yml")
    known = ", ".join([*sorted(ct.path for ct in SHARED_TYPES), *(f"plans/<mã kế hoạch>/{ct.path}" for ct in PLAN_TYPES)])
    assert only(content.problems()) == Problem(
        "content/nhiem-vu.yml", 1, 1, "E-FILE-UNKNOWN",
        f'tệp "nhiem-vu.yml" không thuộc loại nội dung nào; các tệp hợp lệ: {known}',
    )


def test_8_alias_bomb_is_rejected_before_it_is_expanded(content):
    bomb = "".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    content.edit("glossary.yml", "terms:\n", "a0: &a0 [lol]\n" + bomb + "terms:\n")
    line, column = content.where("glossary.yml", "&a0")  # the first anchor that is used again
    assert only(content.problems()) == Problem(
        "content/glossary.yml", line, column, "E-ALIAS",
        "không dùng neo/bí danh YAML (&, *); hãy viết đầy đủ giá trị tại mỗi chỗ dùng",
    )


def test_8_merge_key_is_rejected(content):
    content.edit("glossary.yml", "  - id: ktth\n", "  - <<: {expansion: x}\n    id: ktth\n")
    line, column = content.where("glossary.yml", "<<")
    assert only(content.problems()) == Problem(
        "content/glossary.yml", line, column, "E-ALIAS",
        "không dùng khoá gộp '<<' của YAML; hãy viết đầy đủ từng trường",
    )


# All at once, and the same words everywhere


def test_every_error_is_reported_in_one_run_and_check_exits_non_zero(content):
    content.edit(DELIVERABLES, "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]")
    content.edit(TASKS, "    number: 2\n", "    number: hai\n")
    content.edit("references.yml", "    date: 17/11/2020\n", "    date: 31/02/2020\n")
    (content.dir / "glossary.yml").write_text("terms: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts.check", str(content.root)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(" ", 2)[1] for line in lines[:-1]] == ["[E-YAML]", "[E-REF]", "[E-TYPE]", "[E-DATE]"]
    assert [line.split(":", 1)[0] for line in lines[:-1]] == [
        "content/glossary.yml", "content/plans/2024/deliverables.yml", "content/plans/2024/tasks.yml",
        "content/references.yml"]
    assert lines[-1] == "Nội dung có 4 lỗi."


def test_mkdocs_build_prints_the_same_messages_as_make_check(project, tmp_path):
    project_content = project / "content" / DELIVERABLES
    project_content.write_text(project_content.read_text(encoding="utf-8").replace(
        "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]"), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "scripts.check", str(project)], cwd=ROOT,
                           capture_output=True, text=True)
    build = run_mkdocs(project, tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    for line in check.stderr.strip().splitlines():
        assert line in build.stderr


def test_a_new_editor_mistypes_a_lead_then_fixes_it_with_the_hint(content):
    """The issue's 'done when': the error names the place and the fix; applying the hint passes."""
    command = [sys.executable, "-m", "scripts.check", str(content.root)]
    content.edit(DELIVERABLES, "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]")
    wrong = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert wrong.returncode == 1
    hint = wrong.stderr.split('(có phải "', 1)[1].split('"', 1)[0]
    assert hint == "so-cong-thuong"
    content.edit(DELIVERABLES, "lead: [so-cong-thuong2]", f"lead: [{hint}]")
    right = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert right.returncode == 0, right.stderr
    assert right.stdout.startswith("Nội dung hợp lệ:")
