"""`make import SRC=… PLAN=…`: a plan document (.docx or .md) into a plan folder, content/plans/<id>/.

The reader (plansite/plan_reader.py) gives paragraphs and tables; this module finds the parts
of the usual administrative form in them (heading block, title, preamble, parts I, II, …,
closing, recipients, signature, appendices), links documents and bodies by the one name
matcher (plansite/names.py), and writes plan.yml, tasks.yml, duties.yml and deliverables.yml.

What the document does not give is filled with a placeholder and marked for review (`review`):
a task's id and short title, a row's id and the tasks it serves. A body or a document that
matches nothing already recorded becomes a stub (`verified: false`) with the plan's words
only, appended to agencies.yml or references.yml. A role (chủ trì, phối hợp) is recorded only
when the duty's own words say it ([E-ROLE]).

Safety: nothing is written unless the whole content, with the new folder, passes the checks of
`make check` (in a copy); an existing folder is replaced only with `force`; the same input
gives the same bytes; `main` is never set.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plansite import names
from plansite.content import PLANS_DIR, load_site
from plansite.errors import ContentError
from plansite.folding import fold
from plansite.loader import load_file
from plansite.periods import parse_period
from plansite.plan_reader import Document, Paragraph, Table, read, split_label
from plansite.schema import AgencyFile, ReferenceFile, _ID


class ImportError_(Exception):  # noqa: N801 - not the built-in ImportError
    """The document cannot be imported; the message says why, in Vietnamese."""


# Reading the parts of the form

_PART_ROLES = [("muc-dich", ("muc dich", "yeu cau")), ("muc-tieu", ("muc tieu",)),
               ("nhiem-vu", ("nhiem vu", "giai phap", "noi dung")), ("kinh-phi", ("kinh phi",)),
               ("to-chuc", ("to chuc thuc hien",))]
_KINDS = {"ke hoach": "ke-hoach", "quyet dinh": "quyet-dinh", "chi thi": "chi-thi", "nghi quyet": "nghi-quyet"}
_DOCUMENT_KINDS = {"luat": "luat", "nghi quyet": "nghi-quyet", "nghi dinh": "nghi-dinh", "quyet dinh": "quyet-dinh",
                   "chi thi": "chi-thi", "thong tu": "thong-tu", "ke hoach": "ke-hoach"}
_SIGNATURE = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s")
_NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<digits>\d*)\s*/\s*(?P<suffix>\S+)\s*$")
_DATE_LINE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})?\s*$")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_ATTACHED = re.compile(r"^\(\s*Kèm theo .*?(?P<by>\bcủa\b.*?)?\s*\)\s*$")
_RULE = re.compile(r"^[-_=.*–— ]{3,}$")


def part_role(heading: str) -> str:
    folded = fold(heading)
    for role, words in _PART_ROLES:
        if any(word in folded for word in words):
            return role
    return "khac"


def _kind_of_label(label: str | None) -> str:
    if label is None:
        return "none"
    if re.fullmatch(r"\d+(\.\d+)+\.?", label):
        return "decimal" + str(label.rstrip(".").count("."))
    if re.fullmatch(r"\d+\.", label):
        return "number"
    if re.fullmatch(r"[a-zđ]\)", label):
        return "letter"
    if label in ("-", "–", "•", "▪"):
        return "dash"
    if label == "+":
        return "plus"
    return "other:" + label


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass
class RawItem:
    label: str | None
    text: str
    level: int
    heading: bool = False


@dataclass
class RawPart:
    number: str
    heading: str
    role: str
    items: list[RawItem] = field(default_factory=list)


@dataclass
class RawAppendix:
    title: str
    caption: str | None = None
    attached_by: str | None = None
    table: Table | None = None


@dataclass
class RawPlan:
    issuer_lines: list[str] = field(default_factory=list)
    motto_lines: list[str] = field(default_factory=list)
    number_digits: str = ""
    number_suffix: str = ""
    place: str = ""
    day: str = ""
    month: str = ""
    year: str = ""
    kind: str = ""
    title_lines: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    parts: list[RawPart] = field(default_factory=list)
    closing: str | None = None
    recipients_heading: str | None = None
    recipients: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    signer: str | None = None
    appendices: list[RawAppendix] = field(default_factory=list)
    rejoined: int = 0  # paragraphs split by a page break, joined again


def _flatten_layout(table: Table) -> list[Paragraph]:
    """A layout table (heading block; recipients beside the signature) read column by column."""
    out = []
    for column in table.column_texts():
        for line in column:
            label, rest = split_label(names.clean(line))
            out.append(Paragraph([rest], label, False))
    return out


def _is_layout(table: Table, before_title: bool) -> bool:
    """A table that lays text out rather than holding data: the heading block, or recipients beside the signature."""
    lines = [line for row in table.rows for c in row for line in c.text.split("\n")]
    return before_title or any(fold(line).startswith("noi nhan") or _SIGNATURE.match(line) for line in lines)


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ".;:!?)”\"" or text.rstrip().endswith("./.")


def _rejoin(blocks: list) -> tuple[list, int]:
    """Paragraphs split by a page break: an unnumbered paragraph starting in lower case continues
    the one before it when that one does not end a sentence."""
    out: list = []
    joined = 0
    for block in blocks:
        previous = out[-1] if out else None
        if (isinstance(block, Paragraph) and isinstance(previous, Paragraph) and block.label is None
                and block.text[:1].islower() and not _ends_sentence(previous.text) and not previous.heading):
            previous.lines[-1] = f"{previous.lines[-1]} {block.lines[0]}"
            previous.lines += block.lines[1:]
            joined += 1
            continue
        out.append(block)
    return out, joined


def parse(document: Document) -> RawPlan:
    """The parts of the administrative form, in the document's order."""
    plan = RawPlan()
    blocks: list = []
    title_seen = False
    for block in document.blocks:
        if isinstance(block, Table) and _is_layout(block, not title_seen):
            blocks += _flatten_layout(block)
            continue
        if isinstance(block, Paragraph):
            if not title_seen and fold(block.lines[0]).strip() in _KINDS:
                title_seen = True
            if title_seen:  # a tab in the text is a space; in the heading block it parts the two columns
                block.lines = [line.replace("\t", " ") for line in block.lines]
            else:
                block.lines = [part.strip() for line in block.lines for part in line.split("\t") if part.strip()]
        blocks.append(block)
    blocks, plan.rejoined = _rejoin(blocks)

    roman = any(isinstance(b, Paragraph) and b.label and re.fullmatch(r"[IVXL]+\.", b.label) for b in blocks)

    def starts_part(block: Paragraph) -> bool:
        if not block.label:
            return False
        if roman:
            return bool(re.fullmatch(r"[IVXL]+\.", block.label))
        # Some plans number their parts 1., 2.: a heading in capitals, or one whose words name a part's role
        return bool(re.fullmatch(r"\d+\.", block.label)) and (
            is_upper(block.text) or (block.heading and part_role(block.text) != "khac"))

    stage = "head"
    stack: list[str] = []
    part: RawPart | None = None
    appendix: RawAppendix | None = None
    for block in blocks:
        if isinstance(block, Table):
            if appendix is not None and appendix.table is None:
                appendix.table = block
                continue
            raise ImportError_("có một bảng không nằm trong phụ lục nào (trước bảng cần dòng \"PHỤ LỤC\"); "
                               "hãy kiểm tra lại tệp")
        text, label = block.text, block.label
        folded = fold(text)
        if stage == "head":
            for index, line in enumerate(block.lines):
                full = f"{label} {line}" if label and index == 0 else line
                if _RULE.match(full):
                    continue
                if fold(full).strip() in _KINDS and not plan.kind:
                    plan.kind = full
                    stage = "title"
                    continue
                if stage == "title":
                    plan.title_lines.append(full)
                    continue
                number = _NUMBER_LINE.match(full)
                date = _DATE_LINE.match(full)
                if number:
                    plan.number_digits, plan.number_suffix = number.group("digits"), number.group("suffix")
                elif date:
                    plan.place = date.group("place").strip()
                    plan.day, plan.month, plan.year = date.group("day"), date.group("month"), date.group("year") or ""
                elif fold(full).strip() in _MOTTO:
                    plan.motto_lines.append(full)
                else:
                    plan.issuer_lines.append(full)
            continue
        if stage == "title":
            # the subject under "KẾ HOẠCH": bold or a heading, or (not bold) the first paragraph, up to the preamble
            if label is None and (block.heading or not plan.title_lines) and not folded.startswith(
                    ("can cu", "thuc hien")):
                plan.title_lines += block.lines
                continue
            stage = "preamble"
        whole = (label + " " + text) if label else text
        if starts_part(block) and stage in ("preamble", "body"):
            part = RawPart(label.rstrip("."), text, part_role(text))
            plan.parts.append(part)
            stage, stack = "body", []
            continue
        if stage == "preamble":
            plan.preamble.append(whole)
            continue
        if re.match(r"^phu luc\b", folded) and label is None and block.heading or (
                stage in ("closing", "signature", "appendix") and re.match(r"^phu luc\b", folded) and is_upper(text)):
            appendix = RawAppendix(block.lines[0])
            plan.appendices.append(appendix)
            rest = block.lines[1:]
            for line in rest:
                _appendix_line(appendix, line)
            stage = "appendix"
            continue
        if stage == "appendix":
            for index, line in enumerate(block.lines):
                _appendix_line(appendix, f"{label} {line}" if label and index == 0 else line)
            continue
        if folded.startswith("noi nhan"):
            plan.recipients_heading = text
            stage = "recipients"
            continue
        if _SIGNATURE.match(whole) or (stage in ("recipients", "closing", "signature") and is_upper(whole)
                                       and label is None):
            for line in block.lines:
                if _SIGNATURE.match(line) or is_upper(line) or line.startswith("("):
                    plan.signature_lines.append(line)
                else:
                    plan.signer = line
            stage = "signature"
            continue
        if stage == "signature" and label is None:
            if text.startswith("("):  # "(Đã ký)", "(đã ký và đóng dấu)": the signature's own lines
                plan.signature_lines.append(text)
            else:
                plan.signer = text
            continue
        if stage == "recipients":
            plan.recipients.append(text)
            continue
        if stage == "body" and label is None and text.rstrip().endswith("./."):
            plan.closing = text
            stage = "closing"
            continue
        if stage == "body" and part is not None:
            kind = _kind_of_label(label)
            if kind == "none":
                level = len(stack) or 1
            elif kind in stack:
                level = stack.index(kind) + 1
                del stack[level:]
            else:
                stack.append(kind)
                level = len(stack)
            part.items.append(RawItem(label, text, level, block.heading))
            continue
        raise ImportError_(f'không biết đặt đoạn này vào đâu: "{whole[:80]}…"')
    if not plan.kind:
        raise ImportError_('không tìm thấy tên loại văn bản (dòng "KẾ HOẠCH") ở đầu văn bản')
    if not plan.parts:
        raise ImportError_('không tìm thấy phần nào của kế hoạch (đánh số La Mã "I. MỤC ĐÍCH, YÊU CẦU", "II. …", '
                           'hoặc "1. MỤC ĐÍCH, YÊU CẦU" viết hoa)')
    return plan


