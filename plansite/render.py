"""Render planned pages to Markdown through one strict Jinja environment.

Every `{{ value }}` is escaped for both HTML and Markdown (see `textfmt.md_text`), so
content text always shows as written and can never inject markup. Links are made
from page addresses with `url()`, relative to the page being rendered, so MkDocs
checks every one of them in a strict build.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from plansite import routes, vocab
from plansite.claims import caveat_text, claim_key
from plansite.model import Site
from plansite.pages import PlannedPage
from plansite.selfcheck import GUIDANCE_ONLY
from plansite.textfmt import days, iso_date, lower_first, md_text, quantity, vn_date, vn_number

TEMPLATES = Path(__file__).parent / "templates"


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: Any, anchor: str | None = None) -> Markup:
    """The link from the page being rendered to `target`: a record (entity), a page's name in
    routes.PAGES ("lineage"), or an address routes.py gave; `anchor` overrides the record's own."""
    if isinstance(target, str):
        uri = routes.PAGES.get(target, target)
    else:
        uri, anchor = routes.page_of(target), anchor or routes.anchor_of(target)
    link = _relative(uri, posixpath.dirname(context["page_uri"]))
    return Markup(link + (f"#{anchor}" if anchor else ""))


@jinja2.pass_context
def _served(context: jinja2.runtime.Context, target: Any) -> str:
    """The served address of `target` relative to this page's, for places MkDocs does not rewrite
    (a redirect page's front matter): "doanh-nghiep/x.md" is served at doanh-nghiep/x/."""
    uri = routes.page_of(target) if not isinstance(target, str) else routes.PAGES.get(target, target)
    return posixpath.relpath(routes.served(uri), routes.served(context["page_uri"])) + "/"


@functools.lru_cache(maxsize=1 << 17)
def _relative(target: str, here: str) -> str:
    # posixpath.relpath is slow (it makes both paths absolute); pages link many times per build
    return posixpath.relpath(target, here or ".")


def _bytecode_cache() -> jinja2.FileSystemBytecodeCache:
    """Compiled templates kept between builds: compiling was most of a small build's fixed cost.

    Jinja checks each template's source checksum, but not the environment's options, which
    also shape the compiled code; so the cache is keyed by this file's own text too.
    """
    options = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    return jinja2.FileSystemBytecodeCache(pattern=f"__plansite_{options}_%s.cache")


def make_environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # a fresh environment per build: no need to stat templates per render
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        finalize=md_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(vn_date=vn_date, vn_number=vn_number, quantity=quantity, md=md_text, lower_first=lower_first,
                       iso_date=iso_date, days=days,
                       caveat_text=caveat_text, claim_key=claim_key)
    env.globals.update(href=_href, served=_served, routes=routes, AUDIENCES=vocab.AUDIENCES, guidance_only=GUIDANCE_ONLY, zip=zip)
    return env


def render_pages(site: Site, pages: list[PlannedPage], env: jinja2.Environment | None = None) -> dict[str, str]:
    """Markdown for every planned page, by src_uri. Template errors propagate (they are bugs)."""
    env = env or make_environment()
    return {
        page.src_uri: env.get_template(page.template).render(site=site, page_uri=page.src_uri, **page.context)
        for page in pages
    }


def render_string(site: Site, markdown: str, page_uri: str, env: jinja2.Environment | None = None) -> str:
    """A hand-written page from docs/, with the same data and helpers as generated pages."""
    env = env or make_environment()
    return env.from_string(markdown).render(site=site, page_uri=page_uri)
