"""The self-check pages of the real site: every criterion and outcome readable without JavaScript.

The rules themselves, the number parsing and the worked examples are tested in tests/test_selfcheck.py.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from htmltools import Page, page_for
from plansite.content import load_site
from plansite.selfcheck import self_checks
from plansite.textfmt import vn_date, vn_number

SITE = load_site(ROOT / "content").site
CHECKS = self_checks(SITE.selfchecks)


# Self-checks (engine, agreement and content checks: tests/test_selfcheck.py)


def test_self_check_pages_work_without_javascript(built_site):
    declaration, epr = SITE.selfchecks.declaration, SITE.selfchecks.epr
    page = page_for(built_site, "/huong-dan/tu-kiem-tra-khai-bao/")
    for sector in declaration.sectors:
        assert sector.name in page.article
        if sector.thresholds:
            assert " hoặc ".join(f"từ {vn_number(t.minimum)} {t.unit}" for t in sector.thresholds) in page.article
    assert declaration.deadline in page.article
    epr_page = page_for(built_site, "/huong-dan/tu-kiem-tra-epr/")
    assert f"dưới {vn_number(epr.revenue_threshold)} tỷ đồng" in epr_page.article
    for group in epr.groups:
        assert vn_date(group.since) in epr_page.article
    for deadline in epr.deadlines:
        assert f"trước ngày {deadline.before} hằng năm" in epr_page.article
    for check_id, check in CHECKS.items():
        page = page_for(built_site, f"/huong-dan/tu-kiem-tra-{check_id}/")
        html = page.path.read_text(encoding="utf-8")
        for outcome in check.outcomes.values():
            section = re.search(rf'<h3[^>]*id="ket-qua-{outcome.id}".*?(?=<h[23]|</article>)', html, re.S).group(0)
            assert "không phải quyết định pháp lý" in section
            assert re.search(r'href="\.\./\.\./van-ban/[a-z0-9-]+/"', section), outcome.id
            for point in outcome.points:
                assert point in Page(page.path).article
        rows = {re.sub(r"<[^>]+>", "", re.search(r"<td[^>]*>(.*?)</td>", row, re.S).group(1)): row
                for row in re.findall(r"<tr[^>]*>\s*<td[^>]*>.*?</tr>", html, re.S)}
        for example, result in check.worked_examples():  # the worked examples, each with its outcomes
            assert [f"#ket-qua-{o}" for o in result.outcome_ids] == \
                re.findall(r'href="(#ket-qua-[a-z0-9-]+)"', rows[example.name]), example.name



@pytest.mark.parametrize("value, shown", [(300000, "300.000"), (600, "600"), (30.0, "30"), (2.5, "2,5"),
                                          (100000.5, "100.000,5"), (0.25, "0,25")])
def test_thresholds_are_written_the_vietnamese_way(value, shown):
    assert vn_number(value) == shown
