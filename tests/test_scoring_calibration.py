"""docs/scoring.md as tests: the nine calibration points on the template, on a
complete report, on the seeds and on reports built from them (a part emptied, a
part removed, two parts removed), each as .txt and as a GB/T 9704 .docx.

The complete report (fixtures/scoring/complete_2024.txt) is written after the
shape of published township reports: five parts, facts in each, causes
analysed, next year's measures with dates and numbers."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from fazhi.checker.engine import check_document, check_path
from fazhi.checker.reader import document_from_text
from fazhi.schema import load_profile
from fazhi.schema.models import PART_IDS
from fazhi.templates import build_markdown, write_docx

from conftest import SEEDS
from test_layout import build as build_gbt_docx

HERE = Path(__file__).resolve().parent
COMPLETE = (HERE / "fixtures" / "scoring" / "complete_2024.txt").read_text(encoding="utf-8")
LABELS = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
BANDS = {"good": (85, 101), "fair": (60, 85), "poor": (0, 60)}
MAIN = ("achievements", "shortcomings", "leader_duties", "next_year")
TOP = re.compile(r"^[一二三四五六七八九十]+、")
# Which top-level heading of the complete report (and of seed 001) is which part.
HEADING_WORDS = {
    "achievements": "主要举措",
    "shortcomings": "不足",
    "leader_duties": "第一责任人",
    "next_year": "主要安排",
    "other": "其他需要报告",
}
GUIDANCE = "【填写说明：按本部分要求填写，删除本说明。】"
BOILERPLATE = "我镇将继续高度重视，认真抓好落实。"
TEMPLATE = dict(entity="岘山镇", year=2024, addressee="衡阳县委依法治县办", signer="衡阳县岘山镇人民政府")
FORMATS = ("txt", "docx")


# --- building the reports -----------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def _part_span(lines: list[str], part: str) -> tuple[int, int]:
    """[heading, next top-level heading or signature) of a part."""
    start = next(i for i, ln in enumerate(lines) if TOP.match(ln) and HEADING_WORDS[part] in ln)
    end = next((i for i in range(start + 1, len(lines)) if TOP.match(lines[i])), None)
    if end is None:  # the last part runs to the signature block
        end = next(i for i in range(start + 1, len(lines)) if re.search(r"(人民政府|委员会)$|^\d{4}年\d{1,2}月\d{1,2}日$", lines[i]))
    return start, end


def removed(text: str, *parts: str) -> str:
    lines = _lines(text)
    for part in parts:
        start, end = _part_span(lines, part)
        del lines[start:end]
    return "\n".join(lines) + "\n"


def emptied(text: str, part: str, filler: str = GUIDANCE) -> str:
    lines = _lines(text)
    start, end = _part_span(lines, part)
    lines[start + 1 : end] = [filler]
    return "\n".join(lines) + "\n"


def template_text(filled: dict[str, str] | None = None) -> str:
    """The unfilled template as plain text (Markdown marks dropped), with the
    guidance of the parts in `filled` replaced by the complete report's text."""
    lines = [re.sub(r"^#+\s*", "", ln) for ln in _lines(build_markdown("township", **TEMPLATE))]
    for part in filled or {}:
        start, end = _part_span(lines, part)
        lines[start + 1 : end] = filled[part].splitlines()
    return "\n".join(lines) + "\n"


def part_text(text: str, part: str) -> str:
    lines = _lines(text)
    start, end = _part_span(lines, part)
    return "\n".join(lines[start + 1 : end])


@cache
def _docx_dir() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="fazhi-calibration-"))


def report(text: str, fmt: str, name: str = "r"):
    """Check `text` as a .txt, or as a GB/T 9704-compliant .docx of the same lines."""
    profile = load_profile("township")
    if fmt == "txt":
        return check_document(document_from_text(text, path=f"{name}.txt"), profile)
    path = build_gbt_docx(_docx_dir() / f"{name}-{abs(hash(text))}.docx", _lines(text))
    return check_path(path, profile)


def in_band(score: float, low: float, high: float) -> bool:
    return low <= score < high


# --- 1. an unfilled template -----------------------------------------------------------


