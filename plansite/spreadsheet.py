"""The open data as one Excel workbook for people, not programs: du-lieu/du-lieu.xlsx.

The CSV tables and the Data Package (plansite/opendata.py) keep the schema's field names and
codes, for programs. This workbook is for a journalist opening it in Excel or LibreOffice:
- Vietnamese sheet names ("Nhiệm vụ", "Mốc thời gian", "Văn bản", "Đơn vị", …);
- Vietnamese column headings, taken from the schema's own field descriptions (the words before
  the first comma, colon or bracket: "Ngày bắt đầu áp dụng (ngày/tháng/năm)." heads a column
  "Ngày bắt đầu áp dụng"), so a renamed field renames its column; columns that show names where
  the field holds codes, or that the site derives (where a rule stands today), are named here;
- names beside codes (a body's name beside `so-cong-thuong`), every column the data can fill
  filled (a task's period is its effective one: its own, else its plan's);
- each row's caveats in a column of its own (plansite/claims.py), and where it stands on the
  build's date: a row never travels without its qualifiers.

Written with openpyxl (requirements.txt). The workbook's dates are the build's, so two builds
of the same content on the same day give the same cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from plansite import routes, schema
from plansite.claims import caveat_text
from plansite.model import Site

PATH = f"{routes.DATA_DIR}/du-lieu.xlsx"
VERIFIED = "Không có lưu ý"  # a row whose record carries no caveat
CAVEATS = "Lưu ý về kiểm chứng"
TODAY = "Tình trạng hôm nay"
_HEAD_END = re.compile(r"[,.:;(]| dùng làm| theo cách| ví dụ")


def heading(model: type[BaseModel], name: str) -> str:
    """A column heading from the schema's description of a field: its first clause."""
    description = model.model_fields[name].description or name
    head = _HEAD_END.split(description, maxsplit=1)[0].strip()
    return head[:1].upper() + head[1:]


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    width: int = 18  # characters, for the reader's first look


@dataclass(frozen=True)
class Sheet:
    title: str
    note: str  # what one row is, for the "Giới thiệu" sheet
    columns: list[Column]
    rows: list[Any]


def _names(entities: Any) -> str:
    return "; ".join(e.name for e in entities or [])


def _ids(entities: Any) -> str:
    return "; ".join(e.record.id for e in entities or [])


def _caveats(entity: Any) -> str:
    return caveat_text(entity) or VERIFIED


def _sources(entity: Any) -> str:
    return "; ".join(f"{s.ref.label}{', ' + s.article if s.article else ''}" for s in entity.sources)


def _plan_state(plan: Any) -> str:
    if plan.in_force:
        return "Đang áp dụng"
    return "Đã kết thúc" if plan.over else "Chưa bắt đầu hoặc chưa rõ"


def _standing(o: Any) -> str:
    s = o.standing
    text = s.label + (f", còn {s.days_left} ngày" if s.days_left else "")
    return text + (f"; hạn tới: trước ngày {s.next_due:%d/%m/%Y}" if s.next_due else "")


