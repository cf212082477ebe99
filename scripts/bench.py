"""Benchmark the data-driven build against plain Markdown, at growing numbers of tasks.

For each size N, `scripts.synth` writes a valid synthetic project, and the same pages are
also written out as plain Markdown files into a second project with the same mkdocs.yml,
theme and plugins but no hooks: the floor a hand-written site would cost; the downloads the
pipeline makes (calendar feeds, open data) are static files there, as a hand-written site
would publish them. Both are built with `mkdocs build --strict`, alternately, several times;
the report gives medians.

    python -m scripts.bench                     # N = 100, 1000, 10000; 3 runs (make bench)
    python -m scripts.bench --sizes 100 --runs 1 --no-profile
    python -m scripts.bench --sizes 1000 --plans 1,10   # the same N over 1 and over 10 plans

Also measured: peak memory (RSS) of each build, HTML and search-index bytes, the time of
`scripts.check` (content validation alone), how long a running `mkdocs serve` takes to
show a one-line YAML change on the real content, and a cProfile of the data-driven build
at the largest N, to show where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from scripts.project import ROOT, copy_project, fetch_text, free_port
from scripts.synth import synthesize

SERVE_TIMEOUT = 30.0  # seconds to wait for one change to show before calling it failed
TARGETS = {"ratio": 1.10, "growth": 0.10, "peak_rss_mb": 1024, "check_seconds": 2.0, "serve_seconds": 2.0}


@dataclass
class Measured:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the process itself: what other load on the machine does not inflate
    peak_rss_mb: float


@dataclass
class BuildFigures:
    seconds: float  # median wall clock
    all_seconds: list[float]
    cpu_seconds: float  # median
    peak_rss_mb: float  # median
    pages: int
    html_bytes: int
    html_bytes_per_page: int
    search_index_bytes: int


@dataclass
class SizeFigures:
    tasks: int
    records: dict[str, int]
    data: BuildFigures
    floor: BuildFigures
    ratio: float  # wall clock, a/b
    cpu_ratio: float  # CPU time, a/b
    cpu_ms_per_page: float  # a
    check_seconds: float
    check_cpu_seconds: float
    same_pages: bool
    only_in_data: list[str]
    only_in_floor: list[str]
    load_average: tuple[float, float, float]
    plans: int = 1  # full-text plans the tasks are spread over
    downloads: int = 0  # files other than pages (feeds, open data) the data-driven build published


@dataclass
class Report:
    machine: dict[str, str]
    runs: int
    sizes: list[SizeFigures] = field(default_factory=list)
    serve: dict | None = None
    profile: dict | None = None
    targets: list[dict] = field(default_factory=list)


# Running things


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITE_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def run_measured(command: list[str], cwd: Path, log: Path) -> Measured:
    """Run to completion; wall seconds and the child's own peak RSS (from wait4)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    # ru_maxrss is in KiB on Linux
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def mkdocs_build(project: Path, site: Path, log: Path) -> Measured:
    if site.exists():
        shutil.rmtree(site)
    return run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                         "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)], ROOT, log)


# The floor: the same pages as plain Markdown, no hooks


def without_keys(config_text: str, keys: set[str]) -> str:
    """Drop top-level `key:` blocks from mkdocs.yml text (kept as text: it has !ENV tags)."""
    lines, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        top = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if top:
            skipping = top.group(1) in keys
        elif line.strip() and not line[0].isspace() and not line.startswith("-"):
            skipping = False
        if not skipping:
            lines.append(line)
    return "".join(lines)


def with_abbr_glossary(config_text: str, glossary: dict[str, str]) -> str:
    """Give the `abbr` extension in mkdocs.yml text the glossary the hook would give it."""
    match = re.search(r"^( *)- abbr *$", config_text, re.MULTILINE)
    if not match:
        raise RuntimeError("mkdocs.yml has no plain '- abbr' extension line to give the glossary to")
    indent = match.group(1)
    lines = [f"{indent}- abbr:", f"{indent}    glossary:"] + [
        f"{indent}      {json.dumps(term, ensure_ascii=False)}: {json.dumps(tip, ensure_ascii=False)}"
        for term, tip in glossary.items()]
    return config_text[:match.start()] + "\n".join(lines) + config_text[match.end():]


