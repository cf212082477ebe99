"""The iCalendar feeds (RFC 5545): they parse, hold one event per start date and one yearly
recurring event per yearly duty, and every event links back to its place on the site."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from conftest import FIXTURE_CONTENT
from htmltools import Page
from plansite import routes
from plansite.content import load_site

FIXTURE = load_site(FIXTURE_CONTENT).site


def feed(site_dir, kind_id=None) -> Calendar:
    return Calendar.from_ical((site_dir / routes.feed(kind_id)).read_bytes())


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_feed_parses_and_names_itself(fixture_site):
    files = sorted((fixture_site / routes.FEEDS).glob("*.ics"))
    expected = {routes.feed(None), routes.feed(routes.PUBLIC_FEED), *(routes.feed(k.record.id) for k in FIXTURE.business_kinds)}
    assert {f"{routes.FEEDS}/{f.name}" for f in files} == expected
    for path in files:
        calendar = Calendar.from_ical(path.read_bytes())
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        assert str(calendar["X-WR-CALNAME"])
        for event in calendar.walk("VEVENT"):
            assert event["UID"] and event["DTSTAMP"] and event["DTSTART"] and event["SUMMARY"]


def test_each_obligation_has_a_start_event_linking_back_to_its_place(fixture_site):
    found = events(feed(fixture_site))
    for obligation in FIXTURE.obligations:
        event = found[f"{obligation.record.id}-bat-dau@ke-hoach-bvmt-cong-thuong-ha-noi"]
        assert event.decoded("DTSTART") == obligation.record.starts
        url = urlsplit(str(event["URL"]))
        assert url.fragment == obligation.record.id
        page = fixture_site / url.path.lstrip("/") / "index.html"
        assert obligation.record.id in Page(page).ids


def test_a_yearly_duty_recurs_every_year_on_its_last_day(fixture_site):
    found = events(feed(fixture_site))
    yearly = [o for o in FIXTURE.obligations if o.record.yearly_due]
    assert yearly
    for obligation in yearly:
        event = found[f"{obligation.record.id}-han-hang-nam@ke-hoach-bvmt-cong-thuong-ha-noi"]
        assert event["RRULE"]["FREQ"] == ["YEARLY"]
        start = event.decoded("DTSTART")
        due = obligation.record.yearly_due
        assert start + dt.timedelta(days=1) == dt.date(start.year, due.month, due.day)  # "before 31/01": 30/01
        assert start >= obligation.record.starts


def test_an_obligation_that_ends_has_an_end_event(fixture_site):
    found = events(feed(fixture_site))
    for obligation in (o for o in FIXTURE.obligations if o.record.ends):
        event = found[f"{obligation.record.id}-het-hieu-luc@ke-hoach-bvmt-cong-thuong-ha-noi"]
        assert event.decoded("DTSTART") == obligation.record.ends + dt.timedelta(days=1)


@pytest.mark.parametrize("kind", FIXTURE.business_kinds, ids=lambda k: k.record.id)
def test_a_kinds_feed_holds_exactly_the_obligations_of_that_kind(fixture_site, kind):
    starts = {uid.split("-bat-dau@")[0] for uid in events(feed(fixture_site, kind.record.id)) if "-bat-dau@" in uid}
    assert starts == {o.record.id for o in FIXTURE.obligations if kind.record.id in o.record.business_kinds}


def test_business_pages_and_the_timeline_link_to_their_feeds(fixture_site):
    for kind in FIXTURE.business_kinds:
        links = {href for _, href in Page(fixture_site / "doanh-nghiep" / kind.record.id / "index.html").links}
        assert f"../../lich/{kind.record.id}.ics" in links
    links = {href for _, href in Page(fixture_site / "thay-doi" / "index.html").links}
    assert "../lich/tat-ca.ics" in links and "../lich/nguoi-dan.ics" in links
