"""date-late: 成文日期 after the deadline (3月31日 of the year after the report year)."""

from datetime import date

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace, text_span

RULE = Rule(
    slug="date-late",
    name="成文日期过晚",
    summary="成文日期晚于次年3月31日",
    severity="error",
    points=3,
    basis="《法治政府建设与责任落实督察工作规定》第二十四条（每年4月1日之前公开年度报告）",
    explanation=(
        "年度报告应在次年第一季度报送，并在4月1日之前通过报刊、网站等公开。"
        "成文日期晚于次年3月31日，说明报告逾期；如确属补报，应在报告中说明。"
    ),
    bad=replace(GOOD_REPORT, "2024年2月22日", "2024年5月8日"),
    good=GOOD_REPORT,
)


@RULE.checker
def check(ctx):
    meta, year = ctx.meta, ctx.year
    if meta.doc_date is None or year is None:
        return
    spec = ctx.profile.meta
    due = date(year + 1, spec.due_month, spec.due_day)
    if meta.doc_date <= due:
        return
    yield RULE.finding(
        meta.date,
        *text_span(meta.date),
        message=f"成文日期{meta.doc_date.year}年{meta.doc_date.month}月{meta.doc_date.day}日晚于报送期限{due.year}年{due.month}月{due.day}日",
        suggestion=f"按期在{due.year}年第一季度报送；确属补报的，在报告中说明原因",
    )
