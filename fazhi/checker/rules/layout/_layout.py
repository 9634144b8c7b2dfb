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
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    pos = 0
    for run in para.runs:
        lo, hi = max(pos, run_start), len(run.text) + pos if run_end is None else min(pos + len(run.text), run_end)
        piece = run.text[lo - pos : hi - pos] if hi > lo else ""
        pos += len(run.text)
        if run.font_east_asia:
            fonts[run.font_east_asia] += cjk_count(piece)
        if run.size_pt:
            sizes[run.size_pt] += len(piece) - piece.count(" ")
    font = next((f for f, n in fonts.most_common() if n), None)
    size = next((s for s, n in sizes.most_common() if n), None)
    return Look(font, size)


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
    Computed once per document (font-body and line-spacing both read it)."""
    return ctx.memo("layout.body_samples", lambda: _body_samples(ctx))


def _body_samples(ctx) -> list[tuple[Paragraph, Look]]:
    special = {h.index: h for h in ctx.outline.headings if h.level <= 2 or h.source == "standalone"}
    samples = []
    for p in ctx.body:
        if p.in_table:
            continue
        h = special.get(p.index)
        if h is None:
            samples.append((p, look(p)))
        elif h.source != "standalone" and len(p.text.rstrip()) - heading_words(h)[1] >= RUN_IN_MIN_CHARS:
            samples.append((p, look(p, heading_words(h)[1] + 1)))
    return samples
