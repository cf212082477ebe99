"""The poster of each kind of business, on the fixture site: printed by Chromium it is exactly one A4
page, it shows the dates of the rules it lists, its QR code decodes to the kind's page, and its
PNG for chat apps is the same drawing. The choice of rules is checked on the model."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import cv2
import numpy as np
import pytest
from pypdf import PdfReader

from conftest import FIXTURE_CONTENT, FIXTURE_TODAY
from plansite import poster, routes
from plansite.content import load_site
from plansite.textfmt import vn_date

SITE = load_site(FIXTURE_CONTENT, FIXTURE_CONTENT.parent, dt.date.fromisoformat(FIXTURE_TODAY)).site
KINDS = [k.record.id for k in SITE.business_kinds]
A4_POINTS = (595, 842)  # 210 × 297 mm


def _kind(kind_id: str):
    return SITE.index["businesses"][kind_id]


def _qr_text(image: np.ndarray) -> str:
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return text


def _squeeze(text: str) -> str:
    # pypdf spaces out Vietnamese glyph clusters: compare without any whitespace
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def test_rules_are_those_in_force_or_within_two_years_nearest_first_at_most_six():
    today = SITE.today
    for kind in SITE.business_kinds:
        rules, more = poster.chosen(kind, today)
        assert len(rules) <= poster.MAX_RULES
        assert len(rules) + more == len(kind.obligations)
        for rule in rules:
            assert rule.standing.state != "het-hieu-luc"
            assert (rule.record.starts - today).days <= poster.HORIZON_DAYS
        distances = [abs((r.record.starts - today).days) for r in rules]
        assert distances == sorted(distances)
    # the kind with more rules than fit: six shown, the rest counted
    crowded = max(SITE.business_kinds, key=lambda k: len(k.obligations))
    rules, more = poster.chosen(crowded, today)
    assert len(rules) == poster.MAX_RULES and more > 0
    svg = poster.poster_svg(crowded, "https://example.org/x/", "Trang thử")
    assert f"và {more} quy định khác trên trang" in svg


def test_caveats_are_on_the_poster_whole():
    for kind in SITE.business_kinds:
        rules, _ = poster.chosen(kind, SITE.today)
        svg = poster.poster_svg(kind, "https://example.org/x/", "Trang thử")
        text = _squeeze(re.sub(r"<[^>]+>", " ", svg).replace("&amp;", "&"))
        for rule in rules:
            for caveat in rule.caveats:
                assert _squeeze(caveat.sentence) in text, (kind.record.id, caveat.sentence)
            assert "còn" not in re.sub(r"<[^>]+>", " ", svg).split("Theo các văn bản")[0]  # no count of days


@pytest.mark.parametrize("kind_id", KINDS)
def test_poster_prints_on_one_a4_page_with_the_dates_and_a_qr_code_to_the_kinds_page(browser, fixture_url,
                                                                                    fixture_site, kind_id):
    kind = _kind(kind_id)
    rules, _ = poster.chosen(kind, SITE.today)
    address = "http://127.0.0.1:8000/" + routes.served(routes.page_of(kind)) + "/"  # the fixture's site_url
    page = browser.new_page()
    try:
        page.goto(fixture_url + routes.poster(kind, "html"))
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True, print_background=True)))
        assert len(pdf.pages) == 1
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
        text = _squeeze(pdf.pages[0].extract_text())
        for rule in rules:
            assert vn_date(rule.record.starts) in text, rule.record.id
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})
        shot = cv2.imdecode(np.frombuffer(page.screenshot(full_page=True), np.uint8), cv2.IMREAD_COLOR)
        assert _qr_text(shot) == address
    finally:
        page.close()
    # the PNG for chat apps: the same poster, with the same QR code
    image = cv2.imread(str(fixture_site / routes.poster(kind, "png")), cv2.IMREAD_COLOR)
    assert image.shape[1] == poster.CHAT_WIDTH and abs(image.shape[0] / image.shape[1] - 297 / 210) < 0.01
    assert _qr_text(image) == address


def test_the_kinds_page_links_its_poster(fixture_site):
    html = (fixture_site / "doanh-nghiep" / KINDS[0] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="ap-phich\.html">In áp phích', html)
    assert 'href="ap-phich.png"' in html
