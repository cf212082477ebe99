"""Cross-reference checks: every id a record points at must exist, and ids must be unique."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from plansite.errors import Problem
from plansite.loader import LoadedFile, mark_of

# Each rule: (content type, path pattern to a list of ids or one id, target collection, label)
# '*' in a pattern walks every item of a list.
REFERENCE_RULES: list[tuple[str, tuple, str, str]] = [
    ("plan", ("issuer",), "agencies", "cơ quan ban hành"),
    ("plan", ("legal_basis",), "references", "văn bản căn cứ"),
    ("plan", ("purposes", "*", "cites"), "references", "văn bản viện dẫn"),
    ("tasks", ("tasks", "*", "cites"), "references", "văn bản viện dẫn"),
    ("deliverables", ("deliverables", "*", "lead"), "agencies", "đơn vị chủ trì"),
    ("deliverables", ("deliverables", "*", "coordinators"), "agencies", "đơn vị phối hợp"),
    ("deliverables", ("deliverables", "*", "tasks"), "tasks", "nhiệm vụ"),
    ("agencies", ("agencies", "*", "duties", "*", "tasks"), "tasks", "nhiệm vụ"),
    ("agencies", ("agencies", "*", "duties", "*", "cites"), "references", "văn bản viện dẫn"),
    ("agencies", ("agencies", "*", "duties", "*", "partners"), "agencies", "đơn vị được nêu"),
    ("agencies", ("agencies", "*", "successor", "agency"), "agencies", "cơ quan kế nhiệm"),
    ("agencies", ("agencies", "*", "successor", "basis_refs"), "references", "văn bản căn cứ"),
    ("references", ("references", "*", "issuer"), "agencies", "cơ quan ban hành"),
    ("references", ("references", "*", "amended_by"), "references", "văn bản sửa đổi"),
    ("references", ("references", "*", "replaced_by"), "references", "văn bản thay thế"),
    ("glossary", ("terms", "*", "cites"), "references", "văn bản định nghĩa"),
]

# Collections whose records carry ids: content type -> (list field, label in messages)
COLLECTIONS = {
    "tasks": ("tasks", "nhiệm vụ"),
    "deliverables": ("deliverables", "sản phẩm"),
    "agencies": ("agencies", "đơn vị"),
    "references": ("references", "văn bản"),
    "glossary": ("terms", "thuật ngữ"),
}


def _child(node: Any, name: str) -> Any:
    """A field of a validated record, or a key of raw YAML data from a file that failed the schema."""
    return node.get(name) if isinstance(node, dict) else getattr(node, name, None)


def _walk(node: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, id) for every id matching `pattern`; lists of ids are expanded.

    Works on raw data too, where anything that is not text is skipped: the schema reports it.
    """
    if not pattern:
        for sub_path, value in (((*path, i), item) for i, item in enumerate(node)) \
                if isinstance(node, (list, tuple)) else [(path, node)]:
            if isinstance(value, str):
                yield sub_path, value
        return
    head, *rest = pattern
    if head == "*":
        for index, item in enumerate(node if isinstance(node, (list, tuple)) else []):
            yield from _walk(item, tuple(rest), (*path, index))
    else:
        yield from _walk(_child(node, head), tuple(rest), (*path, head))


def _record_id(data: Any, path: tuple) -> str | None:
    node: Any = data
    found = None
    for step in path:
        node = node[step] if isinstance(step, int) else _child(node, step)
        record_id = _child(node, "id") if isinstance(node, (BaseModel, dict)) else None
        if isinstance(record_id, str):
            found = record_id
    return found


def _suggest(value: str, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    hint = f' (có phải "{close[0]}"?)' if close else ""
    shown = ", ".join(allowed[:12]) + (", …" if len(allowed) > 12 else "")
    return f"{hint}; các giá trị hợp lệ: {shown}"


def check_references(records: dict[str, BaseModel], files: dict[str, LoadedFile]) -> list[Problem]:
    """Check references in every file that could be read, so one run shows all errors.

    A file that failed the schema is checked from its raw data: a typo in one agency hides
    neither the wrong ids it holds nor wrong agency ids elsewhere. Only a file that could not
    be read at all (a YAML syntax error) is left out, with references into it.
    """
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for name, (field, label) in COLLECTIONS.items():
        data = records.get(name) or (files[name].data if name in files else None)
        items = _child(data, field) if data is not None else None
        if not isinstance(items, (list, tuple)):
            continue  # unreadable: references into it cannot be checked
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            record_id = _child(item, "id") if isinstance(item, (BaseModel, dict)) else None
            if not isinstance(record_id, str):
                continue  # the schema reports a missing or malformed id
            line, column = mark_of(files[name].data, (field, index, "id"))
            if record_id in seen:
                problems.append(Problem(files[name].path, line, column, "E-ID-DUP",
                                        f'mã {label} "{record_id}" bị trùng (đã dùng ở dòng {seen[record_id]}); '
                                        "mỗi bản ghi cần một mã riêng", record_id, "id"))
            else:
                seen[record_id] = line
        ids[name] = set(seen)
    problems.extend(_check_unique_numbers(records, files))

    for source, pattern, target, label in REFERENCE_RULES:
        data = records.get(source) or (files[source].data if source in files else None)
        if data is None or target not in ids:
            continue
        for path, value in _walk(data, pattern):
            if value in ids[target]:
                continue
            line, column = mark_of(files[source].data, path)
            problems.append(Problem(
                files[source].path, line, column, "E-REF",
                f'{label} "{value}" không tồn tại trong {files[target].path}' + _suggest(value, ids[target]),
                _record_id(data, path), _field_name(path),
            ))
    return problems


def _field_name(path: tuple) -> str:
    """('agencies', 3, 'duties', 1, 'tasks', 0) -> 'duties[2].tasks'."""
    parts: list[str] = []
    for step in path[2:] if len(path) > 2 and isinstance(path[1], int) else path:
        if isinstance(step, int):
            if parts:
                parts[-1] += f"[{step + 1}]"
        else:
            parts.append(step)
    field = ".".join(parts)
    # the index into a list of ids is noise for editors: the column already points at it
    return field.rsplit("[", 1)[0] if path and isinstance(path[-1], int) else field


def _check_unique_numbers(records: dict[str, BaseModel], files: dict[str, LoadedFile]) -> list[Problem]:
    problems = []
    for name, field, attr, label in (("tasks", "tasks", "number", "số thứ tự nhiệm vụ"),
                                     ("deliverables", "deliverables", "number", "số thứ tự trong phụ lục"),
                                     ("agencies", "agencies", "section", "số mục ở phần IV")):
        if name not in records:
            continue
        seen: dict[int, str] = {}
        for index, record in enumerate(getattr(records[name], field)):
            number = getattr(record, attr)
            if number is None:
                continue
            if number in seen:
                line, column = mark_of(files[name].data, (field, index, attr))
                problems.append(Problem(files[name].path, line, column, "E-ID-DUP",
                                        f'{label} {number} bị trùng với bản ghi "{seen[number]}"', record.id, attr))
            else:
                seen[number] = record.id
    return problems
