"""font-title: the title is not in 2号小标宋 (GB/T 9704-2012 7.3.1)."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.layout._layout import Role, book_for, judge, look

RULE = Rule(
    slug="font-title",
    name="主标题字体",
    summary="标题不是2号小标宋（方正小标宋简体 22磅）",
    severity="warning",
    points=2,
    max_points=2,
    basis="GB/T 9704-2012 7.3.1（标题一般用2号小标宋体字）",
    examples_are_text=False,
    explanation=(
        "公文标题一般用2号小标宋体字（方正小标宋简体，22磅），居中排布。没有该字体的电脑常用华文中宋代替，"
        "这里视为符合。标准用“一般”表述，所以只作警告。"
    ),
    bad="标题使用黑体小二（18磅）",
    good="标题使用方正小标宋简体二号（22磅），居中",
    fix="选中标题，中文字体设为方正小标宋简体（没有时用华文中宋），字号二号，居中。",
)


@RULE.checker
def check(ctx):
    title = ctx.meta.title
    if title is None:
        return
    book = book_for(ctx)
    role = Role("标题", ctx.profile.layout.title)
    verdict = judge(role, [(title, look(title))], book, ctx.profile.layout.size_tolerance_pt)
    if verdict.wrong:
        _, found = verdict.wrong[0]
        have = " ".join(filter(None, [found.font, book.size_label(found.size) if found.size else None]))
        yield RULE.finding(title, message=f"标题字体字号为{have}，应为{role.wanted(book)}")
