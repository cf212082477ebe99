"""Shared fixtures: disposable copies of the project, the fixture site and the real site each built
once, served on 127.0.0.1, with one headless Chromium to look at them.

Engine tests use the fixture content (tests/fixtures/site/content/), built at a fixed date, so a
content editor's change never breaks them. Content checks use the real content/, built at the real
date, and assert only what must always hold."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from scripts import chromium as chromium_finder
from scripts.project import ROOT, copy_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_CONTENT = FIXTURES / "site" / "content"
FIXTURE_TODAY = "2026-11-30"  # the day the fixture content was frozen; tests that move it say so
REPO_URL = "https://github.com/example/ke-hoach-bvmt"

# Tests write nothing into the checkout. Hypothesis keeps its example database and caches in the
# system's temporary folder, one per checkout, so a failing example is still replayed next run;
# pytest's own cache is off (pytest.ini). pytest_sessionfinish below checks that nothing new appeared.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"plansite-hypothesis-{hashlib.sha1(bytes(ROOT)).hexdigest()[:10]}")
# Card images (plansite/cards.py) drawn by test builds are cached in the system's temporary folder, not the user's
os.environ.setdefault("PLANSITE_CARD_CACHE", str(Path(tempfile.gettempdir()) / "plansite-test-cards"))


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


def _git(project: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập", "GIT_AUTHOR_EMAIL": "bien-tap@example.org",
           "GIT_COMMITTER_NAME": "Biên tập", "GIT_COMMITTER_EMAIL": "bien-tap@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def with_history(project: Path) -> Path:
    """Put `project` in a git history: everything committed on 05/3/2024, then tasks.yml again on 28/11/2024
    (a task's short title edited), as "Cập nhật lần cuối" and the sitemap read it."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "Nội dung ban đầu", date="2024-03-05T09:00:00+07:00")
    tasks = project / "content" / "plans" / "2024" / "tasks.yml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("short_title: Tuyên truyền", "short_title: Tuyên truyền,"),
                     encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Sửa tên nhiệm vụ", date="2024-11-28T16:30:00+07:00")
    return project


def fixture_project(target: Path) -> Path:
    """A copy of the project whose content/ is the fixture content."""
    project = copy_project(target)
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    # the JSON Schemas are made from the code (make schema), not content: the project's own
    shutil.copytree(ROOT / "content" / "schema", project / "content" / "schema")
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


def screenshot_folder() -> Path:
    """Where tests/test_visual.py saves page screenshots: outside the repository, one per checkout."""
    folder = os.environ.get("PLANSITE_SCREENSHOTS")
    return Path(folder) if folder else Path(tempfile.gettempdir()) / f"plansite-screenshots-{ROOT.name}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Name the folder of page screenshots, to look at after a run."""
    folder = screenshot_folder()
    if folder.is_dir() and any(folder.iterdir()):
        terminalreporter.write_line(f"Screenshots of every page type at 360 and 1280 px: {folder}")


# Nothing new in the checkout after a test run: compare git's untracked and ignored paths before and after.

_NEW_PATH_STATES = ("??", "!!")  # untracked, ignored
_paths_before: set[str] | None = None


def _untracked_and_ignored() -> set[str] | None:
    """Paths git reports as untracked or ignored (a new folder as one line), or None outside a git checkout."""
    try:
        result = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--ignored"],
                                capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return {line[3:] for line in result.stdout.splitlines() if line[:2] in _NEW_PATH_STATES}


def pytest_sessionstart(session):
    global _paths_before
    _paths_before = _untracked_and_ignored()


def pytest_sessionfinish(session, exitstatus):
    if _paths_before is None:
        return
    after = _untracked_and_ignored() or set()
    # Python's bytecode cache comes with any import unless PYTHONDONTWRITEBYTECODE is set, as
    # `make test` sets it: counted only then, so running pytest directly does not fail on it.
    new = sorted(path for path in after - _paths_before
                 if sys.flags.dont_write_bytecode or "__pycache__" not in path.split("/"))
    if new:
        print("\nThe test run wrote into the checkout (tests must write under a temporary folder; "
              "if you made these yourself during the run, run the tests again):\n"
              + "".join(f"  {path}\n" for path in new), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
