"""part-order: the parts are not in the order the regulation lists them.

The regulation lists the parts but does not prescribe an order, and many good
reports put the leader's duties first; so this is information only, and the
leader_duties part is left out of the comparison."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace
from fazhi.schema import PART_IDS

RULE = Rule(
    slug="part-order",
    name="部分顺序",
    summary="各部分顺序与督察工作规定所列顺序不一致",
    severity="info",
    points=0,
    basis="常见实务（《法治政府建设与责任落实督察工作规定》第二十五条列出五项内容，未规定顺序）",
    explanation=(
        "第二十五条按“成效—不足和原因—第一责任人履职—下一年度安排—其他”的顺序列出五项内容。"
        "规定没有要求必须按此顺序行文，但按此顺序写便于审核人逐项核对。"
        "“第一责任人履职”放在最前面是常见写法，不作提示。"
    ),
    bad=replace(
        replace(GOOD_REPORT, "二、2023年度推进法治政府建设存在的不足和原因", "二、2024年度推进法治政府建设的主要安排"),
        "四、2024年度推进法治政府建设的主要安排",
        "四、2023年度推进法治政府建设存在的不足和原因",
    ),
    good=GOOD_REPORT,
)

_ORDERED = [p for p in PART_IDS if p != "leader_duties"]


@RULE.checker
def check(ctx):
    # A combined heading (存在问题及下一步打算) anchors two parts at one index: keep them in statutory order.
    placed = [(ctx.parts[p].anchor.index, _ORDERED.index(p), p) for p in _ORDERED if ctx.parts[p].status == "heading"]
    placed.sort()
    placed = [(index, p) for index, _, p in placed]
    for (_, before), (index, after) in zip(placed, placed[1:]):
        if _ORDERED.index(after) < _ORDERED.index(before):
            para = ctx.doc.paragraph(index)
            yield RULE.finding(
                para,
                message=f"“{ctx.profile.part(after).short}”写在了“{ctx.profile.part(before).short}”之后，与规定所列顺序不同",
                suggestion="建议按“主要举措和成效、存在的不足和原因、第一责任人履职情况、下一年度主要安排、其他需要报告的情况”的顺序排列",
            )
            return
