"""The two self-checks: decision trees built from the threshold data, walked in Python and shown without JavaScript."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CONTENT, FIXTURES
from htmltools import Page, page_for
from plansite.content import load_site
from plansite.errors import ContentError
from plansite.glossary import tooltip
from plansite.references import unverified_source
from plansite.selfcheck import evaluate, self_checks
from plansite.textfmt import vn_date, vn_number

SITE = load_site(FIXTURE_CONTENT).site
CHECKS = self_checks(SITE.selfchecks)
EXAMPLES = yaml.safe_load((FIXTURES / "selfcheck_examples.yml").read_text(encoding="utf-8"))
GUIDANCE_PAGES = ["/doanh-nghiep/", "/nguoi-dan/", "/huong-dan/", "/hoi-dap/", "/thuat-ngu/",
                  *(f"/doanh-nghiep/{k.id}/" for k in SITE.business_kinds),
                  *(f"/huong-dan/{t.id}/" for t in SITE.topics),
                  "/huong-dan/tu-kiem-tra-khai-bao/", "/huong-dan/tu-kiem-tra-epr/"]


# Self-checks


@pytest.mark.parametrize("check_id, example",
                         [(c, e) for c in ("khai-bao", "epr") for e in EXAMPLES[c]],
                         ids=lambda v: v["name"] if isinstance(v, dict) else v)
def test_self_check_gives_the_expected_outcome(check_id, example):
    outcome, steps = evaluate(CHECKS[check_id], example["answers"])
    assert outcome.id == example["expect"], [(s.question.key, s.answer) for s in steps]
    assert outcome.sources


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_declaration_applies_when_any_threshold_is_reached_and_is_ruled_out_only_when_all_are_below(data):
    sector = data.draw(st.sampled_from(SITE.selfchecks.declaration.sectors))
    capacities = [data.draw(st.none() | st.floats(0, t.minimum * 3, allow_nan=False)) for t in sector.thresholds]
    answers = {"nganh": sector.id}
    question_keys = [q.key for q in CHECKS["khai-bao"].questions.values() if q.id.startswith(f"{sector.id}-")]
    assert len(set(question_keys)) == len(sector.thresholds)  # one answer per unit, so answers never clash
    for threshold, capacity in zip(sector.thresholds, capacities):
        if capacity is not None:
            answers[_key_for(sector, threshold)] = capacity
    outcome, _ = evaluate(CHECKS["khai-bao"], answers)
    if not sector.thresholds or any(c is not None and c >= t.minimum for t, c in zip(sector.thresholds, capacities)):
        assert outcome.id == "phai-khai-bao"
    elif all(c is not None for c in capacities):
        assert outcome.id == "duoi-nguong"
    else:
        assert outcome.id == "chua-ro-cong-suat"


@settings(max_examples=300, deadline=None)
@given(role=st.sampled_from(["san-xuat", "nhap-khau", "khong"]),
       group=st.sampled_from([g.id for g in SITE.selfchecks.epr.groups] + ["khac"]),
       export_only=st.booleans(), revenue=st.none() | st.floats(0, 1000, allow_nan=False), reuses=st.booleans())
def test_epr_applies_unless_an_exemption_of_article_54_or_77_holds(role, group, export_only, revenue, reuses):
    answers = {"vai-tro": role, "nhom": group, "muc-dich": "co" if export_only else "khong",
               "doanh-thu": revenue, "tu-thu-hoi": "co" if reuses else "khong"}
    outcome, _ = evaluate(CHECKS["epr"], answers)
    packaging = {g.id for g in SITE.selfchecks.epr.groups if g.packaging}
    if role == "khong":
        expected = "khong-san-xuat-nhap-khau"
    elif group == "khac":
        expected = "nhom-khac"
    elif export_only:
        expected = "mien-xuat-khau"
    elif revenue is None:
        expected = "chua-ro-doanh-thu"
    elif revenue < SITE.selfchecks.epr.revenue_threshold:
        expected = "mien-doanh-thu"
    elif group in packaging and reuses:
        expected = "mien-tu-thu-hoi"
    else:
        expected = f"phai-{group}"
    assert outcome.id == expected


def _key_for(sector, threshold) -> str:
    return next(q.key for q in CHECKS["khai-bao"].questions.values()
                if q.id.startswith(f"{sector.id}-") and q.unit == threshold.unit)


def test_epr_outcomes_state_each_groups_start_date():
    for group in SITE.selfchecks.epr.groups:
        text = CHECKS["epr"].outcomes[f"phai-{group.id}"].text
        assert f"từ ngày {vn_date(group.since)}" in text
    assert "01/01/2027" in CHECKS["epr"].outcomes["phai-phuong-tien"].text


def test_every_path_through_a_self_check_ends_in_an_outcome():
    for check in CHECKS.values():
        targets = {check.start}
        for q in check.questions.values():
            targets |= {c.next for c in q.choices} | {t for t in (q.at_least, q.below, q.unknown) if t}
        assert targets <= set(check.questions) | set(check.outcomes)
        assert set(check.outcomes) <= targets  # no outcome is unreachable


def test_self_check_pages_work_without_javascript(fixture_site):
    page = page_for(fixture_site, "/huong-dan/tu-kiem-tra-khai-bao/")
    for sector in SITE.selfchecks.declaration.sectors:
        assert sector.name in page.article
    assert "300.000 kWh/năm hoặc từ 600 tấn/năm" in page.article
    assert "trước ngày 31/01 của năm sau" in page.article
    epr = page_for(fixture_site, "/huong-dan/tu-kiem-tra-epr/")
    assert "dưới 30 tỷ đồng" in epr.article and "01/01/2027" in epr.article
    for check_id, check in CHECKS.items():
        page = page_for(fixture_site, f"/huong-dan/tu-kiem-tra-{check_id}/")
        html = page.path.read_text(encoding="utf-8")
        for outcome in check.outcomes.values():
            section = re.search(rf'<h3[^>]*id="ket-qua-{outcome.id}".*?(?=<h[23]|</article>)', html, re.S).group(0)
            assert "không phải quyết định pháp lý" in section
            assert re.search(r'href="\.\./\.\./van-ban/[a-z0-9-]+/"', section), outcome.id


@pytest.mark.parametrize("value, shown", [(300000, "300.000"), (600, "600"), (30.0, "30"), (2.5, "2,5"),
                                          (100000.5, "100.000,5"), (0.25, "0,25")])
def test_thresholds_are_written_the_vietnamese_way(value, shown):
    assert vn_number(value) == shown
