"""Guidance for businesses and the public: sourced claims, dated obligations on the pages of the
kinds they touch, tooltips, and the paths a newcomer takes. On the fixture site."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURE_CONTENT
from htmltools import Page, page_for
from plansite import routes
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.glossary import tooltip
from plansite.references import unverified_source
from plansite.selfcheck import self_checks
from plansite.textfmt import vn_number

SITE = load_site(FIXTURE_CONTENT).site
CHECKS = self_checks(SITE.selfchecks, SITE.index["obligations"], SITE.today)


def address(entity_or_uri) -> str:
    uri = entity_or_uri if isinstance(entity_or_uri, str) else routes.page_of(entity_or_uri)
    path = routes.served(uri)
    return "/" if path == "." else f"/{path}/"


GUIDANCE_PAGES = [address(routes.BUSINESSES), address(routes.PUBLIC), address(routes.GUIDANCE), address(routes.FAQ),
                  address(routes.GLOSSARY), *(address(k) for k in SITE.business_kinds),
                  *(address(t) for t in SITE.topics), *(address(routes.selfcheck_page(c)) for c in CHECKS)]

# Sources


def test_a_verified_self_check_outcome_rests_only_on_verified_sources():
    """Content files are checked at load ([E-UNVERIFIED]); the self-checks' outcomes are built in Python."""
    references = {r.record.id: r.record for r in SITE.references}
    for check in CHECKS.values():
        for outcome in check.outcomes.values():
            for source in check.basis(outcome):
                assert unverified_source(references[source.ref], source.article) is None, (outcome.id, source)


