"""fold() strips the common marks with a regular expression for speed (BENCHMARKS.md); it must
give exactly what its definition says: NFD, then every character with a combining class dropped."""

from __future__ import annotations

import random
import sys
import unicodedata

from plansite.folding import fold


def by_definition(text: str, *, dd: str = "d") -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", dd).replace("Đ", dd).casefold()


def test_every_code_point_folds_as_defined():
    different = [hex(cp) for cp in range(sys.maxunicode + 1)
                 if not 0xD800 <= cp <= 0xDFFF and fold(chr(cp)) != by_definition(chr(cp))]
    assert different == []


def test_mixed_text_folds_as_defined():
    pool = [chr(cp) for cp in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
                               0x34F, 0x5B0, 0x93C, 0x1AB0, 0x20D0, 0x201C, 0x2013]]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert fold(text) == by_definition(text), repr(text)
        assert fold(text, dd="d~") == by_definition(text, dd="d~"), repr(text)
    assert fold("Điều 64, Nghị định 08/2022/NĐ-CP") == "dieu 64, nghi dinh 08/2022/nd-cp"
