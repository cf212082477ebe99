"""`make import SRC=… PLAN=…`: a plan document (.docx or .md) into a plan folder, content/plans/<id>/.

Three steps, one module each: plansite/plan_reader.py reads the file into paragraphs and
tables, plansite/plan_parse.py finds the parts of the administrative form in them, and
plansite/plan_records.py makes the records and links them to the content's bodies and
documents. This module writes plan.yml, tasks.yml, duties.yml and deliverables.yml (and the
stubs, at the end of agencies.yml and references.yml) and says what was recognised.

Safety: nothing is written unless the whole content, with the new folder, passes the checks of
`make check` (in a copy); an existing folder is replaced only with `force`; the same input
gives the same bytes; `main` is never set.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plansite.content import PLANS_DIR, load_site
from plansite.errors import ContentError
from plansite.loader import load_file
from plansite.plan_parse import ImportError_, parse
from plansite.plan_reader import read
from plansite.plan_records import Imported, Links, build
from plansite.schema import AgencyFile, ReferenceFile, _ID

__all__ = ["ImportError_", "Result", "import_plan", "parse", "report"]


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

    # Written beside content/ first (same disk, so each move is one step); never inside it, where a
    # stray folder would be read as a plan.
    staging = Path(tempfile.mkdtemp(prefix=f".import-{plan_id}-", dir=root))
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
            temporary = root / f".import-{name}"
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
