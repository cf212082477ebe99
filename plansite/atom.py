"""The Atom feed of "Có gì mới" (/co-gi-moi/atom.xml), written with feedgen.

The same entries as the page (plansite/changes.py), newest first. Every date in it is an entry's
fixed date, the feed's own `updated` too (the newest entry's), so a daily rebuild with nothing
new writes the same feed. Entries link to the record's page and place on it; their text carries
the record's caveats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from plansite import routes
from plansite.changes import Entry, whats_new
from plansite.model import Site

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def place(entry: Entry) -> tuple[str, str | None]:
    """(page, anchor) of an entry's record."""
    target = entry.target
    if isinstance(target, str):
        return routes.PAGES.get(target, target), entry.anchor
    return routes.page_of(target), entry.anchor or routes.anchor_of(target)


def atom_feed(site: Site, absolute: Callable[[str, str | None], str], site_name: str) -> dict[str, bytes]:
    """{address: the feed}; `absolute(src_uri, anchor)` makes a full address."""
    entries = whats_new(site)
    page = absolute(routes.WHATS_NEW, None)
    feed = FeedGenerator()
    feed.id(page)
    feed.title(f"Có gì mới: {site_name}" if site_name else "Có gì mới")
    feed.subtitle("Ghi chú thay đổi nội dung và các quy định sắp áp dụng trong 30 ngày tới.")
    feed.link(href=page + routes.ATOM.rsplit("/", 1)[1], rel="self", type="application/atom+xml")
    feed.link(href=page, rel="alternate", type="text/html")
    feed.language("vi")
    newest = max((e.date for e in entries), default=dt.date(2024, 1, 1))
    feed.updated(_moment(newest))
    for entry in entries:
        item = feed.add_entry(order="append")  # kept in the order given: newest first
        uri, anchor = place(entry)
        item.id(absolute(routes.WHATS_NEW, entry.key))
        item.title(entry.title)
        # one link only: feedgen 1.0.0 drops an entry link's rel and type, so a second link (an
        # enclosure) would read as another "alternate"
        item.link(href=absolute(uri, anchor), rel="alternate", type="text/html")
        text = " ".join([entry.text, *entry.caveats])
        item.summary(text)
        if entry.kind == "sap-ap-dung":  # with its card: the title and the start date (plansite/cards.py)
            card = site_root(absolute) + routes.obligation_card(entry.record)
            item.content(f'<p>{escape(text)}</p><p><img src="{escape(card)}" alt="{escape(entry.record.record.title)}" '
                         f'width="1200" height="630"></p>', type="html")
        item.published(_moment(entry.date))
        item.updated(_moment(entry.date))
    # Material's theme reads every <link rel="alternate"> as a page in another language and fetches
    # "sitemap.xml" beside its address: a sitemap of the feed's one page answers it (not a 404 in
    # every page's console), and costs a few bytes, not the site's whole sitemap.
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{escape(page)}</loc></url></urlset>\n")
    return {routes.ATOM: feed.atom_str(pretty=True), routes.ATOM.rsplit("/", 1)[0] + "/sitemap.xml": sitemap.encode()}


def site_root(absolute: Callable[[str, str | None], str]) -> str:
    return absolute(routes.HOME, None)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=HANOI)
