"""The misses found on published reports, each with a bad and a good example:
plan titles without 年, 督查 for 督察, 【插入…】 slots, a next-year part opening
with the report year, a 上半年 heading, another township of the same county as a
sentence subject, and top-level parts numbered 1. 2. 3."""

from fazhi.checker import check_document
from fazhi.checker.reader import document_from_text
from fazhi.schema import load_profile

HEAD = "石市镇2025年度法治政府建设情况报告\n衡阳县委依法治县办：\n"
TAIL = "石市镇人民政府\n2026年1月20日\n"


def _report(body: str, slug: str, head: str = HEAD):
    doc = document_from_text(head + body + TAIL)
    return check_document(doc, load_profile("township"), only={slug})


def _messages(body: str, slug: str, head: str = HEAD) -> list[str]:
    return [f.message for f in _report(body, slug, head).findings if f.rule == slug]


def test_plan_title_without_nian():
    assert any("年”字" in m for m in _messages("一、主要举措和成效\n落实《法治政府建设实施纲要（2021—2025）》。\n", "plan-title-wrong"))
    assert not _messages("一、主要举措和成效\n落实《法治政府建设实施纲要（2021－2025年）》。\n", "plan-title-wrong")


def test_duchá_regulation_misquoted_as_duchá_inspection():
    bad = "一、主要举措和成效\n对照《法治政府建设与责任落实督查工作规定》第二十五条。\n"
    assert any("督察" in m for m in _messages(bad, "plan-title-wrong"))
    assert not _messages(bad.replace("督查", "督察"), "plan-title-wrong")


def test_insert_placeholder():
    assert _messages("一、主要举措和成效\n【插入图片】\n全年开展普法活动12次。\n", "placeholder")
    assert not _messages("一、主要举措和成效\n全年开展普法活动12次。\n", "placeholder")


def test_next_year_part_opening_with_the_report_year():
    body = "一、主要举措和成效\n全年开展普法活动12次。\n二、2026年工作打算\n{0}年，我镇将继续推进法治建设。\n"
    assert any("2026年" in m for m in _messages(body.format(2025), "year-mismatch"))
    assert not _messages(body.format(2026), "year-mismatch")
    # 「2025年以来」 looks back, it is no plan
    assert not _messages(body.format(2025).replace("2025年，", "2025年以来，"), "year-mismatch")


def test_half_year_heading_in_an_annual_report():
    bad = "一、上半年推进法治政府建设的主要举措和成效\n全年开展普法活动12次。\n"
    assert any("上半年" in m for m in _messages(bad, "year-mismatch"))
    assert not _messages(bad.replace("上半年", "2025年度"), "year-mismatch")


def test_another_township_of_the_county_as_a_sentence_subject():
    bad = "一、主要举措和成效\n2025年，岘山镇党委始终把法治建设摆在突出位置。\n"
    assert any("岘山镇" in m and "衡阳县" in m for m in _messages(bad, "foreign-entity"))
    good = "一、主要举措和成效\n2025年，组织干部赴岘山镇学习调解工作经验。\n"
    assert not _messages(good, "foreign-entity")


def test_parts_numbered_1_2_3_without_yi_are_the_top_level():
    body = (
        "1.主要举措和成效\n（1）开展普法活动12次。\n2.存在的不足和原因\n普法形式单一，究其原因是人员不足。\n"
        "3.党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记主持召开专题会议2次。\n"
        "4.2026年工作打算\n2026年制定普法计划。\n5.其他需要报告的情况\n无。\n"
    )
    report = _report(body, "numbering-style")
    assert {p.id: p.status for p in report.parts} == dict.fromkeys(
        ("achievements", "shortcomings", "leader_duties", "next_year", "other"), "heading"
    )
    assert any("一级标题序号写成“1.”" in f.message for f in report.findings)
