"""Cross-reference checks: every id a record points at must exist, and ids must be unique."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from plansite.errors import Problem
from plansite.loader import LoadedFile, mark_of
from plansite.selfcheck import example_problems

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
    ("topics", ("topics", "*", "tasks"), "tasks", "nhiệm vụ"),
    ("topics", ("topics", "*", "agencies"), "agencies", "đơn vị"),
    ("businesses", ("kinds", "*", "checklist", "*", "item"), "guidance", "nội dung hướng dẫn"),
    ("businesses", ("kinds", "*", "tasks"), "tasks", "nhiệm vụ"),
    ("businesses", ("kinds", "*", "deliverables"), "deliverables", "sản phẩm"),
    ("guidance", ("items", "*", "topic"), "topics", "chủ đề"),
    ("guidance", ("items", "*", "business_kinds"), "businesses", "loại hình doanh nghiệp"),
    ("guidance", ("items", "*", "sources", "*", "ref"), "references", "văn bản căn cứ"),
    ("public", ("tasks",), "tasks", "nhiệm vụ"),
    ("faq", ("questions", "*", "sources", "*", "ref"), "references", "văn bản căn cứ"),
    ("selfchecks", ("declaration", "sources", "*", "ref"), "references", "văn bản căn cứ"),
    ("selfchecks", ("epr", "sources", "*", "ref"), "references", "văn bản căn cứ"),
    ("selfchecks", ("epr", "exemption_sources", "*", "ref"), "references", "văn bản căn cứ"),
    ("selfchecks", ("epr", "deadlines", "*", "sources", "*", "ref"), "references", "văn bản căn cứ"),
]

# Records that claim `verified: true` must rest on verified sources: (content type, list field)
VERIFIED_CLAIMS = [("guidance", "items"), ("faq", "questions")]

# Collections whose records carry ids: content type -> (list field, label in messages)
COLLECTIONS = {
    "tasks": ("tasks", "nhiệm vụ"),
    "deliverables": ("deliverables", "sản phẩm"),
    "agencies": ("agencies", "đơn vị"),
    "references": ("references", "văn bản"),
    "glossary": ("terms", "thuật ngữ"),
    "topics": ("topics", "chủ đề"),
    "businesses": ("kinds", "loại hình doanh nghiệp"),
    "guidance": ("items", "nội dung hướng dẫn"),
    "faq": ("questions", "câu hỏi"),
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
    # These rules read validated records of several files; each runs once its files pass the schema.
    if {"references", *(name for name, _ in VERIFIED_CLAIMS)} <= set(records):
        problems.extend(check_verified_claims(records, files))
    if "references" in records:
        problems.extend(_check_statuses(records, files))
    if "selfchecks" in records:
        problems.extend(_check_self_checks(records, files))
    return problems


def unverified_source(reference: BaseModel, article: str | None) -> str | None:
    """Why citing `reference` (at `article`) cannot back a verified claim, or None if it can.

    A cited article must be listed in the reference's `verified_articles`; a whole document
    can only be cited when something about it is verified (its title or a fact).
    """
    if article is not None:
        if article in reference.verified_articles:
            return None
        allowed = ", ".join(reference.verified_articles) or "chưa có điều nào"
        return (f'"{article}" của văn bản "{reference.id}" chưa được kiểm chứng '
                f"(các điều đã kiểm chứng: {allowed})")
    if reference.title or reference.facts:
        return None
    return f'văn bản "{reference.id}" chưa có trích yếu hay nội dung nào được kiểm chứng'


def check_verified_claims(records: dict[str, BaseModel], files: dict[str, LoadedFile]) -> list[Problem]:
    """[E-UNVERIFIED]: a record marked verified cites something the data does not mark verified."""
    problems: list[Problem] = []
    references = {r.id: r for r in records["references"].references}
    for name, field in VERIFIED_CLAIMS:
        for index, record in enumerate(getattr(records[name], field)):
            if not record.verified:
                continue
            for number, source in enumerate(record.sources):
                reference = references.get(source.ref)
                reason = reference and unverified_source(reference, source.article)
                if not reason:
                    continue  # an unknown id is already reported as [E-REF]
                line, column = mark_of(files[name].data, (field, index, "sources", number))
                problems.append(Problem(
                    files[name].path, line, column, "E-UNVERIFIED",
                    f"{reason}; hãy đặt verified: false, hoặc bổ sung điều đã kiểm chứng vào "
                    f"{files['references'].path}", record.id, f"sources[{number + 1}]"))
    return problems


def _check_self_checks(records: dict[str, BaseModel], files: dict[str, LoadedFile]) -> list[Problem]:
    """Sector and product-group ids are answers in a form: unique within their list; worked examples hold."""
    problems: list[Problem] = []
    checks = records["selfchecks"]
    for part, field, label in (("declaration", "sectors", "ngành"), ("epr", "groups", "nhóm sản phẩm")):
        seen: set[str] = set()
        for index, entry in enumerate(getattr(getattr(checks, part), field)):
            if entry.id in seen:
                line, column = mark_of(files["selfchecks"].data, (part, field, index, "id"))
                problems.append(Problem(files["selfchecks"].path, line, column, "E-ID-DUP",
                                        f'mã {label} "{entry.id}" bị trùng; mỗi {label} cần một mã riêng',
                                        entry.id, "id"))
            seen.add(entry.id)
    if not problems:  # the worked examples walk the trees, which need unique ids
        for found in example_problems(checks):
            line, column = mark_of(files["selfchecks"].data, found.path)
            problems.append(Problem(files["selfchecks"].path, line, column, found.code, found.message,
                                    found.name, found.field))
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


def _check_statuses(records: dict[str, BaseModel], files: dict[str, LoadedFile]) -> list[Problem]:
    """[E-STATUS]: a reference's status must agree with its amended_by / replaced_by links."""
    problems: list[Problem] = []
    for index, ref in enumerate(records["references"].references):
        wrong = None
        if ref.replaced_by and ref.status != "bi-thay-the":
            wrong = f'có replaced_by "{ref.replaced_by}" nên status phải là "bi-thay-the"'
        elif ref.status == "bi-thay-the" and not ref.replaced_by:
            wrong = 'status "bi-thay-the" cần replaced_by (mã văn bản thay thế)'
        elif ref.amended_by and ref.status not in ("da-sua-doi", "bi-thay-the"):
            wrong = f'có amended_by nên status phải là "da-sua-doi" (hoặc "bi-thay-the"), không phải "{ref.status}"'
        elif ref.status == "da-sua-doi" and not ref.amended_by:
            wrong = 'status "da-sua-doi" cần amended_by (mã văn bản sửa đổi)'
        if wrong:
            line, column = mark_of(files["references"].data, ("references", index, "status"))
            problems.append(Problem(files["references"].path, line, column, "E-STATUS",
                                    f"tình trạng hiệu lực không khớp: {wrong}", ref.id, "status"))
    return problems
