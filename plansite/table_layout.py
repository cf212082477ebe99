"""Tables that fit every width: a Markdown extension that prepares every table for the site's CSS.

For each table of a page, written in Markdown or as HTML in a template:
- every body cell gets `data-label`, its column's header (both rows of a two-row header), so on
  a phone a table of more than three columns can show as stacked cards that still name each value;
- the table gets the class `data-table` (and `data-table--cards` past three columns); with a class,
  Material's JavaScript no longer wraps it in a second scrolling box of its own;
- a table not already in a `.table-scroll` box is put in one: the one scroll container, focusable
  so the keyboard can scroll it, labelled by the heading above the table.

Pure Python-Markdown, nothing of MkDocs: hooks/theme_hooks.py adds it to the site's Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CARDS_FROM = 4  # tables with this many columns or more stack into cards on phones
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _text(element: etree.Element) -> str:
    return " ".join(_PLACEHOLDER.sub("", "".join(element.itertext())).split())


def _rows(table: etree.Element, section: str) -> list[etree.Element]:
    rows = [row for part in table.findall(section) for row in part.findall("tr")]
    return rows


def column_labels(header_rows: list[etree.Element]) -> list[str]:
    """One label per column, from header rows that may span rows and columns.

    Under a grouped header the column is named by its own, lower header ("Chủ trì"), the
    most specific; a column with one header spanning both rows is named by it.
    """
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(header_rows):
        c = 0
        for cell in row:
            if cell.tag not in ("th", "td"):
                continue
            while (r, c) in grid:
                c += 1
            span_c, span_r = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            for dr in range(span_r):
                for dc in range(span_c):
                    grid[(r + dr, c + dc)] = _text(cell)
            c += span_c
    width = max((c for _, c in grid), default=-1) + 1
    labels = []
    for c in range(width):
        parts = [grid.get((r, c), "") for r in range(len(header_rows))]
        labels.append(next((part for part in reversed(parts) if part), ""))
    return labels


def _label_body(rows: list[etree.Element], labels: list[str]) -> None:
    taken: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("th", "td"):
                continue
            while taken.get((r, c)):
                c += 1
            if c < len(labels) and labels[c] and "data-label" not in cell.attrib:
                cell.set("data-label", labels[c])
            span_c, span_r = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            for dr in range(span_r):
                for dc in range(span_c):
                    taken[(r + dr, c + dc)] = True
            c += span_c


def _heading_before(parent: etree.Element, index: int) -> str:
    for sibling in reversed(list(parent)[:index]):
        if sibling.tag in _HEADINGS:
            return _text(sibling)
    return ""


class TableLayout(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for table in list(root.iter("table")):
            self._layout(table, parents)

    def _layout(self, table: etree.Element, parents: dict) -> None:
        header_rows = _rows(table, "thead")
        body_rows = _rows(table, "tbody") or [row for row in table.findall("tr")]
        if not header_rows and body_rows and all(cell.tag == "th" for cell in body_rows[0]):
            header_rows, body_rows = body_rows[:1], body_rows[1:]
        labels = column_labels(header_rows)
        columns = len(labels) or max((len(row) for row in body_rows), default=0)
        _label_body(body_rows, labels)
        classes = (table.get("class", "") + " data-table").split()
        if columns >= CARDS_FROM and any(labels):
            classes.append("data-table--cards")
        table.set("class", " ".join(dict.fromkeys(classes)))
        table.set("data-columns", str(columns))
        parent = parents.get(table)
        if parent is None or "table-scroll" in parent.get("class", "").split():
            return
        index = list(parent).index(table)
        box = etree.Element("div", {"class": "table-scroll", "role": "region", "tabindex": "0"})
        heading = _heading_before(parent, index)
        box.set("aria-label", f"Bảng: {heading}" if heading else "Bảng")
        box.tail, table.tail = table.tail, None
        parent.remove(table)
        parent.insert(index, box)
        box.append(table)
        parents[table], parents[box] = box, parent


class TableLayoutExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # after 'inline' (20) and attr_list (8), so cells hold their final text and classes
        md.treeprocessors.register(TableLayout(md), "plansite_table_layout", 5)


def makeExtension(**kwargs) -> TableLayoutExtension:  # noqa: N802 (Markdown's API)
    return TableLayoutExtension(**kwargs)
