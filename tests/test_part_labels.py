"""A part's name comes from the profile: a county that renames a part sees the
new name in every readable output, not only on the web page."""

from conftest import SEEDS
from fazhi.annotate import annotate
from fazhi.checker import check_path
from fazhi.formatters import render
from fazhi.schema import load_profile
from test_annotate import by_comment_text

SEED = SEEDS / "001_f4cae163528c1ce9.txt"
NEW = "党政主要负责人履行第一责任人职责情况"


def county(tmp_path):
    prof = tmp_path / "county.yaml"
    prof.write_text(f"name: county\nextends: township\nparts:\n  - id: leader_duties\n    short: {NEW}\n", encoding="utf-8")
    return load_profile(str(prof))


def test_the_profile_renames_a_part_everywhere(tmp_path):
    profile = county(tmp_path)
    assert profile.part("leader_duties").short == NEW
    report = check_path(SEED, profile)
    assert f"三 {NEW}" in render("text", [report], [], width=200)
    assert f"三 {NEW}" in render("md", [report], []) or NEW in render("md", [report], [])
    assert NEW in render("html", [report], [])
    out = annotate(report, SEED, tmp_path / "a.docx")
    summary = by_comment_text(out)[-1][0][2]
    assert f"三 {NEW}：" in summary


def test_default_labels_are_the_township_profiles(tmp_path):
    report = check_path(SEED)
    text = render("text", [report], [], width=200)
    assert "三 第一责任人履职情况" in text and NEW not in text


def test_title_keys_nothing_reads_are_no_longer_accepted(tmp_path):
    import pytest

    from fazhi.errors import ProfileError

    prof = tmp_path / "old.yaml"
    prof.write_text("name: old\nextends: township\nmeta:\n  title_pattern: 法治.*报告\n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(str(prof))
