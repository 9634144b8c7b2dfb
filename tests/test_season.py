"""The coming season: reports on 2025 and 2026 (tests/fixtures/season, labels in
expected.yaml) with the wording a careful clerk uses now. Part statuses, every
labelled defect, no unlabelled warning or error, the band, and variants that pin
the false alarms and misses found while reading the checker's output."""

from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import plain_docx, shows
from fazhi.checker import check_path

HERE = Path(__file__).resolve().parent / "fixtures" / "season"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
BANDS = {"good": (85, 101), "fair": (60, 85), "poor": (0, 60)}


@cache
def report_of(name: str):
    return check_path(HERE / name)


def _text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _labelled(name: str) -> set[str]:
    return {d["rule"] for d in EXPECTED[name].get("defects") or []}


def _check(tmp_path, text: str):
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def _variant(name: str, old: str, new: str) -> str:
    text = _text(name)
    assert old in text, old
    return text.replace(old, new, 1)


def _hits(report, slug: str):
    return [f for f in report.findings if f.rule == slug]


def test_fixtures_cover_both_years_and_are_realistic_in_size():
    assert sorted(EXPECTED[n]["years"] for n in NAMES) == [2025, 2025, 2025, 2026, 2026]
    for name in NAMES:
        assert 2500 <= len(_text(name)) <= 4000, name


@pytest.mark.parametrize("name", NAMES)
def test_part_statuses(name):
    assert {p.id: p.status for p in report_of(name).parts} == EXPECTED[name]["parts"]


@pytest.mark.parametrize("name", NAMES)
def test_part_statuses_and_findings_of_a_pasted_docx(name, tmp_path):
    report = check_path(plain_docx(HERE / name, tmp_path))
    assert {p.id: p.status for p in report.parts} == EXPECTED[name]["parts"]
    text_rules = {f.rule for f in report_of(name).findings if f.severity != "info"}
    assert text_rules <= {f.rule for f in report.findings}


@pytest.mark.parametrize(
    "name, defect",
    [pytest.param(n, d, id=f"{n[:8]}-{d['rule']}") for n in NAMES for d in EXPECTED[n].get("defects") or []],
)
def test_labelled_defect_is_found(name, defect):
    evidence = str(defect["evidence"])
    assert evidence in _text(name)
    hits = _hits(report_of(name), defect["rule"])
    assert any(shows(f, HERE / name, evidence) for f in hits), [f.evidence for f in hits]


@pytest.mark.parametrize("name", NAMES)
def test_no_unlabelled_warning_or_error(name):
    wrong = [
        (f.rule, f.severity, f.evidence, f.message)
        for f in report_of(name).findings
        if f.severity in ("error", "warning") and f.rule not in _labelled(name)
    ]
    assert not wrong


@pytest.mark.parametrize("name", NAMES)
def test_band_entity_year_and_date(name):
    label, report = EXPECTED[name], report_of(name)
    low, high = BANDS[label["band"]]
    assert low <= report.score < high
    assert report.entity == label["entity"].split()[0]
    assert report.year == label["years"]
    d = report.doc_date
    assert f"{d.year}年{d.month}月{d.day}日" == label["doc_date"]


# ------------------------------------------------- variants of the fixtures


def test_wrong_year_in_the_plan_heading_is_one_finding_not_two():
    report = report_of("jiangxi_2025_shixi.txt")
    assert [f.evidence for f in _hits(report, "year-mismatch")] == ["2025年"]
    assert not _hits(report, "next-year-vague")


def test_plan_heading_without_any_year_is_still_vague(tmp_path):
    text = _variant("jiangxi_2025_shixi.txt", "三、2025年工作打算", "三、下一步工作打算")
    hits = _hits(_check(tmp_path, text), "next-year-vague")
    assert hits and "2026年" in hits[0].message


def test_misquoted_law_title_gets_one_plain_suggestion():
    (hit,) = _hits(report_of("jiangxi_2025_shixi.txt"), "law-title-unknown")
    assert "法治宣传教育法" in hit.suggestion and "中的正确一项" not in hit.suggestion


