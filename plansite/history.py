"""When each source file last changed, from git history; silent outside a git checkout."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


class GitHistory:
    """Reads `git log` once per build for all files, not once per page."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._dates: dict[str, dt.date] | None = None

    def last_changed(self, path: str) -> dt.date | None:
        if self._dates is None:
            self._dates = self._read()
        return self._dates.get(path)

    def newest(self) -> dt.date | None:
        """The last change to any file of the site's content or pages."""
        if self._dates is None:
            self._dates = self._read()
        return max(self._dates.values(), default=None)

    def _read(self) -> dict[str, dt.date]:
        try:
            out = subprocess.run(
                ["git", "log", "--relative", "--format=@%cs", "--name-only", "--", "content", "docs"],
                cwd=self.root, capture_output=True, text=True, check=True, timeout=30,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return {}
        dates: dict[str, dt.date] = {}
        current = None
        for line in out.splitlines():
            if line.startswith("@"):
                current = dt.date.fromisoformat(line[1:])
            elif line and current:
                dates.setdefault(line, current)  # newest commit comes first
        return dates
