"""A parsed plan (plansite/plan_parse.py) as the records of a plan folder, linked to the content.

Documents and bodies are linked by the one name matcher (plansite/names.py). A body or a
document that matches nothing becomes a stub with the plan's words only (`verified: false`).
What the document does not give is a placeholder listed in `review`: a task's id and short
title, a row's id and the tasks it serves, the plan's short title. A role (chủ trì, phối hợp) is
recorded only when the duty's own words say it ([E-ROLE]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plansite import names
from plansite.folding import fold
from plansite.periods import parse_period
from plansite.plan_parse import PLAN_KINDS, ImportError_, RawAppendix, RawItem, RawPlan
from plansite.plan_reader import Table

# The word before a document's number ("Quyết định số …") -> its kind, for a stub's `kind`.
DOCUMENT_KINDS = {"luat": "luat", "nghi quyet": "nghi-quyet", "nghi dinh": "nghi-dinh", "quyet dinh": "quyet-dinh",
                   "chi thi": "chi-thi", "thong tu": "thong-tu", "ke hoach": "ke-hoach"}


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
            kind = next((k for word, k in DOCUMENT_KINDS.items() if before.endswith(word)), None)
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
    kind = PLAN_KINDS.get(fold(raw.kind).strip(), "ke-hoach")

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