def _appendix_line(appendix: RawAppendix, line: str) -> None:
    attached = _ATTACHED.match(line)
    if attached:
        appendix.attached_by = (attached.group("by") or "").strip() or None
    elif appendix.caption is None:
        appendix.caption = line
    else:
        appendix.caption = f"{appendix.caption} {line}"


# Linking to what the content already holds


def slug(text: str, limit: int = 8) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words[:limit]) or "ban-ghi"


@dataclass
class _NewAgency:
    """A body this import adds: what the name matcher needs of it."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class _NewReference:
    id: str
    kind: str
    number: str
    title: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Links:
    """The content's bodies and documents, and the stubs this import adds."""

    agencies: list[Any]
    references: list[Any]
    new_agencies: list[dict] = field(default_factory=list)
    new_references: list[dict] = field(default_factory=list)
    unlinked_numbers: list[str] = field(default_factory=list)

    def agency(self, name: str) -> str:
        name = name.strip().rstrip(";.,:").strip()
        found = names.agency_called(name, self.agencies)
        if found is not None:
            return found.id
        stub_id = slug(name)
        taken = {a.id for a in self.agencies}
        base, n = stub_id, 2
        while stub_id in taken:
            stub_id, n = f"{base}-{n}", n + 1
        self.agencies.append(_NewAgency(stub_id, name))
        self.new_agencies.append({"id": stub_id, "name": name, "kind": "chua-ro", "verified": False})
        return stub_id

    def documents(self, text: str) -> list[str]:
        """The documents `text` names; a number with a known kind that nothing matches becomes a stub."""
        for match in names.DOCUMENT_NUMBER.finditer(names.clean(text)):
            number = match.group()
            if any(r.number and fold(r.number) == fold(number) for r in self.references):
                continue
            before = fold(names.clean(text)[:match.start()]).rstrip()
            before = re.sub(r"\s*so$", "", before)
            kind = next((k for word, k in _DOCUMENT_KINDS.items() if before.endswith(word)), None)
            if kind is None:
                if number not in self.unlinked_numbers:
                    self.unlinked_numbers.append(number)
                continue
            stub_id, taken, n = slug(f"{kind} {number}"), {r.id for r in self.references}, 2
            while stub_id in taken:
                stub_id, n = f"{slug(f'{kind} {number}')}-{n}", n + 1
            self.references.append(_NewReference(stub_id, kind, number))
            self.new_references.append({"id": stub_id, "kind": kind, "number": number, "verified": False})
        return names.documents_named(text, self.references)


