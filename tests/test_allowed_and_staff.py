"""Issue 19 on the fixture content: "Được / Không được" lines (content/guidance/allowed.yml) are
data tied to a rule, checked like every other content file; task and duty lists say which plan
they come from on the build's date; the staff page lists the plan in force and every claim
waiting for a check, read from the model."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import FIXTURE_CONTENT, FIXTURES
from plansite import claims, routes
from plansite.build import prepare
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.pending import pending_checks
from plansite.textfmt import md_text, vn_date

D = dt.date.fromisoformat
SITE = load_site(FIXTURE_CONTENT, today=D("2026-11-30")).site


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_line_naming_an_unknown_rule_is_an_error_at_its_line_in_vietnamese(content):
    path = content / "guidance" / "allowed.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("obligation: ha-noi-cho-khong-nhua-2028", "obligation: ha-noi-cho-khong-nhua-2029", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_site(content)
    problems = [p for p in raised.value.problems if p.file.endswith("allowed.yml")]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == _line_of(text, "obligation: ha-noi-cho-khong-nhua-2029")
    assert "ha-noi-cho-khong-nhua-2029" in problem.message and "không tồn tại" in problem.message
    assert "ha-noi-cho-khong-nhua-2028" in problem.message  # the near miss is suggested


def test_a_line_that_says_ask_must_say_whom(content):
    path = content / "guidance" / "allowed.yml"
    text = path.read_text(encoding="utf-8")
    first_ask = text.index("ask: so-cong-thuong")
    text = text[:first_ask] + "reading: false" + text[first_ask + len("ask: so-cong-thuong"):]
    text = text.replace("reading: false\n        reading: false", "reading: false", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_site(content)
    messages = [p.message for p in raised.value.problems if p.file.endswith("allowed.yml")]
    assert any("ask" in m and "đơn vị nên hỏi" in m for m in messages), messages


def test_every_line_sits_under_its_rule_with_the_rules_date_and_says_what_is_the_sites_reading():
    pages = prepare(FIXTURES / "site", today=D("2026-11-30")).markdown
    lines = [(o, line) for o in SITE.obligations for line in o.allowed]
    assert lines
    for obligation, line in lines:
        for kind in obligation.business_kinds:
            page = " ".join(pages[routes.page_of(kind)].split())
            start = page.index(f'id="{obligation.record.id}"')
            fold = page[start: page.index("</details>", start)]
            allowed = fold[fold.index('class="allowed"'):]
            assert f"từ {vn_date_html(obligation.record.starts)}" in allowed
            entry = allowed[allowed.index(str(md_text(line.record.text))):]
            entry = entry.split('class="allowed__mark', 1)[0].split("</div>", 1)[0]
            assert line.kind_label in allowed
            assert ("theo cách hiểu của trang này" in entry) == line.record.reading, (obligation.record.id, entry)
            if line.record.kind == "hoi":
                assert line.ask.name in entry


def vn_date_html(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{vn_date(day)}</time>'


@pytest.mark.parametrize("day, over", [("2024-06-01", False), ("2026-11-30", True)])
def test_task_lists_name_their_plan_and_whether_its_period_has_ended(day, over):
    build = prepare(FIXTURES / "site", today=D(day))
    main = build.site.main_plan
    for uri in (routes.tasks_page(main), routes.page_of(main.sections[0].agency)):
        page = " ".join(build.markdown[uri].split())
        origin = page[page.index('class="plan-origin"'):]
        origin = origin[: origin.index("</div>")]
        assert main.label in origin
        assert ("đã kết thúc" in origin) == over
        for current in build.site.plans_in_force:
            if current is not main:
                assert current.label in origin
                assert ("chưa có" in origin) == (not current.full_text)


def test_the_staff_page_is_the_home_pages_staff_door():
    build = prepare(FIXTURES / "site", today=D("2026-11-30"))
    home = build.markdown[routes.HOME]
    card = next(line for line in home.splitlines() if "<strong>Cán bộ</strong>" in line)
    assert "can-bo/index.md" in card
    staff = " ".join(build.markdown[routes.STAFF].split())
    for plan in build.site.plans_in_force:
        assert plan.label in staff
    for plan in build.site.plans:
        if plan.full_text:
            assert routes.tasks_page(plan).rsplit("/", 1)[0] in staff
            for section in plan.sections:
                assert section.agency.name in staff
    assert "CONTRIBUTING.md" in staff
    assert routes.served(routes.CHANGES) in staff and routes.served(routes.LINEAGE) in staff


def test_the_staff_page_lists_every_claim_waiting_for_a_check_and_only_those():
    build = prepare(FIXTURES / "site", today=D("2026-11-30"))
    site = build.site
    staff = " ".join(build.markdown[routes.STAFF].split())
    table = staff[staff.index("Thông tin chờ kiểm chứng"):]
    pending = pending_checks(site)
    waiting = [o for o in site.obligations if claims.own(o)]
    checked = [o for o in site.obligations if not claims.own(o)]
    assert waiting and checked  # the fixture has both
    for obligation in waiting:
        assert obligation.record.title in table
        assert any(p.entity is obligation for p in pending)
    for obligation in checked:
        assert not any(p.entity is obligation for p in pending)
    for item in site.guidance:
        assert any(p.entity is item for p in pending) == bool(claims.own(item))
    contacts = [c for c in site.contacts if not c.record.verified]
    assert len([p for p in pending if "contacts.yml:" in p.source]) == len(contacts)
    assert f"Có {len(pending)} nội dung" in staff
