"""Which year a report is about: the title's year, else the body's own
statements (「2024年，我镇…」「2024年以来」「全年」), checked against the
成文日期. Never a year inside a cited document's name (《法治政府建设实施纲要
（2021—2025年）》) or a law's date (「2024年1月1日起施行」). When the evidence is
thin the year is marked unsure, and suggestions leave it out.

Reads only the outline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fazhi.checker.outline import Outline

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RANGE_RE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-－—–~～至到]+\s*((?:19|20)\d{2})")
_CITED = re.compile(r"《[^》]{0,80}》|“[^”]{0,60}”")
_FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
# The report speaking of its own year: 「2024年，」「2024年以来」「2024年全年」「2024年我镇」.
_OWN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度?(?=以来|全年|[，,]|共|我|全镇|全乡|全街|本|镇|乡|街道|是|在|累计|先后)")


@dataclass(frozen=True, slots=True)
class Year:
    value: int | None
    source: str = "none"  # title / body / date / given / none
    sure: bool = False


def _body_counts(outline: Outline) -> Counter[int]:
    counts: Counter[int] = Counter()
    for p in outline.body:
        text = _CITED.sub("", p.text)
        text = _FULL_DATE.sub("", text)
        counts.update({int(y): 4 for y in _RANGE_RE.findall(text)})  # 「2018年-2020年，…」: the report's own period
        text = _RANGE_RE.sub("", text)
        counts.update({int(y): 2 for y in _OWN.findall(text)})
        counts.update(int(y) for y in _YEAR_RE.findall(text))
    return counts


def find_year(outline: Outline) -> Year:
    title = outline.meta.full_title
    rng = _RANGE_RE.search(title)
    if rng:
        return Year(int(rng.group(1)), "title", True)
    m = _YEAR_RE.search(title)
    if m:
        return Year(int(m.group(1)), "title", True)
    counts = _body_counts(outline)
    d = outline.meta.doc_date or outline.meta.page_date
    if d:
        counts = Counter({y: n for y, n in counts.items() if y <= d.year})
        # Dated in the first half of a year: it reports on the year before, however often
        # the plans name the new year ("2025年，我镇将…"); dated in Q4: on the same year.
        by_date = d.year - 1 if d.month <= 6 else d.year if d.month >= 10 else None
        if by_date is not None and by_date in counts:
            return Year(by_date, "date", True)
    if counts:
        (best, n), *rest = counts.most_common(2)
        sure = n >= 4 and (not rest or n >= 2 * rest[0][1])
        return Year(best, "body", sure)
    if d:
        return Year(d.year - 1, "date", d.month <= 6)
    return Year(None)
