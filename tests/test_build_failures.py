"""Broken content stops the build with a located message, and never replaces a good site."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_mkdocs


def test_broken_yaml_fails_the_build_naming_file_and_line(project, tmp_path):
    tasks = project / "content" / "plans" / "2024" / "tasks.yml"
    lines = tasks.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("short_title:"))
    lines[index] = lines[index].replace("short_title:", "short_title: [chưa đóng ngoặc")
    tasks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"content/plans/2024/tasks.yml:{index + 2}:" in result.stderr or f"content/plans/2024/tasks.yml:{index + 1}:" in result.stderr
    assert "[E-YAML]" in result.stderr


def test_failed_build_leaves_previous_site_untouched(project, tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "scripts.build", "--quiet", "--site-dir", str(site),
               "--config-file", str(project / "mkdocs.yml")]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    agencies = project / "content" / "agencies.yml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("id: so-tai-chinh\n", "id: so-tai-chinh\n    tittle: x\n"),
                        encoding="utf-8")
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert second.returncode != 0
    assert "[E-FIELD-UNKNOWN]" in second.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]
