"""Plain text for outputs that are not HTML (descriptions, feeds, cards, posters): a record's caveats
as sentences, and text shortened at a word boundary.
"""

from __future__ import annotations

from typing import Any

# A plan that is not issued: every page of it says "Bản dự thảo" (templates/_macros.j2, plan_notice),
# and so does every plain-text output that speaks for it or for one of its tasks.
DRAFT = "Bản dự thảo, chưa ban hành."


def plain_caveats(entity: Any) -> list[str]:
    """The caveats of a record as plain sentences (the model's `caveats`, plansite/claims.py), and
    the draft mark of the plan it belongs to, for outputs that are not HTML (descriptions, feeds,
    cards, posters)."""
    if entity is None:
        return []
    found = [c.sentence for c in getattr(entity, "caveats", ())]
    plan = entity if getattr(entity, "entity_type", "") == "plan" else getattr(entity, "plan", None)
    if plan is not None and getattr(plan.record, "status", None) == "du-thao":
        found.append(DRAFT)
    return found


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, "…" marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


