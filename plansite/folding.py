"""Vietnamese text without its spelling: the one definition of folding, for search, sorting and checks.

NFD splits a letter from its marks, so "hoà"/"hòa" (old and new tone placement) and NFC or
NFD input all fold alike; đ/Đ have no decomposition and are mapped by hand. The search page's
JavaScript repeats this rule (docs/assets/javascripts/search.js); a browser test checks that
both agree.
"""

from __future__ import annotations

import re
import unicodedata

# The marks Vietnamese (and most Latin text) decomposes into: U+0300–U+036F, less U+034F
# (COMBINING GRAPHEME JOINER, which is not a combining mark). Removed by one regular
# expression; other non-ASCII characters left after that are few (đ, quotes, dashes) and
# checked one by one, so the result is exactly "every character with a combining class".
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str, *, dd: str = "d") -> str:
    """No tone marks or diacritics, lower case; đ becomes `dd` ("d", or "d~" to sort đ after d)."""
    bare = _COMMON_MARKS.sub("", unicodedata.normalize("NFD", text))
    if not bare.isascii():
        marks = {c for c in set(_NON_ASCII.findall(bare)) if unicodedata.combining(c)}
        if marks:
            bare = "".join(c for c in bare if c not in marks)
    return bare.replace("đ", dd).replace("Đ", dd).casefold()
