"""How the build tunes Python's cyclic garbage collector: every setting in one place.

The pipeline makes hundreds of thousands of small objects that live as long as a build (YAML
nodes, records, entities, rendered Markdown) and almost no reference cycles. CPython's
collector runs after every few hundred new containers, and each full pass walks every live
object again, so without tuning it re-walks the whole site over and over. Measured at 10,000
synthetic tasks (BENCHMARKS.md, "What was slow, and what changed"):

- `paused` (loading): composing tasks.yml 0.68–1.2 s → 0.25 s; `scripts.check` 4.17 → 1.81 s
  wall, with the loader's other fixes;
- `frozen` (rendering): GC time in rendering 1.96 s of 6.61 s → 0.29 s;
- `keep_for_build` / `release_previous_build` (the MkDocs build, which keeps the prepared
  site to the end): GC time in a whole build at 1,000 tasks 0.55–1.26 s → 0.31 s (the
  plain-Markdown floor: 0.27–0.43 s).

Reference counting still frees everything as usual; only the search for cycles is put off.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the collector off (loading: many fresh, acyclic containers)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


@contextmanager
def frozen() -> Iterator[None]:
    """Leave every object alive now (the loaded site) out of collections meanwhile (rendering)."""
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not already:  # objects frozen by a caller stay frozen
            gc.unfreeze()


def keep_for_build() -> None:
    """Leave everything alive now (the prepared build) out of collections until released."""
    gc.freeze()


def release_previous_build() -> None:
    """Let a previous build's frozen objects be collected again (`mkdocs serve` rebuilds)."""
    gc.unfreeze()
