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
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXTURE_CONTENT, fixture_project, run_mkdocs
from htmltools import Page, normalise
from plansite import routes, vocab
from plansite.content import CONTENT_TYPES, PLANS_DIR, load_site
from plansite.loader import load_file
from plansite.periods import Period
from plansite.references import ref_fields
from plansite.schema import DayMonth, RefTarget
from plansite.textfmt import quantity, vn_date, vn_number

LOADED = load_site(FIXTURE_CONTENT).site

# (model, field) -> why its value is not looked for as text on a page
NOT_SHOWN_AS_TEXT: dict[tuple[str, str], str] = {
    ("*", "id"): "a record's id is its page address and the target of links, not text",
    ("LegalReference", "verified_articles"): "bookkeeping for the [E-UNVERIFIED] rule (which articles a verified "
                                             "guidance item may cite); the cited articles show on guidance pages",
    ("BusinessKind", "former_ids"): "old addresses: each is a redirect page to the kind's page (tested in test_site)",
    ("GuidanceItem", "topic"): "the item is shown on its topic's page, under its own id",
    ("Obligation", "topic"): "the obligation is shown on its topic's page, under its own id",
    ("Training", "business_kinds"): "the class is listed on the pages of those kinds of business",
    ("PublicGuide", "changes"): "the public page shows each of these obligations in full",
    ("Plan", "main"): "which plan has the site's main addresses (/ke-hoach/…), not text",
    ("LegalReference", "verified"): "false shows as the standard caveat wherever the document is (tests/test_claims.py)",
    ("Plan", "verified"): "false shows as the standard caveat wherever the plan is (tests/test_claims.py)",
    ("ReportedIssue", "url"): "the address the source's name links to",
    ("Obligation", "figure"): "drawn as a picture beside the rule (tests/test_visual.py finds the figure)",
    ("BusinessKind", "icon"): "shown as the kind's icon, not as text",
    ("Picture", "icon"): "drawn as the picture beside its label (tests/test_journeys.py looks at the figure)",
    ("SelfCheckExample", "answers"): "the form's question keys and choice codes; the table of worked examples shows "
                                     "them as the choices' labels and the numbers as understood",
    ("SelfCheckExample", "expect"): "outcome ids and statuses; the table of worked examples links each example to "
                                    "its outcomes with their status on its date (tests/test_guidance.py checks every row)",
    ("Rule", "when"): "question and choice ids: the decision table writes each condition in words, a number's range "
                      "as 'từ 300.000 kWh/năm' (Range min, below are looked for; tests/test_guidance.py checks each)",
    ("Rule", "then"): "an outcome id: the decision table links each rule to its outcome (#ket-qua-<id>)",
    ("Outcome", "kind"): "shown as the outcome's status line ('Có áp dụng', 'Chưa kết luận được'…), worked out from "
                         "the kind and the obligations' dates (tests/test_selfcheck.py)",
    ("Question", "type"): "shown as how to answer ('chọn một ý', 'có hoặc không', 'một số, đơn vị …') in the list "
                          "of questions, and as the form's radio buttons, boxes or number field",
    ("Part", "role"): "where a part's items live (tasks.yml, duties.yml) and how it is laid out; its heading shows",
    ("AppendixColumn", "field"): "which field of a row fills the column; the column's title shows",
    ("AppendixColumn", "key"): "which cells of a row fill an other column; the cells show",
    ("Cell", "column"): "the key of the column the cell sits in",
    ("AppendixColumn", "end"): "the punctuation after the last body of a cell, shown there",
    ("Section", "inline"): "layout: the body and its duty on one line",
    ("Task", "review"): "placeholders an import left, listed by make check [W-REVIEW] (tests/test_import.py)",
    ("Plan", "review"): "placeholders an import left, listed by make check [W-REVIEW] (tests/test_import.py)",
    ("Deliverable", "review"): "placeholders an import left, listed by make check [W-REVIEW] (tests/test_import.py)",
    ("Agency", "verified"): "false only on a stub an import made, listed by make check [W-REVIEW]",
    ("Agency", "aliases"): "other spellings the name matcher (plansite/names.py) accepts, not text of the site",
    ("LegalReference", "aliases"): "names without a number the name matcher (plansite/names.py) accepts",
}
# (model, field) -> the page an id (not a record id) stands for: it must be linked from the record's page.
LINKED_PAGES = {
    ("Topic", "selfcheck"): routes.selfcheck_page,
    ("BusinessKind", "selfchecks"): routes.selfcheck_page,
}
# (model, field) of ids shown the other way round: the target's page links back to the record's page.
SHOWN_ON_TARGET: dict[tuple[str, str], str] = {
    ("Duty", "names"): "the named body's page lists the duty under 'Được nêu trong việc giao cho đơn vị khác'",
    ("Obligation", "business_kinds"): "each kind's page lists its obligations, linked to the timeline of changes",
}
# Fields the fixture content leaves empty, given made-up values in a copy of the project so that
# their rendering is proved too. (Test data only: never published.)
_REFS = [r.record.id for r in LOADED.references]
FILL: list[tuple[str, tuple, object]] = [
    ("plans/2024/plan.yml", ("status",), "ban-hanh"),
    ("selfchecks.yml", ("checks", 1, "questions", 3, "hint"), "Gợi ý thử cho câu hỏi về doanh thu."),
    ("plans/2024/plan.yml", ("number",), "999/KH-UBND"),
    ("plans/2024/plan.yml", ("date",), "15/01/2024"),
    ("plans/2024/plan.yml", ("results",), ["Đã mở hai lớp tập huấn (số liệu thử)."]),
    ("plans/2024/plan.yml", ("reported_issue", "url"), "https://example.org/bai-bao-thu"),
    ("plans/2024/tasks.yml", ("tasks", 0, "period"), "Quý III/2024"),
    ("plans/2024/tasks.yml", ("tasks", 0, "changes"), [{"date": "20/11/2026", "text": "Thêm thời gian (ghi chú thử)."}]),
    ("plans/2024/deliverables.yml", ("deliverables", 0, "results"), ["Một lớp đã mở (số liệu thử)."]),
    ("plans/2024/deliverables.yml", ("deliverables", 0, "review"), ["tasks"]),
    ("plans/2024/deliverables.yml", ("deliverables", 0, "label"), "1a"),
    ("plans/2024/deliverables.yml", ("deliverables", 0, "cells"), [{"column": "ghi-chu", "text": "Ô ghi chú thử"}]),
    ("plans/2024/plan.yml", ("text", "appendices", 0, "columns"), [
        {"title": "TT", "field": "so-thu-tu"}, {"title": "Danh mục", "field": "danh-muc"},
        {"title": "Đơn vị chủ trì", "field": "chu-tri", "group": "Đơn vị phối hợp"},
        {"title": "Đơn vị phối hợp", "field": "phoi-hop", "group": "Đơn vị phối hợp", "end": "."},
        {"title": "Đơn vị tính", "field": "don-vi-tinh"}, {"title": "Số lượng", "field": "so-luong"},
        {"title": "Thời gian thực hiện", "field": "thoi-gian"},
        {"title": "Ghi chú (cột thử)", "field": "khac", "key": "ghi-chu"}]),
    ("plans/2024/plan.yml", ("text", "issuer_lines"), ["ỦY BAN NHÂN DÂN (thử)", "THÀNH PHỐ HÀ NỘI (thử)"]),
    ("plans/2024/plan.yml", ("text", "motto_lines"), ["CỘNG HÒA (dòng thử)", "Độc lập (dòng thử)"]),
    ("plans/2024/tasks.yml", ("tasks", 0, "label"), "1a)"),
    ("plans/2024/tasks.yml", ("tasks", 0, "part"), "II"),
    ("plans/2024/tasks.yml", ("tasks", 0, "review"), ["short_title"]),
    ("plans/2024/plan.yml", ("review",), ["short_title"]),
    ("plans/2024/duties.yml", ("sections", 0, "heading"), "Sở Công Thương (tên thử)"),
    ("agencies.yml", ("agencies", 0, "aliases"), ["Tên khác thử"]),
    ("references.yml", ("references", 0, "aliases"), ["Tên khác thử của văn bản"]),
    ("references.yml", ("references", 0, "replaced_by"), _REFS[1]),
    ("references.yml", ("references", 0, "status"), "bi-thay-the"),  # as a replaced document must say
    ("glossary.yml", ("terms", 0, "cites"), [_REFS[0]]),
    ("contacts.yml", ("contacts", 0, "verified"), True),
    ("faq.yml", ("questions", 0, "unverified"), ["một phần thử chưa kiểm chứng (dữ liệu thử)"]),
    ("references.yml", ("references", 2, "verified"), False),
    ("plans/kh-150-2023/plan.yml", ("verified",), False),
    ("contacts.yml", ("contacts", 0, "phone"), "0000 000 000 (số thử)"),
    ("contacts.yml", ("contacts", 0, "email"), "thu@example.org"),
    ("contacts.yml", ("contacts", 0, "address"), "Địa chỉ thử"),
    ("contacts.yml", ("contacts", 0, "url"), "https://example.org/lien-he"),
    ("trainings.yml", ("trainings",), [{
        "id": "lop-thu", "title": "Lớp tập huấn thử", "organiser": "so-cong-thuong",
        "business_kinds": ["san-xuat-nhap-khau"], "starts": "15/12/2026", "register_until": "10/12/2026",
        "how_to_register": "Gửi thư đăng ký (dữ liệu thử)", "reviewed": "30/11/2026"}]),
]


