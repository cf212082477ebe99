"""The parts of the usual administrative form, found in a plan document's paragraphs and tables.

plansite/plan_reader.py gives the blocks; this module says which is the heading block, the
title, the preamble, each part (I, II, …, or 1., 2. in capitals when a plan has no Roman
numerals) and its items with their numbering and depth, the closing sentence, "Nơi nhận", the
signature and each appendix with its table. It keeps every word as written: a paragraph split
by a page break is joined again, markup and layout tables are read through, nothing is
reworded. plansite/plan_records.py turns the result into records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite import names
from plansite.folding import fold
from plansite.plan_reader import Document, Paragraph, Table, split_label


class ImportError_(Exception):  # noqa: N801 - not the built-in ImportError
    """The document cannot be imported; the message says why, in Vietnamese."""


# Reading the parts of the form

_PART_ROLES = [("muc-dich", ("muc dich", "yeu cau")), ("muc-tieu", ("muc tieu",)),
               ("nhiem-vu", ("nhiem vu", "giai phap", "noi dung")), ("kinh-phi", ("kinh phi",)),
               ("to-chuc", ("to chuc thuc hien",))]
# The kind written over the title ("KẾ HOẠCH") -> the plan's kind (plansite/vocab.py REFERENCE_KINDS).
PLAN_KINDS = {"ke hoach": "ke-hoach", "quyet dinh": "quyet-dinh", "chi thi": "chi-thi", "nghi quyet": "nghi-quyet"}
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
            if not title_seen and fold(block.lines[0]).strip() in PLAN_KINDS:
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
                if fold(full).strip() in PLAN_KINDS and not plan.kind:
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


