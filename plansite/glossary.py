"""Glossary terms as abbreviation tooltips: every page wraps each term in <abbr title="…">."""

from __future__ import annotations

import re

from plansite.folding import fold
from plansite.schema import Term


def tooltip(term: Term) -> str:
    """What the tooltip says: the expansion of an abbreviation, else the plain definition."""
    return re.sub(r"\s+", " ", term.expansion or term.definition or term.term).strip()


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """term -> tooltip, for Python-Markdown's `abbr` extension (its `glossary` option).

    The extension matches terms as written, whole words only, case-sensitively, in text that
    Markdown processes (not in raw HTML blocks or code).
    """
    return {term.term: tooltip(term) for term in terms}


def alphabetical(terms: list[Term]) -> list[Term]:
    """Dictionary order for Vietnamese readers: "ĐTM" after "CTNH", "ô zôn" among the O's."""
    return sorted(terms, key=lambda t: (fold(t.term, dd="d~"), t.term))
