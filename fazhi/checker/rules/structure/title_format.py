"""title-format: the title lacks the entity, the year or the report form."""

import re

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.structure._common import GOOD_REPORT, has_placeholder, replace

RULE = Rule(
    slug="title-format",
    name="标题要素不全",
    summary="标题缺少主体、年度或“报告”文种",
    severity="error",
    points=4,
    basis="《党政机关公文处理工作条例》第九条（标题由发文机关名称、事由和文种组成）",
    explanation=(
        "年度报告的标题应写明报告主体（某镇/乡/街道或其党委、政府）、年度和事由，文种为“报告”，"
        "如“岘山镇2023年度法治政府建设情况报告”。写成“汇报材料”“工作总结”，或者不写年度、不写主体，"
        "审核人无法判断这是哪一年、哪个单位的法定年度报告。"
    ),
    bad=replace(GOOD_REPORT, "岘山镇2023年度法治政府建设情况报告", "法治政府建设工作总结"),
    good=GOOD_REPORT,
)

_YEAR = re.compile(r"(19|20)\d{2}\s*年")
_REPORT = re.compile(r"报告$")


@RULE.checker
def check(ctx):
    title = ctx.meta.title
    entity = ctx.trusted_entity or ctx.profile.meta.entity_placeholder
    year = ctx.trusted_year or "20XX"
    if title is None:
        if ctx.meta.given_title:
            return  # a published page's title given with --title or read from the file name
        first = ctx.nonempty[0] if ctx.nonempty else None
        published = "；检查网站上发布的文本时，可用 --title 给出标题，或把标题用作文件名" if ctx.profile.meta.published else ""
        yield RULE.finding(
            first,
            message="未找到报告标题",
            suggestion=f"在正文前加标题，如“{entity}{year}年度法治政府建设情况报告”{published}",
        )
        return
    text = title.text.strip()
    full = ctx.meta.full_title  # 发文机关 lines above the title belong to it
    lacks = []
    named = re.search(ctx.profile.meta.entity_pattern, full) or re.search(r"(人民政府|党委|党工委|办事处)", full)
    if not named and not has_placeholder(ctx, full):  # 【填写单位名称】: reported by placeholder
        lacks.append(f"报告主体（{ctx.profile.meta.entity_label}）")
    if not _YEAR.search(full):
        lacks.append("年度")
    if not _REPORT.search(full):
        lacks.append("文种“报告”")
    if not lacks:
        return
    yield RULE.finding(
        title,
        title.text.find(text),
        title.text.find(text) + len(text),
        message=f"标题缺少{'、'.join(lacks)}",
        suggestion=f"改为“{entity}{year}年度法治政府建设情况报告”",
    )
