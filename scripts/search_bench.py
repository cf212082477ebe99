"""Measure the bytes one search downloads, in Chromium, on built sites (a benchmark, not a test).

    python -m scripts.search_bench                       # the real site, built here
    python -m scripts.search_bench --synthetic 10000     # and a synthetic 10,000-task site
    python -m scripts.search_bench --site DIR ...        # sites already built
    python -m scripts.search_bench --engine lunr ...     # Material's own search, for comparison

Each query runs in a fresh browser context (empty cache): the search page is opened, its own
load is not counted, then the query is typed and every response until the results show is
recorded. A second query in the same page shows what a further search costs. The sizes are
the bytes sent over HTTP (python's server does not compress; Pagefind's files are gzipped).
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts import chromium
from scripts.project import copy_project

QUERIES = ["nhựa", "kinh te tuan hoan", "1375", "dieu"]
WAIT_MS = 60_000


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(project: Path, site: Path, engine: str) -> None:
    config = project / "mkdocs.yml"
    if engine == "lunr":  # the same site with Material's search and its own header back
        text = config.read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - search:\n      lang: vi")
        text = text.replace("custom_dir: overrides", "custom_dir: overrides-lunr")
        (project / "overrides-lunr").mkdir(exist_ok=True)
        config = project / "mkdocs-lunr.yml"
        config.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config),
                    "--site-dir", str(site)], check=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})




def synthesize(tasks: int, folder: Path) -> Path:
    from scripts.synth import synthesize as synth

    project = folder / f"synth{tasks}"
    synth(tasks, project)
    return project


def measure(site: Path, engine: str, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium.find(), args=chromium.ARGS)
            for first, second in zip(queries, queries[1:] + queries[:1]):
                context = browser.new_context()
                context.set_default_timeout(WAIT_MS)
                page = context.new_page()
                received: list[tuple[str, int]] = []
                page.on("requestfinished", lambda request: received.append(
                    (request.url, request.sizes()["responseBodySize"])))
                if engine == "pagefind":
                    page.goto(base + "tim-kiem/", wait_until="networkidle")
                    counts = []
                    for query in (first, second):
                        received.clear()
                        page.fill("#search-page-input", query)
                        page.press("#search-page-input", "Enter")
                        page.wait_for_function("q => document.body.dataset.searchDone === q", arg=query)
                        counts.append(list(received))
                else:  # Material fetches its whole index as soon as the page loads
                    page.goto(base, wait_until="networkidle")
                    load = [(url, size) for url, size in received if "/search/" in url or "workers" in url]
                    meta = ".md-search-result__meta"
                    before = page.inner_text(meta)
                    page.keyboard.press("/")
                    page.keyboard.type(first)
                    page.wait_for_function("([m, b]) => document.querySelector(m).innerText !== b", arg=[meta, before])
                    counts = [load, []]
                rows.append({
                    "query": first,
                    "first_bytes": sum(size for _, size in counts[0]),
                    "first_files": len(counts[0]),
                    "first_index": sum(size for url, size in counts[0] if is_index_data(url)),
                    "next_query": second,
                    "next_bytes": sum(size for _, size in counts[1]),
                    "next_files": len(counts[1]),
                })
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def is_index_data(url: str) -> bool:
    """The index itself, as opposed to the search program (JavaScript, WebAssembly) fetched once."""
    return url.endswith((".pf_index", ".pf_meta", ".pf_fragment", ".pf_filter", "synonyms.json", "shards.json", "search_index.json"))


def index_size(site: Path, engine: str) -> tuple[int, int]:
    folders = [site / "pagefind", site / "pagefind-shards"] if engine == "pagefind" else [site / "search"]
    files = [f for folder in folders for f in folder.rglob("*") if f.is_file() and is_index_data(f.name)]
    return sum(f.stat().st_size for f in files), len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", default=[], help="a built site to measure")
    parser.add_argument("--synthetic", type=int, action="append", default=[], help="also build N synthetic tasks")
    parser.add_argument("--engine", choices=["pagefind", "lunr"], default="pagefind")
    parser.add_argument("--query", action="append", help=f"queries (default: {QUERIES})")
    args = parser.parse_args(argv)
    queries = args.query or QUERIES
    with tempfile.TemporaryDirectory(prefix="search-bench-") as temp:
        sites = list(args.site)
        if not sites:
            project = copy_project(Path(temp) / "real")
            sites.append(project / "site")
            build(project, sites[-1], args.engine)
        for tasks in args.synthetic:
            project = synthesize(tasks, Path(temp))
            sites.append(project / "site")
            build(project, sites[-1], args.engine)
        print(f"engine: {args.engine}")
        for site in sites:
            total, files = index_size(site, args.engine)
            pages = sum(1 for _ in site.rglob("index.html"))
            print(f"\nsite {site} ({pages} pages): whole index {total:,} bytes in {files} files")
            print("| query | first query: all bytes (files) | of which index data | share of whole index "
                  "| next query | its bytes (files) |")
            print("|---|---:|---:|---:|---|---:|")
            for row in measure(site, args.engine, queries):
                print(f"| {row['query']} | {row['first_bytes']:,} ({row['first_files']}) | {row['first_index']:,} "
                      f"| {row['first_index'] / total:.1%} | {row['next_query']} "
                      f"| {row['next_bytes']:,} ({row['next_files']}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
