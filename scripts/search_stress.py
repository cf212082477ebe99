"""Build the real site many times under CPU and disk load and check every search index (a stress test).

    python -m scripts.search_stress --runs 40                      # whole builds (mkdocs build --strict)
    python -m scripts.search_stress --indexer cli,service --runs 60    # indexers alone, taking turns
    python -m scripts.search_stress --indexer cli --site DIR --pages 2000 --runs 3   # one shard of a built site

While it runs, `--cpu-load` busy loops (default: one per core) and `--io-load` writers (a
16 MB file written and fsync'ed over and over) compete with the build. Every index is checked
with plansite.search_bundle, the check the build itself runs, and each run is one of:

  ok       the build succeeded and its index is whole
  broken   the build succeeded but its index is damaged: a broken search page would be published
  failed   the build stopped (a failed `make build` keeps the previous site)

With `--indexer`, only the indexing step runs, on the search documents of the real site (or of
`--site`), into a fresh folder each time, with no retry, so its own failure rate shows; each run
also reports its time, and the CPU time and peak memory of the indexer process (the Python
side of the `service` indexers is not counted: it only waits). Several indexers take turns,
run by run, so they meet the same load. Indexers:

  cli           Pagefind's CLI (`python -m pagefind`), as plansite/search.py runs it
  service       Pagefind's Python API as plansite/search.py used it before (`async with
                PagefindIndex(...)`: the exit writes the files, then terminates the backend)
  service-wait  the same API, waiting after WriteFiles until the backend holds no file of the
                index open before terminating it (Linux only: reads /proc/<pid>/fd)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from scripts.project import ROOT, copy_project

BUSY_LOOP = "while True: pass"
DISK_WRITER = """
import os, sys
path, block = sys.argv[1], os.urandom(1 << 20)
while True:
    with open(path, "wb") as f:
        for _ in range(16):
            f.write(block)
        f.flush()
        os.fsync(f.fileno())
    os.unlink(path)
"""


# ---- Indexers measured alone ---------------------------------------------------------------

async def _service(documents: Path, output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    from plansite.search import EXCLUDED, LANGUAGE

    config = IndexConfig(exclude_selectors=EXCLUDED, force_language=LANGUAGE, output_path=str(output))
    async with PagefindIndex(config=config) as index:  # as plansite/search.py did before the fix
        await index.add_directory(str(documents))


async def _service_wait(documents: Path, output: Path) -> None:
    from pagefind.service import PagefindService

    from plansite.search import EXCLUDED, LANGUAGE

    async with PagefindService() as service:
        index = await service.create_index({"exclude_selectors": EXCLUDED, "force_language": LANGUAGE})
        await index.add_directory(str(documents))
        await index.write_files(output_path=str(output))
        # The answer to WriteFiles comes before the backend's writes finish (BENCHMARKS.md); each
        # file stays open in the backend until its write is done, so wait for none to be open.
        fds = Path(f"/proc/{service._backend.pid}/fd")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            targets = []
            for fd in fds.iterdir():
                try:
                    targets.append(os.readlink(fd))
                except OSError:  # closed while listing
                    pass
            if not any(target.startswith(f"{output}/") for target in targets):
                break
            await asyncio.sleep(0.01)
        else:
            raise TimeoutError(f"the Pagefind backend still holds files of {output} open")


def _cli(documents: Path, output: Path) -> None:
    from plansite.search import run_pagefind

    run_pagefind(documents, output)


INDEXERS = {
    "cli": _cli,
    "service": lambda documents, output: asyncio.run(_service(documents, output)),
    "service-wait": lambda documents, output: asyncio.run(_service_wait(documents, output)),
}


def _worker(indexer: str, documents: Path, output: Path) -> None:
    """One indexing run, in its own process: prints its time and the indexer's peak memory."""
    start = time.perf_counter()
    error = None
    try:
        INDEXERS[indexer](documents, output)
    except Exception as exc:  # reported as a failed run
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the indexer process, waited for
    print(json.dumps({"seconds": seconds, "cpu_seconds": children.ru_utime + children.ru_stime,
                      "peak_kb": children.ru_maxrss,  # Linux: KB, of the largest child
                      "error": error}))


def write_documents(site: Path, folder: Path, pages: int | None) -> int:
    """The search documents of a built site, as plansite/search.py hands them to Pagefind."""
    from plansite.search import site_pages

    count = 0
    for page in site_pages(site):
        if pages is not None and count >= pages:
            break
        document = folder / page.path
        document.parent.mkdir(parents=True, exist_ok=True)
        document.write_text(page.html, encoding="utf-8")
        count += 1
    return count


# ---- Load ----------------------------------------------------------------------------------

def start_load(cpu: int, io: int, folder: Path) -> list[subprocess.Popen]:
    load = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(cpu)]
    load += [subprocess.Popen([sys.executable, "-c", DISK_WRITER, str(folder / f"disk-load-{n}")]) for n in range(io)]
    return load


