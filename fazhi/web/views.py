"""Turn a checked file into what the page shows: the part strip, findings
grouped by part with the evidence marked inside its paragraph, counts, the
verdict. Part and finding views and grouping are the formatters' own
(fazhi.formatters.part_view/finding_view), the ranking is
fazhi.checker.report.ranked, so the page, the HTML report and the CLI agree."""

from __future__ import annotations

from fazhi.formatters import PART_NUMBER, SEVERITY_LABEL, finding_view, grouped_by_part, layout_text, part_view, severity_counts
from fazhi.schema.models import PART_IDS, Profile
from fazhi.web.service import FileResult

__all__ = ["SEVERITY_LABEL", "part_views", "finding_groups", "counts", "layout", "CONTEXT_CHARS"]

WHOLE_DOCUMENT = "全文"
CONTEXT_CHARS = 60  # characters shown either side of the evidence


def part_views(result: FileResult, profile: Profile) -> list[dict]:
    return [part_view(part, profile) for part in result.report.parts]


def finding_groups(result: FileResult, profile: Profile) -> list[tuple[str, list[dict]]]:
    """[(group title, findings)], document-wide findings first, then by part."""
    titles = {None: WHOLE_DOCUMENT} | {pid: f"{PART_NUMBER[pid]}、{profile.part(pid).short}" for pid in PART_IDS}
    return [
        (titles[key], [finding_view(f, width=CONTEXT_CHARS) for f in items])
        for key, items in grouped_by_part(result.report.findings)
    ]


def counts(result: FileResult) -> dict[str, int]:
    return severity_counts(result.report)


def layout(result: FileResult) -> str:
    return layout_text(result.report)
