"""One name matcher: which documents and which bodies a plan's own words name.

The citation checks (`[E-CITE]` in references.py), the model (the bodies a plan names) and the
plan importer (plansite/plan_import.py) all ask here, so that what the importer links and what
`make check` accepts are the same thing.

- A document is named by its number ("1375/QĐ-TTg"), by a law's title ("Luật Bảo vệ môi
  trường"), or by one of its `aliases` (a name a plan uses without a number, "Luật Ngân sách
  nhà nước").
- A body is named by its `name` or one of its `aliases`, never by the name of its successor: a
  plan that says "Sở Nông nghiệp và Môi trường" names that body, not the Sở Tài nguyên và Môi
  trường it replaced.

Matching folds case and tone marks (plansite/folding.py) and needs whole words: "1375/QĐ-TTg"
is not named by "11375/QĐ-TTg", "Sở Công Thương" is not named by "Sở Công Thương các tỉnh"
when that longer name is a body of its own (the longest name wins).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from plansite.folding import fold

# "1375/QĐ-TTg", "42/2020/TT-BCT", "128/KH-UBND", "72/2020/QH14": a number, an optional year, a symbol.
DOCUMENT_NUMBER = re.compile(r"(?<![\w/])\d{1,5}/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9&]+)*")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def clean(text: str) -> str:
    """NFC, no-break spaces as spaces, runs of spaces as one: the words themselves never change."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _occurs(name: str, text: str) -> list[int]:
    """Where `name` occurs in `text` as whole words (folded), by start position."""
    needle = _folded(name)
    if not needle:
        return []
    pattern = re.compile(r"(?<![\w/])" + re.escape(needle) + r"(?![\w])")
    return [m.start() for m in pattern.finditer(_folded(text))]


def numbers_in(text: str) -> list[str]:
    """Every document number written in `text`, in order."""
    return DOCUMENT_NUMBER.findall(clean(text))


def document_names(reference: Any) -> list[str]:
    """The names by which a plan names a document (`reference` is a schema.LegalReference)."""
    names = [reference.number] if reference.number else []
    if reference.kind == "luat" and reference.title:
        names.append(reference.title)
    names += list(getattr(reference, "aliases", []) or [])
    return names


def names_document(text: str, reference: Any) -> bool:
    """Whether `text` names the document."""
    return any(_occurs(name, text) for name in document_names(reference))


def documents_named(text: str, references: Iterable[Any]) -> list[str]:
    """Ids of the documents `text` names, in the order it first names them."""
    found = []
    for reference in references:
        where = [p for name in document_names(reference) for p in _occurs(name, text)]
        if where:
            found.append((min(where), reference.id))
    return [ref_id for _, ref_id in sorted(found)]


def agency_names(agency: Any) -> list[str]:
    """A body's own names (`agency` is a schema.Agency); its successor's name is not among them."""
    return [agency.name, *(getattr(agency, "aliases", []) or [])]


def agency_called(name: str, agencies: Iterable[Any]) -> Any | None:
    """The body whose own name (or alias) is exactly `name`, folded; None if there is none."""
    wanted = _folded(name.strip().rstrip(":;.,").strip())
    for agency in agencies:
        if any(_folded(n) == wanted for n in agency_names(agency)):
            return agency
    return None


def agencies_named(text: str, agencies: Iterable[Any]) -> list[str]:
    """Ids of the bodies `text` names, in order; where two names overlap the longer one wins."""
    spans = []
    for agency in agencies:
        for name in agency_names(agency):
            length = len(_folded(name))
            spans += [(start, start + length, agency.id) for start in _occurs(name, text)]
    taken: list[tuple[int, int]] = []
    found: dict[str, int] = {}
    for start, end, agency_id in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        found.setdefault(agency_id, start)
    return sorted(found, key=found.get)
