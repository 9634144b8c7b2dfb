"""term-fazhi: 法制 where 法治 is meant (法制宣传, 法制教育, 法制副校长 …),
from fazhi/data/terms.yaml. Legitimate 法制 (法制审核, 法制机构, the 宪法's
纪律和法制教育) is listed there too and never flagged. A wrong term is a habit
across the document: one finding per term per document, at its first
occurrence, with the count. Terms inside 《》 are not checked: a title is
quoted as issued."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fazhi.checker.rules.base import Rule
from fazhi.schema.datafiles import entries, need, paths, read_yaml
from fazhi.checker.rules.references._matcher import PhraseMatcher
from fazhi.checker.rules.references._text import Spans, quoted_titles
from fazhi.errors import ProfileError

RULE = Rule(
    slug="term-fazhi",
    name="“法制”误用",
    summary="该用“法治”的地方写成了“法制”",
    severity="warning",
    points=1,
    max_points=3,
    basis="常见实务；“七五”“八五”普法规划和《中华人民共和国法治宣传教育法》均使用“法治宣传教育”",
    explanation=(
        "“法制”指法律制度，“法治”指依法治理。党的十五大以来的提法是“依法治国，建设社会主义法治国家”，"
        "普法规划自“七五”起称“法治宣传教育”，2025年施行的《法治宣传教育法》也用“法治”。"
        "因此“法制宣传”“法制教育”“法制副校长”等应写作“法治…”。"
        "“重大执法决定法制审核”“法制机构”“法制工作委员会”以及宪法原文中的“法制”是正确用法，不报告。"
    ),
    bad="二是加强干部法制教育培训，组织开展法制宣传活动12场。",
    good="二是加强干部法治教育培训，组织开展法治宣传活动12场，落实重大执法决定法制审核制度。",
    fix="把“法制”改为“法治”。",
    fixable=True,
)


@dataclass(frozen=True)
class Term:
    term: str
    right: str
    from_year: int | None = None
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Terms:
    matcher: PhraseMatcher
    historical_before: re.Pattern | None


def _term(raw, path) -> Term:
    term = need(raw, "term", path, "wrong 条目")
    right = need(raw, "right", path, f"wrong 条目 {term}")
    from_year = raw.get("from_year")
    if from_year is not None and not isinstance(from_year, int):
        raise ProfileError(f"数据文件 {path}: 条目 {term} 的 from_year 应为年份（整数）")
    return Term(term, right, from_year, str(raw.get("basis") or ""), str(raw.get("note") or ""))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> _Terms:
    wrong: dict[str, Term] = {}
    legit: set[str] = set()
    historical: list[str] = []
    for path in paths:
        data = read_yaml(path, "terms") or {}
        for raw in entries(data, path, "wrong"):
            term = _term(raw, path)
            wrong[term.term] = term
        legit.update(str(x) for x in entries(data, path, "legit"))
        if isinstance(data, dict) and data.get("historical_before"):
            historical.append(str(data["historical_before"]))
    phrases = [(t, ("wrong", term)) for t, term in wrong.items()] + [(p, ("legit", p)) for p in legit]
    try:
        hist = re.compile("|".join(f"(?:{h})" for h in historical)) if historical else None
    except re.error as exc:
        raise ProfileError(f"数据文件 {paths[-1]}: historical_before 不是有效的正则表达式：{exc}") from None
    return _Terms(PhraseMatcher(phrases), hist)


def terms(profile) -> _Terms:
    return _load(paths(profile, "terms"))


def wrong_terms(text: str, table: _Terms, year: int | None) -> list[tuple[int, int, Term]]:
    """Wrong terms in `text`, outside legitimate phrases, historical names and
    quoted titles (a document's real title stays as it was issued; a misquoted
    plan title is plan-title-wrong's business)."""
    hits = table.matcher.all(text)
    if not any(kind == "wrong" for _, _, (kind, _) in hits):
        return []
    legit = [(s, e) for s, e, (kind, _) in hits if kind == "legit"]
    legit += [(q.start, q.end) for q in quoted_titles(text)] if "《" in text else []
    protected = Spans(len(text), legit)
    found: list[tuple[int, int, Term]] = []
    for s, e, (kind, term) in hits:
        if kind != "wrong" or protected.contains(s, e):
            continue
        if year is not None and term.from_year is not None and year < term.from_year:
            continue
        if table.historical_before is not None and table.historical_before.search(text[max(0, s - 6) : s]):
            continue
        found.append((s, e, term))
    return _longest_first(found)


def _longest_first(hits: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Where terms overlap the longest wins (法制宣传 inside 全国法制宣传日)."""
    taken: list[tuple[int, int, Term]] = []
    used = bytearray(max((e for _, e, _ in hits), default=0))
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if not any(used[hit[0] : hit[1]]):
            used[hit[0] : hit[1]] = b"\x01" * (hit[1] - hit[0])
            taken.append(hit)
    return sorted(taken, key=lambda h: h[0])


def _mechanical(term: Term) -> bool:
    """Only 法制→法治 with the rest unchanged is fixed as a tracked change;
    a different right term (全国法制宣传日 → 国家宪法日) needs a person."""
    return term.right == term.term.replace("法制", "法治")


@RULE.checker
def check(ctx):
    table = terms(ctx.profile)
    first: dict[str, tuple] = {}
    occurrences: dict[str, list[int]] = {}
    edits: dict[str, list] = {}
    # Only a paragraph with a wrong term has a finding: one scan of the whole text finds them.
    wrong = ctx.paragraphs_hit(s for s, _, (kind, _) in table.matcher.all(ctx.full_text) if kind == "wrong")
    for para in ctx.nonempty:
        if para.index not in wrong and not table.matcher.multiline:
            continue
        for s, e, term in wrong_terms(para.text, table, ctx.year):
            first.setdefault(term.term, (para, s, e, term))
            occurrences.setdefault(term.term, []).append(para.index)
            if _mechanical(term):
                edits.setdefault(term.term, []).append(RULE.edit(para, s, e, term.right))
    for key, (para, s, e, term) in first.items():
        count = len(occurrences[key])
        times = f"（全文共{count}处）" if count > 1 else ""
        note = f"（{term.note}）" if term.note else ""
        f = RULE.finding(
            para,
            s,
            e,
            message=f"“{term.term}”应为“{term.right}”{note}{times}",
            suggestion=f"把“{term.term}”改为“{term.right}”。",
            right=term.right,
            occurrences=occurrences[key],
            fix=edits.get(key),
        )
        if term.basis:
            f.basis = term.basis
        yield f
