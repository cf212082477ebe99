"""`make import` from Word, and what `make build` publishes from an imported plan.

The Word file is made here with python-docx, as Word lays a Hanoi plan out: the heading block
as a borderless two-column table, list numbering ("1.", "a)", "-", "+") produced by Word (not
typed), a paragraph split by a page break, a heading styled differently from the others, a
successor's name (Sở Nông nghiệp và Môi trường), non-breaking spaces and decomposed letters,
"Nơi nhận" beside the signature in a table, and an appendix in a real table with merged header
cells. The plan is invented (numbers 99xx, dates in 2030); it is never published.

The built site then shows every paragraph and table cell of each source, in order, on the
plan's full-text page.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn

from conftest import FIXTURES, ROOT, copy_project, run_mkdocs
from htmltools import normalise, page_for
from plansite.content import load_site
from plansite.plan_import import ImportError_, import_plan, parse
from plansite.plan_reader import read_docx

FIVE_PARTS = FIXTURES / "import" / "ke-hoach-thu-nam-phan.md"
SEED = FIXTURES / "import" / "ke-hoach-bvmt-cong-thuong-ha-noi-2024.md"

# Levels of a Word list as Hanoi plans use them: 1., a), -, +
LEVELS = [("decimal", "%1."), ("lowerLetter", "%2)"), ("bullet", "-"), ("bullet", "+")]


def _list(document, abstract_id: int) -> int:
    """A new Word list definition (abstractNum) with the four levels, and its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
    else:
        numbering.append(abstract)
    return numbering.add_num(abstract_id).numId


def _numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = level
    return paragraph


def _bold(document, text: str, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(text).bold = True
    return paragraph


def _link(paragraph, text: str) -> None:
    relation = paragraph.part.relate_to("https://example.org/van-ban-thu", RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{relation}"><w:r><w:t>{text}</w:t></w:r>'
                                  "</w:hyperlink>"))


