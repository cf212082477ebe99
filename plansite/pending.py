"""Claims waiting for a check, for the staff page (/can-bo/): the same review queue as `make check`
and `make audit` (`Site.unverified`, from plansite/claims.py), so the page and the audit never
disagree, plus what only the self-checks and a plan's reported number hold.

Nothing here is typed by hand: the list empties itself as staff verify records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plansite.claims import KINDS
from plansite.model import Site

@dataclass(frozen=True)
class Pending:
    """One claim that is not yet checked against an official text."""

    collection: str  # what kind of record, in Vietnamese ("Quy định có ngày áp dụng")
    title: str  # the record's own title or question
    what: str  # what is not verified, as the pages' caveats say it
    source: str  # where to edit it: the content file and line
    entity: Any = None  # the record as pages link it (href), when it has a place on a page


def pending_checks(site: Site) -> list[Pending]:
    """Every record whose caveats are shown on the site, then the self-checks' unverified choices."""
    found = []
    for origin, texts in site.unverified:
        path, line = site.locations.get(id(origin.record), ("", 0))
        linkable = origin.entity_type in ("obligation", "reference", "item", "faq", "plan")
        found.append(Pending(KINDS.get(origin.entity_type, "nội dung").capitalize(), _title(origin), " ".join(texts),
                             f"{path}:{line}" if path else "", origin if linkable else None))
    for plan in site.plans:
        report = plan.record.reported_issue
        if report is not None:
            found.append(Pending(KINDS["plan"].capitalize(), plan.record.short_title,
                                 f"Số {report.number} chỉ theo một nguồn tin, chưa được kiểm chứng.",
                                 plan.sources["plan"], plan))
    for check in site.selfchecks:
        for question in check.questions:
            for choice in question.choices:
                if choice.unverified:
                    found.append(Pending(f"Tự kiểm tra: {check.title}", choice.label,
                                         f"Chưa được kiểm chứng: {choice.unverified}.", site.sources["selfchecks"]))
    return found


def _title(entity: Any) -> str:
    record = entity.record
    if entity.entity_type == "plan":
        return record.short_title
    if entity.entity_type == "contact":
        return f"{entity.agency.name}: {record.topic}"
    return getattr(record, "label", None) or getattr(record, "title", None) or getattr(record, "question", None) \
        or getattr(record, "id", "")
