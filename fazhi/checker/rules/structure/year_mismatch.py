"""year-mismatch: the year in the title, the part headings and the 成文日期 disagree."""

import re

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace, text_span

RULE = Rule(
    slug="year-mismatch",
    name="年份不一致",
    summary="标题、正文标题和成文日期中的年份不一致",
    severity="error",
    points=3,
    max_points=6,
    basis="《法治政府建设与责任落实督察工作规定》第二十五条（报告上一年度情况和下一年度安排）",
    explanation=(
        "年度报告写的是上一年度的情况（报告年度 Y），下一年度的安排是 Y+1 年，成文日期在 Y 年底或 Y+1 年初。"
        "标题写2023年、成效部分标题写“2022年度”、成文日期是2022年，常常是套用往年报告时漏改了年份。"
        "下一年度安排一开头写的是报告年度本身（2025年度报告写“2025年，我镇将……”），"
        "或年度报告的标题写成“上半年……”，也是套用旧材料留下的痕迹。"
    ),
    bad=replace(GOOD_REPORT, "一、2023年度推进法治政府建设的主要举措和成效", "一、2022年度推进法治政府建设的主要举措和成效"),
    good=GOOD_REPORT,
)

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# In a combined heading (存在的问题及2026年工作打算) the words after the connector are the plan's.
_COMBINED_SPLIT = re.compile(r"(问题|不足|原因|短板|弱项|困难|差距)(以及|及|和|与|、)")


def _segment(ctx, pid: str) -> tuple[str, int]:
    """The words of a part's heading that speak about that part, and their offset in the title."""
    heading = ctx.parts[pid].heading
    title = heading.title
    shared = {p for p, r in ctx.parts.items() if r.heading is not None and r.heading.index == heading.index}
    if {"shortcomings", "next_year"} <= shared:
        m = _COMBINED_SPLIT.search(title)
        if m:
            return (title[: m.end()], 0) if pid == "shortcomings" else (title[m.end() :], m.end())
    return title, 0


@RULE.checker
def check(ctx):
    year = ctx.year
    if year is None:
        return
    for pid, expected in (("achievements", year), ("shortcomings", year), ("leader_duties", year), ("next_year", year + 1)):
        part = ctx.parts[pid]
        if part.heading is None:
            continue
        words, offset = _segment(ctx, pid)
        m = _YEAR.search(words)
        if m and int(m.group(1)) != expected:
            para = part.heading.paragraph
            start = para.text.find(m.group(0), max(0, para.text.find(part.heading.title)) + offset)
            yield RULE.finding(
                para,
                start,
                start + len(m.group(0)),
                message=f"“{ctx.profile.part(pid).short}”标题写的是{m.group(1)}年，报告年度是{year}年，应为{expected}年",
                suggestion=f"把“{m.group(0)}”改为“{expected}年”",
            )
    yield from _next_year_opening(ctx, year)
    yield from _half_year_headings(ctx)
    d = ctx.meta.doc_date
    if d is not None and d.year not in (year, year + 1):
        yield RULE.finding(
            ctx.meta.date,
            *text_span(ctx.meta.date),
            message=f"成文日期是{d.year}年，与报告年度{year}年不符（应在{year}年底或{year + 1}年初）",
            suggestion="核对成文日期或标题中的年度",
        )


_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?!度?(以来|全年|共|底|末))")
_HALF_YEAR = re.compile(r"^(今年)?(上|下)半年")


def _next_year_opening(ctx, year: int):
    """「四、下一年度工作安排」 opening 「2025年，我镇将…」 in the 2025 report: last year's plan copied."""
    part = ctx.parts["next_year"]
    if part.status not in ("heading", "empty") or ctx.year_info is not None and not ctx.year_info.sure:
        return
    first = next((p for p in part.paragraphs if part.heading is None or p.index != part.heading.index), None)
    m = _OPENING_YEAR.match(first.text) if first is not None else None
    if m and int(m.group(1)) == year:
        yield RULE.finding(
            first,
            m.start(1),
            m.end(0),
            message=f"“{ctx.profile.part('next_year').short}”开头写的是{year}年（报告年度），应为{year + 1}年",
            suggestion=f"把“{m.group(0).strip()}”改为“{year + 1}年”",
        )


def _half_year_headings(ctx):
    """「一、上半年推进法治政府建设…」 left in an annual report from a half-year summary."""
    for h in ctx.outline.top:
        m = _HALF_YEAR.match(h.title)
        if m:
            para = h.paragraph
            start = para.text.find(m.group(0))
            yield RULE.finding(
                para,
                start,
                start + len(m.group(0)),
                message=f"年度报告的标题写成“{m.group(0)}”，疑为套用半年总结",
                suggestion=f"改为全年的情况（如“一、{ctx.trusted_year or '20XX'}年度推进法治政府建设的主要举措和成效”）",
            )