FLOOR_SEARCH_HOOK = '''"""The floor's only hook: index the built site for search, as a hand-written Pagefind site would."""
import sys
from pathlib import Path

sys.path.insert(0, {root!r})
from plansite.search import index_site  # noqa: E402


def on_post_build(config):
    index_site(Path(config.site_dir), [])
'''


def write_floor(data_project: Path, floor: Path) -> int:
    """Write the data project's pages as Markdown files into `floor`; return the page count."""
    from plansite.build import prepare  # the pipeline, as the hooks would run it
    from plansite.seo import first_paragraph, title_of

    config = (data_project / "mkdocs.yml").read_text(encoding="utf-8")
    # the site's name and the body that runs it, as the hook hands them to the pipeline (cards, structured data)
    site_name = re.search(r"^site_name: (.+)$", config, re.M).group(1).strip()
    publisher = re.search(r"^  contact_body: (.+)$", config, re.M)
    build = prepare(data_project, site_name=site_name, publisher=publisher.group(1).strip() if publisher else None)
    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(data_project / "docs", floor / "docs")
    shutil.copytree(data_project / "overrides", floor / "overrides")
    # The hook turns the edit button off when there is no repository (as here); so does the floor.
    floor_config = without_keys(config, {"hooks", "watch", "edit_uri"}) + 'edit_uri: ""\n'
    abbreviations = getattr(build, "abbreviations", None)  # the hook hands the glossary to `abbr`, if any
    if abbreviations:
        floor_config = with_abbr_glossary(floor_config, abbreviations)
    # The hook sets the sidebar from the page plan; a hand-written site writes the same one in mkdocs.yml.
    floor_config += "nav:\n" + "".join(f"  {line}\n" for line in yaml.safe_dump(
        build.nav_tree(), allow_unicode=True, sort_keys=False, width=1000).splitlines())
    # The hook tells the theme who to ask (its contact block); a hand-written site writes it in mkdocs.yml.
    floor_config = floor_config.replace("extra:\n", "extra:\n  contacts: " + json.dumps(build.contacts, ensure_ascii=False)
                                        + "\n", 1)
    # A hand-written site with the same look uses the same theme hook (tables that fit, breadcrumbs),
    # and with the same search runs the same indexer after its build.
    floor_config += "hooks:\n  - hooks/theme_hooks.py\n  - search_index.py\n"
    (floor / "hooks").mkdir()
    shutil.copy2(data_project / "hooks" / "theme_hooks.py", floor / "hooks" / "theme_hooks.py")
    (floor / "plansite").mkdir()
    shutil.copy2(data_project / "plansite" / "table_layout.py", floor / "plansite" / "table_layout.py")
    (floor / "search_index.py").write_text(FLOOR_SEARCH_HOOK.format(root=str(ROOT)), encoding="utf-8")
    (floor / "mkdocs.yml").write_text(floor_config, encoding="utf-8")
    for path in sorted((floor / "docs").rglob("*.md")):  # hand-written pages, rendered as the hook does
        src_uri = path.relative_to(floor / "docs").as_posix()
        markdown = build.render_handwritten(path.read_text(encoding="utf-8"), src_uri)
        body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
        # what the hook tells the theme about the page (description, Open Graph, card), as front matter
        path.write_text(_with_front_matter(markdown, build.head(src_uri, title_of(markdown), first_paragraph(body))),
                        encoding="utf-8")
    titles = {page.src_uri: page.title for page in build.pages}
    for src_uri, markdown in build.markdown.items():
        target = floor / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        parent = build.parent_of(src_uri)  # the breadcrumb the hook sets, written in the page instead
        meta = {"section": parent} if parent else {}
        meta.update(build.head(src_uri, titles[src_uri]))
        target.write_text(_with_front_matter(markdown, meta), encoding="utf-8")
    for path, content in build.files.items():  # feeds and open data: static files of a hand-written site
        target = floor / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for path, cached in {**build.cards, **build.images}.items():  # card images, posters: its pictures
        target = floor / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return len(build.markdown)