def _record_page(collection: str, value: str) -> str | None:
    """The built page of the record an id names (as 'nhiem-vu/x/index.html'), if it has one."""
    if collection in ("tasks", "deliverables"):
        plan_id, _, value = value.partition("/") if "/" in value else ("2024", "", value)
        entity = LOADED.plan_by_id[plan_id].index[collection][value]
    elif collection in LOADED.index:
        entity = LOADED.index[collection][value]
    else:
        return None
    return _html(routes.page_of(entity))


def _html(src_uri: str) -> str:
    served = routes.served(src_uri)
    return "index.html" if served == "." else f"{served}/index.html"


def _reference_targets() -> dict[tuple[str, tuple], RefTarget]:
    """(content type, field path without list indexes) -> its declared target, from the schema."""
    found = {}

    def walk(type_name, model, path):
        for field in ref_fields(model):
            if field.target:
                found[(type_name, (*path, field.name))] = field.target
            else:
                walk(type_name, field.model, (*path, field.name))

    for content_type in CONTENT_TYPES:
        walk(content_type.name, content_type.model, ())
    return found


def _vocabulary(values: tuple) -> dict[str, str]:
    """The labels of a fixed set of values, from plansite/vocab.py.

    Without one, the raw code is what must show, which a reader cannot use: the test fails.
    """
    for name in dir(vocab):
        table = getattr(vocab, name)
        if isinstance(table, vocab.Vocabulary) and set(table) == set(values):
            return dict(table.labels)
    return {value: f"<a label for the code {value!r} in plansite/vocab.py>" for value in values}