def stop_load(load: list[subprocess.Popen]) -> None:
    for process in load:
        process.kill()
    for process in load:
        process.wait()


# ---- Runs ----------------------------------------------------------------------------------

def build_run(project: Path, site: Path) -> dict:
    from plansite.search_bundle import check_index

    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        return {"outcome": "failed", "seconds": seconds, "problems": result.stderr.strip().splitlines()[-5:]}
    problems = check_index(site)
    return {"outcome": "broken" if problems else "ok", "seconds": seconds, "problems": problems,
            "retries": result.stderr.count("lập lại chỉ mục")}


def indexer_run(indexer: str, documents: Path, output: Path) -> dict:
    from plansite.search_bundle import check_bundle

    result = subprocess.run([sys.executable, "-m", "scripts.search_stress", "--worker", indexer,
                             str(documents), str(output)], capture_output=True, text=True, cwd=ROOT)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["error"]:
        return {"outcome": "failed", **report, "problems": [report["error"]]}
    problems = check_bundle(output)
    return {"outcome": "broken" if problems else "ok", **report, "problems": problems}


def summarise(name: str, runs: list[dict]) -> str:
    outcomes = Counter(run["outcome"] for run in runs)
    seconds = [run["seconds"] for run in runs]
    line = (f"{name}: {outcomes['ok']} ok, {outcomes['broken']} broken, {outcomes['failed']} failed of {len(runs)}"
            f"; retries {sum(run.get('retries', 0) for run in runs)}"
            f"; median {statistics.median(seconds):.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f})")
    if "peak_kb" in runs[0]:
        line += (f"; indexer CPU median {statistics.median(run['cpu_seconds'] for run in runs):.2f} s"
                 f"; peak memory median {statistics.median(run['peak_kb'] for run in runs) / 1024:.0f} MB")
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--indexer", help=f"run only these indexers, not whole builds: one or more of "
                                          f"{', '.join(sorted(INDEXERS))}, comma-separated, taking turns")
    parser.add_argument("--site", type=Path, help="with --indexer: a built site to take the pages from "
                                                  "(default: the real site, built once)")
    parser.add_argument("--pages", type=int, help="with --indexer: only the first N pages (one shard is 2,000)")
    parser.add_argument("--cpu-load", type=int, default=os.cpu_count() or 2, help="busy loops (default: one per core)")
    parser.add_argument("--io-load", type=int, default=1, help="processes writing and fsync'ing 16 MB in a loop")
    parser.add_argument("--work", type=Path, help="keep projects and sites here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="write every run's result here")
    parser.add_argument("--worker", nargs=3, metavar=("INDEXER", "DOCUMENTS", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return 0
    indexers = args.indexer.split(",") if args.indexer else []
    if unknown := [name for name in indexers if name not in INDEXERS]:
        parser.error(f"unknown indexer {', '.join(unknown)}; choose from {', '.join(sorted(INDEXERS))}")

    temp = None if args.work else tempfile.TemporaryDirectory(prefix="search-stress-")
    work = Path(args.work or temp.name).resolve()
    work.mkdir(parents=True, exist_ok=True)
    project = copy_project(work / "project")
    if indexers:
        site = args.site
        if site is None:
            site = work / "real-site"
            build_run(project, site)
        documents = work / "documents"
        shutil.rmtree(documents, ignore_errors=True)
        pages = write_documents(site.resolve(), documents, args.pages)
        what = f"indexers {', '.join(indexers)} in turn, {pages} pages"
    else:
        what = "mkdocs build --strict of the real site"
    print(f"{args.runs} runs: {what}; load: {args.cpu_load} busy loops, {args.io_load} disk writers "
          f"on {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}", flush=True)
    runs: dict[str, list[dict]] = {name: [] for name in indexers or ["build"]}
    load = start_load(args.cpu_load, args.io_load, work)
    try:
        for number in range(1, args.runs + 1):
            for name in runs:
                target = work / f"run-{number}-{name}"
                shutil.rmtree(target, ignore_errors=True)
                run = build_run(project, target) if name == "build" else indexer_run(name, documents, target)
                runs[name].append(run)
                if run["outcome"] != "ok" or run.get("retries"):
                    print(f"run {number}, {name}: {run['outcome']}"
                          + (f", {run['retries']} retries" if run.get("retries") else "")
                          + "".join(f"\n    {problem}" for problem in run["problems"][:8]), flush=True)
                shutil.rmtree(target, ignore_errors=True)
    finally:
        stop_load(load)
    for name, results in runs.items():
        print(summarise(name, results))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    if temp:
        temp.cleanup()
    return 1 if any(run["outcome"] == "broken" for results in runs.values() for run in results) else 0


if __name__ == "__main__":
    sys.exit(main())
