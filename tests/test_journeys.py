"""The journeys of issue 19, walked in Chromium on a 360 × 740 phone from the home page.

Eight people, eight questions. Each journey follows links as a person would (counting taps; a
search counts as one) and ends on the sentence that answers the question, which must be on the
screen. Run on the fixture site (tests/fixtures/site, built at FIXTURE_TODAY): what a sentence
must say (a date, a plan's number) is read from the fixture's model, never typed here.

Also here: the readability checks of the pages this issue changed (no text under 14 px).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from browsing import PHONE, answer_as_a_person, visit
from conftest import FIXTURE_CONTENT, FIXTURE_TODAY
from plansite import routes
from plansite.content import load_site
from plansite.selfcheck import self_checks
from plansite.textfmt import vn_date

SITE = load_site(FIXTURE_CONTENT, today=dt.date.fromisoformat(FIXTURE_TODAY)).site
MAX_TAPS = 3
SCREEN = PHONE["height"]


class Walk:
    """One person's walk: taps counted, the page as they see it."""

    def __init__(self, record, base: str):
        self.page = record.page
        self.base = base
        self.taps = 0

    def tap(self, locator) -> None:
        locator.first.scroll_into_view_if_needed()
        locator.first.click()
        self.taps += 1
        self.page.wait_for_load_state("load")

    def tap_link(self, name: str, within: str = "article") -> None:
        self.tap(self.page.locator(f"{within} a", has_text=name))

    def on_screen(self, locator) -> bool:
        """Visible, and within the first screen of the page as it is scrolled now."""
        box = locator.first.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= SCREEN

    def on_first_screen(self, locator) -> bool:
        self.page.evaluate("window.scrollTo(0, 0)")
        return self.on_screen(locator)

    def sees(self, locator) -> bool:
        """Scrolled to, as a reader would: visible where it is."""
        locator.first.scroll_into_view_if_needed()
        return locator.first.is_visible() and self.on_screen(locator)


@pytest.fixture
def walk(browser, fixture_url):
    with visit(browser, fixture_url, PHONE) as record:
        yield Walk(record, fixture_url)
        assert record.console_errors == []
        assert record.foreign_requests() == []


def kind(kind_id: str):
    return SITE.index["businesses"][kind_id]


def rule(obligation_id: str):
    return SITE.index["obligations"][obligation_id]


def test_market_stall_holder_finds_when_free_bags_stop_on_the_first_screen(walk):
    """From when may I no longer give bags away free, and what should I do?"""
    market, free_bags = kind("cho-cua-hang-tien-loi"), rule("ha-noi-cho-tui-mien-phi-2027")
    walk.tap_link(market.record.name)
    first_step = walk.page.locator(".first-step")
    assert walk.on_first_screen(first_step)
    text = first_step.inner_text()
    assert vn_date(free_bags.record.starts) in text and "không được cho không" in text
    assert walk.taps <= MAX_TAPS


def test_store_manager_finds_what_goes_in_2028_with_its_allowed_list(walk):
    """What must my shop stop using in 2028? The 2028 rule, with its Được / Không được list."""
    market, rule_2028 = kind("cho-cua-hang-tien-loi"), rule("ha-noi-cho-khong-nhua-2028")
    walk.tap_link(market.record.name)
    fold = walk.page.locator(f"details.rule:has(#{rule_2028.record.id})")
    assert fold.get_attribute("open") is not None  # few rules: each told in full, open
    allowed = fold.locator(".allowed")
    assert walk.sees(allowed)
    assert vn_date(rule_2028.record.starts) in allowed.inner_text()
    forbidden = [line.record.text for line in rule_2028.allowed if line.record.kind == "khong-duoc"]
    assert forbidden and all(text in allowed.inner_text() for text in forbidden)
    asks = [line for line in rule_2028.allowed if line.record.kind == "hoi"]
    assert all(line.ask.name in allowed.inner_text() for line in asks)  # where the facts stop: whom to ask
    assert walk.taps <= MAX_TAPS


