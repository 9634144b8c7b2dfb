"""percent-invalid: a share that cannot exceed 100% given as more (参学率120%),
or a negative one.

Only words naming a share are checked (…率, 占比, 比例, 满意度 — data in
fazhi/data/rates.yaml); growth can exceed 100% (增长150%, 完成率120% for a
target exceeded, 出庭应诉率同比提高120%) and is not checked. One finding per
percentage."""

from __future__ import annotations

from fazhi.checker.rules._prefilter import candidate_paragraphs
from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.language._data import rates, text_paragraphs

RULE = Rule(
    slug="percent-invalid",
    name="比率不合理",
    summary="比率超过100%或为负数",
    severity="warning",
    points=1,
    max_points=3,
    basis="常见实务（参学率、覆盖率、满意度等比率按定义在0%～100%之间）",
    explanation=(
        "参学率、合格率、覆盖率、出庭应诉率、满意度、占比等是“部分占全体”的比例，不可能超过100%，也不会是负数。"
        "写成“参学率120%”多半是笔误或统计口径错了，会让整份报告的数据失去可信度。"
        "增长率、完成率（超额完成）等可以超过100%，不在检查之列。"
    ),
    bad="全镇干部“如法网”学习考试参学率120%，合格率100%。",
    good="全镇干部“如法网”学习考试参学率100％，合格率100%，普法经费同比增长150%。",
    fix="核对统计数据；比率应在0%到100%之间。",
)


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace("－", "-"))


@RULE.checker
def check(ctx):
    table = rates(ctx.profile)
    candidates = candidate_paragraphs(ctx, table.regex)  # the paragraphs with a % sign
    for para in text_paragraphs(ctx):
        if candidates is not None and para.index not in candidates:
            continue
        for m in table.regex.finditer(para.text):
            word, link = m.group("word"), m.group("link")
            if word.endswith(table.unbounded) or any(g in link for g in table.growth_links):
                continue
            value = _number(m.group("num"))
            if 0 <= value <= 100:
                continue
            start = m.start("num")
            problem = "超过了100%" if value > 100 else "是负数"
            quoted = para.text[_name_start(m, table) : m.end()]
            yield RULE.finding(
                para,
                start,
                m.end(),
                message=f"“{quoted}”：比率{problem}，按定义应在0%到100%之间",
                suggestion="核对统计数据和口径（分子不应大于分母）；如表示增长，写明“同比增长…%”。",
                evidence=quoted,
            )


def _name_start(m, table) -> int:
    """Where to start quoting: the rate word and two characters before it (参学率, 干部占比)."""
    word = m.group("word")
    suffix = next(w for w in table.bounded if word.endswith(w))
    return max(m.start("word"), m.end("word") - len(suffix) - 2)
