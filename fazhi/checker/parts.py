"""Parts: find the five statutory parts in the outline.

A part is `heading` when a top-level heading names it (its own words or a
synonym from the profile), `inline` when its content is there without its own
top-level heading (a sub-heading, a closing "下一步，…" paragraph, cue phrases),
else `missing`. Heading patterns and cues come from the profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass, field
from functools import lru_cache

from fazhi.checker.model import Paragraph
from fazhi.checker.outline import Heading, Outline
from fazhi.schema import PART_IDS

if TYPE_CHECKING:
    from fazhi.schema.models import PartSpec, Profile

_SENTENCE = re.compile(r"[。；;！？]")


@dataclass(slots=True)
class PartResult:
    id: str
    status: str = "missing"  # heading / inline / missing; `empty` set later by fazhi.checker.substance
    heading: Heading | None = None
    anchor: Paragraph | None = None  # where the part starts (heading or first cue)
    paragraphs: list[Paragraph] = field(default_factory=list)  # its content
    label: str = ""  # the profile's short name (`parts[].short`), for every readable output

    def to_dict(self) -> dict:
        d: dict = {"id": self.id, "status": self.status}
        if self.heading is not None:
            d["heading"] = self.heading.paragraph.text.strip()[:80]
        if self.anchor is not None:
            d["location"] = {"paragraph": self.anchor.index}
        return d


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...], year: int | None) -> tuple[re.Pattern, ...]:
    y = str(year) if year else r"\d{4}"
    y1 = str(year + 1) if year else r"\d{4}"
    return tuple(re.compile(p.replace("{Y1}", y1).replace("{Y}", y)) for p in patterns)


@dataclass(slots=True)
class _PartMatcher:
    spec: PartSpec
    heading: tuple[re.Pattern, ...]
    negative: tuple[re.Pattern, ...]
    cues: tuple[re.Pattern, ...]
    exclude: tuple[re.Pattern, ...]

    def strength(self, title: str) -> int | None:
        """Index of the first heading pattern that names this part (lower = stronger), or None."""
        if any(rx.search(title) for rx in self.negative):
            return None
        return next((i for i, rx in enumerate(self.heading) if rx.search(title)), None)

    def names(self, title: str) -> bool:
        return self.strength(title) is not None

    def cued(self, text: str) -> bool:
        """A cue in a sentence that is not about someone else's duty (村书记述法, 安全生产第一责任人)."""
        if not self.exclude:
            return any(rx.search(text) for rx in self.cues)
        for sentence in _SENTENCE.split(text):
            if any(rx.search(sentence) for rx in self.cues) and not any(rx.search(sentence) for rx in self.exclude):
                return True
        return False


def _matchers(profile: Profile, year: int | None) -> dict[str, _PartMatcher]:
    return {
        p.id: _PartMatcher(
            p,
            _compiled(tuple(p.heading_patterns), year),
            _compiled(tuple(p.negative_patterns), year),
            _compiled(tuple(p.inline_cues), year),
            _compiled(tuple(p.inline_exclude), year),
        )
        for p in profile.parts
    }


def report_year(outline: Outline) -> int | None:
    """The year reported on (see fazhi.checker.year)."""
    from fazhi.checker.year import find_year

    return find_year(outline).value


def _blocks(outline: Outline) -> list[tuple[Heading | None, list[Paragraph]]]:
    """The body cut at top-level headings: (heading, paragraphs incl. the heading)."""
    blocks: list[tuple[Heading | None, list[Paragraph]]] = [(None, [])]
    tops = {h.index: h for h in outline.top}
    for p in outline.body:
        if p.index in tops:
            blocks.append((tops[p.index], [p]))
        else:
            blocks[-1][1].append(p)
    return [b for b in blocks if b[0] is not None or b[1]]


def _sub_block(outline: Outline, heading: Heading) -> list[Paragraph]:
    out: list[Paragraph] = []
    inside = False
    for p in outline.body:
        if p.index == heading.index:
            inside = True
        elif inside:
            h = outline.heading_at(p.index)
            if h is not None and h.depth <= heading.depth:
                break
        if inside:
            out.append(p)
    return out


def find_parts(outline: Outline, profile: Profile, year: int | None) -> dict[str, PartResult]:
    matchers = _matchers(profile, year)
    results = {pid: PartResult(pid) for pid in PART_IDS}
    blocks = _blocks(outline)

    # 1. Top-level headings that name a part; the strongest synonym wins, then the first.
    for pid, m in matchers.items():
        named = [(m.strength(h.title), i) for i, (h, _) in enumerate(blocks) if h is not None]
        named = [n for n in named if n[0] is not None]
        if named:
            heading, paras = blocks[min(named)[1]]
            assert heading is not None  # `named` holds only blocks with a heading
            results[pid] = PartResult(pid, "heading", heading, heading.paragraph, paras)

    # 2. Sub-headings that name a part (a "（二）压实第一责任人责任" inside achievements).
    for h in outline.headings:
        if h.depth == 1:
            continue
        for pid, m in matchers.items():
            if results[pid].status == "missing" and m.names(h.title):
                results[pid] = PartResult(pid, "inline", None, h.paragraph, _sub_block(outline, h))

    # 3. Cue phrases in the body.
    for pid, m in matchers.items():
        if results[pid].status != "missing" or not m.cues:
            continue
        hits = [p for p in outline.body if m.cued(p.text.strip())]
        if pid == "achievements":
            hits += [h.paragraph for h in outline.top if m.cued(h.title)]
        if len(hits) >= m.spec.inline_min_hits:
            hits.sort(key=lambda p: p.index)
            results[pid] = PartResult(pid, "inline", None, hits[0], _dedupe(hits))

    _achievements_from_thematic_blocks(results, blocks)
    return results


def _dedupe(paras: list[Paragraph]) -> list[Paragraph]:
    seen: set[int] = set()
    unique = []
    for p in paras:
        if p.index not in seen:
            seen.add(p.index)
            unique.append(p)
    return unique


def _achievements_from_thematic_blocks(results: dict[str, PartResult], blocks) -> None:
    """Thematic top-level blocks not claimed by another part are achievements content."""
    ach = results["achievements"]
    if ach.status == "heading":
        return
    claimed = {r.heading.index for r in results.values() if r.heading is not None}
    extra = [p for h, paras in blocks if h is not None and h.index not in claimed for p in paras]
    if extra and ach.status == "inline":
        ach.paragraphs = _dedupe(sorted(ach.paragraphs + extra, key=lambda p: p.index))


def part_index(results: dict[str, PartResult]) -> dict[int, str]:
    """paragraph index → part id (heading parts win over inline ones)."""
    index: dict[int, str] = {}
    for status in ("inline", "heading"):
        for r in results.values():
            if r.status == status:
                for p in r.paragraphs:
                    index[p.index] = r.id
    return index
