"""Every page type of the real site, looked at in Chromium as a reader would.

No console errors and nothing fetched from another host; no WCAG 2.1 A/AA violations (axe-core);
usable from the keyboard; usable at 360 px; the plan prints without navigation chrome.
"""

from __future__ import annotations

import pytest

from browsing import DESKTOP, PHONE, visit
from pagetypes import PAGES


def settle(record, path: str) -> None:
    """Wait for what the page does after loading (the search page's results)."""
    if path.startswith("tim-kiem/?q="):
        record.page.wait_for_function("document.body.dataset.searchDone !== undefined")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGES)
def test_page_is_clean_and_accessible(browser, site_url, kind, viewport):
    with visit(browser, site_url + PAGES[kind], viewport) as record:
        settle(record, PAGES[kind])
        assert record.axe_violations() == []
        assert record.console_errors == []
        assert record.foreign_requests() == []
        assert len(record.requests) > 1  # the recorder saw the page's own CSS and scripts


@pytest.mark.parametrize("kind", PAGES)
def test_phone_width_has_no_sideways_scrolling_and_tables_stay_in_their_box(browser, site_url, kind):
    with visit(browser, site_url + PAGES[kind], PHONE) as record:
        settle(record, PAGES[kind])
        page = record.page
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        unboxed = page.evaluate("""() => [...document.querySelectorAll('article table')]
            .filter(t => t.getBoundingClientRect().width > innerWidth)
            .filter(t => { const box = t.closest('.table-scroll');
                           return !box || getComputedStyle(box).overflowX !== 'auto'
                                  || box.getBoundingClientRect().right > innerWidth; })
            .map(t => t.className || t.outerHTML.slice(0, 80))""")
        assert unboxed == []


@pytest.mark.parametrize("kind", ["plan", "task"])
def test_appendix_tables_are_cards_on_phones_and_their_boxes_take_focus(browser, site_url, kind):
    with visit(browser, site_url + PAGES[kind], PHONE) as record:
        boxes = record.page.eval_on_selector_all(
            "article .table-scroll", "bs => bs.map(b => [b.scrollWidth <= b.clientWidth + 1, b.tabIndex])")
        assert boxes, "the page has a table"
        assert all(fits for fits, _ in boxes), "at 360 px every table fits its box (as cards)"
        assert all(tab_index == 0 for _, tab_index in boxes), "a scrolling box takes keyboard focus to scroll"


def test_phone_navigation_and_search_are_usable(browser, site_url):
    with visit(browser, site_url + PAGES["task"], PHONE) as record:
        page = record.page
        menu = page.locator("button[data-site-menu]")
        assert menu.is_visible()
        menu.click()
        link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Văn bản pháp lý").first
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url("**/van-ban/")
        search = page.locator("a.site-search__link")
        assert search.is_visible() and not page.locator("#site-search-input").is_visible()
        search.click()
        page.wait_for_url("**/tim-kiem/")
        box = page.locator("#search-page-input")
        assert box.bounding_box()["width"] >= 200
        assert record.search_results("nhua")[0]  # the phone search page answers


def test_phone_menu_opens_from_the_keyboard(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], PHONE) as record:
        page = record.page
        page.focus("button[data-site-menu]")
        page.keyboard.press("Enter")
        assert page.get_attribute("button[data-site-menu]", "aria-expanded") == "true"
        page.locator(".md-sidebar--primary .md-nav__link", has_text="Tiến độ").first.wait_for(state="visible")


FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
             "[tabindex]:not([tabindex='-1'])")


@pytest.mark.parametrize("kind", PAGES)
def test_keyboard_skip_link_visible_focus_and_every_control_reachable(browser, site_url, kind):
    with visit(browser, site_url + PAGES[kind], DESKTOP) as record:
        settle(record, PAGES[kind])
        page = record.page
        controls = page.evaluate("""sel => {
            const shown = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})
                && !e.closest('[hidden]') && !e.disabled && e.tabIndex >= 0);
            shown.forEach((e, i) => e.dataset.kb = i);
            return shown.length; }""", FOCUSABLE)
        page.keyboard.press("Tab")
        first = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return [e.className, e.getAttribute('href'), r.width > 0 && r.top >= 0 && r.top < innerHeight]; }""")
        assert "md-skip" in first[0].split() and first[2], f"first Tab should show the skip link, got {first}"
        target = first[1].lstrip("#")
        assert page.evaluate("id => !!document.getElementById(id)", target)
        reached, unfocused_styles = set(), []
        for _ in range(controls + 10):
            state = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
                const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                return [e.dataset.kb ?? null, visible, e.tagName + '.' + e.className]; }""")
            if state[0] is not None:
                reached.add(int(state[0]))
                if not state[1]:
                    unfocused_styles.append(state[2])
            page.keyboard.press("Tab")
        assert unfocused_styles == [], "focus must be visible"
        missing = page.evaluate("""r => [...document.querySelectorAll('[data-kb]')].filter(e => !r.includes(+e.dataset.kb))
            .map(e => e.outerHTML.slice(0, 100))""", sorted(reached))
        assert missing == []


def test_skip_link_moves_to_the_content(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], DESKTOP) as record:
        page = record.page
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash.length > 1 && document.querySelector(location.hash).closest('article') !== null")


@pytest.mark.parametrize("key", ["/", "s"])
def test_slash_and_s_focus_the_search_box(browser, site_url, key):
    with visit(browser, site_url, DESKTOP) as record:
        record.page.keyboard.press(key)
        assert record.page.evaluate("document.activeElement.id") == "site-search-input"
        record.page.keyboard.type("ms")  # typing in the box is typing, not a shortcut
        assert record.page.input_value("#site-search-input") == "ms"
    with visit(browser, site_url + "tim-kiem/", DESKTOP) as record:
        record.page.keyboard.press(key)
        assert record.page.evaluate("document.activeElement.id") == "search-page-input"


def test_plan_prints_without_navigation_and_with_the_whole_appendix_table(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], DESKTOP, media="print") as record:
        page = record.page
        for chrome in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                       ".site-search", ".md-skip"]:
            assert not page.locator(chrome).first.is_visible(), chrome
        table = page.locator("table.appendix-table, .appendix-table table")
        assert table.count() == 1
        whole = page.evaluate("""() => { const t = document.querySelector('table.appendix-table, .appendix-table table');
            const box = t.closest('.table-scroll') || t.parentElement;
            const rows = [...t.rows].every(r => r.getBoundingClientRect().height > 0);
            return [t.scrollWidth <= box.clientWidth + 1, getComputedStyle(box).overflowX, rows,
                    t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1]; }""")
        assert whole == [True, "visible", True, True]


def test_desktop_header_shows_the_search_box_and_no_phone_buttons(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], DESKTOP) as record:
        page = record.page
        assert page.locator("#site-search-input").is_visible()
        assert not page.locator("a.site-search__link").is_visible()
        assert not page.locator("button[data-site-menu]").is_visible()
