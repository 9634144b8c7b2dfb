"""Shared bits of the structure rules: a complete example report to vary, span and evidence helpers."""

import re

GOOD_REPORT = """岘山镇2023年度法治政府建设情况报告
衡阳县委依法治县办：
现将我镇2023年度法治政府建设情况报告如下：
一、2023年度推进法治政府建设的主要举措和成效
（一）加强组织领导
1.召开专题会议研究法治建设4次。
2.开展集中学法6次。
（二）严格规范执法
全年办理行政执法案件12件。
二、2023年度推进法治政府建设存在的不足和原因
普法形式单一，究其原因是专业人员不足。
三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况
镇党委书记主持召开专题会议2次，带头述法。
四、2024年度推进法治政府建设的主要安排
2024年6月前完成行政规范性文件清理。
五、其他需要报告的情况
无。
衡阳县岘山镇人民政府
2024年2月22日
"""


def placeholder_in_tail(ctx, cue: "re.Pattern[str]", tail: int = 4) -> bool:
    """True when one of the last paragraphs is an unfilled template blank naming
    what `cue` matches (【填写成文日期…】, ○○○○年○○月○○日): the placeholder rule reports
    that blank, so a missing-element rule would report the same gap twice."""
    return any(cue.search(p.text) and has_placeholder(ctx, p.text) for p in list(ctx.nonempty)[-tail:])


def has_placeholder(ctx, text: str) -> bool:
    """True when the placeholder rule (enabled) reports a blank in `text`."""
    if not ctx.setting("placeholder").enabled:
        return False
    from fazhi.checker.rules._prefilter import prefilter
    from fazhi.checker.rules.language._data import placeholders

    return any(prefilter(p.regex).may_match(text) and p.regex.search(text) for p in placeholders(ctx.profile).inline)


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def heading_span(h) -> tuple[int, int]:
    """Offsets of a heading's marker and words in its paragraph (run-in body text excluded)."""
    text = h.paragraph.text
    start = text.find(h.marker) if h.marker else len(text) - len(text.lstrip())
    return start, min(len(text), start + len(h.marker) + len(h.title))


def text_span(para) -> tuple[int, int]:
    """Offsets of a paragraph's text without surrounding whitespace."""
    text = para.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


def tail_evidence(para) -> str:
    """The end of the last paragraph, where a missing closing line belongs."""
    if para is None:
        return ""
    text = para.text.strip()
    cut = max(text.rfind("。", 0, len(text) - 1), text.rfind("；", 0, len(text) - 1))
    return text[cut + 1 :] if cut != -1 and len(text) - cut < 60 else text[-30:]
