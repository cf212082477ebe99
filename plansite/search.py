"""Search index for the built site: Pagefind, plus the Vietnamese spellings it cannot fold itself.

Pagefind (since 1.5) folds tone marks and letter case on both sides and ranks exact-diacritic
matches first, and its index is split into fragments, so one query downloads a small part of it.
Two things it does not do:

- đ/Đ typed as d: "đ" has no Unicode decomposition, so "dien" never meets "điện". Every word
  of a page that contains đ is indexed a second time, folded ("dieu" beside "điều"), in a
  low-weight block of the HTML handed to Pagefind only: the published pages are not changed.
- synonyms and abbreviations, kept as data in content/glossary.yml (a term, its expansion and
  its synonyms are spellings of one thing). They are written to pagefind/synonyms.json; the
  search page (docs/assets/javascripts/search.js) searches every spelling the query contains
  and merges the results, so "nilon" and "túi nhựa" give the same pages.

`fold()` (plansite/folding.py) is the one definition of the folding rules; search.js repeats it
for excerpts and synonym matching, and the browser tests check that both agree.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from plansite.search_bundle import OUTPUT, SHARD_OUTPUT, SHARDS, SYNONYMS  # where the index's parts live
from plansite.search_bundle import check_bundle, check_index, page_count

from plansite.folding import fold

# Pages per Pagefind index. The indexer holds a whole index in memory (about 170 KB a page:
# 2.1 GB for 12,000 pages), so a large site is indexed in shards, one indexer at a time, and
# the browser merges them (Pagefind's mergeIndex). The real site fits in one.
SHARD_PAGES = 2000
LANGUAGE = "vi"
# Pages that are not content: the search page itself and the 404 page.
SKIPPED = ("404.html", "tim-kiem/index.html")
# Parts of Material's article that are chrome, not content.
EXCLUDED = [".md-content__button", ".md-source-file", ".headerlink", ".md-search-page"]
EXTRA_WEIGHT = "0.5"  # words a reader did not see on the page rank below words they did
EXTRA_MARK = "\u2042"  # starts the extra words; the search page cuts excerpts there (search.js)

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def synonym_groups(glossary: Iterable) -> list[list[str]]:
    """Every spelling of each glossary Term (term, expansion, synonyms), for entries with two or more.

    Spellings that fold alike are kept once: the search folds them anyway.
    """
    groups = []
    for term in glossary:
        spellings = [term.term, *([term.expansion] if term.expansion else []), *term.synonyms]
        unique: dict[str, str] = {}
        for spelling in spellings:
            if spelling.strip():
                unique.setdefault(fold(spelling), spelling.strip())
        if len(unique) > 1:
            groups.append(list(unique.values()))
    return groups


def extra_words(text: str) -> list[str]:
    """Words a page is indexed under besides its own text: each word with đ, folded."""
    return list(dict.fromkeys(fold(word) for word in text.split() if "đ" in word.casefold()))


_TAG = re.compile(r"<[^>]*>")
# An element Pagefind leaves out of the index (the caveats repeated beside claims) gives no extra words
# either; such elements never nest an element of their own tag, so the first closing tag ends them.
_IGNORED = re.compile(r"<(\w+)\s[^>]*data-pagefind-ignore[^>]*>.*?</\1>", re.S)


def html_text(html: str) -> str:
    """The words of an article MkDocs wrote: tags dropped, entities decoded.

    A regular expression is enough for HTML we generate (attribute values have `>` escaped),
    and ten times cheaper than an HTML parser over 10,000 pages.
    """
    return unescape(_TAG.sub(" ", html))


@dataclass(frozen=True)
class SearchPage:
    path: str  # in the site, "nhiem-vu/tuyen-truyen/index.html": Pagefind makes the URL from it
    html: str  # what Pagefind reads: the article, then the extra words


def search_page(relative: str, page_html: str) -> SearchPage | None:
    """The document Pagefind indexes for one built page, or None for a page without an article."""
    article = _ARTICLE.search(page_html)
    if not article:
        return None
    title = _TITLE.search(page_html)
    extra = extra_words(html_text(_IGNORED.sub(" ", article.group(1))))
    document = (
        f'<html lang="{LANGUAGE}"><head><title>{title.group(1) if title else ""}</title></head>'
        f"<body><main data-pagefind-body>{article.group(1)}"
        f'<p data-pagefind-weight="{EXTRA_WEIGHT}">{EXTRA_MARK} {escape(" ".join(extra))}</p></main></body></html>'
    )
    return SearchPage(relative, document)


def site_pages(site_dir: Path) -> Iterator[SearchPage]:
    """The search documents of a built site, one at a time (a large site does not fit twice in memory)."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in SKIPPED or relative.startswith((f"{OUTPUT}/", f"{SHARD_OUTPUT}/")):
            continue
        page = search_page(relative, path.read_text(encoding="utf-8"))
        if page:
            yield page


