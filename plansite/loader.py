"""Read one YAML content file into plain Python data that remembers where each value was.

The loader is strict where PyYAML is lenient: duplicate keys, aliases and tab indentation
are mistakes here, because each of them can silently lose or multiply an editor's text.
Invisible, harmless deviations (BOM, CRLF, non-NFC text) are repaired and reported as
warnings; anything that could lose data is an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plansite.errors import Problem
from plansite.gc_tuning import paused

try:  # libyaml is several times faster on large collections; marks are the same.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _BaseLoader = yaml.SafeLoader

# Invisible characters no plan text needs: C0/C1 controls, zero-width space, line/paragraph
# separators, bidirectional overrides (they reorder what readers see), BOM, non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2028\u2029\u2066-\u2069"
                      r"\ufeff\ufffe\uffff]")
# Content nests five levels at most; far deeper input is a mistake or an attack on the parser.
MAX_DEPTH = 32
_EMPTY = "tệp rỗng; tệp nội dung phải có dữ liệu"

# libyaml's own words, in the terms an editor of this project can act on.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "có dấu hai chấm ở chỗ không được phép; "
                                      'văn bản có chứa ": " phải đặt trong dấu ngoặc kép',
    "could not find expected ':'": 'thiếu dấu hai chấm, hoặc dấu cách sau dấu hai chấm, sau tên trường '
                                   '(viết "tên: giá trị")',
    "did not find expected key": "thụt lề không khớp: dòng này không thẳng hàng với các trường cùng cấp",
    "did not find expected '-' indicator": "thụt lề không khớp: mục này không thẳng hàng với các mục cùng danh sách",
    "did not find expected ',' or ']'": 'thiếu dấu "]" đóng danh sách, hoặc thiếu dấu phẩy giữa các mục',
    "did not find expected ',' or '}'": 'thiếu dấu "}" đóng, hoặc thiếu dấu phẩy giữa các mục',
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng: văn bản chạy đến hết tệp",
    "found character that cannot start any token": 'giá trị bắt đầu bằng ký tự đặc biệt (như @, `, %); '
                                                   "hãy đặt cả giá trị trong dấu ngoặc kép",
    "invalid Unicode character escape": 'trong dấu ngoặc kép, "\\u…" phải là một mã Unicode hợp lệ',
    "found unknown escape character": 'trong dấu ngoặc kép, dấu "\\" phải viết thành "\\\\"; '
                                      "hoặc dùng dấu ngoặc đơn",
    "but found another document": 'mỗi tệp chỉ có một tài liệu YAML; hãy xoá dòng "---"',
    "could not determine a constructor for the tag": 'không dùng thẻ YAML (bắt đầu bằng "!"); hãy viết giá trị bình thường',
    "found undefined alias": "không dùng neo/bí danh YAML (&, *); hãy viết đầy đủ giá trị",
    "expected <block end>": "thụt lề không khớp với các dòng phía trên",
}


class LocatedDict(dict):
    """A mapping that knows the line and column of each key and value (1-based)."""

    key_marks: dict[str, tuple[int, int]]
    value_marks: dict[str, tuple[int, int]]
    mark: tuple[int, int]


class LocatedList(list):
    """A sequence that knows the line and column of each item (1-based)."""

    item_marks: list[tuple[int, int]]
    mark: tuple[int, int]


@dataclass
class LoadedFile:
    path: str  # as shown to editors: relative to the project root, with '/'
    data: Any
    problems: list[Problem]


class _YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):
    display_path = ""

    def construct_object(self, node, deep=False):
        """PyYAML's constructors raise bare ValueError/KeyError… on input such as `!!int abc`."""
        try:
            return super().construct_object(node, deep=deep)
        except (_YamlProblem, yaml.YAMLError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            raise _YamlProblem(self._problem(node, "E-YAML", f'không đọc được giá trị "{_node_text(node)}"')) from None

    # Most values are plain strings: taking them straight from the node skips PyYAML's
    # generic construct_object(), which large files call hundreds of thousands of times.
    def _value(self, node):
        if node.tag == _STR_TAG and node.__class__ is yaml.ScalarNode:
            return node.value
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node, deep=False):  # noqa: ARG002 - signature of PyYAML
        if not isinstance(node, yaml.MappingNode):
            raise _YamlProblem(self._problem(node, "E-YAML", "cần một ánh xạ (khoá: giá trị)"))
        result = LocatedDict()
        result.key_marks, result.value_marks = {}, {}
        result.mark = _mark(node)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _YamlProblem(
                    self._problem(key_node, "E-ALIAS", "không dùng khoá gộp '<<' của YAML; hãy viết đầy đủ từng trường")
                )
            key = self._value(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = result.key_marks[key][0]
                raise _YamlProblem(
                    self._problem(
                        key_node,
                        "E-DUP-KEY",
                        f'khoá "{key}" xuất hiện hai lần trong cùng một ánh xạ (lần đầu ở dòng {first}); '
                        "YAML sẽ lặng lẽ bỏ mất một giá trị, hãy giữ lại một",
                    )
                )
            result[key] = self._value(value_node)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result

    def construct_sequence(self, node, deep=False):  # noqa: ARG002
        if not isinstance(node, yaml.SequenceNode):
            raise _YamlProblem(self._problem(node, "E-YAML", "cần một danh sách (các dòng bắt đầu bằng dấu -)"))
        result = LocatedList([self._value(child) for child in node.value])
        result.item_marks = [_mark(child) for child in node.value]
        result.mark = _mark(node)
        return result

    def _problem(self, node, code, message) -> Problem:
        line, column = _mark(node)
        return Problem(self.display_path, line, column, code, message)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Dates are written 08/9/2020 and parsed by the schema; an ISO date stays text, so the schema
# can say which form to use instead of PyYAML failing on 2020-13-45.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_scalar)


def _node_text(node: yaml.Node) -> str:
    text = node.value if isinstance(node, yaml.ScalarNode) else node.tag
    return text if len(text) <= 40 else text[:37] + "…"


def _syntax_message(detail: str) -> str:
    hint = next((hint for key, hint in _SYNTAX_HINTS.items() if key in detail), None)
    if hint:
        return f"lỗi cú pháp YAML: {hint} (chi tiết: {detail})"
    return f"lỗi cú pháp YAML ({detail}); kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép"


def _check_nodes(root: yaml.Node, path: str) -> list[Problem]:
    """Aliases and absurd nesting are rejected before construction, so an alias bomb costs nothing."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line, column = _mark(node)
        if id(node) in seen:
            # an alias is the very node it names, so its place is where the anchor (&) was set
            return [Problem(path, line, column, "E-ALIAS",
                            "không dùng neo/bí danh YAML (&, *); hãy viết đầy đủ giá trị tại mỗi chỗ dùng")]
        if depth > MAX_DEPTH:
            return [Problem(path, line, column, "E-YAML",
                            f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; kiểm tra lại thụt lề và dấu ngoặc")]
        seen.add(id(node))
        # children are pushed last-first so that nodes are visited in document order and the
        # problem reported is the first one an editor would meet reading the file
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, depth + 1), (key, depth + 1)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))
    return []


def _normalise_strings(data: Any, path: str, problems: list[Problem], mark=(1, 1)) -> Any:
    """NFC-normalise every string, warning once per value that changed; reject escaped controls."""
    if isinstance(data, str):
        found = _CONTROL.search(data)
        if found:  # typed as an escape ("\x07") inside quotes, so the line scan did not see it
            problems.append(Problem(path, mark[0], mark[1], "E-CTRL",
                                    f"có ký tự điều khiển vô hình U+{ord(found.group()):04X} "
                                    "(viết dạng mã thoát trong dấu ngoặc kép); hãy xoá ký tự này"))
        nfc = unicodedata.normalize("NFC", data)
        if nfc != data:
            problems.append(
                Problem(path, mark[0], mark[1], "W-NFC",
                        "văn bản không ở dạng Unicode NFC (dấu tiếng Việt tách rời); đã tự chuẩn hoá, "
                        "không cần sửa nhưng nên lưu lại tệp ở dạng NFC", warning=True)
            )
        return nfc
    if isinstance(data, LocatedDict):
        for key in list(data):
            data[key] = _normalise_strings(data[key], path, problems, data.value_marks[key])
        return data
    if isinstance(data, LocatedList):
        for i, item in enumerate(data):
            data[i] = _normalise_strings(item, path, problems, data.item_marks[i])
        return data
    return data


@paused
def load_file(file: Path, display_path: str) -> LoadedFile:
    """Load one file. Never raises for bad content: problems are returned with the data."""
    problems: list[Problem] = []
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return LoadedFile(display_path, None, [Problem(display_path, 1, 1, "E-FILE",
                                                       f"không đọc được tệp ({exc.strerror})")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(display_path, 1, 1, "W-BOM",
                                "tệp bắt đầu bằng ký tự BOM vô hình; đã bỏ qua, nên lưu lại dạng UTF-8 không BOM",
                                warning=True))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1  # characters, as editors count
        problems.append(Problem(display_path, line, column, "E-ENCODING",
                                f"tệp không phải UTF-8 (byte 0x{raw[exc.start]:02x}); hãy lưu lại tệp với mã hoá UTF-8"))
        return LoadedFile(display_path, None, problems)
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        problems.append(Problem(display_path, line, 1, "W-CRLF",
                                "tệp dùng kiểu xuống dòng Windows (CRLF); đã tự chuyển sang LF", warning=True))
    if "\t" in text or _CONTROL.search(text):  # the line-by-line scan only where it can find something
        for number, line_text in enumerate(text.split("\n"), start=1):
            indent = len(line_text) - len(line_text.lstrip(" \t"))
            if "\t" in line_text[:indent]:
                problems.append(Problem(display_path, number, line_text.index("\t") + 1, "E-TAB",
                                        "thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách (mỗi cấp 2 dấu cách)"))
            found = _CONTROL.search(line_text)
            if found:
                problems.append(Problem(display_path, number, found.start() + 1, "E-CTRL",
                                        f"có ký tự điều khiển vô hình U+{ord(found.group()):04X}; hãy xoá ký tự này"))
    if any(not p.warning for p in problems):
        return LoadedFile(display_path, None, problems)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n")):
        problems.append(Problem(display_path, 1, 1, "E-EMPTY", _EMPTY))
        return LoadedFile(display_path, None, problems)

    loader = _Loader(text)
    loader.display_path = display_path
    try:
        root = loader.get_single_node()
        if root is None:
            problems.append(Problem(display_path, 1, 1, "E-EMPTY", _EMPTY))
            return LoadedFile(display_path, None, problems)
        rejected = _check_nodes(root, display_path)
        if rejected:
            return LoadedFile(display_path, None, problems + rejected)
        data = loader.construct_document(root)
    except _YamlProblem as exc:
        return LoadedFile(display_path, None, problems + [exc.problem])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _syntax_message(exc.problem or "cú pháp không hợp lệ")
        # An unclosed bracket or quote is found lines later; where it opened is what to fix.
        opened = exc.context or ""
        if exc.context_mark and ("flow" in opened or "quoted" in opened) and exc.context_mark.line != mark.line:
            message += f"; dấu mở ngoặc ở dòng {exc.context_mark.line + 1}, cột {exc.context_mark.column + 1}"
        # "name:value" without a space is read as one word and the error surfaces a line later;
        # the line to fix is the one where that word started.
        if exc.context_mark and "simple key" in opened:
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        problems.append(Problem(display_path, line, column, "E-YAML", message))
        return LoadedFile(display_path, None, problems)
    except yaml.YAMLError as exc:
        problems.append(Problem(display_path, 1, 1, "E-YAML", _syntax_message(str(exc))))
        return LoadedFile(display_path, None, problems)
    except RecursionError:  # the parser itself recurses before _check_nodes can count levels
        problems.append(Problem(display_path, 1, 1, "E-YAML",
                                f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; kiểm tra lại thụt lề và dấu ngoặc"))
        return LoadedFile(display_path, None, problems)
    finally:
        loader.dispose()
    if data is None:  # a file holding only "---" or "null"
        problems.append(Problem(display_path, 1, 1, "E-EMPTY", _EMPTY))
        return LoadedFile(display_path, None, problems)
    # Every string value is a piece of the text cut at YAML syntax, so an NFC text has only NFC
    # values, unless an escape ("\u0301") writes a character the text does not contain.
    if "\\" in text or not unicodedata.is_normalized("NFC", text):
        data = _normalise_strings(data, display_path, problems)
    return LoadedFile(display_path, data, problems)


def key_mark_of(data: Any, path: tuple) -> tuple[int, int]:
    """The line and column of the key that ends `path`, e.g. a misspelt field name."""
    parent = data
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return mark_of(data, path)
    if isinstance(parent, LocatedDict) and path and path[-1] in parent.key_marks:
        return parent.key_marks[path[-1]]
    return mark_of(data, path)


def mark_of(data: Any, path: tuple) -> tuple[int, int]:
    """The line and column of the value at `path` (keys and indexes), or its nearest parent."""
    mark = getattr(data, "mark", (1, 1))
    node = data
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            mark = node.value_marks[step]
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark
