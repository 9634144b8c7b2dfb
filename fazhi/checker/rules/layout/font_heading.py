"""font-heading: 一级标题 not in 黑体, 二级标题 not in 楷体 (GB/T 9704-2012 7.3.3)."""

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.layout._layout import TOLERATED_SHARE, Role, book_for, checked_headings, heading_words, judge, look, tolerated_share

RULE = Rule(
    slug="font-heading",
    name="标题字体",
    summary="一级标题不是3号黑体，或二级标题不是3号楷体",
    severity="warning",
    options={"tolerated_share": Option(float, "字体字号不符的标题占比低于此值时不报告（0–1）", TOLERATED_SHARE)},
    points=2,
    max_points=2,
    basis="GB/T 9704-2012 7.3.3（结构层次序数一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字）",
    examples_are_text=False,
    explanation=(
        "公文正文的结构层次“一、”“（一）”“1.”“（1）”一般第一层用黑体字、第二层用楷体字（楷体_GB2312 或楷体），"
        "第三、四层与正文同用仿宋，字号均为3号。只看标题本身的文字，标题后接排的正文不计。"
        "标准用“一般”表述，所以只作警告；整份报告只报告一次，列出各层不符合的个数。"
    ),
    bad="一级标题“一、…”和二级标题“（一）…”都用仿宋_GB2312三号",
    good="一级标题用黑体三号，二级标题用楷体_GB2312三号",
    fix="修改“标题 1”样式为黑体三号、“标题 2”样式为楷体_GB2312（没有时用楷体）三号，不加粗，并把各级标题套用这两个样式。",
)


@RULE.checker
def check(ctx):
    layout = ctx.profile.layout
    book = book_for(ctx)
    share = tolerated_share(ctx, RULE.slug)
    headings = checked_headings(ctx)
    problems, first = [], None
    for level, role in ((1, Role("一级标题", layout.heading1, "个")), (2, Role("二级标题", layout.heading2, "个"))):
        # depth, not the marker's level: under 第一部分 an "一、" is the second tier.
        samples = [(h.paragraph, look(h.paragraph, *heading_words(h))) for h in headings if h.depth == level]
        verdict = judge(role, samples, book, layout.size_tolerance_pt)
        if verdict.significant(share):
            problems.append(f"{role.name}为{verdict.found(book)}，应为{role.wanted(book)}")
            first = verdict.first if first is None or verdict.first.index < first.index else first
    if problems:
        yield RULE.finding(first, message="；".join(problems))
