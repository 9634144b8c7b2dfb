"""numbering-style: level markers outside the 一、 （一） 1. （1） scheme
(1、 , half-width (一), 一. …). One finding per wrong form, with the count."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, heading_span, replace

RULE = Rule(
    slug="numbering-style",
    name="序号层次写法",
    summary="标题序号不符合“一、（一）1.（1）”的层次写法",
    severity="warning",
    points=2,
    max_points=4,
    basis="GB/T 9704-2012 7.3.3（结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注）",
    explanation=(
        "公文的结构层次序数依次用“一、”“（一）”“1.”“（1）”。常见错误是阿拉伯数字后用顿号（1、）、"
        "括号用半角（(一)、(1)）、汉字数字后用点（一.）。同一种错误写法全文只报告一次，并给出出现次数。"
    ),
    bad=replace(GOOD_REPORT, "1.召开专题会议", "1、召开专题会议"),
    good=GOOD_REPORT,
    fixable=True,
)


# Markers whose only fault is a half-width bracket: halfwidth-punctuation
# reports (and fixes) them, one finding for one mistake.
_HALFWIDTH_ONLY = {"cn-paren-half", "num-paren-half"}


@RULE.checker
def check(ctx):
    left_to_punctuation = ctx.profile.rule_setting("halfwidth-punctuation").enabled
    wrong: dict[str, list] = {}
    for h in ctx.outline.headings:
        if h.kind is not None and not h.kind.ok and not (h.top_level and h.kind.level > 1):
            if left_to_punctuation and h.kind.name in _HALFWIDTH_ONLY:
                continue
            wrong.setdefault(h.kind.name, []).append(h)
    promoted = [h for h in ctx.outline.top if h.kind is not None and h.kind.level > 1]
    if promoted:
        first = promoted[0]
        count = f"（全文共{len(promoted)}处）" if len(promoted) > 1 else ""
        n = first.number or 1
        yield RULE.finding(
            first.paragraph,
            *heading_span(first),
            message=f"一级标题序号写成“{first.marker}”，应为“一、”式{count}",
            suggestion=f"把“{first.marker}”改为“{'一二三四五六七八九十'[n - 1] if n <= 10 else n}、”，其余一级标题一并修改，下级标题依次用“（一）”“1.”",
        )
    for items in wrong.values():
        first = items[0]
        count = f"（全文共{len(items)}处）" if len(items) > 1 else ""
        yield RULE.finding(
            first.paragraph,
            *heading_span(first),
            message=f"{first.level}级标题序号写成“{first.marker}”，应为“{first.kind.expected}”式{count}",
            suggestion=f"把“{first.marker}”改为“{_fixed(first)}”，其余同类序号一并修改",
            fix=[e for h in items if (e := _edit(h)) is not None],
        )


def _edit(h):
    """The marker typed in the text → the standard form. An automatic number
    (numbering.xml draws it, `Paragraph.marker`) is not text and is left alone."""
    if h.paragraph.marker:
        return None
    start = h.paragraph.text.find(h.marker)
    end = start + len(h.marker)
    if start < 0 or _runs_into_latin(h.paragraph.text, end):
        return None
    return RULE.edit(h.paragraph, start, start + len(h.marker), _fixed(h))


def _runs_into_latin(text: str, end: int) -> bool:
    """二.zhang@example.com or 1.5万: the dot belongs to what follows, so it is not
    safe to rewrite it as a heading marker."""
    return end < len(text) and text[end].isascii() and text[end].isalnum()


def _fixed(h) -> str:
    n = h.marker.strip("()（）、.．，, ")
    return {1: f"{n}、", 2: f"（{n}）", 3: f"{n}.", 4: f"（{n}）"}[h.level]
