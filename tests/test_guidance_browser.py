"""The guidance pages in a real browser (Debian's Chromium): the self-check form walks the same
tree as plansite/selfcheck.py and reaches the same outcomes for every worked example of
content/selfchecks.yml, typing the numbers as written there; it speaks Vietnamese when an answer
is missing or a number cannot be read, and keeps the question clear of the sticky header.
Checklists keep their ticks across reloads and print with their boxes."""

from __future__ import annotations

import pytest

from pagetypes import PAGES
from browsing import PHONE, visit
from conftest import ROOT
from plansite.content import load_site
from plansite.selfcheck import HEADLINES, self_checks
from plansite.vn_numbers import parse_number

_SITE = load_site(ROOT / "content").site
CHECKS = self_checks(_SITE.selfchecks, _SITE.index["obligations"], _SITE.today)
EXAMPLES = [(check_id, example) for check_id, check in CHECKS.items() for example in check.record.examples]


@pytest.fixture(scope="module")
def served(site_url):
    """The built site over local HTTP (conftest's server), as a reader gets it (storage needs an http origin)."""
    return site_url.rstrip("/")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def answer_until_outcome(page, answers: dict) -> list[str]:
    """Answer each question the form asks from `answers` (numbers typed as written); the outcomes shown."""
    form = page.locator("[data-selfcheck]")
    for _ in range(30):
        if form.get_attribute("data-outcomes"):
            return form.get_attribute("data-outcomes").split()
        step = form.locator("form.selfcheck__step")
        key = step.get_attribute("data-question")
        number = step.locator("input[inputmode=decimal]")
        if number.count():
            number.fill(answers.get(key, ""))
        else:
            value = answers[key]
            for choice in [value] if isinstance(value, str) else value:
                step.locator(f'input[value="{choice}"]').check()
        step.locator("button[type=submit]").click()
    raise AssertionError("the form did not reach an outcome")


def test_every_worked_example_reaches_its_outcomes_in_the_form(served, page):
    for check_id in CHECKS:
        page.goto(f"{served}/huong-dan/tu-kiem-tra-{check_id}/")
        form = page.locator("[data-selfcheck]")
        assert form.is_visible()
        for example in CHECKS[check_id].record.examples:
            outcomes = answer_until_outcome(page, example.answers)
            assert sorted(outcomes) == sorted(example.expect), example.name
            result = form.locator(".selfcheck__result")
            assert "không phải quyết định pháp lý" in result.inner_text()
            assert result.locator('a[href*="van-ban/"]').count() >= 1
            form.get_by_role("button", name="Làm lại").click()


def _to_revenue_question(page, served):
    """The EPR form at its revenue question: a producer of the first product group, not only for export."""
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    step = page.locator("form.selfcheck__step")
    step.locator('input[value="san-xuat"]').check()
    step.locator("button[type=submit]").click()
    step.locator("input[type=checkbox]").first.check()
    step.locator("button[type=submit]").click()
    step.locator('input[value="khong"]').check()
    step.locator("button[type=submit]").click()
    assert step.get_attribute("data-question") == "doanh-thu"
    return step


def test_a_step_with_nothing_chosen_says_so_in_vietnamese_and_focuses_the_question(served, page):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    step = page.locator("form.selfcheck__step")
    step.locator("button[type=submit]").click()
    error = step.locator(".selfcheck__error")
    assert error.is_visible() and error.inner_text() == "Hãy chọn ít nhất một ý."
    assert step.get_attribute("data-question") == "vai-tro"  # still the same question
    assert page.evaluate("document.activeElement.name") == "vai-tro"
    assert page.evaluate("[...document.querySelectorAll('.selfcheck input')].every(i => i.validationMessage === '')")
    described = step.locator("fieldset").get_attribute("aria-describedby").split()
    assert error.get_attribute("id") in described
    step.locator('input[value="ban-lai"]').check()
    assert not error.is_visible()


def test_none_of_these_is_never_ticked_with_another_choice(served, page):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    step = page.locator("form.selfcheck__step")
    step.locator('input[value="san-xuat"]').check()
    step.locator('input[value="ban-lai"]').check()
    step.locator('input[value="khong"]').check()
    assert [step.locator(f'input[value="{v}"]').is_checked() for v in ("san-xuat", "ban-lai", "khong")] \
        == [False, False, True]
    step.locator('input[value="nhap-khau"]').check()
    assert not step.locator('input[value="khong"]').is_checked()


def test_numbers_are_read_as_typed_shown_back_and_refused_with_the_pythons_message(served, page):
    step = _to_revenue_question(page, served)
    field = step.locator("input[inputmode=decimal]")
    assert field.get_attribute("type") == "text"
    echo = step.locator(".selfcheck__understood")
    field.fill("1.234,5 tỷ")
    assert echo.inner_text() == "Đã hiểu: 1.234,5 tỷ đồng"
    field.fill("2.5")
    step.locator("button[type=submit]").click()
    error = step.locator(".selfcheck__error")
    try:
        parse_number("2.5", "tỷ đồng")
        raise AssertionError("2.5 must be refused")
    except ValueError as refusal:
        assert error.inner_text() == refusal.message
    assert field.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "doanh-thu"
    field.fill("2,5")
    assert not error.is_visible() and echo.inner_text() == "Đã hiểu: 2,5 tỷ đồng"
    step.locator("button[type=submit]").click()
    page.locator("summary", has_text="Câu trả lời của bạn").click()
    assert "— 2,5 tỷ đồng" in page.locator(".selfcheck__result ol").inner_text()


