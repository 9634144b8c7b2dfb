"""Text helpers shared by the comparisons across reports: normalised paragraph
text, character shingles, sentences, item splitting and the figures a report
states ("开展法治讲座12场")."""

from __future__ import annotations

import re
from dataclasses import dataclass

SHINGLE = 5  # characters per shingle: long enough to be specific in Chinese, short enough to survive edits
MIN_CHARS = 20  # shorter paragraphs (headings, addressee, dates) are not compared

_NOT_TEXT = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def normalise(text: str) -> str:
    """Letters, digits and Chinese characters only: punctuation, spaces and
    half-/full-width differences do not make two paragraphs different."""
    return _NOT_TEXT.sub("", text)


def mask_years(text: str) -> str:
    """ "2023年" and "2024年" read the same: a paragraph with only the year changed is carried over."""
    return _YEAR.sub("#", text)


def comparable(text: str) -> str:
    return normalise(mask_years(text))


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Overlapping k-character pieces of already normalised text."""
    if len(text) < k:
        return {text} if text else set()
    return {text[i : i + k] for i in range(len(text) - k + 1)}


def bigrams(text: str) -> set[str]:
    """Chinese character pairs within runs of Chinese text."""
    out: set[str] = set()
    for run in _CJK.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence ending in 。！？ (the rest counts as one)."""
    out, pos = [], 0
    for piece in _SENTENCE_END.split(text):
        if piece.strip():
            out.append((pos, piece))
        pos += len(piece)
    return out


# ---------------------------------------------------------------- items of a plan

_LEAD_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[①-⑳])\s*")
_INNER_MARKER = re.compile(
    r"(?:(?<=[。；;：:，,\s])|^)(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)|[①-⑳])"
)


def items(text: str) -> list[tuple[int, str]]:
    """The measures of one paragraph of a plan: the pieces after 一是/二是 or
    （一）/1. markers inside it; without markers, its sentences. A short lead
    clause before the first inner marker is the item's title and is left out."""
    lead = _LEAD_MARKER.match(text)
    body_start = lead.end() if lead else 0
    marks = [m for m in _INNER_MARKER.finditer(text, body_start) if m.start() > body_start or not lead]
    marks = [m for m in marks if m.start() >= body_start]
    if len(marks) >= 2 or (marks and marks[0].start() > body_start):
        out = []
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            out.append((m.end(), text[m.end() : end]))
        return out
    return [(body_start + off, s) for off, s in sentences(text[body_start:])]


# ---------------------------------------------------------------- figures

UNITS = "人次|场次|户次|课时|学时|小时|万元|万人|场|次|件|起|个|人|名|期|份|条|项|篇|户|家|元|天|批|宗|套|册|张|块|处|所|支|位|%|％"
_FIGURE = re.compile(rf"(?<![\d.第])(\d+(?:\.\d+)?)\s*((?:余|多)?(?:{UNITS}))(?!\d|月|工作日)")
_CONTEXT_STOP = re.compile(r"[，。；：、（）“”‘’《》〈〉,;:()\s！？!?]|\d(?:余|多)?(?:UNITS)?".replace("UNITS", UNITS))
_CONTEXT_LEAD = re.compile(r"^(?:共计|共|累计|全年|今年|本年度|年内|其中|先后|合计|全镇|全乡|全街道|已|均|又)+")
_TRIVIAL = {("100", "%"), ("100", "％"), ("0", "%"), ("0", "％")}
_CONTEXT_YEAR = re.compile(r"^(?:年度?|月份?|日|号)")  # what is left of "2023年…" after the number
MAX_CONTEXT = 12
_CLASSIFIERS = {"个", "家", "所", "支", "处", "套", "块", "批", "项", "期", "条", "篇", "册", "张"}
_TAIL = re.compile(r"[\u4e00-\u9fff]{0,6}")


@dataclass(frozen=True, slots=True)
class Figure:
    text: str  # "开展法治讲座12场"
    context: str  # "开展法治讲座" (leading 共/累计/全年 … dropped)
    number: str
    unit: str
    paragraph: int
    start: int
    end: int
    tail: str = ""  # the thing counted after a classifier: 3个「工作站」

    def same_as(self, other: "Figure") -> bool:
        """The same figure stated again: same number and unit, and the words
        before it end alike (共开展法治讲座12场 ≈ 开展法治讲座12场)."""
        if (self.number, self.unit.lstrip("余多")) != (other.number, other.unit.lstrip("余多")):
            return False
        if self.tail and other.tail and not (self.tail.startswith(other.tail) or other.tail.startswith(self.tail)):
            return False
        a, b = self.context, other.context
        if not a or not b:
            return False
        common = 0
        while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
            common += 1
        return common >= min(4, len(a), len(b)) or a in b or b in a


def figures(paragraph: int, text: str) -> list[Figure]:
    """The counted things a paragraph states: a number with its unit and the
    words before it back to the last punctuation mark (at most 12 characters).
    Years (2023年), ordinals (第3次), dates and 100% are not figures."""
    out = []
    for m in _FIGURE.finditer(text):
        number, unit = m.group(1), m.group(2)
        if (number, unit) in _TRIVIAL:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        stops = list(_CONTEXT_STOP.finditer(before))
        context = before[stops[-1].end() :] if stops else before
        context = context[-MAX_CONTEXT:]
        context = _CONTEXT_YEAR.sub("", context)
        start = m.start() - len(context)
        core = _CONTEXT_LEAD.sub("", context)
        if len("".join(_CJK.findall(core))) < 2:
            continue
        tail_match = _TAIL.match(text, m.end()) if unit.lstrip("余多") in _CLASSIFIERS else None
        tail = tail_match.group(0) if tail_match else ""
        end = m.end() + len(tail)
        out.append(
            Figure(
                text=context + text[m.start() : end],
                context=core,
                number=number,
                unit=unit,
                paragraph=paragraph,
                start=start,
                end=end,
                tail=tail,
            )
        )
    return out
