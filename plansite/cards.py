"""Card images (1200 × 630 PNG): the picture a chat app or a search result shows for a page.

Each card carries the page's Vietnamese title in large type, what kind of page it is, the site's
colours, mark and name, and for a dated record its date: the date only, never "còn N ngày",
since a chat app keeps a card for weeks. Drawn as SVG and rendered by resvg (plansite/drawing.py).

Rendering takes tens of milliseconds, so cards are cached by their content (the SVG itself, which
holds every word and colour) outside the checkout: an unchanged page costs a file lookup on the
next build. The cache is $PLANSITE_CARD_CACHE, else $XDG_CACHE_HOME/plansite/cards, else
~/.cache/plansite/cards; the deploy workflow keeps it between runs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from plansite import drawing
from plansite.drawing import GREEN_DARK, GREEN_LIGHT

WIDTH, HEIGHT = 1200, 630
DESIGN = "1"  # change when the drawing code changes in a way the SVG text does not show
MARGIN = 72


def cache_dir() -> Path:
    """Where rendered cards are kept between builds (outside the checkout)."""
    explicit = os.environ.get("PLANSITE_CARD_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plansite" / "cards"


def card_svg(title: str, site_name: str, label: str = "", date: str | None = None) -> str:
    """The card as SVG: `label` small above the title, `date` large below it, the site's name at the foot."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{GREEN_DARK}"/>',
             f'<rect x="0" y="{HEIGHT - 14}" width="{WIDTH}" height="14" fill="{GREEN_LIGHT}"/>',
             drawing.mark(MARGIN, 56, 72, fill="#ffffff", leaf=GREEN_DARK)]
    if label.strip():
        size, lines = drawing.fit_lines(label, (30, 26), WIDTH - 2 * MARGIN - 100, 1, bold=False)
        parts.append(drawing.text(MARGIN + 100, 104, lines[0], size, GREEN_LIGHT))
    # the largest title size at which the title (and the date under it) ends above the site's name
    date_size, bottom_limit, top = 52, HEIGHT - 100, 172
    size, lines = 44, []
    for candidate in (72, 64, 56, 50, 44):
        wrapped = drawing.wrap(title, candidate, WIDTH - 2 * MARGIN)
        bottom = top + candidate + (len(wrapped) - 1) * candidate * 1.22 + (date_size * 1.5 if date else 0)
        if bottom <= bottom_limit:
            size, lines = candidate, wrapped
            break
    else:
        room = int((bottom_limit - top - (date_size * 1.5 if date else 0)) // (size * 1.22))
        size, lines = drawing.fit_lines(title, (size,), WIDTH - 2 * MARGIN, max(room, 1))
    line_height = size * 1.22
    baseline = top + size
    for n, line in enumerate(lines):
        parts.append(drawing.text(MARGIN, baseline + n * line_height, line, size, "#ffffff", bold=True))
    if date:
        parts.append(drawing.text(MARGIN, baseline + (len(lines) - 1) * line_height + date_size * 1.5, date,
                                  date_size, GREEN_LIGHT, bold=True))
    if site_name.strip():
        name_size, name_lines = drawing.fit_lines(site_name, (28, 24, 20), WIDTH - 2 * MARGIN, 1, bold=False)
        parts.append(drawing.text(MARGIN, HEIGHT - 52, name_lines[0], name_size, "#ffffff"))
    parts.append("</svg>")
    return "".join(parts)


def card(title: str, site_name: str, label: str = "", date: str | None = None) -> Path:
    """The card's PNG in the cache, rendered only if no card with this content is there yet."""
    return cached_png(card_svg(title, site_name, label, date))


def cached_png(svg: str, width_px: int | None = None) -> Path:
    """`svg` as PNG (`width_px` wide, else its own size), from the cache or drawn into it."""
    key = hashlib.sha256(f"{DESIGN}\0{_font_stamp()}\0{width_px}\0{svg}".encode()).hexdigest()
    path = cache_dir() / key[:2] / f"{key}.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # written beside and renamed: two builds at once never see half a file
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp.write(drawing.to_png(svg, width_px))
        os.replace(tmp.name, path)
    return path


@functools.cache
def _font_stamp() -> str:
    return ",".join(str(font.stat().st_size) for font in (drawing.REGULAR, drawing.BOLD))


def prune(used: set[Path]) -> int:
    """Remove the cached pictures this build did not use (the deploy workflow, whose saved cache
    would otherwise keep every card ever drawn); return how many."""
    removed = 0
    for path in cache_dir().glob("*/*.png"):
        if path not in used:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def publish(cards: dict[str, Path], site_dir: Path) -> None:
    """Put each cached card at its address in the built site: a hard link where the cache and the
    site share a file system (no copying), else a copy."""
    import shutil

    for address, source in cards.items():
        target = site_dir / address
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
