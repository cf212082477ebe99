"""How pages look and print, in Chromium at 360 px and 1280 px, on the built site.

Structure and behaviour only, never the live content's values: tables fit (or scroll in one box
with a cue), the home page's first screen, heading contrast and text sizes, breadcrumbs and the
active tab, the plan's PDF, the checklist printed alone, reading without JavaScript, valid HTML.
Screenshots of every page type at both widths go to a folder outside the repository, named at
the end of the test run (PLANSITE_SCREENSHOTS, else plansite-screenshots-<checkout> in the system's
temporary folder: pytest's own is pruned by any other run on the machine).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from browsing import DESKTOP, PHONE, visit
from conftest import ROOT, screenshot_folder
from htmltools import page_for
from pagetypes import PAGES

PAGES = {kind: PAGES[kind] for kind in ("home", "plan", "task-list", "task", "agency-list", "agency", "reference-list",
                                       "reference", "timeline", "changes", "lineage", "business", "topic",
                                       "selfcheck", "public")} | {"search": "tim-kiem/"}
# Pages placed in a section: record, business, topic and self-check pages
PLACED = ["task", "agency", "reference", "business", "topic", "selfcheck"]

@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = screenshot_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Every table cell inside the viewport, unless inside a scroll box that shows the scroll cue.
CELLS_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left >= -1 && r.right <= width + 1) continue;
    const box = cell.closest('.table-scroll');
    const s = box && getComputedStyle(box);
    const boxed = box && s.overflowX === 'auto' && s.backgroundImage.includes('gradient')
                  && box.getBoundingClientRect().right <= width + 1 && !box.parentElement.closest('.table-scroll');
    if (!boxed) out.push(cell.textContent.trim().slice(0, 40));
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGES)
def test_tables_fit_and_the_page_is_screenshotted(browser, site_url, kind, viewport, screenshot_dir):
    with visit(browser, site_url + PAGES[kind], viewport) as record:
        page = record.page
        page.screenshot(path=str(screenshot_dir / f"{kind}-{viewport['width']}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert page.evaluate(CELLS_OUTSIDE) == []
        assert page.evaluate("document.querySelectorAll('article .table-scroll .table-scroll').length") == 0
        assert page.evaluate("document.querySelectorAll('.md-typeset__scrollwrap').length") == 0
        if viewport is DESKTOP:  # at 1280 px nothing scrolls sideways
            scrolling = page.eval_on_selector_all(
                "article .table-scroll", "bs => bs.filter(b => b.scrollWidth > b.clientWidth + 1).length")
            assert scrolling == 0
        else:  # on phones, tables of more than three columns are cards naming each value
            wide = page.eval_on_selector_all("article table", """ts => ts.filter(t => +t.dataset.columns > 3)
                .map(t => [getComputedStyle(t).display, [...t.tBodies[0].rows].every(r => [...r.cells]
                .every(c => c.dataset.label !== undefined))])""")
            assert all(display == "block" and labelled for display, labelled in wide), wide


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", ["home", "task", "business", "timeline"])
def test_headings_are_dark_and_text_is_large_enough(browser, site_url, kind, viewport):
    with visit(browser, site_url + PAGES[kind], viewport) as record:
        sizes = record.page.evaluate("""() => {
          const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
                               .map(v => v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4);
                             return .2126 * r + .7152 * g + .0722 * b; };
          const h1 = document.querySelector('article h1'), s = getComputedStyle(h1);
          const alpha = (s.color.match(/[\\d.]+/g)[3] ?? 1);
          // text colour blended on the white page, as the reader sees it
          const mix = s.color.match(/[\\d.]+/g).slice(0, 3).map(v => Math.round(v * alpha + 255 * (1 - alpha)));
          const l = lum(`rgb(${mix.join(',')})`);
          const body = [...document.querySelectorAll('article > p')].map(p => parseFloat(getComputedStyle(p).fontSize));
          const cells = [...document.querySelectorAll('article td')].map(c => parseFloat(getComputedStyle(c).fontSize));
          return {contrast: 1.05 / (l + .05), weight: +s.fontWeight, body: Math.min(...body), cells: Math.min(99, ...cells)};
        }""")
        assert sizes["contrast"] >= 7 and sizes["weight"] >= 600, sizes
        assert sizes["body"] >= 16 and sizes["cells"] >= 14, sizes


def test_home_first_phone_screen_reaches_businesses_and_the_public(browser, site_url, built_site):
    hrefs = {href for _, href in page_for(built_site, "/").links}
    assert {"doanh-nghiep/", "nguoi-dan/"} <= hrefs
    with visit(browser, site_url, PHONE) as record:
        bottoms = record.page.evaluate("""() => ['doanh-nghiep/', 'nguoi-dan/'].map(h =>
            Math.min(...[...document.querySelectorAll(`article a[href="${h}"]`)].map(a => a.getBoundingClientRect().bottom)))""")
        assert all(bottom <= PHONE["height"] for bottom in bottoms), bottoms


@pytest.mark.parametrize("kind", PLACED)
def test_placed_pages_show_breadcrumbs_and_highlight_their_tab(browser, site_url, kind):
    with visit(browser, site_url + PAGES[kind], DESKTOP) as record:
        page = record.page
        crumbs = page.eval_on_selector_all("nav.site-breadcrumbs li", "ls => ls.map(l => l.querySelector('a') ? l.querySelector('a').href : null)")
        assert len(crumbs) >= 3 and crumbs[-1] is None and all(crumbs[:-1]), crumbs
        assert page.locator("nav.site-breadcrumbs [aria-current=page]").count() == 1
        tabs = page.eval_on_selector_all(".md-tabs__item--active a", "as => as.map(a => a.href)")
        assert len(tabs) == 1  # one tab is highlighted: the section the page belongs to
        active = page.eval_on_selector_all(".md-sidebar--primary .md-nav__item--active > a.md-nav__link", "as => as.map(a => a.href)")
        assert crumbs[-2] in active or tabs == [crumbs[-2]]  # the page the breadcrumbs name is marked
        assert page.locator(".md-tabs").get_attribute("aria-label") != "Tabs"


def test_business_pages_and_every_footer_say_who_to_ask(built_site):
    for url in ("/", "/" + PAGES["business"], "/" + PAGES["task"]):
        html = page_for(built_site, url).path.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer"'):]
        assert 'class="site-contact"' in footer, url
    article = page_for(built_site, "/" + PAGES["business"]).path.read_text(encoding="utf-8")
    article = article[article.index("<article"):article.index("</article>")]
    assert 'class="site-contact"' in article


def _pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    # pypdf spaces out Vietnamese glyph clusters ("TH Ả O"): compare with all whitespace removed
    return [re.sub(r"\s+", "", _nfc(p.extract_text())).casefold() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_plan_pdf_has_every_appendix_column_and_the_draft_mark_on_every_page(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], DESKTOP) as record:
        page = record.page
        headers = page.eval_on_selector_all(".appendix-table thead th", "ths => ths.map(th => th.textContent.trim())")
        draft = page.locator(".print-draft-mark").count() > 0
        pages = _pdf_pages(page.pdf(format="A4"))
    assert headers
    text = "".join(pages)
    for header in headers:
        assert re.sub(r"\s+", "", _nfc(header)).casefold() in text, header
    if draft:
        assert all("dựthảo" in p for p in pages)
    assert len(pages) >= 2


def test_plan_print_layout_signature_beside_recipients_and_no_underlines(browser, site_url):
    with visit(browser, site_url + PAGES["plan"], DESKTOP, media="print") as record:
        page = record.page
        layout = page.evaluate("""() => {
          const r = document.querySelector('.plan-recipients').getBoundingClientRect();
          const s = document.querySelector('.plan-signature').getBoundingClientRect();
          const links = [...document.querySelectorAll('article a')].filter(a => a.offsetParent)
                        .filter(a => getComputedStyle(a).textDecorationLine.includes('underline')).length;
          const title = getComputedStyle(document.querySelector('.plan-appendix-title')).breakBefore;
          return {beside: s.left >= r.right - 1 && s.top < r.bottom, links, title}; }""")
        assert layout == {"beside": True, "links": 0, "title": "page"}
        if page.locator(".print-draft-mark").count():
            assert page.locator(".draft-notice").is_visible()


def test_in_danh_sach_prints_only_the_checklist(browser, site_url):
    with visit(browser, site_url + PAGES["business"], DESKTOP) as record:
        page = record.page
        page.evaluate("window.print = () => {}")  # headless Chromium has no print dialog to wait for
        page.get_by_role("button", name="In danh sách").click()
        page.emulate_media(media="print")
        shown = page.evaluate("""() => [...document.querySelector('article').children]
            .filter(e => e.getClientRects().length).map(e => e.tagName + '.' + e.className)""")
        assert shown[0].startswith("H1") and any("checklist" in s for s in shown)
        assert len(shown) == 3, shown  # title, the checklist's heading, the checklist
        items = page.eval_on_selector_all(".checklist li", "ls => ls.map(l => l.textContent.trim())")
        text = "".join(_pdf_pages(page.pdf(format="A4")))
        assert all(re.sub(r"\s+", "", _nfc(i)).casefold()[:20] in text for i in items)
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the browser's own printing: whole page
        assert page.evaluate("[...document.querySelector('article').children].filter(e => e.getClientRects().length).length") > 3


def test_search_page_reads_with_links_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["search"])
        text = page.inner_text("article")
        assert "](" not in text and ".md" not in text
        links = page.eval_on_selector_all("article noscript a", "as => as.map(a => a.href)")
        assert links, "without JavaScript the page offers other ways in, as links"
        for href in links:  # the site's own pages only: nothing leaves 127.0.0.1
            assert href.startswith(site_url) and page.request.get(href).ok, href
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["home", "task", "timeline", "business"])
def test_pages_read_without_javascript(browser, site_url, kind):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[kind])
        text = page.inner_text("article")
        assert "](" not in text and "{{" not in text and "markdown=" not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_every_built_page_is_valid_html(built_site, tmp_path):
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    output = tmp_path / "html-validate.json"  # a file: Node may cut a long report written to a pipe
    result = subprocess.run([str(ROOT / "node_modules" / ".bin" / "html-validate"), "--config",
                             str(ROOT / ".htmlvalidate.cjs"), "--formatter", f"json={output}", *pages],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    report = json.loads(output.read_text(encoding="utf-8") or "[]") if output.exists() else []
    errors = [f"{Path(f['filePath']).relative_to(built_site)}: {m['ruleId']}: {m['message']}"
              for f in report for m in f["messages"]]
    assert errors == [] and result.returncode == 0, "\n".join(errors[:40]) or result.stderr
