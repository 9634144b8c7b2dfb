"""The result of checking one document: parts, findings, score and grade."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from fazhi.checker.findings import Finding
from fazhi.checker.parts import PartResult
from fazhi.checker.scoring import Layout, counts, verdict

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
    layout: Layout | None = None  # GB/T 9704 score of a .docx; None: not assessed
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

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.findings)

    @property
    def verdict(self) -> str:
        """The verdict in words, e.g. "退回修改：1 处错误须改正，另有 6 处警告"."""
        return verdict(self.passed, self.score, self.min_score, self.counts)

    @property
    def verdict_word(self) -> str:
        return "通过" if self.passed else "退回修改"

    @property
    def grade_label(self) -> str:
        """The grade never stands alone: "良好 · 退回修改：1 处错误须改正", "优秀 · 通过"."""
        return f"{self.grade} · {self.verdict}"

    @property
    def grade_short(self) -> str:
        """"良好 · 退回修改" where the reason is printed next to it."""
        return f"{self.grade} · {self.verdict_word}"

    def part(self, part_id: str) -> PartResult:
        return next(p for p in self.parts if p.id == part_id)

    @property
    def missing_parts(self) -> list[str]:
        """Parts missing or empty (a heading with nothing under it weighs like missing)."""
        return [p.id for p in self.parts if p.status in ("missing", "empty")]

    def to_dict(self) -> dict:
        d = {
            "file": self.file,
            "profile": self.profile,
            "entity": self.entity,
            "year": self.year,
            "doc_date": self.doc_date.isoformat() if self.doc_date else None,
            "score": self.score,
            "grade": self.grade,
            "passed": self.passed,
            "verdict": self.verdict,
            "counts": self.counts,
            "layout": self.layout.to_dict() if self.layout is not None else None,
            "parts": [p.to_dict() for p in self.parts],
            "findings": [f.to_dict() for f in self.findings],
        }
        d.update(self.extra)
        return d


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.paragraph or 0, SEVERITY_ORDER.get(f.severity, 3), f.start or 0, f.rule))


RANKING_NOTE = "按需要修改的程度排列（名次 1 最需要修改）：未通过的在前，其次错误多的在前，再次得分低的在前"


def rank_key(report: Report) -> tuple:
    """docs/scoring.md §Ranking: failing before passing, more errors, lower score;
    then the file name, so the order is deterministic."""
    return (report.passed, -len(report.errors), report.score, report.file)


def ranked(reports: Sequence[Report]) -> list[Report]:
    """The report that most needs work first. The one ranking of the CLI, the
    HTML/Markdown/SARIF reports and the web page."""
    return sorted(reports, key=rank_key)
