"""How each page presents itself to search engines and chat apps: its own meta description, the
title and card of its Open Graph tags, and its structured data (JSON-LD, schema.org).

Everything is written from the page's own record (a task's text, a reference's number and title,
a kind of business's examples), so no two pages share a description. A claim's caveat (draft,
unverified) is kept whole; the rest of the sentence is shortened to fit instead. Generator-neutral:
the hook hands the results to the theme (overrides/main.html).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from plansite import routes
from plansite.claims import IN_FORCE
from plansite.model import Site
from plansite.pages import PlannedPage
from plansite.plaintext import DRAFT, plain_caveats, shorten  # noqa: F401 (DRAFT: tests)
from plansite.textfmt import vn_date

MIN_LENGTH, MAX_LENGTH = 50, 160  # what search engines show of a description

# When a record's caveats are too long for any description (a document with three unverified
# points), the description still says that it has them, and where they are read in full.
CAVEATS_ON_PAGE = "Có điểm chưa được kiểm chứng: xem trên trang."
ROOM_FOR_TEXT = 50  # characters a description keeps for its own words, however many caveats


def fit(text: str, caveats: list[str] = (), filler: str = "") -> str:
    """A description of at most MAX_LENGTH characters: the caveats whole, `text` shortened to leave
    room for them; `filler` (what the site is) added while it is shorter than MIN_LENGTH. Caveats
    that do not fit beside ROOM_FOR_TEXT characters are named together by CAVEATS_ON_PAGE."""
    kept: list[str] = []
    for n, caveat in enumerate(caveats):
        rest = caveats[n + 1:]
        after = len(CAVEATS_ON_PAGE) + 1 if rest else 0
        if len(" ".join([*kept, caveat])) + after <= MAX_LENGTH - ROOM_FOR_TEXT:
            kept.append(caveat)
        else:
            kept.append(CAVEATS_ON_PAGE)
            break
    tail = " ".join(kept)
    room = MAX_LENGTH - (len(tail) + 1 if tail else 0)
    body = _end(shorten(text, room - 1))  # room for the full stop _end may add
    if len(body) + (len(tail) + 1 if tail else 0) < MIN_LENGTH and filler:
        body = _end(shorten(f"{body} {filler}", room - 1))
    return f"{body} {tail}" if tail else body


def _end(text: str) -> str:
    return text if text.endswith(("…", ".", "!", "?")) else text + "."


@dataclass(frozen=True)
class PageMeta:
    """What one page says about itself outside its body."""

    title: str  # og:title: the page's Vietnamese title
    description: str
    card_title: str  # the large text of its card image
    card_date: str | None = None  # a date shown on the card (the date only: a card lives for weeks)
    card_label: str = ""  # a small line above the title: what kind of page it is
    jsonld: list[dict] = field(default_factory=list)


def page_meta(site: Site, pages: list[PlannedPage], site_url: str, site_name: str, publisher: str | None = None,
              extra: dict[str, tuple[str, str]] | None = None) -> dict[str, PageMeta]:
    """PageMeta for every planned page, and for `extra` hand-written pages ({src_uri: (title, text)}).

    `site_url` makes the absolute addresses of structured data; `site_name` and `publisher` (the
    body that runs the site) come from the generator's configuration (never written here)."""
    by_uri = {p.src_uri: p for p in pages}
    filler = f"Trang {site_name}."
    result: dict[str, PageMeta] = {}
    written: dict[str, tuple[str, list[str]]] = {}  # what each description was made of
    for page in pages:
        title, text, caveats, label, date = _describe(site, page, site_name)
        written[page.src_uri] = (text, caveats)
        meta = PageMeta(page.title, fit(text, caveats, filler), title, date, label)
        meta.jsonld.extend(_structured(site, page, by_uri, site_url, site_name, publisher))
        result[page.src_uri] = meta
    home = by_uri.get(routes.HOME)
    for uri, (title, text) in (extra or {}).items():
        crumbs = _trail(PlannedPage(uri, "", title, None), {routes.HOME: home} if home else {})
        written[uri] = (f"{title}: {text}" if text else title, [])
        result[uri] = PageMeta(title, fit(*written[uri], filler), title,
                               jsonld=[_breadcrumbs(site_url, crumbs)] if uri != routes.HOME else [])
    return _unique(result, written, filler)