def _cell_lines(cell, lines: list[str]) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def make_plan(path: Path) -> Path:
    document = docx.Document()
    heading = document.add_table(rows=1, cols=2)  # no style: no borders, as in Word's heading block
    _cell_lines(heading.cell(0, 0), ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "-------", "Số: 9911/KH-UBND"])
    _cell_lines(heading.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                     "---------------", "Hà Nội, ngày 20 tháng 02 năm 2030"])
    _bold(document, "KẾ HOẠCH")
    _bold(document, "Thử nghiệm nhập tệp Word: giảm chất thải nhựa")
    _bold(document, "trong các chợ năm 2030")
    preamble = document.add_paragraph("Thực hiện ")
    _link(preamble, "Quyết định số 9912/QĐ-UBND")  # text in a hyperlink is not among the paragraph's runs
    preamble.add_run(" ngày 10/02/2030 của UBND Thành phố về việc thử nghiệm công cụ nhập kế hoạch; Ủy ban nhân "
                     "dân Thành phố ban hành Kế hoạch với các nội dung sau:")
    _bold(document, "I. MỤC ĐÍCH, YÊU CẦU")
    purposes = _list(document, 91)
    _numbered(document, "Thử nghiệm đọc số thứ tự do Word tạo ra.", purposes, 0)
    _numbered(document, "Giữ\u00a0nguyên văn " + unicodedata.normalize("NFD", "mọi đoạn văn bản."), purposes, 0)
    _bold(document, "II. NHIỆM VỤ")
    tasks = _list(document, 92)
    _numbered(document, "Giảm túi ni lông trong các chợ thử nghiệm:", tasks, 0)
    _numbered(document, "Khảo sát việc dùng túi ni lông;", tasks, 1)
    _numbered(document, "Hướng dẫn thay thế túi ni lông bằng:", tasks, 1)
    _numbered(document, "Túi giấy;", tasks, 2)
    _numbered(document, "Túi vải, trong đó:", tasks, 2)
    _numbered(document, "túi vải dùng nhiều lần.", tasks, 3)
    split = _numbered(document, "Tuyên truyền về giảm chất thải nhựa trong các chợ thử nghiệm, qua", tasks, 0)
    split.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("các phương tiện thông tin đại chúng.")
    document.add_heading("III. KINH PHÍ THỰC HIỆN", level=2)  # another heading markup than I and II
    document.add_paragraph("Kinh phí từ ngân sách thử nghiệm của Thành phố.")
    _bold(document, "IV. TỔ CHỨC THỰC HIỆN")
    duties = _list(document, 93)
    _numbered(document, "Sở Công Thương", duties, 0)
    _numbered(document, "Chủ trì triển khai Kế hoạch này.", duties, 2)
    _numbered(document, "Phối hợp với Sở Nông nghiệp và Môi trường kiểm tra các chợ.", duties, 2)
    _numbered(document, "Sở Nông nghiệp và Môi trường", duties, 0)
    _numbered(document, "Phối hợp với Sở Công Thương hướng dẫn thay thế túi ni lông.", duties, 2)
    document.add_paragraph("Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo Sở Công Thương./.")
    footer = document.add_table(rows=1, cols=2)
    _cell_lines(footer.cell(0, 0), ["Nơi nhận:", "- Chủ tịch UBND Thành phố;", "- Lưu: VT."])
    _cell_lines(footer.cell(0, 1), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)",
                                     "Người Ký Thử Word"])
    _bold(document, "PHỤ LỤC")
    _bold(document, "DANH MỤC SẢN PHẨM THỬ NGHIỆM")
    document.add_paragraph("(Kèm theo Kế hoạch số 9911/KH-UBND ngày 20/02/2030 của UBND Thành phố)")
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for column in (0, 1, 4, 5):
        table.cell(0, column).merge(table.cell(1, column))  # a title over both header rows
    table.cell(0, 2).merge(table.cell(0, 3))  # a title over two columns
    for (row, column), text in {(0, 0): "TT", (0, 1): "Nội dung", (0, 2): "Đơn vị thực hiện", (1, 2): "Chủ trì",
                                (1, 3): "Phối hợp", (0, 4): "Thời gian", (0, 5): "Ghi chú"}.items():
        table.cell(row, column).text = text
    rows = [["1", "Khảo sát túi ni lông tại các chợ", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
             "Quý II/2030", "Thử nghiệm"],
            ["2", "Hội nghị hướng dẫn thay thế túi ni lông", "Sở Công Thương", "Sở Tài chính; UBND các xã, phường",
             "Quý III/2030", ""]]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    _bold(document, "PHỤ LỤC II")  # a second appendix: other columns only, and a group's heading row
    _bold(document, "DANH SÁCH CHỢ THỬ NGHIỆM")
    markets = document.add_table(rows=4, cols=3)
    markets.style = "Table Grid"
    for r, values in enumerate([["STT", "Tên chợ", "Phường"], ["I", "Nhóm chợ thử nghiệm loại I", ""],
                                ["1", "Chợ Thử Nghiệm Một", "Phường Thử Nghiệm"],
                                ["2", "Chợ Thử Nghiệm Hai", "Phường Thử Nghiệm"]]):
        for c, value in enumerate(values):
            markets.cell(r, c).text = value
    document.save(str(path))
    return path


