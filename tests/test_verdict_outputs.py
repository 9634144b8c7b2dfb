"""One verdict in every output (scoring.md point 7), `empty` shown everywhere, the
two dimensions in JSON, and a county profile changing the scoring."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from fazhi.checker.engine import check_document, check_path
from fazhi.checker.reader import document_from_text
from fazhi.cli.app import app
from fazhi.formatters import render
from fazhi.schema import load_profile

from conftest import SEEDS
from test_scoring_calibration import COMPLETE, emptied, removed

FAILING_GOOD = SEEDS / "001_f4cae163528c1ce9.txt"  # 良好, but causes-missing is an error
FORMATS = ("text", "md", "html", "junit", "sarif", "github", "json")


@pytest.fixture(scope="module")
def failing():
    r = check_path(FAILING_GOOD, "township")
    assert r.grade == "良好" and not r.passed
    return r


def _visible(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_shows_a_grade_on_a_failing_report_without_its_verdict(failing, fmt):
    out = _visible(render(fmt, [failing], []))
    assert failing.verdict in out or (fmt == "json" and json.loads(out)["verdict"] == failing.verdict)
    for line in out.splitlines():
        if "良好" in line and fmt not in ("json", "sarif", "html", "md"):
            assert "退回修改" in line, line


def test_html_and_markdown_put_the_verdict_beside_the_grade(failing):
    html = render("html", [failing], [])
    header = html[html.index('<section class="report"') :]
    assert re.search(r"良好</span>\s*<span class=\"verdict fail\">退回修改：1 处错误须改正", header)
    md = render("md", [failing], [])
    assert "（良好 · 退回修改）" in md and "**退回修改：1 处错误须改正" in md


def test_text_starts_each_file_with_the_verdict_errors_first(failing):
    lines = render("text", [failing], []).splitlines()
    assert lines[1].strip() == failing.verdict
    assert re.fullmatch(r"退回修改：1 处错误须改正，另有 \d+ 处警告", lines[1].strip())
    assert "版式：未检查" in lines[2] and "良好 · 退回修改" in lines[2]


def test_json_has_passed_verdict_counts_and_layout(failing, tmp_path):
    data = json.loads(render("json", [failing], []))
    assert data["passed"] is False and data["verdict"] == failing.verdict
    assert data["counts"] == {s: sum(f["severity"] == s for f in data["findings"]) for s in ("error", "warning", "info")}
    assert data["layout"] is None
    docx = json.loads(render("json", [check_path(SEEDS / "docx" / "001_f4cae163528c1ce9.docx", "township")], []))
    assert set(docx["layout"]) == {"score", "grade"} and docx["score"] == data["score"]


def test_empty_part_is_shown_in_every_readable_output():
    text = emptied(COMPLETE, "shortcomings")
    r = check_document(document_from_text(text, path="r.txt"), load_profile("township"))
    assert r.part("shortcomings").status == "empty"
    assert "只有标题（为空）" in render("text", [r], [])
    assert "🟧" in render("md", [r], []) and "只有标题（为空）" in render("md", [r], [])
    assert 'st-empty' in render("html", [r], [])
    sarif = json.loads(render("sarif", [r], []))
    assert sarif["runs"][0]["properties"]["reports"][0]["parts"]["shortcomings"] == "empty"
    assert any(res["ruleId"] == "part-empty" for res in sarif["runs"][0]["results"])
    assert "part-empty" in render("junit", [r], [])


def test_ranking_is_stated_and_failing_reports_come_first(tmp_path):
    for name, text in (("a.txt", COMPLETE), ("b.txt", removed(COMPLETE, "other")), ("c.txt", emptied(COMPLETE, "next_year"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(tmp_path), "--no-config", "--jobs", "1"]).stdout
    summary = out[out.index("汇总") :]
    assert "未通过的在前" in summary
    assert summary.index("c.txt") < summary.index("b.txt") < summary.index("a.txt")


def test_schema_shows_weights_caps_and_grades():
    out = CliRunner().invoke(app, ["schema", "township"]).stdout
    assert "主要举措和成效（28 分）" in out and "其他需要报告的情况（8 分）" in out
    assert "至多 74.9" in out and "至多 59.9" in out and "优秀 ≥ 90" in out and "font-body 30" in out


def test_a_county_profile_changes_weights_caps_grades_and_main_parts(tmp_path):
    county = tmp_path / "county.yaml"
    county.write_text(
        "name: mycounty\nextends: township\n"
        "parts:\n  - {id: other, main: true, weight: 30}\n"
        "grades:\n  - {name: 优秀, min_score: 95}\n  - {name: 良好, min_score: 80}\n  - {name: 合格, min_score: 60}\n  - {name: 不合格, min_score: 0}\n"
        "scoring:\n  caps:\n    - {absent: 1, main_only: true, max_score: 70, reason: 主要部分缺失}\n",
        encoding="utf-8",
    )
    profile = load_profile(str(county))
    assert "other" in profile.main_parts and profile.scoring.caps[0].max_score == 70
    base = check_document(document_from_text(removed(COMPLETE, "other"), path="r.txt"), load_profile("township"))
    mine = check_document(document_from_text(removed(COMPLETE, "other"), path="r.txt"), profile)
    assert base.grade == "良好" and base.passed
    assert mine.score <= 70 and mine.grade == "合格"
    assert check_document(document_from_text(COMPLETE, path="r.txt"), profile).grade == "优秀"
