"""The theme layer's engines on small made-up input: the table layout extension and the timeline
and figure macros of plansite/templates/_figures.j2 (no live content)."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest

from plansite.render import make_environment
from plansite.table_layout import TableLayoutExtension

TWO_ROW_HEADER = """
<div class="table-scroll" role="region" aria-label="x" tabindex="0" markdown="1">
<table markdown="1">
<thead markdown="1">
<tr markdown="1"><th rowspan="2">No</th><th colspan="2">Who</th><th rowspan="2">When</th></tr>
<tr markdown="1"><th>Lead</th><th>Helps</th></tr>
</thead>
<tbody markdown="1">
<tr markdown="1"><td markdown="span">1</td><td markdown="span">A</td><td markdown="span">B</td><td markdown="span">Q2</td></tr>
</tbody>
</table>
</div>
"""


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "tables", "attr_list", TableLayoutExtension()])


def test_cells_are_named_by_their_column_under_a_two_row_header():
    html = _html(TWO_ROW_HEADER)
    labels = re.findall(r'<td data-label="([^"]+)">', html)
    assert labels == ["No", "Lead", "Helps", "When"]
    assert 'class="data-table data-table--cards"' in html and 'data-columns="4"' in html
    assert html.count("table-scroll") == 1  # the template's box is the only one


@pytest.mark.parametrize("columns, cards", [(3, False), (4, True)])
def test_markdown_tables_get_one_labelled_box_and_cards_past_three_columns(columns, cards):
    head = "|" + "|".join(f"H{i}" for i in range(columns)) + "|"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|"
    row = "|" + "|".join(f"v{i}" for i in range(columns)) + "|"
    html = _html(f"## Heading\n\n{head}\n{rule}\n{row}\n")
    assert re.search(r'<div aria-label="Bảng: Heading" class="table-scroll" role="region" tabindex="0"><table', html)
    assert ("data-table--cards" in html) == cards
    assert re.findall(r'data-label="([^"]+)"', html) == [f"H{i}" for i in range(columns)]


def _timeline(rows, start, end, today=None):
    env = make_environment()
    template = env.from_string('{% import "_figures.j2" as f with context %}'
                               '{{ f.timeline(rows, start, end, "Chart", {"a": "Kind A"}, today) }}')
    return template.render(site=None, page_uri="x/index.md", rows=rows, start=start, end=end, today=today)


def test_timeline_bars_start_and_end_where_the_rows_do_and_today_is_marked():
    rows = [{"label": "First", "link": None, "start": dt.date(2024, 4, 1), "end": dt.date(2024, 12, 31), "kind": "a"},
            {"label": "Second", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 6, 30)}]
    text = _timeline(rows, dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=dt.date(2024, 7, 1))
    bars = [tuple(map(float, m)) for m in re.findall(r"--from: ([\d.]+); --to: ([\d.]+)", text)]
    assert bars == [(round(91 / 366, 4), 1.0), (0.0, round(182 / 366, 4))]  # 2024 has 366 days
    assert '<time datetime="2024-04-01">01/4/2024</time>' in text
    assert len(re.findall(r'class="timeline-chart__tick"', text)) == 4  # quarters within one year
    assert 'class="timeline-chart__today"' in text and 'datetime="2024-07-01"' in text
    assert "timeline-chart__row--a" in text and "timeline-chart__row--muc" in text
    assert "<figcaption" in text and text.count('class="timeline-chart__track" aria-hidden="true"') == 2


def test_a_long_timeline_ticks_by_year_and_says_when_today_is_outside_it():
    rows = [{"label": "Rule", "start": dt.date(2026, 1, 1), "end": dt.date(2030, 12, 31), "kind": "nghia-vu"}]
    text = _timeline(rows, dt.date(2024, 1, 1), dt.date(2031, 12, 31), today=dt.date(2032, 3, 1))
    ticks = re.findall(r'class="timeline-chart__tick"[^>]*>(\d{4})<', text)
    assert ticks == [str(y) for y in range(2024, 2032)]
    assert "timeline-chart__today--outside" in text and "sau thời gian trên biểu đồ" in text


def test_without_today_there_is_no_today_line():
    rows = [{"label": "Rule", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 3, 31)}]
    assert "timeline-chart__today" not in _timeline(rows, dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_the_bag_figure_is_labelled_and_draws_the_limit_to_scale():
    env = make_environment()
    text = env.from_string('{% import "_figures.j2" as f with context %}{{ f.banned_bag("01/01/2026") }}').render(
        site=None, page_uri="x/index.md")
    assert text.count('role="img"') == 2 and text.count("<title") == 2
    assert '<rect class="bag-figure__limit" x="8" y="9" width="50" height="50"/>' in text  # 1 unit = 1 cm
    assert "50 cm × 50 cm" in text and "50 µm" in text and "từ ngày 01/01/2026" in text