def duty_role(text: str) -> str | None:
    """"chu-tri" or "phoi-hop" when the duty's own words say so: the first of the two it uses."""
    folded = fold(text)
    found = [(folded.find(word), role) for word, role in (("chu tri", "chu-tri"), ("phoi hop", "phoi-hop"))
             if word in folded]
    return min(found)[1] if found else None


# Building the records


def _item(raw: RawItem, links: Links, level: int) -> dict:
    out: dict = {}
    if raw.label:
        out["label"] = raw.label
    if level != 1:
        out["level"] = level
    out["text"] = raw.text
    cites = links.documents(raw.text)
    if cites:
        out["cites"] = cites
    return out


def short_title(text: str, words: int = 8) -> str:
    head = text.split()[:words]
    return " ".join(head).rstrip(".,;:") + ("…" if len(text.split()) > words else "")


def _period_from(title: str) -> str | None:
    folded = fold(title)
    for pattern, make in ((r"giai doan (\d{4})\s*-\s*(\d{4})", lambda m: f"Giai đoạn {m[1]}-{m[2]}"),
                          (r"den nam (\d{4})", lambda m: f"Đến năm {m[1]}"),
                          (r"nam (\d{4})", lambda m: f"Năm {m[1]}")):
        match = re.search(pattern, folded)
        if match:
            return make(match)
    return None