def _with_front_matter(markdown: str, meta: dict) -> str:
    """`markdown` with `meta` added first in its front matter (JSON strings are YAML)."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    if not lines:
        return markdown
    return f"---\n{lines}{markdown[4:]}" if markdown.startswith("---\n") else f"---\n{lines}---\n{markdown}"


# Measuring one size


def html_pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def figures(runs: list[Measured], site: Path) -> BuildFigures:
    pages = html_pages(site)
    total = sum(pages.values())
    index = [p for folder in ("pagefind", "pagefind-shards") for p in (site / folder).rglob("*") if p.is_file()]
    return BuildFigures(
        seconds=statistics.median(r.seconds for r in runs),
        all_seconds=[round(r.seconds, 2) for r in runs],
        cpu_seconds=statistics.median(r.cpu_seconds for r in runs),
        peak_rss_mb=statistics.median(r.peak_rss_mb for r in runs),
        pages=len(pages), html_bytes=total, html_bytes_per_page=total // max(1, len(pages)),
        search_index_bytes=sum(p.stat().st_size for p in index),
    )


def size_folder(work: Path, tasks: int, plans: int = 1) -> Path:
    return work / (f"n{tasks}" if plans == 1 else f"n{tasks}-p{plans}")


def measure_size(tasks: int, runs: int, work: Path, say, plans: int = 1) -> SizeFigures:
    data, floor = size_folder(work, tasks, plans) / "data", size_folder(work, tasks, plans) / "floor"
    records = synthesize(tasks, data, plans=plans)
    write_floor(data, floor)
    data_runs, floor_runs, check_runs = [], [], []
    for run in range(runs):  # alternate, so a change in machine load hits both alike
        data_runs.append(mkdocs_build(data, work / "site-data", work / "data.log"))
        floor_runs.append(mkdocs_build(floor, work / "site-floor", work / "floor.log"))
        check_runs.append(run_measured([sys.executable, "-m", "scripts.check", str(data)], ROOT, work / "check.log"))
        say(f"  N={tasks}, {plans} plan(s), run {run + 1}/{runs}: data {data_runs[-1].seconds:.2f} s "
            f"(CPU {data_runs[-1].cpu_seconds:.2f}), floor {floor_runs[-1].seconds:.2f} s "
            f"(CPU {floor_runs[-1].cpu_seconds:.2f}), check {check_runs[-1].seconds:.2f} s")
    a, b = figures(data_runs, work / "site-data"), figures(floor_runs, work / "site-floor")
    data_pages, floor_pages = set(html_pages(work / "site-data")), set(html_pages(work / "site-floor"))
    downloads = sum(1 for p in (work / "site-data").rglob("*") if p.suffix in (".csv", ".json", ".ics")
                    and not p.relative_to(work / "site-data").parts[0].startswith("pagefind"))
    return SizeFigures(
        tasks=tasks, records=records, data=a, floor=b, ratio=a.seconds / b.seconds,
        cpu_ratio=a.cpu_seconds / b.cpu_seconds, cpu_ms_per_page=1000 * a.cpu_seconds / max(1, a.pages),
        check_seconds=statistics.median(r.seconds for r in check_runs),
        check_cpu_seconds=statistics.median(r.cpu_seconds for r in check_runs),
        same_pages=data_pages == floor_pages,
        only_in_data=sorted(data_pages - floor_pages)[:20], only_in_floor=sorted(floor_pages - data_pages)[:20],
        load_average=tuple(round(x, 2) for x in os.getloadavg()), plans=plans, downloads=downloads,
    )


# `mkdocs serve`: how long a one-line YAML change takes to show


def _wait_for(predicate, timeout: float, interval: float = 0.02) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def measure_serve(runs: int, work: Path) -> dict:
    """Edit one task's short_title in a copy of the real content; poll its page until it shows."""
    from plansite import routes
    from plansite.content import load_site

    project = copy_project(work / "serve")
    site = load_site(project / "content", project).site
    task = site.main_plan.tasks[0]
    tasks_file = project / site.main_plan.sources["tasks"]
    original = tasks_file.read_text(encoding="utf-8")
    line = re.search(rf"^(\s*short_title: ){re.escape(task.short_title)}$", original, re.MULTILINE)
    if not line:
        raise RuntimeError(f"no one-line short_title for task {task.id} in {tasks_file}")
    port = free_port()
    page = f"/{routes.served(routes.page_of(task))}/"
    url = f"http://127.0.0.1:{port}{page}"
    log = open(work / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}",
                               "--config-file", str(project / "mkdocs.yml")],
                              cwd=ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    seconds: list[float | None] = []
    try:
        if _wait_for(lambda: fetch_text(url, timeout=2) is not None, 120, 0.2) is None:
            raise RuntimeError(f"mkdocs serve did not come up; see {work / 'serve.log'}")
        for run in range(runs):
            marker = f"thu-do-{run}-{os.getpid()}"
            tasks_file.write_text(original[:line.end()] + f" {marker}" + original[line.end():], encoding="utf-8")
            seconds.append(_wait_for(lambda: marker in (fetch_text(url, timeout=2) or ""), SERVE_TIMEOUT))
            tasks_file.write_text(original, encoding="utf-8")
            _wait_for(lambda: marker not in (fetch_text(url, timeout=2) or marker), SERVE_TIMEOUT)  # settle before the next edit
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    shown = [s for s in seconds if s is not None]
    return {"page": page, "file": tasks_file.relative_to(project).as_posix(),
            "all_seconds": [None if s is None else round(s, 2) for s in seconds],
            "seconds": statistics.median(shown) if len(shown) == len(seconds) else None}


