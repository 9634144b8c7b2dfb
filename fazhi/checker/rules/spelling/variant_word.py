"""variant-word: 异形词 — a form the 《第一批异形词整理表》 (GF 1001-2001) does
not recommend (笔划 → 笔画, 宏扬 → 弘扬). Data: fazhi/data/variants.tsv.
Quotations and 《》 titles are left as written; where the table allows both
forms the finding is only a hint."""

from __future__ import annotations

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.spelling._data import VARIANT_BASIS, pair_hits, protected

RULE = Rule(
    slug="variant-word",
    name="异形词",
    summary="异形词未用推荐词形",
    severity="warning",
    points=0.5,
    max_points=2,
    basis=VARIANT_BASIS,
    explanation=(
        "《第一批异形词整理表》（GF 1001-2001）为338组同音、同义而书写形式不同的词确定了推荐词形，"
        "出版物和公文应当使用推荐词形，如“笔画”不写“笔划”，“弘扬”不写“宏扬”，“人才”不写“人材”，"
        "“图像”不写“图象”。引号内的引文和书名号内的标题按原文，不检查。"
    ),
    bad="大力宏扬法治精神，配备专业人材，建立视频图象监控。",
    good="大力弘扬法治精神，配备专业人才，建立视频图像监控，一笔划拨到位。",
    fix="改用整理表的推荐词形。",
    fixable=True,
)


@RULE.checker
def check(ctx):
    for para in ctx.doc.nonempty():
        hits = [h for h in pair_hits(ctx, para) if h[2].kind == "variant"]
        if not hits:
            continue
        keep = protected(ctx, para, quotes=True)
        for s, e, pair in hits:
            if keep.contains(s, e):
                continue
            f = RULE.finding(
                para, s, e,
                message=f"异形词：“{pair.wrong}”应写作推荐词形“{pair.right}”",
                suggestion=f"把“{pair.wrong}”改为“{pair.right}”。",
                fix=[RULE.edit(para, s, e, pair.right)] if pair.certain else None,
                right=pair.right,
            )  # fmt: skip
            if pair.basis:
                f.basis = pair.basis
            if pair.both:
                f.severity = "info"
                f.message = f"异形词：整理表推荐“{pair.right}”（“{pair.wrong}”也可用）"
            yield f
