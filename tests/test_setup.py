"""Set-up that explains itself: a missing browser and a busy port each get a clear message, not a traceback."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from scripts import chromium, serve
from scripts.project import free_port

# ---- Chrome or Chromium: $PLANSITE_CHROMIUM, then PATH (scripts/chromium.py) ------------------------


def fake_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def find_chromium(path: Path, variable: str | None = None, *extra: str) -> subprocess.CompletedProcess:
    """`python -m scripts.chromium` with only `path` on PATH (so no apt-get) and the variable as given."""
    environment = {key: value for key, value in os.environ.items() if key != chromium.VARIABLE}
    environment["PATH"] = str(path)
    if variable is not None:
        environment[chromium.VARIABLE] = variable
    return subprocess.run([sys.executable, "-m", "scripts.chromium", *extra], cwd=ROOT, env=environment,
                          capture_output=True, text=True)


def test_without_a_browser_or_apt_get_the_message_says_what_to_install_and_how_to_point_at_one(tmp_path):
    result = find_chromium(tmp_path, None, "--install")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "The browser tests need Chrome or Chromium, and none was found:",
        "PLANSITE_CHROMIUM is not set, and none of chromium, chromium-browser, google-chrome, "
        "google-chrome-stable is on PATH.",
        "There is no apt-get here, so nothing was installed.",
        "Install one, then run the command again:",
        "  Debian:  sudo apt-get install chromium",
        "  Ubuntu:  sudo apt-get install chromium-browser",
        "  Fedora:  sudo dnf install chromium",
        "  macOS:   brew install --cask chromium   (or Google Chrome from https://www.google.com/chrome/)",
        "Or point the tests at a Chrome or Chromium you already have (the program, not a folder):",
        "  PLANSITE_CHROMIUM=/path/to/chrome make test",
        '  e.g. PLANSITE_CHROMIUM="$HOME/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" make test',
    ]


@pytest.mark.parametrize("name", chromium.NAMES)
def test_each_browser_name_on_path_is_found(tmp_path, name):
    program = fake_program(tmp_path / "bin", name)
    result = find_chromium(tmp_path / "bin")
    assert (result.returncode, result.stdout) == (0, f"{program}\n")


def test_the_variable_wins_over_path(tmp_path):
    fake_program(tmp_path / "bin", "chromium")
    chosen = fake_program(tmp_path / "elsewhere", "my chrome")
    result = find_chromium(tmp_path / "bin", str(chosen))
    assert (result.returncode, result.stdout) == (0, f"{chosen}\n")


def test_a_variable_that_names_no_program_is_an_error_not_a_fallback(tmp_path):
    fake_program(tmp_path / "bin", "chromium")
    result = find_chromium(tmp_path / "bin", str(tmp_path), "--install")
    assert result.returncode == 1
    assert result.stderr == (f"PLANSITE_CHROMIUM={tmp_path} is not an executable file. Set it to the browser program "
                             "itself, e.g. PLANSITE_CHROMIUM=/usr/bin/chromium, or unset it to search PATH.\n")


def test_tests_and_benchmarks_find_the_browser_in_one_place():
    for user in ["tests/conftest.py", "scripts/lighthouse.py", "scripts/search_bench.py", "Makefile"]:
        text = (ROOT / user).read_text(encoding="utf-8")
        assert "/usr/bin/chromium" not in text, user
        assert "chromium.find()" in text or "chromium_finder.find()" in text or "-m scripts.chromium" in text, user


# ---- make serve on a busy port ------------------------------------------------------------------


def test_a_busy_port_gives_one_vietnamese_line_naming_a_free_one():
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run([sys.executable, "-m", "scripts.serve", f"127.0.0.1:{port}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    suggested = re.fullmatch(rf"Cổng {port} trên 127\.0\.0\.1 đang bận \(có thể một make serve khác đang chạy\); "
                             r"hãy chọn cổng khác, ví dụ: make serve HOST=127\.0\.0\.1:(\d+)", line)
    assert suggested, line
    assert int(suggested.group(1)) > port


def test_a_malformed_host_gives_one_line():
    assert serve.problem("localhost") == ('HOST "localhost" không hợp lệ; hãy viết máy:cổng, '
                                          "ví dụ: make serve HOST=127.0.0.1:8001")


def test_a_free_port_is_no_problem():
    assert serve.problem(f"127.0.0.1:{free_port()}") is None


def test_make_serve_hands_host_to_the_serve_script():
    result = subprocess.run(["make", "-n", "serve", "HOST=127.0.0.1:8001"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ".venv/bin/python -m scripts.serve 127.0.0.1:8001" in result.stdout.splitlines()
