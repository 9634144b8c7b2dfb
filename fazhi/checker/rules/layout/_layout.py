"""Shared by the layout rules: what font and size a paragraph (or a heading's
words) is set in, which paragraphs play which role, and one finding per
document for a wrong value however many paragraphs carry it.

The reader has already resolved docDefaults → styles → paragraph → run into
Run.font_east_asia / Run.size_pt; nothing here touches XML."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from collections import Counter
from dataclasses import dataclass

from fazhi.checker.model import Paragraph
from fazhi.schema.fonts import FontBook, font_book

if TYPE_CHECKING:
    from fazhi.schema.models import FontSpec

# Share of a role's paragraphs that may deviate without a finding: table cells,
# notes and a stray pasted paragraph are normal in real reports.
TOLERATED_SHARE = 0.2
MAX_VALUES_NAMED = 3
RUN_IN_MIN_CHARS = 10  # run-in body text after a heading long enough to judge its font
_NOT_CJK = re.compile(r"[^\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def cjk_count(text: str) -> int:
    """How many CJK characters and marks `text` has (deleting the others is
    ~5x faster than listing the matches)."""
    return len(_NOT_CJK.sub("", text))


@dataclass(frozen=True)
class Look:
    """The dominant East Asian font (weighted by CJK characters) and size
    (weighted by visible characters) of a stretch of text; None = unknown."""

    font: str | None
    size: float | None


def look(para: Paragraph, start: int = 0, end: int | None = None) -> Look:
    """The look of para.text[start:end]. Automatic-numbering markers have no runs
    and are skipped; offsets map to runs as the reader documents (raw_offset)."""
    lead = len(para.marker)
    run_start = max(start - lead, 0) + para.raw_offset
    run_end = None if end is None else max(end - lead, 0) + para.raw_offset
    if len(para.runs) == 1:  # one run: its font and size, if it has a character of each kind
        run = para.runs[0]
        lo, hi = max(0, run_start), len(run.text) if run_end is None else min(len(run.text), run_end)
        piece = run.text[lo:hi] if hi > lo else ""
        font = run.font_east_asia if run.font_east_asia and _CJK.search(piece) else None
        return Look(font, run.size_pt if run.size_pt and piece.strip(" ") else None)
    pieces = []
    pos = 0
    for run in para.runs:
        lo, hi = max(pos, run_start), len(run.text) + pos if run_end is None else min(pos + len(run.text), run_end)
        pieces.append((run, run.text[lo - pos : hi - pos] if hi > lo else ""))
        pos += len(run.text)
    return Look(_dominant_font(pieces), _dominant_size(pieces))


def _dominant_font(pieces) -> str | None:
    """The font with the most CJK characters. Most paragraphs have one font:
    it only needs one CJK character, not a count."""
    named = [(run.font_east_asia, piece) for run, piece in pieces if run.font_east_asia]
    if len({font for font, _ in named}) == 1:
        return named[0][0] if any(_CJK.search(piece) for _, piece in named) else None
    fonts: Counter[str] = Counter()
    for font, piece in named:
        fonts[font] += cjk_count(piece)
    return next((f for f, n in fonts.most_common() if n), None)


def _dominant_size(pieces) -> float | None:
    """The size with the most visible characters (spaces are not)."""
    sized = [(run.size_pt, piece) for run, piece in pieces if run.size_pt]
    if len({size for size, _ in sized}) == 1:
        return sized[0][0] if any(piece.strip(" ") for _, piece in sized) else None
    sizes: Counter[float] = Counter()
    for size, piece in sized:
        sizes[size] += len(piece) - piece.count(" ")
    return next((s for s, n in sizes.most_common() if n), None)


@dataclass
class Role:
    """A kind of paragraph (正文, 一级标题 …) and the font it should have."""

    name: str  # Chinese, for messages: 正文 / 标题 / 一级标题 / 二级标题
    spec: FontSpec
    unit: str = "段"  # counting word for messages

    def wanted(self, book: FontBook) -> str:
        return f"{self.spec.font} {book.size_label(self.spec.size_pt)}"


@dataclass
class Verdict:
    role: Role
    checked: int  # paragraphs whose font or size is known
    wrong: list[tuple[Paragraph, Look]]  # deviating paragraphs with what they have

    @property
    def first(self) -> Paragraph:
        return self.wrong[0][0]

    def significant(self, share: float) -> bool:
        return bool(self.wrong) and len(self.wrong) >= share * self.checked

    def found(self, book: FontBook) -> str:
        """“宋体 12磅（小四）（共 85 段）、…” — the wrong values, most frequent first."""
        counts = Counter((lk.font, lk.size) for _, lk in self.wrong)
        named = [f"{_describe(font, size, book)}（共 {n} {self.role.unit}）" for (font, size), n in counts.most_common(MAX_VALUES_NAMED)]
        rest = len(counts) - MAX_VALUES_NAMED
        return "、".join(named) + (f" 等 {len(counts)} 种" if rest > 0 else "")


def _describe(font: str | None, size: float | None, book: FontBook) -> str:
    parts = [font or "字体不明", book.size_label(size) if size else "字号不明"]
    return " ".join(parts)


def book_for(ctx) -> FontBook:
    return font_book(ctx.profile)


def judge(role: Role, samples: list[tuple[Paragraph, Look]], book: FontBook, size_tolerance: float) -> Verdict:
    """Which samples deviate from the role's font (or an accepted one) or size."""
    checked, wrong = 0, []
    accepted: dict[str, bool] = {}  # a document uses few fonts; name matching is not free
    for para, lk in samples:
        if lk.font is None and lk.size is None:
            continue
        checked += 1
        if lk.font is not None and lk.font not in accepted:
            accepted[lk.font] = book.accepts(lk.font, role.spec.font, role.spec.accept)
        bad_font = lk.font is not None and not accepted[lk.font]
        bad_size = lk.size is not None and abs(lk.size - role.spec.size_pt) > size_tolerance
        if bad_font or bad_size:
            wrong.append((para, lk))
    return Verdict(role, checked, wrong)


