"""Edits on paragraph texts: choosing the edits to apply and applying them.

The findings of fixable rules carry `Edit`s (fazhi/checker/findings.py). Two
rules may propose edits of the same characters (halfwidth-punctuation the "("
of a heading, numbering-style the whole "(一)"): `choose` keeps one edit per
place — the first rule's, in registry order — and `minimal` cuts an edit down
to the characters that really change, so a tracked change shows 制→治 rather
than 法制宣传→法治宣传, and unchanged characters keep their runs."""

from __future__ import annotations

from difflib import SequenceMatcher

from fazhi.checker.findings import Edit


def minimal(edit: Edit, text: str) -> list[Edit]:
    """`edit` as the smallest edits of `text` with the same result."""
    before = text[edit.start : edit.end]
    after = edit.replacement
    if before == after:
        return []
    out = []
    ops = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            out.append(Edit(edit.paragraph, edit.start + i1, edit.start + i2, after[j1:j2]))
    return out


def choose(edits: list[Edit], texts: dict[int, str]) -> list[Edit]:
    """Edits that do not overlap, in document order; of overlapping edits the
    earlier in `edits` wins. Edits outside their paragraph's text are dropped.
    `texts` maps a paragraph index to its text."""
    kept: dict[int, list[Edit]] = {}
    for e in edits:
        text = texts.get(e.paragraph)
        if text is None or not 0 <= e.start <= e.end <= len(text):
            continue
        taken = kept.setdefault(e.paragraph, [])
        if any(_overlap(e, k) for k in taken):
            continue
        taken.append(e)
    return sorted((e for es in kept.values() for e in es), key=lambda e: (e.paragraph, e.start, e.end))


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions: clash only at the same point or inside
        return a.start == b.start or b.start < a.start < b.end or a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` (of this paragraph) applied."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
