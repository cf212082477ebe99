"""The search index as written on disk: where its parts live, and the check that every part is whole.

Pagefind writes an index as a bundle of files (plansite/search.py): `pagefind-entry.json`,
which names the languages, each language's `pagefind.<hash>.pf_meta` and WebAssembly
(`wasm.<language or unknown>.pagefind`), then word chunks (`index/*.pf_index`), page
fragments (`fragment/*.pf_fragment`) and filters (`filter/*.pf_filter`). These data files and
the WebAssembly are gzip, each starting with "pagefind_dcd" once decompressed.
A large site has further bundles in pagefind-shards/<n>/, listed in pagefind/shards.json.

The browser cannot recover from any damage here (one empty file and the search page says
"Không tải được bộ tìm kiếm"), so the build checks every file after indexing, and the
problems are returned as text, one per damaged file, in Vietnamese, for the build's message.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

OUTPUT = "pagefind"  # folder of the index inside the site, served as /pagefind/
SYNONYMS = "synonyms.json"  # in OUTPUT: the glossary's spellings, for search.js
SHARDS = "shards.json"  # in OUTPUT: the further index bundles search.js merges into the first
SHARD_OUTPUT = "pagefind-shards"  # folder of those bundles inside the site

GZIP_MAGIC = b"\x1f\x8b"
PAGEFIND_DATA = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")  # gzip of "pagefind_dcd" + data
PAGEFIND_SIGNATURE = b"pagefind_dcd"
WASM_MAGIC = b"\0asm"
ENTRY = "pagefind-entry.json"
REQUIRED = ("pagefind.js", ENTRY)  # what the search page loads first from each bundle


def check_bundle(bundle: Path, root: Path | None = None) -> list[str]:
    """Problems of one Pagefind bundle (a folder), named relative to `root` (default: its parent)."""
    bundle = Path(bundle)
    root = Path(root) if root is not None else bundle.parent

    def name(path: Path) -> str:
        return path.relative_to(root).as_posix()

    if not bundle.is_dir():
        return [f"{name(bundle)}/: thiếu thư mục chỉ mục"]
    problems = [f"{name(bundle / required)}: thiếu tệp" for required in REQUIRED if not (bundle / required).is_file()]
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        problem = _file_problem(path)
        if problem:
            problems.append(f"{name(path)}: {problem}")
    entry = bundle / ENTRY
    if entry.is_file() and entry.stat().st_size:
        problems += [f"{name(entry)}: {problem}" for problem in _entry_problems(entry, bundle)]
    return problems


def check_index(site_dir: Path) -> list[str]:
    """Problems of a built site's whole search index: every bundle, the synonyms, the shard list."""
    site_dir = Path(site_dir)
    problems = check_bundle(site_dir / OUTPUT, site_dir)
    for listed in (SYNONYMS, SHARDS):
        if not (site_dir / OUTPUT / listed).is_file():
            problems.append(f"{OUTPUT}/{listed}: thiếu tệp")
    shards_file = site_dir / OUTPUT / SHARDS
    try:
        shards = json.loads(shards_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return problems  # missing or unreadable: reported above
    if not (isinstance(shards, list) and all(isinstance(s, str) for s in shards)):
        return problems + [f"{OUTPUT}/{SHARDS}: phải là danh sách đường dẫn, nhận được {shards!r:.80}"]
    folder = site_dir / SHARD_OUTPUT
    present = sorted(f"{SHARD_OUTPUT}/{p.name}/" for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    strays = sorted(p.name for p in folder.iterdir() if not p.is_dir()) if folder.is_dir() else []
    unlisted = [shard for shard in present if shard not in shards]
    missing = [shard for shard in shards if shard not in present]
    if unlisted or missing or strays or len(set(shards)) != len(shards):
        details = [f"thiếu {', '.join(missing)}" if missing else "",
                   f"không được liệt kê {', '.join(unlisted)}" if unlisted else "",
                   f"tệp lạ {', '.join(strays)}" if strays else "",
                   "có mục trùng" if len(set(shards)) != len(shards) else ""]
        problems.append(f"{OUTPUT}/{SHARDS} không khớp các thư mục trong {SHARD_OUTPUT}/: "
                        + "; ".join(d for d in details if d))
    for shard in shards:
        if shard in present:
            problems += check_bundle(site_dir / shard, site_dir)
    return problems


def _file_problem(path: Path) -> str | None:
    data = path.read_bytes()
    if not data:
        return "tệp rỗng (0 byte)"
    if path.suffix == ".json":
        try:
            json.loads(data.decode("utf-8"))
        except ValueError as exc:
            return f"JSON hỏng ({exc})"
        return None
    gzipped = path.suffix in PAGEFIND_DATA or path.suffix == ".pagefind"
    if not gzipped and not data.startswith(GZIP_MAGIC):
        return None
    if not data.startswith(GZIP_MAGIC):
        return "không phải gzip"
    try:
        plain = gzip.decompress(data)  # every member, each checked against its CRC and length
    except (EOFError, OSError, zlib.error) as exc:
        return f"gzip hỏng ({exc})"
    if gzipped and not plain.startswith(PAGEFIND_SIGNATURE):
        return "dữ liệu Pagefind không có chữ ký pagefind_dcd"
    if path.suffix == ".pagefind" and not plain[len(PAGEFIND_SIGNATURE):].startswith(WASM_MAGIC):
        return "không phải WebAssembly"
    return None


def _entry_problems(entry: Path, bundle: Path) -> list[str]:
    """What the entry file names must exist: each language's metadata and WebAssembly."""
    try:
        meta = json.loads(entry.read_text(encoding="utf-8"))
    except ValueError:
        return []  # reported by _file_problem
    languages = meta.get("languages") if isinstance(meta, dict) else None
    if not isinstance(languages, dict) or not languages:
        return ["không có ngôn ngữ nào (languages)"]
    problems = []
    for language, details in languages.items():
        if not isinstance(details, dict) or not isinstance(details.get("hash"), str):
            problems.append(f'ngôn ngữ "{language}" thiếu hash')
            continue
        for needed in (f"pagefind.{details['hash']}.pf_meta", f"wasm.{details.get('wasm') or 'unknown'}.pagefind"):
            if not (bundle / needed).is_file():
                problems.append(f"nhắc đến {needed} nhưng tệp không có")
    return problems


def page_count(bundle: Path) -> int:
    """Pages in one bundle, as its entry file records them."""
    meta = json.loads((Path(bundle) / ENTRY).read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in meta["languages"].values())
