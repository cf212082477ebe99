"""The template environment: compiled templates are cached between builds, never served stale."""

from __future__ import annotations

from plansite.render import make_environment


def test_an_edited_template_shows_at_the_next_build_despite_the_compile_cache(tmp_path):
    template = tmp_path / "page.md.j2"
    template.write_text("Trước {{ value }}\n", encoding="utf-8")
    assert make_environment(tmp_path).get_template("page.md.j2").render(value="x") == "Trước x\n"
    template.write_text("Sau {{ value }}\n", encoding="utf-8")
    assert make_environment(tmp_path).get_template("page.md.j2").render(value="x") == "Sau x\n"
