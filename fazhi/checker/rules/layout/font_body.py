"""font-body: the body text is not in 3号仿宋 (GB/T 9704-2012 5.2.2, 7.3.3)."""

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.layout._layout import TOLERATED_SHARE, Role, body_samples, book_for, judge, tolerated_share

RULE = Rule(
    slug="font-body",
    name="正文字体",
    summary="正文不是3号仿宋（仿宋_GB2312 16磅）",
    severity="warning",
    options={"tolerated_share": Option(float, "字体字号不符的段落占比低于此值时不报告（0–1）", TOLERATED_SHARE)},
    points=3,
    max_points=3,
    basis="GB/T 9704-2012 5.2.2、7.3.3（正文一般用3号仿宋体字）",
    examples_are_text=False,
    explanation=(
        "公文正文一般用3号仿宋体字（仿宋_GB2312 或仿宋，16磅）。用宋体小四、五号等排出的报告与上报材料的统一格式不符，"
        "每页字数也与“每面22行、每行28字”相差很大。标准用“一般”表述，字体常因电脑上缺字体而被替换，所以只作警告。"
        "整份报告只报告一次，指向第一个不符合的段落并给出段数；表格内的文字和少数（不足两成）段落不计。"
    ),
    bad="正文使用宋体小四（12磅）",
    good="正文使用仿宋_GB2312三号（16磅）",
    fix="在“开始—样式”中修改“正文”样式：中文字体设为仿宋_GB2312（没有时用仿宋），字号三号；再全选正文清除直接设置的字体格式。",
)


@RULE.checker
def check(ctx):
    book = book_for(ctx)
    role = Role("正文", ctx.profile.layout.body)
    verdict = judge(role, body_samples(ctx), book, ctx.profile.layout.size_tolerance_pt)
    if not verdict.significant(tolerated_share(ctx, RULE.slug)):
        return
    share = round(100 * len(verdict.wrong) / verdict.checked)
    yield RULE.finding(
        verdict.first,
        message=f"正文字体字号为{verdict.found(book)}，占正文的 {share}%，应为{role.wanted(book)}",
        count=len(verdict.wrong),
    )