def test_hotel_manager_finds_the_toiletries_rule_and_its_date_on_the_first_screen(walk):
    """Must we drop small plastic toiletries, and from when?"""
    hotel, toiletries = kind("khach-san-khu-du-lich"), rule("ha-noi-khach-san-2026")
    walk.tap_link(hotel.record.name)
    first_step = walk.page.locator(".first-step")
    assert walk.on_first_screen(first_step)
    assert vn_date(toiletries.record.starts) in first_step.inner_text()
    assert "bàn chải đánh răng" in first_step.inner_text()
    picture = walk.page.locator(".changes-figure")
    assert "ví dụ" in picture.locator("figcaption").inner_text()  # the pictured items are examples
    assert walk.taps <= MAX_TAPS


def test_fertiliser_bag_maker_finds_the_recycled_share_and_its_date(walk):
    """How much recycled plastic, and from when?"""
    makers, share = kind("san-xuat-nhap-khau"), rule("ha-noi-nhua-tai-che-20")
    walk.tap_link(makers.record.name)
    fold = walk.page.locator(f"details.rule:has(#{share.record.id})")
    walk.tap(fold.locator("summary"))
    body = fold.locator("p", has_text=share.record.requires[:30]).first
    assert walk.sees(body) and "20%" in body.inner_text()
    assert vn_date(share.record.starts) in fold.locator("summary").inner_text()
    assert walk.taps <= MAX_TAPS


def test_car_importer_finds_the_vehicle_date_and_the_yearly_deadlines_in_the_epr_self_check(walk):
    """Do I have a recycling duty, from when, and by which yearly dates? (The EPR self-check, answered.)"""
    check = self_checks(SITE.selfchecks, SITE.index["obligations"], SITE.today)["epr"]
    walk.tap_link(check.record.short_title)
    assert walk.page.url.endswith(f"/{routes.served(routes.selfcheck_page('epr'))}/")
    answer_as_a_person(walk.page, check, {"vai-tro": ["nhap-khau"], "nhom": ["phuong-tien"], "muc-dich": "khong",
                                          "doanh-thu": "500 tỷ"})
    result = walk.page.locator(".selfcheck__result").inner_text()
    expected = check.evaluate({"vai-tro": ["nhap-khau"], "nhom": ["phuong-tien"], "muc-dich": "khong",
                               "doanh-thu": "500 tỷ"})
    vehicles = [o for r in expected.reached for o in r.outcome.obligations]
    assert vehicles, "a 500 tỷ importer of vehicles has a duty"
    for oid in vehicles:  # from when: the start date, and "sắp áp dụng … còn N ngày" before it
        obligation = SITE.index["obligations"][oid]
        assert vn_date(obligation.record.starts) in result
        if obligation.standing.state == "sap-ap-dung":
            assert "Sắp áp dụng" in result and "Có áp dụng" not in result
    yearly = [SITE.index["obligations"][o] for r in expected.reached for o in r.outcome.related
              if SITE.index["obligations"][o].record.yearly_due]
    assert yearly
    for obligation in yearly:  # by which yearly dates
        assert f"trước ngày {obligation.record.yearly_due} hằng năm" in result
    assert walk.taps <= MAX_TAPS


def test_citizen_finds_what_to_do_and_the_plan_in_force(walk):
    """What can my family do, and what is the city doing now?"""
    walk.tap(walk.page.locator(".audience-chooser a", has_text="Người dân"))
    assert walk.on_first_screen(walk.page.locator(".first-step"))
    in_force = SITE.plans_in_force
    assert in_force
    sentence = walk.page.locator("article p", has_text="Kế hoạch đang áp dụng hôm nay").first
    assert walk.sees(sentence) and in_force[0].label in sentence.inner_text()
    goals = walk.page.locator("article ul", has_text=in_force[0].record.targets[0][:20]) \
        if in_force[0].record.targets else None
    assert goals is None or goals.locator("li").count() == len(in_force[0].record.targets)  # a list, not a paragraph
    sellers = walk.page.locator("article a", has_text=kind("cho-cua-hang-tien-loi").record.name.lower())
    assert sellers.count() >= 1  # the market sellers' page is one tap away
    assert walk.taps <= MAX_TAPS


