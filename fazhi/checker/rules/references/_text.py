"""Text helpers shared by the reference rules: quoted titles, sentences,
context windows."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass

# 《…》 with at most one level of 〈…〉 or 《…》 nesting inside.
_TITLE_RE = re.compile(r"《((?:[^《》]|《[^《》]*》){1,80}?)》")
_SENTENCE_END = "。！？；!?;"
# （2021年修订） （2018年修正本） （2021修订版） (2021年)
_REVISION_RE = re.compile(r"[（(]\s*(?:\d{4}\s*年?\s*)?(?:修订|修正)(?:本|版|稿)?\s*[)）]$|[（(]\s*\d{4}\s*年\s*(?:修订|修正)?(?:本|版)?\s*[)）]$")
_DRAFT_RE = re.compile(r"[（(]\s*(草案|征求意见稿|送审稿|修订草案|修正草案)[^)）]*[)）]$")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A 《…》 title in a paragraph: `start`/`end` include the brackets."""

    inner: str
    start: int
    end: int


def quoted_titles(text: str) -> list[Quoted]:
    if "《" not in text:
        return []
    return [Quoted(m.group(1), m.start(), m.end()) for m in _TITLE_RE.finditer(text)]


def titles_of(ctx, para) -> list[Quoted]:
    """`quoted_titles(para.text)`, found once per document for the rules that
    all read them; do not modify the list."""
    found = ctx.memo("references.quoted_titles", dict)
    titles = found.get(para.index)
    if titles is None:
        titles = found[para.index] = quoted_titles(para.text)
    return titles


def norm_brackets(s: str) -> str:
    """Half-width parentheses and 〈〉 variants to one form, spaces removed."""
    return s.replace("(", "（").replace(")", "）").replace("〈", "《").replace("〉", "》").replace(" ", "")


def strip_revision(title: str) -> str:
    """《行政处罚法（2021年修订）》 → 行政处罚法."""
    title = title.strip()
    if not title.endswith((")", "）")):  # every revision note ends with its bracket
        return title
    while True:
        stripped = _REVISION_RE.sub("", title).strip()
        if stripped == title:
            return title
        title = stripped


def is_draft(title: str) -> bool:
    return bool(_DRAFT_RE.search(title.strip()))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` containing [start, end)."""
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def sentence(text: str, start: int, end: int) -> str:
    a, b = sentence_bounds(text, start, end)
    return text[a:b]


def short_law_title(title: str) -> str:
    return title[len("中华人民共和国") :] if title.startswith("中华人民共和国") else title


class Spans:
    """Answers "does one of these spans contain [start, end)?" in O(log n)
    after sorting the n spans, so paragraphs with thousands of hits stay
    near-linear (and a paragraph with two spans costs nothing per character)."""

    def __init__(self, length: int, spans):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(accumulate((e for _, e in ordered), max))  # of the spans up to each

    def contains(self, start: int, end: int) -> bool:
        at = bisect_right(self._starts, start)  # the spans starting at or before `start`
        return at > 0 and self._max_end[at - 1] >= end
