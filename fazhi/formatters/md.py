"""Markdown for pasting into an issue, a merge request or a chat: the ranked
table, then each report's parts and findings grouped by part."""

from __future__ import annotations

from fazhi.formatters._view import batch_view, render_template


def render(reports, errors, *, title: str | None = None, **_) -> str:
    view = batch_view(reports, errors, **({"title": title} if title else {}))
    return render_template("report.md.j2", view)
