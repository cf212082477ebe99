"""Claims waiting for a check, for the staff page (/can-bo/): every record whose own flag says it is
not verified (`verified: false`) or that lists parts not yet verified (`unverified`), and every
plan whose number comes only from an unconfirmed report.

Read from the model (plansite/claims.py's `own()`: the same qualifiers the pages show), so the
list empties itself as staff verify records; nothing here is typed by hand. Self-check records
are walked field by field, since their `verified` flags sit deep in nested records (a yearly
deadline inside the EPR check).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from plansite import claims
from plansite.model import Site


@dataclass(frozen=True)
class Pending:
    """One claim that is not yet checked against an official text."""

    collection: str  # what kind of record, in Vietnamese ("Quy định có ngày áp dụng")
    title: str  # the record's own title or question
    what: str  # what is not verified, as the page's caveat says it
    source: str  # the content file to edit when it is checked
    entity: Any = None  # the record as pages link it (href), when it has a place on a page
    page: str | None = None  # else the page's name in routes.PAGES ("faq"), with `anchor`
    anchor: str | None = None


def pending_checks(site: Site) -> list[Pending]:
    """Every unverified claim of the site, grouped by collection, in file order."""
    src = site.sources
    found: list[Pending] = []
    for plan in site.plans:
        report = plan.record.reported_issue
        if report is not None:
            found.append(Pending("Kế hoạch", plan.record.short_title,
                                 f"số {report.number} chỉ theo một nguồn tin, chưa được kiểm chứng",
                                 plan.sources["plan"], entity=plan))
        found += [Pending("Kế hoạch", plan.record.short_title, c.text, plan.sources["plan"], entity=plan)
                  for c in claims.own(plan)]
    groups = [("Văn bản pháp lý", site.references, "references", lambda r: r.record.label),
              ("Quy định có ngày áp dụng", site.obligations, "obligations", lambda o: o.record.title),
              ("Nội dung hướng dẫn", site.guidance, "guidance", lambda i: i.record.title)]
    for label, entities, source, title in groups:
        found += [Pending(label, title(e), c.text, src[source], entity=e) for e in entities for c in claims.own(e)]
    found += [Pending("Hỏi đáp", q.record.question, c.text, src["faq"], page="faq", anchor=q.record.id)
              for q in site.faq for c in claims.own(q)]
    for name in type(site.selfchecks).model_fields:  # one field per self-check
        check = getattr(site.selfchecks, name)
        if isinstance(check, BaseModel):
            found += [Pending(f"Tự kiểm tra: {_title(check)}", title, claims.STANDARD, src["selfchecks"])
                      for title in _unverified_in(check)]
    found += [Pending("Liên hệ (chưa hiện trên trang)", f"{c.agency.name}: {c.record.topic}",
                      "số điện thoại, thư điện tử, địa chỉ chưa được kiểm chứng", src["contacts"])
              for c in site.contacts if not c.record.verified]
    return found


def _unverified_in(record: BaseModel) -> list[str]:
    """The titles of nested records with `verified: false`, depth first."""
    found = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        for child in value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]:
            if not isinstance(child, BaseModel):
                continue
            if getattr(child, "verified", True) is False:
                found.append(_title(child))
            found += _unverified_in(child)
    return found


def _title(record: BaseModel) -> str:
    for name in ("title", "task", "question", "name", "id"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value
    return type(record).__name__
