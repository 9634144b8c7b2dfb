"""Markdown for pasting into an issue, a merge request or a chat: the ranked
table, then each report's parts and findings grouped by part.

A GitHub comment holds at most 65,536 characters; a batch of 20+ reports says
more. Then (or with `summary=True`) the summary form is written instead: the
ranked table, the most frequent rules and each report's errors, cut to fit."""

from __future__ import annotations

from fazhi.formatters._common import rule_name
from fazhi.formatters._view import batch_view, render_template

COMMENT_LIMIT = 65_536  # characters in a GitHub issue or pull-request comment
TOP_RULES = 10
ERRORS_PER_REPORT = 3


def render(reports, errors, *, title: str | None = None, summary: bool | None = None, limit: int = COMMENT_LIMIT, **_) -> str:
    """`summary`: None = only when the full text exceeds `limit`; True/False = always/never."""
    view = batch_view(reports, errors, **({"title": title} if title else {}))
    if not summary:
        full = render_template("report.md.j2", view)
        if summary is False or len(full) <= limit:
            return full
    return summary_text(view, limit)


def summary_text(view: dict, limit: int = COMMENT_LIMIT) -> str:
    """The summary form, as much as fits in `limit` characters: fewer detailed
    reports first, then fewer table rows."""
    bars = view["chart"]["bars"][:TOP_RULES]
    top_rules = [{"rule": b["rule"], "name": rule_name(b["rule"]), "total": b["total"]} for b in bars]
    detailed = [_errors_line(r) for r in view["reports"] if not r["passed"]]
    detailed = [d for d in detailed if d["top"]]
    table = view["reports"]
    while True:
        text = render_template("summary.md.j2", {**view, "limit": f"{limit:,}", "top_rules": top_rules, "detailed": detailed, "table": table})
        if len(text) <= limit or (not detailed and len(table) <= 1):
            return text
        if detailed:
            detailed = detailed[: len(detailed) * 3 // 4]
        else:
            table = table[: max(1, len(table) * 3 // 4)]


def _errors_line(r: dict) -> dict:
    errors = [f for g in r["groups"] for f in g["findings"] if f["severity"] == "error"]
    top = [{"name": rule_name(f["rule"]), "paragraph": f["paragraph"], "message": f["message"]} for f in errors[:ERRORS_PER_REPORT]]
    return {"rank": r["rank"], "file": r["file"], "score_text": r["score_text"], "top": top, "more": max(0, len(errors) - ERRORS_PER_REPORT)}