_COLUMN_FIELDS = [("so-thu-tu", ("tt", "stt", "so tt")), ("chu-tri", ("chu tri",)), ("phoi-hop", ("phoi hop",)),
                  ("don-vi-tinh", ("don vi tinh",)), ("so-luong", ("so luong",)), ("thoi-gian", ("thoi gian",)),
                  ("danh-muc", ("danh muc", "noi dung", "nhiem vu", "ten"))]


def _column_field(title: str) -> str:
    folded = fold(title).strip()
    for name, words in _COLUMN_FIELDS:
        if folded in words or any(w in folded for w in words if len(w) > 3):
            return name
    return "khac"


def _leaf_columns(table: Table) -> tuple[list[dict], int]:
    """The table's columns as titles with their merged group, and how many rows the header takes."""
    header = max(1, max(c.rowspan for c in table.rows[0]))  # the header: as tall as its tallest first-row cell
    grid: list[list[tuple[str, bool]]] = [[] for _ in range(header)]  # (text, spans columns)
    pending: dict[int, int] = {}
    for r in range(header):
        col = 0
        for cell in table.rows[r]:
            while pending.get(col, 0) > r:
                col += 1
            for k in range(cell.colspan):
                while len(grid[r]) <= col + k:
                    grid[r].append(("", False))
                grid[r][col + k] = (cell.text, cell.colspan > 1)
                for below in range(r + 1, r + cell.rowspan):
                    while len(grid[below]) <= col + k:
                        grid[below].append(("", False))
                    grid[below][col + k] = (cell.text, False)
                pending[col + k] = r + cell.rowspan
            col += cell.colspan
    columns = []
    for index in range(max(len(row) for row in grid)):
        title = grid[-1][index][0] if index < len(grid[-1]) else ""
        group = next((grid[r][index][0] for r in range(header - 1) if index < len(grid[r]) and grid[r][index][1]),
                     None)
        columns.append({"title": title, "group": group})
    return columns, header


