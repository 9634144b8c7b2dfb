"""part-empty: a part's heading is there with nothing of substance under it (one finding per part)."""

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="part-empty",
    name="部分无实际内容",
    summary="部分只有标题，没有实际内容（只有填写说明、占位符或一句套话）",
    severity="error",
    points=28,  # shown in `fazhi rules`; each finding takes its part's weight from the profile
    basis="《法治政府建设与责任落实督察工作规定》第二十五条",
    explanation=(
        "督察工作规定第二十五条要求年度报告写明五项内容。标题下只有模板的【填写说明】、占位符，"
        "或只有一句没有任何事实（数字、日期、具体措施、文件名称、机构或活动名称）的套话，"
        "等于没有写这一部分，审核时与缺少该部分同样退回，扣分也按缺失计算。"
        "“其他需要报告的情况”写“无”或“本年度无其他需要报告的情况”是实际的回答，不算为空。"
    ),
    bad=(
        "某镇2023年度法治政府建设情况报告\n一、2023年度推进法治政府建设的主要举措和成效\n全年开展普法活动12次，调解纠纷36起。\n"
        "二、2023年度推进法治政府建设存在的不足和原因\n【填写说明：逐条列出本年度的不足，并分析原因。】\n"
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况\n镇党委书记主持召开专题会议2次。\n"
        "四、2024年度推进法治政府建设的主要安排\n2024年3月前修订村规民约。\n五、其他需要报告的情况\n无。\n"
    ),
    good=(
        "某镇2023年度法治政府建设情况报告\n一、2023年度推进法治政府建设的主要举措和成效\n全年开展普法活动12次，调解纠纷36起。\n"
        "二、2023年度推进法治政府建设存在的不足和原因\n普法形式单一，究其原因是司法所仅有2名工作人员。\n"
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况\n镇党委书记主持召开专题会议2次。\n"
        "四、2024年度推进法治政府建设的主要安排\n2024年3月前修订村规民约。\n五、其他需要报告的情况\n无。\n"
    ),
    fix="在标题下写该部分的实际内容（做了什么、数字、时间、文件），删除填写说明。",
)


@RULE.checker
def check(ctx):
    for spec in ctx.profile.parts:
        part = ctx.parts[spec.id]
        if part.status != "empty" or part.anchor is None:
            continue
        yield RULE.finding(
            part.anchor,
            message=f"“{spec.short}”部分只有标题，没有实际内容（只有填写说明、占位符或没有事实的套话），按缺少该部分计",
            suggestion=(
                "在标题下写明实际情况：做了什么、数量、时间、依据的文件或机构名称"
                + ("；没有需要报告的情况时写“无”" if spec.id == "other" else "")
                + "，并删除填写说明"
            ),
            severity=spec.missing_severity,
            points=spec.weight,
            basis=spec.basis,
        )