ATTEMPTS = 3  # times a bundle is indexed before the build gives up on it


class SearchIndexError(Exception):
    """The search index could not be written whole; `problems` names each damaged file."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


def run_pagefind(documents: Path, output: Path) -> None:
    """Index the HTML files in `documents` into the bundle folder `output` with Pagefind's CLI.

    The CLI rather than Pagefind's Python API: the API's `async with PagefindIndex()` exit
    terminates the indexer as soon as it answers WriteFiles, which it does before its writes
    have finished, so a file is sometimes left empty (BENCHMARKS.md, "Search index written
    broken"). The CLI exits only once every file is written. It runs in the documents folder
    without the caller's PAGEFIND_* variables, so no pagefind.yml or environment setting of
    the caller changes the index.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(documents), "--output-path", str(output),
               "--force-language", LANGUAGE, "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PAGEFIND_") or name == "PAGEFIND_BINARY_PATH"}
    result = subprocess.run(command, cwd=documents, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output_text = (result.stdout + result.stderr).strip().splitlines()
        raise SearchIndexError(f"Pagefind dừng với mã {result.returncode}", output_text[-10:])


def _index_bundle(documents: Path, target: Path, site_dir: Path) -> int:
    """Index `documents` into `target`, check every file, index again if any is damaged."""
    name = target.relative_to(site_dir).as_posix() + "/"
    for attempt in range(1, ATTEMPTS + 1):
        shutil.rmtree(target, ignore_errors=True)
        run_pagefind(documents, target)
        problems = check_bundle(target, site_dir)
        if not problems:
            return page_count(target)
        if attempt < ATTEMPTS:  # printed, not logged: MkDocs' --strict would fail the build on a warning
            print(f"Tìm kiếm: chỉ mục {name} bị hỏng ({problems[0]}"
                  f"{f' và {len(problems) - 1} lỗi khác' if len(problems) > 1 else ''}); "
                  f"lập lại chỉ mục, lần {attempt + 1}/{ATTEMPTS}", file=sys.stderr, flush=True)
    raise SearchIndexError(f"chỉ mục {name} vẫn hỏng sau {ATTEMPTS} lần lập", problems)


def index_site(site_dir: Path, glossary: Iterable, shard_pages: int = SHARD_PAGES) -> int:
    """Write the Pagefind index of a built site into site_dir/pagefind/; returns the pages indexed.

    Every `shard_pages` pages make one index: the first in pagefind/, the others in
    pagefind-shards/<n>/, listed in pagefind/shards.json for search.js to merge. Each shard's
    documents go through a temporary folder that Pagefind's CLI indexes. Every bundle is checked
    file by file once written (plansite/search_bundle.py) and indexed again if damaged, and the
    whole index once more at the end; SearchIndexError if it cannot be made whole.
    """
    site_dir = Path(site_dir).resolve()
    output = site_dir / OUTPUT
    for stale in (output, site_dir / SHARD_OUTPUT):  # indexing the same site twice starts afresh
        shutil.rmtree(stale, ignore_errors=True)
    count, shards = 0, []
    pages = site_pages(site_dir)
    batches = iter(lambda: list(itertools.islice(pages, shard_pages)), [])
    for number, batch in enumerate(batches):
        target = output if number == 0 else site_dir / SHARD_OUTPUT / str(number)
        with tempfile.TemporaryDirectory(prefix="plansite-search-") as temp:
            documents = Path(temp)
            for page in batch:
                document = documents / page.path
                document.parent.mkdir(parents=True, exist_ok=True)
                document.write_text(page.html, encoding="utf-8")
            count += _index_bundle(documents, target, site_dir)
        if target != output:
            shards.append(target.relative_to(site_dir).as_posix() + "/")
    if not count:  # e.g. a theme upgrade changed the article markup _ARTICLE looks for
        raise ValueError(f"no page of {site_dir} has a Material article to index for search")
    for bundle_dir in [output, *(site_dir / shard for shard in shards)]:
        for bundle in [*bundle_dir.glob("pagefind-*ui*"), bundle_dir / "pagefind-highlight.js"]:
            bundle.unlink(missing_ok=True)  # the site has its own UI
    synonyms = json.dumps(synonym_groups(glossary), ensure_ascii=False, separators=(",", ":"))
    (output / SYNONYMS).write_text(synonyms, encoding="utf-8")
    (output / SHARDS).write_text(json.dumps(shards), encoding="utf-8")
    problems = check_index(site_dir)
    if problems:
        raise SearchIndexError("chỉ mục tìm kiếm bị hỏng", problems)
    return count
