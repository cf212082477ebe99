"""Built sites: the real one holds what must always hold; the fixture one shows each page type works.

Content checks (real content/, built on the real date) assert only what stays true whatever an
editor changes: every plan sentence on /ke-hoach/ in order, every record has a page, every link
resolves, nothing loads from another host. Engine checks build the fixture content at a fixed date.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import FIXTURE_CONTENT, FIXTURES, REPO_URL, ROOT, run_mkdocs
from htmltools import Page, normalise, page_for
from plansite import routes
from plansite.content import load_site

FIXTURE = load_site(FIXTURE_CONTENT).site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def served(src_uri: str) -> str:
    """"nhiem-vu/x.md" -> "/nhiem-vu/x/", as page_for() takes it."""
    path = routes.served(src_uri)
    return "/" if path == "." else f"/{path}/"


# Content checks: what must hold for any valid content


def check_every_record_has_its_page(site_dir: Path, content: Path) -> None:
    site = load_site(content).site
    for plan in site.plans:
        page_for(site_dir, served(routes.page_of(plan)))
        for task in plan.tasks:
            assert normalise(task.record.text) in page_for(site_dir, served(routes.page_of(task))).article
    for entity in [*site.agencies, *site.references, *site.topics, *site.business_kinds]:
        page_for(site_dir, served(routes.page_of(entity)))


def check_seed_is_whole_and_in_order(site_dir: Path) -> None:
    units = [line for line in (FIXTURES / "seed_units.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    text = page_for(site_dir, "/ke-hoach/").article
    position = 0
    for unit in units:
        found = text.find(normalise(unit), position)
        assert found >= 0, f"missing or out of order on /ke-hoach/: {unit!r}"
        position = found + len(unit) if len(unit) > 3 else position


def broken_links(site_dir: Path) -> tuple[list[str], dict[str, set[str]]]:
    """Internal links or anchors that lead nowhere, and the links to other hosts (never fetched)."""
    pages = {path: Page(path) for path in html_pages(site_dir)}
    broken, external = [], {}
    for path, page in pages.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//") or parts.scheme == "mailto":
                external.setdefault(url, set()).add(path.relative_to(site_dir).as_posix())
                continue
            if parts.scheme or url.startswith("data:") or not (parts.path or parts.fragment):
                continue
            if parts.path.startswith("/"):  # the 404 page links from the site root
                target = site_dir / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site_dir)}: {url}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site_dir)}: {url} (anchor)")
    return broken, external


def content_checks(site_dir: Path, content: Path) -> None:
    check_every_record_has_its_page(site_dir, content)
    check_seed_is_whole_and_in_order(site_dir)
    broken, external = broken_links(site_dir)
    assert broken == []
    assert all(urlsplit(url).netloc for url in external if not url.startswith("mailto:")), "malformed external link"


def test_the_real_site_is_whole_and_every_link_resolves(built_site):
    """Over the whole built site; links to other hosts are listed beside it, never fetched."""
    content_checks(built_site, ROOT / "content")
    _, external = broken_links(built_site)
    report = built_site.parent / "external-links.txt"  # beside the built site, in pytest's temporary folder
    report.write_text(
        "# Links to other hosts in the built site (not fetched by the tests): URL, then the pages.\n"
        + "".join(f"{url}\t{' '.join(sorted(where))}\n" for url, where in sorted(external.items())),
        encoding="utf-8")


def test_nothing_is_loaded_from_another_host(built_site):
    for path in html_pages(built_site):
        for tag, url in Page(path).links:
            if tag in ("link", "script", "img", "iframe", "source"):
                assert not urlsplit(url).scheme and not url.startswith("//"), f"{path}: {url}"
    assert not list(built_site.rglob("*.css")) or all(
        "fonts.googleapis" not in css.read_text(encoding="utf-8") for css in built_site.rglob("*.css"))


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


EDITOR_EDITS = {
    "a date": ("references.yml", lambda d: d["references"][0].update(date="18/11/2020")),
    "a start date": ("obligations.yml", lambda d: d["obligations"][-1].update(starts="11/02/2026")),
    "a threshold": ("selfchecks.yml", lambda d: [c.update({k: v - 1 for k, v in c.items()}) for r in d["checks"][0]["rules"]
                                                 for c in r["when"].values() if isinstance(c, dict)]),
    "a title": ("plans/2024/tasks.yml", lambda d: d["tasks"][0].update(short_title="Tên ngắn mới của nhiệm vụ")),
    "a review date": ("guidance/items.yml", lambda d: d["items"][0].update(reviewed="01/12/2026")),
    "a new record": ("glossary.yml", lambda d: d["terms"].append(
        {"id": "thu-moi", "term": "thuật ngữ mới", "definition": "Một thuật ngữ do cán bộ thêm vào."})),
    "a record nothing references": ("faq.yml", lambda d: d["questions"].pop()),
}


@pytest.mark.parametrize("edit", EDITOR_EDITS, ids=str)
def test_a_correct_edit_by_a_content_editor_keeps_the_content_checks_green(edit, real_project, tmp_path):
    """Issue 11: an editor who changes a date, a threshold, a title or a review date, adds a record
    or deletes one nothing references, gets a green `make test`: the content checks still pass."""
    name, change = EDITOR_EDITS[edit]
    _edit_yaml(real_project / "content" / name, change)
    result = run_mkdocs(real_project, tmp_path / "site", today=None)
    assert result.returncode == 0, result.stderr
    content_checks(tmp_path / "site", real_project / "content")


# Engine checks on the fixture site


def test_draft_number_and_date_are_shown_blank_and_marked_as_draft(fixture_site):
    page = page_for(fixture_site, "/ke-hoach/")
    assert "Số: /KH-UBND" in page.article
    assert "Hà Nội, ngày tháng năm 2023" in page.article
    assert "Bản dự thảo" in page.article


def test_the_plan_seen_today_says_what_it_is_what_is_reported_that_it_ended_and_what_applies_now(fixture_site):
    notice = page_for(fixture_site, "/ke-hoach/").article.split("Số: /KH-UBND")[0]
    report = FIXTURE.main_plan.record.reported_issue
    assert "bản dự thảo" in notice
    assert f"Kế hoạch số {report.number}" in notice and "chưa được kiểm chứng" in notice
    assert "đã kết thúc ngày 31/12/2024" in notice and "Chưa có báo cáo công khai về kết quả" in notice
    current = [p for p in FIXTURE.plans if p.in_force]
    assert current and all(f"Kế hoạch đang áp dụng hôm nay (30/11/2026): {p.label}" in notice for p in current)


def test_task_index_lists_each_task_with_its_period_and_no_owner_the_plan_does_not_name(fixture_site):
    page = page_for(fixture_site, "/nhiem-vu/")
    for task in FIXTURE.main_plan.tasks:
        assert task.short_title in page.article
        assert f"{task.record.id}/" in {href for _, href in page.links}
    assert "Năm 2024" in page.article
    assert "Đơn vị chủ trì" not in page.article


def test_a_task_page_names_roles_and_legal_basis_only_from_the_plans_own_words(fixture_site):
    """The regressions of issue 9: no role the text does not give, no basis the task does not cite."""
    technology = page_for(fixture_site, "/nhiem-vu/cong-nghe-va-giam-nhua/").article
    assert "Chủ trì" not in technology.split("Các ý ở phần IV liên quan")[0]
    assert "Theo cách hiểu của trang này (không phải của Kế hoạch)" in technology
    assessment = page_for(fixture_site, "/nhiem-vu/danh-gia-hien-trang/").article
    basis = assessment.split("Căn cứ pháp lý nêu trong nhiệm vụ", 1)[1].split("Các ý ở phần IV liên quan")[0]
    assert "12/2021/QĐ-TTg" not in basis and "320/KH-UBND" not in basis
    circular = page_for(fixture_site, "/van-ban/tt-42-2020/").article
    assert "Phần II, nhiệm vụ 7" not in circular
    assert "Phần IV, mục 1, ý 3" in circular


def test_each_name_the_plan_wrote_in_2023_shows_the_body_that_carries_it_now(fixture_site):
    plan = page_for(fixture_site, "/ke-hoach/").article
    timeline = page_for(fixture_site, "/tien-do/").article
    for agency in FIXTURE.agencies:
        successor = agency.successor
        if not successor or successor.name == agency.name or not agency.sections:
            continue
        if successor.part:  # only part of a group passed on: the note says which part, and to whom
            assert f"{agency.name} Ghi chú của trang: (nay: phần {successor.part} do {successor.agency.name} đảm nhận" \
                   in plan and "phần còn lại không đổi" in plan
        else:
            assert f"{agency.name} Ghi chú của trang: (nay: {successor.name}" in plan
    assert "UBND các quận, huyện, thị xã (nay: UBND các xã, phường, từ 01/7/2025)" in timeline


def test_agency_list_separates_bodies_the_plan_names_from_the_others(fixture_site):
    page = page_for(fixture_site, "/don-vi/").article
    named, others = page.split("Cơ quan khác trang này nhắc đến")
    assert "Bộ Công Thương" in named and "Hội đồng nhân dân thành phố Hà Nội" in others
    for agency in FIXTURE.agencies:
        assert agency.name in (named if agency.named_by_main_plan else others), agency.record.id


def test_timeline_draws_each_planned_item_from_its_start_to_its_end_as_planned_not_done(fixture_site):
    plan = FIXTURE.main_plan
    html = (fixture_site / "tien-do" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<li class="timeline-chart__row[^"]*">(.*?)</li>', html, re.S)
    assert len(rows) == len(plan.deliverables) + len(plan.tasks)
    days = (plan.ends - plan.starts).days + 1
    for deliverable, row in zip(plan.deliverables, rows):
        assert f'<time datetime="{deliverable.period.start.isoformat()}">' in row
        assert f'<time datetime="{deliverable.period.end.isoformat()}">' in row
        start, end = map(float, re.search(r"--from: ([\d.]+); --to: ([\d.]+)", row).groups())
        assert abs(start - (deliverable.period.start - plan.starts).days / days) < 1e-3
        assert abs(end - ((deliverable.period.end - plan.starts).days + 1) / days) < 1e-3
        assert "dự kiến" in row
    article = page_for(fixture_site, "/tien-do/").article
    assert "Thực hiện" not in article
    assert "Chưa có báo cáo công khai về kết quả thực hiện" in article
    assert "Hôm nay, 30/11/2026: sau thời gian trên biểu đồ." in article


def test_pages_are_vietnamese_with_dates_written_the_vietnamese_way(fixture_site):
    assert page_for(fixture_site, "/").lang == "vi"
    assert "08/9/2020" in page_for(fixture_site, "/van-ban/qd-1375-2020/").article
    assert "01/01/2022" in page_for(fixture_site, "/van-ban/luat-bvmt-2020/").article


def test_unknown_reference_fields_are_shown_as_unknown_not_invented(fixture_site):
    page = page_for(fixture_site, "/van-ban/luat-ngan-sach-nha-nuoc/")
    assert "Số, ký hiệu chưa rõ" in page.article
    assert "Ngày ban hành chưa rõ" in page.article


def test_record_pages_stay_out_of_the_sidebar_and_every_topic_is_in_it(fixture_site):
    html = (fixture_site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index('class="md-content"')]
    assert "tuyen-truyen" not in nav
    assert "nhiem-vu/" in nav
    for topic in FIXTURE.topics:
        assert f"huong-dan/{topic.record.id}/" in nav


def test_a_new_topic_appears_in_the_sidebar_without_editing_mkdocs_yml(project, tmp_path):
    _edit_yaml(project / "content" / "guidance" / "topics.yml", lambda d: d["topics"].append({
        "id": "chu-de-moi", "title": "Chủ đề mới", "for_whom": "Người đọc thử.", "first_step": "Đọc trang.",
        "intro": "Một chủ đề thêm vào dữ liệu."}))
    mkdocs = (project / "mkdocs.yml").read_bytes()
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "huong-dan/chu-de-moi/" in html[html.index('<nav class="md-nav md-nav--primary'):]
    assert (project / "mkdocs.yml").read_bytes() == mkdocs


def test_adding_a_plan_is_adding_a_folder(project, tmp_path):
    """Issue 12: a plan folder with its full text gets its pages, its place in the series and its
    own timeline, with no change to Python, templates or mkdocs.yml."""
    shutil.copytree(FIXTURES / "site" / "extra-plan", project / "content" / "plans" / "2027")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    plan = load_site(project / "content").site.plan_by_id["2027"]
    text = page_for(site, "/cac-ke-hoach/2027/").article
    assert all(normalise(paragraph) in text for paragraph in plan.text.preamble)
    for task in plan.tasks:
        assert normalise(task.record.text) in page_for(site, f"/cac-ke-hoach/2027/nhiem-vu/{task.record.id}/").article
    assert plan.deliverables[0].description in page_for(site, "/cac-ke-hoach/2027/tien-do/").article
    lineage = page_for(site, "/cac-ke-hoach/")
    assert "cac-ke-hoach/2027/" in {href for _, href in lineage.links} or "2027/" in {h for _, h in lineage.links}
    assert lineage.article.index("Kế hoạch năm 2024") < lineage.article.index(plan.short_title)
    # the main plan keeps its addresses
    assert "Năm 2024" in page_for(site, "/tien-do/").article


def test_the_lineage_lists_the_series_oldest_first_and_says_which_plan_applies_today(fixture_site):
    page = page_for(fixture_site, "/cac-ke-hoach/").article
    table = page.split("Số, ngày Tình trạng", 1)[1]
    positions = [table.index(plan.short_title) for plan in FIXTURE.plans]
    assert positions == sorted(positions)
    in_force = [plan for plan in FIXTURE.plans if plan.in_force]
    assert len(in_force) == 1 and f"Đang áp dụng hôm nay (30/11/2026): {in_force[0].label}" in page
    for plan in FIXTURE.plans:
        assert (plan.record.number or "Số chưa rõ") in page


def test_edit_button_opens_the_yaml_file_the_page_came_from_and_public_pages_have_none(fixture_site):
    def edit_links(url_path):
        return [href for tag, href in page_for(fixture_site, url_path).links if "/edit/" in href]

    base = f"{REPO_URL}/edit/main/"
    assert edit_links("/nhiem-vu/tuyen-truyen/") == [base + "content/plans/2024/tasks.yml"]
    assert edit_links("/don-vi/so-cong-thuong/") == [base + "content/agencies.yml"]
    assert edit_links("/van-ban/tt-42-2020/") == [base + "content/references.yml"]
    assert edit_links("/gioi-thieu/") == [base + "docs/gioi-thieu.md"]
    for public in ["/", "/doanh-nghiep/", "/nguoi-dan/", *(served(routes.page_of(k)) for k in FIXTURE.business_kinds)]:
        page = page_for(fixture_site, public)
        assert edit_links(public) == [], public
        assert not re.search(r"YAML|GitHub|pull request|yêu cầu kéo", page.article), public


def test_an_old_business_address_redirects_to_the_page_that_replaced_it(fixture_site):
    for kind in FIXTURE.business_kinds:
        for old in kind.record.former_ids:
            html = (fixture_site / "doanh-nghiep" / old / "index.html").read_text(encoding="utf-8")
            target = f"../{kind.record.id}/"
            assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
            assert f'href="{target}"' in html


def test_handwritten_pages_can_use_the_data(fixture_site):
    page = page_for(fixture_site, "/gioi-thieu/")
    assert f"có {len(FIXTURE.main_plan.tasks)} nhiệm vụ" in page.article
    assert "Kế hoạch triển khai thực hiện công tác bảo vệ môi trường ngành Công Thương Hà Nội năm 2024" in page.article
    assert "{{" not in page.article


def test_content_text_with_markup_is_shown_as_text(project, tmp_path):
    tasks = project / "content" / "plans" / "2024" / "tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("short_title: Cụm công nghiệp, làng nghề và xử lý ô nhiễm",
                                  'short_title: "Cụm *công* [nghiệp](http://x) #1 | a_b = c^2 ~d"'), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = page_for(tmp_path / "site", "/nhiem-vu/cum-cong-nghiep/")
    assert "Cụm *công* [nghiệp](http://x) #1 | a_b = c^2 ~d" in page.article
    assert ("a", "http://x") not in page.links
