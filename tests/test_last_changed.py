"""Each page says when its content last changed, from the git history of its source file."""

from __future__ import annotations


from conftest import run_mkdocs, with_history
from htmltools import page_for

LABEL = "Cập nhật lần cuối:"


def test_each_page_shows_the_date_its_own_source_last_changed(project, tmp_path):
    with_history(project)

    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert f"{LABEL} 28/11/2024" in page_for(site, "/nhiem-vu/tuyen-truyen/").text  # plans/2024/tasks.yml changed
    assert f"{LABEL} 28/11/2024" in page_for(site, "/nhiem-vu/").text
    assert f"{LABEL} 05/3/2024" in page_for(site, "/don-vi/so-cong-thuong/").text  # agencies.yml did not
    assert f"{LABEL} 05/3/2024" in page_for(site, "/gioi-thieu/").text  # a hand-written page, from docs/
    html = (site / "nhiem-vu" / "tuyen-truyen" / "index.html").read_text(encoding="utf-8")
    assert f'{LABEL} <time datetime="2024-11-28">28/11/2024</time>' in html


def test_outside_a_git_checkout_pages_build_without_a_date_and_without_a_warning(project, tmp_path):
    # keep git from finding a repository above the copy (TMPDIR might sit inside one)
    env = {"GIT_CEILING_DIRECTORIES": str(project.parent)}
    result = run_mkdocs(project, tmp_path / "site", env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "fatal" not in result.stderr and "not a git" not in result.stderr
    for url in ("/", "/nhiem-vu/tuyen-truyen/", "/don-vi/so-cong-thuong/", "/gioi-thieu/"):
        page = page_for(tmp_path / "site", url)
        assert LABEL not in page.text
        assert page.article  # the page itself is whole
