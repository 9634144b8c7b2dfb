"""Helpers to run rules on a snippet of text (used by the rule-example tests)."""

from __future__ import annotations

from fazhi.checker.engine import check_document
from fazhi.checker.findings import Finding
from fazhi.checker.reader import document_from_text
from fazhi.schema import load_profile


def findings_for(text: str, slug: str | None = None, *, year: int | None = None, profile: str = "township") -> list[Finding]:
    """Check `text` as a .txt report; return the findings (of `slug` only, if given).
    Only `slug` runs when given, so examples test one rule in isolation."""
    doc = document_from_text(text)
    report = check_document(doc, load_profile(profile), year=year, only={slug} if slug else None)
    return [f for f in report.findings if slug is None or f.rule == slug]


def found(text: str, slug: str, year: int | None = 2023, profile: str = "township") -> list[Finding]:
    """`findings_for` of one rule in a report for `year` (the examples' default year)."""
    return findings_for(text, slug, year=year, profile=profile)
