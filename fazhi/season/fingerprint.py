"""Stable fingerprints of findings: the same problem in the next version of a
report has the same fingerprint even when paragraphs were added above it.

fingerprint = sha1(rule | part | evidence | surroundings | occurrence)[:16]
- evidence without whitespace (punctuation kept: a half-width "," is evidence);
- surroundings: up to 6 characters either side of the evidence in its paragraph,
  without whitespace, so the same evidence in two places is two findings;
- occurrence: the n-th finding with all of the above the same, in document order.
Not the paragraph number: it moves whenever a paragraph is added above."""

from __future__ import annotations

import re

try:  # the same digest as hashlib.sha1, without hashlib loading OpenSSL (~6 ms of a start-up)
    from _sha1 import sha1
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha1

_SPACE = re.compile(r"\s+")
WINDOW = 6


def _key(f) -> str:
    evidence = _SPACE.sub("", f.evidence or "")
    around = ""
    if f.context and f.start is not None:
        end = f.end if f.end is not None else f.start
        around = _SPACE.sub("", f.context[max(0, f.start - WINDOW) : f.start] + "|" + f.context[end : end + WINDOW])
    return f"{f.rule}|{f.part or ''}|{evidence}|{around}"


def _hash(base: str, n: int) -> str:
    return sha1(f"{base}|{n}".encode()).hexdigest()[:16]


def stamp(report) -> None:
    """Give each finding without one its fingerprint (`extra["fingerprint"]`, in
    the JSON). Findings stamped before keep theirs, also those set aside
    (`extra["dismissed"]`), so stamping again after findings were added or
    dismissed never moves a fingerprint to another finding."""
    used = {f.extra["fingerprint"] for f in report.findings if "fingerprint" in f.extra}
    used |= {d.get("fingerprint") for d in report.extra.get("dismissed") or []}
    for f in sorted(report.findings, key=lambda f: (f.paragraph or 0, f.start or 0)):
        if "fingerprint" in f.extra:
            continue
        base, n = _key(f), 0
        while _hash(base, n) in used:
            n += 1
        f.extra["fingerprint"] = _hash(base, n)
        used.add(f.extra["fingerprint"])


def unit_of(report) -> str:
    """Whose report it is: the entity, else the file name without its extension."""
    from pathlib import Path

    return report.entity or Path(report.file).stem
