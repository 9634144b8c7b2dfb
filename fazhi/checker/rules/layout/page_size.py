"""page-size: paper other than A4 210 × 297 mm (GB/T 9704-2012 5.1)."""

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="page-size",
    name="纸张大小",
    summary="纸张不是A4（210×297毫米）",
    severity="warning",
    points=2,
    max_points=2,
    basis="GB/T 9704-2012 5.1（公文用纸采用A4型纸，成品幅面尺寸210 mm×297 mm）",
    examples_are_text=False,
    explanation=(
        "公文用纸为A4（210×297毫米）。英文版 Word 的默认纸张 Letter（216×279毫米）打印到A4纸上会错位、"
        "页边距随之改变。横向的A4页（放宽表格）视为符合。整份报告只报告一次。"
    ),
    bad="纸张大小为 Letter（216×279毫米）",
    good="纸张大小为 A4（210×297毫米）",
    fix="在“布局—纸张大小”中选择 A4。",
)


def _is_size(page, width: float, height: float, tolerance: float) -> bool:
    dims = sorted((page.width_mm, page.height_mm))
    return abs(dims[0] - min(width, height)) <= tolerance and abs(dims[1] - max(width, height)) <= tolerance


@RULE.checker
def check(ctx):
    layout = ctx.profile.layout
    wrong = [s for s in ctx.doc.sections if not _is_size(s, layout.page_width_mm, layout.page_height_mm, layout.margin_tolerance_mm)]
    if not wrong:
        return
    page = wrong[0]
    paras = ctx.nonempty
    found = f"{page.width_mm:g}×{page.height_mm:g}"
    yield RULE.finding(
        paras[0] if paras else None,
        message=f"纸张大小为 {found} 毫米，应为 A4（{layout.page_width_mm:g}×{layout.page_height_mm:g} 毫米）",
        evidence=f"纸张 {found} 毫米",
    )
