"""This year's report against the same unit's report of last year.

What a reviewer does in his head with last year's report open beside this one:
- paragraphs carried over verbatim or nearly (a year changed, a figure edited),
  with their share of this year's text and where they are;
- figures repeated unchanged ("开展法治讲座12场" both years);
- last year's plan against this year's results: each measure of last year's
  `next_year` part is `done` when this year's `achievements` reports it, else
  `not-mentioned`, with both texts side by side.

Works on two `Report`s (their paragraph texts and parts); knows no output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from fazhi.checker.report import Report
from fazhi.season.text import MIN_CHARS, bigrams, comparable, figures, items, sentences, shingles

CARRIED = 0.8  # similarity from which a paragraph counts as carried over
MEASURE_MIN_BIGRAMS = 4  # a measure with fewer specific word pairs says nothing checkable
DONE_SHARE = 0.4  # of a measure's specific word pairs a result must share (at most 8 needed)


@dataclass
class CarriedParagraph:
    this: int
    last: int
    similarity: float
    text: str = ""
    last_text: str = ""


@dataclass
class RepeatedFigure:
    text: str
    this: int
    last: int
    last_text: str = ""


@dataclass
class PlannedMeasure:
    measure: str
    last: int
    status: str  # done / not-mentioned
    this: int | None = None
    evidence: str = ""
    overlap: float = 0.0


@dataclass
class Comparison:
    this: Report
    last: Report
    share: float = 0.0
    carried: list[CarriedParagraph] = field(default_factory=list)
    figures: list[RepeatedFigure] = field(default_factory=list)
    plan: list[PlannedMeasure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "this": _side(self.this),
            "last": _side(self.last),
            "carried_over": {
                "share": self.share,
                "paragraphs": [{"this": c.this, "last": c.last, "similarity": c.similarity} for c in self.carried],
            },
            "repeated_figures": [{"text": f.text, "this": f.this, "last": f.last} for f in self.figures],
            "plan_vs_results": [
                {
                    "measure": m.measure,
                    "last": m.last,
                    "status": m.status,
                    "this": m.this,
                    **({"evidence": m.evidence} if m.evidence else {}),
                }
                for m in self.plan
            ],
        }

    @property
    def done(self) -> list[PlannedMeasure]:
        return [m for m in self.plan if m.status == "done"]


def _side(report: Report) -> dict:
    return {"file": report.file, "entity": report.entity, "year": report.year, "title": report.title}


def compare(this: Report, last: Report) -> Comparison:
    result = Comparison(this=this, last=last)
    result.carried, result.share = carried_over(this, last)
    result.figures = repeated_figures(this, last)
    result.plan = plan_vs_results(this, last)
    return result


# ---------------------------------------------------------------- carried-over paragraphs


def _headings(report: Report) -> set[int]:
    """The title and the parts' headings: the same every year by design."""
    out = {p.heading.paragraph.index for p in report.parts if p.heading is not None}
    out |= {i for i, text in enumerate(report.paragraphs, 1) if report.title and text.strip() == report.title}
    return out


def _body(report: Report) -> list[tuple[int, str, str]]:
    """(index, text, comparable text) of the paragraphs long enough to compare."""
    out = []
    skip = _headings(report)
    for i, text in enumerate(report.paragraphs, 1):
        norm = comparable(text)
        if len(norm) >= MIN_CHARS and i not in skip:
            out.append((i, text, norm))
    return out


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def carried_over(this: Report, last: Report) -> tuple[list[CarriedParagraph], float]:
    """Each paragraph of this year's report whose nearest paragraph of last year's
    (found through shared shingles, then measured character by character) is at
    least 80 % the same. Share = their characters / all compared characters."""
    last_body = _body(last)
    index: dict[str, list[int]] = {}
    for pos, (_, _, norm) in enumerate(last_body):
        for s in shingles(norm):
            index.setdefault(s, []).append(pos)
    found, carried_chars, total = [], 0, 0
    for i, text, norm in _body(this):
        total += len(norm)
        votes: dict[int, int] = {}
        for s in shingles(norm):
            for pos in index.get(s, ()):
                votes[pos] = votes.get(pos, 0) + 1
        best = None
        for pos in sorted(votes, key=lambda p: -votes[p])[:3]:
            ratio = similarity(norm, last_body[pos][2])
            if best is None or ratio > best[1]:
                best = (pos, ratio)
        if best is not None and best[1] >= CARRIED:
            j, last_text, _ = last_body[best[0]]
            found.append(CarriedParagraph(this=i, last=j, similarity=round(best[1], 2), text=text, last_text=last_text))
            carried_chars += len(norm)
    return found, round(carried_chars / total, 2) if total else 0.0


