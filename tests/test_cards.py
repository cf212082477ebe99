"""Card images: Vietnamese titles render with the repository's font (every glyph is in it), the PNG
is 1200 × 630, an obligation's card shows its date and never a count of days, and cards are cached
by content outside the checkout."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pytest

from plansite import cards, drawing

# Every letter of Vietnamese, with each tone mark, in both cases
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
ALPHABET = "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES) + "bcdđghklmnpqrstvx"
TITLE = "Chợ, cửa hàng tiện lợi không cho không túi ni lông khó phân hủy"
SITE = "Kế hoạch BVMT ngành Công Thương Hà Nội"


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cards"
    monkeypatch.setenv("PLANSITE_CARD_CACHE", str(folder))
    return folder


def _image(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert image is not None, path
    return image


def test_the_font_has_every_vietnamese_letter_and_tone():
    assert drawing.covers(ALPHABET + ALPHABET.upper()) == []
    assert drawing.covers(ALPHABET + ALPHABET.upper(), bold=False) == []
    assert drawing.covers("\u4e2d") == ["\u4e2d"]  # the check can fail: a character the font lacks


def test_card_is_1200_by_630_and_shows_the_title(cache):
    path = cards.card(TITLE, SITE, "Quy định", "01/01/2027")
    assert path.is_relative_to(cache)
    image = _image(path)
    assert image.shape[:2] == (630, 1200)
    # the title is white on the site's dark green: white pixels in the band where it is drawn
    title_band = image[200:480, 60:1140]
    assert (title_band.min(axis=2) > 240).mean() > 0.05
    svg = cards.card_svg(TITLE, SITE, "Quy định", "01/01/2027")
    assert drawing.covers(TITLE) == [] and "Chợ, cửa hàng tiện lợi" in svg


def test_card_titles_of_the_site_render_with_no_missing_glyph(fixture_site):
    # the title of every built page's card comes from the page; none has a character the font lacks
    import re
    from html import unescape

    for page in fixture_site.rglob("index.html"):
        match = re.search(r'<meta property="og:image:alt" content="([^"]*)"', page.read_text(encoding="utf-8"))
        if match:
            assert drawing.covers(unescape(match.group(1))) == [], page


def test_an_obligations_card_shows_its_date_and_no_count_of_days():
    svg = cards.card_svg(TITLE, SITE, "Quy định môi trường · áp dụng từ ngày", "01/01/2027")
    assert ">01/01/2027<" in svg
    assert "còn" not in svg and "ngày nữa" not in svg


def test_a_long_title_is_wrapped_and_cut_inside_the_card():
    size, lines = drawing.fit_lines("Nhiệm vụ " * 60, (72, 64, 56, 48), 1200 - 2 * cards.MARGIN, 4)
    assert size == 48 and len(lines) == 4 and lines[-1].endswith("…")
    assert all(drawing.width(line, size) <= 1200 - 2 * cards.MARGIN for line in lines)


def test_cards_are_cached_by_content(cache, monkeypatch):
    first = cards.card(TITLE, SITE, "Quy định", "01/01/2027")
    stamp = first.stat().st_mtime_ns

    def no_drawing(svg, width_px=None):
        raise AssertionError("an unchanged card was drawn again")

    monkeypatch.setattr(drawing, "to_png", no_drawing)
    assert cards.card(TITLE, SITE, "Quy định", "01/01/2027") == first
    assert first.stat().st_mtime_ns == stamp
    monkeypatch.undo()
    monkeypatch.setenv("PLANSITE_CARD_CACHE", str(cache))
    other = cards.card(TITLE + " (sửa)", SITE, "Quy định", "01/01/2027")
    assert other != first and other.is_file()


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANSITE_CARD_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cards.cache_dir() == tmp_path / "xdg" / "plansite" / "cards"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cards.cache_dir() == Path.home() / ".cache" / "plansite" / "cards"


def test_publish_links_cards_into_the_site(tmp_path):
    card = cards.card(TITLE, SITE)
    cards.publish({"anh-chia-se/x.png": card}, tmp_path / "site")
    assert (tmp_path / "site" / "anh-chia-se" / "x.png").read_bytes() == card.read_bytes()


def test_prune_keeps_only_the_cards_a_build_used(cache):
    kept, other = cards.card(TITLE, SITE), cards.card(TITLE + " cũ", SITE)
    assert cards.prune({kept}) == 1
    assert kept.is_file() and not other.exists()
