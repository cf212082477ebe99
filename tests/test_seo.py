"""Each page describes itself: its own meta description, Open Graph and Twitter tags with a card,
structured data (JSON-LD) that parses and says only what the record knows, and a sitemap whose
lastmod is when the page's content last changed. On the fixture site, built inside a git history."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import FIXTURE_CONTENT, fixture_project, run_mkdocs, with_history
from plansite import seo
from plansite.content import load_site

SITE_URL = "https://example.org/bvmt/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture site in a git history: everything committed on 05/3/2024, tasks.yml again on 28/11/2024."""
    base = tmp_path_factory.mktemp("seo")
    project = fixture_project(base / "project")
    with_history(project)
    result = run_mkdocs(project, base / "site",
                        env={"SITE_URL": SITE_URL, "PLANSITE_CARD_CACHE": str(base / "cards"),
                             "GIT_CEILING_DIRECTORIES": str(base)})
    assert result.returncode == 0, result.stderr
    return base / "site"


def _pages(site: Path) -> dict[str, str]:
    """Every indexable page's HTML by its address ("/van-ban/x/"); redirect pages say noindex."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'name="robots" content="noindex"' in html:
            continue
        address = "/" + path.parent.relative_to(site).as_posix() + "/"
        pages[address.replace("/./", "/")] = html
    return pages


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def _jsonld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_every_page_has_a_description_of_its_own_within_50_to_160_characters(site):
    pages = _pages(site)
    assert len(pages) > 50
    descriptions = {}
    for address, html in pages.items():
        description = _meta(html, "description")
        assert description, address
        assert 50 <= len(description) <= 160, (address, len(description), description)
        descriptions.setdefault(description, []).append(address)
    shared = {d: a for d, a in descriptions.items() if len(a) > 1}
    assert not shared


def test_descriptions_come_from_the_record_and_keep_its_caveat_whole(site):
    pages = _pages(site)
    tasks = yaml.safe_load((FIXTURE_CONTENT / "plans" / "2024" / "tasks.yml").read_text(encoding="utf-8"))["tasks"]
    task = next(t for t in tasks if t["id"] == "tuyen-truyen")
    description = _meta(pages["/nhiem-vu/tuyen-truyen/"], "description")
    assert task["text"].split()[0] in description  # the task's own words
    assert description.endswith(seo.DRAFT)  # the 2024 plan is a draft: said whole, the text shortened instead
    reference = _meta(pages["/van-ban/qd-12-2021/"], "description")
    assert "12/2021/QĐ-TTg" in reference and "Tình trạng: đã có văn bản mới cùng lĩnh vực." in reference


def test_fit_shortens_the_text_never_the_caveat():
    caveat = "Chưa được kiểm chứng: hãy kiểm tra lại với văn bản hiện hành."
    described = seo.fit("Cửa hàng tiện lợi " * 30, [caveat])
    assert len(described) <= seo.MAX_LENGTH and described.endswith(" " + caveat) and "…" in described
    assert seo.fit("Ngắn.", [], "Trang về kế hoạch bảo vệ môi trường ngành Công Thương.").startswith("Ngắn. Trang")
    # caveats too long for any description: those that fit, then a pointer to the rest on the page
    many = [f"Chưa được kiểm chứng: điểm số {n} của văn bản này, ghi trên trang." for n in range(1, 5)]
    described = seo.fit("Nghị định 05/2025/NĐ-CP. Ban hành ngày 06/01/2025", many)
    assert len(described) <= seo.MAX_LENGTH and many[0] in described
    assert described.endswith(seo.CAVEATS_ON_PAGE)


def test_two_records_worded_alike_get_descriptions_of_their_own_with_their_caveats():
    from plansite.pages import PlannedPage

    site = load_site(FIXTURE_CONTENT, FIXTURE_CONTENT.parent).site
    task = site.main_plan.tasks[0]
    twins = [PlannedPage(f"nhiem-vu/{n}.md", "task.md.j2", "Nhiệm vụ", None, {"task": task}) for n in ("a", "b")]
    metas = seo.page_meta(site, twins, SITE_URL, "Trang thử")
    first, second = (metas[p.src_uri].description for p in twins)
    assert first != second and "/nhiem-vu/a/" in first and "/nhiem-vu/b/" in second
    assert first.endswith(seo.DRAFT) and second.endswith(seo.DRAFT) and len(first) <= seo.MAX_LENGTH


def test_open_graph_and_twitter_tags_with_a_1200_by_630_card_on_every_page(site):
    for address, html in _pages(site).items():
        assert _meta(html, "og:title"), address
        assert _meta(html, "og:description") == _meta(html, "description"), address
        assert _meta(html, "og:url") == SITE_URL.rstrip("/") + address, address
        assert _meta(html, "og:locale") == "vi_VN"
        assert _meta(html, "twitter:card") == "summary_large_image"
        image = _meta(html, "og:image")
        assert image.startswith(SITE_URL) and image.endswith(".png"), address
        card = site / image[len(SITE_URL):]
        assert card.is_file(), (address, image)
        assert _png_size(card) == (1200, 630)
    assert len({_meta(html, "og:image") for html in _pages(site).values()}) == len(_pages(site))


def test_home_page_names_the_site_and_its_body_by_name_only(site):
    found = {item["@type"]: item for item in _jsonld(_pages(site)["/"])}
    assert found["WebSite"]["url"] == SITE_URL and found["WebSite"]["name"]
    body = found["GovernmentOrganization"]
    assert body["name"] and found["WebSite"]["publisher"] == {"@id": body["@id"]}
    assert not {"address", "telephone", "email", "contactPoint"} & set(body)  # nothing unverified


def test_each_legal_reference_is_legislation_with_its_standing_only_where_the_record_knows_it(site):
    references = yaml.safe_load((FIXTURE_CONTENT / "references.yml").read_text(encoding="utf-8"))["references"]
    pages = _pages(site)
    for ref in references:
        found = [i for i in _jsonld(pages[f"/van-ban/{ref['id']}/"]) if i["@type"] == "Legislation"]
        assert len(found) == 1, ref["id"]
        law = found[0]
        assert law["@context"] == "https://schema.org" and law["name"] and law["legislationType"]
        assert law.get("legislationIdentifier") == ref.get("number")
        if ref.get("date"):
            day, month, year = (int(x) for x in ref["date"].split("/"))
            assert law["legislationDate"] == f"{year:04d}-{month:02d}-{day:02d}"
        expected = {"con-hieu-luc": "https://schema.org/InForce", "da-sua-doi": "https://schema.org/InForce",
                    "bi-thay-the": "https://schema.org/NotInForce"}.get(ref.get("status", "chua-ro"))
        assert law.get("legislationLegalForce") == expected, ref["id"]
    # a newer rulebook covers QĐ 12/2021: that does not make it "no longer in force"
    assert "legislationLegalForce" not in next(i for i in _jsonld(pages["/van-ban/qd-12-2021/"])
                                               if i["@type"] == "Legislation")


def test_replaced_documents_are_not_in_force():
    class Ref:
        label, kind_label, number, title, date, issuer, status = "QĐ 1", "Quyết định", "1/QĐ", None, None, None, "bi-thay-the"
    assert seo.legislation(Ref(), "https://x/")["legislationLegalForce"] == "https://schema.org/NotInForce"
    for unknown in ("chua-ro", "co-van-ban-moi"):
        Ref.status = unknown
        assert "legislationLegalForce" not in seo.legislation(Ref(), "https://x/")


def test_every_page_but_home_has_a_breadcrumb_list_along_its_visible_breadcrumbs(site):
    pages = _pages(site)
    for address, html in pages.items():
        lists = [i for i in _jsonld(html) if i["@type"] == "BreadcrumbList"]
        if address == "/":
            assert not lists
            continue
        assert len(lists) == 1, address
        items = lists[0]["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert all(i["@type"] == "ListItem" and i["name"] for i in items)
        page_url = SITE_URL.rstrip("/") + address
        assert items[0]["item"] == SITE_URL and items[-1]["item"] == page_url
        # every step is one of the steps the page shows, in the same order
        nav = re.search(r'<nav class="md-path.*?</nav>', html, re.S).group()
        shown = [urljoin(page_url, href) for href in re.findall(r'href="([^"]+)"', nav)] + [page_url]
        steps = iter(shown)
        assert all(any(item["item"] == step for step in steps) for item in items), (address, shown)


def test_sitemap_lastmod_is_when_the_page_content_last_changed(site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    lastmod = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
               for url in root.findall("s:url", namespace)}
    assert lastmod[SITE_URL + "nhiem-vu/tuyen-truyen/"] == "2024-11-28"  # tasks.yml changed
    assert lastmod[SITE_URL + "don-vi/so-cong-thuong/"] == "2024-03-05"  # agencies.yml did not
    assert lastmod[SITE_URL + "gioi-thieu/"] == "2024-03-05"  # a hand-written page
    assert lastmod[SITE_URL] == "2024-11-28"  # the home page shows every file: the newest change
