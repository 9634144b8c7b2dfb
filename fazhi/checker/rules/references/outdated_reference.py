"""outdated-reference: wording out of date for the report year (七五普法 after
2020, the 2015 纲要 after 2020, 十九大 as the latest guidance after 2022 …).

The entries are data (fazhi/data/outdated.yaml): a pattern, the report years
it is out of date in, and the contexts that make a mention historical. Using
old wording is a habit across a document, so there is one finding per entry
per document, at its first occurrence, with the count."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fazhi.checker.rules._prefilter import candidate_paragraphs, prefilter
from fazhi.checker.rules.base import Rule
from fazhi.schema.datafiles import entries, need, paths, read_yaml
from fazhi.checker.rules.references._text import sentence
from fazhi.errors import ProfileError

RULE = Rule(
    slug="outdated-reference",
    name="过时提法",
    summary="引用的规划、提法或机构在报告年度已经过时",
    severity="warning",
    points=1,
    max_points=3,
    basis="各条目所依据的文件（如八五普法规划、《法治政府建设实施纲要（2021－2025年）》）",
    explanation=(
        "年度报告应使用报告年度的现行提法：2021年起是“八五”普法和《法治政府建设实施纲要（2021－2025年）》，"
        "2020年11月起称“习近平法治思想”，党的二十大（2022年10月）之后的报告应贯彻二十大精神，"
        "《法制日报》2020年8月起更名为《法治日报》。沿用过时提法说明报告照搬了往年材料。"
        "总结、回顾等历史性表述不报告。"
    ),
    bad="2022年，我镇扎实推进“七五”普法，深入学习习近平总书记全面依法治国新理念新思想新战略。",
    good="2022年，我镇扎实推进“八五”普法，深入学习宣传习近平法治思想。",
    example_year=2022,
    fix="改为报告年度的现行规划、提法或机构名称。",
)

_SEVERITIES = ("warning", "info")


@dataclass(frozen=True)
class Entry:
    id: str
    pattern: re.Pattern
    from_year: int
    message: str
    suggestion: str
    basis: str
    to_year: int | None = None
    unless_before: re.Pattern | None = None
    unless_sentence: re.Pattern | None = None
    unless_document: re.Pattern | None = None
    severity: str = "warning"

    def applies(self, year: int) -> bool:
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)

    def historical(self, text: str, start: int, end: int) -> bool:
        if self.unless_before is not None and self.unless_before.search(text[max(0, start - 4) : start]):
            return True
        return self.unless_sentence is not None and bool(self.unless_sentence.search(sentence(text, start, end)))


def _regex(entry: dict, key: str, path, required: bool = False) -> re.Pattern | None:
    value = need(entry, key, path, f"outdated 条目 {entry.get('id', '?')}") if required else entry.get(key)
    if value in (None, ""):
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise ProfileError(f"数据文件 {path}: 条目 {entry.get('id', '?')} 的 {key} 不是有效的正则表达式：{exc}") from None


def _year(entry: dict, key: str, path, required: bool = False) -> int | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int):
        raise ProfileError(f"数据文件 {path}: 条目 {entry.get('id', '?')} 的 {key} 应为年份（整数，如 2021）")
    return value


def _entry(raw, path) -> Entry:
    where = f"outdated 条目 {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
    severity = raw.get("severity", "warning") if isinstance(raw, dict) else "warning"
    if severity not in _SEVERITIES:
        raise ProfileError(f"数据文件 {path}: {where} 的 severity 只能是 warning 或 info")
    return Entry(
        id=need(raw, "id", path, where),
        pattern=_regex(raw, "pattern", path, required=True),
        from_year=_year(raw, "from_year", path, required=True),
        to_year=_year(raw, "to_year", path),
        message=need(raw, "message", path, where),
        suggestion=str(raw.get("suggestion") or ""),
        basis=need(raw, "basis", path, where),
        unless_before=_regex(raw, "unless_before", path),
        unless_sentence=_regex(raw, "unless_sentence", path),
        unless_document=_regex(raw, "unless_document", path),
        severity=severity,
    )


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> tuple[Entry, ...]:
    by_id: dict[str, Entry] = {}
    for path in paths:
        for raw in entries(read_yaml(path, "outdated"), path, "outdated"):
            entry = _entry(raw, path)
            by_id[entry.id] = entry
    return tuple(by_id.values())


def outdated_entries(profile) -> tuple[Entry, ...]:
    return _load(paths(profile, "outdated"))


def _hits(entry: Entry, paragraphs, candidates: set[int] | None):
    for para in paragraphs:
        if candidates is not None and para.index not in candidates:
            continue
        for m in entry.pattern.finditer(para.text):
            if not entry.historical(para.text, m.start(), m.end()):
                yield para, m


@RULE.checker
def check(ctx):
    if ctx.year is None:
        return  # "out of date" needs the report year
    paragraphs = ctx.nonempty
    full_text = "\n".join(p.text for p in paragraphs)
    for entry in outdated_entries(ctx.profile):
        if not entry.applies(ctx.year):
            continue
        if entry.unless_document is not None and entry.unless_document.search(full_text):
            continue
        # What no paragraph can match is ruled out with one scan of the whole text.
        if not prefilter(entry.pattern).may_match(full_text):
            continue
        hits = list(_hits(entry, paragraphs, candidate_paragraphs(ctx, entry.pattern)))
        if not hits:
            continue
        para, m = hits[0]
        times = f"（全文共{len(hits)}处）" if len(hits) > 1 else ""
        f = RULE.finding(
            para,
            m.start(),
            m.end(),
            message=entry.message.replace("{year}", str(ctx.year)) + times,
            suggestion=entry.suggestion.replace("{year}", str(ctx.year)),
            severity=entry.severity,
            entry=entry.id,
            occurrences=[p.index for p, _ in hits],
        )
        f.basis = entry.basis
        yield f