def sheets(site: Site) -> list[Sheet]:
    P, T, D, S, Du = schema.Plan, schema.Task, schema.Deliverable, schema.Section, schema.Duty
    O, R, A, L = schema.Obligation, schema.LegalReference, schema.Agency, schema.AllowedLine
    plan_cols = [Column("Kế hoạch", lambda r: r[0].label, 24),
                 Column("Tình trạng văn bản", lambda r: r[0].status_label),
                 Column(f"Kế hoạch: {TODAY.lower()}", lambda r: _plan_state(r[0]))]
    tasks = [(p, t) for p in site.plans for t in p.tasks]
    duties = [(p, s, d) for p in site.plans for s in p.sections for d in s.duties]
    deliverables = [(p, d) for p in site.plans for d in p.deliverables]
    return [
        Sheet("Nhiệm vụ", "một nhiệm vụ ở phần II của một kế hoạch có toàn văn trên trang", [
            *plan_cols,
            Column(heading(T, "number"), lambda r: r[1].record.number, 8),
            Column(heading(T, "short_title"), lambda r: r[1].record.short_title, 40),
            Column(heading(T, "text"), lambda r: r[1].record.text, 80),
            Column(heading(T, "period"), lambda r: str(r[1].effective_period)),
            Column("Bắt đầu", lambda r: r[1].effective_period.start, 12),
            Column("Kết thúc", lambda r: r[1].effective_period.end, 12),
            Column("Văn bản được nêu", lambda r: "; ".join(ref.label for ref in r[1].cites), 30),
            Column("Các ý ở phần IV liên quan (theo cách hiểu của trang)",
                   lambda r: "; ".join(f"{d.section.agency.name}, ý {d.number}" for d in r[1].related_duties), 40),
            Column(heading(T, "id"), lambda r: r[1].record.id),
            Column(CAVEATS, lambda r: _caveats(r[0]), 40),
        ], tasks),
        Sheet("Việc được giao", "một ý ở phần IV: việc giao cho một đơn vị", [
            *plan_cols,
            Column(heading(S, "number"), lambda r: r[1].record.number, 8),
            Column("Đơn vị", lambda r: r[1].agency.name, 30),
            Column("Cơ quan hiện đảm nhận", lambda r: r[1].agency.successor.name if r[1].agency.successor else "", 30),
            Column("Vai trò (chủ trì, phối hợp)", lambda r: r[2].role_label or ""),
            Column(heading(Du, "text"), lambda r: r[2].record.text, 80),
            Column("Đơn vị khác được nêu", lambda r: _names(r[2].names), 30),
            Column(heading(S, "agency"), lambda r: r[1].record.agency),
            Column(CAVEATS, lambda r: _caveats(r[0]), 40),
        ], duties),
        Sheet("Sản phẩm", "một dòng của bảng phụ lục của một kế hoạch", [
            *plan_cols,
            Column(heading(D, "number"), lambda r: r[1].record.number, 8),
            Column(heading(D, "description"), lambda r: r[1].record.description, 60),
            Column(heading(D, "quantity"), lambda r: r[1].record.quantity, 10),
            Column(heading(D, "unit"), lambda r: r[1].record.unit, 10),
            Column(heading(D, "period"), lambda r: str(r[1].record.period) if r[1].record.period else
                   f"{r[0].record.period} (thời gian của cả kế hoạch)"),
            Column("Bắt đầu", lambda r: (r[1].record.period or r[0].record.period).start, 12),
            Column("Kết thúc", lambda r: (r[1].record.period or r[0].record.period).end, 12),
            Column("Đơn vị chủ trì", lambda r: _names(r[1].lead), 30),
            Column("Đơn vị phối hợp", lambda r: _names(r[1].coordinators), 30),
            Column("Kết quả", lambda r: "\n".join(r[1].record.results) or "Chưa có báo cáo công khai", 30),
            Column(CAVEATS, lambda r: _caveats(r[0]), 40),
        ], deliverables),
        Sheet("Mốc thời gian", "một quy định có ngày áp dụng", [
            Column("Quy định", lambda o: o.record.title, 50),
            Column(heading(O, "who"), lambda o: o.record.who, 30),
            Column(heading(O, "requires"), lambda o: o.record.requires, 70),
            Column(heading(O, "starts"), lambda o: o.record.starts, 12),
            Column(heading(O, "ends"), lambda o: o.record.ends, 12),
            Column("Hạn hằng năm (trước ngày)", lambda o: str(o.record.yearly_due) if o.record.yearly_due else ""),
            Column(TODAY, _standing, 30),
            Column("Loại hình doanh nghiệp", lambda o: _names(o.business_kinds) or "", 40),
            Column(heading(O, "business_kinds"), lambda o: _ids(o.business_kinds), 30),
            Column("Người dân cũng phải thực hiện", lambda o: "Có" if o.record.public else "Không", 10),
            Column("Chủ đề", lambda o: o.topic.title, 24),
            Column("Căn cứ", _sources, 40),
            Column(heading(O, "note"), lambda o: o.record.note or "", 40),
            Column(heading(O, "id"), lambda o: o.record.id),
            Column(CAVEATS, _caveats, 40),
        ], site.obligations),
        Sheet("Được, không được", "một dòng “được / không được” của một quy định, bằng lời thường", [
            Column("Quy định", lambda r: r[0].record.title, 40),
            Column(heading(O, "starts"), lambda r: r[0].record.starts, 12),
            Column(TODAY, lambda r: _standing(r[0]), 30),
            Column("Được hay không được", lambda r: r[1].kind_label, 14),
            Column(heading(L, "text"), lambda r: r[1].record.text, 60),
            Column(heading(L, "examples"), lambda r: "\n".join(r[1].record.examples), 40),
            Column("Cách hiểu của trang", lambda r: "Có" if r[1].record.reading else "Không", 10),
            Column("Hỏi ở đâu", lambda r: r[1].ask.name if r[1].ask else "", 24),
            Column(heading(O, "id"), lambda r: r[0].record.id),
            Column(CAVEATS, lambda r: _caveats(r[0]), 40),
        ], [(o, line) for o in site.obligations for line in o.allowed]),
        Sheet("Kế hoạch", "một kế hoạch trong chuỗi kế hoạch", [
            Column("Kế hoạch", lambda p: p.label, 24),
            Column(heading(P, "title"), lambda p: p.record.title or "", 60),
            Column(heading(P, "number"), lambda p: p.record.number or "Chưa rõ"),
            Column(heading(P, "date"), lambda p: p.record.date, 12),
            Column("Cơ quan ban hành", lambda p: p.issuer.name, 30),
            Column(heading(P, "period"), lambda p: str(p.record.period)),
            Column(heading(P, "status"), lambda p: p.status_label),
            Column(TODAY, _plan_state),
            Column("Có toàn văn trên trang", lambda p: "Có" if p.full_text else "Không", 10),
            Column("Số nhiệm vụ trên trang", lambda p: len(p.tasks), 10),
            Column(heading(P, "targets"), lambda p: "\n".join(p.record.targets), 60),
            Column("Mã kế hoạch", lambda p: p.id),
            Column(CAVEATS, _caveats, 40),
        ], site.plans),
        Sheet("Văn bản", "một văn bản pháp lý được dẫn hoặc liên quan", [
            Column("Văn bản", lambda r: r.label, 28),
            Column(heading(R, "title"), lambda r: r.record.title or "Chưa kiểm chứng", 60),
            Column(heading(R, "kind"), lambda r: r.kind_label),
            Column(heading(R, "date"), lambda r: r.record.date, 12),
            Column("Cơ quan ban hành", lambda r: r.issuer.name if r.issuer else "Chưa rõ", 30),
            Column(heading(R, "signer"), lambda r: r.record.signer or "Chưa kiểm chứng", 24),
            Column(heading(R, "effective"), lambda r: r.record.effective, 12),
            Column(heading(R, "status"), lambda r: r.status_label, 24),
            Column(heading(R, "id"), lambda r: r.record.id),
            Column(CAVEATS, _caveats, 40),
        ], site.references),
        Sheet("Đơn vị", "một cơ quan, đơn vị", [
            Column(heading(A, "name"), lambda a: a.name, 40),
            Column(heading(A, "kind"), lambda a: a.kind_label, 24),
            Column("Cơ quan hiện đảm nhận", lambda a: a.successor.name if a.successor else "", 40),
            Column("Từ ngày", lambda a: a.successor.since if a.successor else None, 12),
            Column("Căn cứ", lambda a: a.successor.basis if a.successor else "", 50),
            Column("Số mục được giao ở phần IV", lambda a: len(a.sections), 10),
            Column(heading(A, "id"), lambda a: a.record.id),
        ], site.agencies),
    ]


