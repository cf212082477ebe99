"""Cross-reference checks: every id a record points at must exist, ids must be unique, and what a
record claims about the plan's text must stand in that text.

Which field points at which collection is declared on the schema fields themselves
(`Ref(...)`, `PlanRef(...)` in plansite/schema.py); `ref_fields()` reads those declarations, and
the model resolves ids with the same ones. Checks run on every file that could be read, from
its raw data if it failed the schema, so one run shows every mistake.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from plansite.errors import Problem
from plansite.folding import fold
from plansite.loader import mark_of
from plansite.names import names_document
from plansite.schema_errors import record_and_field
from plansite.schema import RefTarget, ref_target
from plansite.selfcheck_lint import check_problems

# Records that claim `verified: true` must rest on verified sources: content types with such records
VERIFIED_CLAIMS = ("guidance", "faq", "obligations")
# Numbers that must be unique within a plan: (content type, list field, number field, label)
UNIQUE_NUMBERS = [("tasks", "tasks", "number", "số thứ tự nhiệm vụ"),
                  ("deliverables", "deliverables", "number", "số thứ tự trong phụ lục"),
                  ("duties", "sections", "number", "số mục ở phần IV")]
# The words a duty's role stands for; the plan's text must use them (compared folded).
ROLE_WORDS = {"chu-tri": "chủ trì", "phoi-hop": "phối hợp"}


# Reading the declarations


@dataclass(frozen=True)
class RefField:
    name: str
    target: RefTarget | None  # set for a field of ids
    model: type[BaseModel] | None  # set for a field of nested records
    many: bool  # a list


def _shape(annotation: Any, metadata: tuple) -> tuple[RefTarget | None, type[BaseModel] | None, bool]:
    target, many = ref_target(metadata), False
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            target = target or ref_target(args[1:])
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is list:
            many, annotation = True, args[0]
        else:
            break
    model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return target, model, many


@functools.cache
def ref_fields(model: type[BaseModel]) -> tuple[RefField, ...]:
    """The fields of `model` that hold ids or nested records (which may hold ids)."""
    fields = []
    for name, info in model.model_fields.items():
        target, nested, many = _shape(info.annotation, tuple(info.metadata))
        if target or nested:
            fields.append(RefField(name, target, nested, many))
    return tuple(fields)


def _child(node: Any, name: str | int) -> Any:
    """A field of a validated record, or a key/index of raw YAML data from a file that failed the schema."""
    if isinstance(name, int):
        return node[name] if isinstance(node, (list, tuple)) and 0 <= name < len(node) else None
    return node.get(name) if isinstance(node, dict) else getattr(node, name, None)


def iter_refs(model: type[BaseModel], node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, RefTarget]]:
    """(path, id, target) for every id held by `node`, a record of `model` or its raw data.

    On raw data anything that is not text is skipped: the schema reports it.
    """
    for field in ref_fields(model):
        value = _child(node, field.name)
        if value is None:
            continue
        values = list(enumerate(value)) if field.many and isinstance(value, (list, tuple)) else \
            ([] if field.many else [(None, value)])
        for index, item in values:
            where = (*path, field.name) if index is None else (*path, field.name, index)
            if field.target and isinstance(item, str):
                yield where, item, field.target
            elif field.model and isinstance(item, (BaseModel, dict)):
                yield from iter_refs(field.model, item, where)


# The checks


def check_references(docs: list) -> list[Problem]:
    """Every cross-file check; `docs` are plansite.content.Doc (type, plan, file, record)."""
    problems: list[Problem] = []
    ids: dict[tuple[str | None, str], dict[str, int]] = {}  # (plan or None, collection) -> id -> line
    files: dict[tuple[str | None, str], str] = {}
    for doc in docs:
        files[(doc.plan, doc.type.name)] = doc.file.path
        if doc.type.items is None:
            continue
        items = _child(doc.data, doc.type.items) if doc.data is not None else None
        if not isinstance(items, (list, tuple)):
            continue  # unreadable: references into it cannot be checked
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            record_id = _child(item, "id") if isinstance(item, (BaseModel, dict)) else None
            if not isinstance(record_id, str):
                continue  # the schema reports a missing or malformed id
            line, column = mark_of(doc.file.data, (doc.type.items, index, "id"))
            if record_id in seen:
                problems.append(Problem(doc.file.path, line, column, "E-ID-DUP",
                                        f'mã {doc.type.label} "{record_id}" bị trùng (đã dùng ở dòng '
                                        f'{seen[record_id]}); mỗi bản ghi cần một mã riêng', record_id, "id"))
            else:
                seen[record_id] = line
        ids[(doc.plan, doc.type.name)] = seen
    plans = sorted({doc.plan for doc in docs if doc.plan})

    for doc in docs:
        if doc.data is None:
            continue
        for path, value, target in iter_refs(doc.type.model, doc.data):
            message = _unresolved(value, target, doc.plan, ids, files, plans)
            if message:
                line, column = mark_of(doc.file.data, path)
                record, field = record_and_field(doc.file.data, path)
                problems.append(Problem(doc.file.path, line, column, "E-REF", message, record, field))
    problems += _check_unique_numbers(docs)
    records = {doc.type.name: doc for doc in docs if doc.plan is None and doc.record is not None}
    if "references" in records:
        references = {r.id: r for r in records["references"].record.references}
        problems += check_verified_claims([d for d in docs if d.type.name in VERIFIED_CLAIMS and d.record],
                                          references, files[(None, "references")])
        problems += _check_statuses(records["references"])
        problems += _check_plan_words([d for d in docs if d.plan and d.record], references)
    problems += _check_roles([d for d in docs if d.type.name == "duties" and d.record])
    problems += _check_plan_shape([d for d in docs if d.plan and d.record])
    problems += _pending_review(docs)
    if "selfchecks" in records:
        problems.extend(_check_self_checks(records["selfchecks"], records.get("obligations"),
                                           [records[n] for n in ("businesses", "topics") if n in records]))
    return problems


def _unresolved(value: str, target: RefTarget, plan: str | None, ids: dict, files: dict,
                plans: list[str]) -> str | None:
    """Why `value` does not name a record of the target collection, or None if it does."""
    if target.qualified:
        if "/" not in value:
            return None  # the schema says how to write it
        plan, _, value = value.partition("/")
        if plan not in plans:
            return f'kế hoạch "{plan}" không có trong content/plans/' + _suggest(plan, plans)
    elif (plan, target.collection) not in ids:
        plan = None  # a shared collection, named from a plan's file
    known = ids.get((plan, target.collection))
    if known is None or value in known:
        return None  # the target file is unreadable (already reported), or the id exists
    where = files.get((plan, target.collection), target.collection)
    return f'{target.label} "{value}" không tồn tại trong {where}' + _suggest(value, known)


def _suggest(value: str, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    hint = f' (có phải "{close[0]}"?)' if close else ""
    shown = ", ".join(allowed[:12]) + (", …" if len(allowed) > 12 else "")
    return f"{hint}; các giá trị hợp lệ: {shown}"


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


def check_verified_claims(docs: list, references: dict, references_path: str) -> list[Problem]:
    """[E-UNVERIFIED]: a record marked verified cites something the data does not mark verified."""
    problems: list[Problem] = []
    for doc in docs:
        field = doc.type.items
        for index, record in enumerate(getattr(doc.record, field)):
            if not record.verified:
                continue
            for number, source in enumerate(record.sources):
                reference = references.get(source.ref)
                reason = reference and unverified_source(reference, source.article)
                if not reason:
                    continue  # an unknown id is already reported as [E-REF]
                line, column = mark_of(doc.file.data, (field, index, "sources", number))
                problems.append(Problem(
                    doc.file.path, line, column, "E-UNVERIFIED",
                    f"{reason}; hãy đặt verified: false, hoặc bổ sung điều đã kiểm chứng vào {references_path}",
                    record.id, f"sources[{number + 1}]"))
    return problems


def _check_self_checks(doc, obligations_doc, linking: list) -> list[Problem]:
    """The self-checks' own checks (plansite/selfcheck.py), and the check ids other files link to."""
    problems: list[Problem] = []
    obligations = {o.id: o for o in obligations_doc.record.obligations} if obligations_doc else {}
    for found in check_problems(doc.record, obligations):
        line, column = mark_of(doc.file.data, found.path)
        problems.append(Problem(doc.file.path, line, column, found.code, found.message, found.name, found.field))
    ids = [c.id for c in doc.record.checks]
    for other in linking:  # guidance/businesses.yml (selfchecks) and guidance/topics.yml (selfcheck)
        field_name = other.type.items
        for index, record in enumerate(getattr(other.record, field_name)):
            for attr in ("selfchecks", "selfcheck"):
                value = getattr(record, attr, None)
                for number, check_id in enumerate([value] if isinstance(value, str) else (value or [])):
                    if check_id in ids:
                        continue
                    path = (field_name, index, attr) + ((number,) if attr == "selfchecks" else ())
                    line, column = mark_of(other.file.data, path)
                    problems.append(Problem(other.file.path, line, column, "E-REF",
                                            f'bài tự kiểm tra "{check_id}" không tồn tại trong {doc.file.path}'
                                            + _suggest(check_id, ids), record.id, attr))
    return problems


