"""Structure rules on the seeds (labels) and on look-alikes."""

import pytest

from conftest import SEEDS
from fazhi.checker import check_path
from fazhi.checker.outline import parse_date
from fazhi.checker.rules.structure._common import GOOD_REPORT
from fazhi.checker.testing import findings_for

SEED = {s[:3]: SEEDS / s for s in [p.name for p in SEEDS.glob("*.txt")]}


def _rules(seed):
    return [(f.rule, f.evidence) for f in check_path(SEED[seed]).findings]


def _slugs(seed):
    return {f.rule for f in check_path(SEED[seed]).findings}


def test_good_report_has_no_structure_findings():
    assert findings_for(GOOD_REPORT) == [] or all(f.rule not in _STRUCTURE for f in findings_for(GOOD_REPORT))


_STRUCTURE = {
    "part-missing", "part-order", "heading-numbering", "numbering-style", "title-format",
    "addressee-missing", "signature-missing", "date-missing", "date-format", "date-late", "year-mismatch",
}


# --- part-missing ---------------------------------------------------------------
def test_part_missing_one_finding_per_part_with_weights():
    found = [f for f in check_path(SEED["002"]).findings if f.rule == "part-missing"]
    assert sorted(f.evidence for f in found) == ["next_year", "other", "shortcomings"]
    other = next(f for f in found if f.evidence == "other")
    assert other.severity == "warning" and other.points < next(f for f in found if f.evidence == "next_year").points


def test_other_part_with_wu_is_enough():
    assert not findings_for(GOOD_REPORT, "part-missing")


# --- heading-numbering -----------------------------------------------------------
def test_numbering_starting_at_three_is_flagged_on_seed_000():
    assert ("heading-numbering", "三、扎实开展法治宣传教育") in _rules("000")


def test_numbering_gap_is_flagged_once():
    text = GOOD_REPORT.replace("三、2023年度党政", "四、2023年度党政").replace("四、2024年度", "五、2024年度").replace("五、其他", "六、其他")
    found = findings_for(text, "heading-numbering")
    assert len(found) == 1 and "四、" in found[0].message and "三、" in found[0].message


def test_second_level_numbering_restarts_under_each_first_level():
    text = GOOD_REPORT.replace("全年办理行政执法案件12件。", "全年办理行政执法案件12件。\n（三）深化普法\n开展活动。")
    text = text.replace("普法形式单一，", "（一）普法形式单一\n（二）执法力量薄弱\n原因是")
    assert not findings_for(text, "heading-numbering")


def test_enumeration_inside_a_sentence_is_not_a_heading():
    text = GOOD_REPORT.replace("2024年6月前完成", "下一步，我镇将重点抓好：一、强学法；二、强普法。2024年6月前完成")
    assert not findings_for(text, "heading-numbering")


@pytest.mark.parametrize("seed", ["001", "002", "003", "004"])
def test_seeds_without_numbering_defects(seed):
    assert "heading-numbering" not in _slugs(seed)


# --- numbering-style --------------------------------------------------------------
def test_numbering_style_on_seed_004_once_per_form():
    found = [f for f in check_path(SEED["004"]).findings if f.rule == "numbering-style"]
    assert [f.evidence[:20] for f in found] == ["1、在法治政府建设工作开展过程中，很多工"]
    assert "共" in found[0].message  # the count of the same wrong form


def test_halfwidth_paren_marker_is_halfwidth_punctuation_only():
    # one mistake, one finding: the seeds label (一) as halfwidth-punctuation
    text = GOOD_REPORT.replace("（一）加强组织领导", "(一)加强组织领导")
    assert not findings_for(text, "numbering-style")
    assert findings_for(text, "halfwidth-punctuation")


def test_decimal_number_is_not_a_marker():
    text = GOOD_REPORT.replace("全年办理行政执法案件12件。", "3.5万元经费已落实。")
    assert not findings_for(text, "numbering-style")


