"""Plain text for outputs that are not HTML (descriptions, feeds, cards, posters): a record's caveats
as sentences, and text shortened at a word boundary.
"""

from __future__ import annotations

from typing import Any

# Stand-in until the lead's caveat mechanism (issue 15) is merged: the same sentence it gives an
# unverified record, and the draft mark of a plan that is not issued.
UNVERIFIED = "Chưa được kiểm chứng: hãy kiểm tra lại với văn bản hiện hành."
DRAFT = "Bản dự thảo, chưa ban hành."


def plain_caveats(entity: Any) -> list[str]:
    """The caveats of a record as plain sentences, for outputs that are not HTML (descriptions,
    feeds, cards, posters). Reads the model's `caveats` when it has them."""
    if entity is None:
        return []
    caveats = getattr(entity, "caveats", None)
    if caveats is not None:
        return [_sentence(c.text) for c in caveats]
    found = []
    record = getattr(entity, "record", None)
    if record is not None and getattr(record, "verified", True) is False:
        found.append(UNVERIFIED)
    plan = entity if getattr(entity, "entity_type", "") == "plan" else getattr(entity, "plan", None)
    if plan is not None and getattr(plan.record, "status", None) == "du-thao":
        found.append(DRAFT)
    return found


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, "…" marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


