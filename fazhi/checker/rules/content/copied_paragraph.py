"""copied-paragraph: a paragraph shared with another unit's report of the same batch.

One report alone cannot show it: the finding is added when a folder (or several
files) is checked, by `fazhi.season.copying` after every report of the batch is
checked. The check function here finds nothing on its own."""

from __future__ import annotations

from fazhi.checker.rules.base import Rule

RULE = Rule(
    slug="copied-paragraph",
    name="疑似照抄",
    summary="与同一批次中其他单位的报告有整段相同的文字（疑似照抄）",
    severity="warning",
    points=3,
    max_points=9,
    basis="常见实务（年度报告应如实反映本单位的工作）",
    explanation=(
        "一段描述具体工作的文字与另一个乡镇（街道）的报告几乎一字不差，通常是照抄了别人的报告，只改了单位名称；"
        "审核人员把这视为最严重的问题之一。只有同时检查多份报告（一个文件夹或多个文件）时才能发现，"
        "并会指出对方的文件和段落。人人都用的表述（如“以习近平新时代中国特色社会主义思想为指导”、"
        "上级文件的名称和固定提法）不算照抄：在本批次多数报告中出现的文字和内置的常用表述都被排除。"
    ),
    bad=(
        "甲镇报告：全镇依托“法润乡村”夜校，由驻村律师每周三晚上在村部讲解土地承包和赡养纠纷案例，群众带着问题来、带着答案走。\n"
        "乙镇报告：全镇依托“法润乡村”夜校，由驻村律师每周三晚上在村部讲解土地承包和赡养纠纷案例，群众带着问题来、带着答案走。"
    ),
    good=(
        "甲镇报告：以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。\n"
        "乙镇报告：以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。"
    ),
    examples_are_text=False,  # needs two reports: tests/test_season_copying.py runs the examples as a batch
    fix="按本单位的实际工作重写这一段，写清本单位做了什么、做了多少、效果如何。",
)


@RULE.checker
def check(ctx):
    return iter(())
