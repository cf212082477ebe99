"""A damaged search index is never published: the check catches each kind of damage, on a small index,
and the build indexes a damaged bundle again, then fails if it stays damaged."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT
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


# ---- The build checks what it wrote, indexes a damaged bundle again, and fails if it stays damaged


def empty_wasm(output: Path) -> None:
    (output / "wasm.unknown.pagefind").write_bytes(b"")  # what an interrupted write leaves


def test_a_damaged_bundle_is_indexed_again(tmp_path, monkeypatch, capsys):
    site = write_site(tmp_path / "site")
    calls = []
    real = search.run_pagefind

    def damaging_once(documents, output):
        real(documents, output)
        calls.append(output.relative_to(site).as_posix())
        if len(calls) == 1:
            empty_wasm(output)

    monkeypatch.setattr(search, "run_pagefind", damaging_once)
    assert index(site, shard_pages=10) == len(PAGES)
    assert calls == ["pagefind", "pagefind"]
    assert check_index(site) == []
    assert capsys.readouterr().err == ("Tìm kiếm: chỉ mục pagefind/ bị hỏng (pagefind/wasm.unknown.pagefind: "
                                       "tệp rỗng (0 byte)); lập lại chỉ mục, lần 2/3\n")


def test_a_bundle_that_stays_damaged_stops_the_indexing(tmp_path, monkeypatch):
    site = write_site(tmp_path / "site")
    real = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda documents, output: (real(documents, output), empty_wasm(output)))
    with pytest.raises(search.SearchIndexError, match="chỉ mục pagefind/ vẫn hỏng sau 3 lần lập") as caught:
        index(site, shard_pages=10)
    assert caught.value.problems == ["pagefind/wasm.unknown.pagefind: tệp rỗng (0 byte)"]


def test_pagefind_failing_stops_the_indexing(tmp_path, monkeypatch):
    site = write_site(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # the Python wrapper runs this binary instead
    with pytest.raises(search.SearchIndexError, match="Pagefind dừng với mã 1"):
        index(site)


def test_a_build_whose_index_stays_damaged_fails_and_keeps_the_previous_site(project, tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "scripts.build", "--quiet", "--site-dir", str(site),
               "--config-file", str(project / "mkdocs.yml")]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    # The project's own copy of the pipeline is what its build imports: make its indexer damage every index.
    with (project / "plansite" / "search.py").open("a", encoding="utf-8") as source:
        source.write("\n_real_run_pagefind = run_pagefind\n\n"
                     "def run_pagefind(documents, output):\n"
                     "    _real_run_pagefind(documents, output)\n"
                     "    (output / 'wasm.unknown.pagefind').write_bytes(b'')\n")
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert second.returncode != 0
    assert second.stderr.count("lập lại chỉ mục") == 2
    assert ("Tìm kiếm: chỉ mục pagefind/ vẫn hỏng sau 3 lần lập; trang chưa được dựng:\n"
            "  pagefind/wasm.unknown.pagefind: tệp rỗng (0 byte)") in second.stderr
    assert second.stderr.rstrip().endswith("Dựng trang thất bại; site/ giữ nguyên bản cũ.")
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_the_stress_script_runs_and_reports(tmp_path):
    """scripts/search_stress.py, once each way and without load, so it keeps working (BENCHMARKS.md)."""
    site = write_site(tmp_path / "site")
    command = [sys.executable, "-m", "scripts.search_stress", "--runs", "1", "--cpu-load", "0", "--io-load", "0"]
    alone = subprocess.run([*command, "--indexer", "cli,service-wait", "--site", str(site)], cwd=ROOT,
                           capture_output=True, text=True)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert "cli: 1 ok, 0 broken, 0 failed of 1" in alone.stdout
    assert "service-wait: 1 ok, 0 broken, 0 failed of 1" in alone.stdout
    builds = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert builds.returncode == 0, builds.stdout + builds.stderr
    assert "build: 1 ok, 0 broken, 0 failed of 1; retries 0" in builds.stdout
