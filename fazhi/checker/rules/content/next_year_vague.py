"""next-year-vague: the next-year part does not tie its plans to the next year,
or offers only slogans instead of measures one could check a year later.

The year counts as named by `{Y+1}年` or by the statutory 下一年度 / 明年 /
新的一年; 下一步 / 今后 alone name no period. Measures count as concrete by
the `next_year.concrete` patterns of content.yaml (counts, deadlines, named
documents to issue, bodies to set up); fewer than `min_concrete` distinct ones
and the part is vague. One finding per report, at the part's heading."""

from __future__ import annotations

import re

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.content._data import anchor_span, content_data, content_text, distinct_matches, following_paragraphs, matches

RULE = Rule(
    slug="next-year-vague",
    name="下年安排空泛",
    summary="“下一年度主要安排”没写明年份，或只有口号、没有具体可检查的措施",
    severity="warning",
    options={"min_concrete": Option(int, "下一年度安排至少含几处具体措施（默认见 content.yaml next_year.min_concrete）")},
    points=3,
    max_points=3,
    basis="《法治政府建设与责任落实督察工作规定》第二十五条（下一年度推进法治政府建设的主要安排）；措施具体可检查属常见实务",
    explanation=(
        "督察工作规定第二十五条要求报告“下一年度推进法治政府建设的主要安排”。安排要写明是哪一年的，"
        "并且是下一年可以对照检查的措施：做什么、做多少、何时完成（如“2024年6月底前出台重大行政决策目录”"
        "“全年开展会前学法不少于4次”）。只写“下一步继续努力”“进一步加强”“不断提升”之类的口号，"
        "上级无法督察落实，也回应不了上文列出的不足。"
    ),
    fix="写明下一年度（如“2024年”），逐条列出具体措施：完成时限、次数或比例、要出台的制度文件、责任单位。",
    bad=(
        "石市镇2023年度法治政府建设工作报告\n"
        "一、推进法治政府建设的主要举措和成效\n"
        "全年召开法治建设专题会议4次。\n"
        "二、下一步工作打算\n"
        "下一步，我镇将继续努力，进一步加强法治宣传，不断提升依法行政水平，推动法治政府建设再上新台阶。\n"
    ),
    good=(
        "石市镇2023年度法治政府建设工作报告\n"
        "一、推进法治政府建设的主要举措和成效\n"
        "全年召开法治建设专题会议4次。\n"
        "二、2024年推进法治政府建设的主要安排\n"
        "（一）2024年6月底前出台《石市镇重大行政决策事项目录》。\n"
        "（二）全年组织会前学法不少于6次，镇村干部法治培训2期。\n"
    ),
)

def _paragraphs(ctx, part):
    if part.status == "heading":
        return part.paragraphs
    return following_paragraphs(ctx, part.paragraphs, int(content_data(ctx)["next_year"]["inline_follow"]))


def _names_year(ctx, text: str) -> bool:
    year = re.compile(rf"{ctx.year + 1}\s*年" if ctx.year else r"(19|20)\d{2}\s*年")
    return bool(year.search(text)) or any(w in text for w in content_data(ctx)["next_year"]["named_period"])


def _heading_names_a_year(part) -> bool:
    # A wrong year in the heading (三、2025年工作打算 in a 2025 report) is year-mismatch's finding;
    # saying here that no year is named would report the same slip twice, and wrongly.
    return part.heading is not None and bool(re.search(r"(?:19|20)\d{2}\s*年", part.heading.title))


def _problems(names_year: bool, concrete: set[str], needed: int, next_year: str) -> list[str]:
    problems = []
    if not names_year:
        problems.append(f"没有写明是哪一年的安排（应写明{next_year}）")
    if len(concrete) < needed:
        problems.append("措施笼统，缺少时限、数量、要出台的制度等可检查的内容")
    return problems


@RULE.checker
def check(ctx):
    part = ctx.parts.get("next_year")
    if part is None or part.status in ("missing", "empty") or part.anchor is None:
        return
    data = content_data(ctx)["next_year"]
    paras = _paragraphs(ctx, part)
    full = "\n".join(p.text for p in paras)
    body = "\n".join(content_text(part, p) for p in paras)
    concrete = set(distinct_matches(data["concrete"], body))
    needed = int(ctx.option(RULE.slug, "min_concrete", data.get("min_concrete", 2)))
    next_year = f"{ctx.trusted_year + 1}年" if ctx.trusted_year else "下一年度"
    names_year = _names_year(ctx, full) or _heading_names_a_year(part)
    problems = _problems(names_year, concrete, needed, next_year)
    if not problems:
        return
    slogans = sorted({m.group(0) for m in matches(data["slogans"], body)})
    message = "“下一年度主要安排”" + "；".join(problems)
    if slogans and len(concrete) < needed:
        message += "（多为“" + "”“".join(slogans[:4]) + "”等口号）"
    para, start, end = anchor_span(part)
    suggestion = f"写明{next_year}的安排，逐条列出具体措施：完成时限、次数或比例、要出台的制度文件、责任单位。"
    yield RULE.finding(para, start, end, message=message, suggestion=suggestion, concrete=sorted(concrete), slogans=slogans)
