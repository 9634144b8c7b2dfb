"""Paragraphs shared between reports of one batch (`copied-paragraph`).

No text is compared with every other: each paragraph is cut into 5-character
shingles; a shingle that many reports of the batch use (document frequency) or
that belongs to a phrase every report uses (fazhi/data/season.yaml
`boilerplate`, and fazhi/data/common_shingles.txt learnt from the bundled
corpora) is common. About a third of the shingles (chosen by their first
character, so the same in every paragraph: the anchors) go into an inverted index, and
only paragraphs that meet in its short posting lists are counted against each
other: two paragraphs of different units sharing many uncommon anchors, and
most of those of the shorter one, are a copy. Cost: linear in the text, plus
the posting lists, which the document-frequency limit keeps short."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from fazhi.season.text import SHINGLE, normalise, shingles

MIN_CHARS = 30  # paragraphs shorter than this (headings, 无) are never called copied
SAMPLE = 3  # about one shingle in SAMPLE is an anchor of the index
MIN_SHARED = 12  # anchors two paragraphs must share: some 40 characters of text
MIN_RARE = 5  # uncommon anchors (text no one else in the batch wrote) any copy shares
COMMON_SHARE = 0.05  # a shingle in more than 5 % of the batch's reports (and more than 2) is common
COMMON_FILE = Path(__file__).resolve().parent.parent / "data" / "common_shingles.txt"


@dataclass(frozen=True)
class Source:
    """What the copying check needs of one report."""

    file: str
    entity: str | None
    paragraphs: list[str]
    skip: frozenset[int] = frozenset()  # paragraph numbers never compared (title, headings)


@dataclass(frozen=True)
class CopiedParagraph:
    a: int  # index of the first report in the batch
    a_paragraph: int
    b: int
    b_paragraph: int
    shared: int  # characters of uncommon text shared (estimated from the anchors)


@lru_cache(maxsize=1)
def known_common() -> frozenset[str]:
    """Shingles of the built-in boilerplate phrases and of the bundled corpora."""
    from fazhi.season.data import season_data

    out: set[str] = set()
    for phrase in season_data()["boilerplate"]:
        out |= shingles(normalise(phrase))
    if COMMON_FILE.is_file():
        out |= {line.strip() for line in COMMON_FILE.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(out)


def source_of(report) -> Source:
    skip = {p.heading.paragraph.index for p in report.parts if p.heading is not None}
    skip |= {i for i, text in enumerate(report.paragraphs, 1) if report.title and text.strip() == report.title}
    return Source(report.file, report.entity, report.paragraphs, frozenset(skip))


KEY = 100_000  # a paragraph's key: report * KEY + paragraph number


@lru_cache(maxsize=1)
def _anchor_pattern() -> re.Pattern:
    """A shingle is an anchor when its first character's code point is a multiple
    of SAMPLE: the same shingle is chosen in every paragraph and every run, and the
    regular expression engine finds them without a Python loop per character."""
    ranges = [(0x30, 0x3A), (0x41, 0x5B), (0x61, 0x7B), (0x3400, 0xA000)]
    chars = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi) if c % SAMPLE == 0)
    return re.compile(f"(?=([{chars}].{{{SHINGLE - 1}}}))")


def anchors(text: str) -> set[str]:
    """About one shingle in SAMPLE of a paragraph: what the index is built from."""
    t = normalise(text)
    return set(_anchor_pattern().findall(t)) if len(t) >= MIN_CHARS else set()


def find_copies(sources: list[Source]) -> list[CopiedParagraph]:
    """Pairs of paragraphs of different units sharing uncommon text, each pair
    once (see `_copied`). An anchor is uncommon when no more than COMMON_SHARE of
    the batch's reports (and at least 2) have it and it is no known boilerplate."""
    paras: dict[int, set[str]] = {}  # paragraph key → anchors
    df: Counter[str] = Counter()
    for r, src in enumerate(sources):
        seen: set[str] = set()
        for i, text in enumerate(src.paragraphs, 1):
            found = anchors(text) if i not in src.skip else None
            if found:
                paras[r * KEY + i] = found
                seen |= found
        df.update(seen)
    limit = max(2, int(len(sources) * COMMON_SHARE))
    frequent = {s for s, n in df.items() if n > limit} | known_common()
    shared_once = {s for s, n in df.items() if 2 <= n <= limit} - frequent
    index: dict[str, list[int]] = {}
    for key in sorted(paras):
        for s in paras[key] & shared_once:
            index.setdefault(s, []).append(key)
    met: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        if len(postings) > 1:
            met.update(combinations(postings, 2))  # postings are in key order, so a < b
    known = known_common()
    out = []
    for (ka, kb), n in sorted((k, n) for k, n in met.items() if n >= MIN_RARE):
        (ra, ia), (rb, ib) = divmod(ka, KEY), divmod(kb, KEY)
        if ra == rb or _same_unit(sources[ra], sources[rb]):
            continue
        a, b = paras[ka], paras[kb]
        shared = len((a & b) - known)
        if _copied(n, len(a - frequent), len(b - frequent), shared, len(a - known), len(b - known)):
            chars = min(shared * SAMPLE + SHINGLE - 1, *(len(normalise(sources[r].paragraphs[i - 1])) for r, i in ((ra, ia), (rb, ib))))
            out.append(CopiedParagraph(ra, ia, rb, ib, chars))
    return out