def test_1_unfilled_template_docx_fails(tmp_path):
    r = check_path(write_docx(tmp_path / "模板.docx", "township", **TEMPLATE), "township")
    assert r.score < 60 and r.grade == "不合格" and not r.passed
    assert [p.status for p in r.parts] == ["empty"] * 5
    assert r.verdict.startswith("退回修改：") and "处错误须改正" in r.verdict
    assert r.layout is not None and r.layout.score == 100  # the template's layout is right; its content is not


@pytest.mark.parametrize("fmt", FORMATS)
def test_1_unfilled_template_text_fails(fmt):
    r = report(template_text(), fmt, "template")
    assert r.score < 60 and r.grade == "不合格" and not r.passed
    assert {p.status for p in r.parts} == {"empty"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_1_half_filled_template_fails(fmt):
    filled = {p: part_text(COMPLETE, p) for p in ("achievements", "shortcomings")}
    r = report(template_text(filled), fmt, "half")
    assert [p.status for p in r.parts] == ["heading", "heading", "empty", "empty", "empty"]
    assert r.score < 60 and r.grade == "不合格" and not r.passed


# --- 2. a complete, correct report ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_2_complete_report_is_excellent(fmt):
    r = report(COMPLETE, fmt, "complete")
    assert r.score >= 90 and r.grade == "优秀" and r.passed, [(f.rule, f.message) for f in r.findings]
    assert r.verdict == "通过"


@pytest.mark.parametrize("fmt", FORMATS)
def test_2_fully_filled_template_is_excellent(fmt):
    filled = {p: part_text(COMPLETE, p) for p in PART_IDS}
    text = template_text(filled).replace(
        "【填写说明：用一段话概述2024年度法治政府建设总体情况，结尾写“现将有关情况报告如下：”。】", _lines(COMPLETE)[2]
    )
    text = re.sub(r"【填写发文机关署名】", "衡阳县岘山镇人民政府", text)
    text = re.sub(r"【填写成文日期[^】]*】", "2025年2月20日", text)
    text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("【填写说明")) + "\n"
    r = report(text, fmt, "filled")
    assert r.score >= 90 and r.passed, [(f.rule, f.message) for f in r.findings]


# --- 3. one main part missing or empty ----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("part", MAIN)
def test_3_one_main_part_missing_or_empty_is_pass_grade(part, fmt):
    for variant, text in (
        ("removed", removed(COMPLETE, part)),
        ("guidance", emptied(COMPLETE, part)),
        ("boilerplate", emptied(COMPLETE, part, BOILERPLATE)),
    ):
        r = report(text, fmt, f"{part}-{variant}")
        assert r.part(part).status == ("missing" if variant == "removed" else "empty"), variant
        assert in_band(r.score, 60, 75) and r.grade == "合格", (variant, r.score)


# --- 4. only `other` missing -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_4_only_other_missing_is_good_never_excellent(fmt):
    r = report(removed(COMPLETE, "other"), fmt, "no-other")
    assert r.part("other").status == "missing"
    assert in_band(r.score, 75, 90) and r.grade == "良好" and r.passed


@pytest.mark.parametrize("answer", ["无", "无。", "本年度无其他需要报告的情况。"])
def test_4_nothing_to_report_is_a_real_answer(answer):
    r = report(emptied(COMPLETE, "other", answer), "txt", "other-none")
    assert r.part("other").status == "heading" and r.score >= 90


# --- 5. two or more parts missing or empty --------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("pair", [("shortcomings", "next_year"), ("leader_duties", "other"), ("achievements", "shortcomings")])
def test_5_two_parts_missing_or_empty_fail(pair, fmt):
    first, second = pair
    for text in (removed(COMPLETE, first, second), emptied(emptied(COMPLETE, first), second), emptied(removed(COMPLETE, first), second)):
        r = report(text, fmt, "-".join(pair))
        assert r.score < 60 and r.grade == "不合格" and not r.passed


# --- 6. errors weigh more than warnings ----------------------------------------------------


def _seed_findings():
    for path in sorted(SEEDS.glob("*.txt")) + sorted((SEEDS / "docx").glob("*.docx")):
        yield from check_path(path, "township").findings