def test_the_next_question_gets_focus_below_the_sticky_header(browser, site_url):
    with visit(browser, site_url + "huong-dan/tu-kiem-tra-epr/", PHONE) as record:
        page = record.page
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the reader scrolled away
        step = page.locator("form.selfcheck__step")
        step.locator('input[value="san-xuat"]').check()
        step.locator("button[type=submit]").click()
        for _ in range(2):  # a new question, then the same question with its error
            geometry = page.evaluate("""() => {
                const header = document.querySelector('.md-header').getBoundingClientRect();
                const legend = document.querySelector('.selfcheck legend').getBoundingClientRect();
                const focused = document.activeElement;
                const spot = focused.getBoundingClientRect();
                const onTop = document.elementFromPoint(spot.left + spot.width / 2, spot.top + spot.height / 2);
                return {headerBottom: header.bottom, legendTop: legend.top, focusedIn: !!focused.closest('.selfcheck__step'),
                        focusedVisible: onTop === focused || focused.contains(onTop) || onTop === focused.parentNode,
                        bottom: spot.bottom, height: innerHeight};
            }""")
            assert geometry["focusedIn"], geometry
            assert geometry["legendTop"] >= geometry["headerBottom"], geometry
            assert geometry["focusedVisible"] and geometry["bottom"] <= geometry["height"], geometry
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            step.locator("button[type=submit]").click()
        assert record.console_errors == []


def test_the_form_is_accessible_at_every_stage(browser, site_url):
    with visit(browser, site_url + "huong-dan/tu-kiem-tra-epr/") as record:
        page = record.page
        step = page.locator("form.selfcheck__step")
        stages = {}
        step.locator("button[type=submit]").click()
        stages["choice, with its error"] = record.axe_violations()
        step.locator('input[value="san-xuat"]').check()
        step.locator("button[type=submit]").click()
        step.locator("input[type=checkbox]").first.check()
        step.locator("button[type=submit]").click()
        step.locator('input[value="khong"]').check()
        step.locator("button[type=submit]").click()
        step.locator("input[inputmode=decimal]").fill("1,234")
        step.locator("button[type=submit]").click()
        stages["number, with its error"] = record.axe_violations()
        step.locator("input[inputmode=decimal]").fill("")
        step.locator("button[type=submit]").click()
        stages["result"] = record.axe_violations()
        assert stages == {stage: [] for stage in stages}
        assert record.console_errors == [] and record.foreign_requests() == []


def test_a_business_in_several_groups_gets_every_outcome_under_the_strictest_verdict(served, page):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    groups = [c.id for c in CHECKS["epr"].questions["nhom"].choices if c.id != "khac"][:2]
    outcomes = answer_until_outcome(page, {"vai-tro": ["san-xuat", "ban-lai"], "nhom": groups, "muc-dich": "khong",
                                           "doanh-thu": "100.000", "tu-thu-hoi": "khong"})
    assert outcomes == [f"phai-{g}" for g in groups] + ["ban-lai"]
    result = page.locator(".selfcheck__result")
    assert result.locator("h2").inner_text() == "Kết quả: " + HEADLINES[CHECKS["epr"].evaluate(
        {"vai-tro": ["san-xuat", "ban-lai"], "nhom": groups, "muc-dich": "khong", "doanh-thu": "100.000",
         "tu-thu-hoi": "khong"}).headline]
    assert result.locator("h3").count() == 3
    assert page.locator("[data-selfcheck]").get_attribute("data-outcome") == f"phai-{groups[0]}"


def test_back_button_returns_to_the_previous_question(served, page):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    step = page.locator("form.selfcheck__step")
    step.locator('input[value="san-xuat"]').check()
    step.locator("button[type=submit]").click()
    assert step.get_attribute("data-question") == "nhom"
    page.get_by_role("button", name="Quay lại").click()
    assert step.get_attribute("data-question") == "vai-tro"
    assert step.locator('input[value="san-xuat"]').is_checked()  # the answer given is filled in again
    step.locator('input[value="san-xuat"]').uncheck()
    step.locator('input[value="ban-lai"]').check()
    step.locator("button[type=submit]").click()
    assert page.locator("[data-selfcheck]").get_attribute("data-outcomes") == "ban-lai"
    page.get_by_role("button", name="Quay lại").click()  # from the result too
    assert step.get_attribute("data-question") == "vai-tro"
    assert step.locator('input[value="ban-lai"]').is_checked()
    assert not step.locator('input[value="san-xuat"]').is_checked()


def test_back_fills_in_a_number_as_it_was_typed(served, page):
    step = _to_revenue_question(page, served)
    step.locator("input[inputmode=decimal]").fill("45 tỷ")
    step.locator("button[type=submit]").click()
    page.get_by_role("button", name="Quay lại").click()
    assert step.get_attribute("data-question") == "doanh-thu"
    assert step.locator("input[inputmode=decimal]").input_value() == "45 tỷ"
    assert step.locator(".selfcheck__understood").inner_text() == "Đã hiểu: 45 tỷ đồng"


def test_checklist_ticks_survive_a_reload_and_print_with_their_boxes(served, page):
    page.goto(f"{served}/{PAGES['business']}")
    boxes = page.locator(".checklist input[type=checkbox]")
    assert boxes.count() >= 3
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    page.emulate_media(media="print")
    assert boxes.nth(0).is_visible()
    assert not page.get_by_role("button", name="In danh sách").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Bỏ mọi dấu").click()
    page.reload()
    assert not boxes.nth(0).is_checked()


def test_without_javascript_the_criteria_show_and_the_form_stays_hidden(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/huong-dan/tu-kiem-tra-khai-bao/")
    assert not page.locator("[data-selfcheck]").is_visible()
    assert page.get_by_role("heading", name="Cách bài kết luận").is_visible()
    first_sector = CHECKS["khai-bao"].questions["nganh"].choices[0].label
    assert page.locator("article table").get_by_text(first_sector).first.is_visible()
    context.close()
