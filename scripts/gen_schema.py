"""Generate the editor-facing files from the content models (`make schema`).

- content/schema/<name>.schema.json for every content type, which the YAML extension of
  VS Code (and other editors with the YAML language server) uses to autocomplete fields and
  underline mistakes while staff type;
- CONTRIBUTING.md: the hand-written guide in scripts/contributing.md.j2, with a field
  reference generated from the models' Vietnamese descriptions;
- .vscode/settings.json: associates each content file with its schema.

Iterating the CONTENT_TYPES registry means a new content type gets its schema and its
documentation without touching this script. A test regenerates everything and compares,
so the committed files cannot drift from the models.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import annotated_types
import jinja2
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from plansite import schema
from plansite.content import CONTENT_TYPES, TYPES, ContentType
from plansite.vocab import vocabulary_of
from plansite.periods import Period

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "contributing.md.j2"
SCHEMA_DIR = "content/schema"
# Draft 7: the newest draft the YAML extension for VS Code fully supports (it warns on 2020-12).
JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


def schema_path(content_type: ContentType) -> str:
    return f"{SCHEMA_DIR}/{content_type.name}.schema.json"


def shown_path(content_type: ContentType) -> str:
    """The file as editors find it: "content/agencies.yml", "content/plans/<mã kế hoạch>/tasks.yml"."""
    return f"content/{content_type.where('<mã kế hoạch>')}"


def modeline(content_type: ContentType) -> str:
    """The first line of a content file, pointing at its schema relative to the file."""
    here = posixpath.dirname(f"content/{content_type.where('_')}")
    return f"# yaml-language-server: $schema={posixpath.relpath(schema_path(content_type), here)}"


# JSON Schema


def _drop_titles(node: object) -> None:
    """Pydantic titles are English ("Legal Basis"); the editor should show the Vietnamese description."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for key, value in node.items():
            if key == "properties":
                for sub in value.values():
                    _drop_titles(sub)
            else:
                _drop_titles(value)
    elif isinstance(node, list):
        for item in node:
            _drop_titles(item)


def json_schema(content_type: ContentType) -> str:
    body = content_type.model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in body:  # draft 7 keeps sub-schemas under "definitions"
        body["definitions"] = body.pop("$defs")
    _drop_titles(body)
    document = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"{shown_path(content_type)}: {content_type.description}",
        **body,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Field reference for CONTRIBUTING.md


@dataclass
class FieldRow:
    name: str
    kind: str
    required: bool
    description: str


@dataclass
class Section:
    path: str  # as an editor sees it in YAML: "agencies[].duties[]"
    fields: list[FieldRow]


def _validator_functions(metadata: typing.Iterable) -> set:
    return {getattr(item, "func", None) for item in metadata}


def _limits(metadata: typing.Iterable) -> str:
    parts = []
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            parts.append(f"≥ {item.ge}")
        elif isinstance(item, annotated_types.Gt):
            parts.append(f"> {item.gt}")
        elif isinstance(item, annotated_types.Le):
            parts.append(f"≤ {item.le}")
        elif isinstance(item, annotated_types.MinLen) and item.min_length:
            parts.append(f"ít nhất {item.min_length} mục")
    return f" ({', '.join(parts)})" if parts else ""


def _kind(annotation: object, metadata: tuple, path: str, nested: list[tuple[str, type[BaseModel]]]) -> str:
    """The type of a field in words an editor understands; sub-models are queued for their own table."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind(args[0], (*metadata, *args[1:]), path, nested)
    if origin in (typing.Union, types.UnionType):
        return _kind(next(a for a in args if a is not type(None)), metadata, path, nested)
    if origin is list:
        item = _kind(args[0], (), f"{path}[]", nested)
        return f"danh sách {item}{_limits(metadata)}"
    if origin is dict:
        return f"ánh xạ (mã: {_kind(args[1], (), path, nested)})"
    if origin is typing.Literal:
        vocabulary = vocabulary_of(metadata)
        labels = vocabulary.labels if vocabulary else {}
        return "một trong: " + ", ".join(f"`{a}` ({labels[a]})" if a in labels else f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        nested.append((path, annotation))
        return f"ánh xạ (xem `{path}`)"
    functions = _validator_functions(metadata)
    target = schema.ref_target(metadata)
    if target and target.qualified:
        return f"mã kế hoạch/mã trong {shown_path(TYPES[target.collection])}, ví dụ `2024/tuyen-truyen`"
    if target:
        return f"mã (trong {shown_path(TYPES[target.collection])})"
    if schema._check_id in functions:
        return "mã"
    if annotation is schema.DayMonth:
        return "ngày/tháng hằng năm (ví dụ 31/01)"
    if schema._parse_date in functions or annotation is dt.date:
        return "ngày (ngày/tháng/năm, ví dụ 08/9/2020)"
    if annotation is Period:
        return "thời gian (ví dụ Quý II-IV/2024, Tháng 3/2024, Năm 2024, Giai đoạn 2026-2030)"
    if annotation is int:
        return "số nguyên" + _limits(metadata)
    if annotation is float:
        return "số, phần thập phân sau dấu chấm (ví dụ 2.5)" + _limits(metadata)
    if annotation is bool:
        return "đúng/sai (true/false)"
    if annotation is str:
        return "văn bản"
    raise TypeError(f"{path}: no wording for the type {annotation!r}; add one to _kind() in {__name__}")


def _rows(model: type[BaseModel], path: str, nested: list) -> list[FieldRow]:
    rows = []
    for name, info in model.model_fields.items():
        info: FieldInfo
        kind = _kind(info.annotation, tuple(info.metadata), f"{path}.{name}" if path else name, nested)
        rows.append(FieldRow(name, kind, info.is_required(), info.description or ""))
    return rows


def field_reference(content_type: ContentType) -> list[Section]:
    """One table for the file's top level, then one for each kind of nested record, in order."""
    nested: list[tuple[str, type[BaseModel]]] = []
    sections = [Section("", _rows(content_type.model, "", nested))]
    while nested:
        path, model = nested.pop(0)
        sections.append(Section(path, _rows(model, path, nested)))
    return sections


def contributing() -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    types_ = [
        {"type": ct, "path": shown_path(ct), "doc": (ct.model.__doc__ or "").strip(), "sections": field_reference(ct),
         "modeline": modeline(ct)}
        for ct in CONTENT_TYPES
    ]
    return env.get_template(TEMPLATE.name).render(content_types=types_)


def vscode_settings() -> str:
    settings = {
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        # Also without the "# yaml-language-server" first line, each file finds its schema.
        "yaml.schemas": {f"./{schema_path(ct)}": f"content/{ct.where('*')}" for ct in CONTENT_TYPES},
        "[yaml]": {
            "editor.insertSpaces": True,
            "editor.tabSize": 2,
            "editor.detectIndentation": False,
            "editor.autoIndent": "keep",
        },
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def outputs() -> dict[str, str]:
    """Every generated file, by path relative to the project root."""
    files = {schema_path(ct): json_schema(ct) for ct in CONTENT_TYPES}
    files["CONTRIBUTING.md"] = contributing()
    files[".vscode/settings.json"] = vscode_settings()
    return files


def write(root: Path) -> list[str]:
    written = []
    for relative, text in outputs().items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(relative)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=ROOT, help="where to write (the project folder)")
    args = parser.parse_args(argv)
    written = write(args.root)
    print("Đã cập nhật: " + ", ".join(written) if written else "Không có gì thay đổi.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
