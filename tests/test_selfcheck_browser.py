"""Each self-check of the fixture content driven as a person would, in Chromium at 360 px, on sites
built at two dates (PLANSITE_TODAY) and opened on those days (the browser's clock set to match):
labels clicked, numbers typed, "Tiếp" pressed; axe at every step; the result's statuses are those
of the day; its link reopens it; its calendar holds only its obligations; it prints alone.
Without JavaScript the page shows the questions and the decision table.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest

from browsing import PHONE, answer_as_a_person, axe
from conftest import FIXTURE_CONTENT, fixture_project, run_mkdocs, serving
from plansite.content import load_site
from plansite.selfcheck import self_checks

DATES = ("2026-12-02", "2028-01-01")  # either side of the markets' 2027 and the PE/PP 2028 start dates

# One business per check, answered as a person would: choice labels, numbers as typed.
PEOPLE = {
    "khai-bao": {"nganh": ["pin-ac-quy", "det-nhuom"], "pin-ac-quy-kwh-nam": "100 000", "pin-ac-quy-tan-nam": "400"},
    "epr": {"vai-tro": ["nhap-khau"], "nhom": ["phuong-tien"], "muc-dich": "khong", "doanh-thu": "500 tỷ"},
    "tui-ni-long-cua-hang": {"loai-hinh": "cua-hang-tien-loi", "ha-noi": "co"},
    "nhua-khach-san": {"loai-hinh": "khach-san", "ha-noi": "co"},
    "nhua-tai-che-bao-bi": {"san-pham": "xi-mang", "vat-lieu": "co", "ha-noi": "co"},
}


def checks_on(day: str):
    site = load_site(FIXTURE_CONTENT, today=dt.date.fromisoformat(day)).site
    return self_checks(site.selfchecks, site.index["obligations"], site.today)


@pytest.fixture(scope="module", params=DATES)
def dated_site(request, tmp_path_factory):
    """The fixture content built at one date and served; yields (base URL, date)."""
    base = tmp_path_factory.mktemp(f"selfcheck-{request.param}")
    site = base / "site"
    result = run_mkdocs(fixture_project(base / "project"), site, today=request.param)
    assert result.returncode == 0, result.stderr
    with serving(site) as url:
        yield url, request.param


@pytest.fixture
def person(browser, dated_site):
    """A phone at 360 px whose clock says the build's date, in Hanoi."""
    url, day = dated_site
    context = browser.new_context(viewport=PHONE, service_workers="block", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T09:00:00+07:00"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page, url, day
    context.close()
    assert errors == []


@pytest.mark.parametrize("check_id", list(PEOPLE))
def test_each_check_driven_as_a_person_at_360_px(person, check_id):
    page, url, day = person
    check = checks_on(day)[check_id]
    expected = check.evaluate(PEOPLE[check_id], dt.date.fromisoformat(day))
    page.goto(f"{url}huong-dan/tu-kiem-tra-{check_id}/")
    findings = answer_as_a_person(page, check, PEOPLE[check_id])
    assert findings == [[] for _ in findings]
    box = page.locator("[data-selfcheck]")
    assert box.get_attribute("data-outcomes").split() == expected.outcome_ids
    result = box.locator(".selfcheck__result")
    shown = result.inner_text()
    for reached in expected.reached:
        assert reached.status.label in shown, (reached.outcome.id, reached.status.label)
        for oid in reached.outcome.obligations:
            assert check.obligation_standing(oid, dt.date.fromisoformat(day)) in shown
    assert "không phải quyết định pháp lý" in shown
    assert result.locator('a[href*="van-ban/"]').count() >= 1  # each outcome's basis, linked
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert "Có áp dụng" not in shown or all(r.status.state != "sap-ap-dung" for r in expected.reached
                                           if len(expected.reached) == 1)

    # the calendar holds only this result's obligations
    wanted = {o for r in expected.reached for o in (*r.outcome.obligations, *r.outcome.related)}
    if wanted:
        ics = unquote(result.get_by_role("link", name="Tải lịch (.ics)").get_attribute("href"))
        assert set(re.findall(r"UID:([a-z0-9-]+)-bat-dau@", ics)) == wanted

    # the link reopens the same result, with the day's statuses
    link = result.get_by_role("link", name="Liên kết tới kết quả này").get_attribute("href")
    page.goto(url.rstrip("/") + link)
    assert box.get_attribute("data-outcomes").split() == expected.outcome_ids
    assert axe(page) == []

    # printed: the result alone, without its buttons
    page.emulate_media(media="print")
    assert result.is_visible()
    assert not page.locator("#cach-ket-luan").is_visible()
    assert not result.get_by_role("button", name="Làm lại").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # on one page


def test_keyboard_alone_reaches_a_result_and_errors_are_announced(person):
    page, url, day = person
    page.goto(f"{url}huong-dan/tu-kiem-tra-nhua-khach-san/")
    error = page.locator(".selfcheck__error")
    assert error.get_attribute("aria-live") == "assertive"
    page.locator("form.selfcheck__step input").first.focus()
    page.keyboard.press("Enter")  # nothing chosen yet
    assert error.inner_text() == "Hãy chọn một câu trả lời."
    page.keyboard.press("Space")  # the first choice, focused
    page.keyboard.press("Enter")
    page.keyboard.press("Space")  # "Có": in Hanoi
    page.keyboard.press("Enter")
    assert page.locator("[data-selfcheck]").get_attribute("data-outcomes") == "ha-noi"
    assert page.evaluate("document.activeElement.tagName") == "H2"


def test_tap_targets_and_text_are_large_enough(person):
    """Each choice's whole label is its tap target (44 px high), as are the buttons and the number box."""
    page, url, _ = person
    page.goto(f"{url}huong-dan/tu-kiem-tra-khai-bao/?nganh=thuy-dien#tu-kiem-tra")  # at a number question
    for address in (f"{url}huong-dan/tu-kiem-tra-epr/", page.url):
        page.goto(address)
        targets = page.evaluate("""() => [...document.querySelectorAll(
                '.selfcheck label.selfcheck__choice, .selfcheck button, .selfcheck input[inputmode=decimal]')]
            .map(el => ({h: el.getBoundingClientRect().height, font: parseFloat(getComputedStyle(el).fontSize)}))""")
        ticks_outside_a_label = page.evaluate(
            "[...document.querySelectorAll('.selfcheck input[type=radio], .selfcheck input[type=checkbox]')]"
            ".filter(el => !el.closest('label.selfcheck__choice')).length")
        assert targets and ticks_outside_a_label == 0
        assert all(t["h"] >= 44 and t["font"] >= 14 for t in targets), targets


def test_the_first_question_is_in_place_before_the_script_runs(browser, dated_site):
    """The form is drawn at build time: the script redraws the same step, so nothing moves."""
    url, _ = dated_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.route("**/selfcheck.js", lambda route: route.abort())
    page.goto(f"{url}huong-dan/tu-kiem-tra-epr/")
    built = page.evaluate("document.querySelector('[data-selfcheck]').getBoundingClientRect().height")
    assert built > 100
    page.unroute("**/selfcheck.js")
    page.goto(f"{url}huong-dan/tu-kiem-tra-epr/")
    assert page.evaluate("document.querySelector('[data-selfcheck]').getBoundingClientRect().height") == built
    context.close()


def test_without_javascript_the_questions_and_the_decision_table_show(browser, dated_site):
    url, _ = dated_site
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{url}huong-dan/tu-kiem-tra-tui-ni-long-cua-hang/")
    assert not page.locator("[data-selfcheck]").is_visible()
    assert page.get_by_role("heading", name="Cách bài kết luận").is_visible()
    assert page.get_by_role("cell", name=re.compile("câu 1: “Chợ” hoặc “Cửa hàng tiện lợi”")).first.is_visible()
    context.close()
