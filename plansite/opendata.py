"""Open data: the site's content as downloads, made at build time from the same model as its pages.

Everything lands under du-lieu/ (routes.DATA_DIR), as bytes by address for the generator to
publish (SiteBuild.files):

    datapackage.json          Frictionless Data Package: every CSV with its table schema
                              (field types, primary key, foreign keys)
    du-lieu.xlsx              one Excel workbook for people (plansite/spreadsheet.py)
    du-lieu.json              all content in one file
    json/<type>.json          one per content type, in the shape of its content file
                              (a plan's files: {plan id: content of that file})
    csv/<table>.csv           one per collection, one row per record (UTF-8 with a BOM)
    schema/*.schema.json      the JSON Schemas editors use (content/schema/)
    <collection>/…/<id>.json  each record on its own: routes.record_json()

JSON is each record's `model_dump(mode="json")`: the content schema's field names, ids as
ids, dates as ISO 8601. CSV tables follow from the schema models, so a new field becomes a
column without touching this file:

- a table's columns are its model's fields, in order; a nested record's fields are flattened
  with its name as prefix (`successor_name`);
- a list of ids or vocabulary values is one cell, joined with ";" (ids never hold one);
- a list of texts is one cell, one text a line;
- a list of nested records is a table of its own (`obligations_sources`), one row per entry,
  with the key of the record it belongs to and `position` (from 1);
- a plan's collections start with `plan_id` (the plan's folder), so every plan fits one table;
- records without an id (contacts) get `position` as their key.

Foreign keys: `plan_id` to plans, a child table's key to its parent, and every single-valued
reference field to the collection it names. Lists of ids cannot be declared as foreign keys
in a Table Schema; the build's own reference checks cover them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from plansite import routes
from plansite.content import CONTENT_TYPES, PLAN_TYPES, SHARED_TYPES, ContentType
from plansite.model import Site
from plansite.references import ref_fields
from plansite.schema import RefTarget
from plansite.spreadsheet import PATH as WORKBOOK, sheets, workbook
from plansite.vocab import vocabulary_of

ROOT = routes.DATA_DIR
DATAPACKAGE = f"{ROOT}/datapackage.json"
COMBINED = f"{ROOT}/du-lieu.json"
PACKAGE_NAME = "ke-hoach-bvmt-cong-thuong-ha-noi"
HANOI = dt.timezone(dt.timedelta(hours=7))
ID_JOIN = ";"
TEXT_JOIN = "\n"

# Where a content type's records are on the Site, when it is not the type's own name.
_SITE_LISTS = {"businesses": "business_kinds"}
# Tables named otherwise than their content type: duties.yml holds section IV's sections, and
# each section's duties are a table of their own.
_TABLE_NAMES = {"duties": "sections", "sections_duties": "duties"}
# Key of a record that has no `id` field but a number unique within its plan.
_NUMBER_KEYS = {"duties": "number"}
# One record of a table, in column names: "obligation_id" in obligations_sources.
_SINGULAR = {"agencies": "agency", "references": "reference", "glossary": "term", "obligations": "obligation",
             "contacts": "contact", "trainings": "training", "topics": "topic", "businesses": "business",
             "guidance": "item", "faq": "question", "plans": "plan", "tasks": "task", "deliverables": "deliverable",
             "sections": "section"}
# Titles of the tables made from lists of nested records.
_CHILD_TITLES = {"obligations_sources": "Căn cứ của từng quy định",
                 "guidance_sources": "Căn cứ của từng nội dung hướng dẫn",
                 "faq_sources": "Căn cứ của từng câu trả lời",
                 "businesses_checklist": "Việc cần làm của từng loại hình",
                 "plans_text_parts": "Các phần (I, II, …) của toàn văn từng kế hoạch",
                 "plans_text_parts_items": "Các mục của từng phần, nguyên văn, với số thứ tự và cấp",
                 "plans_text_appendices": "Các phụ lục của từng kế hoạch",
                 "plans_text_appendices_columns": "Các cột của bảng trong từng phụ lục",
                 "tasks_items": "Các mục con của từng nhiệm vụ, nguyên văn",
                 "duties_items": "Các mục con của từng ý được giao, nguyên văn",
                 "deliverables_cells": "Các ô của những cột khác trong bảng phụ lục",
                 "duties": "Phần tổ chức thực hiện: từng ý được giao cho từng đơn vị"}
PLAN_ID = "plan_id"
POSITION = "position"
_DERIVED = {PLAN_ID: "Mã kế hoạch (tên thư mục trong content/plans/).",
            POSITION: "Thứ tự trong danh sách, từ 1."}


@dataclass
class Column:
    name: str
    path: tuple[str, ...]  # keys into a record's JSON dump; () for a derived column
    type: str  # Table Schema type
    description: str = ""
    many: bool = False  # a list, joined into one cell
    joiner: str = ID_JOIN
    enum: tuple[str, ...] | None = None
    required: bool = False
    target: RefTarget | None = None  # a single-valued reference field


@dataclass
class Table:
    name: str
    title: str
    content_type: ContentType
    per_plan: bool
    key: list[str]
    columns: list[Column]
    list_path: tuple[str, ...] = ()  # a child table: where its list sits in a parent record's dump
    parent: Table | None = None
    children: list[Table] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{ROOT}/csv/{self.name}.csv"


@dataclass(frozen=True)
class Download:
    """One published file, as the data page lists it."""

    path: str
    title: str
    format: str
    size: int
    records: int | None = None
    note: str = ""

    @property
    def size_label(self) -> str:
        if self.size < 1024:
            return f"{self.size} B"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.1f} KB".replace(".", ",")
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass
class Catalogue:
    """What the data page lists."""

    tables: list[Download] = field(default_factory=list)
    collections: list[Download] = field(default_factory=list)
    package: list[Download] = field(default_factory=list)
    schemas: list[Download] = field(default_factory=list)
    feeds: list[Download] = field(default_factory=list)
    record_files: int = 0
    workbook: Download | None = None  # the Excel workbook for people (plansite/spreadsheet.py)
    sheets: list[tuple[str, str, int]] = field(default_factory=list)  # its sheets: (name, one row is, rows)


@dataclass
class OpenData:
    files: dict[str, bytes]
    catalogue: Catalogue


# The tables, read from the schema models


def _unwrap(annotation: Any) -> tuple[Any, bool, bool, tuple]:
    """(inner type, optional, many, metadata) of a field annotation."""
    optional = many = False
    metadata: tuple = ()
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata += tuple(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        elif origin is list:
            many = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, optional, many, metadata


def _table_type(annotation: Any) -> str:
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is float:
        return "number"
    if annotation is dt.date:
        return "date"
    return "string"  # text, ids, vocabulary values, periods ("Quý II/2024"), yearly days ("31/01")


def _columns(model: type[BaseModel], prefix: str = "", path: tuple[str, ...] = (), optional: bool = False,
             children: list | None = None) -> list[Column]:
    """The columns of `model`'s records; lists of nested records are added to `children` as (name, model, path)."""
    targets = {f.name: f.target for f in ref_fields(model)}
    columns = []
    for name, info in model.model_fields.items():
        inner, maybe, many, metadata = _unwrap(info.annotation)
        metadata += tuple(info.metadata)
        here = (*path, name)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            if many:
                if children is not None:
                    children.append((f"{prefix}{name}", inner, here))
            else:
                columns += _columns(inner, f"{prefix}{name}_", here, optional or maybe or not info.is_required(),
                                    children)
            continue
        vocabulary = vocabulary_of(metadata)
        enum = tuple(vocabulary) if vocabulary is not None else (
            tuple(typing.get_args(inner)) if typing.get_origin(inner) is typing.Literal else None)
        target = targets.get(name)
        columns.append(Column(
            name=f"{prefix}{name}", path=here, type="string" if many else _table_type(inner),
            description=info.description or "", many=many,
            joiner=ID_JOIN if (target or enum) else TEXT_JOIN, enum=None if many else enum,
            required=info.is_required() and not (optional or maybe or many),
            target=None if many or target is None or target.qualified else target))
    return columns


