"""The pipeline's modules import one way only: each may import those below it in PIPELINE, never
one above it or beside it. Read from the source with `ast`; nothing is imported or run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plansite"

# The pipeline, bottom first. Modules on one line stand side by side and may not import each other.
PIPELINE: list[tuple[str, ...]] = [
    ("errors", "folding", "vocab", "periods", "textfmt", "gc_tuning", "history", "search_bundle", "claims",
     "drawing", "plaintext",
     "table_layout", "today"),  # leaves
    ("loader", "names", "cards", "vn_numbers"),  # vn_numbers: numbers as people type them (reads textfmt)  # names: the one name matcher for documents and bodies; cards: drawn from plain text
    ("schema_types",),
    ("schema_bodies", "schema_plans", "schema_guidance", "schema_selfchecks", "schema_allowed"),  # one file per content family
    ("schema",),  # gathers them
    ("schema_errors", "selfcheck"),  # the self-checks' rules: from the schema's data, checked with the content
    ("selfcheck_lint",),  # a check checked before it ships, walked with the engine
    ("references",),
    ("glossary",),
    ("model",),
    ("content",),
    ("routes", "pending", "changes"),  # pending: unverified claims, for the staff page
    ("spreadsheet",),  # the open data's Excel workbook
    ("pages",),
    ("render",),
    ("feeds", "opendata", "plan_reader", "seo", "atom", "poster"),  # plan_reader: .docx and .md plans as paragraphs and tables
    ("plan_parse",),  # the parts of the administrative form in those blocks
    ("plan_records",),  # the parsed plan as a plan folder's records, linked to the content
    ("build", "search", "plan_import"),  # plan_import: `make import`, writes the plan folder and the report
    ("audit",),  # the review queue reads a whole build
]
LEVEL = {module: level for level, modules in enumerate(PIPELINE) for module in modules}


def imported_modules(source: str, package: str = "plansite") -> set[str]:
    """The modules of `package` that `source` imports, at any depth (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == package and len(parts) > 1:
                    found.add(parts[1])
        elif isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".") if node.module else []
            if node.level:  # relative: "from . import x", "from .x import y"
                parts = [package, *parts]
            if not parts or parts[0] != package:
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:  # "from plansite import routes, vocab": each name is a module
                found.update(alias.name for alias in node.names)
    return found


def violations(sources: dict[str, str]) -> list[str]:
    """Every import of a module that does not stand below the importer, and every undeclared module."""
    problems = []
    for module, source in sorted(sources.items()):
        if module not in LEVEL:
            problems.append(f"plansite/{module}.py is not in PIPELINE: declare where it stands")
            continue
        for target in sorted(imported_modules(source)):
            if target not in LEVEL:
                problems.append(f"{module} imports {target}, which is not in PIPELINE")
            elif LEVEL[target] >= LEVEL[module]:
                where = "beside" if LEVEL[target] == LEVEL[module] else "above"
                problems.append(f"{module} imports {target}, which stands {where} it")
    return problems


def package_sources() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.glob("*.py"))
            if path.stem != "__init__"}


def test_plansite_imports_only_downwards():
    assert violations(package_sources()) == []


def test_every_declared_module_exists():
    assert set(LEVEL) <= set(package_sources()), set(LEVEL) - set(package_sources())
    assert len(LEVEL) == sum(len(modules) for modules in PIPELINE), "a module is declared twice"


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("model", "from plansite.content import load_site\n", "model imports content, which stands above it"),
    ("model", "import plansite.render\n", "model imports render, which stands above it"),
    ("model", "def f():\n    from plansite import pages\n", "model imports pages, which stands above it"),
    ("model", "from . import build\n", "model imports build, which stands above it"),
    ("feeds", "from plansite.opendata import open_data\n", "feeds imports opendata, which stands beside it"),
    ("loader", "from .schema import Record\n", "loader imports schema, which stands above it"),
    ("newthing", "", "plansite/newthing.py is not in PIPELINE: declare where it stands"),
])
def test_an_upward_import_is_reported(module, source, expected):
    assert violations({module: source}) == [expected]


def test_downward_and_outside_imports_pass():
    source = ("import json\nfrom pydantic import BaseModel\nfrom plansite import routes, vocab\n"
              "from plansite.model import Site\nimport plansite.errors\n")
    assert imported_modules(source) == {"routes", "vocab", "model", "errors"}
    assert violations({"render": source}) == []
