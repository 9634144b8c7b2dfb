"""addressee-missing: no 主送机关 line (e.g. 县委依法治县办：) after the title."""

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, replace

RULE = Rule(
    slug="addressee-missing",
    name="缺少主送机关",
    summary="缺少主送机关",
    severity="warning",
    points=3,
    basis="《党政机关公文处理工作条例》第九条（主送机关）；GB/T 9704-2012 7.2.4",
    explanation=(
        "年度报告是上行文，应在标题下一行顶格写主送机关，以全角冒号结尾，"
        "乡镇一般报县（市、区）委和县政府，或县委依法治县办，如“衡阳县委依法治县办：”。"
        "网上公开的版本有时删去主送机关，报送的正式文本不能缺。"
    ),
    bad=replace(GOOD_REPORT, "衡阳县委依法治县办：\n", ""),
    good=GOOD_REPORT,
)


@RULE.checker
def check(ctx):
    if ctx.meta.addressee is not None or ctx.profile.meta.published:
        return  # the text as posted on a website carries no 主送机关
    anchor = ctx.meta.title or (ctx.body[0] if ctx.body else None)
    yield RULE.finding(
        anchor,
        message="标题之后没有主送机关",
        suggestion=f"在标题下一行顶格写主送机关并以全角冒号结尾，如“{ctx.profile.meta.default_addressee}：”",
    )