# --- title-format -----------------------------------------------------------------
@pytest.mark.parametrize("seed,flagged", [("000", True), ("001", False), ("002", False), ("003", True), ("004", False)])
def test_title_format_on_seeds(seed, flagged):
    assert ("title-format" in _slugs(seed)) is flagged


def test_title_form_names_what_is_missing():
    found = findings_for(GOOD_REPORT.replace("岘山镇2023年度法治政府建设情况报告", "岘山镇法治政府建设汇报材料"), "title-format")
    assert "年度" in found[0].message and "报告" in found[0].message and "主体" not in found[0].message


# --- metadata ---------------------------------------------------------------------
@pytest.mark.parametrize("seed,missing", [
    ("000", {"addressee-missing", "signature-missing", "date-missing"}),
    ("001", set()),
    ("002", {"addressee-missing"}),
    ("003", {"signature-missing", "date-missing"}),
    ("004", {"addressee-missing", "signature-missing", "date-missing"}),
])
def test_metadata_missing_on_seeds(seed, missing):
    got = _slugs(seed) & {"addressee-missing", "signature-missing", "date-missing"}
    assert got == missing


def test_seed_001_metadata_is_recognised():
    report = check_path(SEED["001"])
    assert report.doc_date.isoformat() == "2024-02-22" and report.entity == "岘山镇" and report.year == 2023


@pytest.mark.parametrize("text,ok", [
    ("2024年2月22日", True), ("2024年02月22日", False), ("20240222", False),
    ("2024.2.22", False), ("2024-02-22", False), ("二〇二四年二月二十二日", False), ("2024 年 2 月 22 日", True),
])
def test_date_forms(text, ok):
    d, well = parse_date(text)
    assert d is not None and d.isoformat() == "2024-02-22" and well is ok


def test_date_format_on_seed_002():
    assert ("date-format", "20211223") in _rules("002")


def test_date_late_uses_report_year():
    late = GOOD_REPORT.replace("2024年2月22日", "2024年4月1日")
    on_time = GOOD_REPORT.replace("2024年2月22日", "2024年3月31日")
    assert findings_for(late, "date-late") and not findings_for(on_time, "date-late")


def test_year_mismatch_in_date_and_heading():
    assert findings_for(GOOD_REPORT.replace("2024年2月22日", "2022年2月22日"), "year-mismatch")
    assert findings_for(GOOD_REPORT.replace("四、2024年度推进", "四、2023年度推进"), "year-mismatch")
    assert not findings_for(GOOD_REPORT.replace("2024年2月22日", "2023年12月28日"), "year-mismatch")


# --- part-order ---------------------------------------------------------------------
def test_leader_duties_first_is_fine():
    parts = GOOD_REPORT.split("三、2023年度党政")
    head, rest = parts[0], "三、2023年度党政" + parts[1]
    duties, tail = rest.split("四、2024年度", 1)
    first = head.split("一、2023年度推进")[0]
    moved = first + duties.replace("三、", "一、") + "二、2023年度推进" + head.split("一、2023年度推进")[1].replace("二、2023年度推进法治政府建设存在", "三、2023年度推进法治政府建设存在") + "四、2024年度" + tail
    assert not findings_for(moved, "part-order")


def test_unfilled_date_slot_after_signature_does_not_hide_the_signature():
    text = GOOD_REPORT.replace("2024年2月22日", "【成文日期，如2024年2月20日】")
    found = {f.rule for f in findings_for(text)}
    assert "signature-missing" not in found and "date-missing" in found


def test_wrong_year_in_a_combined_plan_heading_is_found():
    text = """某镇2025年度法治政府建设情况报告
县委依法治县办：
一、2025年度推进法治政府建设的主要举措和成效
全年开展普法12次。
二、2025年度存在的问题及2025年工作打算
普法形式单一，原因是人员不足。2026年开展普法10次。
"""
    found = findings_for(text, "year-mismatch")
    assert len(found) == 1 and "应为2026年" in found[0].message