def _tables() -> list[Table]:
    """Every table, parents before their children."""
    tables: list[Table] = []

    def add(content_type: ContentType, name: str, title: str, model: type[BaseModel], key: list[str],
            leading: list[Column], parent: Table | None = None, list_path: tuple[str, ...] = ()) -> Table:
        children: list = []
        columns = [*leading, *_columns(model, children=children)]
        table = Table(name, title, content_type, content_type.in_plan, key, columns, list_path, parent)
        tables.append(table)
        for child_name, child_model, child_path in children:
            child_table_name = _TABLE_NAMES.get(f"{name}_{child_name}", f"{name}_{child_name}")
            inherited = [Column(c if c == PLAN_ID else f"{_SINGULAR.get(name, name)}_{c}", (), _column(table, c).type,
                                _column(table, c).description, required=True) for c in key]
            position = Column(POSITION, (), "integer", _DERIVED[POSITION], required=True)
            child = add(content_type, child_table_name, _CHILD_TITLES.get(child_table_name, f"{title}: {child_name}"),
                        child_model, [c.name for c in inherited] + [POSITION], [*inherited, position], table,
                        child_path)
            table.children.append(child)
        return table

    for content_type in [*SHARED_TYPES, *PLAN_TYPES]:
        model = _record_model(content_type)
        if model is None:
            continue  # one record per file (the public page, the self-check thresholds): JSON only
        name = _TABLE_NAMES.get(content_type.name, "plans" if content_type.name == "plan" else content_type.name)
        leading = []
        if content_type.in_plan:
            leading.append(Column(PLAN_ID, (), "string", _DERIVED[PLAN_ID], required=True))
        if content_type.name == "plan":
            key = ["id"]
            leading = [Column("id", (), "string", _DERIVED[PLAN_ID], required=True)]
        elif "id" in model.model_fields:
            key = ["id"]
        elif content_type.name in _NUMBER_KEYS:
            key = [_NUMBER_KEYS[content_type.name]]
        else:
            key = [POSITION]
            leading.append(Column(POSITION, (), "integer", _DERIVED[POSITION], required=True))
        if content_type.in_plan and content_type.name != "plan":
            key = [PLAN_ID, *key]
        add(content_type, name, content_type.description, model, key, leading)
    return tables


