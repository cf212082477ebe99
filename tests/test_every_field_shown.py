"""Nothing lost: every value in content/ shows up on some page of the built site.

The test walks every field of every content type (from the CONTENT_TYPES registry and the
models, not from a list kept here), so a field added to the schema and forgotten by the
templates fails it. A record with its own page must show its values on that page; ids must
be links to the record they name. Exceptions are declared below, each with its reason, and
fields the real content leaves empty are given made-up values (FILL) in a second build.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import typing
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from pydantic import BaseModel

from conftest import ROOT, copy_project, run_mkdocs
from htmltools import Page, normalise
from plansite import schema
from plansite.content import CONTENT_TYPES, load_site
from plansite.loader import load_file
from plansite.model import Site
from plansite.periods import Period
from plansite.references import REFERENCE_RULES
from plansite.textfmt import quantity, vn_date, vn_number

LOADED = load_site(ROOT / "content").site

# (model, field) -> why its value is not looked for as text on a page
NOT_SHOWN_AS_TEXT: dict[tuple[str, str], str] = {
    ("*", "id"): "a record's id is its page address and the target of links, not text",
    ("LegalReference", "verified_articles"): "bookkeeping for the [E-UNVERIFIED] rule (which articles a verified "
                                             "guidance item may cite); the cited articles show on guidance pages",
    ("SelfCheckExample", "answers"): "the form's question keys and choice codes; the table of worked examples shows "
                                     "them as the choices' labels and the numbers as understood",
    ("SelfCheckExample", "expect"): "outcome ids; the table of worked examples links each example to its outcomes "
                                    "(tests/test_guidance.py checks every row)",
}
# (model, field) -> the page an id (not a record id) stands for: it must be linked from the record's page.
LINKED_PAGES = {
    ("Topic", "selfcheck"): Site.selfcheck_page,
    ("BusinessKind", "selfchecks"): Site.selfcheck_page,
}
# (model, field) of ids shown the other way round: the target's page links back to the record.
SHOWN_ON_TARGET: dict[tuple[str, str], str] = {
    ("Duty", "partners"): "the partner's page lists the duty under 'Được nêu trong nhiệm vụ của đơn vị khác'",
}
# Fields the real content leaves empty today, given made-up values in a copy of the project so
# that their rendering is proved too. (Test data only: never published.)
_REFS = [r.id for r in LOADED.references]
FILL: list[tuple[str, tuple, object]] = [
    ("plan.yml", ("status",), "ban-hanh"),
    ("plan.yml", ("number",), "999"),
    ("plan.yml", ("date",), "15/01/2024"),
    ("tasks.yml", ("tasks", 0, "period"), "Quý III/2024"),
    ("references.yml", ("references", 0, "replaced_by"), _REFS[1]),
    ("references.yml", ("references", 0, "status"), "bi-thay-the"),  # as a replaced document must say
    ("glossary.yml", ("terms", 0, "cites"), [_REFS[0]]),
]

# Record pages, by collection: where a link to a record's id must lead.
PAGE_OF = {
    "tasks": lambda record_id: LOADED.task_page(LOADED.task[record_id]),
    "agencies": lambda record_id: LOADED.agency_page(LOADED.agency[record_id]),
    "references": lambda record_id: LOADED.reference_page(LOADED.reference[record_id]),
}


def _vocabulary(values: tuple) -> dict[str, str]:
    """The labels of a fixed set of values (AGENCY_KINDS…), found among schema's vocabularies.

    Without one, the raw code is what must show, which a reader cannot use: the test fails.
    """
    for name in dir(schema):
        table = getattr(schema, name)
        if isinstance(table, dict) and set(table) == set(values):
            return table
    return {value: f"<a label for the code {value!r} in plansite/schema.py>" for value in values}


def _reference_targets() -> dict[tuple[str, tuple], str]:
    """(content type, field path without list indexes) -> target collection, from the reference rules."""
    return {(source, tuple(step for step in pattern if step != "*")): target
            for source, pattern, target, _ in REFERENCE_RULES}


REFERENCE_TARGETS = _reference_targets()


def _values(content_type: str, model: BaseModel, path: tuple = (), page: str | None = None):
    """Yield (field path, model name, field name, annotation, value, page) for every populated leaf.

    `page` is the record's own page (as 'don-vi/x/index.html') when it has one: its values
    must be shown there, not merely somewhere.
    """
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        field_path = (*path, name)
        if value is None or value == [] or value == "":
            continue
        items = value if isinstance(value, list) else [value]
        if all(isinstance(item, BaseModel) for item in items):
            for item in items:
                own = page
                if not path and content_type in PAGE_OF and isinstance(getattr(item, "id", None), str):
                    own = PAGE_OF[content_type](item.id).removesuffix(".md") + "/index.html"
                yield from _values(content_type, item, field_path, own)
        else:
            yield field_path, type(model).__name__, name, info.annotation, value, page


def _literal_args(annotation) -> tuple | None:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return args
    for arg in args:
        found = _literal_args(arg)
        if found:
            return found
    return None


def _expected_texts(annotation, value) -> list[str]:
    """What a reader sees for a value; one of them must be on a page."""
    literal = _literal_args(annotation)
    if literal:
        return [_vocabulary(literal)[value]]
    if isinstance(value, Period):
        return [value.text]
    if isinstance(value, dt.date):
        return [vn_date(value)]
    if isinstance(value, bool):
        return ["có" if value else "không"]
    if isinstance(value, int):
        return [str(value), quantity(value)]
    if isinstance(value, float):
        return [vn_number(value)]
    return [normalise(str(value).replace("~", ""))]


@pytest.fixture(scope="module")
def filled_project(tmp_path_factory):
    """A copy of the project with FILL applied, and its site built with --strict."""
    project = copy_project(tmp_path_factory.mktemp("filled") / "project")
    for name in {name for name, _, _ in FILL}:
        path = project / "content" / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for _, steps, value in (f for f in FILL if f[0] == name):
            node = data
            for step in steps[:-1]:
                node = node[step]
            node[steps[-1]] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module", params=["real", "filled"])
def variant(request, built_site):
    """(content folder, built site) of the real project, then of the filled copy."""
    if request.param == "real":
        return ROOT / "content", built_site
    project = request.getfixturevalue("filled_project")
    return project / "content", project / "site"


@pytest.fixture(scope="module")
def shown(variant):
    """All article text of the site, and every page a link points at (as 'nhiem-vu/x/index.html')."""
    content_dir, site = variant
    pages = {path.relative_to(site).as_posix(): Page(path) for path in site.rglob("*.html")}
    texts = {name: page.article for name, page in pages.items()}
    texts[None] = "\n".join(texts.values())
    targets: dict[str | None, set[str]] = {None: set()}
    for name, page in pages.items():
        targets[name] = set()
        for tag, href in page.links:
            if tag != "a" or urlsplit(href).scheme:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(urlsplit(href).path)))
            target = target.rstrip("/") + "/index.html" if not target.endswith(".html") else target
            targets[name].add(target)
            targets[None].add(target)
    return content_dir, texts, targets


def _file_model(content_type, content_dir=ROOT / "content") -> BaseModel:
    return content_type.model.model_validate(load_file(content_dir / content_type.path, content_type.path).data)


def _missing(content_type, content_dir, texts, link_targets) -> list[str]:
    missing = []
    model = _file_model(content_type, content_dir)
    for path, owner, name, annotation, value, page in _values(content_type.name, model):
        where = page or "any page"
        if ("*", name) in NOT_SHOWN_AS_TEXT or (owner, name) in NOT_SHOWN_AS_TEXT:
            continue
        if (owner, name) in LINKED_PAGES:
            for linked_id in value if isinstance(value, list) else [value]:
                target_page = LINKED_PAGES[owner, name](linked_id).removesuffix(".md") + "/index.html"
                if target_page not in link_targets[page]:
                    missing.append(f"{'.'.join(path)} = {linked_id}: {where} has no link to {target_page}")
            continue
        target = REFERENCE_TARGETS.get((content_type.name, path))
        if target:
            for record_id in value if isinstance(value, list) else [value]:
                if target in PAGE_OF:
                    target_page = PAGE_OF[target](record_id).removesuffix(".md") + "/index.html"
                    if (owner, name) in SHOWN_ON_TARGET:
                        if page not in link_targets.get(target_page, set()):
                            missing.append(f"{'.'.join(path)} = {record_id}: {target_page} has no link to {where}")
                    elif target_page not in link_targets[page]:
                        missing.append(f"{'.'.join(path)} = {record_id}: {where} has no link to {target_page}")
            continue
        for item in value if isinstance(value, list) else [value]:
            if not any(text in texts[page] for text in _expected_texts(annotation, item)):
                missing.append(f"{'.'.join(path)} = {str(item)[:60]!r}: not on {where}")
    return missing


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda ct: ct.name)
def test_every_value_of_the_content_type_is_on_some_page(content_type, shown):
    assert _missing(content_type, *shown) == []


def test_the_walk_sees_every_field_of_every_model(filled_project):
    """Guard the guard: a field with no value in the real content nor in FILL would pass unnoticed."""
    reached = set()
    for content_type in CONTENT_TYPES:
        for content_dir in (ROOT / "content", filled_project / "content"):
            model = _file_model(content_type, content_dir)
            reached |= {(owner, name) for _, owner, name, _, _, _ in _values(content_type.name, model)}
    declared = {(model.__name__, name) for ct in CONTENT_TYPES for model in _models(ct.model)
                for name, info in model.model_fields.items() if not _is_records(info.annotation)}
    assert not declared - reached, f"fields with no value anywhere in content/: {sorted(declared - reached)}"


def _is_records(annotation) -> bool:
    return any(isinstance(a, type) and issubclass(a, BaseModel) for a in _flatten(annotation))


def _models(model: type[BaseModel], seen: set | None = None) -> list[type[BaseModel]]:
    seen = seen if seen is not None else set()
    if model in seen:
        return []
    seen.add(model)
    found = [model]
    for info in model.model_fields.values():
        for arg in _flatten(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found += _models(arg, seen)
    return found


def _flatten(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _flatten(arg)
