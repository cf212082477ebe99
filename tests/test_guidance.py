"""Guidance for businesses and the public: sourced claims, self-checks, tooltips, audience paths."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT
from htmltools import Page, page_for
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.glossary import tooltip
from plansite.references import unverified_source
from plansite.selfcheck import self_checks
from plansite.textfmt import vn_date, vn_number

SITE = load_site(ROOT / "content").site
CHECKS = self_checks(SITE.selfchecks)
GUIDANCE_PAGES = ["/doanh-nghiep/", "/nguoi-dan/", "/huong-dan/", "/hoi-dap/", "/thuat-ngu/",
                  *(f"/doanh-nghiep/{k.id}/" for k in SITE.business_kinds),
                  *(f"/huong-dan/{t.id}/" for t in SITE.topics),
                  "/huong-dan/tu-kiem-tra-khai-bao/", "/huong-dan/tu-kiem-tra-epr/"]


# Sources


def sourced_records():
    return [*SITE.guidance, *SITE.faq]


def test_every_guidance_item_and_answer_cites_a_known_reference():
    for record in sourced_records():
        assert record.sources, record.id
        for source in record.sources:
            assert source.ref in SITE.reference, (record.id, source.ref)


def test_no_record_marked_verified_rests_on_an_unverified_source():
    for record in sourced_records():
        if record.verified:
            for source in record.sources:
                assert unverified_source(SITE.reference[source.ref], source.article) is None, (record.id, source)
    for check in CHECKS.values():
        for outcome in check.outcomes.values():
            for source in outcome.sources:
                assert unverified_source(SITE.reference[source.ref], source.article) is None, (outcome.id, source)


def test_marking_a_claim_verified_on_an_unverified_article_is_a_content_error(project):
    items = project / "content" / "guidance" / "items.yml"
    text = items.read_text(encoding="utf-8")
    items.write_text(text.replace("{ref: luat-bvmt-2020, article: Điều 73}", "{ref: luat-bvmt-2020, article: Điều 75}", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    message = str(error.value)
    assert "[E-UNVERIFIED]" in message
    assert "content/guidance/items.yml:" in message and "nhua-nghia-vu-chung" in message
    assert '"Điều 75"' in message


def test_citing_a_document_nothing_is_verified_about_is_a_content_error(project):
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("{ref: ct-19-2025}", "{ref: qd-24-2025}\n      - {ref: luat-ngan-sach-nha-nuoc}"),
                   encoding="utf-8")
    load_site(project / "content", project)  # qd-24-2025 has a verified fact: fine
    references = project / "content" / "references.yml"
    references.write_text(references.read_text(encoding="utf-8").replace(
        "    title: Luật Ngân sách nhà nước\n", ""), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    assert "[E-UNVERIFIED]" in str(error.value) and "luat-ngan-sach-nha-nuoc" in str(error.value)


def test_reference_status_must_match_its_amendment_links(project):
    references = project / "content" / "references.yml"
    text = references.read_text(encoding="utf-8")
    # Decision 12/2021 is amended, not replaced: claiming "replaced" without a replacement is refused
    references.write_text(text.replace("    status: da-sua-doi\n    amended_by: [qd-24-2025]",
                                       "    status: bi-thay-the\n    amended_by: [qd-24-2025]"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    assert "[E-STATUS]" in str(error.value) and "qd-12-2021" in str(error.value)


def test_oil_spill_guidance_says_amended_and_never_replaced(built_site):
    page = page_for(built_site, "/huong-dan/su-co-tran-dau/")
    assert "sửa đổi" in page.article
    assert "../../van-ban/qd-24-2025/" in {href for _, href in page.links}
    assert "thay thế Quyết định 12/2021" not in page.article
    assert SITE.reference["qd-12-2021"].status == "da-sua-doi"
    assert SITE.reference["qd-12-2021"].replaced_by is None


# Self-checks (engine, agreement and content checks: tests/test_selfcheck.py)


def test_self_check_pages_work_without_javascript(built_site):
    declaration, epr = SITE.selfchecks.declaration, SITE.selfchecks.epr
    page = page_for(built_site, "/huong-dan/tu-kiem-tra-khai-bao/")
    for sector in declaration.sectors:
        assert sector.name in page.article
        if sector.thresholds:
            assert " hoặc ".join(f"từ {vn_number(t.minimum)} {t.unit}" for t in sector.thresholds) in page.article
    assert declaration.deadline in page.article
    epr_page = page_for(built_site, "/huong-dan/tu-kiem-tra-epr/")
    assert f"dưới {vn_number(epr.revenue_threshold)} tỷ đồng" in epr_page.article
    for group in epr.groups:
        assert vn_date(group.since) in epr_page.article
    for deadline in epr.deadlines:
        assert f"trước ngày {deadline.before} hằng năm" in epr_page.article
    for check_id, check in CHECKS.items():
        page = page_for(built_site, f"/huong-dan/tu-kiem-tra-{check_id}/")
        html = page.path.read_text(encoding="utf-8")
        for outcome in check.outcomes.values():
            section = re.search(rf'<h3[^>]*id="ket-qua-{outcome.id}".*?(?=<h[23]|</article>)', html, re.S).group(0)
            assert "không phải quyết định pháp lý" in section
            assert re.search(r'href="\.\./\.\./van-ban/[a-z0-9-]+/"', section), outcome.id
            for point in outcome.points:
                assert point in Page(page.path).article
        rows = {re.sub(r"<[^>]+>", "", re.search(r"<td>(.*?)</td>", row, re.S).group(1)): row
                for row in re.findall(r"<tr>\s*<td>.*?</tr>", html, re.S)}
        for example, result in check.worked_examples():  # the worked examples, each with its outcomes
            assert [f"#ket-qua-{o}" for o in result.outcome_ids] == \
                re.findall(r'href="(#ket-qua-[a-z0-9-]+)"', rows[example.name]), example.name


# Pages for businesses and the public


def test_every_guidance_page_says_who_it_is_for_and_what_to_do_first(built_site):
    for url in GUIDANCE_PAGES:
        article = page_for(built_site, url).article
        assert "Trang này dành cho:" in article, url
        assert "Việc làm trước tiên:" in article, url


def test_business_pages_show_what_applies_a_checklist_and_what_the_city_offers(built_site):
    for kind in SITE.business_kinds:
        page = page_for(built_site, f"/doanh-nghiep/{kind.id}/")
        html = page.path.read_text(encoding="utf-8")
        for item in SITE.items_for_kind[kind.id]:
            assert item.title in page.article
            assert f"../../huong-dan/{item.topic}/#{item.id}" in {href for _, href in page.links}
        boxes = re.findall(r'<input type="checkbox" data-check="([^"]+)"', html)
        assert len(boxes) == len(kind.checklist) == len(set(boxes))
        for deliverable_id in kind.deliverables:
            assert SITE.deliverable[deliverable_id].description in page.article
        for task_id in kind.tasks:
            assert f"../../nhiem-vu/{task_id}/" in {href for _, href in page.links}


def test_topic_pages_show_each_claim_with_its_basis_date_and_review(built_site):
    for topic in SITE.topics:
        page = page_for(built_site, f"/huong-dan/{topic.id}/")
        hrefs = {href for _, href in page.links}
        for item in SITE.items_for_topic[topic.id]:
            assert item.id in page.ids
            assert re.sub(r"\s+", " ", item.claim) in page.article
            for source in item.sources:
                assert f"../../van-ban/{source.ref}/" in hrefs
        assert "Rà soát ngày 28/11/2026" in page.article
    plastics = page_for(built_site, "/huong-dan/chat-thai-nhua/").article
    assert "Nghị định 08/2022/NĐ-CP, Điều 64 (văn bản đã được sửa đổi, bổ sung)" in plastics
    assert "Luật Bảo vệ môi trường số 72/2020/QH14, Điều 73" in plastics
    circular = page_for(built_site, "/huong-dan/kinh-te-tuan-hoan/").article
    assert "thực hành tốt chung, không phải quy định pháp luật" in circular


def test_faq_answers_are_each_shown_once_with_their_sources(built_site):
    page = page_for(built_site, "/hoi-dap/")
    hrefs = {href for _, href in page.links}
    for entry in SITE.faq:
        assert entry.id in page.ids
        assert page.article.count(entry.question) == 1
        for source in entry.sources:
            assert f"../van-ban/{source.ref}/" in hrefs


def test_agency_pages_show_the_2025_successor_only_where_verified(built_site):
    # From the 2025 reorganisation facts: (agency, successor name or None, since)
    expected = [
        ("so-tai-nguyen-moi-truong", "Sở Nông nghiệp và Môi trường", "01/3/2025"),
        ("so-ke-hoach-dau-tu", "Sở Tài chính", "01/3/2025"),
        ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", "01/3/2025"),
        ("ubnd-quan-huyen", "UBND các xã, phường", "01/7/2025"),
        ("ban-thi-dua-khen-thuong", None, None),
    ]
    for agency_id, successor, since in expected:
        article = page_for(built_site, f"/don-vi/{agency_id}/").article
        agency = SITE.agency[agency_id]
        assert agency.name in article
        if successor is None:
            assert agency.successor is None and "Hiện nay:" not in article
        else:
            assert f"Hiện nay: {successor}" in article and f"từ ngày {since}" in article


# Glossary tooltips


class _UnwrappedText(HTMLParser):
    """Text of the article that is outside any <abbr>, and the titles of the <abbr>s."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = {"article": 0, "abbr": 0, "skip": 0}
        self.outside: list[str] = []
        self.abbrs: list[tuple[str, str]] = []
        self._abbr_title = None
        self._abbr_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth["article"] += 1
        elif tag == "abbr":
            self.depth["abbr"] += 1
            self._abbr_title, self._abbr_text = dict(attrs).get("title"), []
        elif tag in ("script", "style", "code", "pre", "svg"):
            self.depth["skip"] += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth["article"] -= 1
        elif tag == "abbr":
            self.depth["abbr"] -= 1
            self.abbrs.append(("".join(self._abbr_text), self._abbr_title))
        elif tag in ("script", "style", "code", "pre", "svg"):
            self.depth["skip"] -= 1

    def handle_data(self, data):
        if not self.depth["article"] or self.depth["skip"]:
            return
        (self._abbr_text if self.depth["abbr"] else self.outside).append(data)


