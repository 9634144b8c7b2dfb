"""Part detection on the report layouts seen in practice (docs/domain/headings.md §6)."""

from fazhi.checker.engine import build_context
from fazhi.checker.reader import document_from_text
from fazhi.schema import load_profile


def statuses(text, year=None):
    ctx = build_context(document_from_text(text), load_profile("township"), year)
    return {pid: r.status for pid, r in ctx.parts.items()}, ctx


LEADER_FIRST = """长延堡街道2025年度法治政府建设情况报告
区委依法治区办：
一、2025年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
街道党工委书记主持召开专题会议3次。
二、2025年度推进法治政府建设的主要举措和成效
（一）深化放管服改革
办理事项1200件。
三、2025年度推进法治政府建设存在的不足和原因
执法力量不足，原因是编制有限。
四、2026年度推进法治政府建设的主要安排
2026年完成权责清单调整。
五、其他需要报告的情况
无
"""

THREE_PARTS = """清水镇2020年法治政府建设工作情况报告
县委依法治县办：
一、工作开展情况
（一）强化组织领导
镇党委书记切实履行推进法治建设第一责任人职责，主持召开专题会议2次。
（二）规范行政执法
全年办理案件8件。
二、存在的问题
执法人员法律素养有待提高。
三、下一步工作打算
2021年，开展执法培训4次。
"""

THEMATIC = """大河乡2025年度法治政府建设情况报告
一、强化组织保障，夯实法治建设根基
乡党委坚持把法治建设纳入年度工作计划。
二、创新普法宣传，营造尊法守法氛围
全年开展普法活动20场。
三、深化依法行政，规范权力运行
重大行政决策均经合法性审查。
四、存在的问题
基层执法力量薄弱。
五、下一步工作打算
2026年将新建法治文化广场1处。
"""

COMBINED = """某镇2023年度法治政府建设情况报告
一、主要工作及成效
全年调解纠纷35件。
二、存在的问题及下一步工作打算
普法针对性不强，原因是形式单一。2024年将开展精准普法。
三、其他需要报告的情况
无
"""


def test_leader_duties_first_all_headings():
    st, ctx = statuses(LEADER_FIRST)
    assert set(st.values()) == {"heading"}
    assert ctx.parts["leader_duties"].anchor.index < ctx.parts["achievements"].anchor.index


def test_three_part_layout_folds_duties_into_achievements():
    st, _ = statuses(THREE_PARTS)
    assert st == {"achievements": "heading", "shortcomings": "heading", "leader_duties": "inline",
                  "next_year": "heading", "other": "missing"}


def test_only_thematic_headings():
    st, ctx = statuses(THEMATIC)
    assert st["achievements"] == "inline" and st["shortcomings"] == "heading" and st["next_year"] == "heading"
    # The thematic blocks belong to achievements (rules see them there).
    assert ctx.part_of(4) == "achievements"


def test_combined_heading_carries_two_parts():
    st, ctx = statuses(COMBINED)
    assert st["shortcomings"] == "heading" and st["next_year"] == "heading"
    assert ctx.parts["shortcomings"].heading is ctx.parts["next_year"].heading


def test_next_year_heading_found_by_year_and_plan_in_report_year_is_not():
    text = THREE_PARTS.replace("三、下一步工作打算", "三、2021年工作计划")
    st, _ = statuses(text)
    assert st["next_year"] == "heading"
    text = THREE_PARTS.replace("（二）规范行政执法", "（二）制定了《清水镇2020年法治政府建设工作计划》")
    assert statuses(text)[0]["achievements"] == "heading"


def test_safety_first_responsible_person_is_not_leader_duties():
    text = """某镇2023年度法治政府建设情况报告
一、主要工作及成效
镇长作为安全生产第一责任人，开展检查12次。
二、存在的问题
执法力量不足，原因是编制少。
"""
    assert statuses(text)[0]["leader_duties"] == "missing"


def test_village_secretaries_duties_are_not_the_township_leaders():
    text = """某镇2023年度法治政府建设情况报告
一、主要工作及成效
8个行政村党支部书记全部完成年度述法。
"""
    assert statuses(text)[0]["leader_duties"] == "missing"


def test_strongest_synonym_wins_over_an_earlier_weak_one():
    """Seed 002 opens with 一、基本情况 (the town's overview), then 二、主要做法."""
    text = """某镇2021年法治政府建设情况报告
一、基本情况
某镇面积86平方千米，人口19818人。
二、主要做法
（一）加强组织领导
全年开展学法4次。
"""
    st, ctx = statuses(text)
    assert st["achievements"] == "heading" and ctx.parts["achievements"].heading.title == "主要做法"