def workbook(site: Site) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    intro = book.active
    intro.title = "Giới thiệu"
    built = dt.datetime.combine(site.today, dt.time())
    book.properties.created = book.properties.modified = built
    book.properties.title = "Bảo vệ môi trường ngành Công Thương Hà Nội: dữ liệu"
    book.properties.language = "vi"
    all_sheets = sheets(site)
    lines = [
        ["Bảo vệ môi trường ngành Công Thương Hà Nội: dữ liệu mở"],
        [f"Tạo từ dữ liệu của trang ngày {site.today:%d/%m/%Y}; tình trạng (đang áp dụng, sắp áp dụng, "
         "đã kết thúc) tính đến ngày đó."],
        [f"Cột “{CAVEATS}” ghi điều chưa được kiểm chứng của từng dòng; “{VERIFIED}” nghĩa là dòng đó "
         "không có lưu ý nào."],
        ["Nhiệm vụ, việc được giao và sản phẩm là của các kế hoạch có toàn văn trên trang; cột "
         f"“Kế hoạch: {TODAY.lower()}” cho biết kế hoạch đó đã kết thúc hay chưa."],
        [],
        ["Trang tính", "Mỗi dòng là", "Số dòng"],
        *([s.title, s.note, len(s.rows)] for s in all_sheets),
    ]
    for line in lines:
        intro.append(line)
    intro["A1"].font = Font(bold=True, size=14)
    for cell in intro[6]:
        cell.font = Font(bold=True)
    intro.column_dimensions["A"].width = 20
    intro.column_dimensions["B"].width = 70
    for sheet in all_sheets:
        ws = book.create_sheet(sheet.title)
        ws.append([c.title for c in sheet.columns])
        for row in sheet.rows:
            ws.append([_cell(c.value(row)) for c in sheet.columns])
        for index, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
            for cell in ws[get_column_letter(index)][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (str, int, float, dt.date)):
        return value
    return str(value)
