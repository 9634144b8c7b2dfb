"""--format md for a batch of 20+ reports fits in one GitHub comment (65,536
characters): the summary form replaces the full text when it would not."""

import copy

import pytest

from conftest import SEEDS
from fazhi.checker import check_path
from fazhi.formatters import render
from fazhi.formatters.md import COMMENT_LIMIT


@pytest.fixture(scope="module")
def seed_reports():
    return [check_path(p) for p in sorted(SEEDS.glob("*.txt"))]


def batch(seed_reports, n):
    out = []
    for i in range(n):
        r = copy.copy(seed_reports[i % len(seed_reports)])
        r.file = f"reports/单位{i:03d}.txt"
        out.append(r)
    return out


def test_a_large_batch_gets_the_summary_under_the_comment_limit(seed_reports):
    reports = batch(seed_reports, 24)
    full = render("md", reports, [], summary=False)
    assert len(full) > COMMENT_LIMIT  # the case the summary exists for
    text = render("md", reports, [])
    assert len(text) <= COMMENT_LIMIT and "（摘要）" in text
    for r in reports:  # every report is ranked
        assert f"| {r.file} |" in text
    assert "### 最常见的问题" in text and "`halfwidth-punctuation`" in text and "半角标点" in text
    failing = [r for r in reports if any(f.severity == "error" for f in r.findings)]
    assert failing and all(f"{r.file}**" in text for r in failing)


def test_a_small_batch_stays_in_full(seed_reports):
    reports = batch(seed_reports, 3)
    text = render("md", reports, [])
    assert "（摘要）" not in text and text == render("md", reports, [], summary=False)
    assert "（摘要）" in render("md", reports, [], summary=True)


def test_even_hundreds_of_reports_fit(seed_reports):
    text = render("md", batch(seed_reports, 1500), [])
    assert len(text) <= COMMENT_LIMIT and "未列出" in text
