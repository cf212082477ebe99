"""Vietnamese text without its spelling: the one definition of folding, for search, sorting and checks.

NFD splits a letter from its marks, so "hoà"/"hòa" (old and new tone placement) and NFC or
NFD input all fold alike; đ/Đ have no decomposition and are mapped by hand. The search page's
JavaScript repeats this rule (docs/assets/javascripts/search.js); a browser test checks that
both agree.
"""

from __future__ import annotations

import unicodedata


def fold(text: str, *, dd: str = "d") -> str:
    """No tone marks or diacritics, lower case; đ becomes `dd` ("d", or "d~" to sort đ after d)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", dd).replace("Đ", dd).casefold()
