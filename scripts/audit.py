"""List every record whose caveat is shown on the site: file:line, what is not verified, the pages that show it.

The Department's review queue: verify a record against the current text, then flip its `verified`
flag or delete the line in `unverified`, and it leaves the list. Exits 1 if the content has errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.audit import report
from plansite.build import prepare
from plansite.errors import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path("."), help="the project folder")
    args = parser.parse_args(argv)
    try:
        build = prepare(args.root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(report(build))
    return 0


if __name__ == "__main__":
    sys.exit(main())