# ---------------------------------------------------------------- figures


def repeated_figures(this: Report, last: Report) -> list[RepeatedFigure]:
    """Figures of this year's report stated with the same number and unit, about
    the same thing, in last year's. Each figure once, in this year's order."""
    last_figures = [f for i, text in enumerate(last.paragraphs, 1) for f in figures(i, text)]
    out, seen = [], set()
    for i, text in enumerate(this.paragraphs, 1):
        for fig in figures(i, text):
            if fig.text in seen:
                continue
            match = next((g for g in last_figures if fig.same_as(g)), None)
            if match is not None:
                seen.add(fig.text)
                out.append(RepeatedFigure(text=fig.text, this=i, last=match.paragraph, last_text=match.text))
    return out


# ---------------------------------------------------------------- plan against results


COMMON_BIGRAMS = Path(__file__).resolve().parent.parent / "data" / "common_bigrams.txt"


@lru_cache(maxsize=1)
def generic_bigrams() -> frozenset[str]:
    """Word pairs every report uses (推进, 法治, 加强 …): they say nothing about
    which measure was carried out. fazhi/data/season.yaml `generic_words` and
    `boilerplate`, and the pairs most reports of the bundled corpora use
    (fazhi/data/common_bigrams.txt)."""
    from fazhi.season.data import season_data

    out: set[str] = set()
    for word in season_data()["generic_words"] + season_data()["boilerplate"]:
        out |= bigrams(word)
    if COMMON_BIGRAMS.is_file():
        out |= {
            line.strip() for line in COMMON_BIGRAMS.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
        }
    return frozenset(out)


def _specific(text: str) -> set[str]:
    return bigrams(text) - generic_bigrams()


def _measures(report: Report) -> list[tuple[int, str]]:
    part = report.part("next_year")
    heading = part.heading.paragraph.index if part.heading is not None else None
    out = []
    for para in part.paragraphs:
        if para.index == heading:
            continue
        for _, piece in items(para.text):
            piece = piece.strip().rstrip("；;。")
            if len(_specific(piece)) >= MEASURE_MIN_BIGRAMS:
                out.append((para.index, piece))
    return out


def _results(report: Report) -> list[tuple[int, str, set[str]]]:
    """The sentences of this year's achievements (and its other parts of results),
    each with its specific word pairs."""
    seen = {p.index for p in report.part("next_year").paragraphs} | _headings(report)  # this year's plan is no result
    out = []
    for part_id in ("achievements", "leader_duties"):
        for para in report.part(part_id).paragraphs:
            if para.index in seen or _is_heading(para.text):
                continue
            seen.add(para.index)
            for _, sentence in sentences(para.text):
                out.append((para.index, sentence.strip(), _specific(sentence)))
    return out


def _is_heading(text: str) -> bool:
    """A sub-heading ("（一）强化组织领导") names a topic; it reports nothing done."""
    text = text.strip()
    return len(text) <= 30 and not text.endswith(("。", "；", "！"))


def plan_vs_results(this: Report, last: Report) -> list[PlannedMeasure]:
    """A measure is `done` when one sentence of this year's results shares 40 %
    of its specific word pairs, at least four and at most eight (a long measure
    is reported done by its key phrase, not restated in full)."""
    results = _results(this)
    out = []
    for last_index, measure in _measures(last):
        wanted = _specific(measure)
        best = max(results, key=lambda r: len(wanted & r[2]), default=None)
        shared = len(wanted & best[2]) if best is not None else 0
        overlap = shared / len(wanted) if wanted else 0.0
        if best is not None and shared >= max(MEASURE_MIN_BIGRAMS, min(len(wanted) * DONE_SHARE, 8)):
            out.append(PlannedMeasure(measure, last_index, "done", best[0], best[1], round(overlap, 2)))
        else:
            out.append(PlannedMeasure(measure, last_index, "not-mentioned", None, "", round(overlap, 2)))
    return out
