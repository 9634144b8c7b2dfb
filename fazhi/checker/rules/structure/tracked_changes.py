"""tracked-changes: the draft still holds unaccepted tracked changes (read as accepted)."""

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="tracked-changes",
    name="未接受的修订",
    summary="文档中仍有未接受的修订",
    severity="info",
    points=0,
    basis="常见实务",
    explanation=(
        "检查时按“接受全部修订”后的文字处理。报送前请在 Word 的“审阅”中接受或拒绝全部修订，"
        "否则对方打开时可能看到删改痕迹。"
    ),
    bad="（含未接受修订的 .docx 文档）",
    good="（已接受全部修订的 .docx 文档）",
    examples_are_text=False,
)


@RULE.checker
def check(ctx):
    for notice in ctx.doc.notices:
        if notice.code == "tracked-changes":
            para = ctx.doc.paragraph(notice.paragraph) if notice.paragraph else None
            yield RULE.finding(
                para,
                message=notice.message or "文档中仍有未接受的修订，已按接受全部修订后的文字检查",
                suggestion="在 Word“审阅”选项卡中接受或拒绝全部修订后再报送",
                evidence="",
            )
            return