def tolerated_share(ctx, slug: str) -> float:
    return float(ctx.option(slug, "tolerated_share", TOLERATED_SHARE))


def checked_headings(ctx):
    """Headings whose level is certain: numbered (一、（一）1.（1）) or set by an
    outline level/heading style. Guessed short lines are left out."""
    return [h for h in ctx.outline.headings if h.source in ("marker", "style")]


def heading_words(h) -> tuple[int, int]:
    """Offsets of a heading's marker and words (run-in body text excluded)."""
    text = h.paragraph.text
    start = text.find(h.marker) if h.marker else len(text) - len(text.lstrip())
    return start, min(len(text), start + len(h.marker) + len(h.title))


def body_samples(ctx) -> list[tuple[Paragraph, Look]]:
    """Body text set in the body font: paragraphs other than level 1-2 headings,
    guessed headings and table cells (tables may use a smaller size), plus the
    body text run in after a level 1-2 heading's words ("（一）加强学习。全年…").
    Computed once per document."""
    return ctx.memo("layout.body_samples", lambda: [(p, look(p, start)) for p, start in body_sample_starts(ctx)])


def body_sample_starts(ctx) -> list[tuple[Paragraph, int]]:
    """The paragraphs of `body_samples` and where their body text starts, without
    their look (line-spacing needs only the paragraphs)."""
    return ctx.memo("layout.body_sample_starts", lambda: _body_sample_starts(ctx))


def _body_sample_starts(ctx) -> list[tuple[Paragraph, int]]:
    special = {h.index: h for h in ctx.outline.headings if h.level <= 2 or h.source == "standalone"}
    samples = []
    for p in ctx.body:
        if p.in_table:
            continue
        h = special.get(p.index)
        if h is None:
            samples.append((p, 0))
        elif h.source != "standalone" and len(p.text.rstrip()) - heading_words(h)[1] >= RUN_IN_MIN_CHARS:
            samples.append((p, heading_words(h)[1] + 1))
    return samples
