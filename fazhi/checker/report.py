"""The result of checking one document: parts, findings, score and grade."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from fazhi.checker.findings import Finding
from fazhi.checker.parts import PartResult

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Report:
    file: str
    profile: str
    entity: str | None
    year: int | None
    doc_date: date | None
    parts: list[PartResult]
    findings: list[Finding]
    score: float
    grade: str
    min_score: float = 60
    kind: str = "txt"
    title: str = ""
    extra: dict = field(default_factory=dict)
    # Every paragraph's text in body order (index 1 = paragraphs[0]), for the
    # comparisons across reports (fazhi/season). Not part of the JSON contract.
    paragraphs: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def passed(self) -> bool:
        return not self.errors and self.score >= self.min_score

    def part(self, part_id: str) -> PartResult:
        return next(p for p in self.parts if p.id == part_id)

    @property
    def missing_parts(self) -> list[str]:
        return [p.id for p in self.parts if p.status == "missing"]

    def to_dict(self) -> dict:
        d = {
            "file": self.file,
            "profile": self.profile,
            "entity": self.entity,
            "year": self.year,
            "doc_date": self.doc_date.isoformat() if self.doc_date else None,
            "score": self.score,
            "grade": self.grade,
            "parts": [p.to_dict() for p in self.parts],
            "findings": [f.to_dict() for f in self.findings],
        }
        d.update(self.extra)
        return d


def score(findings: list[Finding], caps: dict[str, float | None]) -> float:
    """100 minus the deductions, each rule's total capped by its max_points."""
    per_rule: dict[str, float] = {}
    for f in findings:
        per_rule[f.rule] = per_rule.get(f.rule, 0.0) + f.points
    total = 0.0
    for slug, pts in per_rule.items():
        cap = caps.get(slug)
        total += min(pts, cap) if cap is not None else pts
    return round(max(0.0, 100.0 - total), 1)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.paragraph or 0, SEVERITY_ORDER.get(f.severity, 3), f.start or 0, f.rule))


def ranked(reports: Sequence[Report]) -> list[Report]:
    """Worst first (what needs sending back comes first): score ascending, then
    more errors first, then file name, so the order is deterministic."""
    return sorted(reports, key=lambda r: (r.score, -len(r.errors), r.file))