def test_staff_member_finds_the_plan_in_force_and_what_is_assigned_to_the_department(walk):
    """Which plan is in force, and what is assigned to Sở Công Thương?"""
    walk.tap(walk.page.locator(".audience-chooser a", has_text="Cán bộ"))
    assert walk.page.url.endswith(f"/{routes.served(routes.STAFF)}/")
    current = SITE.plans_in_force[0]
    heading = walk.page.locator("article p", has_text=current.label)
    assert walk.on_first_screen(heading) or walk.sees(heading)
    department = SITE.index["agencies"]["so-cong-thuong"]
    walk.tap(walk.page.locator("article table a", has_text=department.record.name))
    origin = walk.page.locator(".plan-origin").first
    assert walk.sees(origin)
    plan = department.sections[0].plan
    assert plan.label in origin.inner_text() and "đã kết thúc" in origin.inner_text()
    assert current.label in origin.inner_text()  # and which plan is in force, whose tasks are not on the site yet
    assert walk.page.locator("article ol li").count() == len(department.sections[0].duties)
    assert walk.taps <= MAX_TAPS


def test_journalist_downloads_the_workbook_from_the_main_navigation(walk):
    """All tasks and dates as a spreadsheet: /du-lieu/, from the main navigation."""
    from openpyxl import load_workbook

    walk.tap(walk.page.locator("button[data-site-menu]"))
    nav_link = walk.page.locator(".md-sidebar--primary .md-nav__link", has_text="Dữ liệu mở").first
    nav_link.wait_for(state="visible")
    walk.tap(nav_link)
    assert walk.page.url.endswith(f"/{routes.served(routes.DATA)}/")
    link = walk.page.locator(".first-step a[href$='.xlsx']")
    assert walk.on_first_screen(link)
    response = walk.page.request.get(link.first.evaluate("a => a.href"))
    walk.taps += 1
    book = load_workbook(io.BytesIO(response.body()))
    assert {"Nhiệm vụ", "Mốc thời gian"} <= set(book.sheetnames)
    assert walk.taps <= MAX_TAPS


# Readable on a phone

SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el || !el.checkVisibility({visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    // SVG text is drawn at its font size times the drawing's scale
    const ctm = el instanceof SVGElement ? el.getScreenCTM() : null;
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const size = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (size < 13.95) small.push(`${size}px ${el.tagName}.${el.className}: ${walker.currentNode.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""
CHANGED_PAGES = ["", routes.served(routes.page_of(kind("cho-cua-hang-tien-loi"))),
                 routes.served(routes.page_of(kind("san-xuat-nhap-khau"))), routes.served(routes.CHANGES),
                 routes.served(routes.PUBLIC), routes.served(routes.STAFF), routes.served(routes.DATA),
                 routes.served(routes.page_of(SITE.index["agencies"]["so-cong-thuong"])),
                 routes.served(routes.plan_page(SITE.main_plan)), routes.served(routes.timeline_page(SITE.main_plan))]


@pytest.mark.parametrize("path", CHANGED_PAGES)
def test_no_text_under_14_px_on_a_phone(browser, fixture_url, path):
    with visit(browser, fixture_url + (path + "/" if path and path != "." else ""), PHONE) as record:
        record.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert record.page.evaluate(SMALL_TEXT) == []


def test_glossary_terms_open_inline_when_tapped(browser, fixture_url):
    with visit(browser, fixture_url + routes.served(routes.PUBLIC) + "/", PHONE) as record:
        term = record.page.locator("article abbr.glossary-term").first
        definition = term.get_attribute("title")
        term.scroll_into_view_if_needed()
        term.click()
        note = record.page.locator(".glossary-note").first
        assert note.is_visible() and note.inner_text() == definition
        assert term.get_attribute("aria-expanded") == "true"
        assert float(note.evaluate("n => getComputedStyle(n).fontSize").rstrip("px")) >= 14
        term.click()
        assert record.page.locator(".glossary-note").count() == 0