def _check_plan_shape(docs: list) -> list[Problem]:
    """[E-PLAN]: tasks sit in a part of role "nhiem-vu", sections in the "to-chuc" part, rows in an appendix."""
    problems = []
    by_plan: dict[str, dict] = {}
    for doc in docs:
        by_plan.setdefault(doc.plan, {})[doc.type.name] = doc
    for own in by_plan.values():
        plan = own.get("plan")
        if plan is None or plan.record.text is None:
            continue
        text = plan.record.text
        task_parts = [p.number for p in text.parts_with("nhiem-vu")]
        if "tasks" in own:
            for i, task in enumerate(own["tasks"].record.tasks):
                if (task.part is None and not task_parts) or (task.part is not None and task.part not in task_parts):
                    line, column = mark_of(own["tasks"].file.data, ("tasks", i, "part" if task.part else "id"))
                    problems.append(Problem(own["tasks"].file.path, line, column, "E-PLAN",
                                            f'nhiệm vụ cần thuộc một phần có role "nhiem-vu" trong plan.yml; các '
                                            f"phần ấy: {', '.join(task_parts) or 'không có'}", task.id, "part"))
        if "duties" in own and own["duties"].record.sections and not text.parts_with("to-chuc"):
            problems.append(Problem(own["duties"].file.path, 1, 1, "E-PLAN",
                                    'duties.yml cần một phần có role "to-chuc" (tổ chức thực hiện) trong plan.yml'))
        if "deliverables" in own:
            for i, row in enumerate(own["deliverables"].record.deliverables):
                if row.appendix > len(text.appendices):
                    line, column = mark_of(own["deliverables"].file.data, ("deliverables", i, "appendix"))
                    problems.append(Problem(own["deliverables"].file.path, line, column, "E-PLAN",
                                            f"phụ lục thứ {row.appendix} không có trong text.appendices của plan.yml "
                                            f"(có {len(text.appendices)})", row.id, "appendix"))
                    continue
                keys = {c.key for c in text.appendices[row.appendix - 1].columns if c.field == "khac"}
                for c, cell in enumerate(row.cells):
                    if cell.column not in keys:
                        line, column = mark_of(own["deliverables"].file.data, ("deliverables", i, "cells", c, "column"))
                        problems.append(Problem(own["deliverables"].file.path, line, column, "E-PLAN",
                                                f'cột "{cell.column}" không có trong phụ lục; các cột khác: '
                                                f"{', '.join(sorted(keys)) or 'không có'}", row.id, "cells"))
    return problems


