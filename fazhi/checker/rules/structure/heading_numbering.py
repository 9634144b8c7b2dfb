"""heading-numbering: numbering gaps, repeats or a wrong start within one level
(一、二、四、; a report that starts at 三、). One finding per broken sequence."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, heading_span, replace

RULE = Rule(
    slug="heading-numbering",
    name="标题序号不连续",
    summary="标题序号不连续、重复或不从“一”开始",
    severity="warning",
    points=3,
    max_points=6,
    basis="GB/T 9704-2012 7.3.3（结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注）",
    explanation=(
        "同一层级的标题序号应从“一”（或“1”）开始依次编排。跳号（一、二、四、）、重号或从“三、”开始，"
        "通常说明删改时漏改了序号，或者整段内容被删掉了，审核人会怀疑报告不完整。"
        "每一组编号只报告一次。"
    ),
    bad=replace(GOOD_REPORT, "二、2023年度推进法治政府建设存在的不足和原因", "三、2023年度推进法治政府建设存在的不足和原因"),
    good=GOOD_REPORT,
)

_CN = "零一二三四五六七八九十"


def _label(kind, number: int) -> str:
    if kind.level in (1, 2):
        n = _CN[number] if number <= 10 else f"十{_CN[number - 10]}" if number < 20 else str(number)
        return f"{n}、" if kind.level == 1 else f"（{n}）"
    return f"{number}." if kind.level == 3 else f"（{number}）"


def _sequences(headings, part_heads: frozenset[int] | set[int] = frozenset()):
    """Numbered headings grouped by level; a level's sequence restarts under each
    new heading of a higher level."""
    current: dict[int, list] = {}
    for h in headings:
        # Unnumbered short lines are too uncertain to restart a level, unless they name a part.
        if h.source == "standalone" and h.index not in part_heads:
            continue
        for depth in [d for d in current if d > h.depth]:
            yield current.pop(depth)
        if h.kind is not None and h.number is not None:
            current.setdefault(h.depth, []).append(h)
    yield from current.values()


@RULE.checker
def check(ctx):
    part_heads = {r.heading.index for r in ctx.parts.values() if r.heading is not None}
    for seq in _sequences(ctx.outline.headings, part_heads):
        expected = 1
        for h in seq:
            if h.number != expected:
                yield RULE.finding(
                    h.paragraph,
                    *heading_span(h),
                    message=_message(h, expected),
                    suggestion=f"检查是否漏写或删掉了内容，把序号改为“{_label(h.kind, expected)}”并顺改其后的序号",
                )
                break
            expected += 1


def _message(h, expected: int) -> str:
    where = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}.get(h.depth, "下级")
    got = h.marker
    if expected == 1:
        return f"{where}标题从“{got}”开始，应从“{_label(h.kind, 1)}”开始"
    if h.number is not None and h.number < expected:
        return f"{where}标题序号“{got}”重复或倒退，此处应为“{_label(h.kind, expected)}”"
    return f"{where}标题序号跳号：“{got}”前缺少“{_label(h.kind, expected)}”"
