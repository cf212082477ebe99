"""A damaged search index is caught before it is published: each kind of damage, on a small index."""

from __future__ import annotations

import gzip
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from plansite import search
from plansite.search_bundle import check_bundle, check_index, page_count

PAGES = {
    "index.html": "Trang chủ: kế hoạch bảo vệ môi trường",
    "nhiem-vu/a/index.html": "Nhiệm vụ tuyên truyền, phổ biến pháp luật",
    "nhiem-vu/b/index.html": "Giảm chất thải nhựa và túi ni lông",
    "van-ban/c/index.html": "Luật Bảo vệ môi trường 2020, Điều 29",
    "van-ban/d/index.html": "Quyết định 1375/QĐ-TTg về hóa chất",
}


def write_site(site: Path) -> Path:
    for path, text in PAGES.items():
        page = site / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="vi"><head><title>{text[:12]}</title></head><body>'
                        f'<article class="md-content__inner md-typeset"><h1>{text}</h1><p>{text}.</p></article>'
                        "</body></html>", encoding="utf-8")
    return site


def index(site: Path, shard_pages: int = 2) -> int:
    with ThreadPoolExecutor(1) as pool:  # the indexer wants an event loop of its own thread
        return pool.submit(search.index_site, site, [], shard_pages=shard_pages).result()


@pytest.fixture(scope="module")
def small_index(tmp_path_factory) -> Path:
    """Five pages in shards of two: pagefind/, pagefind-shards/1/ and /2/."""
    site = write_site(tmp_path_factory.mktemp("small") / "site")
    assert index(site) == len(PAGES)
    return site


@pytest.fixture
def site(small_index, tmp_path) -> Path:
    """A copy of the small index to damage."""
    return Path(shutil.copytree(small_index, tmp_path / "site"))


def test_a_whole_index_has_no_problems(small_index):
    assert check_index(small_index) == []
    shards = json.loads((small_index / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert shards == ["pagefind-shards/1/", "pagefind-shards/2/"]
    assert [page_count(small_index / bundle) for bundle in ["pagefind", *shards]] == [2, 2, 1]


@pytest.mark.parametrize("name", ["pagefind/wasm.unknown.pagefind", "pagefind/pagefind-entry.json",
                                  "pagefind-shards/2/pagefind.js"])
def test_a_zero_byte_file_is_caught(site, name):
    (site / name).write_bytes(b"")
    assert f"{name}: tệp rỗng (0 byte)" in check_index(site)


def test_a_zero_byte_fragment_is_caught(site):
    fragment = sorted((site / "pagefind-shards" / "1" / "fragment").iterdir())[0]
    fragment.write_bytes(b"")
    assert check_index(site) == [f"{fragment.relative_to(site).as_posix()}: tệp rỗng (0 byte)"]


@pytest.mark.parametrize("folder", ["index", "fragment"])
def test_a_truncated_gzip_file_is_caught(site, folder):
    damaged = sorted((site / "pagefind" / folder).iterdir())[0]
    damaged.write_bytes(damaged.read_bytes()[:-9])  # the end of the stream and its checksum
    assert check_index(site) == [f"{damaged.relative_to(site).as_posix()}: gzip hỏng "
                                 "(Compressed file ended before the end-of-stream marker was reached)"]


def test_a_gzip_file_with_a_wrong_checksum_is_caught(site):
    wasm = site / "pagefind" / "wasm.unknown.pagefind"
    data = bytearray(wasm.read_bytes())
    data[-6] ^= 0xFF  # the CRC-32 in the trailer
    wasm.write_bytes(bytes(data))
    [problem] = check_index(site)
    assert problem.startswith("pagefind/wasm.unknown.pagefind: gzip hỏng (CRC check failed")


def test_data_that_is_not_pagefinds_is_caught(site):
    meta = next((site / "pagefind").glob("*.pf_meta"))
    meta.write_bytes(gzip.compress(b"not pagefind"))
    chunk = sorted((site / "pagefind" / "index").iterdir())[0]
    chunk.write_bytes(b"plain text")
    assert check_index(site) == [  # in path order
        f"pagefind/index/{chunk.name}: không phải gzip",
        f"pagefind/{meta.name}: dữ liệu Pagefind không có chữ ký pagefind_dcd",
    ]


def test_bad_json_is_caught(site):
    (site / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.5.2", "langu', encoding="utf-8")
    (site / "pagefind" / "synonyms.json").write_text("[[", encoding="utf-8")
    problems = check_index(site)
    assert [p.split(" (")[0] for p in problems] == ["pagefind/pagefind-entry.json: JSON hỏng",
                                                    "pagefind/synonyms.json: JSON hỏng"]


def test_an_entry_naming_files_that_are_missing_is_caught(site):
    (next((site / "pagefind-shards" / "1").glob("*.pf_meta"))).unlink()
    (site / "pagefind-shards" / "1" / "wasm.unknown.pagefind").unlink()
    problems = check_index(site)
    assert len(problems) == 2 and all(p.startswith("pagefind-shards/1/pagefind-entry.json: nhắc đến ") for p in problems)


def test_missing_required_files_are_caught(site):
    (site / "pagefind" / "pagefind.js").unlink()
    (site / "pagefind" / "shards.json").unlink()
    assert check_index(site) == ["pagefind/pagefind.js: thiếu tệp", "pagefind/shards.json: thiếu tệp"]


def test_a_shard_list_that_misses_a_folder_is_caught(site):
    (site / "pagefind" / "shards.json").write_text('["pagefind-shards/1/"]', encoding="utf-8")
    assert check_index(site) == ["pagefind/shards.json không khớp các thư mục trong pagefind-shards/: "
                                 "không được liệt kê pagefind-shards/2/"]


def test_a_shard_list_naming_a_missing_folder_is_caught(site):
    shutil.rmtree(site / "pagefind-shards" / "2")
    assert check_index(site) == ["pagefind/shards.json không khớp các thư mục trong pagefind-shards/: "
                                 "thiếu pagefind-shards/2/"]


def test_a_shard_list_that_is_not_a_list_of_paths_is_caught(site):
    (site / "pagefind" / "shards.json").write_text('{"1": "pagefind-shards/1/"}', encoding="utf-8")
    assert check_index(site) == ["pagefind/shards.json: phải là danh sách đường dẫn, "
                                 "nhận được {'1': 'pagefind-shards/1/'}"]


def test_a_missing_bundle_is_caught(tmp_path):
    assert check_bundle(tmp_path / "pagefind", tmp_path) == ["pagefind/: thiếu thư mục chỉ mục"]