def _appendix(raw: RawAppendix, number: int, links: Links, taken_rows: set[str]) -> tuple[dict, list[dict]]:
    if raw.table is None:
        raise ImportError_(f'phụ lục "{raw.title}" không có bảng')
    columns, header = _leaf_columns(raw.table)
    rows = [[c.text for c in row] for row in raw.table.rows[header:]]
    for column in columns:
        column["field"] = _column_field(column["title"])
    fields = [c["field"] for c in columns]
    if "danh-muc" not in fields:  # the first column that is neither a number nor known is the description
        first = next((i for i, f in enumerate(fields) if f == "khac"), None)
        if first is None:
            raise ImportError_(f'bảng của phụ lục "{raw.title}" không có cột danh mục, nội dung')
        columns[first]["field"] = "danh-muc"
    seen = set()
    for index, column in enumerate(columns):  # a known field once; a second one is kept as an other column
        cells = [row[index] if index < len(row) else "" for row in rows]
        if column["field"] in seen or (column["field"] == "so-luong" and not all(re.fullmatch(r"\d*", c) for c in cells)) \
                or (column["field"] == "thoi-gian" and not all(_period_ok(c) for c in cells if c)):
            column["field"] = "khac"
        seen.add(column["field"])
        if column["field"] == "khac":
            key, n = slug(column["title"], 4), 2
            while any(c.get("key") == key for c in columns):
                key, n = f"{slug(column['title'], 4)}-{n}", n + 1
            column["key"] = key
        if column["field"] in ("chu-tri", "phoi-hop"):
            ends = {c.rstrip()[-1:] for c in cells if c.strip()}
            if len(ends) == 1 and ends <= {".", ";"}:
                column["end"] = ends.pop()
    deliverables = []
    rows = [row for row in rows if any(c.strip() for c in row)]
    for position, row in enumerate(rows, start=1):  # a row's number is its place: the table's order
        record: dict = {"id": "", "appendix": number}
        cells, lead, coordinators = [], [], []
        number_value = position
        for index, column in enumerate(columns):
            value = row[index].strip() if index < len(row) else ""
            name = column["field"]
            if name == "so-thu-tu" and value and value != str(position):
                record["label"] = value  # "I", "02", "1.a": the TT as written, when it is not the row's place
            elif name == "danh-muc":
                record["description"] = value
            elif name in ("chu-tri", "phoi-hop"):
                value = value[:-len(column["end"])] if column.get("end") and value.endswith(column["end"]) else value
                bodies = [links.agency(v) for v in re.split(r";\s*|\n", value) if v.strip()]
                (lead if name == "chu-tri" else coordinators).extend(bodies)
            elif name == "don-vi-tinh" and value:
                record["unit"] = value
            elif name == "so-luong" and value:
                record["quantity"] = int(value)
            elif name == "thoi-gian" and value:
                record["period"] = value
            elif name == "khac" and value:
                cells.append({"column": column["key"], "text": value})
        if not record.get("description"):
            raise ImportError_(f'dòng {position} của phụ lục "{raw.title}" không có nội dung ở cột danh mục')
        row_id = f"san-pham-{number_value}" if number == 1 else f"phu-luc-{number}-san-pham-{number_value}"
        while row_id in taken_rows:
            row_id += "-b"
        taken_rows.add(row_id)
        ordered = {"id": row_id}
        if number != 1:
            ordered["appendix"] = number
        ordered["number"] = number_value
        if "label" in record:
            ordered["label"] = record["label"]
        ordered["description"] = record["description"]
        if lead:
            ordered["lead"] = lead
        if coordinators:
            ordered["coordinators"] = coordinators
        for key in ("unit", "quantity", "period"):
            if key in record:
                ordered[key] = record[key]
        if cells:
            ordered["cells"] = cells
        ordered["tasks"] = []
        ordered["review"] = ["id", "tasks"]
        deliverables.append(ordered)
    out_columns = []
    for column in columns:
        entry = {"title": column["title"], "field": column["field"]}
        for key in ("key", "group", "end"):
            if column.get(key):
                entry[key] = column[key]
        out_columns.append(entry)
    appendix = {"title": raw.title}
    if raw.caption:
        appendix["caption"] = raw.caption
    if raw.attached_by:
        appendix["attached_by"] = raw.attached_by
    appendix["columns"] = out_columns
    return appendix, deliverables


def _period_ok(text: str) -> bool:
    try:
        parse_period(text)
        return True
    except ValueError:
        return False


@dataclass
class Imported:
    """The plan folder's files as data, and what the report says."""

    plan: dict
    tasks: list[dict]
    sections: list[dict]
    deliverables: list[dict]
    links: Links
    raw: RawPlan


