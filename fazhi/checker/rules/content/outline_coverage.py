"""outline-coverage: which of the nine tasks of 《法治政府建设实施纲要（2021－2025年）》
a report for 2021 or later covers.

The areas and their cue words are data (content.yaml `outline.areas`), read
over the whole body. Fewer than `min_areas` covered is a warning; any other
gap is an info finding that names the uncovered areas, so the reviewer always
sees them. Full coverage gives nothing. The 纲要 sets tasks for governments at
every level; that a township report touches each one is practice, hence never
an error."""

from __future__ import annotations

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.content._data import content_data, split_areas

RULE = Rule(
    slug="outline-coverage",
    name="纲要任务覆盖不足",
    summary="未涉及《法治政府建设实施纲要（2021－2025年）》的多项主要任务",
    severity="warning",
    options={"min_areas": Option(int, "报告至少涉及纲要九项主要任务中的几项（默认见 content.yaml outline.min_areas）")},
    points=2,
    max_points=2,
    basis="《法治政府建设实施纲要（2021－2025年）》第三至第十一部分（九项主要任务）；乡镇报告逐项覆盖属常见实务",
    example_year=2023,
    explanation=(
        "《法治政府建设实施纲要（2021－2025年）》部署了九项主要任务：政府机构职能、依法行政制度、行政决策、"
        "行政执法、突发事件应对、矛盾纠纷化解、权力制约监督、数字法治政府、党的领导和推进机制。"
        "年度报告的“主要举措和成效”一般按这些任务逐项报告；大面积缺项，说明报告没有对照纲要总结，"
        "或者相关工作确实没有开展。本规则列出报告未涉及的任务，供审核时核对。"
    ),
    fix="对照纲要九项任务补写本年度相应的举措和成效；确未开展的，可在“存在的不足”中说明。",
    bad=(
        "青山镇2023年度法治政府建设情况报告\n"
        "一、2023年度推进法治政府建设的主要举措和成效\n"
        "全年开展普法宣传活动12场，发放宣传资料3000份。\n"
        "成功调解矛盾纠纷56起。\n"
    ),
    good=(
        "青山镇2023年度法治政府建设情况报告\n"
        "一、2023年度推进法治政府建设的主要举措和成效\n"
        "（一）党委书记履行第一责任人职责，召开法治建设专题会议4次。\n"
        "（二）公布镇级权责清单，优化营商环境。\n"
        "（三）清理行政规范性文件3件。\n"
        "（四）重大行政决策均经合法性审查。\n"
        "（五）落实行政执法公示、全过程记录、法制审核制度。\n"
        "（六）修订防汛应急预案，开展应急演练2次。\n"
        "（七）人民调解成功调解矛盾纠纷56起。\n"
        "（八）主动公开政府信息120条，接受人大监督。\n"
        "（九）推行“互联网+政务服务”，事项网上办理率达95%。\n"
    ),
)


def coverage(ctx) -> dict | None:
    """{"covered": [...], "uncovered": [...]} 纲要 task names, or None when the
    report year is before the 纲要 (or unknown)."""
    data = content_data(ctx)["outline"]
    if ctx.year is None or ctx.year < int(data.get("from_year", 2021)):
        return None
    text = "\n".join(p.text for p in ctx.body)
    covered, uncovered = split_areas(data["areas"], text)
    return {"covered": covered, "uncovered": uncovered}


@RULE.checker
def check(ctx):
    if ctx.parts["achievements"].status == "empty":
        return  # part-empty says it: the template's sub-headings are no coverage
    result = coverage(ctx)
    if result is None or not result["uncovered"] or not ctx.body:
        return
    needed = int(ctx.option(RULE.slug, "min_areas", content_data(ctx)["outline"]["min_areas"]))
    covered, uncovered = result["covered"], result["uncovered"]
    message = f"报告涉及纲要九项主要任务中的{len(covered)}项，未涉及“{'”“'.join(uncovered)}”"
    severity = None if len(covered) < needed else "info"
    if severity is None:
        message += f"（少于{needed}项）"
    anchor = ctx.parts["achievements"].anchor  # the part the tasks belong in
    yield RULE.finding(anchor, message=message, severity=severity, evidence="", covered=covered, uncovered=uncovered)
