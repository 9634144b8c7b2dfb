"""page-margins: margins other than 天头37 订口28 mm and a 156 × 225 mm 版心 (GB/T 9704-2012 5.2.1)."""

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="page-margins",
    name="页边距",
    summary="页边距不符合天头37毫米、订口28毫米、版心156×225毫米",
    severity="warning",
    points=2,
    max_points=2,
    basis="GB/T 9704-2012 5.2.1（天头37 mm±1 mm，订口28 mm±1 mm，版心156 mm×225 mm）",
    examples_are_text=False,
    explanation=(
        "A4公文的天头（上白边）为37±1毫米、订口（左白边）为28±1毫米，版心156×225毫米，"
        "即下边距35毫米、右边距26毫米。Word 默认的上下2.54厘米、左右3.17厘米或2厘米的页边距都不符合。"
        "页边距影响每页行数和装订，但不影响报告内容，所以作为警告。整份报告只报告一次。"
    ),
    bad="页边距上下左右均为20毫米",
    good="页边距上37毫米、下35毫米、左28毫米、右26毫米",
    fix="在“布局—页边距—自定义页边距”中设为上3.7厘米、下3.5厘米、左2.8厘米、右2.6厘米。",
)

SIDES = (("上", "top"), ("下", "bottom"), ("左", "left"), ("右", "right"))


def _margins(page) -> str:
    return " ".join(f"{name}{getattr(page, side + '_mm'):g}" for name, side in SIDES)


@RULE.checker
def check(ctx):
    layout = ctx.profile.layout
    wanted = {side: getattr(layout, f"margin_{side}_mm") for _, side in SIDES}
    # Landscape sections (a wide table) are laid out on their own terms.
    portrait = [s for s in ctx.doc.sections if s.height_mm >= s.width_mm]
    wrong = [s for s in portrait if any(abs(getattr(s, f"{side}_mm") - mm) > layout.margin_tolerance_mm for side, mm in wanted.items())]
    if not wrong:
        return
    page = wrong[0]
    found = _margins(page)
    sections = f"（共 {len(wrong)} 节）" if len(portrait) > 1 else ""
    want = " ".join(f"{name}{wanted[side]:g}" for name, side in SIDES)
    text_w = layout.page_width_mm - wanted["left"] - wanted["right"]
    text_h = layout.page_height_mm - wanted["top"] - wanted["bottom"]
    paras = ctx.nonempty
    yield RULE.finding(
        paras[0] if paras else None,
        message=f"页边距为{found} 毫米{sections}，应为{want} 毫米（允许±{layout.margin_tolerance_mm:g}，版心{text_w:g}×{text_h:g}毫米）",
        evidence=f"页边距 {found} 毫米",
    )
