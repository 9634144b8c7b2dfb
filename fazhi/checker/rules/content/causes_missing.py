"""causes-missing: the shortcomings part lists problems but never says why.

Art. 25 asks for 「存在的不足和原因」: the causes are half of the item, so a
part without any cause analysis misses a statutory element (error). Cause cues
are data (content.yaml `causes.cues`); the part's own heading words do not
count, so 「二、存在不足和原因」 followed by a bare list is still flagged."""

from __future__ import annotations

import re

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.content._data import anchor_span, content_data, content_text, first_match, following_paragraphs

RULE = Rule(
    slug="causes-missing",
    name="未分析原因",
    summary="“存在的不足和原因”部分只列问题，没有分析原因",
    severity="error",
    points=5,
    max_points=5,
    basis="《法治政府建设与责任落实督察工作规定》第二十五条（存在的不足和原因）",
    explanation=(
        "督察工作规定第二十五条要求年度报告写明上一年度推进法治政府建设“存在的不足和原因”。"
        "只罗列“有待加强”“不够到位”等问题、不分析为什么会出现这些问题，等于缺了法定内容的一半，"
        "也无法据此提出有针对性的整改措施。标题写了“不足和原因”但正文没有原因分析的，同样不合格。"
    ),
    fix="在每条不足后分析原因（如“究其原因，主要是……”“一方面……另一方面……”），区分主观原因和客观原因。",
    bad=(
        "岘山镇2023年度法治政府建设工作报告\n"
        "一、推进法治政府建设的主要举措和成效\n"
        "全年召开法治建设专题会议4次。\n"
        "二、存在不足和原因\n"
        "一是法治示范创建工作有待推进；二是法治宣传创新力度不够；三是行政执法监督有待加强。\n"
        "三、下一年度推进法治政府建设的主要安排\n"
        "2024年6月底前出台镇重大行政决策目录。\n"
    ),
    good=(
        "岘山镇2023年度法治政府建设工作报告\n"
        "一、推进法治政府建设的主要举措和成效\n"
        "全年召开法治建设专题会议4次。\n"
        "二、存在不足和原因\n"
        "一是法治示范创建工作有待推进；二是法治宣传创新力度不够。"
        "究其原因，主要是镇村干部法治思维不强，司法所仅有工作人员1名，力量不足。\n"
        "三、下一年度推进法治政府建设的主要安排\n"
        "2024年6月底前出台镇重大行政决策目录。\n"
    ),
)

_EMPTY = re.compile(r"^[\s无暂。．.、：:（）()—-]*$")
def _content(ctx, part) -> str:
    if part.status == "heading":
        paras = part.paragraphs
    else:
        paras = following_paragraphs(ctx, part.paragraphs, int(content_data(ctx)["causes"]["inline_follow"]))
    return "\n".join(content_text(part, p) for p in paras)


def _cause_heading_elsewhere(ctx, part) -> bool:
    """A heading of its own for the causes (「三、原因分析」) outside the part."""
    own = part.heading.index if part.heading is not None else None
    words = content_data(ctx)["causes"]["heading_words"]
    return any(any(w in h.title for w in words) for h in ctx.outline.headings if h.index != own)


@RULE.checker
def check(ctx):
    part = ctx.parts.get("shortcomings")
    if part is None or part.status in ("missing", "empty") or part.anchor is None:
        return
    text = _content(ctx, part)
    if first_match(content_data(ctx)["causes"]["cues"], text) or _cause_heading_elsewhere(ctx, part):
        return
    para, start, end = anchor_span(part)
    if _EMPTY.match(text):
        message = "“存在的不足和原因”部分既没有列出具体不足，也没有分析原因"
    else:
        message = "“存在的不足和原因”部分列出了问题，但没有分析产生问题的原因"
    yield RULE.finding(para, start, end, message=message)
