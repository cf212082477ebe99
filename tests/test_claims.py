"""Truth that travels: a claim's caveat is shown wherever the claim is (plansite/claims.py).

Each test flips what is verified about one record of the fixture content, builds the pages in memory
(`prepare`, the pipeline up to Markdown and downloads) and looks for the claim everywhere it appears:
every page that links to it or anchors it must carry its caveat, marked `data-claim` by the one
`caveat` macro, and so must the calendar feeds and the open data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT
from plansite import routes
from plansite.audit import pages_showing, report, summary
from plansite.build import prepare
from plansite.claims import STANDARD

TODAY = dt.date(2026, 11, 30)
PART = "phần thử nghiệm chưa kiểm chứng"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the fixture content to edit; its project root is `tmp_path`."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def _record_block(path: Path, start: str) -> tuple[str, str]:
    """The text of the file, and the YAML block of the record that starts with `start`."""
    text = path.read_text(encoding="utf-8")
    begin = text.index(start)
    ends = [i for i in (text.find("\n  - ", begin + len(start)), text.find("\n\n", begin)) if i != -1]
    return text, text[begin:min(ends) if ends else len(text)]


def _flip(path: Path, start: str, old: str, new: str) -> None:
    text, block = _record_block(path, start)
    assert old in block, (start, old)
    path.write_text(text.replace(block, block.replace(old, new, 1)), encoding="utf-8")


def _add_part(path: Path, start: str, after: str) -> None:
    """Give the record that starts with `start` an unverified part, on a line before its `after` field."""
    text, block = _record_block(path, start)
    lines = block.split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(after))
    indent = " " * (len(lines[index]) - len(lines[index].lstrip()))
    lines.insert(index, f"{indent}unverified: [{PART}]")
    path.write_text(text.replace(block, "\n".join(lines)), encoding="utf-8")


def _pages_mentioning(markdown: dict[str, str], anchor: str) -> list[str]:
    """Pages that link to `#anchor` or carry it as an element id."""
    link = re.compile(rf'#{re.escape(anchor)}\)|#{re.escape(anchor)}"|\{{: #{re.escape(anchor)} \}}|id="{re.escape(anchor)}"')
    return [uri for uri, text in markdown.items() if link.search(text)]


def _lines_linking(markdown: str, anchor: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.search(rf"\]\([^)]*#{re.escape(anchor)}\)", line)
            and line.lstrip().startswith("-")]


def test_an_obligations_unverified_part_is_on_every_page_list_checklist_and_feed_that_shows_it(content):
    _add_part(content / "obligations.yml", "  - id: ha-noi-cho-tui-mien-phi-2027", "requires:")
    build = prepare(content.parent, today=TODAY)
    key = 'data-claim="obligation/ha-noi-cho-tui-mien-phi-2027"'
    pages = _pages_mentioning(build.markdown, "ha-noi-cho-tui-mien-phi-2027")
    # its own place, the timeline, the business page with its checklist, the home page's "Sắp áp dụng"
    assert {routes.CHANGES, "doanh-nghiep/cho-cua-hang-tien-loi.md", "index.md"} <= set(pages)
    for uri in pages:
        assert key in build.markdown[uri], f"{uri} shows the obligation without its caveat"
        for line in _lines_linking(build.markdown[uri], "ha-noi-cho-tui-mien-phi-2027"):
            assert key in line, f"{uri}: a list item shows the obligation without its caveat: {line[:120]}"
    assert f"Chưa được kiểm chứng: {PART}." in build.markdown[routes.CHANGES]
    # the calendar events and the open data
    for name in ("lich/tat-ca.ics", "lich/cho-cua-hang-tien-loi.ics"):
        feed = build.files[name].decode("utf-8").replace("\r\n ", "")
        assert PART in feed and "có phần chưa được kiểm chứng" in feed, name
    record = next(json.loads(data) for address, data in build.files.items()
                  if address.endswith("/ha-noi-cho-tui-mien-phi-2027.json"))
    assert record["unverified"] == [PART]


def test_an_obligation_flagged_unverified_shows_the_standard_line(content):
    _flip(content / "obligations.yml", "  - id: epr-nop-quy", "verified: true", "verified: false")
    build = prepare(content.parent, today=TODAY)
    business = build.markdown["doanh-nghiep/san-xuat-nhap-khau.md"]
    line = next(line for line in business.splitlines() if "#epr-nop-quy)" in line and "checkbox" in line)
    assert STANDARD[:1].upper() + STANDARD[1:] + "." in line  # the checklist entry takes the caveat with it


def test_a_document_of_unknown_standing_qualifies_what_rests_only_on_it(content):
    # the oil-spill duty rests only on QĐ 04/2026; make that document's standing unknown
    _flip(content / "references.yml", "  - id: qd-04-2026", "status: con-hieu-luc", "status: chua-ro")
    build = prepare(content.parent, today=TODAY)
    key = 'data-claim="reference/qd-04-2026"'
    pages = _pages_mentioning(build.markdown, "tran-dau-cap-co-so")
    assert pages
    for uri in pages:
        assert key in build.markdown[uri], uri
    timeline = build.markdown[routes.CHANGES]
    # /thay-doi/ tells each rule in a fold: its summary is the title and the standing
    anchor = timeline.index('id="tran-dau-cap-co-so"')
    fold = timeline.rindex("<details", 0, anchor)
    standing = timeline[fold:timeline.index("</summary>", fold)]
    assert "chưa rõ còn hiệu lực hay không" in standing and "Đang áp dụng" not in standing
    assert build.site.index["obligations"]["tran-dau-cap-co-so"].standing.label == \
        "Đã áp dụng, chưa rõ hiệu lực hiện nay"


def test_a_document_known_in_force_beside_one_of_unknown_standing_keeps_the_claim_standing(content):
    build = prepare(content.parent, today=TODAY)
    epr = build.site.index["obligations"]["epr-phuong-tien"]
    assert {s.ref.record.status for s in epr.sources} >= {"chua-ro"}  # NĐ 05/2025's standing is unknown
    assert not [c for c in epr.caveats if c.kind == "standing"]
    assert epr.standing.certain


def test_a_faq_answer_shows_the_status_of_what_it_rests_on_on_the_build_date(content):
    before = prepare(content.parent, today=dt.date(2026, 12, 2)).markdown[routes.PAGES["faq"]]
    entry = before[before.index("{: #cho-co-bi-cam }"):]
    entry = entry[:entry.index("\n### ")]
    assert "Sắp áp dụng từ" in entry and "còn 30 ngày" in entry  # 01/01/2027, seen on 02/12/2026
    after = prepare(content.parent, today=dt.date(2027, 1, 1)).markdown[routes.PAGES["faq"]]
    entry = after[after.index("{: #cho-co-bi-cam }"):]
    entry = entry[:entry.index("\n### ")]
    assert "Đang áp dụng (từ" in entry and "còn 30 ngày" not in entry


def test_a_faq_answer_resting_on_an_unverified_obligation_takes_its_caveat(content):
    _add_part(content / "obligations.yml", "  - id: epr-phuong-tien", "requires:")
    build = prepare(content.parent, today=TODAY)
    faq = build.markdown[routes.PAGES["faq"]]
    entry = faq[faq.index("{: #epr-xe }"):]
    assert 'data-claim="obligation/epr-phuong-tien"' in entry[:entry.index("\n### ")]


@pytest.mark.parametrize(("file", "start", "after", "key", "pages"), [
    ("guidance/items.yml", "  - id: nhua-dinh-nghia", "claim:", "item/nhua-dinh-nghia", ["huong-dan/chat-thai-nhua.md"]),
    ("faq.yml", "  - id: han-khai-bao", "answer:", "faq/han-khai-bao", [routes.PAGES["faq"]]),
    ("references.yml", "  - id: qd-1375-2020", "kind:", "reference/qd-1375-2020",
     ["van-ban/qd-1375-2020.md", routes.PAGES["references"]]),
    ("plans/kh-150-2023/plan.yml", "short_title", "short_title:", "plan/kh-150-2023",
     ["cac-ke-hoach/kh-150-2023/index.md", routes.PAGES["lineage"]]),
])
def test_an_unverified_part_of_each_record_type_is_on_its_page_and_in_its_lists(content, file, start, after, key,
                                                                                pages):
    if file.startswith("plans/"):
        path = content / file
        path.write_text(path.read_text(encoding="utf-8") + f"unverified: [{PART}]\n", encoding="utf-8")
    else:
        _add_part(content / file, start, after)
    build = prepare(content.parent, today=TODAY)
    for uri in pages:
        assert uri in build.markdown, sorted(build.markdown)[:20]
        assert f'data-claim="{key}"' in build.markdown[uri], uri
        assert PART in build.markdown[uri], uri


def test_a_contacts_unverified_part_reaches_the_contact_block(content):
    build = prepare(content.parent, today=TODAY)
    assert all(entry["caveat"] for entry in build.contacts if not entry["verified"])
    assert "số điện thoại" in build.contacts[0]["caveat"]


def test_the_review_queue_names_file_line_and_every_page(content):
    _add_part(content / "obligations.yml", "  - id: ha-noi-cho-tui-mien-phi-2027", "requires:")
    build = prepare(content.parent, today=TODAY)
    text = (content / "obligations.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, start=1) if t == "  - id: ha-noi-cho-tui-mien-phi-2027")
    listed = report(build)
    entry = listed[listed.index(f"content/obligations.yml:{line} quy định \"ha-noi-cho-tui-mien-phi-2027\""):]
    entry = entry[:entry.index("\n\n")] if "\n\n" in entry else entry
    assert f"Chưa được kiểm chứng: {PART}." in entry
    shown = pages_showing(build)["obligation/ha-noi-cho-tui-mien-phi-2027"]
    assert "/thay-doi/" in shown and "/doanh-nghiep/cho-cua-hang-tien-loi/" in shown
    assert "hiện ở: " + ", ".join(shown) in entry
    # flipping it back takes it off the list, and the count with it
    count = len(build.site.unverified)
    assert summary(build.site).startswith(f"{count} bản ghi")
    path = content / "obligations.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"    unverified: [{PART}]\n", ""), encoding="utf-8")
    again = prepare(content.parent, today=TODAY)
    assert len(again.site.unverified) == count - 1
    assert "ha-noi-cho-tui-mien-phi-2027" not in report(again)


def test_make_check_ends_with_the_count_and_make_audit_lists_them(content):
    result = subprocess.run([sys.executable, "-m", "scripts.check", str(content.parent)], capture_output=True,
                            text=True, check=False, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("xem danh sách: make audit")
    audit = subprocess.run([sys.executable, "-m", "scripts.audit", str(content.parent)], capture_output=True,
                           text=True, check=False, cwd=Path(__file__).resolve().parent.parent)
    assert audit.returncode == 0, audit.stderr
    assert audit.stdout.splitlines()[0] == result.stdout.splitlines()[-1]
    assert "content/references.yml:" in audit.stdout and "hiện ở: /" in audit.stdout


def test_a_reference_or_plan_flagged_unverified_shows_the_standard_line_on_its_page_and_lists(content):
    _add_part(content / "references.yml", "  - id: qd-1375-2020", "kind:")
    path = content / "references.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"    unverified: [{PART}]\n", "    verified: false\n", 1),
                    encoding="utf-8")
    plan = content / "plans" / "kh-128-2023" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8") + "verified: false\n", encoding="utf-8")
    build = prepare(content.parent, today=TODAY)
    line = STANDARD[:1].upper() + STANDARD[1:] + "."
    for uri, key in [("van-ban/qd-1375-2020.md", "reference/qd-1375-2020"),
                     (routes.PAGES["references"], "reference/qd-1375-2020"),
                     ("cac-ke-hoach/kh-128-2023/index.md", "plan/kh-128-2023"),
                     (routes.PAGES["lineage"], "plan/kh-128-2023")]:
        assert re.search(rf'data-claim="{re.escape(key)}"[^>]*>{re.escape(line)}', build.markdown[uri]), uri


# Derived pages add no facts: where the site reads something into a record, it says so; where it
# depends on the date, the record's dates decide.


def test_a_target_from_a_year_is_never_told_as_passed_and_a_target_by_a_year_is(content):
    build = prepare(content.parent, today=dt.date(2030, 6, 1))
    since = next(i for i in build.site.guidance if i.record.target_since)
    by = next(i for i in build.site.guidance if i.record.target_year and i.record.target_year < 2030)
    topic = build.markdown[routes.page_of(since.topic)]
    block = topic[topic.index(f"{{: #{since.record.id} }}"):]
    block = block[:block.index("\n### ")] if "\n### " in block else block
    assert f"từ năm {since.record.target_since}" in block and "đã qua" not in block
    page = build.markdown[routes.page_of(by.topic)]
    block = page[page.index(f"{{: #{by.record.id} }}"):]
    assert f"Năm {by.record.target_year} đã qua" in block[:block.index("\n### ")]


def test_a_topics_bodies_and_a_tasks_borrowed_period_are_labelled_as_the_sites_reading(content):
    build = prepare(content.parent, today=TODAY)
    topic = next(t for t in build.site.topics if t.record.agencies)
    page = build.markdown[routes.page_of(topic)]
    bodies = page[page.index("## Đơn vị được các kế hoạch giao việc"):]
    assert "Theo cách hiểu của trang" in bodies.split("\n- ")[0]
    plan = build.site.main_plan
    borrowed = [t for t in plan.tasks if t.record.period is None]
    assert borrowed
    progress = build.markdown[routes.timeline_page(plan)]
    assert "trang lấy thời gian của cả Kế hoạch (cách hiểu của trang)" in progress
