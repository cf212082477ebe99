"""Under `mkdocs serve`, a content mistake prints the error and the last good site stays up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT
from scripts.project import fetch_text, free_port


def _wait_for(condition: Callable[[], bool], what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; server output:\n{log.read_text(encoding='utf-8')}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_shows_the_error_keeps_the_last_good_site_and_recovers(project, tmp_path):
    port = free_port()
    page = f"http://127.0.0.1:{port}/nhiem-vu/tuyen-truyen/"
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}",
               "--config-file", str(project / "mkdocs.yml")]
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=project,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(lambda: "Tuyên truyền, phổ biến pháp luật" in (fetch_text(page) or ""), "the first build", log)

        _edit(project / "content" / "plans" / "2024" / "deliverables.yml", "lead: [so-cong-thuong]", "lead: [so-cong-thuong2]")
        check = subprocess.run([sys.executable, "-m", "scripts.check", str(project)], cwd=ROOT,
                               capture_output=True, text=True)
        error_line = check.stderr.splitlines()[0]
        assert "[E-REF]" in error_line
        _wait_for(lambda: error_line in log.read_text(encoding="utf-8"), "the error in the server output", log)
        # the rebuild that follows the error rewrites the last good site: the page comes back as it was
        _wait_for(lambda: "Reloading browsers" in log.read_text(encoding="utf-8").split(error_line, 1)[1],
                  "the rebuild after the error", log)
        assert "Tuyên truyền, phổ biến pháp luật" in (fetch_text(page) or ""), "the last good page must still be served"

        _edit(project / "content" / "plans" / "2024" / "deliverables.yml", "lead: [so-cong-thuong2]", "lead: [so-cong-thuong]")
        _edit(project / "content" / "plans" / "2024" / "tasks.yml", "short_title: Tuyên truyền, phổ biến pháp luật",
              "short_title: Tuyên truyền (đã sửa), phổ biến pháp luật")
        _wait_for(lambda: "Tuyên truyền (đã sửa)" in (fetch_text(page) or ""), "the fixed content to be served", log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
