"""part-missing: a required part of the annual report is absent (one finding per part)."""

from functools import lru_cache

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="part-missing",
    name="缺少法定部分",
    summary="缺少法定的报告内容（五项之一）",
    severity="error",
    points=28,  # shown in `fazhi rules`; each finding takes its part's weight from the profile
    basis="《法治政府建设与责任落实督察工作规定》第二十五条",
    explanation=(
        "督察工作规定第二十五条列出年度报告的五项内容：主要举措和成效、存在的不足和原因、"
        "党政主要负责人履行第一责任人职责情况、下一年度主要安排、其他需要报告的情况。"
        "缺少任何一项，报告都不完整，会被退回补充。每缺一项报告一次；"
        "“其他需要报告的情况”没有内容时写“无”即可。扣分按配置档中各部分的权重（township：前四项各28分，"
        "“其他需要报告的情况”8分且为警告），并按 scoring.caps 限制总分。"
    ),
    bad="某镇2023年度法治政府建设情况报告\n一、2023年度推进法治政府建设的主要举措和成效\n全年开展普法活动12次。\n",
    good=(
        "某镇2023年度法治政府建设情况报告\n一、2023年度推进法治政府建设的主要举措和成效\n全年开展普法活动12次。\n"
        "二、2023年度推进法治政府建设存在的不足和原因\n普法形式单一，究其原因是人员不足。\n"
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况\n镇党委书记主持召开专题会议2次。\n"
        "四、2024年度推进法治政府建设的主要安排\n2024年制定普法计划。\n五、其他需要报告的情况\n无。\n"
    ),
)


@RULE.checker
def check(ctx):
    for spec in ctx.profile.parts:
        if not spec.required or ctx.parts[spec.id].status != "missing":
            continue
        yield RULE.finding(
            None,
            message=f"缺少“{spec.short}”部分" + (f"（{spec.name}）" if spec.name != spec.short else ""),
            suggestion=f"增加一级标题“{_heading(spec, ctx)}”，写明该部分内容"
            + ("；没有需要报告的情况时写“无”" if spec.id == "other" else ""),
            evidence=spec.id,
            severity=spec.missing_severity,
            points=spec.weight,
            basis=spec.basis,
        )


@lru_cache(maxsize=64)
def _template(source: str):
    """Compiling a jinja2 template costs ~1 ms; the profile has a handful."""
    from jinja2 import Template

    return Template(source)


def _heading(spec, ctx) -> str:
    year = ctx.trusted_year  # a guessed year is left out of the suggestion
    next_year = year + 1 if year else "20XX"
    return _template(spec.template_heading).render(year=year or "20XX", next_year=next_year, entity=ctx.trusted_entity or "")