def build(raw: RawPlan, links: Links, period: str | None = None, issuer_id: str | None = None) -> Imported:
    title = " ".join(raw.title_lines).strip()
    if not title:
        raise ImportError_('không tìm thấy tên (trích yếu) của kế hoạch sau dòng "KẾ HOẠCH"')
    period = period or _period_from(title)
    if period is None:
        raise ImportError_(f'tên kế hoạch "{title}" không nêu năm hay giai đoạn; hãy chạy lại với '
                           'PERIOD="Năm 2027" (hoặc "Giai đoạn 2026-2030", "Đến năm 2030")')
    issuer_name = " ".join(raw.issuer_lines)
    issuer = names.agency_called(issuer_name, links.agencies) if issuer_name else None
    if issuer_id is not None:
        issuer = next((a for a in links.agencies if a.id == issuer_id), None)
        if issuer is None:
            raise ImportError_(f'ISSUER="{issuer_id}" không có trong content/agencies.yml')
    if issuer is None:
        said = re.search(r"((?:Ủy|Uỷ) ban nhân dân [^,;]+?|UBND [^,;]+?) ban hành", " ".join(raw.preamble))
        issuer = names.agency_called(said.group(1), links.agencies) if said else None
    if issuer is None:
        raise ImportError_("không xác định được cơ quan ban hành từ khối đầu văn bản hay phần căn cứ; hãy chạy "
                           'lại với ISSUER=<mã cơ quan trong content/agencies.yml>, ví dụ ISSUER=ubnd-thanh-pho')
    number = f"{raw.number_digits}/{raw.number_suffix}" if raw.number_digits else None
    date = (f"{int(raw.day):02d}/{int(raw.month)}/{raw.year}" if raw.day and raw.month and raw.year else None)
    kind = _KINDS.get(fold(raw.kind).strip(), "ke-hoach")

    text: dict = {}
    if raw.issuer_lines:
        text["issuer_lines"] = raw.issuer_lines
    if raw.motto_lines:
        text["motto_lines"] = raw.motto_lines
    text["kind"] = raw.kind
    text["place"] = raw.place or "Hà Nội"
    text["number_suffix"] = raw.number_suffix or "KH-UBND"
    if not date and raw.year:
        text["draft_year"] = int(raw.year)
    if not raw.preamble:
        raise ImportError_('không tìm thấy phần căn cứ ("Căn cứ …;" hoặc "Thực hiện …") trước phần I')
    text["preamble"] = raw.preamble
    text["legal_basis"] = links.documents("\n".join(raw.preamble))

    tasks: list[dict] = []
    sections: list[dict] = []
    parts = []
    first_task_part = next((p.number for p in raw.parts if p.role == "nhiem-vu"), None)
    for raw_part in raw.parts:
        part: dict = {"number": raw_part.number, "heading": raw_part.heading, "role": raw_part.role}
        items: list[dict] = []
        if raw_part.role == "nhiem-vu":
            current = None
            for raw_item in raw_part.items:
                if raw_item.level == 1 and raw_item.label:
                    number_ = len(tasks) + 1
                    current = {"id": f"nhiem-vu-{number_}", "number": number_}
                    if raw_part.number != first_task_part:
                        current["part"] = raw_part.number
                    if raw_item.label != f"{number_}.":
                        current["label"] = raw_item.label
                    current["short_title"] = short_title(raw_item.text)
                    current["text"] = raw_item.text
                    current["items"] = []
                    cites = links.documents(raw_item.text)
                    if cites:
                        current["cites"] = cites
                    current["review"] = ["id", "short_title"]
                    tasks.append(current)
                elif current is None:
                    items.append(_item(raw_item, links, raw_item.level))
                else:
                    current["items"].append(_item(raw_item, links, max(1, raw_item.level - 1)))
            for task in tasks:
                if not task["items"]:
                    task.pop("items", None)
        elif raw_part.role == "to-chuc":
            section = None
            for raw_item in raw_part.items:
                if raw_item.level == 1 and raw_item.label:
                    heading, _, inline = raw_item.text.partition(":")
                    section_number = len(sections) + 1
                    agency = links.agency(heading)
                    section = {"number": section_number, "agency": agency}
                    known = names.agency_called(heading, links.agencies)
                    if known is not None and names.clean(heading).rstrip(":") != known.name:
                        section["heading"] = names.clean(heading)
                    if inline.strip():
                        section["inline"] = True
                        section["duties"] = [_duty(None, inline.strip(), links, agency)]
                    else:
                        section["duties"] = []
                    sections.append(section)
                elif section is None:
                    items.append(_item(raw_item, links, raw_item.level))
                elif raw_item.level <= 2 or not section["duties"]:
                    section["duties"].append(_duty(raw_item.label, raw_item.text, links, section["agency"]))
                else:
                    section["duties"][-1].setdefault("items", []).append(
                        _item(raw_item, links, max(1, raw_item.level - 2)))
            for section in sections:
                if not section["duties"]:
                    raise ImportError_(f'mục {section["number"]} của phần tổ chức thực hiện không giao ý nào')
        else:
            items = [_item(i, links, i.level) for i in raw_part.items]
        if items:
            part["items"] = items
        parts.append(part)
    text["parts"] = parts
    if raw.closing:
        text["closing"] = raw.closing
    if raw.recipients_heading:
        text["recipients_heading"] = raw.recipients_heading
    if raw.recipients:
        text["recipients"] = raw.recipients
    if raw.signature_lines:
        text["signature"] = {"lines": raw.signature_lines, **({"name": raw.signer} if raw.signer else {})}
    deliverables: list[dict] = []
    if raw.appendices:
        appendices, taken = [], set()
        for number_, raw_appendix in enumerate(raw.appendices, start=1):
            appendix, rows = _appendix(raw_appendix, number_, links, taken)
            appendices.append(appendix)
            deliverables += rows
        text["appendices"] = appendices

    label = "Kế hoạch" if kind == "ke-hoach" else raw.kind.capitalize()
    plan: dict = {
        "short_title": f"{label} {number}" if number else f"{label} {period[0].lower()}{period[1:]} (dự thảo)",
        "title": title,
        "kind": kind,
        "issuer": issuer.id,
        "status": "ban-hanh" if number and date else "du-thao",
        "number": number,
        "date": date,
        "period": period,
        "review": ["short_title"],
        "text": text,
    }
    return Imported(plan, tasks, sections, deliverables, links, raw)