def _record_model(content_type: ContentType) -> type[BaseModel] | None:
    """The model of one record of a content type whose file holds a list of records."""
    if content_type.name == "plan":
        return content_type.model
    fields = content_type.model.model_fields
    if len(fields) != 1:
        return None
    inner, _, many, _ = _unwrap(next(iter(fields.values())).annotation)
    return inner if many and isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _column(table: Table, name: str) -> Column:
    return next(c for c in table.columns if c.name == name)


def _foreign_keys(table: Table, tables: dict[str, Table], by_collection: dict[str, Table]) -> list[dict]:
    keys = []

    def to(fields: list[str], target: Table, target_fields: list[str]) -> None:
        keys.append({"fields": fields, "reference": {"resource": "" if target is table else target.name,
                                                     "fields": target_fields}})

    if table.parent is not None:
        to(table.key[:-1], table.parent, table.parent.key)
    elif table.per_plan and table.content_type.name != "plan":
        to([PLAN_ID], tables["plans"], ["id"])
    for column in table.columns:
        target = by_collection.get(column.target.collection) if column.target else None
        if target is None:
            continue
        if not target.per_plan:
            to([column.name], target, target.key)
        elif table.per_plan:  # a plan's own collection, named from the same plan
            to([PLAN_ID, column.name], target, target.key)
    return keys


