"""The guidance pages in a real browser (Debian's Chromium): the self-check form walks the same
tree as plansite/selfcheck.py and reaches the same outcome for every example business; checklists
keep their ticks across reloads and print with their boxes."""

from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES

EXAMPLES = yaml.safe_load((FIXTURES / "selfcheck_examples.yml").read_text(encoding="utf-8"))


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


def answer_until_outcome(page, answers: dict) -> str:
    form = page.locator("[data-selfcheck]")
    for _ in range(12):
        if form.get_attribute("data-outcome"):
            return form.get_attribute("data-outcome")
        step = form.locator("form.selfcheck__step")
        key = step.get_attribute("data-key")
        number = step.locator("input[type=number]")
        if number.count():
            value = answers.get(key)
            number.fill("" if value is None else str(value))
        else:
            step.locator(f'input[type=radio][value="{answers[key]}"]').check()
        step.locator("button[type=submit]").click()
    raise AssertionError("the form did not reach an outcome")


@pytest.mark.parametrize("check_id", ["khai-bao", "epr"])
def test_step_by_step_form_reaches_the_same_outcome_as_the_rules(served, page, check_id):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-{check_id}/")
    form = page.locator("[data-selfcheck]")
    assert form.is_visible()
    for example in EXAMPLES[check_id]:
        outcome = answer_until_outcome(page, example["answers"])
        assert outcome == example["expect"], example["name"]
        result = form.locator(".selfcheck__result")
        assert "không phải quyết định pháp lý" in result.inner_text()
        assert result.locator('a[href*="van-ban/"]').count() >= 1
        form.get_by_role("button", name="Làm lại").click()


def test_back_button_returns_to_the_previous_question(served, page):
    page.goto(f"{served}/huong-dan/tu-kiem-tra-epr/")
    step = page.locator("form.selfcheck__step")
    step.locator('input[value="san-xuat"]').check()
    step.locator("button[type=submit]").click()
    assert step.get_attribute("data-key") == "nhom"
    page.get_by_role("button", name="Quay lại").click()
    assert step.get_attribute("data-key") == "vai-tro"


def test_checklist_ticks_survive_a_reload_and_print_with_their_boxes(served, page):
    page.goto(f"{served}/doanh-nghiep/ban-le/")
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
    assert page.get_by_role("heading", name="Tiêu chí").is_visible()
    assert page.get_by_text("Sản xuất pin, ắc quy").first.is_visible()
    context.close()
