"""What qualifies a claim: the parts of a record that are not verified, and what it inherits.

A record that reaches readers (an obligation, a legal reference, a plan, a contact, a FAQ answer,
a guidance item, a checklist entry, a self-check outcome) says what about it is verified through
structured fields only, never through a note's prose:
- its own flag, `verified` (false: the standard caveat, `STANDARD`);
- `unverified`, the parts that are not verified, one per line;
- what it rests on: a document whose standing is unknown (a reference with status "chua-ro")
  qualifies a claim that rests on no document known to be in force; a FAQ answer or a checklist entry takes the caveats of
  the obligations and items it rests on.

`caveats()` gathers them, in that order, without repeats. Pages show them through one macro
(`caveat` in templates/_macros.j2, which `standing` also calls), and every other output
(calendar feeds, descriptions, open data, audits) through `caveat_text()`. Nothing here knows
pages or addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

STANDARD = "chưa được kiểm chứng: hãy kiểm tra lại với văn bản hiện hành"
UNKNOWN_STANDING = "chua-ro"  # a legal reference's status when its standing is not verified
IN_FORCE = ("con-hieu-luc", "da-sua-doi")  # statuses of a document known to be in force (amended or not)


@dataclass(frozen=True)
class Caveat:
    """One qualifier of a claim, as a clause a sentence can carry ("chưa được kiểm chứng: …")."""

    text: str
    origin: Any  # the entity whose flag or field it comes from: the record itself or what it rests on
    kind: str  # "own" (its flag), "part" (an unverified part), "standing" (a document's unknown standing)

    @property
    def sentence(self) -> str:
        return self.text[:1].upper() + self.text[1:] + "."


def own(entity: Any) -> list[Caveat]:
    """The record's own qualifiers: its unverified parts, or the standard line when only its flag says so."""
    record = entity.record
    parts = [Caveat(f"chưa được kiểm chứng: {part}", entity, "part") for part in getattr(record, "unverified", ())]
    if getattr(record, "verified", True) is False and not parts:
        parts.append(Caveat(STANDARD, entity, "own"))
    return parts


def standing_of_sources(sources: Iterable[Any]) -> list[Caveat]:
    """A claim none of whose documents is known to be in force is qualified by each one of unknown standing.

    A claim that also rests on a document known to be in force (a law that an amending decree of
    unknown date changes, say) keeps that footing; one that rests only on documents of unknown
    standing (Thông tư 42 today) says so wherever it is shown.
    """
    sources = list(sources)
    if any(source.ref.record.status in IN_FORCE for source in sources):
        return []
    return [Caveat(f"tình trạng hiệu lực của {source.ref.label} chưa được kiểm chứng", source.ref, "standing")
            for source in sources if source.ref.record.status == UNKNOWN_STANDING]


def gather(*groups: Iterable[Caveat]) -> tuple[Caveat, ...]:
    """The caveats of several groups in order, each text once."""
    seen: dict[str, Caveat] = {}
    for group in groups:
        for caveat in group:
            seen.setdefault(caveat.text, caveat)
    return tuple(seen.values())


def claim_key(entity: Any) -> str:
    """The record a caveat comes from, as pages mark it (data-claim) and audits name it: "obligation/epr-nop-quy"."""
    ident = getattr(entity.record, "id", None) or getattr(entity, "id", None) or getattr(entity.record, "agency", "")
    return f"{entity.entity_type}/{ident}"


def standing_known(caveats: Iterable[Caveat]) -> bool:
    """False when a document the claim rests on has an unknown standing: it started, but may not hold today."""
    return not any(c.kind == "standing" for c in caveats)


def caveat_text(entity: Any) -> str:
    """The caveats as plain sentences, for outputs that are not HTML ("" when there are none)."""
    return " ".join(c.sentence for c in getattr(entity, "caveats", ()))


# What each kind of record that carries claims is called, for review lists (make audit, the staff page).
KINDS = {"obligation": "quy định", "reference": "văn bản", "item": "nội dung hướng dẫn", "faq": "câu hỏi",
         "plan": "kế hoạch", "contact": "nơi hỏi"}


# Collections whose records are claims that others rest on: a field declared as a reference to one
# of them (a FAQ answer's `rests_on`, a checklist entry's `obligation`) passes their caveats on.
CLAIM_COLLECTIONS = ("obligations", "guidance")
