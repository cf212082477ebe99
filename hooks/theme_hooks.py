"""MkDocs adapter for the site's look: Markdown extensions and orientation, nothing of the content.

on_config        add plansite/table_layout.py (tables that fit every width) to every page's Markdown
on_page_context  place a page that is not in the nav (a record page) in its section: the front
                 matter's `section` (src path of a nav page), else the nav page whose address is
                 the longest start of the page's own (/nhiem-vu/x/ → /nhiem-vu/); that page is
                 marked active, so Material highlights its tab and shows it in the sidebar, and
                 `section` is set for the breadcrumbs (overrides/partials/path.html)
on_post_page     clear that mark again, so the next page starts from the plain nav; drop the empty
                 tabindex="" Material writes on section labels (invalid HTML; browsers ignore it)

Kept apart from plansite_hooks.py, which adapts the content pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.table_layout import TableLayoutExtension  # noqa: E402

_marked: list[Page] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(TableLayoutExtension())
    return config


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    section = _section_of(page, nav)
    if section is not None:
        page.meta["section"] = section.file.src_uri
        section.active = True  # MkDocs marks its parents active too
        _marked.append(section)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    while _marked:
        _marked.pop().active = False
    return output.replace(' tabindex=""', "")


def _section_of(page: Page, nav: Navigation) -> Page | None:
    """The nav page a page outside the nav belongs under, or None for a page in the nav."""
    pages = nav.pages
    if any(p is page for p in pages):
        return None
    wanted = page.meta.get("section")
    if wanted:
        return next((p for p in pages if p.file.src_uri == wanted), None)
    starts = [p for p in pages if p.url and p.url != page.url and page.url.startswith(p.url)]
    return max(starts, key=lambda p: len(p.url), default=None)
