"""The benchmark and its synthetic content keep working: tiny N, one run, no timing asserted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plansite.content import load_site
from plansite.errors import ContentError
from scripts import bench, synth


def test_synthetic_content_is_valid_scaled_and_repeatable(tmp_path: Path):
    counts = synth.synthesize(60, tmp_path / "a", seed=7)
    synth.synthesize(60, tmp_path / "b", seed=7)
    real = load_site(synth.ROOT / "content", synth.ROOT).site
    site = load_site(tmp_path / "a" / "content", tmp_path / "a").site
    assert counts["tasks"] == sum(len(plan.tasks) for plan in site.plans) == 60
    assert len(site.plans) == len(real.plans) and len(site.main_plan.tasks) == 60
    # every synthetic task has a duty in section IV, so task pages are as full as the real ones
    real_tasks = {task.record.id for task in real.main_plan.tasks}
    synthetic = [task for task in site.main_plan.tasks if task.record.id not in real_tasks]
    assert synthetic and all(task.related_duties for task in synthetic)
    assert counts["agencies"] > len(real.agencies) and counts["references"] > len(real.references)
    assert counts["deliverables"] > len(real.main_plan.deliverables)
    files = sorted(path.relative_to(tmp_path / "a") for path in (tmp_path / "a" / "content").rglob("*.yml"))
    assert files
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path
    for part in synth.PROJECT_PARTS:
        assert (tmp_path / "a" / part).exists(), part


def test_synthetic_tasks_spread_over_plans(tmp_path: Path):
    real = load_site(synth.ROOT / "content", synth.ROOT).site
    per_plan = len(real.main_plan.tasks) + 3
    counts = synth.synthesize(per_plan * 4, tmp_path / "p", seed=7, plans=4)
    site = load_site(tmp_path / "p" / "content", tmp_path / "p").site
    full = [plan for plan in site.plans if plan.full_text]
    assert len(full) == len([p for p in real.plans if p.full_text]) + 3
    assert [p for p in full if p.record.main] == [site.main_plan]
    assert counts["tasks"] == sum(len(plan.tasks) for plan in site.plans) == per_plan * 4
    assert sorted(len(plan.tasks) for plan in full)[-4:] == [per_plan] * 4
    for plan in full:
        assert plan.sections and plan.deliverables
    with pytest.raises(ValueError):
        synth.synthesize(per_plan, tmp_path / "few", plans=4)


def test_synth_reports_content_that_load_site_rejects(tmp_path: Path, monkeypatch, capsys):
    def broken(data: dict, ctx: synth.Context) -> None:
        synth.scale_glossary(data, ctx)
        data["terms"][-1]["cites"] = ["van-ban-khong-co"]

    monkeypatch.setitem(synth.SCALERS, "glossary", broken)
    with pytest.raises(ContentError):
        synth.synthesize(10, tmp_path / "bad")
    assert synth.main(["--tasks", "10", "--out", str(tmp_path / "bad")]) == 1
    error = capsys.readouterr().err
    assert "van-ban-khong-co" in error and "[E-REF]" in error


def test_bench_at_a_tiny_size_reports_every_figure(tmp_path: Path):
    report_file, table_file = tmp_path / "report.json", tmp_path / "report.md"
    code = bench.main(["--sizes", "8", "--runs", "1", "--work", str(tmp_path / "work"),
                       "--json", str(report_file), "--markdown", str(table_file)])
    assert code == 0
    report = json.loads(report_file.read_text(encoding="utf-8"))

    assert report["runs"] == 1 and report["machine"]["cores"]
    [size] = report["sizes"]
    assert size["tasks"] == 8 and size["records"]["tasks"] == 8 and size["plans"] == 1
    assert size["downloads"] > 0  # the floor publishes the same feeds and open data as static files
    # both builds made exactly the same pages: the floor is the same site without hooks
    assert size["same_pages"], (size["only_in_data"], size["only_in_floor"])
    assert size["data"]["pages"] == size["floor"]["pages"] > 8
    # and the same HTML, to the byte: the same nav, glossary tooltips and pages (no edit links in either)
    assert size["data"]["html_bytes"] == size["floor"]["html_bytes"]
    for build in (size["data"], size["floor"]):
        assert len(build["all_seconds"]) == 1
        assert build["html_bytes"] > 0 and build["search_index_bytes"] > 0 and build["peak_rss_mb"] > 0
    assert size["check_seconds"] > 0

    # the one-line YAML change showed up on the served page
    assert report["serve"]["page"].startswith("/") and report["serve"]["file"].endswith("tasks.yml")
    assert report["serve"]["all_seconds"][0] is not None

    profile = report["profile"]
    assert set(profile["hooks_seconds"]) >= {"on_config", "on_files"}
    assert any("plansite/build.py" in row["function"] for row in profile["top_in_pipeline"])

    goals = {target["what"] for target in report["targets"]}
    assert {"Ratio a/b at N=8 (CPU time; wall clock)", "Peak RSS at N=8",
            "One-line YAML change visible under serve"} <= goals
    table = table_file.read_text(encoding="utf-8")
    assert "| N tasks |" in table and "| Target |" in table and "python -m scripts.bench" in table


def test_a_saved_report_tabulates_again(tmp_path: Path, capsys):
    saved = tmp_path / "report.json"
    assert bench.main(["--sizes", "8", "--runs", "1", "--no-serve", "--no-profile", "--json", str(saved)]) == 0
    first = capsys.readouterr().out
    assert bench.main(["--from-json", str(saved)]) == 0
    again = capsys.readouterr().out
    row = next(line for line in first.splitlines() if line.startswith("| 8 |"))
    assert row in again.splitlines()


def test_floor_config_keeps_theme_and_plugins_but_no_hooks():
    config = (synth.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    floor = bench.without_keys(config, {"hooks", "watch"})
    assert "hooks:" in config and "  - hooks/plansite_hooks.py" in config
    assert not re.search(r"^(hooks|watch):", floor, re.MULTILINE) and "  - hooks/plansite_hooks.py" not in floor
    for kept in ("theme:", "plugins:", "markdown_extensions:", "nav:"):
        assert kept in floor, kept


def test_floor_config_gets_the_glossary_the_hook_would_give_abbr():
    config = (synth.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    floor = bench.with_abbr_glossary(config, {"BVMT": "bảo vệ môi trường", 'Đ"K': "điều: khoản"})
    assert '  - abbr:\n      glossary:\n        "BVMT": "bảo vệ môi trường"\n' in floor
    assert '"Đ\\"K": "điều: khoản"' in floor
    assert floor.replace(floor[floor.index("  - abbr:"):floor.index("  - admonition")], "  - abbr\n") == config


def _size(tasks: int, plans: int, cpu_ms_per_page: float) -> bench.SizeFigures:
    build = bench.BuildFigures(seconds=1.0, all_seconds=[1.0], cpu_seconds=1.0, peak_rss_mb=100.0, pages=10,
                               html_bytes=1000, html_bytes_per_page=100, search_index_bytes=10)
    return bench.SizeFigures(tasks=tasks, records={"tasks": tasks}, data=build, floor=build, ratio=1.0, cpu_ratio=1.0,
                             cpu_ms_per_page=cpu_ms_per_page, check_seconds=0.1, check_cpu_seconds=0.1,
                             same_pages=True, only_in_data=[], only_in_floor=[], load_average=(0.0, 0.0, 0.0),
                             plans=plans)


def test_per_page_cost_over_more_plans_is_judged_against_one_plan():
    report = bench.Report(machine={}, runs=1, sizes=[_size(100, 1, 10.0), _size(100, 10, 10.5),
                                                     _size(1000, 1, 10.0), _size(1000, 10, 12.0)])
    targets = {t["what"]: t for t in bench.judge(report)}
    assert targets["CPU time per page growth, N=100: 1 → 10 plans"]["met"]
    assert not targets["CPU time per page growth, N=1000: 1 → 10 plans"]["met"]
    # growth with N compares the one-plan builds only
    assert targets["CPU time per page growth, N=100 → 1000"]["value"] == "+0.0%"
    assert "Ratio a/b at N=1000, 10 plans (CPU time; wall clock)" in targets