def _copied(rare: int, rare_a: int, rare_b: int, shared: int, size_a: int, size_b: int) -> bool:
    """Copied: much uncommon text in common (most of the shorter paragraph's), or
    the whole paragraph the same (boilerplate aside) with some uncommon text in it.
    Counts are anchors: `rare` uncommon ones shared, `shared` all shared but
    boilerplate; `rare_x` and `size_x` the same counts of each paragraph."""
    if rare >= MIN_SHARED and rare >= 0.5 * min(rare_a, rare_b):
        return True
    return shared >= MIN_SHARED and shared >= 0.8 * min(size_a, size_b)


def _same_unit(a: Source, b: Source) -> bool:
    """Two versions or two years of one unit's report may share anything."""
    return a.entity is not None and a.entity == b.entity


# ---------------------------------------------------------------- findings


def copy_findings(reports: list, profile) -> list[CopiedParagraph]:
    """Add a `copied-paragraph` finding to both reports of every copied pair
    (unless the profile switches the rule off), lower their scores, return the pairs."""
    from fazhi.checker.report import sort_findings
    from fazhi.checker.rules.content.copied_paragraph import RULE

    setting = profile.rule_setting(RULE.slug)
    if not setting.enabled or len(reports) < 2:
        return []
    pairs = find_copies([source_of(r) for r in reports])
    added: dict[int, list] = {}
    for pair in pairs:
        for mine, para, other, other_para in (
            (pair.a, pair.a_paragraph, pair.b, pair.b_paragraph),
            (pair.b, pair.b_paragraph, pair.a, pair.a_paragraph),
        ):
            added.setdefault(mine, []).append(_finding(RULE, setting, reports[mine], para, reports[other], other_para, pair.shared))
    cap = setting.max_points if setting.max_points is not None else RULE.max_points
    for i, findings in added.items():
        report = reports[i]
        report.findings = sort_findings(report.findings + findings)
        # The rule finds nothing in one report, so its whole (capped) deduction is new.
        deduction = sum(f.points for f in findings)
        report.score = round(max(0.0, report.score - (min(deduction, cap) if cap is not None else deduction)), 1)
        report.grade = profile.grade(report.score)
    return pairs


def _part_of(report, index: int) -> str | None:
    return next((p.id for p in report.parts if any(q.index == index for q in p.paragraphs)), None)


def _finding(rule, setting, report, para: int, other, other_para: int, shared: int):
    from fazhi.checker.findings import Finding
    from fazhi.formatters import display_path

    text = report.paragraphs[para - 1]
    who = f"（{other.entity}）" if other.entity else ""
    severity = setting.severity or rule.severity
    points = 0.0 if severity == "info" else (setting.points if setting.points is not None else rule.points)
    finding = Finding(
        rule=rule.slug,
        severity=severity,
        message=f"本段与 {display_path(other.file)}{who} 第{other_para}段有约{shared}字相同，疑似照抄其他单位的报告",
        paragraph=para,
        evidence=text.strip()[:80],
        suggestion=rule.fix,
        points=points,
        basis=rule.basis,
        part=_part_of(report, para),
        extra={"copied_from": {"file": other.file, "entity": other.entity, "paragraph": other_para}},
    )
    finding.context = text
    return finding


def copy_pairs_view(reports: list) -> list[dict]:
    """The copied pairs of a batch as the HTML report lists them, each pair once."""
    from fazhi.formatters import display_path

    rows, seen = [], set()
    for report in reports:
        for f in report.findings:
            other = f.extra.get("copied_from") if f.rule == "copied-paragraph" else None
            if not other:
                continue
            key = tuple(sorted([(report.file, f.paragraph), (other["file"], other["paragraph"])]))
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                {
                    "file": display_path(report.file),
                    "entity": report.entity or "",
                    "paragraph": f.paragraph,
                    "other_file": display_path(other["file"]),
                    "other_entity": other.get("entity") or "",
                    "other_paragraph": other["paragraph"],
                    "text": f.evidence,
                    "message": f.message,
                }
            )
    return rows
