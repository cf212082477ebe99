"""Every page address and anchor of the site, in one place.

Addresses are MkDocs source paths (`src_uri`): "nhiem-vu/tuyen-truyen.md" is served as
/nhiem-vu/tuyen-truyen/. The main plan keeps the addresses the site has published since 2024
(/ke-hoach/, /nhiem-vu/…, /tien-do/); every other plan lives under /cac-ke-hoach/<id>/.
Templates ask `page_of()` and `anchor_of()` (through render.py's `href()`), never build an
address themselves.
"""

from __future__ import annotations

from typing import Any

# Pages that exist once
HOME = "index.md"
ABOUT = "gioi-thieu.md"
SEARCH = "tim-kiem.md"
LINEAGE = "cac-ke-hoach/index.md"
AGENCIES = "don-vi/index.md"
REFERENCES = "van-ban/index.md"
CHANGES = "thay-doi/index.md"
BUSINESSES = "doanh-nghiep/index.md"
PUBLIC = "nguoi-dan/index.md"
GUIDANCE = "huong-dan/index.md"
GLOSSARY = "thuat-ngu/index.md"
FAQ = "hoi-dap/index.md"
DATA = "du-lieu/index.md"
STAFF = "can-bo/index.md"
PAGES = {"home": HOME, "about": ABOUT, "search": SEARCH, "lineage": LINEAGE, "agencies": AGENCIES,
         "references": REFERENCES, "changes": CHANGES, "businesses": BUSINESSES, "public": PUBLIC,
         "guidance": GUIDANCE, "glossary": GLOSSARY, "faq": FAQ, "data": DATA, "staff": STAFF}

# Downloadable files
FEEDS = "lich"  # iCalendar feeds: lich/tat-ca.ics, lich/<kind>.ics, lich/nguoi-dan.ics
DATA_DIR = "du-lieu"


def served(src_uri: str) -> str:
    """Where a page is served, as a folder: "doanh-nghiep/x.md" -> "doanh-nghiep/x", "index.md" -> "."."""
    folder = src_uri[: -len(".md")]
    if folder == "index" or folder.endswith("/index"):
        folder = folder[: -len("index")].rstrip("/")
    return folder or "."


def plan_prefix(plan: Any) -> str:
    return "" if plan.record.main else f"cac-ke-hoach/{plan.id}/"


def plan_page(plan: Any) -> str:
    """The plan's full text, or for a plan the site only summarises, its summary page."""
    return "ke-hoach/index.md" if plan.record.main else f"{plan_prefix(plan)}index.md"


def tasks_page(plan: Any) -> str:
    return f"{plan_prefix(plan)}nhiem-vu/index.md"


def timeline_page(plan: Any) -> str:
    return f"{plan_prefix(plan)}tien-do/index.md"


def selfcheck_page(check_id: str) -> str:
    return f"huong-dan/tu-kiem-tra-{check_id}.md"


def feed(kind_id: str | None = None) -> str:
    return f"{FEEDS}/{kind_id or 'tat-ca'}.ics"


PUBLIC_FEED = "nguoi-dan"


def record_json(entity: Any) -> str:
    """The record's own JSON in the open data (plansite/opendata.py writes it)."""
    if entity.entity_type == "plan":
        return f"{DATA_DIR}/ke-hoach/{entity.id}.json"
    collection = JSON_COLLECTIONS[entity.entity_type]
    if entity.entity_type in ("task", "deliverable"):
        return f"{DATA_DIR}/{collection}/{entity.plan.id}/{entity.record.id}.json"
    return f"{DATA_DIR}/{collection}/{entity.record.id}.json"


JSON_COLLECTIONS = {"task": "nhiem-vu", "deliverable": "san-pham", "agency": "don-vi", "reference": "van-ban",
                    "topic": "chu-de", "business": "loai-hinh", "obligation": "quy-dinh", "item": "huong-dan"}


def page_of(entity: Any) -> str:
    """The page that shows `entity` (with anchor_of(), the place on it)."""
    kind = entity.entity_type
    if kind == "plan":
        return plan_page(entity)
    if kind == "task":
        return f"{plan_prefix(entity.plan)}nhiem-vu/{entity.record.id}.md"
    if kind == "agency":
        return f"don-vi/{entity.record.id}.md"
    if kind == "reference":
        return f"van-ban/{entity.record.id}.md"
    if kind == "topic":
        return f"huong-dan/{entity.record.id}.md"
    if kind == "business":
        return f"doanh-nghiep/{entity.record.id}.md"
    if kind == "item":
        return page_of(entity.topic)
    if kind == "obligation":
        return CHANGES
    if kind == "faq":
        return PAGES["faq"]
    if kind in ("deliverable", "section", "duty", "citation"):
        return plan_page(entity.plan)
    raise KeyError(f"no page for {kind}")


def anchor_of(entity: Any) -> str | None:
    """The element id of `entity` on its page, if it is a part of that page."""
    kind = entity.entity_type
    if kind in ("item", "obligation", "faq"):
        return entity.record.id
    if kind == "deliverable":
        return f"phu-luc-{entity.record.number}"
    if kind == "section":
        return f"iv-{entity.record.number}"
    if kind == "duty":
        return duty_anchor(entity.section.record.number, entity.number)
    if kind == "citation":
        return citation_anchor(entity)
    return None


def purpose_anchor(number: int) -> str:
    return f"i-{number}"


def task_anchor(number: int) -> str:
    return f"ii-{number}"


def duty_anchor(section: int, number: int) -> str:
    return f"iv-{section}-{number}"


PREAMBLE_ANCHOR = "can-cu"
APPENDIX_ANCHOR = "phu-luc"


def citation_anchor(citation: Any) -> str:
    if citation.part == "can-cu":
        return PREAMBLE_ANCHOR
    if citation.part == "i":
        return purpose_anchor(citation.number)
    if citation.part == "ii":
        return task_anchor(citation.number)
    return anchor_of(citation.record)


def redirect_page(business_id: str) -> str:
    return f"doanh-nghiep/{business_id}.md"
