"""From findings to what a reviewer would say (docs/scoring.md).

Two dimensions:
- the headline score and grade: content and structure, the same for the same
  text in any format (layout findings are left out);
- the layout score: .docx only, from the layout rules' weights in the profile.

One verdict: `passed` (no error and a headline score at or above the minimum)
and its words ("退回修改：1 处错误须改正，另有 6 处警告").

The weights, caps and grade boundaries live in the profile (`scoring`,
`grades`, `min_score`, each part's `weight` and `main`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from fazhi.checker.findings import Finding

if TYPE_CHECKING:
    from fazhi.schema.models import Profile

PART_RULES = ("part-missing", "part-empty")  # weighed by the part's weight, not by severity
ABSENT = ("missing", "empty")


@dataclass(frozen=True)
class Layout:
    score: float
    grade: str

    def to_dict(self) -> dict:
        return {"score": self.score, "grade": self.grade}


def is_layout(finding: Finding) -> bool:
    from fazhi.checker.rules import registry

    rule = registry().get(finding.rule)
    return rule is not None and rule.group == "layout"


def weigh(findings: Iterable[Finding], profile: Profile) -> None:
    """Set each finding's points as the score counts them: a part's weight for
    part-missing/part-empty, the layout weight for layout findings, else the
    rule's points bounded so that an error always costs more than a warning."""
    s = profile.scoring
    for f in findings:
        if f.severity == "info":
            f.points = 0.0
        elif f.rule in PART_RULES:
            continue  # the rule set its part's weight
        elif is_layout(f):
            f.points = s.layout_points.get(f.rule, f.points)
        elif f.severity == "error":
            f.points = max(f.points, s.error_min_points)
        else:
            f.points = min(f.points, s.warning_max_points)


def _deductions(findings: list[Finding], caps: dict[str, float | None], profile: Profile) -> float:
    """Sum of points, per rule and severity: a rule's errors capped by its
    max_points (never below one error), its warnings also by warning_rule_cap."""
    s = profile.scoring
    totals: dict[tuple[str, str], float] = {}
    for f in findings:
        totals[(f.rule, f.severity)] = totals.get((f.rule, f.severity), 0.0) + f.points
    total = 0.0
    for (slug, severity), pts in totals.items():
        cap = caps.get(slug)
        if slug in PART_RULES:
            cap = None
        elif severity == "error":
            cap = max(cap, s.error_min_points) if cap is not None else None
        else:
            cap = min(cap, s.warning_rule_cap) if cap is not None else s.warning_rule_cap
        total += min(pts, cap) if cap is not None else pts
    return total


def absent_parts(parts, profile: Profile) -> list[str]:
    return [p.id for p in parts if p.status in ABSENT]


def ceiling(parts, profile: Profile, errors: int = 0) -> float:
    """The lowest cap whose conditions hold (scoring.caps)."""
    absent = absent_parts(parts, profile)
    main = [p for p in absent if p in profile.main_parts]
    limit = 100.0
    for cap in profile.scoring.caps:
        if len(main if cap.main_only else absent) >= cap.absent and errors >= cap.errors:
            limit = min(limit, cap.max_score)
    return limit


def headline(findings: list[Finding], parts, profile: Profile, caps: dict[str, float | None]) -> float:
    content = [f for f in findings if not is_layout(f)]
    raw = max(0.0, 100.0 - _deductions(content, caps, profile))
    errors = sum(f.severity == "error" for f in content)
    return round(min(raw, ceiling(parts, profile, errors)), 1)


def layout(findings: list[Finding], profile: Profile, has_layout: bool) -> Layout | None:
    if not has_layout:
        return None
    per_rule: dict[str, float] = {}
    for f in findings:
        if is_layout(f):
            per_rule[f.rule] = max(per_rule.get(f.rule, 0.0), f.points)  # a rule costs its weight once
    score = round(max(0.0, 100.0 - sum(per_rule.values())), 1)
    return Layout(score, profile.grade(score))


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in ("error", "warning", "info")}


def verdict(passed: bool, score: float, min_score: float, counts: dict[str, int]) -> str:
    """The verdict in a reviewer's words, errors first."""
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    if passed:
        return f"通过：另有 {warnings} 处警告建议修改" if warnings else "通过"
    reasons = []
    if errors:
        reasons.append(f"{errors} 处错误须改正")
    if score < min_score:
        reasons.append(f"得分 {score:g} 低于合格线 {min_score:g}")
    if warnings:
        reasons.append(f"另有 {warnings} 处警告")
    return "退回修改：" + "，".join(reasons)


def score_report(findings: list[Finding], parts, profile: Profile, caps: dict[str, float | None], has_layout: bool):
    """(headline score, layout or None) after weighing the findings in place."""
    weigh(findings, profile)
    return headline(findings, parts, profile, caps), layout(findings, profile, has_layout)


def summary(profile: Profile) -> list[str]:
    """The scoring of a profile in a county reviewer's words (`fazhi schema`)."""
    s = profile.scoring
    main = "、".join(f"{p.short}（{p.weight:g} 分）" for p in profile.parts if p.main)
    other = "、".join(f"{p.short}（{p.weight:g} 分）" for p in profile.parts if not p.main) or "无"
    grades = "，".join(f"{g.name} ≥ {g.min_score:g}" for g in sorted(profile.grades, key=lambda g: -g.min_score))
    caps = "；".join(f"{c.reason or '上限'}：至多 {c.max_score:g}" for c in s.caps)
    layout = "、".join(f"{slug} {pts:g}" for slug, pts in s.layout_points.items())
    return [
        f"评分（总分只看内容和结构）：主要部分 {main}；其他部分 {other}；缺失或只有标题时扣该部分的分",
        f"每处错误至少扣 {s.error_min_points:g} 分，每处警告至多扣 {s.warning_max_points:g} 分，同一规则的警告合计至多 {s.warning_rule_cap:g} 分",
        f"总分上限：{caps}",
        f"等级：{grades}；通过：无错误且总分 ≥ {profile.min_score:g}",
        f"版式分（仅 .docx，100 分起扣）：{layout}",
    ]