def test_every_glossary_term_is_a_tooltip_wherever_it_appears(built_site):
    terms = {t.term: t for t in SITE.glossary}
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b")
    bare, seen = [], set()
    for path in sorted(built_site.rglob("*.html")):
        reader = _UnwrappedText()
        reader.feed(path.read_text(encoding="utf-8"))
        for chunk in reader.outside:
            for match in pattern.finditer(chunk):
                bare.append(f"{path.relative_to(built_site)}: {match.group(0)!r} in {chunk.strip()[:60]!r}")
        for text, title in reader.abbrs:
            if text in terms:
                seen.add(text)
                assert title == tooltip(terms[text])
    assert bare == []
    assert {"BVMT", "UBND", "EPR", "KCN", "CCN", "túi ni lông", "nhựa dùng một lần"} <= seen


def test_glossary_page_lists_every_term_with_its_meaning(built_site):
    page = page_for(built_site, "/thuat-ngu/")
    for term in SITE.glossary:
        assert term.id in page.ids
        assert tooltip(term) in page.article
    html = page.path.read_text(encoding="utf-8")
    order = [html.index(f'id="{term_id}"') for term_id in ("ctnh", "dtm", "epr", "o-zon", "pe")]
    assert order == sorted(order)  # Vietnamese dictionary order: Đ after D, Ô among the O's


