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
WHATS_NEW = "co-gi-moi/index.md"
ATOM = "co-gi-moi/atom.xml"  # the same entries as /co-gi-moi/, as an Atom feed
PAGES = {"whats_new": WHATS_NEW, "home": HOME, "about": ABOUT, "search": SEARCH, "lineage": LINEAGE, "agencies": AGENCIES,
         "references": REFERENCES, "changes": CHANGES, "businesses": BUSINESSES, "public": PUBLIC,
         "guidance": GUIDANCE, "glossary": GLOSSARY, "faq": FAQ, "data": DATA, "staff": STAFF}

# Downloadable files
CARDS = "anh-chia-se"  # card images: anh-chia-se/<page address>.png (plansite/cards.py)
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


def card(src_uri: str) -> str:
    """The card image of a page: "anh-chia-se/nhiem-vu/x.png", "anh-chia-se/trang-chu.png" for the home page."""
    path = served(src_uri)
    return f"{CARDS}/{'trang-chu' if path == '.' else path}.png"


def obligation_card(obligation: Any) -> str:
    """The card of an obligation (it has no page of its own): its title and the day it starts."""
    return f"{CARDS}/quy-dinh/{obligation.record.id}.png"


def poster(kind: Any, extension: str) -> str:
    """A kind of business's poster beside its page: "doanh-nghiep/x/ap-phich.html" (to print), ".svg", ".png"."""
    return f"doanh-nghiep/{kind.record.id}/ap-phich.{extension}"


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
    if kind in ("deliverable", "section", "duty", "citation", "part"):
        return plan_page(entity.plan)
    raise KeyError(f"no page for {kind}")


def anchor_of(entity: Any) -> str | None:
    """The element id of `entity` on its page, if it is a part of that page."""
    kind = entity.entity_type
    if kind in ("item", "obligation", "faq"):
        return entity.record.id
    if kind == "deliverable":
        appendix = entity.record.appendix
        return f"phu-luc-{entity.record.number}" if appendix == 1 else f"phu-luc-so-{appendix}-{entity.record.number}"
    if kind == "section":
        return f"{part_anchor(entity.plan_part)}-{entity.record.number}"
    if kind == "duty":
        return f"{anchor_of(entity.section)}-{entity.number}"
    if kind == "part":
        return part_anchor(entity)
    if kind == "citation":
        return citation_anchor(entity)
    return None


# Places in a plan's full text. A part's anchor is its number ("i", "ii"), an item's the part's and
# its position ("i-1"), a task's the part's and its position in the part ("ii-3"), a section's
# and a duty's the part's and their numbers ("iv-2", "iv-2-1"): the 2024 plan's addresses since 2024.


def part_anchor(part: Any) -> str:
    number = part.record.number.lower()
    return number if number.isalpha() else f"phan-{number}"


def item_anchor(part: Any, position: int) -> str:
    """An item of a part; in a part of tasks or bodies, its lead paragraphs (never a task's anchor)."""
    lead = "-mo-dau" if part.record.role in ("nhiem-vu", "to-chuc") else ""
    return f"{part_anchor(part)}{lead}-{position}"


def task_anchor(task: Any) -> str:
    return f"{part_anchor(task.plan_part)}-{task.position}"


PREAMBLE_ANCHOR = "can-cu"
APPENDIX_ANCHOR = "phu-luc"


def appendix_anchor(number: int) -> str:
    """The first appendix keeps "phu-luc" (its address since 2024), the next are "phu-luc-so-2", ..."""
    return APPENDIX_ANCHOR if number == 1 else f"{APPENDIX_ANCHOR}-so-{number}"


def citation_anchor(citation: Any) -> str:
    if citation.part is None:
        return PREAMBLE_ANCHOR
    if citation.record is None:
        return item_anchor(citation.part, citation.number)
    if citation.record.entity_type == "task":
        return task_anchor(citation.record)
    return anchor_of(citation.record)


def redirect_page(business_id: str) -> str:
    return f"doanh-nghiep/{business_id}.md"
