"""iCalendar feeds (RFC 5545) of the dated obligations, written with the `icalendar` library.

One feed for everything, one per kind of business, one for the public. Each obligation gives
an all-day event on the day it starts applying (and one on the day after it stops, if it
does), and a yearly duty a recurring all-day event on its due day. Every event links back to
the obligation's place on the site. UIDs are stable across builds, so a calendar app that
subscribed updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from icalendar import Calendar, Event, vRecur

from plansite import routes
from plansite.claims import caveat_text
from plansite.model import Obligation, Site

PRODUCT = "-//So Cong Thuong Ha Noi//Moc thoi gian quy dinh moi truong//VI"


def feeds(site: Site, absolute: Callable[[str, str | None], str]) -> dict[str, bytes]:
    """Every feed by its address (routes.feed()); `absolute(src_uri, anchor)` makes a link a full URL."""
    result = {routes.feed(): _calendar(site, "Mọi quy định có ngày áp dụng", site.obligations, absolute)}
    for kind in site.business_kinds:
        result[routes.feed(kind.record.id)] = _calendar(site, kind.record.name, kind.obligations, absolute)
    result[routes.feed(routes.PUBLIC_FEED)] = _calendar(site, "Người dân", site.public_obligations, absolute)
    return result


def _calendar(site: Site, name: str, obligations: list[Obligation], absolute) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Quy định môi trường ngành Công Thương Hà Nội: {name}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dt.datetime.combine(site.today, dt.time(), tzinfo=dt.timezone.utc)
    for obligation in obligations:
        for event in _events(obligation, stamp, absolute):
            calendar.add_component(event)
    return calendar.to_ical()


def _events(obligation: Obligation, stamp: dt.datetime, absolute) -> list[Event]:
    record = obligation.record
    url = absolute(routes.page_of(obligation), routes.anchor_of(obligation))
    basis = "; ".join(f"{s.ref.label}{', ' + s.article if s.article else ''}" for s in obligation.sources)
    caveats = caveat_text(obligation)
    description = f"{record.who}. {record.requires}\n" + (f"Lưu ý: {caveats}\n" if caveats else "") + \
        f"Căn cứ: {basis}\n{url}"
    title = record.title + (" (có phần chưa được kiểm chứng)" if caveats else "")
    events = [_event(f"{record.id}-bat-dau", f"Bắt đầu áp dụng: {title}", record.starts, description, url,
                     stamp)]
    if record.ends is not None:
        events.append(_event(f"{record.id}-het-hieu-luc", f"Hết áp dụng: {title}",
                             record.ends + dt.timedelta(days=1), description, url, stamp))
    if record.yearly_due is not None:
        first = record.yearly_due.next_after(record.starts)
        # "before 31/01": the event sits on the last day to act, the day before the date named
        last_day = first - dt.timedelta(days=1)
        event = _event(f"{record.id}-han-hang-nam",
                       f"Hạn hằng năm (trước ngày {record.yearly_due}): {title}", last_day, description, url,
                       stamp)
        rule = {"freq": "yearly"}
        if record.ends is not None:
            rule["until"] = record.ends
        event.add("rrule", vRecur(rule))
        events.append(event)
    return events


def _event(uid: str, summary: str, day: dt.date, description: str, url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@ke-hoach-bvmt-cong-thuong-ha-noi")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event