# Where the time goes


def _where(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return re.sub(r"^.*/n\d+/data/", "", filename)


def profile_build(project: Path, work: Path, top: int = 15) -> dict:
    """cProfile one data-driven build; the hooks' share, their top costs, and the build's."""
    out = work / "build.prof"
    run_measured([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict", "--quiet",
                  "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(work / "site-prof")],
                 ROOT, work / "profile.log")
    stats = pstats.Stats(str(out))
    table = stats.stats  # (file, line, function) -> (calls, primitive calls, tottime, cumtime, callers)
    total = stats.total_tt

    def row(key) -> dict:
        calls, _, tottime, cumtime, _ = table[key]
        return {"function": f"{_where(key[0])}:{key[1]}({key[2]})", "calls": calls,
                "tottime": round(tottime, 3), "cumtime": round(cumtime, 3)}

    hooks = {key[2]: table[key][3] for key in table
             if key[0].endswith("hooks/plansite_hooks.py") and key[2].startswith("on_")}
    ours = [k for k in table if "/plansite/" in k[0] or k[0].endswith("plansite_hooks.py")]
    return {
        "build_seconds": round(total, 2),
        "hooks_seconds": {name: round(s, 3) for name, s in sorted(hooks.items())},
        "hooks_share": round(sum(hooks.values()) / total, 3) if total else 0.0,
        "top_in_pipeline": [row(k) for k in sorted(ours, key=lambda k: -table[k][3])[:top]],
        "top_overall": [row(k) for k in sorted(table, key=lambda k: -table[k][2])[:top]],
    }


# Report


def machine() -> dict[str, str]:
    memory = ""
    try:
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True, check=True).stdout.splitlines()[1]
        memory = memory.split()[1]
    except (OSError, subprocess.SubprocessError, IndexError):
        pass
    from importlib.metadata import version

    return {"cores": str(os.cpu_count()), "memory": memory, "cpu": _cpu_name(), "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material")}


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def judge(report: Report) -> list[dict]:
    targets: list[dict] = []

    def add(what: str, target: str, value: str, met: bool | None) -> None:
        targets.append({"what": what, "target": target, "value": value, "met": met})

    for size in report.sizes:
        add(f"Ratio a/b at N={size.tasks}{_plans(size)} (CPU time; wall clock)", f"≤ {TARGETS['ratio']:.2f}",
            f"{size.cpu_ratio:.3f}; {size.ratio:.3f}", size.cpu_ratio <= TARGETS["ratio"])
    one_plan = [s for s in report.sizes if s.plans == 1]
    if len(one_plan) >= 2:
        small, large = one_plan[-2], one_plan[-1]
        time_growth = large.cpu_ms_per_page / small.cpu_ms_per_page - 1
        bytes_growth = large.data.html_bytes_per_page / small.data.html_bytes_per_page - 1
        span = f"N={small.tasks} → {large.tasks}"
        add(f"CPU time per page growth, {span}", f"≤ {TARGETS['growth']:.0%}", f"{time_growth:+.1%}",
            time_growth <= TARGETS["growth"])
        add(f"HTML bytes per page growth, {span}", f"≤ {TARGETS['growth']:.0%}", f"{bytes_growth:+.1%}",
            bytes_growth <= TARGETS["growth"])
    for tasks in sorted({s.tasks for s in report.sizes}):
        same = sorted((s for s in report.sizes if s.tasks == tasks), key=lambda s: s.plans)
        if len(same) >= 2:  # the same tasks over more plans: the cost of a page must not grow
            few, many = same[0], same[-1]
            growth = many.cpu_ms_per_page / few.cpu_ms_per_page - 1
            add(f"CPU time per page growth, N={tasks}: {few.plans} → {many.plans} plans", f"≤ {TARGETS['growth']:.0%}",
                f"{growth:+.1%}", growth <= TARGETS["growth"])
    if report.sizes:
        large = max(report.sizes, key=lambda s: (s.tasks, -s.plans))
        add(f"Peak RSS at N={large.tasks}", f"≤ {TARGETS['peak_rss_mb']} MB", f"{large.data.peak_rss_mb:.0f} MB",
            large.data.peak_rss_mb <= TARGETS["peak_rss_mb"])
        records = sum(large.records.values())
        add(f"Validation (scripts.check, whole process) at N={large.tasks} ({records} records), CPU; wall",
            f"≤ {TARGETS['check_seconds']:.0f} s", f"{large.check_cpu_seconds:.2f} s; {large.check_seconds:.2f} s",
            large.check_cpu_seconds <= TARGETS["check_seconds"])
    if report.serve is not None:
        seconds = report.serve["seconds"]
        add("One-line YAML change visible under serve", f"≤ {TARGETS['serve_seconds']:.0f} s",
            "not shown" if seconds is None else f"{seconds:.2f} s",
            seconds is not None and seconds <= TARGETS["serve_seconds"])
    return targets


