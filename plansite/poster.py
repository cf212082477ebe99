"""A printable A4 poster for each kind of business: for a stall, a shop window, a notice board.

Drawn once, as SVG (A4, in millimetres), from which come the printable page (the SVG inside a
bare HTML page whose print size is exactly one A4 sheet) and a PNG for sharing in a chat app
(rendered by resvg, cached like the cards). On it:
- the rules in force, or starting within two years of the build's date, nearest first (by how
  far their start is from that day), at most six, in type readable from two metres;
- how many more rules of the kind are on the site;
- each rule's start date (the date only: a poster stays on the wall for months), its yearly
  deadline, and its caveats ("Chưa được kiểm chứng …") wherever it has them;
- the site's address and a QR code (segno) of the kind's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import segno

from plansite import cards, drawing, routes
from plansite.drawing import GREEN, GREEN_DARK
from plansite.model import BusinessKind, Obligation, Site
from plansite.plaintext import plain_caveats
from plansite.textfmt import vn_date

MAX_RULES = 6
HORIZON_DAYS = 2 * 365 + 1  # "starting within two years"
WIDTH, HEIGHT = 210, 297  # mm
MARGIN = 14
CHAT_WIDTH = 1240  # px: the PNG for chat apps, A4 at 150 dpi


@dataclass(frozen=True)
class PosterFiles:
    files: dict[str, bytes]  # address -> content: the SVG and the printable page
    images: dict[str, object]  # address -> the cached PNG (a Path), published like the cards


def chosen(kind: BusinessKind, today: dt.date) -> tuple[list[Obligation], int]:
    """The rules the poster shows, and how many others of the kind the site lists."""
    current = [o for o in kind.obligations if o.standing.state != "het-hieu-luc"
               and (o.record.starts - today).days <= HORIZON_DAYS]
    current.sort(key=lambda o: (abs((o.record.starts - today).days), o.record.starts, o.record.id))
    shown = current[:MAX_RULES]
    return shown, len(kind.obligations) - len(shown)


# Type sizes in mm at full scale: a 7 mm bold line has letters about 5 mm tall, readable from two
# metres; the layout may shrink to SMALLEST of these to fit six rules, never below.
DATE_SIZE, TITLE_SIZE, NOTE_SIZE = 8.5, 7.0, 4.6
SMALLEST = 0.85
RULES_TOP, FOOTER_TOP = 52.0, HEIGHT - 62


def poster_svg(kind: BusinessKind, page_url: str, site_name: str) -> str:
    today = kind.site.today
    rules, more = chosen(kind, today)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{HEIGHT}mm" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
             f'<rect width="{WIDTH}" height="44" fill="{GREEN_DARK}"/>',
             drawing.mark(MARGIN, 9, 16, fill="#ffffff", leaf=GREEN_DARK),
             drawing.text(MARGIN + 21, 16, "QUY ĐỊNH VỀ MÔI TRƯỜNG", 5.5, "#ffffff", bold=True)]
    size, lines = drawing.fit_lines(kind.record.name, (11, 9.5, 8), WIDTH - 2 * MARGIN - 21, 1)
    parts.append(drawing.text(MARGIN + 21, 30, lines[0], size, "#ffffff", bold=True))
    parts.append(drawing.text(MARGIN + 21, 39, f"Theo các văn bản trên trang, tính đến ngày {vn_date(today)}", 4,
                              "#ffffff"))
    room = FOOTER_TOP - RULES_TOP - 12  # the last line says how many more rules the site has
    while rules:
        scale = next((s for s in (1.0, 0.95, 0.9, SMALLEST) if _rules(rules, s)[1] <= room), None)
        if scale is not None:
            break
        rules, more = rules[:-1], more + 1  # six do not fit in readable type: one fewer, counted as "more"
    if rules:
        parts += _rules(rules, scale)[0]
        y = RULES_TOP + _rules(rules, scale)[1]
    else:
        parts.append(drawing.text(MARGIN, RULES_TOP + 8, "Hiện không có quy định nào đang hoặc sắp áp dụng trên trang.",
                                  5.5, "#000000"))
        y = RULES_TOP + 14
    if more:
        parts.append(drawing.text(MARGIN, y + 7, f"và {more} quy định khác trên trang", 6, GREEN_DARK, bold=True))
    parts += _footer(page_url, site_name)
    parts.append("</svg>")
    return "".join(parts)


def _rules(rules: list[Obligation], scale: float) -> tuple[list[str], float]:
    """The rules drawn from RULES_TOP at `scale`, and the height they take."""
    parts: list[str] = []
    width = WIDTH - 2 * MARGIN
    date, title, note = DATE_SIZE * scale, TITLE_SIZE * scale, NOTE_SIZE * scale
    y = RULES_TOP
    for rule in rules:
        record = rule.record
        y += date
        parts.append(drawing.text(MARGIN, y, f"Từ {vn_date(record.starts)}", date, GREEN_DARK, bold=True))
        for line in drawing.fit_lines(record.title, (title,), width, 2)[1]:
            y += title * 1.2
            parts.append(drawing.text(MARGIN, y, line, title, "#000000", bold=True))
        details = []
        if record.yearly_due:
            details.append(f"Hằng năm, trước ngày {record.yearly_due}.")
        if record.ends:
            details.append(f"Áp dụng đến hết ngày {vn_date(record.ends)}.")
        caveats = plain_caveats(rule)
        for text in [*details, *caveats]:
            # a caveat is never cut: all its lines
            for line in drawing.wrap(text, note, width, bold=text in caveats):
                y += note * 1.25
                colour = "#8a1c00" if text in caveats else "#333333"
                parts.append(drawing.text(MARGIN, y, line, note, colour, bold=text in caveats))
        y += 3.5
        parts.append(f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH - MARGIN}" y2="{y:.1f}" '
                     f'stroke="{GREEN}" stroke-width="0.4"/>')
        y += 3
    return parts, y - RULES_TOP


def _footer(page_url: str, site_name: str) -> list[str]:
    top = FOOTER_TOP
    qr_size = 48
    parts = [f'<rect x="0" y="{top}" width="{WIDTH}" height="{HEIGHT - top}" fill="#eef5ee"/>',
             _qr(page_url, WIDTH - MARGIN - qr_size, top + 7, qr_size)]
    width = WIDTH - 2.5 * MARGIN - qr_size
    for n, line in enumerate(drawing.fit_lines("Xem đủ quy định, hạn và danh sách việc cần làm:", (5,), width, 2)[1]):
        parts.append(drawing.text(MARGIN, top + 13 + n * 6, line, 5, "#000000", bold=True))
    size = next((s for s in (5, 4.4, 3.8) if len(_split_url(page_url, s, width)) <= 2), 3.8)
    for n, line in enumerate(_split_url(page_url, size, width)):
        parts.append(drawing.text(MARGIN, top + 27 + n * 6, line, size, GREEN_DARK, bold=True))
    parts.append(drawing.text(MARGIN, top + 42, "Quét mã QR bằng điện thoại để mở trang.", 4.4, "#000000"))
    if site_name:
        parts.append(drawing.text(MARGIN, top + 52, drawing.fit_lines(site_name, (4, 3.5), width, 1, bold=False)[1][0],
                                  3.6, "#333333"))
    return parts


def _split_url(url: str, size: float, width: float) -> list[str]:
    """An address in lines, broken after a "/" (an address has no spaces to wrap at)."""
    lines = [""]
    for piece in url.replace("/", "/\0").split("\0"):
        if lines[-1] and drawing.width(lines[-1] + piece, size) > width:
            lines.append("")
        lines[-1] += piece
    return [line for line in lines if line]


def _qr(url: str, x: float, y: float, size: float) -> str:
    """The QR code of `url` as one SVG path, `size` mm square with its quiet zone, at (x, y)."""
    code = segno.make(url, error="m", micro=False)
    matrix = list(code.matrix_iter(border=4))
    module = size / len(matrix)
    path = "".join(f"M{x + col * module:.3f} {y + row * module:.3f}h{module:.3f}v{module:.3f}h-{module:.3f}z"
                   for row, line in enumerate(matrix) for col, dark in enumerate(line) if dark)
    return (f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="#ffffff"/>'
            f'<path d="{path}" fill="#000000" shape-rendering="crispEdges"/>')


def printable(svg: str, title: str) -> bytes:
    """The printable page: the poster alone, on exactly one A4 sheet."""
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<title>{escape(title)}</title>\n'
            "<style>@page { size: A4; margin: 0 } html, body { margin: 0; padding: 0 }"
            " body > svg { display: block; width: 100%; max-width: 210mm; height: auto; margin: 0 auto }"
            # a hair under the sheet's height: rounding never spills onto a second page
            " @media print { body > svg { width: 210mm; height: 296mm; max-width: none } }</style>\n"
            f"</head>\n<body>\n{svg}\n</body>\n</html>\n").encode()


def posters(site: Site, absolute: Callable[[str, str | None], str], site_name: str) -> PosterFiles:
    """Every kind's poster: the SVG and the printable page as files, the PNG from the cache."""
    files: dict[str, bytes] = {}
    images: dict[str, object] = {}
    for kind in site.business_kinds:
        svg = poster_svg(kind, absolute(routes.page_of(kind), None), site_name)
        files[routes.poster(kind, "svg")] = svg.encode()
        files[routes.poster(kind, "html")] = printable(svg, f"Áp phích: {kind.record.name}")
        # resvg sizes a drawing in pixels: the same SVG, its size given as the PNG's
        in_pixels = svg.replace(f'width="{WIDTH}mm" height="{HEIGHT}mm"',
                                f'width="{CHAT_WIDTH}" height="{round(CHAT_WIDTH * HEIGHT / WIDTH)}"', 1)
        images[routes.poster(kind, "png")] = cards.cached_png(in_pixels)
    return PosterFiles(files, images)