def _unique(metas: dict[str, PageMeta], written: dict[str, tuple[str, list[str]]],
            filler: str) -> dict[str, PageMeta]:
    """Two pages whose descriptions came out the same (two records worded alike) each begin with
    their own title and address; their caveats stay whole."""
    seen: dict[str, list[str]] = {}
    for uri, meta in metas.items():
        seen.setdefault(meta.description, []).append(uri)
    for uris in seen.values():
        if len(uris) > 1:
            for uri in uris:
                meta, (text, caveats) = metas[uri], written[uri]
                own = f"{shorten(meta.card_title, 40)} (/{routes.served(uri)}/): {text}"
                metas[uri] = PageMeta(meta.title, fit(own, caveats, filler), meta.card_title, meta.card_date,
                                      meta.card_label, meta.jsonld)
    return metas


def _describe(site: Site, page: PlannedPage, site_name: str) -> tuple[str, str, list[str], str, str | None]:
    """(card title, description text, caveats, card label, card date) of a planned page."""
    c = page.context
    name = page.template.removesuffix(".md.j2")
    if name == "home":
        return (site_name or page.title,
                "Quy định về nhựa, tái chế và dữ liệu môi trường đang và sắp áp dụng cho doanh nghiệp, người dân; "
                "kế hoạch của Thành phố, nhiệm vụ, đơn vị và văn bản pháp lý.", [], "", None)
    if name == "task":
        task = c["task"]
        return (f"Nhiệm vụ {task.number}: {task.short_title}",
                f"Nhiệm vụ {task.number} của {task.plan.short_title.lower()}, {task.short_title}: {task.text}",
                plain_caveats(task), _plan_label(task.plan), None)
    if name == "tasks":
        plan = c["plan"]
        names = "; ".join(t.short_title for t in plan.tasks)
        return (f"Nhiệm vụ của {plan.short_title.lower()}",
                f"{len(plan.tasks)} nhiệm vụ của {plan.short_title.lower()}: {names}", plain_caveats(plan),
                _plan_label(plan), None)
    if name == "timeline":
        plan = c["plan"]
        return (f"Tiến độ {plan.short_title.lower()}",
                f"Tiến độ {plan.short_title.lower()}: {len(plan.deliverables)} sản phẩm trong phụ lục, thời gian "
                f"thực hiện, đơn vị chủ trì và phối hợp.", plain_caveats(plan), _plan_label(plan), None)
    if name == "plan":
        plan = c["plan"]
        return (plan.short_title, f"Toàn văn {plan.label.lower()}: {plan.title or plan.short_title}",
                plain_caveats(plan), _plan_label(plan, "Toàn văn"), None)
    if name == "plan_summary":
        plan = c["plan"]
        issued = f", ban hành ngày {vn_date(plan.date)}" if plan.date else ""
        return (plan.label, f"{plan.label}{issued}: {plan.title or plan.short_title}; thời gian áp dụng "
                            f"{plan.period.text.lower()}.", plain_caveats(plan), "Kế hoạch trong chuỗi", None)
    if name == "agency":
        agency = c["agency"]
        now = f"; nay là {agency.successor.name}" if agency.successor else ""
        return (agency.name, f"{agency.name} ({agency.kind_label.lower()}): việc được các kế hoạch giao, sản phẩm "
                             f"chủ trì hoặc phối hợp, văn bản ban hành{now}", [], "Đơn vị", None)
    if name == "reference":
        ref = c["reference"]
        bits = [ref.label]
        if ref.title and ref.kind != "luat":
            bits.append(f": {ref.title}")
        bits.append(f". Ban hành ngày {vn_date(ref.date)}" if ref.date else "")
        # its standing is a qualifier of everything said about it: kept whole, like a caveat
        return (ref.label, "".join(bits), [f"Tình trạng: {ref.status_label.lower()}.", *plain_caveats(ref)],
                "Văn bản pháp lý", f"Ban hành ngày {vn_date(ref.date)}" if ref.date else None)
    if name == "business":
        kind = c["kind"]
        return (kind.name, f"{kind.name} ({kind.examples}): {len(kind.obligations)} quy định về môi trường và ngày "
                           f"áp dụng, việc cần làm, danh sách in được, lịch các mốc", [], "Doanh nghiệp", None)
    if name == "redirect":
        target = c["target"]
        return (target.name, f"Trang cũ của {target.name}, nay ở /{routes.served(routes.page_of(target))}/", [],
                "", None)
    if name == "topic":
        topic = c["topic"]
        return topic.title, f"{topic.title}: {topic.intro}", [], "Hướng dẫn", None
    if name == "selfcheck":
        check = c["check"]
        return (check.title, f"{check.title}: trả lời từng câu hỏi để biết quy định có áp dụng với doanh nghiệp của "
                             f"bạn không; kết quả chỉ là hướng dẫn, không phải quyết định pháp lý", [], "Tự kiểm tra",
                None)
    fixed = {
        "lineage": ("Các kế hoạch trong chuỗi: " + "; ".join(p.label for p in site.plans)),
        "agencies": (f"{len(site.agencies)} cơ quan, đơn vị được các kế hoạch nêu tên: việc được giao, sản phẩm "
                     f"phụ trách và cơ quan hiện đảm nhận sau sắp xếp năm 2025"),
        "references": (f"{len(site.references)} văn bản pháp lý được các kế hoạch viện dẫn hoặc liên quan: số, "
                       f"ngày ban hành, cơ quan ban hành, tình trạng hiệu lực"),
        "changes": ("Mốc thời gian các quy định môi trường có ngày áp dụng: quy định đang áp dụng, sắp áp dụng, "
                    "đã hết hiệu lực và các hạn nộp hằng năm"),
        "businesses": ("Doanh nghiệp ngành Công Thương ở Hà Nội: chọn loại hình ("
                       + ", ".join(k.name.lower() for k in site.business_kinds) + ") để xem việc phải làm và hạn"),
        "public": f"Người dân: {site.public.first_step}",
        "topics": "Hướng dẫn theo chủ đề: " + "; ".join(t.title for t in site.topics),
        "glossary": (f"{len(site.glossary)} chữ viết tắt và thuật ngữ trên trang: "
                     + ", ".join(t.term for t in site.glossary_alphabetical)),
        "faq": f"{len(site.faq)} câu hỏi thường gặp, có căn cứ: " + " ".join(q.question for q in site.faq),
        "data": ("Dữ liệu mở: tải toàn bộ dữ liệu của trang dưới dạng CSV, JSON và lịch iCalendar, kèm mô tả "
                 "Frictionless Data Package"),
        "whats_new": ("Có gì mới: các ghi chú thay đổi nội dung, mới nhất trước, và các quy định bắt đầu áp dụng "
                      "trong 30 ngày tới; theo dõi qua nguồn tin Atom"),
    }
    return page.title, fixed.get(name, page.title), [], "", None


