"""Turn pydantic's validation errors into located, Vietnamese problems with stable codes."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from plansite.errors import Problem
from plansite.loader import LoadedFile, LocatedDict, key_mark_of, mark_of

_TYPE_NAMES = {
    str: "văn bản", int: "số nguyên", float: "số thập phân", bool: "đúng/sai",
    list: "danh sách", dict: "ánh xạ (khoá: giá trị)", type(None): "giá trị rỗng",
}


# The date errors raised by plansite/schema.py's own validators, with Vietnamese messages.
_OWN_DATE_ERRORS = {"date_format", "date_impossible", "date_order", "date_yearly"}


def _type_name(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind or (kind in (list, dict) and isinstance(value, kind)):
            return name
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last field of `loc` (for listing allowed fields)."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or step not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[step].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _literal_values(model: type[BaseModel], loc: tuple) -> list[str]:
    """The allowed values of the Literal field at `loc`, in the schema's order."""
    owner = _model_at(model, loc)
    name = loc[-1] if loc else None
    if owner is None or name not in owner.model_fields:
        return []
    pending = [owner.model_fields[name].annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Literal:
            return [str(arg) for arg in typing.get_args(annotation)]
        pending.extend(typing.get_args(annotation))
    return []


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X, X | None -> X, for walking nested models."""
    while True:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Union) or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
            annotation = args[0] if args else annotation
            if origin is list or len(args) == 1:
                continue
        return annotation


def _value_at(data: Any, loc: tuple) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def record_and_field(data: Any, loc: tuple) -> tuple[str | None, str | None]:
    """The id of the innermost record along `loc`, and the field path below it.

    The index into a list of ids is left out: the column already points at the id.
    """
    record, record_depth, node = None, 0, data
    for depth, step in enumerate(loc):
        if isinstance(node, LocatedDict) and isinstance(node.get("id"), str):
            record, record_depth = node["id"], depth
        node = _value_at(node, (step,))
    steps = loc[record_depth:]
    if steps and isinstance(steps[-1], int) and isinstance(_value_at(data, loc), str):
        steps = steps[:-1]
    field_parts = [str(s) if not isinstance(s, int) else f"[{s + 1}]" for s in steps]
    field = ".".join(field_parts).replace(".[", "[") or None
    return record, field


def _closest_field(model: type[BaseModel], data: Any, loc: tuple) -> str | None:
    """The field a misspelt key most likely means: the closest allowed name the record lacks.

    A field the record already has is not offered: renaming the key to it would make a
    duplicate key, so the stray key is something else.
    """
    owner = _model_at(model, loc)
    if owner is None:
        return None
    record = _value_at(data, loc[:-1])
    absent = [name for name in owner.model_fields if not (isinstance(record, dict) and name in record)]
    typed = str(loc[-1]).strip().lower().replace("-", "_").replace(" ", "_")
    close = difflib.get_close_matches(typed, absent, n=1, cutoff=0.7)
    return close[0] if close else None


def problems_from_validation(exc: ValidationError, loaded: LoadedFile, model: type[BaseModel]) -> list[Problem]:
    errors = exc.errors(include_url=False)
    # A misspelt key ("shorttitle") also leaves its field missing: one problem, with the hint, not two.
    meant = {tuple(e["loc"]): _closest_field(model, loaded.data, tuple(e["loc"]))
             for e in errors if e["type"] == "extra_forbidden"}
    explained = {loc[:-1] + (field,) for loc, field in meant.items() if field}
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing" and loc in explained:
            continue
        value = _value_at(loaded.data, loc)
        record, field = record_and_field(loaded.data, loc)
        line, column = mark_of(loaded.data, loc)
        code, message = _describe(kind, error, value, model, loc, meant.get(loc))
        if kind == "missing":  # nothing to point at but the record that lacks it
            line, column = mark_of(loaded.data, loc[:-1])
        elif kind == "extra_forbidden":  # the misspelt key itself, not its value
            line, column = key_mark_of(loaded.data, loc)
        problems.append(Problem(loaded.path, line, column, code, message, record, field))
    return problems


def _describe(kind: str, error: dict, value: Any, model: type[BaseModel], loc: tuple,
              meant: str | None = None) -> tuple[str, str]:
    ctx = error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return "E-FIELD-MISSING", f'thiếu trường bắt buộc "{name}"'
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = ", ".join(owner.model_fields) if owner else ""
        hint = f'có phải "{meant}"?' if meant else "gõ nhầm tên?"
        return "E-FIELD-UNKNOWN", f'trường "{name}" không có trong lược đồ ({hint}); các trường hợp lệ: {allowed}'
    if kind == "literal_error":
        allowed = _literal_values(model, loc)
        if not allowed:  # pydantic's own list, which ends in an English "or"
            return "E-VALUE", f'giá trị "{value}" không hợp lệ; các giá trị hợp lệ: {ctx.get("expected", "")}'
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f' (có phải "{close[0]}"?)' if close else ""
        return "E-VALUE", f'giá trị "{value}" không hợp lệ{hint}; các giá trị hợp lệ: {", ".join(allowed)}'
    if kind in ("html",):
        return "E-HTML", error["msg"]
    if kind in ("id",):
        return "E-ID", error["msg"]
    if kind.startswith("date_"):
        if kind not in _OWN_DATE_ERRORS:  # pydantic's own, in English
            return "E-DATE", f'"{value}" không phải một ngày hợp lệ; hãy viết ngày/tháng/năm, ví dụ 08/9/2020'
        return "E-DATE", error["msg"]
    if kind == "period":
        return "E-PERIOD", error["msg"]
    if kind == "empty_text":
        return "E-EMPTY-TEXT", error["msg"]
    if name == "quantity" or (loc and "quantity" in loc):
        return "E-QTY", f'số lượng "{value}" không hợp lệ; phải là số nguyên không âm, ví dụ 2'
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        relation = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}[kind]
        return "E-RANGE", f'giá trị {value} nằm ngoài khoảng cho phép (phải {relation} {bound})'
    if kind == "too_short":
        return "E-FIELD-MISSING", f'danh sách "{name}" cần ít nhất {ctx.get("min_length", 1)} mục'
    expected = {
        "string_type": "văn bản", "int_type": "số nguyên", "int_parsing": "số nguyên",
        "int_from_float": "số nguyên", "list_type": "danh sách", "model_type": "ánh xạ (các cặp khoá: giá trị)",
        "dict_type": "ánh xạ (các cặp khoá: giá trị)", "model_attributes_type": "ánh xạ (các cặp khoá: giá trị)",
        "bool_type": "đúng/sai (true/false)", "bool_parsing": "đúng/sai (true/false)",
    }.get(kind)
    if expected:
        return "E-TYPE", f"phải là {expected}, nhưng nhận được {_type_name(value)} ({_short(value)})"
    return "E-VALUE", f"giá trị {_short(value)} không hợp lệ ({error['msg']})"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"
