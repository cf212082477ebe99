"""Read a plan document (.md or .docx) into a flat list of blocks: paragraphs and tables, in order.

This is the only place that knows file formats; plansite/plan_import.py reads the blocks.

- Every text is NFC with no-break spaces as spaces (plansite/names.py `clean`); words never change.
  A Word paragraph keeps its tabs (one per run of them) for the importer, which reads a heading
  block typed with tabs as two columns and a tab anywhere else as a space.
- A paragraph keeps its hard line breaks as `lines` (a title over three lines, a signature block).
- `label` is the paragraph's numbering ("1.", "a)", "-", "+", "1.1."), whether it was typed in
  the text or produced by Word's list numbering, which `paragraph.text` does not contain: it is
  read from the paragraph's properties (`w:numPr`) and the document's numbering part, through
  python-docx's objects.
- Markup is not text: Markdown's `#`, `**`, `*`, a whole-paragraph bold or heading becomes
  `heading`; subscript (`<sub>…</sub>` or a Word subscript run) becomes `~…~`, as content files
  write it.
- A table is its rows of cells, each with its span (merged cells in Word; in a Markdown or
  tab-separated table an empty header cell continues the one on its left or above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plansite.names import clean

# Numbering typed at the start of a paragraph: "1.", "1.1.", "2.3", "a)", "đ)", "-", "–", "+", "•".
# A Roman numeral ("I.", "IV.") names a part.
LABEL = re.compile(r"^(?P<label>[IVXL]+\.|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|[a-zđ]\)|[-–+•])\s+(?P<rest>\S.*)$", re.S)


@dataclass
class Paragraph:
    lines: list[str]  # the paragraph's text, split at its hard line breaks
    label: str | None = None
    heading: bool = False  # a heading, or bold as a whole: a part, a body, a title

    @property
    def text(self) -> str:
        return " ".join(line for line in self.lines if line)


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]

    def column_texts(self) -> list[list[str]]:
        """Each column's lines, top to bottom (a layout table: heading block, recipients and signature)."""
        columns: list[list[str]] = []
        for row in self.rows:
            for index, cell in enumerate(row):
                while len(columns) <= index:
                    columns.append([])
                columns[index] += [line for line in cell.text.split("\n") if line.strip()]
        return columns


@dataclass
class Document:
    blocks: list[Paragraph | Table] = field(default_factory=list)


def split_label(text: str) -> tuple[str | None, str]:
    """("1.", "Triển khai …") from "1. Triển khai …"; (None, text) when it has no typed numbering."""
    match = LABEL.match(text)
    if not match:
        return None, text
    return match.group("label"), match.group("rest")


def read(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".md", ".markdown", ".txt"):
        return read_markdown(path.read_text(encoding="utf-8-sig"))
    raise ValueError(f'không đọc được tệp "{path.name}": chỉ nhận .docx hoặc .md')


# Markdown (and the plain-text exports pasted into it)

_HEADING = re.compile(r"^#{1,6}\s+")
_SUB = re.compile(r"<sub>(.*?)</sub>", re.S)
_SUP = re.compile(r"<sup>(.*?)</sup>", re.S)
_STRONG = re.compile(r"(\*\*\*|\*\*|___|__)(.+?)\1", re.S)
_RULE = re.compile(r"^\s*[-_=*]{3,}\s*$")


def _inline(text: str) -> tuple[str, bool]:
    """Text without Markdown emphasis, and whether all of it was emphasised (a heading in disguise)."""
    text = _SUB.sub(lambda m: f"~{m.group(1)}~", text)
    text = _SUP.sub(lambda m: f"^{m.group(1)}^", text)
    stripped = text.strip()
    whole = bool(stripped) and bool(re.fullmatch(r"(\*{1,3}|_{1,3}).+?\1", stripped, re.S))
    text = _STRONG.sub(lambda m: m.group(2), text)
    if re.fullmatch(r"\*[^*]+\*", text.strip()):  # italic as a whole: "*Nơi nhận:*"
        text = text.strip()[1:-1]
    return clean(text), whole


def _table_row(line: str) -> list[str]:
    if line.lstrip().startswith("|"):
        return [clean(c) for c in line.strip().strip("|").split("|")]
    return [clean(c) for c in line.split("\t")]


