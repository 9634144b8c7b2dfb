"""nonstandard-char: 繁体字/异体字 in simplified text (會議 → 会议, 綫 → 线).
Data: fazhi/data/traditional_chars.tsv (OpenCC's traditional → simplified
characters, less every character that is also a standard simplified one).
Quotations, 《》 titles, place names, names and allowed words are left as
written; a paragraph that is mostly traditional (a quoted old text) gets one
hint instead of a finding per character."""

from __future__ import annotations

import re
from functools import lru_cache

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.references._text import Spans
from fazhi.checker.rules.spelling._data import proper_noun_spans, protected
from fazhi.schema.datafiles import builtin, read_tsv

HAN = re.compile(r"[\u4e00-\u9fff]")
MOSTLY_TRADITIONAL = 0.35  # share of a paragraph's Han characters

RULE = Rule(
    slug="nonstandard-char",
    name="繁体或异体字",
    summary="简体文本中夹有繁体字或异体字",
    severity="warning",
    points=1,
    max_points=3,
    basis="《中华人民共和国国家通用语言文字法》第九条（国家机关以规范汉字为公务用字）；《通用规范汉字表》（2013）",
    explanation=(
        "国家机关的公文应当使用规范汉字，即《通用规范汉字表》中的简化字和传承字。从网页、旧文件或港台资料中"
        "复制的文字常夹带繁体字、异体字（“會議”“綫”“鎮”），打印出来显眼，也影响检索。"
        "引号内的引文、书名号内的标题、地名、人名和配置档 allow 中的词语不检查；整段都是繁体的（如引用古籍原文）只提示一次。"
    ),
    bad="全鎮召開依法治鎮工作會議，部署年度重點工作。",
    good="全镇召开依法治镇工作会议，部署年度重点工作。古语“法者，治之端也”，语出《荀子·君道》。",
    group="spelling",
    fix="改为对应的规范简化字。",
    fixable=True,
)


@lru_cache(maxsize=1)
def simplified() -> tuple[dict[str, str], re.Pattern]:
    table = {row["traditional"]: row["simplified"] for row in read_tsv(builtin("traditional_chars.tsv"), "traditional_chars")}
    return table, re.compile("[" + "".join(sorted(table)) + "]+")


@RULE.checker
def check(ctx):
    table, runs = simplified()
    for para in ctx.doc.nonempty():
        text = para.text
        found = list(runs.finditer(text))
        if not found:
            continue
        keep = protected(ctx, para, quotes=True)
        names = Spans(len(text), proper_noun_spans(text))
        found = [m for m in found if not keep.contains(m.start(), m.end()) and not names.contains(m.start(), m.end())]
        if not found:
            continue
        han = len(HAN.findall(text))
        count = sum(m.end() - m.start() for m in found)
        if han and count / han >= MOSTLY_TRADITIONAL and count >= 8:
            yield RULE.finding(
                para, found[0].start(), found[0].end(),
                message=f"本段大部分是繁体字（{count}个），若不是引用原文，请转换为简体",
                suggestion="用 WPS/Word 的“繁转简”功能转换本段；引用古籍原文请加引号。",
                severity="info",
            )  # fmt: skip
            continue
        for m in found:
            wrong = m.group()
            right = "".join(table[c] for c in wrong)
            yield RULE.finding(
                para, m.start(), m.end(),
                message=f"繁体字/异体字：“{wrong}”应为“{right}”",
                suggestion=f"把“{wrong}”改为“{right}”。",
                fix=[RULE.edit(para, m.start(), m.end(), right)],
                right=right,
            )  # fmt: skip