def _pending_review(docs: list) -> list[Problem]:
    """[W-REVIEW] (a warning): placeholders an import left for staff, and bodies or documents it could not match."""
    problems = []
    for doc in docs:
        if doc.record is None or doc.type.name not in ("plan", "tasks", "deliverables", "agencies", "references"):
            continue
        field = doc.type.items
        records = [doc.record] if field is None else getattr(doc.record, field)
        for i, record in enumerate(records):
            if doc.type.name in ("agencies", "references"):
                if not record.verified:
                    line, column = mark_of(doc.file.data, (field, i, "verified"))
                    what = f'đơn vị "{record.name}"' if doc.type.name == "agencies" else f'văn bản "{record.label}"'
                    problems.append(Problem(doc.file.path, line, column, "W-REVIEW",
                                            f"{what} là bản ghi tạm (verified: false) do công cụ nhập kế hoạch tạo, "
                                            "chỉ có chữ của kế hoạch: hãy kiểm chứng rồi đổi thành true",
                                            record.id, "verified", warning=True))
                continue
            if record.review:
                line, column = mark_of(doc.file.data, ("review",) if field is None else (field, i, "review"))
                problems.append(Problem(doc.file.path, line, column, "W-REVIEW",
                                        f"còn giá trị tạm cần cán bộ kiểm tra: {', '.join(record.review)}",
                                        getattr(record, "id", None), "review", warning=True))
    return problems


def _check_unique_numbers(docs: list) -> list[Problem]:
    problems = []
    for name, field, attr, label in UNIQUE_NUMBERS:
        for doc in docs:
            if doc.type.name != name or doc.record is None:
                continue
            seen: dict[tuple[int, int], str] = {}
            for index, record in enumerate(getattr(doc.record, field)):
                number = getattr(record, attr)
                key = (getattr(record, "appendix", 1), number)  # a row's number is unique within its appendix
                owner = getattr(record, "id", None) or getattr(record, "agency", None)
                if key in seen:
                    line, column = mark_of(doc.file.data, (field, index, attr))
                    problems.append(Problem(doc.file.path, line, column, "E-ID-DUP",
                                            f'{label} {number} bị trùng với bản ghi "{seen[key]}"', owner, attr))
                else:
                    seen[key] = owner
    return problems


