"""The one name matcher (plansite/names.py) that the citation checks and `make import` share.

Issue 15: every document a plan's text names is recorded as cited, also one named without a
number ("Luật Ngân sách nhà nước", through its `aliases` or a law's title). Checked on the real
content and the fixture content: any plan with a full text, any place in it.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURE_CONTENT, ROOT
from plansite import names
from plansite.content import load_site
from plansite.references import names_reference
from plansite.schema import Agency, LegalReference


def _places(plan):
    """(where, text, cited ids) for every place of a plan's own text that may cite a document."""
    text = plan.record.text
    yield "phần căn cứ", "\n".join(text.preamble), list(text.legal_basis)
    for part in text.parts:
        for number, item in enumerate(part.items, start=1):
            yield f"phần {part.number}, mục {number}", item.text, list(item.cites)
    for task in plan.tasks:
        yield f"nhiệm vụ {task.record.number}", task.record.text, list(task.record.cites)
        for item in task.record.items:
            yield f"nhiệm vụ {task.record.number}, {item.label}", item.text, list(item.cites)
    for section in plan.sections:
        for number, duty in enumerate(section.record.duties, start=1):
            yield f"mục {section.record.number}, ý {number}", duty.text, list(duty.cites)
            for item in duty.items:
                yield f"mục {section.record.number}, ý {number}, {item.label}", item.text, list(item.cites)


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURE_CONTENT], ids=["real", "fixture"])
def test_every_document_a_plans_text_names_is_linked_to_its_reference(content):
    site = load_site(content).site
    references = [r.record for r in site.references]
    checked = 0
    for plan in site.plans:
        if plan.record.text is None:
            continue
        for where, text, cited in _places(plan):
            named = names.documents_named(text, references)
            assert set(named) <= set(cited), f"{plan.id}, {where}: names {named}, cites only {cited}"
            checked += len(named)
    assert checked > 0


def test_the_2024_plan_cites_the_state_budget_law_in_section_iv_4():
    site = load_site(ROOT / "content").site
    law = site.index["references"]["luat-ngan-sach-nha-nuoc"]
    assert [c.label for c in law.citations if c.plan.id == "2024"] == ["Phần IV, mục 4, ý 1"]
    assert law.record.number is None and law.record.date is None and law.record.status == "chua-ro"


def _reference(**fields) -> LegalReference:
    return LegalReference(**{"id": "x", "kind": "quyet-dinh", **fields})


def test_a_number_is_named_only_as_a_whole_word():
    decision = _reference(number="1375/QĐ-TTg")
    assert names.names_document("theo Quyết định số 1375/QĐ-TTg ngày 08/9/2020", decision)
    assert names.names_document("theo quyết định số 1375/qđ-ttg", decision)  # case and marks fold
    assert not names.names_document("theo Quyết định số 11375/QĐ-TTg", decision)
    assert not names.names_document("theo Quyết định số 1375/QĐ-TTgX", decision)
    assert names.numbers_in("Quyết định số 1375/QĐ-TTg; Thông tư số 42/2020/TT-BCT") == [
        "1375/QĐ-TTg", "42/2020/TT-BCT"]


def test_a_document_without_a_number_is_named_by_a_laws_title_or_an_alias():
    law = _reference(kind="luat", title="Luật Ngân sách nhà nước")
    plan = _reference(id="y", kind="ke-hoach", aliases=["Kế hoạch thử nghiệm không số"])
    assert names_reference("theo quy định của Luật Ngân sách nhà nước và các văn bản", law)
    assert names.names_document("thực hiện Kế hoạch thử nghiệm không số", plan)
    assert not names.names_document("thực hiện Kế hoạch thử nghiệm", plan)
    assert names.documents_named("Kế hoạch thử nghiệm không số, Luật Ngân sách nhà nước", [law, plan]) == ["y", "x"]


def test_a_successors_name_names_the_new_body_never_its_predecessor():
    old = Agency.model_validate({"id": "so-cu", "name": "Sở Tài nguyên và Môi trường", "kind": "so",
                                 "successor": {"name": "Sở Nông nghiệp và Môi trường", "basis": "thử"}})
    new = Agency.model_validate({"id": "so-moi", "name": "Sở Nông nghiệp và Môi trường", "kind": "so"})
    assert names.agency_called("Sở Nông nghiệp và Môi trường", [old]) is None
    assert names.agency_called("Sở Nông nghiệp và Môi trường:", [old, new]) is new
    assert names.agencies_named("Phối hợp với Sở Nông nghiệp và Môi trường", [old]) == []


def test_the_longer_name_wins_where_two_overlap():
    city = Agency.model_validate({"id": "so", "name": "Sở Công Thương", "kind": "so"})
    provinces = Agency.model_validate({"id": "tinh", "name": "Sở Công Thương các tỉnh, thành phố",
                                       "kind": "dia-phuong-khac"})
    assert names.agencies_named("trao đổi với Sở Công Thương các tỉnh, thành phố", [city, provinces]) == ["tinh"]
    assert names.agencies_named("Sở Công Thương và Sở Công Thương các tỉnh, thành phố", [city, provinces]) == [
        "so", "tinh"]
