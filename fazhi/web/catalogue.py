"""Data for the pages: one checked file, the rule catalogue, the API list."""

from __future__ import annotations

from fazhi.web import views
from fazhi.web.service import FileResult

GROUP_LABEL = {
    "structure": "结构（五个部分、编号、要素）",
    "content": "内容",
    "references": "引用（法律、规划、过时表述）",
    "language": "文字与标点",
    "layout": "版式（GB/T 9704，仅 .docx）",
    "spelling": "用字（错别字、异形词、繁体字）",
}
SEVERITY_LABEL = views.SEVERITY_LABEL


def file_view(result: FileResult, profile, number: int) -> dict:
    """Everything the result section of one file shows."""
    from fazhi.season.fingerprint import unit_of
    from fazhi.season.render import season_lines

    view = {"number": number, "anchor": f"file-{number}", "name": result.name, "error": result.error, "report": result.report, "download": result.download, "fix_download": result.fix_download, "format_download": result.format_download}
    if result.report is not None:
        view.update(
            parts=views.part_views(result, profile),
            groups=views.finding_groups(result, profile),
            counts=views.counts(result),
            layout=views.layout(result),
            season=season_lines(result.report),
            unit=result.report.extra.get("history") and unit_of(result.report),
        )
    return view


def _rule_dict(rule) -> dict:
    return {
        "slug": rule.slug,
        "group": rule.group,
        "summary": rule.summary,
        "severity": rule.severity,
        "points": rule.points,
        "max_points": rule.max_points,
        "basis": rule.basis,
        "explanation": rule.explanation,
        "fix": rule.fix,
        "bad": rule.bad,
        "good": rule.good,
    }


def rules_json() -> list[dict]:
    from fazhi.checker.rules import registry

    return [_rule_dict(r) for r in registry().values()]


def rule_groups() -> list[tuple[str, list[dict]]]:
    """[(group label, rules)] in the registry's group order."""
    from fazhi.checker.rules import GROUPS

    rules = rules_json()
    for r in rules:
        r["severity_label"] = SEVERITY_LABEL.get(r["severity"], r["severity"])
    order = list(GROUPS) + sorted({r["group"] for r in rules} - set(GROUPS))
    return [(GROUP_LABEL.get(g) or g, [r for r in rules if r["group"] == g]) for g in order if any(r["group"] == g for r in rules)]


def endpoints(openapi: dict) -> list[dict]:
    """The documented endpoints from the OpenAPI schema, for the local /docs page."""
    out = []
    for path, methods in openapi.get("paths", {}).items():
        for method, op in methods.items():
            out.append({"method": method.upper(), "path": path, "summary": code_spans(op.get("summary", "")), "description": code_spans(op.get("description", ""))})
    return out


def code_spans(text: str):
    """OpenAPI texts are Markdown: `fazhi check` → <code>fazhi check</code>, the rest escaped."""
    import re

    from markupsafe import Markup, escape

    parts = re.split(r"`([^`]+)`", text)
    return Markup("").join(escape(p) if i % 2 == 0 else Markup("<code>%s</code>") % p for i, p in enumerate(parts))
