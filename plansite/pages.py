"""The page plan: which pages the site has, and which template and record make each one."""

from __future__ import annotations

from dataclasses import dataclass, field

from plansite.model import Site
from plansite.selfcheck import self_checks


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str  # where MkDocs places it: "nhiem-vu/tuyen-truyen.md" → /nhiem-vu/tuyen-truyen/
    template: str
    title: str
    source: str  # the content file it comes from, for the edit button and "last changed"
    context: dict = field(default_factory=dict, hash=False, compare=False)


def plan_pages(site: Site) -> list[PlannedPage]:
    src = site.sources
    pages = [
        PlannedPage("index.md", "home.md.j2", "Trang chủ", src["plan"]),
        PlannedPage("ke-hoach/index.md", "plan.md.j2", "Toàn văn Kế hoạch", src["plan"]),
        PlannedPage("nhiem-vu/index.md", "tasks.md.j2", "Nhiệm vụ", src["tasks"]),
        PlannedPage("don-vi/index.md", "agencies.md.j2", "Đơn vị", src["agencies"]),
        PlannedPage("van-ban/index.md", "references.md.j2", "Văn bản pháp lý", src["references"]),
        PlannedPage("tien-do/index.md", "timeline.md.j2", "Tiến độ", src["deliverables"]),
    ]
    pages += [PlannedPage(site.task_page(t), "task.md.j2", t.short_title, src["tasks"], {"task": t})
              for t in site.tasks]
    pages += [PlannedPage(site.agency_page(a), "agency.md.j2", a.name, src["agencies"], {"agency": a})
              for a in site.agencies]
    pages += [PlannedPage(site.reference_page(r), "reference.md.j2", r.label, src["references"], {"reference": r})
              for r in site.references]
    return pages + guidance_pages(site)


def guidance_pages(site: Site) -> list[PlannedPage]:
    """Pages for businesses and the public: by kind of business, by topic, self-checks, glossary, FAQ."""
    src = site.sources
    checks = self_checks(site.selfchecks)
    pages = [
        PlannedPage(site.BUSINESS_INDEX, "businesses.md.j2", "Doanh nghiệp", src["businesses"], {"checks": checks}),
        PlannedPage(site.PUBLIC_PAGE, "public.md.j2", "Người dân", src["public"]),
        PlannedPage(site.GUIDANCE_INDEX, "topics.md.j2", "Hướng dẫn", src["topics"], {"checks": checks}),
        PlannedPage(site.GLOSSARY_PAGE, "glossary.md.j2", "Thuật ngữ", src["glossary"]),
        PlannedPage(site.FAQ_PAGE, "faq.md.j2", "Hỏi đáp", src["faq"]),
    ]
    pages += [PlannedPage(site.business_page(k), "business.md.j2", k.name, src["businesses"],
                          {"kind": k, "checks": checks}) for k in site.business_kinds]
    pages += [PlannedPage(site.topic_page(t), "topic.md.j2", t.title, src["guidance"], {"topic": t, "checks": checks})
              for t in site.topics]
    pages += [PlannedPage(site.selfcheck_page(check_id), "selfcheck.md.j2", check.title, src["selfchecks"],
                          {"check": check}) for check_id, check in checks.items()]
    return pages