def _duty(label: str | None, text: str, links: Links, agency: str) -> dict:
    duty: dict = {}
    if label:
        duty["label"] = label
    duty["text"] = text
    role = duty_role(text)
    if role:
        duty["role"] = role
    cites = links.documents(text)
    if cites:
        duty["cites"] = cites
    named = [a for a in names.agencies_named(text, links.agencies) if a != agency]
    if named:
        duty["names"] = named
    return duty


# Writing: YAML with long texts folded, as staff write it; the same data always gives the same bytes


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = ">" if len(value) > 72 and "\n" not in value and value == value.strip() and "  " not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96, indent=2,
                     default_flow_style=False)


def _header(schema: str, lines: list[str]) -> str:
    return "".join([f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n",
                    *(f"# {line}\n" for line in lines)])


def files_of(imported: Imported, source_name: str) -> dict[str, str]:
    made = f"Nhập bằng make import từ {source_name}; các bản ghi có review giữ giá trị tạm cần cán bộ kiểm tra."
    files = {"plan.yml": _header("plan", [made, "Tên ngắn (short_title) là giá trị tạm: hãy sửa cho dễ đọc."])
             + dump(imported.plan)}
    files["tasks.yml"] = _header("tasks", [made, "id, short_title: giá trị tạm; id là địa chỉ trang, không đổi "
                                                 "sau khi đã đăng."]) + dump({"tasks": imported.tasks})
    files["duties.yml"] = _header("duties", [made, 'role: chỉ ghi khi nguyên văn dùng chữ "chủ trì", "phối hợp".']) \
        + dump({"sections": imported.sections})
    if imported.deliverables:
        files["deliverables.yml"] = _header("deliverables", [made, "tasks: văn bản không nêu dòng nào phục vụ "
                                                                   "nhiệm vụ nào; hãy điền rồi xoá review."]) \
            + dump({"deliverables": imported.deliverables})
    return files


def _appended(path: Path, records: list[dict], plan_id: str) -> str:
    """The shared file with the stubs added at the end of its list (the file's own text kept)."""
    text = path.read_text(encoding="utf-8")
    if not records:
        return text
    block = dump(records)
    block = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    note = (f"  # Bản ghi tạm do make import tạo từ kế hoạch {plan_id}: chỉ có chữ của kế hoạch, "
            "chưa kiểm chứng (verified: false).\n")
    return text.rstrip("\n") + "\n\n" + note + block


# The whole import


@dataclass
class Result:
    folder: Path
    report: str
    warnings: list[str]