def _plan_label(plan: Any, label: str | None = None) -> str:
    """A card's small line for a plan's pages; a draft says so, as every page of it does."""
    label = label or plan.short_title
    return f"{label} (dự thảo)" if plan.record.status == "du-thao" else label


# Structured data (schema.org, as JSON-LD)

# Only what the record knows: in force (amended or not, plansite/claims.py), or replaced.
# "co-van-ban-moi" (a newer document covers the field) does not make the older one lose force,
# and "chua-ro" says nothing.
LEGAL_FORCE = {**{status: "InForce" for status in IN_FORCE}, "bi-thay-the": "NotInForce"}


def _structured(site: Site, page: PlannedPage, by_uri: dict[str, PlannedPage], site_url: str,
                site_name: str, publisher: str | None) -> list[dict]:
    url = _absolute(site_url, page.src_uri)
    found = []
    if page.src_uri == routes.HOME:
        # By name only: no address or telephone of the body is verified.
        body = {"@context": "https://schema.org", "@type": "GovernmentOrganization", "@id": url + "#don-vi",
                "name": publisher or site.main_plan.issuer.name}
        found += [body, {"@context": "https://schema.org", "@type": "WebSite", "name": site_name, "url": url,
                         "inLanguage": "vi", "publisher": {"@id": body["@id"]}}]
    if page.template == "reference.md.j2":
        found.append(legislation(page.context["reference"], url))
    trail = _trail(page, by_uri)
    if trail:
        found.append(_breadcrumbs(site_url, trail))
    return found


def _breadcrumbs(site_url: str, trail: list[tuple[str, str]]) -> dict:
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": title, "item": _absolute(site_url, uri)}
        for n, (title, uri) in enumerate(trail, start=1)]}


def legislation(ref: Any, url: str) -> dict:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Legislation", "name": ref.label, "url": url,
                            "legislationType": ref.kind_label, "inLanguage": "vi"}
    if ref.number:
        data["legislationIdentifier"] = ref.number
    if ref.title:
        data["alternateName"] = ref.title
    if ref.date:
        data["legislationDate"] = ref.date.isoformat()
    if ref.issuer:
        data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": ref.issuer.name}
    force = LEGAL_FORCE.get(ref.status)
    if force:
        data["legislationLegalForce"] = f"https://schema.org/{force}"
    return data


def _trail(page: PlannedPage, by_uri: dict[str, PlannedPage]) -> list[tuple[str, str]]:
    """Home, the pages above (the page plan's `parent`), the page: every page but the home page has
    breadcrumbs; the theme's also name the tab a page sits under, a heading more than this."""
    if page.src_uri == routes.HOME:
        return []
    trail = [(page.title, page.src_uri)]
    parent = by_uri.get(page.parent)
    while parent is not None:
        trail.append((parent.title, parent.src_uri))
        parent = by_uri.get(parent.parent) if parent.parent else None
    if trail[-1][1] != routes.HOME:
        trail.append((by_uri[routes.HOME].title if routes.HOME in by_uri else "Trang chủ", routes.HOME))
    return trail[::-1]


def _absolute(site_url: str, src_uri: str) -> str:
    path = routes.served(src_uri)
    return site_url.rstrip("/") + "/" + ("" if path == "." else path + "/")


def jsonld_script(data: list[dict]) -> str:
    """The <script> elements for a page's <head>; "</" escaped so no text can close the element."""
    return "".join('<script type="application/ld+json">'
                   + json.dumps(item, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
                   + "</script>" for item in data)


_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SKIP = ("#", "---", "{%", "{#", "!!!", "???", "|", "- ", "* ", "```")


def first_paragraph(markdown: str) -> str:
    """The plain text of a hand-written page's first paragraph (its Markdown, front matter removed):
    what the page is about, for its description."""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(_SKIP):
            continue
        text = _LINK.sub(r"\1", _TAG.sub(" ", block))
        text = " ".join(html.unescape(text).replace("**", "").replace("`", "").split())
        if len(text) > 20:
            return text
    return ""


def title_of(markdown: str) -> str:
    """A hand-written page's title as MkDocs takes it: front matter `title`, else its first heading."""
    match = re.match(r"---\n(.*?)\n---\n", markdown, re.S)
    if match:
        found = re.search(r"^title:\s*(.+)$", match.group(1), re.M)
        if found:
            return found.group(1).strip().strip("\"'")
    heading = re.search(r"^# (.+)$", markdown, re.M)
    return heading.group(1).strip() if heading else ""
