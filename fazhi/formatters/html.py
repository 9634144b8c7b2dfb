"""One self-contained HTML page for a batch: ranked table, part grids, findings
with the evidence marked in its paragraph, a chart of findings by rule.
Inline CSS and SVG only: no scripts, fonts or images from the network."""

from __future__ import annotations

from fazhi.formatters._view import batch_view, render_template


def render(reports, errors, *, title: str | None = None, **_) -> str:
    view = batch_view(reports, errors, **({"title": title} if title else {}))
    return render_template("report.html.j2", view)
