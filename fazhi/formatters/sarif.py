"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

A paragraph is a "line": region.startLine = paragraph index, columns are the
finding's character offsets + 1 (code points). Files that could not be read
become error notifications of the invocation, not results."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from fazhi import __version__
from fazhi.formatters._common import relative_uri_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptors() -> list[dict]:
    from fazhi.checker.rules import registry

    out = []
    for slug, rule in registry().items():
        help_text = f"{rule.explanation}\n\n依据：{rule.basis}\n\n错误示例：{rule.bad}\n\n正确示例：{rule.good}"
        if rule.fix:
            help_text += f"\n\n修改方法：{rule.fix}"
        out.append(
            {
                "id": slug,
                "name": "".join(w.capitalize() for w in slug.split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation},
                "help": {"text": help_text},
                "defaultConfiguration": {"level": LEVEL[rule.severity]},
                "properties": {"tags": [rule.group], "basis": rule.basis},
            }
        )
    return out


def _uri(file: str) -> str:
    return quote(relative_uri_path(file), safe="/")


def _location(report, f) -> dict:
    physical: dict = {"artifactLocation": {"uri": _uri(report.file), "uriBaseId": "%SRCROOT%"}}
    loc: dict = {"physicalLocation": physical}
    if f.paragraph is not None:
        region: dict = {"startLine": f.paragraph, "endLine": f.paragraph}
        if f.start is not None and f.end is not None and f.end > f.start:
            region.update(startColumn=f.start + 1, endColumn=f.end + 1)
        if f.evidence:
            region["snippet"] = {"text": f.evidence}
        physical["region"] = region
        loc["logicalLocations"] = [{"name": f"第{f.paragraph}段", "kind": "paragraph"}]
        loc["message"] = {"text": f"第{f.paragraph}段"}
    return loc


def _message(f) -> str:
    parts = [f.message]
    if f.suggestion:
        parts.append(f"修改：{f.suggestion}")
    parts.append(f"依据：{f.basis}")
    return "\n".join(parts)


def _fingerprint(report, f) -> str:
    """Stable across runs and line moves: file, rule and evidence, not the paragraph number."""
    key = "\x1f".join([relative_uri_path(report.file), f.rule, f.evidence or f.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(report, f, rule_index: dict[str, int]) -> dict:
    result = {
        "ruleId": f.rule,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": _message(f)},
        "locations": [_location(report, f)],
        "partialFingerprints": {"fazhiFinding/v1": _fingerprint(report, f)},
        "properties": {"basis": f.basis, "points": -f.points if f.points else 0, "part": f.part or ""},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.extra.get("baseline") in ("new", "unchanged"):  # fazhi ci --baseline
        result["baselineState"] = f.extra["baseline"]
    return result


def _notification(error) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path), "uriBaseId": "%SRCROOT%"}}}],
    }


def build(reports, errors) -> dict:
    from fazhi.checker.report import ranked

    rules = _rule_descriptors()
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(r, f, rule_index) for r in reports for f in r.findings]
    artifacts = [{"location": {"uri": _uri(r.file), "uriBaseId": "%SRCROOT%"}} for r in reports]
    run = {
        "tool": {
            "driver": {
                "name": "fazhi",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": [_notification(e) for e in errors]}],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "reports": [
                {
                    "file": relative_uri_path(r.file),
                    "score": r.score,
                    "grade": r.grade,
                    "passed": r.passed,
                    "verdict": r.verdict,
                    "counts": r.counts,
                    "layout": r.layout.to_dict() if r.layout is not None else None,
                    "parts": {p.id: p.status for p in r.parts},
                }
                for r in ranked(reports)
            ]
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(reports, errors, **_) -> str:
    return json.dumps(build(reports, errors), ensure_ascii=False, indent=2)
