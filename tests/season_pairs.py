"""Pairs of reports for `fazhi compare` built from the seeds: last year's report
is a seed; this year's is the same seed with the year moved on, 30 % of its
paragraphs rewritten, half of the figures in the kept paragraphs changed, and
some of last year's planned measures reported done (fixtures/season_pairs/plans.yaml).
`build_pair` returns the texts and what was built in, for the tests to check
`fazhi compare` against."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fazhi.checker import check_path
from fazhi.season.text import MIN_CHARS, comparable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PLANS = yaml.safe_load((Path(__file__).resolve().parent / "fixtures" / "season_pairs" / "plans.yaml").read_text(encoding="utf-8"))
REWRITTEN = PLANS.pop("rewritten")
# A figure as the test sees it: two Chinese characters, a number, a unit.
FIGURE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<!其中)(?<!共计)(?<!累计)(?<![第\d])(\d+)(余?(?:场次|人次|场|次|件|名|人|期|份|条|起))")
_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")


@dataclass
class Pair:
    seed: str
    last_text: str
    this_text: str
    year: int
    carried: dict[int, int] = field(default_factory=dict)  # this paragraph → last paragraph, kept
    compared: set[int] = field(default_factory=set)  # this paragraphs long enough to compare
    kept_figures: set[tuple[int, str]] = field(default_factory=set)  # (this paragraph, "12场") unchanged
    changed_figures: set[tuple[int, str]] = field(default_factory=set)  # (this paragraph, new "15场")
    done: dict[str, int] = field(default_factory=dict)  # measure piece → this paragraph reporting it
    not_mentioned: list[str] = field(default_factory=list)

    def share(self, lines: list[str]) -> float:
        total = sum(len(comparable(lines[i - 1])) for i in self.compared)
        return sum(len(comparable(lines[i - 1])) for i in self.carried) / total


def _move_year(text: str, year: int) -> str:
    for old in (year + 1, year):  # the later year first, so 2023 → 2024 is not moved twice
        text = re.sub(rf"(?<!\d){old}(?=\s*年)", str(old + 1), text)
    return text


def _change_figures(text: str, rng: random.Random, toggle: list[bool]) -> tuple[str, list[tuple[str, bool]]]:
    """Every other figure of the report gets a new number; returns the new text
    and, per figure, its final text and whether it was kept."""
    out, figures, pos = [], [], 0
    for m in FIGURE.finditer(text):
        keep = toggle[0] = not toggle[0]
        number = m.group(1) if keep else str(int(m.group(1)) + rng.randint(3, 9))
        out.append(text[pos : m.start()] + number + m.group(2))
        figures.append((number + m.group(2), keep))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), figures


def build_pair(seed: str, rng_seed: int = 7) -> Pair:
    rng = random.Random(rng_seed)
    path = SEEDS / seed
    report = check_path(path)
    last_text = path.read_text(encoding="utf-8")
    lines = last_text.split("\n")
    headings = {p.heading.paragraph.index for p in report.parts if p.heading is not None}
    long = [
        i for i, line in enumerate(lines, 1) if len(comparable(line)) >= MIN_CHARS and i not in headings and line.strip() != report.title
    ]
    rewritten = set(rng.sample(long, round(len(long) * 0.3)))
    pool = iter(REWRITTEN)
    plan = PLANS.get(seed, {"done": [], "not_mentioned": []})
    new_lines: list[tuple[int | None, str, list]] = []
    toggle = [False]
    plan_paragraphs = {p.index for p in report.part("next_year").paragraphs}
    achievements_end = max(p.index for p in report.part("achievements").paragraphs if p.index not in plan_paragraphs)
    for i, line in enumerate(lines, 1):
        line = _move_year(line, report.year)
        figures: list = []
        if i in rewritten:
            marker = _MARKER.match(line)
            line = (marker.group(0) if marker else "") + next(pool)
        else:
            line, figures = _change_figures(line, rng, toggle)
        new_lines.append((i, line, figures))
        if i == achievements_end:
            for item in plan["done"]:
                new_lines.append((None, item["report"], []))
    pair = Pair(
        seed=seed,
        last_text=last_text,
        this_text="\n".join(t for _, t, _ in new_lines),
        year=report.year,
        not_mentioned=list(plan["not_mentioned"]),
    )
    for j, (origin, text, figures) in enumerate(new_lines, 1):
        if origin is None:
            pair.done[plan["done"][len(pair.done)]["measure"]] = j
        if len(comparable(text)) >= MIN_CHARS and origin not in headings and text.strip() != _move_year(report.title, report.year):
            pair.compared.add(j)
            if origin is not None and origin not in rewritten:
                pair.carried[j] = origin
        for fig, keep in figures:
            (pair.kept_figures if keep else pair.changed_figures).add((j, fig))
    return pair
