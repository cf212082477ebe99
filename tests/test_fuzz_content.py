"""Whatever an editor types, the pipeline answers with ContentError or a site: never a crash.

Hypothesis mutates the fixture content (values, keys, list items, raw text and bytes) and
writes random YAML in place of a content file. `load_site` must either accept the result
or raise ContentError; accepted content must also render to Markdown without an error,
because a traceback in the build would take the site down just the same.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CONTENT
from plansite.content import PLAN_TYPES, SHARED_TYPES, load_site
from plansite.errors import ContentError
from plansite.pages import plan_pages
from plansite.render import make_environment, render_pages

# Every shared file, the full-text plan's files and a summary plan's record
FILES = [ct.path for ct in SHARED_TYPES] + [ct.where("2024") for ct in PLAN_TYPES] + ["plans/kh-362-2025/plan.yml"]
ORIGINAL = {name: (FIXTURE_CONTENT / name).read_bytes() for name in FILES}
DATA = {name: yaml.safe_load(ORIGINAL[name]) for name in FILES}
ENV = make_environment()
# Modest by default (two shared cores); FUZZ_EXAMPLES=2000 for a deeper run.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")), deadline=None)


def _ids() -> list[str]:
    ids = []
    for data in DATA.values():
        for value in data.values() if isinstance(data, dict) else []:
            ids += [item["id"] for item in value if isinstance(item, dict) and "id" in item] if isinstance(value, list) else []
    return ids


# Values an editor might plausibly type, and some no one would.
plausible = st.sampled_from(
    _ids() + ["", " ", "31/02/2024", "08/9/2020", "2020-13-45", "Quý V/2024", "Quý IV-II/2024", "Năm 2024",
              "<script>alert(1)</script>", "null", "~", "-1", "1.5", "yes", "0x1F", "1:20", "&a", "*a", "!!int x"]
)
scalars = st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=20) | plausible
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10) | plausible, inner, max_size=3),
    max_leaves=8,
)


def _paths(node, path=()):
    """Every (path, value) in a YAML document, containers included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@st.composite
def mutated_document(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    data = yaml.safe_load(ORIGINAL[name])  # a fresh copy to mutate
    paths = [p for p, _ in _paths(data) if p]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            key = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "duplicate", "rename", "add"]))
            if action == "replace":
                parent[key] = draw(values)
            elif action == "delete":
                del parent[key]
            elif action == "duplicate" and isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))  # a copy, or YAML would write an alias
            elif action == "rename" and isinstance(parent, dict):
                parent[draw(st.text(max_size=10) | plausible)] = parent.pop(key)
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.text(max_size=10) | plausible)] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@st.composite
def edited_text(draw) -> tuple[str, bytes]:
    """Keystrokes in the web editor: insert, delete or repeat text anywhere in the file."""
    name = draw(st.sampled_from(FILES))
    raw = ORIGINAL[name]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "bytes", "line"]))
        if action == "insert":
            raw = raw[:at] + draw(st.text(max_size=8) | plausible).encode("utf-8") + raw[at:]
        elif action == "delete":
            raw = raw[:at] + raw[at + draw(st.integers(1, 40)):]
        elif action == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
        else:
            lines = raw.split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[draw(st.integers(0, len(lines) - 1))])
            raw = b"\n".join(lines)
    return name, raw


random_yaml = st.tuples(
    st.sampled_from(FILES),
    values.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8")) | st.binary(max_size=200),
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    return root


def _accepts_or_explains(workspace: Path, name: str, raw: bytes) -> None:
    path = workspace / "content" / name
    path.write_bytes(raw)
    try:
        loaded = load_site(workspace / "content", workspace)
    except ContentError as exc:
        assert exc.errors, "ContentError must carry at least one error"
        assert all(p.file.startswith("content/") and p.line >= 1 and p.column >= 1 for p in exc.problems)
        str(exc)  # the report itself must format
        return
    finally:
        path.write_bytes(ORIGINAL[name])
    render_pages(loaded.site, plan_pages(loaded.site), ENV)


@FUZZ
@given(mutated_document())
def test_mutated_content_is_accepted_or_explained(workspace, case):
    _accepts_or_explains(workspace, *case)


@FUZZ
@given(edited_text())
def test_text_edits_are_accepted_or_explained(workspace, case):
    _accepts_or_explains(workspace, *case)


@FUZZ
@given(random_yaml)
def test_random_yaml_in_place_of_a_content_file_is_explained(workspace, case):
    _accepts_or_explains(workspace, *case)
