"""plan-title-wrong: a misquoted title or period of a national plan/outline
(fazhi/data/plans.yaml).

Decisions:
- A plan's name followed by a period must write it in parentheses with a period
  the plan has: 《法治政府建设实施纲要2021-2025)》 (a parenthesis missing) and
  （2021-2026年） (no such plan) are findings.
- Half-width brackets, dash variants (- — ～ 至) and 年 after both years are
  typography: halfwidth-punctuation reports half-width brackets, not this rule.
  A bracket that is missing is both a misquote (here) and an unbalanced bracket
  (unbalanced-brackets) — the seed labels ask for both.
- Without a period (《法治政府建设实施纲要》) nothing is checked.
- The next period of a series (（2026－2030年） after （2021－2025年）) is a
  successor plan the data may not list yet, and is not a finding.
- A name inside 《》 after a place (《湖南省法治政府建设实施纲要…》) is a local
  document and is not checked.
- A near miss of the name with a period (《法治政府建设纲要（2021－2025年）》,
  《法制政府建设实施纲要（…）》) is a finding (term-fazhi does not look inside 《》).
One finding per misquote per paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from fazhi.checker.rules.base import Rule
from fazhi.schema.datafiles import entries, need, paths, read_yaml
from fazhi.checker.rules._prefilter import candidate_paragraphs
from fazhi.checker.rules.references._text import titles_of
from fazhi.errors import ProfileError

RULE = Rule(
    slug="plan-title-wrong",
    name="规划名称有误",
    summary="规划、纲要的名称或期限写错",
    severity="warning",
    points=1,
    max_points=3,
    basis="中共中央、国务院印发的规划纲要原题（如《法治政府建设实施纲要（2021－2025年）》，中发〔2021〕33号）",
    explanation=(
        "“一规划两纲要”和普法规划是年度报告最常引用的文件，名称和期限应与原题一致："
        "《法治政府建设实施纲要（2021－2025年）》《法治中国建设规划（2020－2025年）》"
        "《法治社会建设实施纲要（2020－2025年）》。漏掉括号、写错年份（如“2021-2026年”）"
        "或漏字，读者会以为引用的是另一份文件。"
    ),
    bad="按照中共中央、国务院《法治政府建设实施纲要2021-2025)》的要求，推进法治政府建设。",
    good="按照中共中央、国务院《法治政府建设实施纲要（2021－2025年）》的要求，推进法治政府建设。",
    fix="按原题写全名称和期限，如《法治政府建设实施纲要（2021－2025年）》。",
    fixable=True,
)

_PERIOD = re.compile(
    r"\s*(?P<open>[（(])?\s*(?P<y1>(?:19|20)\d{2})\s*年?\s*[-－—–~～至到]{1,2}\s*(?P<y2>(?:19|20)\d{2})\s*(?P<nian>年)?\s*(?P<close>[)）])?"
)
_TRAILING_PERIOD = re.compile(_PERIOD.pattern + r"$")
NEAR = 85


@dataclass(frozen=True)
class Plan:
    core: str
    periods: tuple[tuple[int, int], ...]
    issuer: str = ""

    def closest(self, period: tuple[int, int]) -> tuple[int, int] | None:
        """The plan's real period nearest to a (possibly wrong) quoted one."""
        if not self.periods:
            return None
        return min(self.periods, key=lambda p: abs(p[0] - period[0]) + abs(p[1] - period[1]))

    def title(self, period: tuple[int, int] | None = None) -> str:
        period = period or (self.periods[-1] if self.periods else None)
        return f"《{self.core}（{period[0]}－{period[1]}年）》" if period else f"《{self.core}》"


@dataclass(frozen=True)
class _Plans:
    plans: tuple[Plan, ...]
    core_re: re.Pattern

    def by_core(self, core: str) -> Plan:
        return next(p for p in self.plans if p.core == core)


def _plan(entry, path) -> Plan:
    core = need(entry, "core", path, "plans 条目")
    periods = entry.get("periods") or []
    try:
        periods = tuple((int(a), int(b)) for a, b in periods)
    except (TypeError, ValueError):
        raise ProfileError(f"数据文件 {path}: 《{core}》的 periods 应为 [[起始年, 结束年], …]") from None
    return Plan(core, periods, str(entry.get("issuer") or ""))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> _Plans:
    by_core: dict[str, Plan] = {}
    for path in paths:
        for entry in entries(read_yaml(path, "plans"), path, "plans"):
            plan = _plan(entry, path)
            old = by_core.get(plan.core)
            if old is not None:
                plan = Plan(plan.core, tuple(sorted(set(old.periods + plan.periods))), plan.issuer or old.issuer)
            by_core[plan.core] = plan
    cores = sorted(by_core, key=len, reverse=True)
    core_re = re.compile("|".join(re.escape(c) for c in cores) or "(?!)")
    return _Plans(tuple(by_core.values()), core_re)


def plans(profile) -> _Plans:
    return _load(paths(profile, "plans"))


def _enclosing(titles, start: int, end: int):
    return next((q for q in titles if q.start < start and end <= q.end), None)


