"""Benchmark, not a test: how many phone screens long some pages are (BENCHMARKS.md, "Page length").

    python -m scripts.page_length [--site site/] [PATH ...]

Serves a built site (default: builds the real content into a temporary folder first) on
127.0.0.1 and opens each page in Chromium at 360 × 740 px, the phone the issue measured on;
prints the document's height divided by 740. Without paths: every business kind's page,
/thay-doi/ (and its chart alone), /nguoi-dan/ and the staff page.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts import chromium
from scripts.project import ROOT

PHONE = {"width": 360, "height": 740}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serving(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def default_paths(site: Path) -> list[str]:
    kinds = sorted(p.parent.name for p in (site / "doanh-nghiep").glob("*/index.html")
                   if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8"))
    return [*(f"/doanh-nghiep/{k}/" for k in kinds), "/thay-doi/", "/nguoi-dan/", "/can-bo/"]


def measure(site: Path, paths: list[str]) -> list[tuple[str, float, float | None]]:
    """(path, screens, screens of its first timeline chart or None) for each page."""
    from playwright.sync_api import sync_playwright

    rows = []
    with _serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.find(), args=chromium.ARGS)
        context = browser.new_context(viewport=PHONE, service_workers="block")
        page = context.new_page()
        for path in paths:
            page.goto(base + path, wait_until="load")
            height = page.evaluate("document.documentElement.scrollHeight")
            chart = page.evaluate("(() => { const c = document.querySelector('.timeline-chart');"
                                  " return c ? c.getBoundingClientRect().height : null })()")
            rows.append((path, height / PHONE["height"], chart / PHONE["height"] if chart else None))
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the real content now)")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                           cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        print(f"{'page':45} screens  chart")
        for path, screens, chart in measure(site, args.paths or default_paths(site)):
            print(f"{path:45} {screens:7.1f}  {'' if chart is None else f'{chart:.1f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
