"""One mistake, one finding: a reviewer reading two findings for the same gap
would call the second one wrong."""

import subprocess
import sys

from fazhi.checker import check_path
from fazhi.checker.reader import read_document
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace
from fazhi.checker.testing import findings_for


def rules_at(text: str) -> list[str]:
    return sorted(f.rule for f in findings_for(text))


def test_unfilled_date_blank_is_one_placeholder_finding():
    text = replace(GOOD_REPORT, "2024年2月22日", "【填写成文日期，如2024年2月20日】")
    rules = rules_at(text)
    assert "placeholder" in rules and "date-missing" not in rules
    blank = replace(GOOD_REPORT, "2024年2月22日", "○○○○年○○月○○日")
    assert "date-missing" not in rules_at(blank) and "placeholder" in rules_at(blank)


def test_a_date_really_missing_is_still_date_missing():
    assert "date-missing" in rules_at(replace(GOOD_REPORT, "2024年2月22日\n", ""))
    # a placeholder elsewhere at the end is no date
    text = replace(GOOD_REPORT, "2024年2月22日\n", "").replace("无。", "无XXX。")
    assert "date-missing" in rules_at(text)


def test_unfilled_signature_and_entity_blanks_are_one_finding_each():
    text = replace(GOOD_REPORT, "衡阳县岘山镇人民政府", "【填写发文机关署名】")
    assert "signature-missing" not in rules_at(text) and "placeholder" in rules_at(text)
    title = replace(GOOD_REPORT, "岘山镇2023年度", "【填写单位名称】2023年度")
    assert "title-format" not in rules_at(title) and "placeholder" in rules_at(title)
    assert "title-format" in rules_at(replace(GOOD_REPORT, "岘山镇2023年度", "2023年度"))


def test_halfwidth_bracket_marker_is_reported_once_as_punctuation():
    text = replace(GOOD_REPORT, "（一）加强组织领导", "(一)加强组织领导")
    rules = rules_at(text)
    assert rules.count("halfwidth-punctuation") == 1 and "numbering-style" not in rules
    # other marker faults stay numbering-style
    assert "numbering-style" in rules_at(replace(GOOD_REPORT, "1.召开专题会议", "1、召开专题会议"))


def test_numbering_style_still_reports_halfwidth_brackets_when_punctuation_is_off(tmp_path):
    from fazhi.schema import load_profile
    from fazhi.checker.engine import check_document
    from fazhi.checker.reader import read_document as read

    path = tmp_path / "r.txt"
    path.write_text(replace(GOOD_REPORT, "（一）加强组织领导", "(一)加强组织领导"), encoding="utf-8")
    prof = tmp_path / "p.yaml"
    prof.write_text("extends: township\nrules:\n  halfwidth-punctuation: {enabled: false}\n", encoding="utf-8")
    report = check_document(read(path), load_profile(str(prof)))
    assert "numbering-style" in {f.rule for f in report.findings}


def filled_template(tmp_path):
    """The template as a clerk fills it: every guidance paragraph replaced by a fact."""
    out = tmp_path / "t.docx"
    subprocess.run([sys.executable, "-m", "fazhi", "template", "-o", str(out), "--year", "2025"], check=True, capture_output=True)
    lines = []
    for p in read_document(out).paragraphs:
        t = p.text
        if t.startswith("【填写说明"):
            t = "究其原因，主要是专业人员不足。" if "原因" in t else "全年开展相关工作3次，办理事项12件。"
        t = t.replace("【填写单位名称】", "岘山镇").replace("【填写发文机关署名】", "衡阳县岘山镇人民政府")
        t = t.replace("【填写成文日期，如2026年2月20日】", "2026年2月20日")
        lines.append(t)
    filled = tmp_path / "filled.txt"
    filled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, filled


def test_the_template_trips_no_double_reports_and_its_headings_cover_the_outline(tmp_path):
    template, filled = filled_template(tmp_path)
    empty = {f.rule for f in check_path(template).findings}
    assert empty <= {"placeholder", "part-empty"}, empty
    coverage = [f for f in check_path(filled).findings if f.rule == "outline-coverage"]
    assert all(f.severity == "info" for f in coverage), [f.message for f in coverage]
