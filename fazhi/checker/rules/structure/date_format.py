"""date-format: 成文日期 not written like 2024年2月22日."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace, text_span

RULE = Rule(
    slug="date-format",
    name="成文日期格式",
    summary="成文日期写法不规范",
    severity="error",
    points=2,
    basis="GB/T 9704-2012 7.3.5.1（成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位）",
    explanation=(
        "成文日期用阿拉伯数字写全年、月、日，月、日不加“0”：“2024年2月22日”。"
        "“20240222”“2024.2.22”“2024-02-22”“2024年02月22日”和汉字“二〇二四年二月二十二日”都不符合现行标准。"
    ),
    bad=replace(GOOD_REPORT, "2024年2月22日", "2024.02.22"),
    good=GOOD_REPORT,
    fixable=True,
)


@RULE.checker
def check(ctx):
    meta = ctx.meta
    if meta.date is None or meta.date_well_formed:
        return
    d = meta.doc_date
    right = f"{d.year}年{d.month}月{d.day}日" if d else "2024年2月22日"
    start = meta.date.text.rfind(meta.date_text) if d and meta.date_text else -1
    yield RULE.finding(
        meta.date,
        *text_span(meta.date),
        message=f"成文日期写成“{meta.date_text}”，不符合规范",
        suggestion=f"改为“{right}”",
        fix=[RULE.edit(meta.date, start, start + len(meta.date_text), right)] if start >= 0 else None,
    )