def test_6_every_error_costs_more_than_any_warning():
    from fazhi.checker.scoring import PART_RULES, is_layout

    findings = [f for f in _seed_findings() if f.rule not in PART_RULES and not is_layout(f)]
    errors = [f.points for f in findings if f.severity == "error"]
    warnings = [f.points for f in findings if f.severity == "warning"]
    assert errors and warnings and min(errors) > max(warnings)


def test_6_five_warnings_of_one_rule_cost_less_than_one_error():
    base = report(COMPLETE, "txt", "base").score
    five = COMPLETE.replace("全年开展“法律明白人”培训4期", "全年开展法制宣传、法制教育、法制讲座、法制培训、法制文艺活动4期")
    warned = report(five, "txt", "five-warnings")
    assert [f.severity for f in warned.findings if f.rule == "term-fazhi"] == ["warning"] * 5
    errored = report(COMPLETE.replace("镇长出庭应诉行政诉讼案件1件。", "镇长出庭应诉行政诉讼案件XXX件。"), "txt", "one-error")
    assert [f.severity for f in errored.findings] == ["error"]
    assert base - warned.score < base - errored.score


def test_6_profile_refuses_warnings_that_outweigh_an_error(tmp_path):
    from fazhi.errors import ProfileError

    path = tmp_path / "county.yaml"
    path.write_text("name: county\nextends: township\nscoring:\n  warning_rule_cap: 5\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="error_min_points"):
        load_profile(str(path))


# --- 7. a failing report is never shown as 优秀/良好 without its verdict ------------------------


def test_7_an_error_keeps_a_high_score_from_excellent_and_the_verdict_says_why():
    r = report(COMPLETE.replace("镇长出庭应诉行政诉讼案件1件。", "镇长出庭应诉行政诉讼案件XXX件。"), "txt", "one-error")
    assert r.score < 90 and r.grade == "良好" and not r.passed
    assert r.verdict == "退回修改：1 处错误须改正"
    assert r.grade_label == "良好 · 退回修改：1 处错误须改正"


# --- 8. the same text as .txt and as .docx --------------------------------------------------


@pytest.mark.parametrize(
    "name,text",
    [
        ("complete", COMPLETE),
        ("no-other", removed(COMPLETE, "other")),
        ("empty-duties", emptied(COMPLETE, "leader_duties")),
        ("two-removed", removed(COMPLETE, "shortcomings", "next_year")),
        ("template", template_text()),
    ],
)
def test_8_same_headline_score_as_txt_and_gbt_docx(name, text):
    txt, docx = report(text, "txt", name), report(text, "docx", name)
    assert txt.score == docx.score and txt.grade == docx.grade and txt.passed == docx.passed
    assert txt.layout is None and docx.layout is not None and docx.layout.score == 100


# --- 9 and the seeds: bands in both formats, variants built from them -----------------------


SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_9_seed_bands_hold_as_txt_docx_and_gbt_docx(name):
    low, high = BANDS[LABELS[name]["band"]]
    text = (SEEDS / name).read_text(encoding="utf-8")
    scores = {
        "txt": check_path(SEEDS / name, "township").score,
        "seed docx": check_path(SEEDS / "docx" / name.replace(".txt", ".docx"), "township").score,
        "gbt docx": report(text, "docx", name).score,
    }
    assert len(set(scores.values())) == 1, scores
    assert in_band(scores["txt"], low, high), scores


SEED_FULL = (SEEDS / "001_f4cae163528c1ce9.txt").read_text(encoding="utf-8")  # all five parts under headings


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("part", MAIN)
def test_seed_with_a_main_part_emptied_or_removed_is_at_most_pass_and_fails(part, fmt):
    for variant, text in (("removed", removed(SEED_FULL, part)), ("emptied", emptied(SEED_FULL, part))):
        r = report(text, fmt, f"seed-{part}-{variant}")
        assert r.score < 75 and r.grade in ("合格", "不合格") and not r.passed, (variant, r.score)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_with_two_parts_removed_fails(fmt):
    r = report(removed(SEED_FULL, "shortcomings", "leader_duties"), fmt, "seed-two")
    assert r.score < 60 and r.grade == "不合格" and not r.passed


def test_seeds_keep_their_part_statuses_no_seed_part_is_empty():
    for name in SEED_NAMES:
        r = check_path(SEEDS / name, "township")
        assert {p.id: p.status for p in r.parts} == LABELS[name]["parts"], name
