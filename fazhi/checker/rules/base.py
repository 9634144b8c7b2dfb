"""What a rule is. One module per rule, yamllint-style:

    RULE = Rule(slug="term-fazhi", severity="warning", points=1, ...)

    @RULE.checker
    def check(ctx):
        for para in ctx.body:
            ...
            yield RULE.finding(para, start, end, message="…", suggestion="…")

A rule never prints, never parses XML and never knows about output formats; it
reads the `Context` (document model, outline, parts, profile, data) and yields
`Finding`s. The engine applies the profile's severity/points overrides and caps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from fazhi.checker.findings import Edit, Finding

if TYPE_CHECKING:
    from fazhi.checker.context import Context
    from fazhi.checker.model import Paragraph

@dataclass(frozen=True)
class Option:
    """A setting a profile may give a rule (`rules: {slug: {options: {key: value}}}`).
    Declared per rule, checked and converted when the profile is loaded."""

    type: type  # int, float, bool or str
    help: str  # Chinese, shown by `fazhi rules SLUG`
    default: Any = None  # None: the default comes from the rule's data file


@dataclass
class Rule:
    slug: str
    summary: str  # one line, Chinese
    severity: str  # default: error / warning / info
    points: float  # default deduction per finding
    basis: str  # what it rests on (regulation article, GB/T clause or 常见实务)
    explanation: str  # why it matters, Chinese (shown by `fazhi rules SLUG`)
    bad: str  # example text that triggers the rule
    good: str  # example text that does not
    max_points: float | None = None  # cap of the total deduction by this rule
    example_year: int = 2023  # report year assumed when testing the examples
    examples_are_text: bool = True  # False for layout rules (examples need a .docx)
    group: str = ""  # set by the registry: the folder the module is in
    fix: str = ""  # how to fix, generic (Chinese)
    options: dict[str, Option] = field(default_factory=dict)
    # True when some findings carry `Finding.fix` edits that `fazhi fix` applies
    # as tracked changes (a finding without edits stays a comment).
    fixable: bool = False
    check: Callable[["Context"], Iterable[Finding]] | None = field(default=None, repr=False)
    # Short Chinese name, what a clerk sees first (Word comments, text output);
    # every registered rule declares one (tests/test_rule_names.py).
    name: str = ""

    def checker(self, fn: Callable[["Context"], Iterable[Finding]]):
        self.check = fn
        return fn

    def run(self, ctx: "Context") -> Iterable[Finding]:
        if self.check is None:
            raise RuntimeError(f"rule {self.slug!r} has no check function")
        return self.check(ctx)

    def edit(self, para: "Paragraph", start: int, end: int, replacement: str) -> Edit:
        """An `Edit` of `para.text[start:end]` for a finding's `fix`."""
        return Edit(para.index, start, end, replacement)

    def finding(
        self,
        para: "Paragraph | None",
        start: int | None = None,
        end: int | None = None,
        *,
        message: str,
        suggestion: str = "",
        evidence: str | None = None,
        severity: str | None = None,
        points: float | None = None,
        basis: str | None = None,
        fix: "list[Edit] | None" = None,
        **extra,
    ) -> Finding:
        """A finding pre-filled with this rule's defaults. `evidence` defaults to
        the paragraph text between start and end (or the whole paragraph).
        `fix`: the certain edits (see `Edit`), only for a rule with fixable=True."""
        if fix and not self.fixable:
            raise ValueError(f"rule {self.slug!r} attaches a fix but is not declared fixable")
        if evidence is None and para is not None:
            text = para.text
            evidence = text[start:end] if start is not None else text.strip()[:80]
        return Finding(
            rule=self.slug,
            severity=severity or self.severity,
            message=message,
            paragraph=para.index if para is not None else None,
            start=start,
            end=end,
            evidence=evidence or "",
            suggestion=suggestion or self.fix,
            points=self.points if points is None else points,
            basis=basis or self.basis,
            extra=extra,
            fix=list(fix or ()),
        )
