"""Drawing text into SVG, and SVG into PNG, with the font kept in the repository.

Cards (plansite/cards.py) and posters (plansite/poster.py) are drawn as SVG and turned into PNG
by resvg (the `resvg-py` wheel: no system library, no network). resvg is given only the fonts in
plansite/fonts/ (DejaVu Sans, which covers every Vietnamese letter and tone mark), never the
machine's, so a card looks the same on every machine. Lines are wrapped here, measured with the
font's own advance widths (fontTools), since SVG 1.1 text does not wrap.
"""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu Sans"

# The site's colours (docs/assets/stylesheets/site.css)
GREEN = "#1b5e20"
GREEN_DARK = "#124116"
GREEN_LIGHT = "#a5d6a7"
TEAL = "#00796b"


@functools.cache
def _metrics(bold: bool) -> tuple[dict[int, str], dict[str, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(BOLD if bold else REGULAR, lazy=True)
    cmap = font.getBestCmap()
    advances = {name: width for name, (width, _) in font["hmtx"].metrics.items()}
    return cmap, advances, font["head"].unitsPerEm


def covers(text: str, bold: bool = True) -> list[str]:
    """The characters of `text` the font has no glyph for (none: it renders as written)."""
    cmap = _metrics(bold)[0]
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in cmap]


def width(text: str, size: float, bold: bool = True) -> float:
    """How wide `text` is at `size` pixels (without kerning, which DejaVu barely uses)."""
    cmap, advances, units = _metrics(bold)
    notdef = advances.get(".notdef", units // 2)
    return sum(advances.get(cmap.get(ord(ch), ""), notdef) for ch in text) * size / units


def wrap(text: str, size: float, limit: float, bold: bool = True) -> list[str]:
    """`text` in lines no wider than `limit` (a word longer than a line stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}", size, bold) <= limit:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def fit_lines(text: str, sizes: tuple[int, ...], limit: float, max_lines: int,
              bold: bool = True) -> tuple[int, list[str]]:
    """The largest of `sizes` at which `text` takes at most `max_lines` lines; at the smallest,
    the lines beyond are cut and the last one ends with "…"."""
    if not text.split():
        return sizes[0], []
    for size in sizes:
        lines = wrap(text, size, limit, bold)
        if len(lines) <= max_lines:
            return size, lines
    size = sizes[-1]
    lines = wrap(text, size, limit, bold)[:max_lines]
    last = lines[-1]
    while last and width(last + "…", size, bold) > limit:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last.rstrip(" ,;:") + "…"
    return size, lines


def text(x: float, y: float, content: str, size: float, fill: str, bold: bool = False, anchor: str = "start") -> str:
    """One line of SVG text."""
    weight = "bold" if bold else "normal"
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FAMILY}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>')


def mark(x: float, y: float, size: float, fill: str = GREEN, leaf: str = "#ffffff") -> str:
    """The site's mark: a leaf in a circle, `size` across, top left at (x, y)."""
    r = size / 2
    return (f'<g transform="translate({x + r:.1f} {y + r:.1f}) scale({r / 10:.3f})">'
            f'<circle r="10" fill="{fill}"/>'
            f'<path d="M-5 5 C-6 -3 -1 -6 6 -6 C6 1 3 6 -5 5 Z" fill="{leaf}"/>'
            f'<path d="M-5 5 L2 -2" stroke="{fill}" stroke-width="1" fill="none"/></g>')


def to_png(svg: str, width_px: int | None = None) -> bytes:
    """The SVG as PNG, drawn with the repository's fonts only."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True,
                                       font_files=[str(REGULAR), str(BOLD)], font_family=FAMILY,
                                       sans_serif_family=FAMILY, width=width_px))
