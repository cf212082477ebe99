"""`make import SRC=path PLAN=id [FORCE=1] [PERIOD="Năm 2027"] [ISSUER=ubnd-thanh-pho]`: a Word or Markdown plan into content/plans/<id>/.

Prints the report (Vietnamese): what was recognised and what staff must still check. Exits 1,
having written nothing, if the document cannot be imported or the result would not pass
`make check`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.plan_import import ImportError_, import_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="tệp .docx hoặc .md của kế hoạch")
    parser.add_argument("plan", help="mã kế hoạch (tên thư mục trong content/plans/), ví dụ kh-267-2025")
    parser.add_argument("--force", action="store_true", help="ghi đè thư mục kế hoạch đã có")
    parser.add_argument("--period", default=None, help='thời gian áp dụng khi tên kế hoạch không nêu, ví dụ "Năm 2027"')
    parser.add_argument("--issuer", default=None, help="mã cơ quan ban hành khi văn bản không nêu rõ")
    parser.add_argument("--root", type=Path, default=Path("."), help="thư mục dự án")
    args = parser.parse_args(argv)
    if not args.plan:
        print("Thiếu mã kế hoạch: make import SRC=duong/dan/ke-hoach.docx PLAN=kh-267-2025", file=sys.stderr)
        return 1
    try:
        result = import_plan(args.source, args.plan, args.root, force=args.force, period=args.period,
                             issuer=args.issuer)
    except ImportError_ as exc:
        print(f"Không nhập được kế hoạch (chưa ghi gì): {exc}", file=sys.stderr)
        return 1
    print(result.report)
    if result.warnings:
        print("\nmake check sẽ liệt kê:")
        print("\n".join(result.warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