def import_plan(source: Path, plan_id: str, root: Path, force: bool = False, period: str | None = None,
                issuer: str | None = None) -> Result:
    """Read `source`, write content/plans/<plan_id>/ under `root` (and any stubs); raise ImportError_ if it cannot."""
    if not _ID.match(plan_id):
        raise ImportError_(f'mã kế hoạch "{plan_id}" không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch '
                           'ngang, ví dụ "kh-267-2025"')
    content = root / "content"
    folder = content / PLANS_DIR / plan_id
    if folder.exists() and not force:
        raise ImportError_(f"thư mục {folder.relative_to(root)} đã có; chạy lại với FORCE=1 để ghi đè")
    if not source.is_file():
        raise ImportError_(f"không thấy tệp {source}")
    try:
        document = read(source)
    except ValueError as exc:
        raise ImportError_(str(exc)) from None
    agencies_file = AgencyFile.model_validate(load_file(content / "agencies.yml", "agencies.yml").data)
    references_file = ReferenceFile.model_validate(load_file(content / "references.yml", "references.yml").data)
    links = Links(list(agencies_file.agencies), list(references_file.references))
    imported = build(parse(document), links, period, issuer)
    files = files_of(imported, source.name)
    shared = {"agencies.yml": _appended(content / "agencies.yml", links.new_agencies, plan_id),
              "references.yml": _appended(content / "references.yml", links.new_references, plan_id)}

    # Check everything in a copy first: a failed import writes nothing.
    with tempfile.TemporaryDirectory(prefix="plansite-import-") as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content, copy)
        if (copy / PLANS_DIR / plan_id).exists():
            shutil.rmtree(copy / PLANS_DIR / plan_id)
        (copy / PLANS_DIR / plan_id).mkdir(parents=True)
        for name, text in files.items():
            (copy / PLANS_DIR / plan_id / name).write_text(text, encoding="utf-8")
        for name, text in shared.items():
            (copy / name).write_text(text, encoding="utf-8")
        try:
            loaded = load_site(copy, Path(scratch))
        except ContentError as exc:
            raise ImportError_("kế hoạch đọc được nhưng chưa qua kiểm tra nội dung, nên chưa ghi gì:\n" + str(exc)) \
                from None
        warnings = [p.format() for p in loaded.warnings]

    staging = Path(tempfile.mkdtemp(prefix=f".import-{plan_id}-", dir=content / PLANS_DIR))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    for name, text in shared.items():
        target = content / name
        if target.read_text(encoding="utf-8") != text:
            temporary = target.with_name(f".{name}.import")
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, target)
    return Result(folder, report(imported, plan_id), warnings)


def report(imported: Imported, plan_id: str) -> str:
    """What was recognised, in counts, and what staff must still check (Vietnamese)."""
    raw, links = imported.raw, imported.links
    text = imported.plan["text"]
    roles = {}
    for part in text["parts"]:
        roles.setdefault(part["role"], []).append(part["number"])
    targets = sum(len(p.get("items", [])) for p in text["parts"] if p["role"] == "muc-tieu")
    duties = sum(len(s["duties"]) for s in imported.sections)
    lines = [f"Đã nhập kế hoạch vào content/plans/{plan_id}/.", "", "Nhận ra:",
             f"- {len(text['parts'])} phần: " + "; ".join(
                 f"{p['number']}. {p['heading']}" for p in text["parts"]),
             f"- {targets} mục tiêu (các mục của phần Mục tiêu)",
             f"- {len(imported.tasks)} nhiệm vụ, {sum(len(t.get('items', [])) for t in imported.tasks)} mục con",
             f"- {duties} ý được giao cho {len(imported.sections)} đơn vị:"]
    agency_names = {a.id: a.name for a in links.agencies}
    lines += [f"  - {s.get('heading') or agency_names.get(s['agency'], s['agency'])}: {len(s['duties'])} ý"
              for s in imported.sections]
    rows = imported.deliverables
    lines += [f"- {len(text.get('appendices', []))} phụ lục, {len(rows)} dòng (sản phẩm)",
              f"- phần căn cứ: {len(text['preamble'])} đoạn; câu kết: {'có' if raw.closing else 'không có'}; "
              f"nơi nhận: {len(raw.recipients)} dòng; chữ ký: {'có' if raw.signature_lines else 'không có'}"]
    if raw.rejoined:
        lines.append(f"- {raw.rejoined} đoạn bị ngắt trang đã được nối lại")
    lines += ["", "Cán bộ cần kiểm tra:",
              f"- tên ngắn của kế hoạch (short_title): \"{imported.plan['short_title']}\" là giá trị tạm",
              f"- {len(imported.tasks)} nhiệm vụ có mã và tên ngắn tạm (review: id, short_title) trong tasks.yml"]
    if rows:
        lines.append(f"- {len(rows)} dòng phụ lục có mã tạm và chưa ghi nhiệm vụ liên quan (review: id, tasks) "
                     "trong deliverables.yml")
    for agency in links.new_agencies:
        lines.append(f"- đơn vị chưa có trong agencies.yml, đã thêm bản ghi tạm \"{agency['id']}\" "
                     f"(verified: false): {agency['name']}")
    for reference in links.new_references:
        lines.append(f"- văn bản chưa có trong references.yml, đã thêm bản ghi tạm \"{reference['id']}\" "
                     f"(verified: false): {reference['number']}")
    for number in links.unlinked_numbers:
        lines.append(f"- số văn bản {number} không rõ loại văn bản, chưa liên kết: hãy thêm vào references.yml nếu cần")
    if not text.get("appendices"):
        lines.append("- văn bản không có phụ lục")
    lines += ["", "Xem trước: make serve; kiểm tra: make check (liệt kê các giá trị tạm với mã W-REVIEW)."]
    return "\n".join(lines)
