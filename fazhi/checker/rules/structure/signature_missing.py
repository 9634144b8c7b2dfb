"""signature-missing: no 发文机关署名 at the end."""

import re

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, placeholder_in_tail, replace, tail_evidence

RULE = Rule(
    slug="signature-missing",
    name="缺少署名",
    summary="缺少发文机关署名",
    severity="warning",
    points=3,
    basis="《党政机关公文处理工作条例》第九条（发文机关署名）；GB/T 9704-2012 7.3.5",
    explanation=(
        "正文之后应有发文机关署名（如“衡阳县岘山镇人民政府”），署名之下为成文日期。"
        "没有署名，无法确认报告由谁出具、是否经过单位审定。"
    ),
    bad=replace(GOOD_REPORT, "衡阳县岘山镇人民政府\n", ""),
    good=GOOD_REPORT,
)


_SIGNATURE_CUE = re.compile(r"署名|发文机关|单位名称|人民政府|办事处")


@RULE.checker
def check(ctx):
    if ctx.meta.signature is not None or ctx.profile.meta.published:
        return  # a web page often posts the text without its 署名
    if placeholder_in_tail(ctx, _SIGNATURE_CUE):
        return  # 【填写发文机关署名】 left unfilled: one finding, by placeholder
    anchor = ctx.meta.date or (ctx.body[-1] if ctx.body else None)
    yield RULE.finding(
        anchor,
        message="正文之后没有发文机关署名",
        evidence=tail_evidence(anchor),
        suggestion=f"在正文之后、成文日期之上写发文机关全称，如“{_signer(ctx)}”",
    )


def _signer(ctx) -> str:
    entity = ctx.trusted_entity
    if entity and entity.endswith(("局", "委员会", "办公室", "中心", "人民政府")):
        return entity  # a county department or government signs with its own name
    if entity and entity.endswith(("县", "区", "市", "旗")):
        return f"{entity}人民政府"
    return f"{entity}人民政府" if entity and entity.endswith(("镇", "乡", "苏木")) else (
        f"{entity}办事处" if entity else "某镇人民政府"
    )
