"""One build's worth of prepared data: the generator-neutral half of the pipeline.

`prepare()` runs content → validation → model → page plan → Markdown, so an adapter
for any static site generator only has to hand the Markdown over and ask the questions
below.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from plansite.content import load_site
from plansite.errors import Problem
from plansite.glossary import abbreviations
from plansite.history import GitHistory
from plansite.model import Site
from plansite.pages import PlannedPage, plan_pages
from plansite.render import make_environment, render_pages, render_string
from plansite.textfmt import vn_date


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

    def render_handwritten(self, markdown: str, src_uri: str) -> str:
        return render_string(self.site, markdown, src_uri, self.env)

    def last_changed(self, source: str | None) -> str | None:
        """When the page's source file last changed, as 28/11/2026, or None outside git."""
        changed = self.history.last_changed(source) if source else None
        return vn_date(changed) if changed else None


def prepare(root: Path) -> SiteBuild:
    """Everything up to Markdown; raises ContentError before anything is written."""
    root = Path(root)
    loaded = load_site(root / "content", root)
    with _kept_out_of_gc():
        pages = plan_pages(loaded.site)
        env = make_environment()
        markdown = render_pages(loaded.site, pages, env)
    return SiteBuild(root, loaded.site, pages, markdown, loaded.warnings, env, GitHistory(root),
                     abbreviations(loaded.site.glossary))


@contextmanager
def _kept_out_of_gc() -> Iterator[None]:
    """Leave every object alive now (the loaded site) out of garbage collection passes meanwhile.

    Rendering makes many short-lived objects, so the collector runs often, and each full
    pass would re-walk every record: at 10,000 tasks that was a quarter of the render time.
    """
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not already:  # objects frozen by a caller stay frozen
            gc.unfreeze()


@dataclass
class PreviewSession:
    """What must outlive one build in a long-running preview server (one per process).

    A live preview keeps showing the last good build while content has an error; a one-off
    build never does, so `serving` is set only by the preview server's adapter.
    """

    serving: bool = False
    last_good: SiteBuild | None = None


SESSION = PreviewSession()
