"""Lighthouse scores of the built site (a benchmark, not a test): `make lighthouse`.

Builds the site, serves it on 127.0.0.1, and runs Lighthouse 12.2.3 (scripts/lighthouse/,
installed here with `npm ci`, apart from the test tools) in Chromium (scripts/chromium.py) with its
default mobile settings; the site is served gzipped, as static hosts serve it (emulated phone, simulated slow 4G and CPU) on the home page,
the full plan and a task page. Prints the four category scores and any request that
left 127.0.0.1; the JSON reports are kept in .lighthouse/.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from scripts import chromium
from scripts.build import build

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "scripts" / "lighthouse"
REPORTS = ROOT / ".lighthouse"
PAGES = {"home": "", "plan": "ke-hoach/", "task": "nhiem-vu/tuyen-truyen/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"


class _Gzipping(SimpleHTTPRequestHandler):
    """Serves text gzipped, as any static host does (GitHub Pages included): Lighthouse measures
    transfer sizes, and uncompressed CSS would be scored as if the host sent it that way."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def install() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL, check=True)
    return binary


def run(binary: Path, url: str, output: Path) -> dict:
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={output}",
                    f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                   check=True, env={**os.environ, "CHROME_PATH": chromium.find()})
    return json.loads(output.read_text(encoding="utf-8"))


def summary(report: dict) -> tuple[dict[str, int], list[str]]:
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    requests = report["audits"]["network-requests"]["details"]["items"]
    foreign = [item["url"] for item in requests
               if urlsplit(item["url"]).scheme in ("http", "https") and urlsplit(item["url"]).hostname != "127.0.0.1"]
    return scores, foreign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--no-build", action="store_true", help="measure the site already in --site-dir")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH",
                        help="measure this page instead of the three defaults (repeatable), e.g. "
                             "selfcheck=huong-dan/tu-kiem-tra-epr/")
    args = parser.parse_args(argv)
    pages = dict(page.split("=", 1) for page in args.page) or PAGES
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipping, directory=str(args.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    os.environ["SITE_URL"] = base  # canonical links and the sitemap name the address being measured
    if not args.no_build and build(args.site_dir, ROOT / "mkdocs.yml", quiet=True) != 0:
        return 1
    binary = install()
    REPORTS.mkdir(exist_ok=True)
    print("| page | Performance | Accessibility | Best Practices | SEO | requests to other hosts |")
    print("|---|---:|---:|---:|---:|---|")
    try:
        for name, path in pages.items():
            scores, foreign = summary(run(binary, base + path, REPORTS / f"{name}.json"))
            print(f"| {name} (/{path}) | " + " | ".join(str(scores[c]) for c in CATEGORIES)
                  + f" | {', '.join(foreign) or 'none'} |", flush=True)
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
