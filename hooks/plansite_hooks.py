"""MkDocs adapter: maps MkDocs events onto the plansite pipeline, and does nothing else.

on_startup remember whether this is the `serve` preview
on_config  load + validate content/, plan and render every page (before MkDocs cleans
           site/); on a content error a build fails, and `serve` keeps the last good site;
           hand the glossary to the `abbr` extension, so terms get tooltips on every page;
           set the sidebar from the page plan
on_files   add the rendered pages as generated files, with edit links to their YAML (none
           on pages for the public), and the downloads (calendar feeds, open data, posters)
on_page_markdown  let hand-written pages in docs/ use the same data with {{ … }}; the sitemap's lastmod
on_page_context   tell the theme when the page's source last changed,
                  and what the page's <head> says about it (description, Open Graph, card, JSON-LD)
on_post_page      forget what only the page's <head> needed
on_post_build     put the card images in place, index the written site for search (plansite/search.py)

Moving to another generator means rewriting this file only.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# The pipeline lives beside this folder; MkDocs does not put the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.build import SESSION, SiteBuild, prepare  # noqa: E402
from plansite.cards import prune as prune_cards  # noqa: E402
from plansite.cards import publish as publish_cards  # noqa: E402
from plansite.errors import ContentError  # noqa: E402
from plansite.gc_tuning import keep_for_build, release_previous_build  # noqa: E402
from plansite.search import SearchIndexError, index_site  # noqa: E402
from plansite.seo import first_paragraph  # noqa: E402
from plansite.today import BadToday  # noqa: E402

log = logging.getLogger("mkdocs.plugins.plansite")


@dataclass
class _State:
    build: SiteBuild | None = None


# One build's data; replaced at every on_config, so `mkdocs serve` never shows stale content.
_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    # MkDocs re-executes this file at every rebuild under `serve`, so the session lives in plansite.
    SESSION.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    release_previous_build()  # under `serve`, let the previous build's data be collected
    try:
        _state.build = prepare(root, config.site_url or "http://127.0.0.1:8000/", site_name=config.site_name,
                               publisher=config.extra.get("contact_body"))
    except BadToday as exc:
        raise PluginError(str(exc)) from None
    except ContentError as exc:
        message = f"Nội dung trong content/ có lỗi, trang chưa được dựng lại:\n{exc}"
        if not (SESSION.serving and SESSION.last_good):
            raise PluginError(message) from None
        # MkDocs' dev server stalls every request after a failed rebuild, so under `serve` the
        # last good content is rebuilt instead; printed, not logged, so --strict does not abort it.
        print(f"{message}\nVẫn đang phục vụ bản đúng gần nhất; sửa lỗi rồi lưu lại để cập nhật.",
              file=sys.stderr, flush=True)
        _state.build = SESSION.last_good
    SESSION.last_good = _state.build
    # The prepared site lives as long as the build: kept out of the collector's passes (plansite/gc_tuning.py).
    keep_for_build()
    for warning in _state.build.warnings:
        log.info(warning.format())
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _state.build.abbreviations
    # Who to ask, for the theme's contact block (overrides/partials/contact.html)
    config.extra["contacts"] = _state.build.contacts
    config.nav = _state.build.nav_tree()
    if not config.repo_url:  # no repository to edit in (a local preview): no edit buttons
        config.edit_uri = ""
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _state.build
    docs_prefix = Path(config.docs_dir).resolve().relative_to(build.root).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs_prefix}/{file.src_uri}"
    for page in build.pages:
        if files.get_file_from_path(page.src_uri):
            raise PluginError(f"{docs_prefix}/{page.src_uri} trùng địa chỉ với một trang được tạo từ dữ liệu; "
                              "hãy đổi tên hoặc xoá tệp này")
        file = File.generated(config, page.src_uri, content=build.markdown[page.src_uri])
        file.edit_uri = None if page.public else page.source
        files.append(file)
    for path, content in build.files.items():
        files.append(File.generated(config, path, content=content))
    for path, cached in build.images.items():  # pages link to them, so MkDocs must know them
        files.append(File.generated(config, path, abs_src_path=str(cached)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _state.build
    # the sitemap's lastmod (written before any page's context is made): when the content last changed
    day = build.changed_on(build.source_of(page.file.src_uri) or page.file.edit_uri)
    if day:
        page.update_date = day.isoformat()
    if page.file.src_uri in build.markdown:
        parent = build.parent_of(page.file.src_uri)
        if parent:  # the theme's breadcrumbs and active tab (hooks/theme_hooks.py)
            page.meta.setdefault("section", parent)
        return markdown
    return build.render_handwritten(markdown, page.file.src_uri)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _state.build
    source = build.source_of(page.file.src_uri) or page.file.edit_uri
    changed = build.last_changed(source)
    if changed:
        page.meta["last_changed"] = changed
    # description, Open Graph, card, structured data (overrides/main.html); a front matter description wins
    head = build.head(page.file.src_uri, page.title or "", first_paragraph(page.markdown or ""))
    if page.meta.get("description"):
        head.pop("description")
    page.meta.update(head)
    return context


HEAD_KEYS = ("og_title", "og_image", "og_image_alt", "jsonld")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # MkDocs keeps every page to the end of the build: drop what only its <head> needed
    for key in HEAD_KEYS:
        page.meta.pop(key, None)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    publish_cards(_state.build.cards, Path(config.site_dir))
    if os.environ.get("PLANSITE_CARD_CACHE_PRUNE"):  # the deploy workflow: keep only what this site uses
        prune_cards({*_state.build.cards.values(), *_state.build.images.values()})
    # Inside the build, so `make build` swaps in a site only together with its index.
    try:
        pages = index_site(Path(config.site_dir), _state.build.site.glossary)
    except SearchIndexError as exc:  # the search page would fail to load: publish nothing
        raise PluginError("Tìm kiếm: " + "\n  ".join([f"{exc}; trang chưa được dựng:", *exc.problems])) from None
    log.info(f"Tìm kiếm: đã lập chỉ mục {pages} trang")
