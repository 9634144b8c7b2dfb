"""unbalanced-brackets: unmatched 《》（）“”【】 … within a paragraph, and mixed
pairs such as （…) whose halves differ in width.

Pairs are data (fazhi/data/punctuation.yaml). A closing bracket that ends a
list marker (1) a) ①) is no bracket. An apostrophe between Latin letters is no
quote. One finding per paragraph, at the first problem."""

from __future__ import annotations

import re
from functools import lru_cache

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.language._data import punctuation, text_paragraphs

RULE = Rule(
    slug="unbalanced-brackets",
    name="括号不配对",
    summary="书名号、括号、引号不配对",
    severity="warning",
    points=1,
    max_points=3,
    basis="GB/T 15834-2011《标点符号用法》（标号成对使用）",
    explanation=(
        "书名号《》、括号（）、引号“”、方头括号【】必须成对出现。少了一半（如“纲要2021-2025)》”缺左括号），"
        "或者左右两半一个全角一个半角（如“（2021-2025年)”），通常是复制粘贴或修改时留下的错误，"
        "会让读者看不清引用的范围。"
    ),
    bad="按照《法治政府建设实施纲要2021-2025)》的要求，开展“法律进乡村活动。",
    good="按照《法治政府建设实施纲要（2021－2025年）》的要求，开展“法律进乡村”活动：1）入户宣传；2）集中宣讲。",
    fix="补齐缺少的一半，或删除多余的一半；左右两半用同一种（全角）符号。",
)

# A closing bracket right after a list number is a marker, not half of a pair.
_MARKER_CLOSE = re.compile(r"(?:^|(?<=[。；;：:，,、\s]))(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])[)）]|[①-⑳][)）]")
_HALF = {"(", ")"}
_MARKER_ENDS = frozenset(")）")
_ROUND_CLOSE = re.compile("[)）]")  # the characters of _MARKER_ENDS
_MARKER_LONGEST = 4  # 三十二) : three numerals and the bracket


def _ends_marker(text: str, i: int) -> bool:
    """Whether the bracket at `i` ends a list marker: a _MARKER_CLOSE match
    ending there. Tried only at the few starts it can have, instead of scanning
    the paragraph (a match inside another cannot start: its left side would be
    a numeral, not the start, a mark or a space)."""
    if not _may_end_marker(text, i):
        return False
    for start in range(max(0, i + 1 - _MARKER_LONGEST), i + 1):
        m = _MARKER_CLOSE.match(text, start)
        if m is not None and m.end() == i + 1:
            return True
    return False


_CIRCLED = range(ord("①"), ord("⑳") + 1)
_BEFORE_MARKER = frozenset("。；;：:，,、")  # the lookbehind of _MARKER_CLOSE, with \s
_NUMERALS = frozenset("一二三四五六七八九十")


def _may_end_marker(text: str, i: int) -> bool:
    """What a _MARKER_CLOSE match ending at `i` needs: a circled number just
    before it, or a start of the numeral at the paragraph's start or after a
    mark or space."""
    if i and ord(text[i - 1]) in _CIRCLED:
        return True
    for start in range(max(0, i + 1 - _MARKER_LONGEST), i):
        first = text[start]
        if not (first.isdecimal() or first in _NUMERALS or ("A" <= first <= "Z") or ("a" <= first <= "z")):
            continue  # \d, 一…十 or a Latin letter starts the numeral
        if start == 0 or text[start - 1] in _BEFORE_MARKER or text[start - 1].isspace():
            return True
    return False


@lru_cache(maxsize=16)
def _marks(chars: str) -> re.Pattern:
    """One class of every bracket and quote, so a paragraph is walked from
    bracket to bracket instead of character by character."""
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def bracket_marks(opening: dict[str, str], closing: dict[str, str]) -> re.Pattern:
    return _marks("".join(sorted(set(opening) | set(closing) | {"‘", "’"})))