def source_units(path: Path) -> list[str]:
    """Every paragraph and table cell of the source, in order, as a reader sees it (no numbering, no markup)."""
    units: list[str] = []
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        for item in document.iter_inner_content():
            if isinstance(item, docx.table.Table):
                seen = set()
                for row in item.rows:
                    for cell in row.cells:
                        if cell._tc in seen:
                            continue
                        seen.add(cell._tc)
                        units += [p.text for p in cell.paragraphs]
            else:
                units.append(item.text)
    else:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line):
                continue  # a Markdown table's rule
            if line.lstrip().startswith("|"):
                cells = line.strip().strip("|").split("|")
            else:  # a tab-separated row, as the seed's appendix, or a line of text
                cells = line.split("\t")
            units += cells
    out = []
    for unit in units:
        unit = unicodedata.normalize("NFC", unit).replace("\u00a0", " ")
        unit = re.sub(r"<sub>(.*?)</sub>", r"\1", re.sub(r"^#+\s+", "", unit.strip()))
        unit = unit.replace("**", "").strip("*").strip()
        unit = re.sub(r"^([-+]|[IVX]+\.|\d+\.|[a-z]\))\s+", "", unit)  # numbering may be drawn by the page
        if unit and not re.fullmatch(r"[-_]{3,}", unit):
            out += [part.strip() for part in unit.split(";") if part.strip()] if "; " in unit and "|" not in unit \
                else [unit]
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A copy of the project with the Word plan, the invented five-part plan and the seed imported, built once."""
    base = tmp_path_factory.mktemp("imported")
    project = copy_project(base / "project")
    sources = {"kh-thu-word-2030": make_plan(base / "ke-hoach-thu.docx"), "kh-thu-2030": FIVE_PARTS,
               "thu-2024": SEED}
    for plan_id, source in sources.items():
        import_plan(source, plan_id, project)
    result = run_mkdocs(project, base / "site")
    assert result.returncode == 0, result.stderr
    return project, base / "site", sources


def test_word_list_numbering_is_read_from_the_numbering_part_at_each_level(tmp_path):
    path = make_plan(tmp_path / "ke-hoach.docx")
    blocks = read_docx(path).blocks
    labelled = [(b.label, b.text) for b in blocks if getattr(b, "label", None)]
    assert ("1.", "Thử nghiệm đọc số thứ tự do Word tạo ra.") in labelled
    assert [label for label, text in labelled if text.startswith(("Khảo sát việc", "Hướng dẫn thay", "Túi", "túi"))] \
        == ["a)", "b)", "-", "-", "+"]
    assert ("2.", "Tuyên truyền về giảm chất thải nhựa trong các chợ thử nghiệm, qua") in labelled
    assert ("2.", "Sở Nông nghiệp và Môi trường") in labelled  # a list restarts for each definition
    paragraph = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("Khảo sát việc"))
    assert paragraph.text == "Khảo sát việc dùng túi ni lông;"  # Word's "a)" is not in the paragraph's text


def test_a_word_plan_is_imported_with_its_heading_block_lists_successor_and_merged_header(imported):
    project, _, _ = imported
    site = load_site(project / "content").site
    plan = site.plan_by_id["kh-thu-word-2030"]
    text = plan.record.text
    assert (plan.record.number, plan.record.date.isoformat(), plan.record.status) == (
        "9911/KH-UBND", "2030-02-20", "ban-hanh")
    assert text.issuer_lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert text.motto_lines == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert plan.record.title == "Thử nghiệm nhập tệp Word: giảm chất thải nhựa trong các chợ năm 2030"
    assert [(p.number, p.role) for p in text.parts] == [("I", "muc-dich"), ("II", "nhiem-vu"), ("III", "kinh-phi"),
                                                         ("IV", "to-chuc")]
    assert text.parts[0].items[1].text == "Giữ nguyên văn mọi đoạn văn bản."  # NFC, a plain space
    first, second = plan.tasks
    assert [(i.record.label, i.record.level) for i in first.items] == [
        ("a)", 1), ("b)", 1), ("-", 2), ("-", 2), ("+", 3)]
    assert second.record.text.endswith("thử nghiệm, qua các phương tiện thông tin đại chúng.")
    # the successor's name is a body of its own (a stub to verify), never the department it replaced
    successor = plan.sections[1].agency
    assert successor.record.id != "so-tai-nguyen-moi-truong"
    assert (successor.record.name, successor.record.verified) == ("Sở Nông nghiệp và Môi trường", False)
    assert [d.record.role for d in plan.sections[0].duties] == ["chu-tri", "phoi-hop"]
    assert text.signature.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)"]
    assert text.signature.name == "Người Ký Thử Word" and text.recipients == ["Chủ tịch UBND Thành phố;", "Lưu: VT."]
    columns = [(c.title, c.field, c.group) for c in text.appendices[0].columns]
    assert columns == [("TT", "so-thu-tu", None), ("Nội dung", "danh-muc", None),
                       ("Chủ trì", "chu-tri", "Đơn vị thực hiện"), ("Phối hợp", "phoi-hop", "Đơn vị thực hiện"),
                       ("Thời gian", "thoi-gian", None), ("Ghi chú", "khac", None)]
    assert [a.record.id for a in plan.deliverables[1].coordinators] == ["so-tai-chinh", "ubnd-xa-phuong"]
    second = text.appendices[1]
    assert (second.title, [(c.title, c.field) for c in second.columns]) == (
        "PHỤ LỤC II", [("STT", "so-thu-tu"), ("Tên chợ", "danh-muc"), ("Phường", "khac")])
    markets = [d for d in plan.deliverables if d.record.appendix == 2]
    assert [(d.record.number, d.record.label, d.record.description) for d in markets] == [
        (1, "I", "Nhóm chợ thử nghiệm loại I"), (2, "1", "Chợ Thử Nghiệm Một"), (3, "2", "Chợ Thử Nghiệm Hai")]
    assert [r.id for r in plan.text.legal_basis] == ["quyet-dinh-9912-qd-ubnd"]


@pytest.mark.parametrize("plan_id", ["kh-thu-word-2030", "kh-thu-2030", "thu-2024"])
def test_the_full_text_page_shows_every_paragraph_and_cell_of_the_source_in_order(imported, plan_id):
    project, site, sources = imported
    text = page_for(site, f"/cac-ke-hoach/{plan_id}/").article
    position = 0
    for unit in source_units(sources[plan_id]):
        found = text.find(normalise(unit), position)
        assert found >= 0, f"missing or out of order on /cac-ke-hoach/{plan_id}/: {unit!r}"
        position = found + len(normalise(unit))


def test_an_imported_plan_is_published_with_task_pages_duties_on_bodies_lineage_and_data(imported):
    project, site, _ = imported
    plan = load_site(project / "content").site.plan_by_id["kh-thu-word-2030"]
    task_page = page_for(site, "/cac-ke-hoach/kh-thu-word-2030/nhiem-vu/nhiem-vu-1/").article
    assert all(normalise(i.record.text) in task_page for i in plan.tasks[0].items)
    assert "Chủ trì triển khai Kế hoạch này." in page_for(site, "/don-vi/so-cong-thuong/").article
    stub = page_for(site, f"/don-vi/{plan.sections[1].agency.record.id}/").article
    assert "Phối hợp với Sở Công Thương hướng dẫn thay thế túi ni lông." in stub
    lineage = page_for(site, "/cac-ke-hoach/").article
    assert lineage.find("9911/KH-UBND") > lineage.find("362/KH-UBND") >= 0  # placed by its date, after 2025's
    rows = (site / "du-lieu" / "csv" / "deliverables.csv").read_text(encoding="utf-8-sig")
    assert "kh-thu-word-2030" in rows and "Hội nghị hướng dẫn thay thế túi ni lông" in rows
    assert load_site(project / "content").site.main_plan.id == "2024"


def test_source_units_leave_nothing_out(tmp_path):
    """Guard the guard: the units of the Word file include its cells and both halves of the split paragraph."""
    units = source_units(make_plan(tmp_path / "k.docx"))
    for expected in ("Số: 9911/KH-UBND", "Đơn vị thực hiện", "Thử nghiệm", "các phương tiện thông tin đại chúng.",
                     "Sở Tài chính", "UBND các xã, phường", "Người Ký Thử Word",
                     "Thực hiện Quyết định số 9912/QĐ-UBND ngày 10/02/2030 của UBND Thành phố về việc thử nghiệm "
                     "công cụ nhập kế hoạch", "Nhóm chợ thử nghiệm loại I"):
        assert expected in units


def test_a_heading_block_typed_with_tabs_is_read_as_two_columns(tmp_path):
    """Without a table, a heading block is often two columns parted by tabs on each line."""
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "THÀNH PHỐ HÀ NỘI\t\tĐộc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND\tHà Nội, ngày 03 tháng 4 năm 2030"):
        document.add_paragraph(line)
    for line in ("KẾ HOẠCH", "Thử nghiệm khối đầu gõ bằng phím tab năm 2030"):
        _bold(document, line)
    document.add_paragraph("Căn cứ\tLuật Bảo vệ môi trường năm 2020;")
    _bold(document, "I. MỤC ĐÍCH")
    document.add_paragraph("1.\tMục đích thử nghiệm.")
    document.save(str(tmp_path / "k.docx"))
    raw = parse(read_docx(tmp_path / "k.docx"))
    assert (raw.issuer_lines, raw.motto_lines) == (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
                                                   ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    assert (raw.number_digits, raw.number_suffix, raw.day, raw.month, raw.year) == ("12", "KH-UBND", "03", "4", "2030")
    assert raw.preamble == ["Căn cứ Luật Bảo vệ môi trường năm 2020;"]
    assert [(i.label, i.text) for i in raw.parts[0].items] == [("1.", "Mục đích thử nghiệm.")]


def test_a_word_file_with_a_content_control_is_refused_rather_than_read_without_its_text(tmp_path):
    """python-docx does not read inside content controls: the import stops, naming them, and writes nothing."""
    path = make_plan(tmp_path / "k.docx")
    document = docx.Document(str(path))
    document.element.body.insert(0, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Đoạn trong ô nội dung</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"))
    document.save(str(path))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    with pytest.raises(ImportError_, match="content control"):
        import_plan(path, "kh-thu-word-2030", project)
    assert not (project / "content" / "plans" / "kh-thu-word-2030").exists()