# Paths a newcomer takes


def test_supermarket_battery_factory_and_family_are_three_clicks_from_home(built_site):
    distance = _article_clicks_from_home(built_site)

    def closest(predicate):
        pages = [(d, p) for p, d in distance.items() if predicate(Page(p).article)]
        return min(pages)[0] if pages else None

    supermarket = closest(lambda a: "siêu thị" in a and "Từ ngày 01/01/2026" in a and "Danh sách việc cần làm" in a)
    battery = closest(lambda a: "pin và ắc quy" in a.lower() and "01/01/2024" in a and "nhà máy pin, ắc quy" in a)
    battery_sector = next(s for s in SITE.selfchecks.declaration.sectors if "pin" in s.name and s.thresholds)
    threshold = f"{vn_number(battery_sector.thresholds[0].minimum)} {battery_sector.thresholds[0].unit}"
    battery_declaration = closest(lambda a: battery_sector.name in a and threshold in a)
    family = closest(lambda a: "Gia đình" in a and "túi" in a and "Hỏi ở đâu" in a)
    assert supermarket is not None and supermarket <= 3
    assert battery is not None and battery <= 3
    assert battery_declaration is not None and battery_declaration <= 3
    assert family is not None and family <= 3


class _ArticleLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        elif tag == "a" and self.inside and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1


