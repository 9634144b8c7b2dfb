"""Part substance: is there anything under a part's heading?

A part whose heading is there but whose own text is only guidance (【填写说明…】),
placeholders, the template's suggested sub-headings or a sentence of
boilerplate without a single fact gets the status `empty` (contract §1). It
weighs like `missing` in the score and gets a `part-empty` finding.

"Substance" is decided from facts (numbers, dates, 《titles》, named measures and
organisations, quoted names), not from length: a short "全年调解纠纷12起" is a
part, a long paragraph of slogans is not. The vocabulary is fazhi/data/substance.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from functools import lru_cache

from fazhi.checker.outline import MARKERS, Outline
from fazhi.checker.parts import PartResult
from fazhi.checker.rules import prefilter

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:年度?|[-－—~至到])")
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*月|\d{1,2}\s*日")
_TITLE = re.compile(r"《[^《》]{2,60}》")
_QUOTED = re.compile(r"“[^“”]{2,20}”|\"[^\"]{2,20}\"")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_GAP = re.compile(r"[\s\u3000]+")
_BLANK = re.compile(r"^[\s\u3000，。；、：:,.;…—\-]*$")


@dataclass(frozen=True)
class Vocabulary:
    measures: re.Pattern
    counted: re.Pattern
    any_text: frozenset[str]
    min_sentences: int
    part_facts: dict[str, re.Pattern]
    generic: re.Pattern


@lru_cache(maxsize=8)
def _vocabulary(paths: tuple[str, ...]) -> Vocabulary:
    from fazhi.schema.datafiles import entries, read_yaml

    measures: list[str] = []
    any_text: set[str] = set()
    part_facts: dict[str, list[str]] = {}
    generic: list[str] = []
    counted, min_sentences = r"(?!)", 3
    for path in paths:
        data = read_yaml(path, "substance") or {}
        measures += [str(m) for m in entries(data, path, "measures")]
        any_text.update(str(p) for p in entries(data, path, "any_text"))
        generic += [str(g) for g in entries(data, path, "generic")]
        facts = data.get("part_facts") if isinstance(data, dict) else None
        for pid, patterns in (facts or {}).items():
            part_facts.setdefault(str(pid), []).extend(str(p) for p in entries(patterns, path))
        if isinstance(data, dict) and data.get("counted"):
            counted = str(data["counted"])
        if isinstance(data, dict) and isinstance(data.get("min_sentences"), int):
            min_sentences = data["min_sentences"]
    words = "|".join(re.escape(m) for m in sorted(set(measures), key=lambda m: (-len(m), m))) or "(?!)"
    return Vocabulary(
        re.compile(words),
        re.compile(counted),
        frozenset(any_text),
        min_sentences,
        {pid: re.compile("|".join(f"(?:{p})" for p in pats)) for pid, pats in part_facts.items()},
        re.compile("|".join(f"(?:{g})" for g in generic) or "(?!)"),
    )


def vocabulary(profile) -> Vocabulary:
    from fazhi.schema.datafiles import paths

    return _vocabulary(paths(profile, "substance"))


def _noise(profile) -> list:
    """Patterns of text that is not the author's: the placeholder rule's leftovers
    (each with its prefilter: most paragraphs have no 【 or XX to take out)."""
    from fazhi.checker.rules.language import placeholders

    return [prefilter(p.regex) for p in placeholders(profile).inline]


def _strip_marker(text: str) -> str:
    for kind in MARKERS:
        m = kind.regex.match(text)
        if m:
            return text[m.end() :]
    return text


def own_text(part: PartResult, outline: Outline, profile) -> Iterator[str]:
    """The part's own words, paragraph by paragraph: the part's heading words, the
    template's suggested sub-headings, guidance and placeholders taken out.
    Lazily: a part's first fact usually settles it."""
    noise = _noise(profile)
    suggested = {_GAP.sub("", s) for s in profile.part(part.id).subheadings}
    heading_para = part.heading.paragraph.index if part.heading is not None else None
    anchor = part.anchor.index if part.anchor is not None else None
    for para in part.paragraphs:
        text = para.text.strip()
        if para.index == heading_para or (part.status == "inline" and para.index == anchor):
            heading = outline.heading_at(para.index)
            if heading is None:
                continue
            at = text.find(heading.title)
            text = text[at + len(heading.title) :] if at != -1 else ""  # run-in text: "五、其他需要报告的情况：无。"
        elif outline.heading_at(para.index) is not None and _GAP.sub("", _strip_marker(text)) in suggested:
            continue
        for rx in noise:
            if rx.may_match(text):
                text = rx.pattern.sub("", text)
        if not _BLANK.match(text):
            yield text


def has_fact(text: str, vocab: Vocabulary, part_id: str | None = None) -> bool:
    if prefilter(vocab.generic).may_match(text):
        text = vocab.generic.sub("", text)
    own = vocab.part_facts.get(part_id or "")
    if own is not None and own.search(text):
        return True
    if _TITLE.search(text) or _QUOTED.search(text) or _DATE.search(text):
        return True
    if vocab.measures.search(text) or vocab.counted.search(text):
        return True
    numbers = _strip_marker(_YEAR.sub("", text))
    return bool(_NUMBER.search(numbers))


def has_substance(part: PartResult, outline: Outline, profile) -> bool:
    vocab = vocabulary(profile)
    own = own_text(part, outline, profile)
    first = next(own, None)
    if first is None:
        return False
    if part.id in vocab.any_text:
        return True
    texts = [first]
    if has_fact(first, vocab, part.id):
        return True
    for t in own:
        texts.append(t)
        if has_fact(t, vocab, part.id):
            return True
    sentences = sum(len([s for s in _SENTENCE_END.split(t) if len(s.strip()) >= 6]) for t in texts)
    return sentences >= vocab.min_sentences


def mark_empty(parts: dict[str, PartResult], outline: Outline, profile) -> None:
    """Set `empty` on parts introduced by a heading (or a sub-heading) with
    nothing of substance under it. Parts found from cue phrases are content by
    definition and keep their status."""
    for part in parts.values():
        if part.status == "missing" or part.anchor is None:
            continue
        if part.status == "inline" and outline.heading_at(part.anchor.index) is None:
            continue
        if not has_substance(part, outline, profile):
            part.status = "empty"
