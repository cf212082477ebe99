"""`make import` from Markdown: the seed's round trip, an invented five-part plan, and the safety rules.

The round trip imports a copy of the 2024 plan's seed text (tests/fixtures/import/) and finds the
text fields of content/plans/2024/ exactly; what holds the site's own knowledge (ids, short
titles, which tasks a duty or a row serves, the bodies a duty names, results, notices) is not
expected from the importer. Imports run into a copy of the project; nothing is written here.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from plansite import schema
from plansite.content import load_site
from plansite.plan_import import ImportError_, import_plan
from scripts import check

IMPORTS = FIXTURES / "import"
SEED = IMPORTS / "ke-hoach-bvmt-cong-thuong-ha-noi-2024.md"
FIVE_PARTS = IMPORTS / "ke-hoach-thu-nam-phan.md"

# Fields that hold the site's own knowledge, or placeholders for staff: not expected from an import.
SITE_FIELDS = {
    "plan": {"short_title", "main", "reference", "reported_issue", "targets", "facts", "results", "review", "unverified"},
    "task": {"id", "short_title", "period", "review"},
    "duty": {"related_tasks", "names"},
    "deliverable": {"id", "tasks", "results", "review"},
}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _without(record: dict, fields: set[str]) -> dict:
    return {k: v for k, v in record.items() if k not in fields}


def _text_fields(folder: Path) -> dict:
    """A plan folder's text fields, read through the schema (so a default written or left out reads the same)."""
    plan = schema.Plan.model_validate(_load(folder / "plan.yml")).model_dump(mode="json")
    tasks = schema.TaskFile.model_validate(_load(folder / "tasks.yml")).model_dump(mode="json")["tasks"]
    sections = schema.DutyFile.model_validate(_load(folder / "duties.yml")).model_dump(mode="json")["sections"]
    rows = schema.DeliverableFile.model_validate(_load(folder / "deliverables.yml")).model_dump(mode="json")
    return {
        "plan": _without(plan, SITE_FIELDS["plan"]),
        "tasks": [_without(t, SITE_FIELDS["task"]) for t in tasks],
        "sections": [{**s, "duties": [_without(d, SITE_FIELDS["duty"]) for d in s["duties"]]} for s in sections],
        "deliverables": [_without(d, SITE_FIELDS["deliverable"]) for d in rows["deliverables"]],
    }


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real content/ (the importer reads its bodies and documents)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def test_the_seed_round_trip_reproduces_the_2024_plans_text_fields_exactly(project):
    """Issue 17: page-break splits rejoined, headings marked up three ways, every citation found
    by the name matcher, every role the duty's words give, the appendix's merged header."""
    result = import_plan(SEED, "thu-2024", project)
    imported = _text_fields(result.folder)
    expected = _text_fields(ROOT / "content" / "plans" / "2024")
    assert imported["plan"] == expected["plan"]
    assert imported["tasks"] == expected["tasks"]
    assert imported["sections"] == expected["sections"]
    assert imported["deliverables"] == expected["deliverables"]
    assert "2 đoạn bị ngắt trang đã được nối lại" in result.report


