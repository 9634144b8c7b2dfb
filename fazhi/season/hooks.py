"""What the season adds to `fazhi check` / `fazhi ci` once a batch is checked:
copying between the reports (several files). Kept in one call so the shared
command modules only need one line."""

from __future__ import annotations


def after_batch(reports: list, settings, *, many: bool) -> None:
    """Add `copied-paragraph` findings when several reports were checked together."""
    from fazhi.season.copying import copy_findings

    if many and len(reports) > 1:
        copy_findings(reports, settings.profile)
