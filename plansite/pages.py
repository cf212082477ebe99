"""The page plan: which pages the site has, and which template and record make each one."""

from __future__ import annotations

from dataclasses import dataclass, field

from plansite.model import Site


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
    return pages
