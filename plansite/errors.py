"""Content problems: one type for every mistake an editor can make, with its location.

Every check in the pipeline reports a `Problem`; nothing raises a bare exception at an
editor. `ContentError` carries all problems found in one run, so a pull request shows
every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or, with `warning=True`, one automatic fix) in one content file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    record: str | None = None
    field: str | None = None
    warning: bool = False

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        subject = ""
        if self.record:
            subject += f'bản ghi "{self.record}"'
        if self.field:
            subject += (" → " if subject else "") + f'trường "{self.field}"'
        if subject:
            subject += ": "
        return f"{where} [{self.code}] {subject}{self.message}"


@dataclass
class ContentError(Exception):
    """Raised once, after every check has run, when at least one problem is an error."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    def __str__(self) -> str:
        return report(self.problems)


def report(problems: list[Problem]) -> str:
    """The text an editor reads: one line per problem, sorted by place, then a count."""
    lines = [p.format() for p in sorted(problems)]
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    summary = f"Nội dung có {errors} lỗi"
    if warnings:
        summary += f" và {warnings} cảnh báo"
    lines.append(summary + ".")
    return "\n".join(lines)
