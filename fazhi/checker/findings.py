"""Findings: what a rule reports. Rules return them; formatters render them."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Edit:
    """One mechanical text edit a fixable rule proposes: replace
    `text[start:end]` of paragraph `paragraph` (1-based, like
    `Finding.paragraph`; offsets in the reader's `Paragraph.text`, marker
    included) with `replacement`. `fazhi fix` writes it as a tracked change."""

    paragraph: int
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    paragraph: int | None = None  # 1-based, contract's location.paragraph
    start: int | None = None
    end: int | None = None
    evidence: str = ""
    suggestion: str = ""
    points: float = 0.0  # deduction, positive number; rendered negative in JSON
    basis: str = "常见实务"
    part: str | None = None  # part id the paragraph belongs to (set by the engine)
    extra: dict = field(default_factory=dict)  # rule-specific data (e.g. uncovered areas)
    # Edits that fix this finding for certain (only rules with `fixable=True`);
    # empty when the fix needs a person. One finding may carry edits in many
    # paragraphs (term-fazhi reports a term once but fixes every occurrence).
    fix: list[Edit] = field(default_factory=list)
    # The paragraph's text, set by the engine so readable formatters (html, md,
    # annotated copy) can show the evidence in context. Not part of the JSON contract.
    context: str = field(default="", repr=False, compare=False)

    def location(self) -> dict:
        loc: dict = {}
        if self.paragraph is not None:
            loc["paragraph"] = self.paragraph
        if self.start is not None:
            loc["start"] = self.start
            loc["end"] = self.end
        return loc

    def to_dict(self) -> dict:
        d: dict = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "location": self.location(),
            "evidence": self.evidence,
            "suggestion": self.suggestion,
            "points": -round(self.points, 2) if self.points else 0,
            "basis": self.basis,
        }
        if self.part:
            d["part"] = self.part
        if self.extra:
            d.update(self.extra)
        if self.fix:
            d["fix"] = [e.to_dict() for e in self.fix]
        return d