REFERENCE_TARGETS = _reference_targets()
OWN_PAGES = ("tasks", "agencies", "references", "topics", "businesses")


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
                if not path and content_type in OWN_PAGES and isinstance(getattr(item, "id", None), str):
                    own = _record_page(content_type, item.id)
                yield from _values(content_type, item, field_path, own)
        else:
            yield field_path, type(model).__name__, name, info.annotation, value, page
            if isinstance(value, dict):  # a self-check rule's conditions: a number's range is a record
                for item in value.values():
                    if isinstance(item, BaseModel):
                        yield from _values(content_type, item, field_path, page)


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
    if isinstance(value, DayMonth):
        return [str(value)]
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
    project = fixture_project(tmp_path_factory.mktemp("filled") / "project")
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


@pytest.fixture(scope="module", params=["fixture", "filled"])
def variant(request, fixture_site):
    """(content folder, built site) of the fixture project, then of the filled copy."""
    if request.param == "fixture":
        return FIXTURE_CONTENT, fixture_site
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


def _files(content_type, content_dir: Path) -> list[Path]:
    if not content_type.in_plan:
        return [content_dir / content_type.path]
    return sorted(p for p in (content_dir / PLANS_DIR).glob(f"*/{content_type.path}"))


def _file_models(content_type, content_dir: Path = FIXTURE_CONTENT) -> list[BaseModel]:
    return [content_type.model.model_validate(load_file(path, path.name).data)
            for path in _files(content_type, content_dir)]


def _missing(content_type, content_dir, texts, link_targets) -> list[str]:
    return [problem for model in _file_models(content_type, content_dir)
            for problem in _missing_in(content_type, model, texts, link_targets)]


def _missing_in(content_type, model, texts, link_targets) -> list[str]:
    missing = []
    for path, owner, name, annotation, value, page in _values(content_type.name, model):
        where = page or "any page"
        if ("*", name) in NOT_SHOWN_AS_TEXT or (owner, name) in NOT_SHOWN_AS_TEXT:
            continue
        if (owner, name) in LINKED_PAGES:
            for linked_id in value if isinstance(value, list) else [value]:
                target_page = _html(LINKED_PAGES[owner, name](linked_id))
                if target_page not in link_targets[page]:
                    missing.append(f"{'.'.join(path)} = {linked_id}: {where} has no link to {target_page}")
            continue
        target = REFERENCE_TARGETS.get((content_type.name, path))
        if target:
            for record_id in value if isinstance(value, list) else [value]:
                target_page = _record_page(target.collection, record_id)
                if target_page is None:
                    continue
                if (owner, name) in SHOWN_ON_TARGET:
                    back = _html(routes.CHANGES) if owner == "Obligation" else _html(routes.plan_page(LOADED.main_plan))
                    if back not in link_targets.get(target_page, set()):
                        missing.append(f"{'.'.join(path)} = {record_id}: {target_page} has no link to {back}")
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
        for content_dir in (FIXTURE_CONTENT, filled_project / "content"):
            for model in _file_models(content_type, content_dir):
                reached |= {(owner, name) for _, owner, name, _, _, _ in _values(content_type.name, model)}
    declared = {(model.__name__, name) for ct in CONTENT_TYPES for model in _models(ct.model)
                for name, info in model.model_fields.items() if not _is_records(info.annotation)}
    assert not declared - reached, f"fields with no value in the fixture content nor FILL: {sorted(declared - reached)}"


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
