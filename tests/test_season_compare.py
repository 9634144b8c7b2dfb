"""`fazhi compare THIS LAST` on pairs built from the seeds (tests/season_pairs.py):
the carried-over paragraphs and their share, the figures repeated unchanged and
last year's plan against this year's results match what was built in."""

import json
import re
from functools import cache

import pytest
from typer.testing import CliRunner

from fazhi.checker import check_path
from fazhi.cli.app import app
from fazhi.season.compare import compare
from season_pairs import PLANS, build_pair

SEEDS = sorted(PLANS) + ["002_3c0df08b306f7395.txt"]


@cache
def built(seed: str, tmp_root):
    pair = build_pair(seed)
    this, last = tmp_root / f"this_{seed}", tmp_root / f"last_{seed}"
    this.write_text(pair.this_text, encoding="utf-8")
    last.write_text(pair.last_text, encoding="utf-8")
    return pair, this, last, compare(check_path(this), check_path(last))


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory):
    return tmp_path_factory.mktemp("pairs")


@pytest.mark.parametrize("seed", SEEDS)
def test_carried_over_paragraphs_are_the_kept_ones(seed, tmp_root):
    pair, _, _, result = built(seed, tmp_root)
    assert {c.this: c.last for c in result.carried} == pair.carried
    assert all(c.similarity >= 0.8 for c in result.carried)


@pytest.mark.parametrize("seed", SEEDS)
def test_carried_over_share_is_the_share_of_kept_text(seed, tmp_root):
    pair, _, _, result = built(seed, tmp_root)
    expected = pair.share(pair.this_text.split("\n"))
    assert 0.5 <= expected <= 0.9  # 30 % of the paragraphs rewritten (more or less of the text)
    assert result.share == pytest.approx(expected, abs=0.01)


def _states(text: str, fig: str) -> bool:
    return re.search(rf"(?<!\d){fig}", text) is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_figures_kept_unchanged_are_reported_and_changed_ones_are_not(seed, tmp_root):
    pair, _, _, result = built(seed, tmp_root)
    assert pair.kept_figures and pair.changed_figures
    for para, fig in pair.kept_figures:
        assert any(f.this == para and _states(f.text, fig) for f in result.figures), (para, fig, result.figures)
    for para, fig in pair.changed_figures:
        assert not any(f.this == para and _states(f.text, fig) for f in result.figures), (para, fig)


@pytest.mark.parametrize("seed", sorted(PLANS))
def test_planned_measures_reported_done_are_done_with_the_evidence(seed, tmp_root):
    pair, _, _, result = built(seed, tmp_root)
    for piece, para in pair.done.items():
        measure = next(m for m in result.plan if piece in m.measure)
        assert (measure.status, measure.this) == ("done", para), measure
        assert measure.evidence and measure.evidence in pair.this_text.split("\n")[para - 1]


@pytest.mark.parametrize("seed", sorted(PLANS))
def test_measures_this_year_does_not_take_up_are_not_mentioned(seed, tmp_root):
    pair, _, _, result = built(seed, tmp_root)
    for piece in pair.not_mentioned:
        measure = next(m for m in result.plan if piece in m.measure)
        assert measure.status == "not-mentioned" and measure.this is None, measure


def test_a_report_against_itself_a_year_on_with_nothing_done_reports_nothing_done(tmp_path):
    """Last year's plan copied into this year's plan is not a result: only the
    achievements count."""
    seed = "001_f4cae163528c1ce9.txt"
    pair = build_pair(seed)
    last = tmp_path / "last.txt"
    last.write_text(pair.last_text, encoding="utf-8")
    result = compare(check_path(last), check_path(last))
    for piece in pair.not_mentioned:
        assert next(m for m in result.plan if piece in m.measure).status == "not-mentioned"


def test_without_a_plan_last_year_there_is_nothing_to_match(tmp_root):
    _, _, _, result = built("002_3c0df08b306f7395.txt", tmp_root)
    assert result.plan == []


def test_json_has_the_contract_shape(tmp_root):
    pair, this, last, _ = built("001_f4cae163528c1ce9.txt", tmp_root)
    out = CliRunner().invoke(app, ["compare", str(this), str(last), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(data) == {"this", "last", "carried_over", "repeated_figures", "plan_vs_results"}
    assert data["this"]["year"] == pair.year + 1 and data["last"]["year"] == pair.year
    assert set(data["carried_over"]) == {"share", "paragraphs"}
    assert {"this", "last", "similarity"} <= set(data["carried_over"]["paragraphs"][0])
    assert {"text", "this", "last"} <= set(data["repeated_figures"][0])
    done = [m for m in data["plan_vs_results"] if m["status"] == "done"]
    assert done and all(isinstance(m["this"], int) and m["evidence"] for m in done)
    assert {m["status"] for m in data["plan_vs_results"]} <= {"done", "not-mentioned"}
    assert all(m["this"] is None for m in data["plan_vs_results"] if m["status"] == "not-mentioned")


def test_text_and_html_show_the_three_sections(tmp_root):
    _, this, last, result = built("003_cfeccfaec11a132e.txt", tmp_root)
    text = CliRunner().invoke(app, ["compare", str(this), str(last)])
    assert text.exit_code == 0
    assert f"占今年正文的 {result.share:.0%}" in text.stdout
    assert "与去年相同的数字" in text.stdout and "[已落实]" in text.stdout and "[未提及]" in text.stdout
    html = CliRunner().invoke(app, ["compare", str(this), str(last), "-f", "html"])
    assert html.exit_code == 0 and html.stdout.startswith("<!DOCTYPE html>")
    assert "沿用去年的段落" in html.stdout and "已落实" in html.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    good = tmp_path / "好.txt"
    good.write_text("岘山镇2023年度法治政府建设工作报告\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["compare", str(good), str(bad)])
    assert out.exit_code == 2
    assert "坏.docx" in out.stderr and "Traceback" not in out.output
    out = CliRunner().invoke(app, ["compare", str(good), str(good), "-f", "xml"])
    assert out.exit_code == 2 and "未知的输出格式" in out.stderr
