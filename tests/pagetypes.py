"""One page of each type of the real site, chosen from whatever content/ holds today.

Browser checks that must hold for any content (axe, layout, print) visit these, so a content
editor who renames or removes a record never breaks them.
"""

from __future__ import annotations

from conftest import ROOT
from plansite import routes
from plansite.content import load_site

SITE = load_site(ROOT / "content").site


def served(src_uri: str) -> str:
    """The address of a page relative to the site root: "nhiem-vu/x/" for "nhiem-vu/x.md"."""
    path = routes.served(src_uri)
    return "" if path == "." else f"{path}/"


_SUMMARY = next(plan for plan in SITE.plans if not plan.full_text)
PAGES = {
    "home": "",
    "plan": served(routes.plan_page(SITE.main_plan)),
    "task": served(routes.page_of(SITE.main_plan.tasks[0])),
    "task-list": served(routes.tasks_page(SITE.main_plan)),
    "agency": served(routes.page_of(SITE.main_plan.sections[0].agency)),
    "agency-list": served(routes.AGENCIES),
    "reference": served(routes.page_of(SITE.references[0])),
    "reference-list": served(routes.REFERENCES),
    "timeline": served(routes.timeline_page(SITE.main_plan)),
    "changes": served(routes.CHANGES),
    "lineage": served(routes.LINEAGE),
    "summary-plan": served(routes.page_of(_SUMMARY)),
    "business": served(routes.page_of(SITE.business_kinds[0])),
    "businesses": served(routes.BUSINESSES),
    "public": served(routes.PUBLIC),
    "topic": served(routes.page_of(SITE.topics[0])),
    "selfcheck": served(routes.selfcheck_page("epr")),
    "faq": served(routes.FAQ),
    "whats-new": served(routes.WHATS_NEW),
    "glossary": served(routes.GLOSSARY),
    "staff": served(routes.STAFF),
    "data": served(routes.DATA),
    "search": "tim-kiem/?q=nh%E1%BB%B1a",
    "404": "404.html",
}
