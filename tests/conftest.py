"""Shared fixtures: the project root, a disposable copy of the project, the real site built once,
and that site served on 127.0.0.1 with one headless Chromium to look at it."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts import chromium as chromium_finder
from scripts.project import ROOT, copy_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_mkdocs(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir), *extra],
        capture_output=True, text=True, env=environment, check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once with --strict, with an example repository for edit links."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs(ROOT, site, env={"SITE_REPO_URL": "https://github.com/example/ke-hoach-bvmt"})
    assert result.returncode == 0, result.stderr
    return site


# Browser tests: the built site served on 127.0.0.1, one Chromium for the whole session.



class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(directory: Path):
    """`directory` served over HTTP on a free port of 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on a free port of 127.0.0.1, for the whole session."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Chrome or Chromium as scripts/chromium.py finds it ($PLANSITE_CHROMIUM, then PATH)."""
    from playwright.sync_api import sync_playwright

    try:
        executable = chromium_finder.find()
    except chromium_finder.ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=chromium_finder.ARGS)
        yield chromium
        chromium.close()
