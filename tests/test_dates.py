"""The build knows its date: every dated statement is true on the day the site is built.

Statuses and counts are computed on `Site.today` (PLANSITE_TODAY, else today in Hanoi). These
tests load and render the fixture content at fixed dates before, on and after each boundary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURE_CONTENT, FIXTURES, run_mkdocs
from plansite.build import prepare
from plansite.content import load_site
from plansite.today import BadToday, build_date

D = dt.date.fromisoformat


def site_on(day: str):
    return load_site(FIXTURE_CONTENT, today=D(day)).site


def obligation(day: str, record_id: str):
    return site_on(day).index["obligations"][record_id]


# ha-noi-cho-tui-mien-phi-2027 starts 01/01/2027; ha-noi-nhua-tai-che-20 runs 01/01/2028-31/12/2029;
# tt42-khai-bao-hang-nam is due before 31/01 every year (fixture content, frozen).
@pytest.mark.parametrize("day, state, days_left", [
    ("2026-11-30", "sap-ap-dung", 32),
    ("2026-12-31", "sap-ap-dung", 1),
    ("2027-01-01", "dang-ap-dung", None),
    ("2027-01-02", "dang-ap-dung", None),
])
def test_an_obligation_is_coming_then_in_force_on_its_first_day(day, state, days_left):
    standing = obligation(day, "ha-noi-cho-tui-mien-phi-2027").standing
    assert (standing.state, standing.days_left) == (state, days_left)


@pytest.mark.parametrize("day, state", [("2029-12-30", "dang-ap-dung"), ("2029-12-31", "dang-ap-dung"),
                                        ("2030-01-01", "het-hieu-luc")])
def test_an_obligation_ends_after_its_last_day(day, state):
    assert obligation(day, "ha-noi-nhua-tai-che-20").standing.state == state


@pytest.mark.parametrize("day, due", [("2026-11-30", "2027-01-31"), ("2027-01-30", "2027-01-31"),
                                      ("2027-01-31", "2028-01-31"), ("2027-02-01", "2028-01-31")])
def test_a_yearly_duty_gives_its_next_due_date(day, due):
    """"Before 31/01": on 31/01 itself this year's date has passed."""
    assert obligation(day, "tt42-khai-bao-hang-nam").standing.next_due == D(due)


def test_a_yearly_duty_that_has_not_started_is_first_due_after_it_starts():
    standing = obligation("2023-06-01", "epr-nop-quy").standing
    assert (standing.state, standing.next_due) == ("sap-ap-dung", D("2024-04-20"))


@pytest.mark.parametrize("day, in_force", [
    ("2025-06-01", {"qd-1375-2020", "kh-128-2023", "2025"}),
    ("2025-12-31", {"qd-1375-2020", "kh-128-2023", "2025"}),
    ("2026-01-01", {"kh-362-2025"}),
    ("2026-11-30", {"kh-362-2025"}),
    ("2031-01-01", set()),
])
def test_the_plan_in_force_follows_the_date(day, in_force):
    assert {plan.id for plan in site_on(day).plans_in_force} == in_force


def test_a_draft_is_never_in_force_and_a_target_year_passes():
    site = site_on("2024-06-01")
    assert not site.main_plan.in_force and not site.main_plan.over
    assert site_on("2025-01-01").main_plan.over
    assert not site.index["guidance"]["nhua-muc-tieu-1316"].target_passed
    assert site_on("2026-01-01").index["guidance"]["nhua-muc-tieu-1316"].target_passed


def _page(markdown: dict, uri: str) -> str:
    return " ".join(markdown[uri].split())


@pytest.mark.parametrize("day, expected, absent", [
    ("2026-11-30", ["Sắp áp dụng từ", "01/01/2027</time>, còn 32 ngày"], []),
    ("2026-12-31", ["01/01/2027</time>, còn 1 ngày"], ["còn 32 ngày"]),
    ("2027-01-01", ["Đang áp dụng (từ <time datetime=\"2027-01-01\">01/01/2027</time>)"], ["còn 1 ngày"]),
])
def test_business_pages_say_where_each_obligation_stands_on_the_build_date(day, expected, absent):
    page = _page(prepare(FIXTURES / "site", today=D(day)).markdown, "doanh-nghiep/cho-cua-hang-tien-loi.md")
    for text in expected:
        assert text in page
    for text in absent:
        assert text not in page


def test_an_ended_obligation_moves_to_the_history_section():
    before = _page(prepare(FIXTURES / "site", today=D("2029-12-31")).markdown, "doanh-nghiep/san-xuat-nhap-khau.md")
    after = _page(prepare(FIXTURES / "site", today=D("2030-01-01")).markdown, "doanh-nghiep/san-xuat-nhap-khau.md")
    title = "Bao bì PE, PP có ít nhất 20% nhựa tái chế"
    assert "## Đã hết hiệu lực" not in before
    history = after.split("## Đã hết hiệu lực", 1)[1]
    assert title in history and title not in after.split("## Mốc thời gian")[0]


def test_the_timeline_marks_today_between_the_past_and_the_coming():
    page = _page(prepare(FIXTURES / "site", today=D("2026-11-30")).markdown, "thay-doi/index.md")
    page = page[page.index("## Trước năm 2024"):]  # the list under the chart
    today = page.index('id="hom-nay"')
    assert page.index("Khách sạn, khu du lịch ở Hà Nội ngừng một số đồ nhựa dùng một lần") < today
    assert today < page.index("Chợ, cửa hàng tiện lợi không cho không túi ni lông khó phân hủy")
    assert "hạn tới: trước ngày <time datetime=\"2027-01-31\">31/01/2027</time>" in page


def test_today_comes_from_the_variable_else_from_the_clock_in_hanoi():
    assert build_date({"PLANSITE_TODAY": "2027-01-01"}) == D("2027-01-01")
    late_evening_utc = dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.timezone.utc)  # 01:30 on 1/12 in Hanoi
    assert build_date({}, now=late_evening_utc) == D("2026-12-01")
    with pytest.raises(BadToday) as error:
        build_date({"PLANSITE_TODAY": "30/11/2026"})
    assert 'PLANSITE_TODAY="30/11/2026" không phải một ngày' in str(error.value)


def test_a_build_with_a_wrong_date_stops_with_the_message(project, tmp_path):
    result = run_mkdocs(project, tmp_path / "site", today="ngày mai")
    assert result.returncode != 0
    assert 'PLANSITE_TODAY="ngày mai" không phải một ngày; hãy viết năm-tháng-ngày' in result.stderr
    assert "Traceback" not in result.stderr
