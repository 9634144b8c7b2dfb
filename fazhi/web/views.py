"""Turn a checked file into what the page shows: the part strip, findings
grouped by part with the evidence marked inside its paragraph, counts, the
verdict. Part and finding views, grouping and ranking are the formatters' and
the batch's own (fazhi.formatters._view, fazhi.batch.ranked), so the page, the
HTML report and the CLI agree."""

from __future__ import annotations

from fazhi.formatters._common import SEVERITY_LABEL, grouped_by_part, layout_text, severity_counts
from fazhi.formatters._view import PART_NUMBER, finding_view, part_view
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