def _check_statuses(doc) -> list[Problem]:
    """[E-STATUS]: a reference's status must agree with its amended_by / replaced_by / newer links."""
    problems: list[Problem] = []
    for index, ref in enumerate(doc.record.references):
        wrong = None
        if ref.replaced_by and ref.status != "bi-thay-the":
            wrong = f'có replaced_by "{ref.replaced_by}" nên status phải là "bi-thay-the"'
        elif ref.status == "bi-thay-the" and not ref.replaced_by:
            wrong = 'status "bi-thay-the" cần replaced_by (mã văn bản thay thế)'
        elif ref.newer and ref.status not in ("co-van-ban-moi", "bi-thay-the"):
            wrong = f'có newer "{ref.newer}" nên status phải là "co-van-ban-moi"'
        elif ref.status == "co-van-ban-moi" and not ref.newer:
            wrong = 'status "co-van-ban-moi" cần newer (mã văn bản mới)'
        elif ref.amended_by and ref.status not in ("da-sua-doi", "bi-thay-the", "co-van-ban-moi"):
            wrong = f'có amended_by nên status phải là "da-sua-doi" (hoặc "bi-thay-the"), không phải "{ref.status}"'
        elif ref.status == "da-sua-doi" and not ref.amended_by:
            wrong = 'status "da-sua-doi" cần amended_by (mã văn bản sửa đổi)'
        if wrong:
            line, column = mark_of(doc.file.data, ("references", index, "status"))
            problems.append(Problem(doc.file.path, line, column, "E-STATUS",
                                    f"tình trạng hiệu lực không khớp: {wrong}", ref.id, "status"))
    return problems


def _check_roles(docs: list) -> list[Problem]:
    """[E-ROLE]: a duty says "chủ trì" or "phối hợp" only where the plan's text uses that word."""
    problems = []
    for doc in docs:
        for s, section in enumerate(doc.record.sections):
            for d, duty in enumerate(section.duties):
                word = ROLE_WORDS.get(duty.role or "")
                if word and fold(word) not in fold(duty.text):
                    line, column = mark_of(doc.file.data, ("sections", s, "duties", d, "role"))
                    problems.append(Problem(
                        doc.file.path, line, column, "E-ROLE",
                        f'vai trò "{duty.role}" nhưng nguyên văn không có chữ "{word}"; chỉ ghi vai trò khi '
                        "Kế hoạch dùng đúng chữ ấy, nếu không hãy xoá dòng role",
                        section.agency, f"duties[{d + 1}].role"))
    return problems


def names_reference(text: str, reference: BaseModel) -> bool:
    """Whether `text` names the document: its number, a law's title, or one of its aliases (plansite/names.py)."""
    return names_document(text, reference)


def _check_plan_words(docs: list, references: dict) -> list[Problem]:
    """[E-CITE]: a plan's text is said to cite a document only where the text names it."""
    problems = []

    def check(doc, text: str, cites: list[str], path: tuple, record: str | None, field: str) -> None:
        for index, ref_id in enumerate(cites):
            reference = references.get(ref_id)
            if reference is None or names_reference(text, reference):
                continue  # an unknown id is reported as [E-REF]
            line, column = mark_of(doc.file.data, (*path, index))
            problems.append(Problem(
                doc.file.path, line, column, "E-CITE",
                f'nguyên văn không nhắc đến văn bản "{ref_id}" ({reference.label}); chỉ ghi những văn bản '
                "mà nguyên văn nêu", record, field))

    def check_items(doc, items, path: tuple, record: str | None, field: str) -> None:
        for i, item in enumerate(items):
            check(doc, item.text, item.cites, (*path, i, "cites"), record, f"{field}[{i + 1}].cites")

    for doc in docs:
        record = doc.record
        if doc.type.name == "plan" and record.text:
            check(doc, "\n".join(record.text.preamble), record.text.legal_basis, ("text", "legal_basis"), None,
                  "text.legal_basis")
            for p, part in enumerate(record.text.parts):
                check_items(doc, part.items, ("text", "parts", p, "items"), None, f"text.parts[{p + 1}].items")
        elif doc.type.name == "tasks":
            for i, task in enumerate(record.tasks):
                check(doc, task.text, task.cites, ("tasks", i, "cites"), task.id, "cites")
                check_items(doc, task.items, ("tasks", i, "items"), task.id, "items")
        elif doc.type.name == "duties":
            for s, section in enumerate(record.sections):
                for d, duty in enumerate(section.duties):
                    check(doc, duty.text, duty.cites, ("sections", s, "duties", d, "cites"), section.agency,
                          f"duties[{d + 1}].cites")
                    check_items(doc, duty.items, ("sections", s, "duties", d, "items"), section.agency,
                                f"duties[{d + 1}].items")
    return problems
