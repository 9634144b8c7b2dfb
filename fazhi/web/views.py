"""Turn a checked file into what the page shows: the part strip, findings
grouped by part with the evidence marked inside its paragraph, counts.
Grouping and excerpts are the formatters' own helpers, so the page and the
HTML report agree."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.checker.findings import Finding
from fazhi.formatters import excerpt, grouped_by_part, severity_counts
from fazhi.schema.models import PART_IDS, Profile
from fazhi.web.service import FileResult

STATUS_LABEL = {"heading": "有标题", "inline": "无标题", "missing": "缺失"}
STATUS_HINT = {
    "heading": "该部分有自己的一级标题",
    "inline": "内容在，但没有自己的标题",
    "missing": "没有找到该部分的内容",
}
STATUS_SYMBOL = {"heading": "✓", "inline": "～", "missing": "✗"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
PART_NUMBER = dict(zip(PART_IDS, "一二三四五"))
WHOLE_DOCUMENT = "全文"
CONTEXT_CHARS = 60  # characters shown either side of the evidence


@dataclass
class PartView:
    id: str
    number: str
    name: str
    status: str
    label: str
    symbol: str
    hint: str
    where: str


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


def part_views(result: FileResult, profile: Profile) -> list[PartView]:
    views = []
    for part in result.report.parts:
        where = ""
        if part.anchor is not None:
            where = f"第{part.anchor.index}段"
            if part.heading is not None:
                where += f"：{_clip(part.heading.paragraph.text.strip(), 40)}"
        views.append(
            PartView(
                part.id, PART_NUMBER[part.id], profile.part(part.id).short, part.status,
                STATUS_LABEL[part.status], STATUS_SYMBOL[part.status], STATUS_HINT[part.status], where,
            )
        )
    return views


def finding_groups(result: FileResult, profile: Profile) -> list[tuple[str, list[dict]]]:
    """[(group title, findings)], document-wide findings first, then by part."""
    titles = {None: WHOLE_DOCUMENT} | {pid: f"{PART_NUMBER[pid]}、{profile.part(pid).short}" for pid in PART_IDS}
    return [(titles[key], [finding_view(f) for f in items]) for key, items in grouped_by_part(result.report.findings)]


def finding_view(f: Finding) -> dict:
    ex = excerpt(f, width=CONTEXT_CHARS)
    if ex is not None:
        ex = {"before": ("…" if ex.clipped_left else "") + ex.before, "hit": ex.hit, "after": ex.after + ("…" if ex.clipped_right else "")}
    return {
        "rule": f.rule,
        "severity": f.severity,
        "severity_label": SEVERITY_LABEL.get(f.severity, f.severity),
        "message": f.message,
        "paragraph": f.paragraph,
        "points": f.points,
        "excerpt": ex,
        "suggestion": f.suggestion,
        "basis": f.basis,
    }


def counts(result: FileResult) -> dict[str, int]:
    return severity_counts(result.report)
