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

import io
import marshal
import re
import tempfile
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from bisect import bisect_left
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import IO

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
    part_of: dict[int, str] = field(default_factory=dict)  # paragraph number → part id


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
    part_of = {q.index: p.id for p in reversed(report.parts) for q in p.paragraphs}  # the first part that has it
    return Source(report.file, report.entity, report.paragraphs, frozenset(skip), part_of)


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


@dataclass(frozen=True)
class Sketch:
    """What the copying check keeps of one report, small enough to send from a
    worker process and to keep for a batch of thousands: the paragraphs that have
    anchors (their numbers, parts, normalised lengths and anchor counts), their
    anchors (SHINGLE characters each, every paragraph's sorted set, joined in one
    string) and every paragraph's text compressed (for the findings' evidence)."""

    file: str
    entity: str | None
    numbers: array  # paragraph numbers, ascending
    counts: array  # anchors of each of those paragraphs
    lengths: array  # normalised length of each of those paragraphs
    parts: tuple  # part id (or None) of each of those paragraphs
    anchors: str
    texts: bytes = b""  # zlib(marshal(every paragraph's text)); empty: not kept

    def paragraphs(self) -> list[str]:
        return marshal.loads(zlib.decompress(self.texts)) if self.texts else []

    def part_of(self, number: int) -> str | None:
        return self.parts[bisect_left(self.numbers, number)]


def sketch_of(source: Source, *, keep_texts: bool = False) -> Sketch:
    numbers, counts, lengths, parts, pieces = array("I"), array("I"), array("I"), [], []
    pattern = _anchor_pattern()
    for i, text in enumerate(source.paragraphs, 1):
        t = normalise(text)
        if len(t) < MIN_CHARS or i in source.skip:
            continue
        found = set(pattern.findall(t))
        if found:
            numbers.append(i)
            counts.append(len(found))
            lengths.append(len(t))
            parts.append(source.part_of.get(i))
            pieces.extend(sorted(found))
    texts = zlib.compress(marshal.dumps(list(source.paragraphs)), 1) if keep_texts else b""
    return Sketch(source.file, source.entity, numbers, counts, lengths, tuple(parts), "".join(pieces), texts)


_PIECE = re.compile(f".{{{SHINGLE}}}", re.DOTALL)


class CopyIndex:
    """The batch's anchors, added one report at a time in any order (as workers
    finish): each distinct anchor is kept once, as a number. A report's anchor
    numbers (4 bytes an anchor, not a set of strings per paragraph) and its
    compressed paragraphs wait in a temporary file (in memory where no file can
    be made), so a batch of thousands keeps little more than the distinct anchors.
    `copies()` then finds the same pairs as `find_copies` on the reports' sources."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._df: Counter[int] = Counter()  # anchor number → reports using it
        self._reports: dict[int, tuple[Sketch, int, int, int]] = {}  # position → sketch, spool offset, bytes of numbers, of texts
        self._spool: IO[bytes] | None = None

    def add(self, position: int, sketch: Sketch) -> None:
        pieces = _PIECE.findall(sketch.anchors)
        ids = self._ids
        for s in set(pieces).difference(ids):
            ids[s] = len(ids)
        codes = array("I", map(ids.__getitem__, pieces))
        self._df.update(set(codes))
        spool = self._open_spool()
        offset = spool.seek(0, io.SEEK_END)
        spool.write(codes.tobytes())
        spool.write(sketch.texts)
        self._reports[position] = (replace(sketch, anchors="", texts=b""), offset, len(codes) * codes.itemsize, len(sketch.texts))

    def _open_spool(self) -> IO[bytes]:
        if self._spool is None:
            try:
                self._spool = tempfile.TemporaryFile(prefix="fazhi-copying-")  # noqa: SIM115  (open while the index lives; close() or garbage collection removes it)
            except OSError:  # no writable temporary folder: keep it in memory
                self._spool = io.BytesIO()
        return self._spool

    def _read(self, offset: int, size: int) -> bytes:
        assert self._spool is not None
        self._spool.seek(offset)
        return self._spool.read(size)

    def _codes(self, position: int) -> array:
        _, offset, size, _ = self._reports[position]
        codes = array("I")
        codes.frombytes(self._read(offset, size))
        return codes

    def paragraphs(self, place: int) -> list[str]:
        """Every paragraph's text of the report at `place` in batch order."""
        _, offset, size, texts = self._reports[sorted(self._reports)[place]]
        return marshal.loads(zlib.decompress(self._read(offset + size, texts))) if texts else []

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def __len__(self) -> int:
        return len(self._reports)

    def sketches(self) -> list[Sketch]:
        """The reports' sketches in batch order (their positions ascending), without anchors or texts."""
        return [self._reports[p][0] for p in sorted(self._reports)]

    def copies(self) -> list[CopiedParagraph]:
        """The pairs; report indices are places in batch order (positions ascending).
        Works from the reports' arrays: no set or copy per paragraph is kept."""
        positions = sorted(self._reports)
        sketches = [self._reports[p][0] for p in positions]
        known = self._known()
        limit = max(2, int(len(positions) * COMMON_SHARE))
        frequent = {s for s, n in self._df.items() if n > limit} | known
        shared_once = {s for s, n in self._df.items() if 2 <= n <= limit} - frequent
        index: dict[int, list[int]] = {}
        for r, position in enumerate(positions):  # paragraph keys ascending: postings in key order
            codes = self._codes(position) if shared_once else array("I")
            if shared_once.isdisjoint(codes):
                continue
            at = 0
            for i, n in zip(sketches[r].numbers, sketches[r].counts):
                for s in shared_once.intersection(codes[at : at + n]):
                    index.setdefault(s, []).append(r * KEY + i)
                at += n
        met: Counter[tuple[int, int]] = Counter()
        for postings in index.values():
            if len(postings) > 1:
                met.update(combinations(postings, 2))  # postings are in key order, so a < b
        del index
        out = []
        for (ka, kb), n in sorted((k, n) for k, n in met.items() if n >= MIN_RARE):
            (ra, ia), (rb, ib) = divmod(ka, KEY), divmod(kb, KEY)
            if ra == rb or _same_unit(sketches[ra], sketches[rb]):
                continue
            (a, length_a), (b, length_b) = (_paragraph(sketches[r], self._codes(positions[r]), i) for r, i in ((ra, ia), (rb, ib)))
            shared = len((a & b) - known)
            if _copied(n, len(a - frequent), len(b - frequent), shared, len(a - known), len(b - known)):
                chars = min(shared * SAMPLE + SHINGLE - 1, length_a, length_b)
                out.append(CopiedParagraph(ra, ia, rb, ib, chars))
        return out

    def _known(self) -> set[int]:
        return {self._ids[s] for s in known_common() if s in self._ids}


