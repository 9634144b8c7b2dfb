"""duties-thin: the leader_duties part covers too few of the duties that
《党政主要负责人履行推进法治建设第一责任人职责规定》 lists.

Duty areas and their cue words are data (content.yaml `duties.areas`). A part
with its own heading is judged on its own paragraphs. An inline part has no
section of its own (its paragraphs are only the cue sentences), so the rule
reads those plus every body paragraph that names the leaders (书记, 镇长,
领导班子 …): what a reviewer does when the duties are spread through the report.
A missing part is left to part-missing."""

from __future__ import annotations

from fazhi.checker.rules.base import Option, Rule
from fazhi.checker.rules.content._data import anchor_span, compiled, content_data, content_text, split_areas

RULE = Rule(
    slug="duties-thin",
    name="履职内容单薄",
    summary="第一责任人履职情况只涉及《第一责任人职责规定》中很少几项职责",
    severity="warning",
    options={"min_areas": Option(int, "第一责任人部分至少写到几个方面（默认见 content.yaml duties.min_areas）")},
    points=3,
    max_points=3,
    basis="《党政主要负责人履行推进法治建设第一责任人职责规定》第四条至第六条（乡镇参照执行）",
    explanation=(
        "督察工作规定第二十五条要求报告党政主要负责人履行推进法治建设第一责任人职责的情况。"
        "《党政主要负责人履行推进法治建设第一责任人职责规定》列明了这些职责：重要工作亲自部署、重大问题亲自过问"
        "（“四个亲自”），专题研究法治建设，带头学法，述法，重大决策合法性审查，法律顾问，出庭应诉和执行生效裁判，"
        "把法治建设纳入规划、计划和考核等。只写一两句“高度重视”“切实履行第一责任人职责”，看不出主要负责人具体做了什么。"
    ),
    fix="对照《第一责任人职责规定》逐项写党委书记、镇长本年度的履职情况：召开专题会议几次、带头学法几次、述法、合法性审查、出庭应诉等。",
    bad=(
        "青山镇2023年度法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "全年开展普法宣传活动12场。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "镇党委书记、镇长高度重视法治建设，切实履行第一责任人职责，亲自部署法治政府建设工作。\n"
    ),
    good=(
        "青山镇2023年度法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "全年开展普法宣传活动12场。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "镇党委书记亲自部署法治政府建设，主持召开党委会专题研究法治建设工作4次；"
        "带头开展会前学法10次；在年终述职中专门述法；镇政府重大行政决策均经合法性审查，"
        "法律顾问列席党政联席会议。\n"
    ),
)


def _paragraphs(ctx, part, leader_words: str):
    if part.status == "heading":
        return part.paragraphs
    leaders = compiled(leader_words)
    picked = {p.index: p for p in part.paragraphs}
    picked.update({p.index: p for p in ctx.body if leaders.search(p.text)})
    return [picked[i] for i in sorted(picked)]


def duty_coverage(ctx) -> dict | None:
    """{"covered": [...], "missing": [...]} area names for the leader_duties part,
    or None when the part is missing."""
    part = ctx.parts.get("leader_duties")
    if part is None or part.status in ("missing", "empty"):
        return None
    data = content_data(ctx)["duties"]
    text = "\n".join(content_text(part, p) for p in _paragraphs(ctx, part, data["leader_words"]))
    covered, missing = split_areas(data["areas"], text)
    return {"covered": covered, "missing": missing}


@RULE.checker
def check(ctx):
    coverage = duty_coverage(ctx)
    if coverage is None or ctx.parts["leader_duties"].anchor is None:
        return
    needed = int(ctx.option(RULE.slug, "min_areas", content_data(ctx)["duties"]["min_areas"]))
    covered = coverage["covered"]
    if len(covered) >= needed:
        return
    done = "“" + "”“".join(covered) + "”" if covered else "无"
    missing = coverage["missing"]
    message = (
        f"第一责任人履职情况只写到{len(covered)}项职责：{done}；"
        f"未写“{'”“'.join(missing[:4])}”{'等' if len(missing) > 4 else ''}（至少应写{needed}项）"
    )
    para, start, end = anchor_span(ctx.parts["leader_duties"])
    yield RULE.finding(para, start, end, message=message, covered=covered, missing=coverage["missing"])
