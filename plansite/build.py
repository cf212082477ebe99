"""One build's worth of prepared data: the generator-neutral half of the pipeline.

`prepare()` runs content → validation → model → page plan → Markdown, so an adapter
for any static site generator only has to hand the Markdown over and ask the questions
below.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from plansite import cards, routes
from plansite.atom import atom_feed
from plansite.claims import caveat_text
from plansite.content import load_site
from plansite.errors import Problem
from plansite.feeds import feeds
from plansite.gc_tuning import frozen
from plansite.glossary import abbreviations
from plansite.history import GitHistory
from plansite.model import Site
from plansite.opendata import Catalogue, open_data
from plansite.pages import NavSection, PlannedPage, navigation, plan_pages
from plansite.poster import posters
from plansite.render import make_environment, render_pages, render_string
from plansite.seo import PageMeta, jsonld_script, page_meta
from plansite.textfmt import vn_date
from plansite.today import build_date


@dataclass
class SiteBuild:
    root: Path
    site: Site
    pages: list[PlannedPage]
    markdown: dict[str, str]
    warnings: list[Problem]
    env: jinja2.Environment
    history: GitHistory = field(repr=False)
    abbreviations: dict[str, str] = field(default_factory=dict)  # glossary term -> tooltip, for every page
    nav: list[NavSection] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # downloads by address: feeds, open data
    downloads: Catalogue = field(default_factory=Catalogue)  # the open data, as the data page lists it
    meta: dict[str, PageMeta] = field(default_factory=dict)  # description, card, structured data of each page
    site_url: str = "http://127.0.0.1:8000/"
    site_name: str = ""
    cards: dict[str, Path] = field(default_factory=dict)  # card address -> its PNG in the cache (plansite/cards.py)
    images: dict[str, Path] = field(default_factory=dict)  # pictures pages link to (posters' PNG) -> cached file

    def render_handwritten(self, markdown: str, src_uri: str) -> str:
        return render_string(self.site, markdown, src_uri, self.env)

    @property
    def contacts(self) -> list[dict]:
        """Who to ask, as the theme's contact block reads it: only verified entries carry details, and
        every entry its caveats (what about it is not verified)."""
        entries = []
        for contact in self.site.contacts:
            entry = {"name": f"{contact.agency.name}: {contact.topic}", "verified": contact.verified,
                     "caveat": caveat_text(contact)}
            if contact.verified:
                entry.update({key: getattr(contact, key) for key in ("phone", "email", "address", "url")})
            entries.append(entry)
        return entries

    def nav_tree(self) -> list[dict]:
        """The sidebar as a generator's config writes it: [{section title: address or [{page title: address}]}]."""
        titles = {page.src_uri: page.title for page in self.pages}
        return [{section.title: [({titles[uri]: uri} if uri in titles else uri) for uri in section.pages]}
                if len(section.pages) > 1 else {section.title: section.pages[0]} for section in self.nav]

    def parent_of(self, src_uri: str) -> str | None:
        """The page above a generated page, for breadcrumbs."""
        page = self._planned.get(src_uri)
        return page.parent if page else None

    def source_of(self, src_uri: str) -> str | None:
        """The content file a generated page comes from (also for pages without an edit button)."""
        page = self._planned.get(src_uri)
        return page.source if page else None

    @functools.cached_property
    def _planned(self) -> dict[str, PlannedPage]:
        return {page.src_uri: page for page in self.pages}

    def head(self, src_uri: str, title: str, text: str = "") -> dict[str, str]:
        """What a page's <head> says about it (overrides/main.html), every value HTML-escaped: its
        description, Open Graph title and card, and structured data. `title` and `text` (its first
        paragraph) describe a hand-written page, which has no record."""
        meta = self.meta.get(src_uri)
        if meta is None:
            meta = page_meta(self.site, [], self.site_url, self.site_name, extra={src_uri: (title, text)})[src_uri]
        address = routes.card(src_uri)
        self.cards[address] = cards.card(meta.card_title, self.site_name, meta.card_label, meta.card_date)
        return {"description": html.escape(meta.description), "og_title": html.escape(meta.title),
                "og_image": html.escape(posixpath.join(self.site_url.rstrip("/") + "/", address)),
                "og_image_alt": html.escape(meta.card_title), "jsonld": jsonld_script(meta.jsonld)}

    def changed_on(self, source: str | None) -> dt.date | None:
        """When a page's content last changed (its source file's last commit); for a page made of
        every file (the home page), the newest change of all. None outside git."""
        if source:
            return self.history.last_changed(source)
        return self.history.newest()

    def last_changed(self, source: str | None) -> str | None:
        """When the page's source file last changed, as 28/11/2026, or None outside git."""
        changed = self.history.last_changed(source) if source else None
        return vn_date(changed) if changed else None


def prepare(root: Path, site_url: str = "http://127.0.0.1:8000/", today: dt.date | None = None,
            site_name: str = "", publisher: str | None = None) -> SiteBuild:
    """Everything up to Markdown and the downloads; raises ContentError before anything is written.

    `today` defaults to the build's date (PLANSITE_TODAY, else today in Hanoi); `site_url` is
    where the site is published, for the links inside downloaded files and cards; `site_name` and
    `publisher` (the body that runs the site) are the generator's configuration, for cards and
    structured data.
    """
    root = Path(root)
    loaded = load_site(root / "content", root, today or build_date())
    site = loaded.site
    with frozen():
        files = feeds(site, lambda uri, anchor=None: absolute_url(site_url, uri, anchor))
        data = open_data(site, root / "content", files)
        files.update(data.files)
        files.update(atom_feed(site, lambda uri, anchor=None: absolute_url(site_url, uri, anchor), site_name))
        printed = posters(site, lambda uri, anchor=None: absolute_url(site_url, uri, anchor), site_name)
        files.update(printed.files)
        pages = plan_pages(site, data.catalogue)
        env = make_environment()
        markdown = render_pages(site, pages, env)
        meta = page_meta(site, pages, site_url, site_name, publisher)
        # an obligation has no page: its card (for the feed's entries) shows its title and start date only
        obligation_cards = {routes.obligation_card(o): cards.card(o.record.title, site_name, OBLIGATION_LABEL,
                                                                  f"Áp dụng từ {vn_date(o.record.starts)}")
                            for o in site.obligations}
    return SiteBuild(root, site, pages, markdown, loaded.warnings, env, GitHistory(root),
                     abbreviations(site.glossary), navigation(site, pages), files, data.catalogue, meta, site_url,
                     site_name, obligation_cards, printed.images)


OBLIGATION_LABEL = "Quy định môi trường"


def absolute_url(site_url: str, src_uri: str, anchor: str | None = None) -> str:
    """The full address of a page: "https://…/doanh-nghiep/x/#id" for "doanh-nghiep/x.md"."""
    path = routes.served(src_uri)
    path = "" if path == "." else path + "/"
    return posixpath.join(site_url.rstrip("/") + "/", path) + (f"#{anchor}" if anchor else "")


@dataclass
class PreviewSession:
    """What must outlive one build in a long-running preview server (one per process).

    A live preview keeps showing the last good build while content has an error; a one-off
    build never does, so `serving` is set only by the preview server's adapter.
    """

    serving: bool = False
    last_good: SiteBuild | None = None


SESSION = PreviewSession()
