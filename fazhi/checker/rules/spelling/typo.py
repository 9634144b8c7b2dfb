"""typo: 错别字. Curated pairs wrong in every context (惯彻 → 贯彻, typos.yaml
`always`), pairs wrong in a context (截止 before a date, 制订 before 法律, 做出
before 决定, 其它 before people; `context`). Place names, the entity, law
titles the law table knows and allowed words are never touched."""

from __future__ import annotations

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.spelling._data import pairs, protected

BASIS = "《党政机关公文处理工作条例》第十九条（文字表述规范）；《现代汉语词典》（第7版）"

RULE = Rule(
    slug="typo",
    summary="错别字",
    severity="warning",
    points=1,
    max_points=4,
    basis=BASIS,
    explanation=(
        "报告中的错别字（“惯彻”“部暑”“持旭推进”“依法刑政”）会让读者怀疑整篇报告的严谨程度。"
        "本规则只报告有把握的错字：在任何语境下都错的词（数据文件 typos.yaml 的 always 表），"
        "以及在特定语境下错的词：时间点前的“截止”应为“截至”，法律法规前的“制订”应为“制定”，"
        "“决定、贡献”前的“做出”应为“作出”，指人的“其它”应为“其他”。"
        "地名、报告主体名称、法律名称和配置档 allow 中的词语不检查；可在配置档中追加错别字对照。"
    ),
    bad="我镇认真惯彻落实上级部暑，持旭推进依法刑政。截止2024年底，共制订规章2件。",
    good="我镇认真贯彻落实上级部署，持续推进依法行政。截至2024年底，共制定规章2件，截止日期前完成报名。",
    group="spelling",
    fix="把错字改正。",
)


def _finding(para, start, end, pair):
    if pair.kind == "context" and pair.message:
        message = f"“{pair.wrong}”应为“{pair.right}”：{pair.message}"
    else:
        message = f"错别字：“{pair.wrong}”应为“{pair.right}”"
    note = f"（{pair.note}）" if pair.note else ""
    f = RULE.finding(
        para, start, end,
        message=message,
        suggestion=f"把“{pair.wrong}”改为“{pair.right}”。{note}",
        right=pair.right,
    )  # fmt: skip
    if pair.basis:
        f.basis = pair.basis
    return f


def curated(ctx, para):
    table = pairs(ctx.profile)
    hits = [h for h in table.find(para.text) if h[2].kind in ("always", "context")]
    if not hits:
        return
    keep = protected(ctx, para, quotes=False)
    for s, e, pair in hits:
        if not keep.contains(s, e):
            yield _finding(para, s, e, pair)


@RULE.checker
def check(ctx):
    for para in ctx.doc.nonempty():
        yield from curated(ctx, para)
