"""law-title-unknown: a 《…法》 title shaped like a national law that is in
neither the law table nor its aliases, with the nearest real titles.

Only titles `《(中华人民共和国)?X法》` are candidates; local regulations,
plans, notices, party regulations, 条例/规定/办法 and books are not. A title
with a near real law (see `LawTable.nearest`) is a `warning` (most likely misquoted);
one with nothing near is `info` — it may be a law newer than the table, which
users add with `data: {laws: [my_laws.tsv]}`. One finding per title per document."""

from __future__ import annotations

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.references._laws import law_table
from fazhi.checker.rules.references._text import norm_brackets, titles_of, strip_revision
from fazhi.checker.rules.references._titles import shapes

RULE = Rule(
    slug="law-title-unknown",
    name="法律名称有误",
    summary="《…法》不是现行国家法律的名称（可能写错了法律名称）",
    severity="warning",
    points=1,
    max_points=3,
    basis="全国人大及其常委会公布的法律名称（国家法律法规数据库）",
    explanation=(
        "年度报告引用法律应使用其正式名称（全称或去掉“中华人民共和国”的简称）。"
        "写错的名称（如《城市村民委员会组织法》，实际是《城市居民委员会组织法》或《村民委员会组织法》）"
        "会让读者无从查找，也显得学法不严谨。检查只针对形如国家法律的《××法》，"
        "地方性法规、规章、规划、通知、党内法规和《××办法》不在检查之列。"
    ),
    bad="深入学习和实施《城市村民委员会组织法》，保障基层群众自治权利。",
    good="深入学习和实施《城市居民委员会组织法》和《村民委员会组织法》，学习《湖南省实施〈中华人民共和国村民委员会组织法〉办法》。",
    fix="核对法律的正式名称（可查国家法律法规数据库 flk.npc.gov.cn）；新法可在配置档 data.laws 中补充。",
)

@RULE.checker
def check(ctx):
    table = law_table(ctx.profile)
    shape = shapes(ctx.profile)
    seen: set[str] = set()
    for para in ctx.nonempty:
        for q in titles_of(ctx, para):
            title = norm_brackets(strip_revision(q.inner))
            if title in seen or not shape.candidate(title) or table.lookup(title) is not None:
                continue
            seen.add(title)
            near = table.nearest(title)
            yield _finding(para, q, title, near)


def _finding(para, q, title: str, near: list[tuple[str, float]]):
    if near:
        names = "、".join(f"《{name}》" for name, _ in near)
        return RULE.finding(
            para,
            q.start,
            q.end,
            message=f"《{title}》不是现行国家法律的名称，是否指{names}？",
            suggestion=f"核对法律名称，改为{names}。" if len(near) == 1 else f"核对法律名称，改为{names}中的正确一项。",
            candidates=[name for name, _ in near],
        )
    return RULE.finding(
        para,
        q.start,
        q.end,
        message=f"法律库中没有《{title}》，请核对名称是否准确",
        suggestion="核对法律的正式名称；如确为新颁布的法律，可在配置档 data.laws 中补充。",
        severity="info",
        candidates=[],
    )
