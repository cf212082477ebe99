"""The page plan: which pages the site has, which template and record make each one, and the
sidebar, generated from the same list so a new topic or plan appears without editing mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plansite import routes
from plansite.changes import whats_new
from plansite.model import Site
from plansite.pending import pending_checks
from plansite.selfcheck import self_checks


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str  # where MkDocs places it: "nhiem-vu/tuyen-truyen.md" → /nhiem-vu/tuyen-truyen/
    template: str
    title: str
    source: str | None  # the content file it comes from: the edit button and "last changed"
    context: dict = field(default_factory=dict, hash=False, compare=False)
    parent: str | None = None  # the page above it, for breadcrumbs and the active tab
    public: bool = False  # a page for the public: no edit button (staff matters stay on /gioi-thieu/)


@dataclass(frozen=True)
class NavSection:
    title: str
    pages: list[str]  # src_uris, the first is the section's own page


def plan_pages(site: Site, downloads: Any = None) -> list[PlannedPage]:
    """Every generated page; `downloads` is the open-data catalogue the data page lists
    (plansite/opendata.py, handed in by build.py; without it the page lists no files)."""
    src = site.sources
    main = site.main_plan
    checks = self_checks(site.selfchecks, site.index["obligations"], site.today)
    pages = [
        PlannedPage(routes.HOME, "home.md.j2", "Trang chủ", None, {"checks": checks}, public=True),
        PlannedPage(routes.LINEAGE, "lineage.md.j2", "Các kế hoạch", main.sources["plan"]),
        PlannedPage(routes.AGENCIES, "agencies.md.j2", "Đơn vị", src["agencies"]),
        PlannedPage(routes.REFERENCES, "references.md.j2", "Văn bản pháp lý", src["references"]),
        PlannedPage(routes.CHANGES, "changes.md.j2", "Mốc thời gian", src["obligations"]),
    ]
    for plan in site.plans:
        pages += _plan_pages(plan)
    pages += [PlannedPage(routes.page_of(a), "agency.md.j2", a.record.name, src["agencies"], {"agency": a},
                          parent=routes.AGENCIES) for a in site.agencies]
    pages += [PlannedPage(routes.page_of(r), "reference.md.j2", r.record.label, src["references"], {"reference": r},
                          parent=routes.REFERENCES) for r in site.references]
    pages += [
        PlannedPage(routes.BUSINESSES, "businesses.md.j2", "Doanh nghiệp", src["businesses"], {"checks": checks},
                    public=True),
        PlannedPage(routes.PUBLIC, "public.md.j2", "Người dân", src["public"], public=True),
        PlannedPage(routes.GUIDANCE, "topics.md.j2", "Hướng dẫn", src["topics"], {"checks": checks}),
        PlannedPage(routes.GLOSSARY, "glossary.md.j2", "Thuật ngữ", src["glossary"], parent=routes.GUIDANCE),
        PlannedPage(routes.FAQ, "faq.md.j2", "Hỏi đáp", src["faq"], parent=routes.GUIDANCE),
        PlannedPage(routes.DATA, "data.md.j2", "Dữ liệu mở", None, {"downloads": downloads}),
        PlannedPage(routes.WHATS_NEW, "whats_new.md.j2", "Có gì mới", None, {"entries": whats_new(site)}, public=True),
    ]
    pages += [PlannedPage(routes.page_of(k), "business.md.j2", k.record.name, src["businesses"],
                          {"kind": k, "checks": checks}, parent=routes.BUSINESSES, public=True)
              for k in site.business_kinds]
    pages += [PlannedPage(routes.redirect_page(old), "redirect.md.j2", k.record.name, None, {"target": k})
              for k in site.business_kinds for old in k.record.former_ids]
    pages += [PlannedPage(routes.page_of(t), "topic.md.j2", t.record.title, src["guidance"],
                          {"topic": t, "checks": checks}, parent=routes.GUIDANCE) for t in site.topics]
    pages += [PlannedPage(routes.selfcheck_page(check_id), "selfcheck.md.j2", check.title, src["selfchecks"],
                          {"check": check}, parent=routes.GUIDANCE) for check_id, check in checks.items()]
    # Last, the staff's door: it links the "what is new" page only where a build has one
    news = next((p.src_uri for p in pages if p.src_uri == NEWS), None)
    pages.append(PlannedPage(routes.STAFF, "staff.md.j2", "Cán bộ", None,
                             {"pending": pending_checks(site), "news": news}))
    return pages


NEWS = "co-gi-moi/index.md"  # what changed recently, where a build plans it


def _plan_pages(plan) -> list[PlannedPage]:
    src = plan.sources
    page = routes.plan_page(plan)
    parent = None if plan.record.main else routes.LINEAGE
    if not plan.full_text:
        return [PlannedPage(page, "plan_summary.md.j2", plan.record.short_title, src["plan"], {"plan": plan},
                            parent=routes.LINEAGE)]
    pages = [
        PlannedPage(page, "plan.md.j2", f"Toàn văn {plan.record.short_title}", src["plan"], {"plan": plan},
                    parent=parent),
        PlannedPage(routes.tasks_page(plan), "tasks.md.j2", "Nhiệm vụ", src["tasks"], {"plan": plan},
                    parent=parent and page),
        PlannedPage(routes.timeline_page(plan), "timeline.md.j2", "Tiến độ", src.get("deliverables", src["plan"]), {"plan": plan},
                    parent=parent and page),
    ]
    pages += [PlannedPage(routes.page_of(t), "task.md.j2", t.record.short_title, src["tasks"],
                          {"plan": plan, "task": t}, parent=routes.tasks_page(plan)) for t in plan.tasks]
    return pages


def navigation(site: Site, pages: list[PlannedPage]) -> list[NavSection]:
    """The sidebar and tabs: the pages with no parent, grouped; record pages stay out of it.

    Record pages (a task, an agency…) are reached from their lists, so a page's size does not
    grow with the number of records; their `parent` gives them a breadcrumb and an active tab.
    """
    main = site.main_plan
    topics = [routes.page_of(t) for t in site.topics]
    checks = [p.src_uri for p in pages if p.template == "selfcheck.md.j2"]
    return [
        NavSection("Trang chủ", [routes.HOME]),
        NavSection("Doanh nghiệp", [routes.BUSINESSES]),
        NavSection("Người dân", [routes.PUBLIC]),
        NavSection("Mốc thời gian", [routes.CHANGES]),
        NavSection("Hướng dẫn", [routes.GUIDANCE, *topics, *checks, routes.FAQ, routes.GLOSSARY]),
        NavSection("Kế hoạch", [routes.plan_page(main), routes.tasks_page(main), routes.timeline_page(main),
                                routes.LINEAGE, routes.AGENCIES, routes.REFERENCES]),
        NavSection("Dữ liệu mở", [routes.DATA]),
        NavSection("Cán bộ", [routes.STAFF, routes.ABOUT]),
    ]