def test_the_same_input_gives_the_same_bytes(project, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(project / "content", other / "content")
    for source, plan_id in ((SEED, "thu-2024"), (FIVE_PARTS, "kh-thu-2030")):
        import_plan(source, plan_id, project)
        import_plan(source, plan_id, other)
    assert _tree(project / "content") == _tree(other / "content")


def test_an_existing_folder_is_kept_unless_forced(project):
    import_plan(FIVE_PARTS, "kh-thu-2030", project)
    before = _tree(project / "content")
    with pytest.raises(ImportError_, match="FORCE=1"):
        import_plan(FIVE_PARTS, "kh-thu-2030", project)
    assert _tree(project / "content") == before
    with pytest.raises(ImportError_, match="FORCE=1"):
        import_plan(SEED, "2024", project)
    import_plan(FIVE_PARTS, "kh-thu-2030", project, force=True)  # stubs are matched, not added twice
    assert _tree(project / "content") == before


@pytest.mark.parametrize("source, period, why", [
    ("Một đoạn văn không phải kế hoạch.\n", None, "KẾ HOẠCH"),
    ("**KẾ HOẠCH**\n\n**Thử nghiệm năm 2030**\n\nCăn cứ Luật Bảo vệ môi trường;\n\nKhông có phần nào.\n", None,
     "La Mã"),
    (FIVE_PARTS.read_text(encoding="utf-8"), "Năm hai nghìn", "chưa qua kiểm tra"),
], ids=["not a plan", "no parts", "fails make check"])
def test_a_failed_import_writes_nothing(project, tmp_path, source, period, why):
    path = tmp_path / "ke-hoach.md"
    path.write_text(source, encoding="utf-8")
    before = _tree(project / "content")
    with pytest.raises(ImportError_, match=why):
        import_plan(path, "kh-hong", project, period=period)
    assert _tree(project / "content") == before


def test_an_import_never_changes_which_plan_is_main_and_make_check_lists_the_placeholders(project, capsys):
    import_plan(FIVE_PARTS, "kh-thu-2030", project)
    site = load_site(project / "content").site
    assert site.main_plan.id == "2024"
    assert site.plan_by_id["kh-thu-2030"].record.main is False
    assert check.main([str(project)]) == 0
    listed = capsys.readouterr().err
    assert 'bản ghi "nhiem-vu-1" → trường "review"' in listed
    assert "content/plans/kh-thu-2030/plan.yml" in listed  # its short title
    assert '"trung-tam-thu-nghiem-cong-nghiep-xanh" → trường "verified"' in listed
    assert '"quyet-dinh-9902-qd-ubnd" → trường "verified"' in listed


def test_a_five_part_plan_without_funding_keeps_its_own_shape(project):
    result = import_plan(FIVE_PARTS, "kh-thu-2030", project)
    site = load_site(project / "content").site
    plan = site.plan_by_id["kh-thu-2030"]
    text = plan.record.text
    assert [(p.number, p.role) for p in text.parts] == [
        ("I", "muc-dich"), ("II", "muc-tieu"), ("III", "nhiem-vu"), ("IV", "to-chuc"), ("V", "khac")]
    assert text.issuer_lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert (plan.record.number, plan.record.status, str(plan.record.period)) == (
        "9901/KH-UBND", "ban-hanh", "Giai đoạn 2030-2032")
    assert len(text.preamble) == 3 and text.preamble[0] == "Căn cứ Luật Bảo vệ môi trường năm 2020;"
    # NBSP and decomposed letters become plain NFC text, word for word
    assert "Các đơn vị thực hiện đúng tiến độ, bảo đảm chất lượng." in [i.text for i in text.parts[0].items]
    assert [i.text for i in plan.target_items][-1] == "Tổ chức 03 hội nghị phổ biến kinh nghiệm."
    second = plan.tasks[1]
    assert [(i.record.label, i.record.level) for i in second.items] == [("a)", 1), ("b)", 1), ("+", 2), ("+", 2)]
    assert plan.tasks[0].record.text.endswith("thông qua các lớp tập huấn và các phương tiện thông tin đại chúng.")
    assert [c.record.id for c in plan.tasks[2].cites] == ["luat-ngan-sach-nha-nuoc"]
    # "Body: duty" written inline; a role only where the words give one
    sections = plan.sections
    assert all(s.record.inline for s in sections)
    assert [(s.agency.record.id, s.duties[0].record.role) for s in sections] == [
        ("so-cong-thuong", "chu-tri"), ("so-tai-chinh", "phoi-hop"), ("trung-tam-thu-nghiem-cong-nghiep-xanh", None)]
    assert sections[2].agency.record.verified is False
    # the appendix's other column is kept cell by cell; the rows wait for staff to name their tasks
    columns = text.appendices[0].columns
    assert [(c.title, c.field) for c in columns][4] == ("Sản phẩm", "khac")
    rows = plan.deliverables
    assert [c.text for c in rows[1].record.cells] == ["03 hội nghị"]
    assert [a.record.id for a in rows[1].coordinators] == ["so-tai-chinh", "trung-tam-thu-nghiem-cong-nghiep-xanh"]
    assert all(r.record.review == ["id", "tasks"] and r.record.tasks == [] for r in rows)
    for expected in ("5 phần", "4 mục tiêu", "3 nhiệm vụ, 4 mục con", "3 ý được giao cho 3 đơn vị",
                     "1 phụ lục, 2 dòng", "Trung tâm Thử nghiệm Công nghiệp Xanh", "9902/QĐ-UBND"):
        assert expected in result.report


ARABIC_PARTS = """ỦY BAN NHÂN DÂN  
THÀNH PHỐ HÀ NỘI

Số: /KH-UBND

Hà Nội, ngày tháng năm 2030

**KẾ HOẠCH**

**Thử nghiệm các phần đánh số 1., 2. năm 2031**

Căn cứ Luật Bảo vệ môi trường năm 2020;

**1. MỤC ĐÍCH, YÊU CẦU**

a) Mục đích thử nghiệm.

**2. NHIỆM VỤ**

a) Nhiệm vụ thử thứ nhất.

b) Nhiệm vụ thử thứ hai.

**3. TỔ CHỨC THỰC HIỆN**

a) Sở Công Thương: Chủ trì thực hiện.

Trong quá trình thực hiện, có vướng mắc báo cáo Sở Công Thương./.
"""


def test_a_draft_whose_parts_are_numbered_1_2_3_keeps_its_blanks_and_numbering(project, tmp_path):
    """No Roman numerals: capitalised "1. MỤC ĐÍCH, YÊU CẦU" headings are the parts; tasks numbered a), b)."""
    source = tmp_path / "ke-hoach.md"
    source.write_text(ARABIC_PARTS, encoding="utf-8")
    import_plan(source, "kh-thu-2031", project)
    plan = load_site(project / "content").site.plan_by_id["kh-thu-2031"]
    assert [(p.number, p.role) for p in plan.record.text.parts] == [("1", "muc-dich"), ("2", "nhiem-vu"),
                                                                     ("3", "to-chuc")]
    assert (plan.record.number, plan.record.date, plan.record.status, plan.record.text.draft_year) == (
        None, None, "du-thao", 2030)
    assert [(t.record.label, t.record.number) for t in plan.tasks] == [("a)", 1), ("b)", 2)]
    assert plan.sections[0].agency.record.id == "so-cong-thuong" and plan.sections[0].record.inline


def _headings(text: str, style: str) -> str:
    """The five-part plan's part headings written another way: plain capitals, bold, or a Markdown heading."""
    def rewrite(match):
        heading = match.group(1)
        return {"plain": heading, "bold": f"**{heading}**", "hash": f"#### **{heading}**"}[style]
    return re.sub(r"^## ([IVX]+\. .+)$", rewrite, text, flags=re.M)


VARIANTS = {
    "headings in plain capitals": lambda t: _headings(t, "plain"),
    "headings in bold": lambda t: _headings(t, "bold"),
    "headings as #### **…**": lambda t: _headings(t, "hash"),
    "decomposed letters (NFD)": lambda t: unicodedata.normalize("NFD", t),
    "no-break spaces after every numbering": lambda t: re.sub(
        r"^(\d\.|[a-z]\)|-|\+) ", lambda m: m.group(1) + "\u00a0", t, flags=re.M),
    "Windows line ends and a byte-order mark": lambda t: "\ufeff" + t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_the_same_plan_written_another_way_imports_the_same(project, tmp_path, variant):
    """Markup, Unicode form and spacing vary between exports; the imported text does not."""
    import_plan(FIVE_PARTS, "kh-thu-2030", project)
    source = tmp_path / "ke-hoach.md"
    source.write_bytes(VARIANTS[variant](FIVE_PARTS.read_text(encoding="utf-8")).encode("utf-8"))
    import_plan(source, "kh-thu-2030-b", project)
    plans = project / "content" / "plans"
    assert _text_fields(plans / "kh-thu-2030-b") == _text_fields(plans / "kh-thu-2030")
