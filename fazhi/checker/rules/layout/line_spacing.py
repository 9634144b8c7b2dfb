"""line-spacing: fixed line spacing far from the 28-29 pt that gives 22 lines a page."""

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.layout._layout import TOLERATED_SHARE, body_sample_starts, tolerated_share

RULE = Rule(
    slug="line-spacing",
    name="行距",
    summary="正文行距明显偏离固定值28–29磅（每面22行）",
    severity="warning",
    options={
        "tolerance_pt": Option(float, "与规定行距相差多少磅以内视为符合", 1.0),
        "tolerated_share": Option(float, "不符合的段落占比低于此值时不报告（0–1）", TOLERATED_SHARE),
    },
    points=1,
    max_points=1,
    basis="GB/T 9704-2012 5.2.3（一般每面排22行）；固定值28–29磅为常见实务",
    examples_are_text=False,
    explanation=(
        "标准规定一般每面排22行、撑满225毫米的版心，对应固定行距约28.95磅；常见做法是“固定值28磅”或“29磅”。"
        "只检查设为“固定值”或“最小值”的行距：单倍、多倍行距在 Word 中的实际高度取决于文档网格和字体，无法可靠判断，不报告。"
        "差1磅以内视为符合（可在配置中用 options.tolerance_pt 调整）。"
    ),
    bad="正文行距为固定值20磅",
    good="正文行距为固定值28.95磅（每面22行）",
    fix="全选正文，在“段落—行距”中选“固定值”，设置值28.95磅（或28磅、29磅）。",
)


@RULE.checker
def check(ctx):
    low, high = ctx.profile.layout.line_spacing_pt
    tolerance = float(ctx.option(RULE.slug, "tolerance_pt", 1.0))
    fixed = [p for p, _ in body_sample_starts(ctx) if p.line_spacing_rule in ("exact", "atLeast") and p.line_spacing_pt]
    wrong = [p for p in fixed if p.line_spacing_pt < low - tolerance or (p.line_spacing_rule == "exact" and p.line_spacing_pt > high + tolerance)]
    if not wrong or len(wrong) < tolerated_share(ctx, RULE.slug) * len(fixed):
        return
    values = sorted({p.line_spacing_pt for p in wrong})
    shown = "、".join(f"{v:g}磅" for v in values[:3]) + ("等" if len(values) > 3 else "")
    yield RULE.finding(
        wrong[0],
        message=f"正文行距为{shown}（共 {len(wrong)} 段），应为固定值{low:g}–{high:g}磅（每面22行约28.95磅）",
        count=len(wrong),
    )
