"""The published schema, CONTRIBUTING.md and editor settings match the models and the content."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT
from plansite.content import CONTENT_TYPES
from plansite.loader import load_file
from scripts import gen_schema


def test_committed_generated_files_are_exactly_what_make_schema_writes(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scripts.gen_schema", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    generated = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert generated == sorted([*(f"content/schema/{ct.name}.schema.json" for ct in CONTENT_TYPES),
                                "CONTRIBUTING.md", ".vscode/settings.json"])
    stale = [name for name in generated
             if not (ROOT / name).exists() or (ROOT / name).read_bytes() != (tmp_path / name).read_bytes()]
    assert not stale, f"run `make schema` and commit: {stale}"


def test_schema_folder_holds_no_schema_of_a_removed_content_type():
    expected = {f"{ct.name}.schema.json" for ct in CONTENT_TYPES}
    assert {p.name for p in (ROOT / "content" / "schema").iterdir()} == expected


def _real_files(content_type) -> list:
    """The real content files of a type: one shared file, or that file in every plan folder."""
    if not content_type.in_plan:
        return [ROOT / "content" / content_type.path]
    return sorted((ROOT / "content" / "plans").glob(f"*/{content_type.path}"))


@pytest.mark.parametrize("path", [path for ct in CONTENT_TYPES for path in _real_files(ct)],
                         ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_each_content_file_starts_with_the_line_that_names_its_schema(path):
    content_type = next(ct for ct in CONTENT_TYPES if ct.path == path.name or
                        (not ct.in_plan and (ROOT / "content" / ct.path) == path))
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == gen_schema.modeline(content_type)
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_file = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
    assert schema_file == (ROOT / "content" / "schema" / f"{content_type.name}.schema.json").resolve()
    assert schema_file.is_file()


def _validator(content_type) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / gen_schema.schema_path(content_type)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    # draft 7 is what the YAML extension of VS Code fully supports; it warns on newer drafts
    assert cls is jsonschema.Draft7Validator and "$defs" not in schema
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda ct: ct.name)
def test_the_published_schema_accepts_the_real_content(content_type):
    """Otherwise VS Code would underline correct text and staff would learn to ignore it."""
    for path in _real_files(content_type):
        loaded = load_file(path, path.name)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(content_type).iter_errors(loaded.data)]
        assert errors == [], path


def test_the_published_schema_underlines_the_usual_mistakes():
    tasks = next(ct for ct in CONTENT_TYPES if ct.name == "tasks")
    references = next(ct for ct in CONTENT_TYPES if ct.name == "references")

    def errors(content_type, data) -> set[str]:
        return {e.validator for e in _validator(content_type).iter_errors(data)}

    task = {"id": "tuyen-truyen", "number": 1, "short_title": "Tuyên truyền", "text": "Nội dung."}
    assert errors(tasks, {"tasks": [task]}) == set()
    assert errors(tasks, {"tasks": [{**task, "tittle": "x"}]}) == {"additionalProperties"}
    assert errors(tasks, {"tasks": [{**task, "id": "Tuyên Truyền"}]}) == {"pattern"}
    assert errors(tasks, {"tasks": [{**task, "period": "Quý V/2024"}]}) == {"anyOf"}
    assert errors(tasks, {"tasks": [{k: v for k, v in task.items() if k != "text"}]}) == {"required"}
    reference = {"id": "luat-bvmt-2020", "kind": "luat"}
    assert errors(references, {"references": [{**reference, "date": "2020-11-17"}]}) == {"anyOf"}
    assert errors(references, {"references": [{**reference, "kind": "luật"}]}) == {"enum"}
    obligations = next(ct for ct in CONTENT_TYPES if ct.name == "obligations")
    rule = {"id": "x", "topic": "t", "title": "T", "who": "Ai", "requires": "Gì", "starts": "01/01/2027",
            "sources": [{"ref": "nd-08-2022"}], "verified": False, "reviewed": "30/11/2026"}
    assert errors(obligations, {"obligations": [rule]}) == set()
    assert errors(obligations, {"obligations": [{**rule, "yearly_due": "31/01/2027"}]}) == {"anyOf"}


def test_editor_settings_associate_every_content_file_with_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {f"./content/schema/{ct.name}.schema.json": f"content/{ct.where('*')}"
                                        for ct in CONTENT_TYPES}
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_documents_every_field_of_every_content_type():
    for content_type in CONTENT_TYPES:
        for section in gen_schema.field_reference(content_type):
            for row in section.fields:
                assert row.description, f"{content_type.name} {section.path}.{row.name} has no description"
                line = f"| `{row.name}` | {row.kind} | {'có' if row.required else 'không'} |"
                assert line in CONTRIBUTING, line


def test_contributing_explains_every_error_code_the_checks_can_give():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "plansite").glob("*.py"))
    emitted = set(re.findall(r'"([EW]-[A-Z]+(?:-[A-Z]+)*)"', source))
    documented = set(re.findall(r"^\| `([EW]-[A-Z-]+)` \|", CONTRIBUTING, re.MULTILINE))
    assert emitted == documented


def test_contributing_covers_the_three_things_an_editor_needs():
    for heading in ("## Sửa một nhiệm vụ hoặc một văn bản trên GitHub", "## Đọc lỗi kiểm tra",
                    "## Xem trước trên máy: `make serve`", "## Thêm một quy định có ngày áp dụng",
                    "## Thêm một kế hoạch (ví dụ kế hoạch năm 2025)"):
        assert heading in CONTRIBUTING