def _article_clicks_from_home(site: Path) -> dict[Path, int]:
    """Fewest clicks on links inside page content (not the menu) from the home page to each page."""
    start = (site / "index.html").resolve()
    distance, queue = {start: 0}, deque([start])
    while queue:
        path = queue.popleft()
        reader = _ArticleLinks()
        reader.feed(path.read_text(encoding="utf-8"))
        for url in reader.hrefs:
            parts = urlsplit(url)
            if parts.scheme or not parts.path or url.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target.suffix == ".html" and target.exists() and target not in distance:
                distance[target] = distance[path] + 1
                queue.append(target)
    return distance


def test_reference_pages_link_to_the_guidance_that_cites_them(built_site):
    cited = {source.ref for item in SITE.guidance for source in item.sources}
    assert {"nd-08-2022", "luat-bvmt-2020", "tt-42-2020"} <= cited
    for ref_id in cited:
        hrefs = {href for _, href in page_for(built_site, f"/van-ban/{ref_id}/").links}
        for item in SITE.guidance_citing[ref_id]:
            assert f"../../huong-dan/{item.topic}/#{item.id}" in hrefs, (ref_id, item.id)


def _line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    return found[occurrence - 1]


def test_unverified_source_message_names_file_line_record_and_allowed_articles(project):
    items = project / "content" / "guidance" / "items.yml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        "{ref: nd-08-2022, article: Điều 3}", "{ref: nd-08-2022, article: Điều 4}"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    line = _line_of(items, "article: Điều 4}")
    assert str(error.value).splitlines()[0] == (
        f'content/guidance/items.yml:{line}:9 [E-UNVERIFIED] bản ghi "nhua-dinh-nghia" → trường "sources[1]": '
        '"Điều 4" của văn bản "nd-08-2022" chưa được kiểm chứng (các điều đã kiểm chứng: Điều 3, Điều 64, '
        "Điều 77); hãy đặt verified: false, hoặc bổ sung điều đã kiểm chứng vào content/references.yml")


def test_an_unverified_claim_may_cite_it_if_it_says_so(project, tmp_path):
    from conftest import run_mkdocs

    items = project / "content" / "guidance" / "items.yml"
    text = items.read_text(encoding="utf-8")
    start = text.index("  - id: nhua-dinh-nghia")
    block = text[start:text.index("\n\n", start)]
    changed = block.replace("article: Điều 3}", "article: Điều 4}").replace("verified: true", "verified: false")
    items.write_text(text.replace(block, changed), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    article = page_for(tmp_path / "site", "/huong-dan/chat-thai-nhua/").article
    assert "Nghị định 08/2022/NĐ-CP, Điều 4 (văn bản đã được sửa đổi, bổ sung) · Rà soát ngày 28/11/2026 · " \
           "Chưa kiểm chứng: hãy đọc văn bản gốc" in article


def test_guidance_citing_an_unknown_reference_gets_a_suggestion(project):
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("{ref: ct-33-2020}", "{ref: ct-33-2021}"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    line = _line_of(faq, "ct-33-2021")
    column = faq.read_text(encoding="utf-8").splitlines()[line - 1].index("ct-33-2021") + 1
    assert f"content/faq.yml:{line}:{column} [E-REF]" in str(error.value)
    assert 'văn bản căn cứ "ct-33-2021" không tồn tại trong content/references.yml (có phải "ct-33-2020"?)' \
           in str(error.value)


@pytest.mark.parametrize("value, shown", [(300000, "300.000"), (600, "600"), (30.0, "30"), (2.5, "2,5"),
                                          (100000.5, "100.000,5"), (0.25, "0,25")])
def test_thresholds_are_written_the_vietnamese_way(value, shown):
    assert vn_number(value) == shown