def test_the_new_law_on_legal_education_is_known(tmp_path):
    assert not _hits(report_of("jiangsu_2025_huangqiao.txt"), "law-title-unknown")


def test_bawu_pufa_is_current_work_in_2025(tmp_path):
    text = _variant("guangdong_2026_yihe.txt", "2026年法治政府建设情况报告", "2025年法治政府建设情况报告")
    text = text.replace("2027年01月20日", "2026年1月20日").replace("三、2027年工作计划", "三、2026年工作计划")
    assert not _hits(_check(tmp_path, text), "outdated-reference")


@pytest.mark.parametrize(
    "sentence",
    ["全面完成“八五”普法规划各项任务。", "做好“八五”普法总结验收。", "做好“八五”普法与“九五”普法衔接。"],
)
def test_bawu_pufa_as_history_in_2026_is_fine(tmp_path, sentence):
    text = _variant("guangdong_2026_yihe.txt", "深入推进“八五”普法规划实施，", sentence)
    assert not _hits(_check(tmp_path, text), "outdated-reference")


def test_qiwu_pufa_in_2026_points_to_the_current_plan(tmp_path):
    text = _variant("guangdong_2026_yihe.txt", "深入推进“八五”普法规划实施", "深入推进“七五”普法规划实施")
    (hit,) = _hits(_check(tmp_path, text), "outdated-reference")
    assert "九五" in hit.suggestion


def test_duty_list_of_townships_covers_the_functions_task():
    remarks = [f.message for f in _hits(report_of("hebei_2025_yucai.txt"), "outline-coverage")]
    assert not any("健全政府机构职能体系" in m for m in remarks)


def test_law_repealed_years_ago_is_not_said_to_lapse_this_year(tmp_path):
    text = _variant("jiangsu_2025_huangqiao.txt", "严格落实《信访工作条例》", "严格落实《信访条例》")
    (hit,) = _hits(_check(tmp_path, text), "law-repealed")
    assert "2022年5月1日" in hit.message and "2025年度报告不应再作为现行法律引用" in hit.message
    assert "报告年度内已失效" not in hit.message


@pytest.mark.parametrize("year, remarks", [(2025, 0), (2026, 1)])
def test_the_2021_outline_as_current_basis_is_a_remark_from_2026(tmp_path, year, remarks):
    text = _variant("anhui_2026_sanhe.txt", "认真落实县委、县政府法治建设部署", "认真落实《法治政府建设实施纲要（2021－2025年）》和县委部署")
    if year == 2025:
        text = text.replace("2026年度法治政府建设工作报告", "2025年度法治政府建设工作报告")
    hits = [f for f in _hits(_check(tmp_path, text), "outdated-reference") if "纲要" in f.message]
    assert len(hits) == remarks and all(f.severity == "info" for f in hits)


@pytest.mark.parametrize("wrong, right", [("法制文艺", "法治文艺"), ("法制长廊", "法治长廊"), ("法制公园", "法治公园")])
def test_fazhi_culture_sites_and_arts(tmp_path, wrong, right):
    text = _variant("anhui_2026_sanhe.txt", "设置法治宣传长廊", f"设置{wrong}")
    (hit,) = _hits(_check(tmp_path, text), "term-fazhi")
    assert hit.evidence == wrong and right in hit.suggestion


@pytest.mark.parametrize(
    "quote, flagged",
    [
        ("《关于开展法治宣传教育的第九个五年规划（2026－2030年）》", False),  # the series' next plan, once issued
        ("《关于开展法治宣传教育的第九个五年规划（2021－2025年）》", True),  # wrong ordinal for 2021-2025
        ("《关于开展法治宣传教育的第八个五年规化（2021－2025年）》", True),
    ],
)
def test_next_pufa_plan_is_not_a_misquote_of_the_last(tmp_path, quote, flagged):
    text = _variant("anhui_2026_sanhe.txt", "按照县里部署做好“九五”普法规划的贯彻落实", f"贯彻落实{quote}")
    assert bool(_hits(_check(tmp_path, text), "plan-title-wrong")) == flagged
