"""What a build reads from the project, and one way to copy it.

Tests, benchmarks and the synthetic-content generator all build copies of the project, so
that they never touch the checkout; they share this list so a new build input is added once.
"""

from __future__ import annotations

import shutil
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
