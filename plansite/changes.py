"""What is new: the dated change notes of every record, and the obligations about to apply.

`/co-gi-moi/` and its Atom feed (plansite/atom.py) list the same entries. Each entry's date is
fixed, so the daily rebuild never makes an old entry look new: a change note's own date, or for
an obligation that starts within WINDOW days of the build's date, the day it entered that window
(its start less WINDOW days). Each entry has a stable key, used as its anchor and its feed id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from plansite.model import Entity, Site
from plansite.plaintext import plain_caveats
from plansite.textfmt import lower_first, vn_date

WINDOW = 30  # days: an obligation starting this soon is listed as coming


@dataclass(frozen=True)
class Entry:
    key: str  # stable: its anchor on /co-gi-moi/ and, with the page's address, its feed id
    date: dt.date  # fixed (see the module's docstring)
    kind: str  # "thay-doi" (a change note) or "sap-ap-dung" (an obligation about to apply)
    title: str  # plain text: the record's name, or "Sắp áp dụng từ 01/01/2027: …"
    text: str  # what changed, or what the obligation requires
    target: Any  # the record (an entity) or a page's name in routes.PAGES ("faq")
    anchor: str | None = None  # overrides the record's own place on its page
    caveats: list[str] = field(default_factory=list, hash=False, compare=False)
    record: Entity | None = field(default=None, hash=False, compare=False)


def name_of(entity: Entity) -> str:
    """How a record is named in a list of changes."""
    kind = getattr(entity, "entity_type", "record")
    record = entity.record
    if kind == "plan":
        return entity.label
    if kind == "task":
        return f"Nhiệm vụ {record.number}: {record.short_title}"
    if kind == "deliverable":
        return f"Phụ lục, mục {record.number}: {record.description}"
    if kind == "reference":
        return record.label
    for attribute in ("name", "title", "question"):
        if hasattr(record, attribute):
            return getattr(record, attribute)
    return record.id


def holders(site: Site) -> list[tuple[Entity, Any, str | None]]:
    """Every record that may carry change notes: (record, where it is, anchor override)."""
    found: list[tuple[Entity, Any, str | None]] = []
    for plan in site.plans:
        found += [(plan, plan, None)] + [(t, t, None) for t in plan.tasks] + [(d, d, None) for d in plan.deliverables]
    for collection in (site.agencies, site.references, site.topics, site.business_kinds, site.guidance,
                       site.obligations):
        found += [(e, e, None) for e in collection]
    found += [(q, "faq", q.record.id) for q in site.faq]
    return found


def latest(entity: Entity) -> Any:
    """The newest change note of a record (the last written of a day), or None."""
    notes = [n for n in getattr(entity.record, "changes", None) or [] if n.date <= entity.site.today]
    return max(reversed(notes), key=lambda n: n.date) if notes else None


def notes(site: Site) -> list[Entry]:
    entries = []
    for entity, target, anchor in holders(site):
        for number, note in enumerate(entity.record.changes, start=1):
            if note.date > site.today:  # written ahead of the change: listed from its day on
                continue
            key = f"thay-doi-{_kind_key(entity)}-{entity.record.id if hasattr(entity.record, 'id') else entity.id}-" \
                  f"{note.date.isoformat()}-{number}"
            entries.append(Entry(key, note.date, "thay-doi", name_of(entity), note.text, target, anchor,
                                 plain_caveats(entity), entity))
    return entries


def coming(site: Site) -> list[Entry]:
    """Obligations that start after the build's date and within WINDOW days of it."""
    entries = []
    for o in site.obligations:
        days = (o.record.starts - site.today).days
        if 0 < days <= WINDOW:
            text = f"{o.record.who}. {o.record.requires}"
            entries.append(Entry(f"sap-ap-dung-{o.record.id}-{o.record.starts.isoformat()}",
                                 o.record.starts - dt.timedelta(days=WINDOW), "sap-ap-dung",
                                 f"Sắp áp dụng từ {vn_date(o.record.starts)}: {lower_first(o.record.title)}", text, o,
                                 None, plain_caveats(o), o))
    return entries


def whats_new(site: Site) -> list[Entry]:
    """Every entry, newest first (the same day: coming obligations first, then by name)."""
    return sorted([*coming(site), *notes(site)], key=lambda e: (-e.date.toordinal(), e.kind != "sap-ap-dung", e.key))


def _kind_key(entity: Entity) -> str:
    kind = getattr(entity, "entity_type", "record")
    if kind in ("task", "deliverable"):
        return f"{kind}-{entity.plan.id}"
    return "faq" if kind == "record" else kind
