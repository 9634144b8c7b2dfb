"""placeholder: leftovers in the text — XXX / ×× / ○○ blanks, the template's
【填写说明：…】 guidance, Word field errors, conversion artefacts such as
[bookmark: _GoBack], and lines of web-page chrome (您当前的位置: 首页 > …).

Patterns are data (fazhi/data/placeholders.yaml). All paragraphs are scanned,
including what the outline keeps apart as chrome before the title. One finding
per placeholder occurrence; one per chrome line."""

from __future__ import annotations

from fazhi.checker.rules._prefilter import any_prefilter, candidate_paragraphs, prefilter
from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.language._data import chrome_lines, placeholders

RULE = Rule(
    slug="placeholder",
    name="残留占位符",
    summary="文中留有占位符、模板说明、转换标记或网页栏目文字",
    severity="error",
    points=2,
    max_points=6,
    basis="《党政机关公文处理工作条例》第十九条（公文起草应当表述准确、格式规范）",
    explanation=(
        "“XXX镇”“××月××日”、模板中的【填写说明：…】、Word 的“错误！未定义书签。”留在公开的报告里，"
        "读者一眼就能看出报告没有写完或没有校对。从网页复制的“您当前的位置：首页 > …”“发布时间：…”"
        "等栏目文字、文档转换留下的 [bookmark: _GoBack] 标记也不属于报告正文。"
        "模板说明和占位符为错误；转换标记和网页栏目文字可能不在原文件中，为警告。"
    ),
    bad="XXX镇2023年度法治政府建设情况报告\n【填写说明：按纲要重点任务分条写本年度举措】",
    good="岘山镇2023年度法治政府建设情况报告\n全年召开党委会专题研究法治建设4次。",
    fix="删除或替换为实际内容。",
)


@RULE.checker
def check(ctx):
    table = placeholders(ctx.profile)
    anything = any_prefilter(tuple(p.regex for p in table.inline))
    inline = _candidates(ctx, table) if anything.may_match(ctx.full_text) else set()  # most reports have none
    chrome_at = chrome_lines(ctx)
    for para in ctx.nonempty:
        text = para.text
        chrome = chrome_at.get(para.index)
        if chrome and ctx.profile.meta.published:
            continue  # the page as posted: its furniture is expected, not pasted into a draft
        if chrome:
            f = RULE.finding(
                para,
                0,
                len(text),
                message=f"从网页复制的栏目文字“{_short(text.strip())}”不属于报告正文",
                suggestion="删除网页的位置导航、发布时间、访问量、字体、打印等栏目文字。",
                severity="warning",
                points=1,
                kind="web-chrome",
            )
            f.basis = table.chrome_basis or RULE.basis
            yield f
            continue
        if inline is not None and para.index not in inline:
            continue
        taken = bytearray(len(text))  # an XXX inside 【填写说明：…XXX…】 is one leftover
        for pattern in table.inline:
            for start, end in _merged(prefilter(pattern.regex).finditer(text)):
                if all(taken[start:end]):
                    continue
                taken[start:end] = b"\x01" * (end - start)
                f = RULE.finding(
                    para,
                    start,
                    end,
                    message=pattern.message.replace("{text}", _short(text[start:end])),
                    suggestion=pattern.suggestion,
                    severity=pattern.severity,
                    points=RULE.points if pattern.severity == "error" else 1,
                    kind=pattern.id,
                )
                f.basis = pattern.basis or RULE.basis
                yield f


def _candidates(ctx, table) -> set[int] | None:
    """The paragraphs where some pattern may match (None: any may)."""
    found: set[int] = set()
    for pattern in table.inline:
        some = candidate_paragraphs(ctx, pattern.regex)
        if some is None:
            return None
        found |= some
    return found


def _merged(matches, gap: int = 2) -> list[tuple[int, int]]:
    """Runs of one pattern a character or two apart are one leftover (○○○○年○○月○○日)."""
    spans: list[tuple[int, int]] = []
    for m in matches:
        if spans and m.start() - spans[-1][1] <= gap:
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
