"""One build's worth of prepared data: the generator-neutral half of the pipeline.

`prepare()` runs content → validation → model → page plan → Markdown, so an adapter
for any static site generator only has to hand the Markdown over and ask the questions
below.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from plansite import routes
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
from plansite.render import make_environment, render_pages, render_string
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

    def last_changed(self, source: str | None) -> str | None:
        """When the page's source file last changed, as 28/11/2026, or None outside git."""
        changed = self.history.last_changed(source) if source else None
        return vn_date(changed) if changed else None


def prepare(root: Path, site_url: str = "http://127.0.0.1:8000/", today: dt.date | None = None) -> SiteBuild:
    """Everything up to Markdown and the downloads; raises ContentError before anything is written.

    `today` defaults to the build's date (PLANSITE_TODAY, else today in Hanoi); `site_url` is
    where the site is published, for the links inside downloaded files.
    """
    root = Path(root)
    loaded = load_site(root / "content", root, today or build_date())
    site = loaded.site
    with frozen():
        files = feeds(site, lambda uri, anchor=None: absolute_url(site_url, uri, anchor))
        data = open_data(site, root / "content", files)
        files.update(data.files)
        pages = plan_pages(site, data.catalogue)
        env = make_environment()
        markdown = render_pages(site, pages, env)
    return SiteBuild(root, site, pages, markdown, loaded.warnings, env, GitHistory(root),
                     abbreviations(site.glossary), navigation(site, pages), files, data.catalogue)


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