def _successor(plan: Plan, period: tuple[int, int]) -> bool:
    """The next plan of a series, not yet in the data (e.g. a 纲要（2026－2030年）
    once issued): it starts the year after the last known period ends and runs as long."""
    last = max(plan.periods)
    return period[0] == last[1] + 1 and period[1] - period[0] == last[1] - last[0]


_NUMERALS = set("一二三四五六七八九十")


def _next_in_series(name: str, plan: Plan, period: tuple[int, int]) -> bool:
    """《…第九个五年规划（2026－2030年）》 after the 八五 plan: the series' next plan,
    not yet in the data, not a misquote of the last one."""
    differ = [(a, b) for a, b in zip(name, plan.core) if a != b]
    same_shape = len(name) == len(plan.core) and differ and all(a in _NUMERALS and b in _NUMERALS for a, b in differ)
    return bool(same_shape) and bool(plan.periods) and _successor(plan, period)


def _period_problem(plan: Plan, m: re.Match, quoted: bool) -> str | None:
    period = (int(m.group("y1")), int(m.group("y2")))
    if plan.periods and period not in plan.periods and not _successor(plan, period):
        known = "、".join(f"{a}－{b}年" for a, b in plan.periods)
        return f"期限写成了{period[0]}－{period[1]}年，该文件的期限是{known}"
    # Outside 《》 a name is often paraphrased; only a quoted title must be exact.
    if quoted and not (m.group("open") and m.group("close")):
        return "期限缺少括号"
    if quoted and not m.group("nian"):
        return "期限缺少“年”字"  # 《法治政府建设实施纲要（2021—2025）》
    return None


def _exact_findings(para, table: _Plans, titles):
    text = para.text
    for m in table.core_re.finditer(text):
        plan = table.by_core(m.group(0))
        quote = _enclosing(titles, m.start(), m.end())
        if quote is not None and text[quote.start + 1 : m.start()] not in ("", plan.issuer):
            continue  # a local document quoting the national name
        period = _PERIOD.match(text, m.end())
        if period is None or (quote is not None and period.end() > quote.end):
            continue
        problem = _period_problem(plan, period, quote is not None)
        if problem is None:
            continue
        start, end = (quote.start, quote.end) if quote is not None else (m.start(), period.end())
        years = (int(period.group("y1")), int(period.group("y2")))
        right = plan.title(plan.closest(years))
        yield RULE.finding(
            para,
            start,
            end,
            message=f"《{plan.core}》{problem}",
            suggestion=f"改为{right}。",
            fix=_exact_wording(para, quote, years, plan, right),
        )


def _near_findings(para, table: _Plans, titles, local_prefix: re.Pattern):
    for q in titles:
        inner = q.inner.strip()
        if table.core_re.search(inner) or local_prefix.match(inner):
            continue
        period = _TRAILING_PERIOD.search(inner)
        if period is None:
            continue
        name = inner[: period.start()]
        plan = max(table.plans, key=lambda p: fuzz.ratio(name, p.core))
        years = (int(period.group("y1")), int(period.group("y2")))
        if fuzz.ratio(name, plan.core) < NEAR or _next_in_series(name, plan, years):
            continue
        right = plan.title(plan.closest(years))
        yield RULE.finding(
            para,
            q.start,
            q.end,
            message=f"《{inner}》与原题不符（有漏字或错字），应为{right}",
            suggestion=f"改为{right}。",
            fix=_exact_wording(para, q, years, plan, right),
        )


def _near_regulations(para, table: _Plans, titles, fixed: list[Plan]):
    """A regulation without a period misquoted by a character (督查 for 督察)."""
    lengths = {len(p.core) for p in fixed}
    for q in titles:
        inner = q.inner.strip()
        if len(inner) not in lengths:  # the best match must have its length (also: no regulations)
            continue
        if table.core_re.search(inner) or _TRAILING_PERIOD.search(inner):
            continue
        plan = max(fixed, key=lambda p: fuzz.ratio(inner, p.core))
        if len(inner) != len(plan.core) or fuzz.ratio(inner, plan.core) < NEAR:
            continue
        yield RULE.finding(
            para,
            q.start,
            q.end,
            message=f"《{inner}》与原题不符（有错字），应为《{plan.core}》",
            suggestion=f"改为《{plan.core}》。",
        )


def _exact_wording(para, quote, years: tuple[int, int], plan: Plan, right: str) -> list | None:
    """The quoted title rewritten to the plan's exact wording — only when it is
    quoted in 《》 and its years are a period the plan has (a wrong year needs a person)."""
    if quote is None or years not in plan.periods:
        return None
    return [RULE.edit(para, quote.start, quote.end, right)]


@RULE.checker
def check(ctx):
    from fazhi.checker.rules.references._titles import shapes

    table = plans(ctx.profile)
    local_prefix = shapes(ctx.profile).local_prefix
    named = candidate_paragraphs(ctx, table.core_re)  # where a plan's name may be: one scan of the text
    fixed = [p for p in table.plans if not p.periods]
    for para in ctx.nonempty:
        titles = titles_of(ctx, para)
        if named is None or para.index in named:
            yield from _exact_findings(para, table, titles)
        if titles:
            yield from _near_findings(para, table, titles, local_prefix)
            yield from _near_regulations(para, table, titles, fixed)
