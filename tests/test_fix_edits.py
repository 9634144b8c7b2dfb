"""The fix representation: fixable rules attach `Edit`s to their findings, and
applying them yields text on which the rule no longer fires."""

from __future__ import annotations

import pytest

from fazhi.checker.findings import Edit
from fazhi.checker.reader import document_from_text
from fazhi.checker.rules import registry
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace
from fazhi.checker.testing import findings_for
from fazhi.fixer.edits import apply, choose, minimal

FIXABLE = {"term-fazhi", "halfwidth-punctuation", "numbering-style", "date-format", "plan-title-wrong", "law-repealed"}


def _fixed_text(text: str, findings) -> str:
    doc = document_from_text(text)
    texts = {p.index: p.text for p in doc.paragraphs}
    chosen = choose([e for f in findings for e in f.fix], texts)
    lines = [apply(texts[i], [e for e in chosen if e.paragraph == i]) for i in sorted(texts)]
    return "\n".join(lines) + "\n"


def test_fixable_rules_are_declared():
    reg = registry()
    assert {slug for slug, rule in reg.items() if rule.fixable} >= FIXABLE
    assert not reg["causes-missing"].fixable


def test_a_rule_not_declared_fixable_cannot_attach_a_fix():
    rule = registry()["causes-missing"]
    with pytest.raises(ValueError):
        rule.finding(None, message="x", fix=[Edit(1, 0, 1, "y")])


@pytest.mark.parametrize(
    "slug, old, new",
    [
        ("term-fazhi", "开展集中学法6次。", "开展集中学法6次，组织法制宣传活动3场，法制教育2次。"),
        ("halfwidth-punctuation", "普法形式单一，究其原因是专业人员不足。", "普法形式单一,究其原因(主要)是专业人员不足:缺编3人。"),
        ("halfwidth-punctuation", "（一）加强组织领导", "(一)加强组织领导"),  # not also numbering-style
        ("numbering-style", "1.召开专题会议", "1、召开专题会议"),
        ("date-format", "2024年2月22日", "2024.02.22"),
        ("plan-title-wrong", "开展集中学法6次。", "按照《法治政府建设纲要（2021-2025年）》开展集中学法6次。"),
        ("law-repealed", "开展集中学法6次。", "开展集中学法6次，学习《信访条例》。"),
    ],
)
def test_applying_the_fix_removes_the_finding(slug, old, new):
    text = replace(GOOD_REPORT, old, new)
    found = findings_for(text, slug)
    assert found and all(f.fix for f in found)
    fixed = _fixed_text(text, found)
    assert findings_for(fixed, slug) == []
    assert {(f.rule, f.paragraph) for f in findings_for(fixed)} <= {(f.rule, f.paragraph) for f in findings_for(text)}


def test_term_fazhi_fixes_every_occurrence_but_only_fazhi_to_fazhi():
    text = replace(GOOD_REPORT, "开展集中学法6次。", "开展法制宣传3场，法制宣传覆盖全镇，全国法制宣传日开展活动。")
    [f] = [f for f in findings_for(text, "term-fazhi") if f.evidence == "法制宣传"]
    assert len(f.fix) == 2 and {e.replacement for e in f.fix} == {"法治宣传"}
    fixed = _fixed_text(text, findings_for(text, "term-fazhi"))
    assert "法治宣传3场，法治宣传覆盖全镇" in fixed
    assert "全国法制宣传日" in fixed  # → 国家宪法日 is a rewording: a person decides


def test_halfwidth_fix_leaves_numbers_times_urls_and_english():
    line = "会议于10:30召开,投入1,000万元(含3.5万元),详见https://www.example.gov.cn/a,b 和 Word, Excel。"
    text = replace(GOOD_REPORT, "开展集中学法6次。", line)
    fixed = _fixed_text(text, findings_for(text, "halfwidth-punctuation"))
    assert "会议于10:30召开，投入1,000万元（含3.5万元），详见https://www.example.gov.cn/a,b 和 Word, Excel。" in fixed


def test_minimal_cuts_an_edit_to_the_changed_characters():
    text = "组织法制宣传活动"
    assert minimal(Edit(1, 2, 6, "法治宣传"), text) == [Edit(1, 3, 4, "治")]
    date = "2024.02.22"
    edits = minimal(Edit(1, 0, len(date), "2024年2月22日"), date)
    assert apply(date, edits) == "2024年2月22日"
    assert all(e.end - e.start <= 2 for e in edits) and len(edits) > 1


def test_choose_drops_overlaps_and_keeps_the_first():
    texts = {1: "(一)加强领导"}
    edits = [Edit(1, 0, 3, "（一）"), Edit(1, 0, 1, "（"), Edit(1, 2, 3, "）"), Edit(2, 0, 1, "x"), Edit(1, 5, 99, "")]
    assert choose(edits, texts) == [Edit(1, 0, 3, "（一）")]


def test_fix_is_in_the_json_of_a_finding():
    text = replace(GOOD_REPORT, "2024年2月22日", "2024.02.22")
    [f] = findings_for(text, "date-format")
    d = f.to_dict()
    assert d["fix"] == [{"paragraph": f.paragraph, "start": 0, "end": 10, "replacement": "2024年2月22日"}]


def test_law_repealed_fixes_only_a_one_to_one_successor_cited_bare():
    def fixes(line):
        text = replace(GOOD_REPORT, "开展集中学法6次。", line)
        return [e.replacement for f in findings_for(text, "law-repealed") for e in f.fix]

    assert sorted(fixes("学习《信访条例》和《中华人民共和国行政监察法》。")) == ["《中华人民共和国监察法》", "《信访工作条例》"]
    assert fixes("学习《合同法》。") == []  # nine laws went into 《民法典》
    assert fixes("学习《信访条例》，依照《信访条例》第十四条办理。") == []  # an article of the old law
    assert fixes("学习原《信访条例》。") == []  # historical: not even a finding


def test_plan_title_fix_keeps_a_wrong_year_for_a_person():
    text = replace(GOOD_REPORT, "开展集中学法6次。", "落实《法治政府建设实施纲要（2021-2026年）》。")
    [f] = findings_for(text, "plan-title-wrong")
    assert f.fix == []
