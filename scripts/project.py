"""What a build reads from the project, one way to copy it, and how to reach a local preview.

Tests, benchmarks and the synthetic-content generator all build copies of the project, so
that they never touch the checkout; they share this list so a new build input is added once.
The serve test and the serve benchmark both start `mkdocs serve` on a free local port and poll it.
"""

from __future__ import annotations

import shutil
import socket
import urllib.request
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("mkdocs.yml", "content", "docs", "overrides", "hooks", "plansite")


def copy_project(target: Path, source: Path = ROOT, parts: Iterable[str] = BUILD_INPUTS) -> Path:
    """Copy `parts` of the project at `source` into `target`, replacing what is there."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        origin, copy = Path(source) / part, target / part
        if copy.is_dir():
            shutil.rmtree(copy)
        elif copy.exists():
            copy.unlink()
        if origin.is_dir():
            shutil.copytree(origin, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, copy)
    return target


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_text(url: str, timeout: float = 5) -> str | None:
    """The page at `url` as text, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:  # URLError, connection refused or reset, timeout
        return None