def find_copies(sources: list[Source]) -> list[CopiedParagraph]:
    """Pairs of paragraphs of different units sharing uncommon text, each pair
    once (see `_copied`). An anchor is uncommon when no more than COMMON_SHARE of
    the batch's reports (and at least 2) have it and it is no known boilerplate."""
    index = CopyIndex()
    for r, src in enumerate(sources):
        index.add(r, sketch_of(src))
    try:
        return index.copies()
    finally:
        index.close()


def _paragraph(sketch: Sketch, codes: array, number: int) -> tuple[set[int], int]:
    """The anchor numbers and normalised length of paragraph `number` of a report."""
    j = bisect_left(sketch.numbers, number)
    at = sum(sketch.counts[:j])
    return set(codes[at : at + sketch.counts[j]]), sketch.lengths[j]


def _copied(rare: int, rare_a: int, rare_b: int, shared: int, size_a: int, size_b: int) -> bool:
    """Copied: much uncommon text in common (most of the shorter paragraph's), or
    the whole paragraph the same (boilerplate aside) with some uncommon text in it.
    Counts are anchors: `rare` uncommon ones shared, `shared` all shared but
    boilerplate; `rare_x` and `size_x` the same counts of each paragraph."""
    if rare >= MIN_SHARED and rare >= 0.5 * min(rare_a, rare_b):
        return True
    return shared >= MIN_SHARED and shared >= 0.8 * min(size_a, size_b)


def _same_unit(a: Sketch, b: Sketch) -> bool:
    """Two versions or two years of one unit's report may share anything."""
    return a.entity is not None and a.entity == b.entity


# ---------------------------------------------------------------- findings


def copy_findings(reports: list, profile, index: CopyIndex | None = None, *, added: dict | None = None) -> list[CopiedParagraph]:
    """Add a `copied-paragraph` finding to both reports of every copied pair
    (unless the profile switches the rule off), lower their scores, return the pairs.
    `index`: the reports' sketches, added while they were checked (the reports
    themselves may then come without their paragraphs' text). `added`, when
    given, receives each changed report's place → the findings added to it."""
    from fazhi.checker.report import sort_findings
    from fazhi.checker.rules.content.copied_paragraph import RULE

    setting = profile.rule_setting(RULE.slug)
    if not setting.enabled or len(reports) < 2:
        return []
    if index is None:
        index = CopyIndex()
        for r, report in enumerate(reports):
            index.add(r, sketch_of(source_of(report)))
    elif len(index) != len(reports):
        raise ValueError("the copy index must hold the sketches of exactly these reports")
    pairs = index.copies()
    sketches = index.sketches()
    texts: dict[int, list[str]] = {}

    def paragraph(i: int, number: int) -> str:
        if i not in texts:
            texts[i] = reports[i].paragraphs or index.paragraphs(i)
        return texts[i][number - 1]

    added = {} if added is None else added
    for pair in pairs:
        for mine, para, other, other_para in (
            (pair.a, pair.a_paragraph, pair.b, pair.b_paragraph),
            (pair.b, pair.b_paragraph, pair.a, pair.a_paragraph),
        ):
            text = paragraph(mine, para)
            part = sketches[mine].part_of(para)
            added.setdefault(mine, []).append(_finding(RULE, setting, text, part, para, reports[other], other_para, pair.shared))
    cap = setting.max_points if setting.max_points is not None else RULE.max_points
    for i, findings in added.items():
        report = reports[i]
        report.findings = sort_findings(report.findings + findings)
        # The rule finds nothing in one report, so its whole (capped) deduction is new.
        deduction = sum(f.points for f in findings)
        report.score = round(max(0.0, report.score - (min(deduction, cap) if cap is not None else deduction)), 1)
        report.grade = profile.grade(report.score)
    return pairs


def _finding(rule, setting, text: str, part: str | None, para: int, other, other_para: int, shared: int):
    from fazhi.checker.findings import Finding
    from fazhi.formatters import display_path

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
        part=part,
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
