"""halfwidth-punctuation: half-width , : ; ( ) ? ! in Chinese text (GB/T 15834-2011).

A mark counts when a Chinese character or full-width mark stands next to it
(spaces skipped). Not counted: marks inside numbers (1,000 / 10:30), URLs,
e-mail addresses, runs of English words, article items like 第二条(一) … —
and paragraphs that are English. One finding per paragraph with the count,
located at the first mark; when most paragraphs have them, the document was
typed that way and there is one finding for the whole document."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from fazhi.checker.rules._prefilter import Prefilter
from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.language._data import punctuation, text_paragraphs

RULE = Rule(
    slug="halfwidth-punctuation",
    name="半角标点",
    summary="中文文本中使用了半角标点（, : ; ( ) ? !）",
    severity="warning",
    points=1,
    max_points=3,
    basis="GB/T 15834-2011《标点符号用法》",
    explanation=(
        "中文文本应使用全角标点：逗号“，”、冒号“：”、分号“；”、括号“（）”、问号“？”、叹号“！”。"
        "半角标点在公文中显得局促，也常常说明文字是从别处复制拼接的。"
        "数字（1,000、10:30）、网址、电子邮箱和英文中的半角符号不报告。"
    ),
    bad="(一)强化法治政府第一责任人责任。现将我镇法治政府情况报告如下:",
    good="（一）强化法治政府第一责任人责任。会议于10:30召开，投入资金1,000万元，详见 https://www.example.gov.cn/a,b 。",
    fix="改为全角标点。",
    fixable=True,
)

PERVASIVE_MIN_PARAS = 8  # and at least half the paragraphs of 20+ characters
PERVASIVE_MIN_CHARS = 20
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u2018-\u201d\u2026\u2014]")
_NOT_CJK = re.compile(r"[^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u2018-\u201d\u2026\u2014]+")  # complement of _CJK
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
_PARENS = re.compile(r"[()]")
# Alternatives of one pattern, in order; `_protected` leaves out those that
# cannot match the paragraph (no "@", no "://" …): the rest match the same.
_PROTECTED = (
    r"(?:https?|ftp)://[^\s，。；、）》“”\u4e00-\u9fff]+",  # URL
    r"www\.[^\s，。；、）》“”\u4e00-\u9fff]+",
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail
    r"(?<=\d)[,:.](?=\d)",  # 1,000  10:30  3.5
    r"(?<![A-Za-z0-9'’\-])[A-Za-z][A-Za-z0-9'’\-]*(?:[ ]{0,3}[,:;!?]+[ ]{0,3}[A-Za-z][A-Za-z0-9'’\-]*)+",  # English words
    r"(?<=[条款项])\([一二三四五六七八九十\d]{1,3}\)",  # 第二条(一)
    r"\]\([^()\s]*\)",  # Markdown link target [text](url)
)


def _is_english(text: str) -> bool:
    latin = len(_NOT_LATIN.sub("", text))  # counting by deleting the rest: no list of matches
    if not latin:
        return False
    cjk = len(_NOT_CJK.sub("", text))
    return cjk < 0.2 * (cjk + latin)


def _neighbour(text: str, i: int, step: int) -> str:
    """The next character that is not a space (at most three spaces skipped)."""
    j = i + step
    for _ in range(3):
        if not (0 <= j < len(text) and text[j] == " "):
            break
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _protected(text: str) -> bytearray:
    mask = bytearray(len(text))
    used = tuple(i for i, f in enumerate(_protected_filters()) if f.may_match(text))
    if used:
        for m in _protected_re(used).finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


@lru_cache(maxsize=1)
def _protected_filters() -> tuple[Prefilter, ...]:
    return tuple(Prefilter(re.compile(p)) for p in _PROTECTED)


@lru_cache(maxsize=128)
def _protected_re(used: tuple[int, ...]) -> re.Pattern:
    return re.compile("|".join(_PROTECTED[i] for i in used))


@lru_cache(maxsize=16)
def _mark_class(chars: str) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def mark_class(marks: dict[str, str]) -> re.Pattern | None:
    """One class of the marks: most paragraphs have none, found with one scan."""
    chars = "".join(sorted(c for c in marks if len(c) == 1))  # a longer key never matched a character
    return _mark_class(chars) if chars else None


def halfwidth_marks(text: str, marks: dict[str, str], at_marks: re.Pattern | None = None) -> list[int]:
    """Offsets of half-width marks in Chinese context. `at_marks` is
    `mark_class(marks)`, passed in by a caller that checks many paragraphs."""
    at_marks = at_marks or mark_class(marks)
    if at_marks is None or at_marks.search(text) is None or _is_english(text):
        return []
    protected = _protected(text)
    found = set()
    for m in at_marks.finditer(text):
        i = m.start()
        if protected[i]:
            continue
        if _CJK.match(_neighbour(text, i, -1)) or _CJK.match(_neighbour(text, i, 1)):
            found.add(i)
    return sorted(found | _partners(text, found, protected))


def _partners(text: str, flagged: set[int], protected: bytearray) -> set[int]:
    """The other half of a half-width pair one of whose halves is flagged:
    in 使用Word(docx)格式 the "(" stands between Latin letters but belongs to ")"."""
    partners: set[int] = set()
    stack: list[int] = []
    if not flagged:
        return partners
    for m in _PARENS.finditer(text):
        i, c = m.start(), m.group()
        if protected[i]:
            continue
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            j = stack.pop()
            if i in flagged or j in flagged:
                partners.update((i, j))
    return partners


def _summary(text: str, offsets: list[int]) -> str:
    counts = Counter(text[i] for i in offsets)
    return "、".join(f"“{c}”{n}处" for c, n in counts.items())


@RULE.checker
def check(ctx):
    marks = punctuation(ctx.profile).halfwidth
    paragraphs = text_paragraphs(ctx)
    at_marks = mark_class(marks)
    # Only paragraphs with a mark can have a finding: found with one scan of the text.
    marked = ctx.paragraphs_hit(m.start() for m in at_marks.finditer(ctx.full_text)) if at_marks else set()
    hits = [(p, offs) for p in paragraphs if p.index in marked and (offs := halfwidth_marks(p.text, marks, at_marks))]
    if _pervasive(len(hits), paragraphs):
        yield _document_finding(hits, marks)
        return
    for para, offsets in hits:
        yield _paragraph_finding(para, offsets, marks)


def _pervasive(affected: int, paragraphs) -> bool:
    """Half-width marks in most paragraphs: the document was typed that way, one problem."""
    long_ones = sum(1 for p in paragraphs if len(p.text) >= PERVASIVE_MIN_CHARS)
    return affected >= PERVASIVE_MIN_PARAS and affected * 2 >= long_ones


def _fixes(chars, marks: dict[str, str]) -> str:
    return "，".join(f"“{c}”改为“{marks[c]}”" for c in dict.fromkeys(chars)) + "。"


def _edits(para, offsets: list[int], marks: dict[str, str]) -> list:
    return [RULE.edit(para, i, i + 1, marks[para.text[i]]) for i in offsets if para.text[i] in marks]


def _paragraph_finding(para, offsets: list[int], marks: dict[str, str]):
    first = offsets[0]
    return RULE.finding(
        para,
        first,
        first + 1,
        message=f"中文文本中有{len(offsets)}处半角标点（{_summary(para.text, offsets)}），应使用全角标点",
        suggestion=_fixes((para.text[i] for i in offsets), marks),
        evidence=para.text[max(0, first - 10) : first + 12],
        offsets=offsets,
        fix=_edits(para, offsets, marks),
    )


def _document_finding(hits, marks: dict[str, str]):
    para, offsets = hits[0]
    first = offsets[0]
    counts = Counter(p.text[i] for p, offs in hits for i in offs)
    total = sum(counts.values())
    detail = "、".join(f"“{c}”{n}处" for c, n in counts.items())
    return RULE.finding(
        para,
        first,
        first + 1,
        message=f"全文普遍使用半角标点：{len(hits)}段共{total}处（{detail}），中文文本应使用全角标点",
        suggestion=_fixes(counts, marks) + "可在 Word 中用“查找和替换”统一替换。",
        evidence=para.text[max(0, first - 10) : first + 12],
        points=RULE.max_points,
        paragraphs=[p.index for p, _ in hits],
        fix=[e for p, offs in hits for e in _edits(p, offs, marks)],
    )
