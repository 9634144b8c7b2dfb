"""date-missing: no 成文日期 at the end."""

import re

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, placeholder_in_tail, replace, tail_evidence

RULE = Rule(
    slug="date-missing",
    name="缺少成文日期",
    summary="缺少成文日期",
    severity="warning",
    points=3,
    basis="《党政机关公文处理工作条例》第九条（成文日期）；GB/T 9704-2012 7.3.5",
    explanation=(
        "署名之下应写成文日期，如“2024年2月22日”。没有日期，无法核对报告是否按时"
        "（次年第一季度、4月1日前公开）报送。"
    ),
    bad=replace(GOOD_REPORT, "2024年2月22日\n", ""),
    good=GOOD_REPORT,
)


_DATE_CUE = re.compile(r"日期|月.{0,4}日")


@RULE.checker
def check(ctx):
    if ctx.meta.date is not None or ctx.profile.meta.published:
        return  # a web page gives the date in its own fields, not under the text
    if placeholder_in_tail(ctx, _DATE_CUE):
        return  # 【填写成文日期】 left unfilled: one finding, by placeholder
    anchor = ctx.meta.signature or (ctx.body[-1] if ctx.body else None)
    year = ctx.trusted_year + 1 if ctx.trusted_year else "20XX"
    yield RULE.finding(
        anchor,
        message="报告末尾没有成文日期",
        evidence=tail_evidence(anchor),
        suggestion=f"在署名下一行写成文日期，用阿拉伯数字，如“{year}年2月20日”",
    )