def test_marking_a_claim_verified_on_an_unverified_article_is_a_content_error(project):
    items = project / "content" / "guidance" / "items.yml"
    text = items.read_text(encoding="utf-8")
    items.write_text(text.replace("{ref: luat-bvmt-2020, article: Điều 73}", "{ref: luat-bvmt-2020, article: Điều 75}", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    message = str(error.value)
    assert "[E-UNVERIFIED]" in message
    assert "content/guidance/items.yml:" in message and "ktth-tai-che-nhua" in message
    assert '"Điều 75"' in message


def test_a_dated_obligation_marked_verified_on_an_unverified_article_is_a_content_error(project):
    obligations = project / "content" / "obligations.yml"
    text = obligations.read_text(encoding="utf-8")
    obligations.write_text(text.replace("{ref: nq-22-2025, article: Điều 5}", "{ref: nq-22-2025, article: Điều 6}", 1),
                           encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    assert "content/obligations.yml:" in str(error.value) and "[E-UNVERIFIED]" in str(error.value)


def test_citing_a_document_nothing_is_verified_about_is_a_content_error(project):
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("      - {ref: nd-139-2025}\n",
                                                           "      - {ref: nd-139-2025}\n      - {ref: luat-ngan-sach-nha-nuoc}\n", 1),
                   encoding="utf-8")
    load_site(project / "content", project)  # the Law on the State Budget has a verified title: fine
    references = project / "content" / "references.yml"
    references.write_text(references.read_text(encoding="utf-8").replace(
        "    title: Luật Ngân sách nhà nước\n", ""), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    assert "[E-UNVERIFIED]" in str(error.value) and "luat-ngan-sach-nha-nuoc" in str(error.value)


@pytest.mark.parametrize("old, new", [
    ("    status: co-van-ban-moi\n    newer: qd-04-2026\n", "    status: bi-thay-the\n    newer: qd-04-2026\n"),
    ("    status: co-van-ban-moi\n    newer: qd-04-2026\n", "    status: co-van-ban-moi\n"),
    ("    status: co-van-ban-moi\n    newer: qd-04-2026\n", "    status: con-hieu-luc\n    newer: qd-04-2026\n"),
])
def test_reference_status_must_match_its_links(project, old, new):
    references = project / "content" / "references.yml"
    references.write_text(references.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    assert "[E-STATUS]" in str(error.value) and "qd-12-2021" in str(error.value)


def test_oil_spill_guidance_cites_the_new_rulebook_first_and_never_calls_the_old_one_void(fixture_site):
    page = page_for(fixture_site, "/huong-dan/su-co-tran-dau/")
    hrefs = [href for _, href in page.links]
    assert hrefs.index("../../van-ban/qd-04-2026/") < hrefs.index("../../van-ban/qd-12-2021/")
    assert "hết hiệu lực" not in page.article.lower() and "thay thế Quyết định 12/2021" not in page.article
    old = page_for(fixture_site, "/van-ban/qd-12-2021/").article
    assert "Tình trạng Đã có văn bản mới cùng lĩnh vực: Quyết định 04/2026/QĐ-TTg" in old
    assert "hết hiệu lực" not in old.lower()


# Pages for businesses and the public


def test_every_guidance_page_says_who_it_is_for_and_what_to_do_first(fixture_site):
    for url in GUIDANCE_PAGES:
        article = page_for(fixture_site, url).article
        assert "Trang này dành cho:" in article, url
        assert "Việc làm trước tiên:" in article, url


def test_business_pages_show_what_applies_a_checklist_and_what_the_city_offers(fixture_site):
    for kind in SITE.business_kinds:
        page = page_for(fixture_site, address(kind))
        html = page.path.read_text(encoding="utf-8")
        hrefs = {href for _, href in page.links}
        for item in kind.items:
            assert item.title in page.article
            assert f"../../huong-dan/{item.topic.record.id}/#{item.record.id}" in hrefs
        for obligation in kind.obligations:  # each rule told once, on this page; the rest link to it
            assert obligation.title in page.article
            assert html.count(f'id="{obligation.record.id}"') == 1
            assert f"#{obligation.record.id}" in hrefs
        boxes = re.findall(r'<input type="checkbox" data-check="([^"]+)"', html)
        assert len(boxes) == len(kind.checklist) == len(set(boxes))
        for deliverable in kind.deliverables:
            assert deliverable.description in page.article
        for task in kind.tasks:
            assert f"../../nhiem-vu/{task.record.id}/" in hrefs


def test_business_pages_put_the_checklist_right_after_the_first_step(fixture_site):
    """Issue 19: the answer first. The checklist is the first section after "Việc làm trước tiên"."""
    for kind in SITE.business_kinds:
        page = page_for(fixture_site, address(kind))
        html = page.path.read_text(encoding="utf-8")
        after_first_step = html.split("Việc làm trước tiên:", 1)[1]
        first_heading = re.search(r"<h2[^>]*>(.*?)</h2>", after_first_step).group(1)
        assert "Danh sách việc cần làm" in first_heading, (kind.id, first_heading)
        assert after_first_step.index('data-checklist=') < after_first_step.index("Quy định áp dụng")


def test_business_pages_fold_the_per_year_list(fixture_site):
    for kind in SITE.business_kinds:
        html = page_for(fixture_site, address(kind)).path.read_text(encoding="utf-8")
        by_year = re.search(r'<details class="by-year">(.*?)</details>', html, re.S)
        assert by_year and "Năm " in by_year.group(1), kind.id


def test_every_kind_of_business_the_rules_name_has_its_page_with_its_dates(fixture_site):
    """Issue 9: markets and convenience stores get Hanoi's 2027 and 2028 dates; hotels the 2026 rules;
    PE/PP packaging producers the 20 % and 30 % recycled-plastic dates."""
    expected = {
        "cho-cua-hang-tien-loi": ["01/01/2027", "01/01/2028"],
        "khach-san-khu-du-lich": ["01/01/2026"],
        "sieu-thi-trung-tam-thuong-mai": ["01/01/2026"],
        "san-xuat-nhap-khau": ["01/01/2028", "01/01/2030"],
    }
    for kind_id, dates in expected.items():
        article = page_for(fixture_site, address(SITE.index["businesses"][kind_id])).article
        rules = article.split("Quy định áp dụng", 1)[1]
        for date in dates:
            assert date in rules, (kind_id, date)
    market = page_for(fixture_site, address(SITE.index["businesses"]["cho-cua-hang-tien-loi"])).article
    assert "Nghị quyết 22/2025/NQ-HĐND" in market
    assert "không nằm ngoài" not in market and "Sắp áp dụng từ 01/01/2027, còn 32 ngày" in market


def test_training_classes_are_offered_only_when_data_lists_an_open_one(fixture_site):
    for kind in SITE.business_kinds:
        article = page_for(fixture_site, address(kind)).article
        assert "Hiện trang chưa có lớp tập huấn nào đang mở đăng ký cho loại hình này." in article
        assert "Đăng ký lớp tập huấn" not in article


def test_targets_are_not_listed_as_rules_and_say_when_their_year_has_passed(fixture_site):
    for kind in SITE.business_kinds:
        article = page_for(fixture_site, address(kind)).article
        rules = article.split("Quy định áp dụng", 1)[1].split("Mốc thời gian")[0]
        for item in kind.items:
            if item.kind == "muc-tieu":
                assert item.title not in rules
                if item.target_passed:
                    assert f"đến năm {item.target_year}, năm này đã qua" in article


def test_the_public_page_shows_hanois_own_dates_and_the_plan_in_force(fixture_site):
    article = page_for(fixture_site, address(routes.PUBLIC)).article
    for obligation in SITE.public.changes:
        assert obligation.title in article
    assert "Sắp áp dụng từ 01/01/2027, còn 32 ngày" in article
    current = [plan for plan in SITE.plans if plan.in_force]
    assert all(f"Kế hoạch đang áp dụng hôm nay: {plan.label}" in article for plan in current)
    assert "Thành phố đang làm gì" not in article


def test_topic_pages_show_each_claim_with_its_basis_date_and_review(fixture_site):
    for topic in SITE.topics:
        page = page_for(fixture_site, address(topic))
        hrefs = {href for _, href in page.links}
        for item in topic.items:
            assert item.record.id in page.ids
            assert re.sub(r"\s+", " ", item.claim) in page.article
            for source in item.sources:
                assert f"../../van-ban/{source.ref.record.id}/" in hrefs
            assert f"Rà soát ngày {item.reviewed.day:02d}/" in page.article
    plastics = page_for(fixture_site, "/huong-dan/chat-thai-nhua/").article
    assert "Nghị định 08/2022/NĐ-CP, Điều 64 (văn bản đã được sửa đổi, bổ sung)" in plastics
    assert "Luật Bảo vệ môi trường số 72/2020/QH14, Điều 73" in plastics
    circular = page_for(fixture_site, "/huong-dan/kinh-te-tuan-hoan/").article
    assert "thực hành tốt chung, không phải quy định pháp luật" in circular


def test_faq_answers_are_each_shown_once_with_their_sources(fixture_site):
    page = page_for(fixture_site, "/hoi-dap/")
    hrefs = {href for _, href in page.links}
    for entry in SITE.faq:
        assert entry.record.id in page.ids
        assert page.article.count(entry.question) == 1
        for source in entry.sources:
            assert f"../van-ban/{source.ref.record.id}/" in hrefs


def test_agency_pages_show_the_2025_successor_only_where_verified(fixture_site):
    # From the 2025 reorganisation facts: (agency, successor name or None, since)
    expected = [
        ("so-tai-nguyen-moi-truong", "Sở Nông nghiệp và Môi trường", "01/3/2025"),
        ("so-ke-hoach-dau-tu", "Sở Tài chính", "01/3/2025"),
        ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", "01/3/2025"),
        ("ubnd-quan-huyen", "UBND các xã, phường", "01/7/2025"),
        ("ban-thi-dua-khen-thuong", None, None),
    ]
    for agency_id, successor, since in expected:
        article = page_for(fixture_site, f"/don-vi/{agency_id}/").article
        agency = SITE.index["agencies"][agency_id]
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
        self._sections: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth["article"] += 1
        elif tag == "abbr":
            self.depth["abbr"] += 1
            self._abbr_title, self._abbr_text = dict(attrs).get("title"), []
        elif tag in ("script", "style", "code", "pre", "svg"):
            self.depth["skip"] += 1
        elif tag == "section":
            # the theme's contact block (overrides/partials/contact.html) is outside Markdown's reach
            chrome = "site-contact" in (dict(attrs).get("class") or "")
            self._sections.append(chrome)
            self.depth["skip"] += chrome

    def handle_endtag(self, tag):
        if tag == "section" and self._sections:
            self.depth["skip"] -= self._sections.pop()
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


def test_every_glossary_term_is_a_tooltip_wherever_it_appears(fixture_site):
    terms = {t.term: t for t in SITE.glossary}
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b")
    bare, seen = [], set()
    for path in sorted(fixture_site.rglob("*.html")):
        reader = _UnwrappedText()
        reader.feed(path.read_text(encoding="utf-8"))
        for chunk in reader.outside:
            for match in pattern.finditer(chunk):
                bare.append(f"{path.relative_to(fixture_site)}: {match.group(0)!r} in {chunk.strip()[:60]!r}")
        for text, title in reader.abbrs:
            if text in terms:
                seen.add(text)
                assert title == tooltip(terms[text])
    assert bare == []
    assert {"BVMT", "UBND", "EPR", "KCN", "CCN", "túi ni lông", "nhựa dùng một lần"} <= seen


def test_glossary_page_lists_every_term_with_its_meaning(fixture_site):
    page = page_for(fixture_site, "/thuat-ngu/")
    for term in SITE.glossary:
        assert term.id in page.ids
        assert tooltip(term) in page.article
    html = page.path.read_text(encoding="utf-8")
    order = [html.index(f'id="{term_id}"') for term_id in ("ctnh", "dtm", "epr", "o-zon", "pe")]
    assert order == sorted(order)  # Vietnamese dictionary order: Đ after D, Ô among the O's


# Paths a newcomer takes


def test_supermarket_battery_factory_and_family_are_three_clicks_from_home(fixture_site):
    distance = _article_clicks_from_home(fixture_site)

    def closest(predicate):
        pages = [(d, p) for p, d in distance.items() if predicate(Page(p).article)]
        return min(pages)[0] if pages else None

    supermarket = closest(lambda a: "siêu thị" in a and "Từ ngày 01/01/2026" in a and "Danh sách việc cần làm" in a)
    battery = closest(lambda a: "pin và ắc quy" in a.lower() and "01/01/2024" in a and "nhà máy pin, ắc quy" in a)
    declaration = CHECKS["khai-bao"]
    battery_rule = next(r for r in declaration.record.rules if r.when.get("nganh") == "pin-ac-quy")
    sector = dict(declaration.choices(declaration.questions["nganh"]))["pin-ac-quy"]
    threshold = declaration.condition_text(*next((q, c) for q, c in battery_rule.when.items() if q != "nganh"))
    battery_declaration = closest(lambda a: sector in a and threshold in a)
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


def test_reference_pages_link_to_the_guidance_that_cites_them(fixture_site):
    cited = {source.ref.record.id for item in SITE.guidance for source in item.sources}
    assert {"nd-08-2022", "luat-bvmt-2020", "tt-42-2020"} <= cited
    for ref_id in cited:
        hrefs = {href for _, href in page_for(fixture_site, f"/van-ban/{ref_id}/").links}
        for item in SITE.index["references"][ref_id].guidance:
            assert f"../../huong-dan/{item.topic.record.id}/#{item.record.id}" in hrefs, (ref_id, item.record.id)


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
           "Chưa được kiểm chứng: hãy kiểm tra lại với văn bản hiện hành." in article


def test_guidance_citing_an_unknown_reference_gets_a_suggestion(project):
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("{ref: nd-139-2025}", "{ref: nd-139-2052}"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site(project / "content", project)
    line = _line_of(faq, "nd-139-2052")
    column = faq.read_text(encoding="utf-8").splitlines()[line - 1].index("nd-139-2052") + 1
    assert f"content/faq.yml:{line}:{column} [E-REF]" in str(error.value)
    assert 'văn bản căn cứ "nd-139-2052" không tồn tại trong content/references.yml (có phải "nd-139-2025"?)' \
           in str(error.value)

