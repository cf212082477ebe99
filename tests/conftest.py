"""Shared fixtures: disposable copies of the project, the fixture site and the real site each built
once, served on 127.0.0.1, with one headless Chromium to look at them.

Engine tests use the fixture content (tests/fixtures/site/content/), built at a fixed date, so a
content editor's change never breaks them. Content checks use the real content/, built at the real
date, and assert only what must always hold."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.project import ROOT, copy_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_CONTENT = FIXTURES / "site" / "content"
FIXTURE_TODAY = "2026-11-30"  # the day the fixture content was frozen; tests that move it say so
REPO_URL = "https://github.com/example/ke-hoach-bvmt"


def run_mkdocs(project: Path, site_dir: Path, *extra: str, env: dict | None = None,
               today: str | None = FIXTURE_TODAY) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project`; at `today` (PLANSITE_TODAY), or at the real date if None."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("PLANSITE_TODAY", None)
    if today:
        environment["PLANSITE_TODAY"] = today
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir), *extra],
        capture_output=True, text=True, env=environment, check=False,
    )


def fixture_project(target: Path) -> Path:
    """A copy of the project whose content/ is the fixture content."""
    project = copy_project(target)
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A disposable project with the fixture content, for tests that edit content or build."""
    return fixture_project(tmp_path / "project")


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A disposable copy of the project with the real content, for content checks that edit it."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture content, built once with --strict at FIXTURE_TODAY, with an example repository."""
    base = tmp_path_factory.mktemp("fixture")
    site = base / "site"
    result = run_mkdocs(fixture_project(base / "project"), site, env={"SITE_REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once with --strict on the real date, with an example repository."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs(ROOT, site, env={"SITE_REPO_URL": REPO_URL}, today=None)
    assert result.returncode == 0, result.stderr
    return site


# Browser tests: the built site served on 127.0.0.1, one Chromium for the whole session.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


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
    """The real site served over HTTP on a free port of 127.0.0.1, for the whole session."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_url(fixture_site) -> str:
    """The fixture site served over HTTP on a free port of 127.0.0.1, for the whole session."""
    with serving(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def screenshot_folder() -> Path:
    """Where tests/test_visual.py saves page screenshots: outside the repository, one per checkout."""
    folder = os.environ.get("PLANSITE_SCREENSHOTS")
    return Path(folder) if folder else Path(tempfile.gettempdir()) / f"plansite-screenshots-{ROOT.name}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Name the folder of page screenshots, to look at after a run."""
    folder = screenshot_folder()
    if folder.is_dir() and any(folder.iterdir()):
        terminalreporter.write_line(f"Screenshots of every page type at 360 and 1280 px: {folder}")
