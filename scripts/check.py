"""Validate content/ alone (schema and cross-references), without building the site.

Prints every problem as `file:line:column [CODE] …` and exits 1 if any is an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.audit import summary
from plansite.content import load_site
from plansite.errors import ContentError, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path("."), help="the project folder")
    args = parser.parse_args(argv)
    try:
        loaded = load_site(args.root / "content", args.root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    if loaded.warnings:
        print(report(loaded.warnings), file=sys.stderr)
    site = loaded.site
    tasks = sum(len(plan.tasks) for plan in site.plans)
    print(f"Nội dung hợp lệ: {len(site.plans)} kế hoạch ({tasks} nhiệm vụ), {len(site.agencies)} đơn vị, "
          f"{len(site.references)} văn bản, {len(site.obligations)} quy định có ngày áp dụng, "
          f"{len(site.guidance)} nội dung hướng dẫn, {len(site.faq)} câu hỏi, {len(site.glossary)} thuật ngữ.")
    print(summary(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
