"""The real site, built with --strict: every record has its page, every link resolves, the plan is whole."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURES, ROOT
from htmltools import Page, normalise, page_for
from plansite.content import load_site

SITE = load_site(ROOT / "content").site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_task_has_a_page_showing_its_text_agencies_and_references(built_site):
    for task in SITE.tasks:
        page = page_for(built_site, f"/nhiem-vu/{task.id}/")
        assert normalise(task.text) in page.article
        for agency in SITE.leads[task.id]:
            assert agency.name in page.article
        for reference in SITE.references_for_task(task):
            assert reference.label in page.article


def test_every_agency_has_a_page_with_its_duties_in_the_plans_words(built_site):
    for agency in SITE.agencies:
        page = page_for(built_site, f"/don-vi/{agency.id}/")
        assert agency.name in page.article
        for duty in agency.duties:
            assert normalise(duty.text) in page.article


def test_every_reference_page_links_back_to_each_place_that_cites_it(built_site):
    for reference in SITE.references:
        page = page_for(built_site, f"/van-ban/{reference.id}/")
        assert reference.label in page.article
        hrefs = {href for tag, href in page.links if tag == "a"}
        for citation in SITE.citations.get(reference.id, []):
            assert f"../../ke-hoach/#{citation.anchor}" in hrefs, citation


def test_full_plan_page_contains_every_sentence_of_the_seed_in_order(built_site):
    units = [line for line in (FIXTURES / "seed_units.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    text = page_for(built_site, "/ke-hoach/").article
    position = 0
    for unit in units:
        found = text.find(normalise(unit), position)
        assert found >= 0, f"missing or out of order on /ke-hoach/: {unit!r}"
        position = found + len(unit) if len(unit) > 3 else position


def test_draft_number_and_date_are_shown_blank_and_marked_as_draft(built_site):
    page = page_for(built_site, "/ke-hoach/")
    assert "Số: /KH-UBND" in page.article
    assert "Hà Nội, ngày tháng năm 2023" in page.article
    assert "Bản dự thảo" in page.article


def test_task_index_lists_title_lead_and_period_for_each_task(built_site):
    page = page_for(built_site, "/nhiem-vu/")
    for task in SITE.tasks:
        assert task.short_title in page.article
        assert f"{task.id}/" in {href for _, href in page.links}
    assert "Năm 2024" in page.article


def test_timeline_puts_each_deliverable_on_its_quarters(built_site):
    html = (built_site / "tien-do" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr[^>]*>\s*<th scope=\"row\">Tuyên truyền, phổ biến pháp luật.*?</tr>", html, re.S).group(0)
    cells = re.findall(r'<td class="timeline__(on|off)"', row)
    assert cells == ["off", "on", "on", "on"]  # Quý II-IV/2024
    assert 'datetime="2024-04-01/2024-12-31"' in row


def test_pages_are_vietnamese_with_dates_written_the_vietnamese_way(built_site):
    assert page_for(built_site, "/").lang == "vi"
    page = page_for(built_site, "/van-ban/qd-1375-2020/")
    assert "08/9/2020" in page.article
    assert "01/01/2022" in page_for(built_site, "/van-ban/luat-bvmt-2020/").article


def test_unknown_reference_fields_are_shown_as_unknown_not_invented(built_site):
    page = page_for(built_site, "/van-ban/luat-ngan-sach-nha-nuoc/")
    assert "Số, ký hiệu chưa rõ" in page.article
    assert "Ngày ban hành chưa rõ" in page.article


def test_every_internal_link_and_anchor_resolves(built_site):
    """Over the whole built site; links to other hosts are listed beside it, never fetched."""
    pages = {path: Page(path) for path in html_pages(built_site)}
    broken = []
    external: dict[str, set[str]] = {}
    for path, page in pages.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//") or parts.scheme == "mailto":
                external.setdefault(url, set()).add(path.relative_to(built_site).as_posix())
                continue
            if parts.scheme or url.startswith("data:") or not (parts.path or parts.fragment):
                continue
            if parts.path.startswith("/"):  # the 404 page links from the site root
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                if parts.fragment not in pages[target].ids:
                    broken.append(f"{path.relative_to(built_site)}: {url} (anchor)")
    report = built_site.parent / "external-links.txt"  # beside the built site, in pytest's temporary folder
    report.write_text(
        "# Links to other hosts in the built site (not fetched by the tests): URL, then the pages.\n"
        + "".join(f"{url}\t{' '.join(sorted(where))}\n" for url, where in sorted(external.items())),
        encoding="utf-8")
    assert broken == []
    assert all(urlsplit(url).netloc for url in external if not url.startswith("mailto:")), "malformed external link"


def test_nothing_is_loaded_from_another_host(built_site):
    for path in html_pages(built_site):
        for tag, url in Page(path).links:
            if tag in ("link", "script", "img", "iframe", "source"):
                assert not urlsplit(url).scheme and not url.startswith("//"), f"{path}: {url}"
    assert not list(built_site.rglob("*.css")) or all(
        "fonts.googleapis" not in css.read_text(encoding="utf-8") for css in built_site.rglob("*.css"))


def test_record_pages_stay_out_of_the_sidebar(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index('class="md-content"')]
    assert "tuyen-truyen" not in nav
    assert "nhiem-vu/" in nav


def test_edit_button_opens_the_yaml_file_the_page_came_from(built_site):
    def edit_link(url_path):
        return next(href for tag, href in page_for(built_site, url_path).links if "/edit/" in href)

    base = "https://github.com/example/ke-hoach-bvmt/edit/main/"
    assert edit_link("/nhiem-vu/tuyen-truyen/") == base + "content/tasks.yml"
    assert edit_link("/don-vi/so-cong-thuong/") == base + "content/agencies.yml"
    assert edit_link("/van-ban/tt-42-2020/") == base + "content/references.yml"
    assert edit_link("/gioi-thieu/") == base + "docs/gioi-thieu.md"


def test_handwritten_pages_can_use_the_data(built_site):
    page = page_for(built_site, "/gioi-thieu/")
    assert f"Kế hoạch có {len(SITE.tasks)} nhiệm vụ" in page.article
    assert "{{" not in page.article


def test_content_text_with_markup_is_shown_as_text(project, tmp_path):
    from conftest import run_mkdocs

    tasks = project / "content" / "tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("short_title: Cụm công nghiệp, làng nghề và xử lý ô nhiễm",
                                  'short_title: "Cụm *công* [nghiệp](http://x) #1 | a_b"'), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = page_for(tmp_path / "site", "/nhiem-vu/cum-cong-nghiep/")
    assert "Cụm *công* [nghiệp](http://x) #1 | a_b" in page.article
    assert ("a", "http://x") not in page.links


def test_home_page_names_the_plan_keeping_proper_names_capitalised(built_site):
    page = page_for(built_site, "/")
    assert "Kế hoạch triển khai thực hiện công tác bảo vệ môi trường ngành Công Thương Hà Nội năm 2024" in page.article