def _markdown_table(lines: list[str]) -> Table:
    rows = [_table_row(line) for line in lines if not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line)]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = 0  # header rows: those before the first row that starts with a number
    while header < len(rows) and not re.fullmatch(r"\d+\.?", rows[header][0]):
        header += 1
    cells: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out = []
        for c, text in enumerate(row):
            if r < header:
                if not text:
                    if r == 0 and c > 0 and out and header > 1 and rows[1][c]:
                        out[-1].colspan += 1  # a cell merged over two columns: empty on its right
                    elif r == 0:
                        out.append(Cell(""))
                    continue  # below the first row: under a cell that spans the header's rows
                cell = Cell(text)
                if header > 1 and r == 0 and text and not any(rows[k][c] for k in range(1, header)):
                    cell.rowspan = header
                out.append(cell)
            else:
                out.append(Cell(text))
        cells.append(out)
    return Table(cells)


def read_markdown(source: str) -> Document:
    document = Document()
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        lines = list(block)
        block.clear()
        if all("\t" in line or line.lstrip().startswith("|") for line in lines):
            document.blocks.append(_markdown_table(lines))
            return
        # A run of list items: one paragraph each; other lines join, hard breaks ("  ", "\\") kept.
        current: list[str] = []
        heading = False
        groups: list[tuple[list[str], bool]] = []
        for raw in lines:
            line = raw.rstrip("\n")
            is_heading = bool(_HEADING.match(line))
            line = _HEADING.sub("", line)
            if re.match(r"^\s*([-+*]|\d{1,2}\.)\s+\S", line) and current:
                groups.append((current, heading))
                current, heading = [], False
            hard = line.endswith("  ") or line.endswith("\\")
            current.append(line.rstrip("\\").rstrip() + ("\n" if hard else ""))
            heading = heading or is_heading
        groups.append((current, heading))
        for group, is_heading in groups:
            text = " ".join(group)
            parts = [p for p in (seg.strip() for seg in text.split("\n"))]
            lines_out, whole = [], True
            for part in parts:
                if not part:
                    continue
                plain, emphasised = _inline(part)
                whole = whole and emphasised
                lines_out.append(plain)
            if not lines_out or all(_RULE.match(line) for line in lines_out):
                continue
            first = lines_out[0]
            label, rest = split_label(first)
            if label == "*":
                label = "-"
            if label:
                lines_out[0] = rest
            document.blocks.append(Paragraph(lines_out, label, is_heading or whole))

    for line in source.splitlines():
        if line.strip():
            block.append(line)
        else:
            flush()
    flush()
    return document


# Word, through python-docx