# Rows


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return ""
    if column.many:
        return column.joiner.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _get(dump: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        if dump is None:
            return None
        dump = dump.get(step)
    return dump


def _fill(table: Table, dump: dict, lead: list[Any]) -> None:
    """Add the row of one record (and its children's rows); `lead` are the derived leading cells."""
    own = [c for c in table.columns if c.path]
    table.rows.append([*lead, *(_cell(_get(dump, c.path), c) for c in own)])
    key = dict(zip([c.name for c in table.columns], table.rows[-1]))
    for child in table.children:
        items = _get(dump, child.list_path) or []
        parent_key = [key[k] for k in table.key]
        for position, item in enumerate(items, start=1):
            _fill(child, item, [*parent_key, position])


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _schema(table: Table, tables: dict[str, Table], by_collection: dict[str, Table]) -> dict:
    fields = []
    for column in table.columns:
        spec: dict[str, Any] = {"name": column.name, "type": column.type}
        if column.description:
            spec["description"] = column.description
        constraints: dict[str, Any] = {}
        if column.required or column.name in table.key:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": table.key}
    foreign = _foreign_keys(table, tables, by_collection)
    if foreign:
        schema["foreignKeys"] = foreign
    schema["missingValues"] = [""]
    return schema


# Everything


def _dumps(value: Any) -> str:
    # compact, and so written by the C encoder (an indent makes json use its pure-Python one)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def open_data(site: Site, content_dir: Path, feeds: dict[str, bytes] | None = None) -> OpenData:
    """Every open-data file by address, and the catalogue the data page shows.

    `feeds` are the calendar files already made (plansite/feeds.py), listed on the page.
    """
    files: dict[str, bytes] = {}
    catalogue = Catalogue()
    shared: dict[str, list] = {}
    for content_type in SHARED_TYPES:
        value = getattr(site, _SITE_LISTS.get(content_type.name, content_type.name))
        shared[content_type.name] = value
    per_plan = {"plan": lambda p: [p], "tasks": lambda p: p.tasks, "duties": lambda p: p.sections,
                "deliverables": lambda p: p.deliverables}

    # Each record dumped once; its JSON text reused by the record's file, its collection and the whole.
    dumped: dict[int, tuple[dict, str]] = {}

    def dump(entity: Any) -> tuple[dict, str]:
        record = getattr(entity, "record", entity)
        found = dumped.get(id(record))
        if found is None:
            data = record.model_dump(mode="json")
            found = dumped[id(record)] = (data, _dumps(data))
        return found

    # JSON: one file per content type, in the shape of its content file
    type_json: dict[str, str] = {}
    for content_type in SHARED_TYPES:
        value = shared[content_type.name]
        if content_type.items is None and isinstance(value, list):  # a list file without ids (contacts)
            items_field = next(iter(content_type.model.model_fields))
            type_json[content_type.name] = f'{{"{items_field}":[{",".join(dump(e)[1] for e in value)}]}}'
        elif isinstance(value, list):
            type_json[content_type.name] = \
                f'{{"{content_type.items}":[{",".join(dump(e)[1] for e in value)}]}}'
        else:
            type_json[content_type.name] = dump(value)[1]
    for content_type in PLAN_TYPES:
        parts = []
        for plan in site.plans:
            if content_type.name != "plan" and content_type.name not in plan.sources:
                continue
            records = per_plan[content_type.name](plan)
            if content_type.name == "plan":
                body = dump(plan)[1]
            else:
                items_field = next(iter(content_type.model.model_fields))
                body = f'{{"{items_field}":[{",".join(dump(e)[1] for e in records)}]}}'
            parts.append(f"{_dumps(plan.id)}:{body}")
        type_json[content_type.name] = "{" + ",".join(parts) + "}"
    for name, text in type_json.items():
        path = f"{ROOT}/json/{_json_name(name)}.json"
        files[path] = text.encode("utf-8")
    files[COMBINED] = ("{" + f'"today":{_dumps(site.today.isoformat())},'
                       + ",".join(f"{_dumps(_json_name(n))}:{t}" for n, t in type_json.items()) + "}").encode("utf-8")

    # Each record on its own
    entities = [*site.plans, *site.agencies, *site.references, *site.topics, *site.business_kinds,
                *site.obligations, *site.guidance]
    entities += [e for plan in site.plans for e in (*plan.tasks, *plan.deliverables)]
    for entity in entities:
        files[routes.record_json(entity)] = dump(entity)[1].encode("utf-8")
    catalogue.record_files = len(entities)

    # CSV tables and the Data Package
    tables = _tables()
    by_name = {t.name: t for t in tables}
    by_collection = {t.content_type.name: t for t in tables if t.parent is None}
    for table in tables:
        if table.parent is not None:
            continue
        if table.per_plan:
            for plan in site.plans:
                if table.content_type.name == "plan":
                    _fill(table, dump(plan)[0], [plan.id])
                    continue
                if table.content_type.name not in plan.sources:
                    continue
                for entity in per_plan[table.content_type.name](plan):
                    _fill(table, dump(entity)[0], [plan.id])
        else:
            for position, entity in enumerate(shared[table.content_type.name], start=1):
                _fill(table, dump(entity)[0], [position] if table.key == [POSITION] else [])
    resources = []
    for table in tables:
        data = _csv(table)
        files[table.path] = data
        relative = table.path[len(ROOT) + 1:]
        resources.append({
            "name": table.name, "title": table.title, "path": relative, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data),
            "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": _schema(table, by_name, by_collection),
        })
        catalogue.tables.append(Download(table.path, table.title, "CSV", len(data), len(table.rows),
                                         note=f"thuộc bảng {table.parent.name}" if table.parent else ""))
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Bảo vệ môi trường ngành Công Thương Hà Nội: dữ liệu",
        "description": "Các bảng dữ liệu của trang, tạo từ các tệp nội dung mỗi lần trang được dựng lại.",
        "created": dt.datetime.combine(site.today, dt.time(), HANOI).isoformat(),  # the build's date
        "resources": resources,
    }
    files[DATAPACKAGE] = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")

    # JSON Schemas of the content files, as published for editors
    schema_dir = Path(content_dir) / "schema"
    for source in sorted(schema_dir.glob("*.schema.json")) if schema_dir.is_dir() else []:
        path = f"{ROOT}/schema/{source.name}"
        files[path] = source.read_bytes()
        catalogue.schemas.append(Download(path, source.name, "JSON Schema", len(files[path])))

    for name in type_json:
        content_type = next(ct for ct in CONTENT_TYPES if ct.name == name)
        path = f"{ROOT}/json/{_json_name(name)}.json"
        catalogue.collections.append(Download(path, content_type.description, "JSON", len(files[path])))
    catalogue.package = [Download(COMBINED, "Toàn bộ dữ liệu trong một tệp", "JSON", len(files[COMBINED])),
                         Download(DATAPACKAGE, "Mô tả các bảng CSV (Frictionless Data Package)", "JSON",
                                  len(files[DATAPACKAGE]))]
    # One workbook for people: Vietnamese sheets and headings, names beside codes, caveats carried
    files[WORKBOOK] = workbook(site)
    catalogue.sheets = [(sheet.title, sheet.note, len(sheet.rows)) for sheet in sheets(site)]
    catalogue.workbook = Download(WORKBOOK, "Bảng tính Excel: nhiệm vụ, mốc thời gian, văn bản, đơn vị…", "Excel",
                                  len(files[WORKBOOK]), sum(rows for _, _, rows in catalogue.sheets))
    titles = {routes.feed(): "Mọi quy định có ngày áp dụng", routes.feed(routes.PUBLIC_FEED): "Người dân"}
    titles.update({routes.feed(k.record.id): k.record.name for k in site.business_kinds})
    for path, data in (feeds or {}).items():
        catalogue.feeds.append(Download(path, titles.get(path, path), "iCalendar", len(data)))
    return OpenData(files, catalogue)


def _json_name(content_type: str) -> str:
    return "plans" if content_type == "plan" else content_type


def tables() -> list[Table]:
    """The tables' definitions, without rows (for tests and documentation)."""
    return _tables()