def bracket_problems(
    text: str, opening: dict[str, str], closing: dict[str, str], marks: re.Pattern | None = None, brackets: str | None = None
) -> list[tuple[int, str]]:
    """(offset, description) of each unmatched or mixed bracket, in text order.
    `marks` is `bracket_marks(opening, closing)`, passed in by a caller that
    checks many paragraphs; `brackets`, the text's marks in order if known."""
    marks = marks or bracket_marks(opening, closing)
    if _well_nested(text, marks, opening, closing, brackets):
        return []
    problems: list[tuple[int, str]] = []
    stack: list[tuple[int, str]] = []  # (offset, char) of open brackets
    open_count: dict[str, int] = {}  # pair → how many of its openers are on the stack
    for m in marks.finditer(text):
        i, c = m.start(), m.group()
        if c in ("‘", "’") and _between_latin(text, i):
            continue
        if c in opening:
            stack.append((i, c))
            open_count[opening[c]] = open_count.get(opening[c], 0) + 1
        elif c in closing and not (c in _MARKER_ENDS and _ends_marker(text, i)):
            _close(i, c, stack, open_count, closing, opening, problems)
    problems += [(i, f"“{c}”缺少对应的右半边") for i, c in stack]
    return sorted(problems)


def _well_nested(text: str, marks: re.Pattern, opening: dict[str, str], closing: dict[str, str], brackets: str | None = None) -> bool:
    """True when the walk below would find nothing: the brackets alone reduce to
    nothing by taking out adjacent pairs that close without a problem (same
    pair, both full- or both half-width), and no quote or list marker needs
    the walk's judgement. Most paragraphs are like that; one pass in C each."""
    if brackets is None:
        brackets = "".join(marks.findall(text))
    if not brackets:
        return True
    pairs = _clean_pairs(tuple(opening.items()), tuple(closing.items()))
    if pairs is None or "‘" in brackets or "’" in brackets:
        return False
    closes_round = ")" in brackets or "）" in brackets
    taken = 1
    while brackets and taken:
        brackets, taken = pairs.subn("", brackets)
    if brackets:
        return False
    return not (closes_round and any(_ends_marker(text, m.start()) for m in _ROUND_CLOSE.finditer(text)))


@lru_cache(maxsize=16)
def _clean_pairs(opening: tuple[tuple[str, str], ...], closing: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    """Any opener + closer that `_close` pops without a problem; None when a
    character both opens and closes (the walk decides those)."""
    if {o for o, _ in opening} & {c for c, _ in closing}:
        return None
    pairs = [o + c for o, po in opening for c, pc in closing if po == pc and (o in _HALF) == (c in _HALF)]
    return re.compile("|".join(re.escape(p) for p in pairs)) if pairs else None


def _close(i, c, stack, open_count, closing, opening, problems) -> None:
    pair = closing[c]
    if not open_count.get(pair):
        problems.append((i, f"“{c}”缺少对应的左半边"))
        return
    # Openers above the matching one were never closed (each is popped once: linear overall).
    while opening[stack[-1][1]] != pair:
        j, o = stack.pop()
        open_count[opening[o]] -= 1
        problems.append((j, f"“{o}”缺少对应的右半边"))
    j, o = stack.pop()
    open_count[pair] -= 1
    if (o in _HALF) != (c in _HALF):
        problems.append((j, f"“{o}”与“{c}”全角半角混用"))


def _brackets_by_paragraph(ctx, marks: re.Pattern) -> dict[int, str]:
    """Each paragraph's marks in order, from one pass over the whole text (what
    is not a mark or a line break taken out); empty when a paragraph holds a
    line break itself."""
    strings = _others(marks.pattern).sub("", ctx.full_text).split("\n")
    paragraphs = ctx.doc.paragraphs
    if len(strings) != len(paragraphs):
        return {}
    return {p.index: s for p, s in zip(paragraphs, strings)}


@lru_cache(maxsize=16)
def _others(class_pattern: str) -> re.Pattern:
    """Runs of characters outside the class `[…]` and other than a line break."""
    assert class_pattern.startswith("[") and class_pattern.endswith("]")
    return re.compile("[^\n" + class_pattern[1:-1] + "]+")


def _between_latin(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha()


@RULE.checker
def check(ctx):
    table = punctuation(ctx.profile)
    marks = bracket_marks(table.opening, table.closing)
    of = _brackets_by_paragraph(ctx, marks)
    for para in text_paragraphs(ctx):
        problems = bracket_problems(para.text, table.opening, table.closing, marks, of.get(para.index))
        if not problems:
            continue
        first = problems[0][0]
        yield RULE.finding(
            para,
            first,
            first + 1,
            message="；".join(d for _, d in problems[:4]) + ("等" if len(problems) > 4 else ""),
            suggestion=RULE.fix,
            evidence=para.text[max(0, first - 12) : first + 8],
            offsets=[i for i, _ in problems],
        )
