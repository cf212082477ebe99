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
CHECKS = self_checks(SITE.selfchecks, SITE.index["obligations"], SITE.today)


# Self-checks (engine, agreement and content checks: tests/test_selfcheck.py)


def test_self_check_pages_work_without_javascript(built_site):
    """Without scripts each page shows its questions, its decision table, its outcomes with their
    basis, and its worked examples with their outcomes."""
    for check_id, check in CHECKS.items():
        page = page_for(built_site, f"/huong-dan/tu-kiem-tra-{check_id}/")
        html = page.path.read_text(encoding="utf-8")
        for question in check.record.questions:
            assert question.text in page.article
        for rule in check.record.rules:
            for question_id, condition in rule.when.items():
                assert check.condition_text(question_id, condition) in page.article
        for outcome in check.record.outcomes:
            section = re.search(rf'<h3[^>]*id="ket-qua-{outcome.id}".*?(?=<h[23]|</article>)', html, re.S).group(0)
            assert "không phải quyết định pháp lý" in section
            assert re.search(r'href="\.\./\.\./van-ban/[a-z0-9-]+/"', section), outcome.id
            for oid in (*outcome.obligations, *outcome.related):
                assert f'thay-doi/#{oid}"' in section, (outcome.id, oid)
        rows = {re.sub(r"<[^>]+>", "", re.search(r"<td[^>]*>(.*?)</td>", row, re.S).group(1)): row
                for row in re.findall(r"<tr[^>]*>\s*<td[^>]*>.*?</tr>", html, re.S)}
        for example, result in check.worked_examples():  # the worked examples, each with its outcomes
            assert [f"#ket-qua-{o}" for o in result.outcome_ids] == \
                re.findall(r'href="(#ket-qua-[a-z0-9-]+)"', rows[example.name]), example.name


@pytest.mark.parametrize("value, shown", [(300000, "300.000"), (600, "600"), (30.0, "30"), (2.5, "2,5"),
                                          (100000.5, "100.000,5"), (0.25, "0,25")])
def test_thresholds_are_written_the_vietnamese_way(value, shown):
    assert vn_number(value) == shown