def _plans(size: SizeFigures) -> str:
    return "" if size.plans == 1 else f", {size.plans} plans"


def markdown(report: Report, command: str) -> str:
    m = report.machine
    out = [f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory']} memory; Python {m['python']}, "
           f"MkDocs {m['mkdocs']}, Material {m['mkdocs-material']}. Medians of {report.runs} run(s).",
           f"Command: `{command}`", "",
           "| N tasks | plans | records | pages | a: data-driven, wall (CPU) s | b: plain Markdown, wall (CPU) s "
           "| a/b wall (CPU) | CPU ms per page (a) | peak RSS a / b (MB) | HTML bytes (a) "
           "| HTML bytes per page a / b | search index (bytes) | check wall (CPU) s | same pages | load avg |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for s in report.sizes:
        out.append(
            f"| {s.tasks:,} | {s.plans} | {sum(v for k, v in s.records.items() if k != 'plans'):,} | {s.data.pages:,} "
            f"| {s.data.seconds:.2f} ({s.data.cpu_seconds:.2f}) | {s.floor.seconds:.2f} ({s.floor.cpu_seconds:.2f}) "
            f"| {s.ratio:.3f} ({s.cpu_ratio:.3f}) | {s.cpu_ms_per_page:.2f} "
            f"| {s.data.peak_rss_mb:.0f} / {s.floor.peak_rss_mb:.0f} | {s.data.html_bytes:,} "
            f"| {s.data.html_bytes_per_page:,} / {s.floor.html_bytes_per_page:,} | {s.data.search_index_bytes:,} "
            f"| {s.check_seconds:.2f} ({s.check_cpu_seconds:.2f}) | {'yes' if s.same_pages else '**no**'} "
            f"| {' '.join(str(x) for x in s.load_average)} |")
    if report.serve:
        shown = ", ".join("—" if x is None else f"{x:.2f}" for x in report.serve["all_seconds"])
        out += ["", f"`mkdocs serve`, one-line change to `{report.serve.get('file', 'content/tasks.yml')}` (real content), visible on "
                    f"{report.serve['page']} after: {shown} s."]
    out += ["", "| Target | Goal | Measured | Met |", "|---|---|---|---|"]
    for t in report.targets:
        out.append(f"| {t['what']} | {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |")
    if report.profile:
        p = report.profile
        out += ["", f"Profile of one data-driven build at N={max(s.tasks for s in report.sizes)} (cProfile, "
                    f"{p['build_seconds']} s under the profiler); hooks take {p['hooks_share']:.1%}: "
                    + ", ".join(f"{k} {v:.2f} s" for k, v in p["hooks_seconds"].items()) + ".", "",
                "| Pipeline function (cumulative) | calls | cumulative s |", "|---|---:|---:|"]
        out += [f"| `{r['function']}` | {r['calls']:,} | {r['cumtime']:.2f} |" for r in p["top_in_pipeline"][:10]]
        out += ["", "| Whole build, own time | calls | own s |", "|---|---:|---:|"]
        out += [f"| `{r['function']}` | {r['calls']:,} | {r['tottime']:.2f} |" for r in p["top_overall"][:10]]
    return "\n".join(out) + "\n"


def load_report(path: Path) -> Report:
    """A report saved with --json, to tabulate again without building anything."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    sizes = [SizeFigures(**{**s, "data": BuildFigures(**s["data"]), "floor": BuildFigures(**s["floor"]),
                            "load_average": tuple(s["load_average"])}) for s in raw["sizes"]]
    return Report(machine=raw["machine"], runs=raw["runs"], sizes=sizes, serve=raw["serve"], profile=raw["profile"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of tasks")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (medians are reported)")
    parser.add_argument("--plans", default="1", help="comma-separated numbers of full-text plans to spread the tasks over")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed after)")
    parser.add_argument("--json", type=Path, help="also write the full report as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown tables here")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile build at the largest N")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` measurement")
    parser.add_argument("--from-json", type=Path, help="tabulate a report saved with --json; build nothing")
    args = parser.parse_args(argv)
    if args.from_json:
        report = load_report(args.from_json)
        report.targets = judge(report)
        print(markdown(report, f"python -m scripts.bench --runs {report.runs} (tabulated with --from-json)"))
        return 0
    sizes = sorted(int(n) for n in args.sizes.split(","))
    plan_counts = sorted(int(n) for n in args.plans.split(","))
    command = "python -m scripts.bench " + " ".join(argv if argv is not None else sys.argv[1:])

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    work = args.work or Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = Report(machine=machine(), runs=args.runs)
    try:
        for tasks in sizes:
            for plans in plan_counts:
                say(f"N={tasks}, {plans} plan(s): synthesising and building ({args.runs} run(s) each)…")
                report.sizes.append(measure_size(tasks, args.runs, work, say, plans))
        if not args.no_serve:
            say("mkdocs serve: timing a one-line change…")
            report.serve = measure_serve(args.runs, work)
        if not args.no_profile and sizes:
            say(f"Profiling the data-driven build at N={sizes[-1]}…")
            report.profile = profile_build(size_folder(work, sizes[-1], plan_counts[0]) / "data", work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report.targets = judge(report)
    text = markdown(report, command.strip())
    print(text)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
