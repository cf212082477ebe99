"""Build the site with `mkdocs build --strict` into a fresh folder, then swap it into place.

A failed build leaves the previous site/ exactly as it was: the new site is written
beside it and only renamed over it once MkDocs has finished without an error and its search
index has passed plansite/search_bundle.py's check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from plansite.search_bundle import check_index


def build(site_dir: Path, config: Path, quiet: bool = False) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
               "--site-dir", str(staging)]
    if quiet:
        command.append("--quiet")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the notice is about Material, not this build
    result = subprocess.run(command, check=False, env=env)
    # The build checks its search index itself; checked again here, where the site is published.
    problems = check_index(staging) if result.returncode == 0 else []
    if result.returncode != 0 or problems:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "giữ nguyên bản cũ" if site_dir.exists() else "chưa có bản nào"
        reason = "".join(f"\n  chỉ mục tìm kiếm hỏng: {problem}" for problem in problems)
        print(f"Dựng trang thất bại; {site_dir.name}/ {kept}.{reason}", file=sys.stderr)
        return result.returncode or 1
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        site_dir.rename(retired / "site")
    staging.rename(site_dir)
    if retired:
        shutil.rmtree(retired, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    return build(args.site_dir, args.config_file, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
