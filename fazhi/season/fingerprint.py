"""Stable fingerprints of findings: the same problem in the next version of a
report has the same fingerprint even when paragraphs were added above it.

fingerprint = sha1(rule | part | normalised evidence | occurrence)[:16]
- normalised evidence: letters, digits and Chinese characters only;
- occurrence: the n-th finding with the same rule, part and evidence in the
  report (two 法制宣传 in one part are two problems), in document order.
Not the paragraph number: it moves whenever a paragraph is added above."""

from __future__ import annotations

import hashlib

from fazhi.season.text import normalise


def fingerprints(findings) -> list[str]:
    """One fingerprint per finding, in the given order."""
    seen: dict[str, int] = {}
    out = []
    for f in sorted(findings, key=lambda f: (f.paragraph or 0, f.start or 0)):
        base = f"{f.rule}|{f.part or ''}|{normalise(f.evidence or '')}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append((id(f), hashlib.sha1(f"{base}|{n}".encode()).hexdigest()[:16]))
    by_id = dict(out)
    return [by_id[id(f)] for f in findings]


def stamp(report) -> None:
    """Write each finding's fingerprint into its JSON (`"fingerprint"`)."""
    for f, fp in zip(report.findings, fingerprints(report.findings)):
        f.extra["fingerprint"] = fp


def unit_of(report) -> str:
    """Whose report it is: the entity, else the file name without its extension."""
    from pathlib import Path

    return report.entity or Path(report.file).stem
