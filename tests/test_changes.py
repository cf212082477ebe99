""""Có gì mới": dated change notes on records, /co-gi-moi/ newest first with the obligations about to
apply, an Atom feed of the same entries (parsed by feedparser) with fixed dates and stable ids, and
each record's latest note under its title. On the fixture content with a few notes added."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest

from conftest import fixture_project, run_mkdocs
from htmltools import page_for
from plansite import changes
from plansite.content import load_site

SITE_URL = "https://example.org/bvmt/"
TODAY = "2026-12-05"  # 01/01/2027 is 27 days away: within the 30-day window

# (file, the line after which the notes go, the notes as YAML at that record's indentation)
NOTES = [
    ("plans/2024/tasks.yml", "    short_title: Tuyên truyền, phổ biến pháp luật về bảo vệ môi trường\n",
     "    changes:\n      - {date: 02/11/2026, text: Sửa lỗi chính tả trong tên nhiệm vụ.}\n"
     "      - {date: 20/11/2026, text: Thêm thời gian thực hiện theo Kế hoạch.}\n"
     "      - {date: 20/12/2026, text: Ghi chú viết trước ngày của nó.}\n"),
    ("obligations.yml", "    title: Đăng ký kế hoạch tái chế và báo cáo kết quả năm trước\n",
     "    changes:\n      - {date: 25/11/2026, text: Thêm lưu ý về Nghị định 05/2025/NĐ-CP.}\n"),
    ("faq.yml", "  - id: cho-co-bi-cam\n",
     "    changes:\n      - {date: 01/12/2026, text: Câu trả lời nêu thêm ngày áp dụng ở Hà Nội.}\n"),
]


def _with_notes(project: Path) -> Path:
    for name, after, notes in NOTES:
        path = project / "content" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(after) == 1, (name, after)
        path.write_text(text.replace(after, after + notes), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("changes")
    project = _with_notes(fixture_project(base / "project"))
    result = run_mkdocs(project, base / "site", env={"SITE_URL": SITE_URL,
                                                      "PLANSITE_CARD_CACHE": str(base / "cards")}, today=TODAY)
    assert result.returncode == 0, result.stderr
    return project, base / "site"


def test_entries_have_fixed_dates_and_stable_keys(built):
    project, _ = built
    site = load_site(project / "content", project, dt.date.fromisoformat(TODAY)).site
    entries = changes.whats_new(site)
    coming = [e for e in entries if e.kind == "sap-ap-dung"]
    # the two fixture obligations that start on 01/01/2027; none of 2028 or later
    assert {e.record.record.id for e in coming} == {"ha-noi-cho-tui-mien-phi-2027", "epr-phuong-tien"}
    assert {e.date for e in coming} == {dt.date(2026, 12, 2)}  # the day they entered the window: 30 days before
    assert "Sắp áp dụng từ 01/01/2027: chợ, cửa hàng tiện lợi không cho không túi ni lông khó phân hủy" in \
        [e.title for e in coming]
    dates = [e.date for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert dt.date(2026, 12, 20) not in dates  # a note dated after the build's date waits for its day
    # a later build: the same entries keep their keys and dates; the coming one has applied and left
    later = changes.whats_new(load_site(project / "content", project, dt.date(2026, 12, 31)).site)
    same = {e.key: e.date for e in entries if e.kind == "thay-doi"}
    assert {e.key: e.date for e in later if e.key in same} == same
    # outside the window: 32 days before
    assert not changes.coming(load_site(project / "content", project, dt.date(2026, 11, 30)).site)


def test_page_lists_notes_newest_first_and_the_obligations_about_to_apply(built):
    _, site = built
    page = page_for(site, "/co-gi-moi/")
    text = page.text
    assert "Sắp áp dụng từ 01/01/2027" in text
    notes = ["Câu trả lời nêu thêm ngày áp dụng ở Hà Nội.", "Thêm lưu ý về Nghị định 05/2025/NĐ-CP.",
             "Thêm thời gian thực hiện theo Kế hoạch.", "Sửa lỗi chính tả trong tên nhiệm vụ."]
    positions = [text.index(n) for n in notes]
    assert positions == sorted(positions)
    assert "Ghi chú viết trước ngày của nó" not in text
    # the unverified obligation's note keeps its caveat
    html = (site / "co-gi-moi" / "index.html").read_text(encoding="utf-8")
    block = html[html.index("Thêm lưu ý về Nghị định 05/2025"):][:600]
    assert "Chưa được kiểm chứng" in block or "chưa được kiểm chứng" in block
    # linked from the home page and from every footer
    assert any(href.rstrip("/").endswith("co-gi-moi") for _, href in page_for(site, "/").links)
    assert 'href="../co-gi-moi/"' in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")


def test_each_record_shows_its_latest_note_under_its_title(built):
    _, site = built
    task = page_for(site, "/nhiem-vu/tuyen-truyen/").text
    assert "Thêm thời gian thực hiện theo Kế hoạch." in task
    assert "Sửa lỗi chính tả" not in task  # only the latest
    html = (site / "nhiem-vu" / "tuyen-truyen" / "index.html").read_text(encoding="utf-8")
    assert html.index("Thêm thời gian thực hiện") - html.index("<h1") < 600  # right under the title
    # an obligation's note sits under its heading wherever the obligation is anchored
    for address in ("/thay-doi/", "/huong-dan/trach-nhiem-tai-che/"):
        html = (site / address.strip("/") / "index.html").read_text(encoding="utf-8")
        heading = html.index('id="epr-ke-hoach-bao-cao"')
        assert 0 < html.index("Thêm lưu ý về Nghị định 05/2025", heading) - heading < 600, address
    assert "Câu trả lời nêu thêm ngày áp dụng ở Hà Nội." in page_for(site, "/hoi-dap/").text


def test_atom_feed_parses_with_fixed_dates_stable_ids_and_links_to_page_and_anchor(built):
    _, site = built
    data = (site / "co-gi-moi" / "atom.xml").read_bytes()
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = feed.entries
    assert len(entries) == 4 + 2  # four notes up to the build's date, two coming obligations
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith(SITE_URL + "co-gi-moi/#") for i in ids)
    updated = [e.updated_parsed for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated_parsed == updated[0]  # the newest entry's date, not the build's moment
    by_title = {e.title: e for e in entries}
    coming = by_title["Sắp áp dụng từ 01/01/2027: chợ, cửa hàng tiện lợi không cho không túi ni lông khó phân hủy"]
    assert coming.published.startswith("2026-12-02")
    assert coming.link == SITE_URL + "thay-doi/#ha-noi-cho-tui-mien-phi-2027"
    assert [link.rel for link in coming.links] == ["alternate"]
    card = re.search(r'<img [^>]*src="([^"]+)"', coming.content[0].value).group(1)  # its card, with its date
    assert (site / card.removeprefix(SITE_URL)).is_file()
    assert by_title["Nhiệm vụ 1: Tuyên truyền, phổ biến pháp luật về bảo vệ môi trường"].link == \
        SITE_URL + "nhiem-vu/tuyen-truyen/"
    faq = next(e for e in entries if "Câu trả lời nêu thêm" in e.summary)
    assert faq.link == SITE_URL + "hoi-dap/#cho-co-bi-cam"
    epr = next(e for e in entries if "Nghị định 05/2025" in e.summary)
    assert "Chưa được kiểm chứng" in epr.summary  # the caveat travels with the entry
    assert "2024 plan draft" not in epr.summary
    # every entry's page and anchor exist in the built site
    for entry in entries:
        path, _, anchor = entry.link.removeprefix(SITE_URL).partition("#")
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, entry.link


def test_the_same_feed_on_the_next_day(built, tmp_path):
    project, site = built
    result = run_mkdocs(project, tmp_path / "site", env={"SITE_URL": SITE_URL,
                                                         "PLANSITE_CARD_CACHE": str(tmp_path / "cards")},
                        today="2026-12-06")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "co-gi-moi" / "atom.xml").read_bytes() == (site / "co-gi-moi" / "atom.xml").read_bytes()


def test_every_page_links_the_feed(built):
    _, site = built
    for path in (site / "index.html", site / "van-ban" / "qd-12-2021" / "index.html", site / "404.html"):
        html = path.read_text(encoding="utf-8")
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="Có gì mới" href="([^"]+)"', html)
        assert link, path
        assert link.group(1).endswith("co-gi-moi/atom.xml")