# Word's private-use bullet glyphs (Symbol and Wingdings fonts), as the characters they show.
_BULLETS = {"\uf02d": "-", "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "•", "\uf076": "•", "\u2013": "–"}
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return "abcdeghiklmnopqrstuvxy"[(number - 1) % 22] if number <= 22 else str(number)
    if fmt == "upperLetter":
        return "ABCDEGHIKLMNOPQRSTUVXY"[(number - 1) % 22] if number <= 22 else str(number)
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    return str(number)


class _Numbering:
    """Word's list numbering, read from the numbering part: each paragraph's label, counted in order."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        try:
            self.part = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self.part = None
        self.counters: dict[str, list[int]] = {}
        self.started: set[int] = set()  # numIds already used: a restart (startOverride) applies once

    def _levels(self, num_id: int) -> tuple[str, dict[int, tuple[str, str, int]]] | None:
        qn = self.qn
        num = self.part.num_having_numId(num_id) if self.part is not None else None
        if num is None:
            return None
        abstract_id = num.abstractNumId.val
        abstract = next((a for a in self.part.findall(qn("w:abstractNum"))
                         if a.get(qn("w:abstractNumId")) == str(abstract_id)), None)
        if abstract is None:
            return None
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl")))
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[ilvl] = (fmt.get(qn("w:val")) if fmt is not None else "decimal",
                            text.get(qn("w:val")) if text is not None else "",
                            int(start.get(qn("w:val"))) if start is not None else 1)
        return str(abstract_id), levels

    def label(self, paragraph) -> str | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        if num_pr is None:
            style = paragraph.style
            while style is not None and num_pr is None:  # numbering set on the paragraph's style
                s_pr = style.element.pPr
                num_pr = s_pr.numPr if s_pr is not None else None
                style = style.base_style
        if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
            return None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        found = self._levels(num_pr.numId.val)
        if found is None:
            return None
        key, levels = found
        counters = self.counters.setdefault(key, [])
        while len(counters) <= ilvl:
            level = len(counters)
            counters.append(levels.get(level, ("decimal", "", 1))[2] - 1)
        if num_pr.numId.val not in self.started:  # a list that starts again: w:lvlOverride/w:startOverride
            self.started.add(num_pr.numId.val)
            num = self.part.num_having_numId(num_pr.numId.val)
            for override in num.findall(self.qn("w:lvlOverride")):
                start = override.find(self.qn("w:startOverride"))
                level = int(override.get(self.qn("w:ilvl")))
                if start is not None and level < len(counters):
                    counters[level] = int(start.get(self.qn("w:val"))) - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):  # a new item restarts the levels below it
            counters[deeper] = levels.get(deeper, ("decimal", "", 1))[2] - 1
        fmt, text, _ = levels.get(ilvl, ("decimal", "%1.", 1))
        if fmt == "bullet":
            return _BULLETS.get(text, text) or "-"
        return re.sub(r"%(\d)", lambda m: _format(counters[int(m.group(1)) - 1],
                                                 levels.get(int(m.group(1)) - 1, ("decimal",))[0]), text)


def _runs_text(paragraph) -> tuple[str, bool]:
    """The paragraph's text with subscripts as ~…~, and whether every visible run is bold."""
    out, bold = [], True
    runs = []
    for item in paragraph.iter_inner_content():  # runs, and the runs inside hyperlinks (not in .runs)
        runs += item.runs if hasattr(item, "runs") else [item]
    for run in runs:
        text = run.text
        if not text:
            continue
        if run.font.subscript:
            text = f"~{text}~"
        if text.strip() and not (run.bold or (run.bold is None and paragraph.style.font.bold)):
            bold = False
        out.append(text)
    joined = "".join(out)
    if not joined.strip():
        joined = paragraph.text  # text in fields or hyperlinks only
        bold = False
    return joined, bold


def _keep_tabs(line: str) -> str:
    """A line cleaned, its tabs kept as one: a heading block typed with tabs has its two columns on one line."""
    return "\t".join(part for part in (clean(p) for p in line.split("\t")) if part)


def _word_paragraph(paragraph, numbering: _Numbering) -> Paragraph | None:
    text, bold = _runs_text(paragraph)
    lines = [_keep_tabs(line) for line in re.split(r"[\n\v]", text)]
    lines = [line for line in lines if line]
    if not lines:
        return None
    label = numbering.label(paragraph)
    if label is None:
        label, rest = split_label(lines[0])
        if label:
            lines[0] = rest
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    heading = bold or style.startswith("heading") or style == "title"
    return Paragraph(lines, clean(label) if label else None, heading)


def _word_table(table, numbering: _Numbering) -> Table:
    rows: list[list[Cell]] = []
    seen: set = set()  # the cells' elements (kept alive here, so compared by identity)
    grid = [row.cells for row in table.rows]
    for r, row in enumerate(grid):
        out = []
        for c, cell in enumerate(row):
            if cell._tc in seen:
                continue  # a merged cell is returned once per grid column and row it covers
            seen.add(cell._tc)
            colspan = 1
            while c + colspan < len(row) and row[c + colspan]._tc is cell._tc:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and c < len(grid[r + rowspan]) and grid[r + rowspan][c]._tc is cell._tc:
                rowspan += 1
            lines = []
            for paragraph in cell.paragraphs:
                read = _word_paragraph(paragraph, numbering)
                if read is not None:
                    lines.append(((read.label + " ") if read.label else "") + read.text.replace("\t", " "))
            out.append(Cell("\n".join(lines), colspan, rowspan))
        rows.append(out)
    return Table(rows)


def read_docx(path: Path) -> Document:
    import docx  # python-docx: only `make import` needs it
    from docx.table import Table as WordTable

    word = docx.Document(str(path))
    from docx.oxml.ns import qn

    if word.element.body.find(".//" + qn("w:sdt")) is not None:
        # python-docx does not read inside content controls: their text would be lost without a word
        raise ValueError(f'tệp "{path.name}" có ô nội dung (content control) mà công cụ chưa đọc được; trong Word, '
                         "bỏ các ô này (chuột phải vào ô → Remove Content Control), lưu lại rồi nhập lại")
    numbering = _Numbering(word)
    document = Document()
    for item in word.iter_inner_content():
        if isinstance(item, WordTable):
            document.blocks.append(_word_table(item, numbering))
        else:
            read = _word_paragraph(item, numbering)
            if read is not None:
                document.blocks.append(read)
    return document
