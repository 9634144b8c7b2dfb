"""Turn a checked file into what the page shows: the part strip, findings
grouped by part with the evidence marked inside its paragraph, counts."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.checker.findings import Finding
from fazhi.checker.model import Document
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
class Excerpt:
    before: str
    hit: str
    after: str


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


def excerpt(text: str, f: Finding, width: int = CONTEXT_CHARS) -> Excerpt | None:
    """The paragraph around the finding's evidence, the evidence marked."""
    span = _span(text, f)
    if span is None:
        return Excerpt(_clip_right(text, 2 * width), "", "") if text.strip() else None
    start, end = span
    return Excerpt(_clip_left(text[:start], width), text[start:end], _clip_right(text[end:], width))


def _span(text: str, f: Finding) -> tuple[int, int] | None:
    if f.start is not None and f.end is not None and 0 <= f.start < f.end <= len(text):
        return f.start, f.end
    if f.evidence:
        i = text.find(f.evidence)
        if i != -1:
            return i, i + len(f.evidence)
    return None


def _clip_left(s: str, n: int) -> str:
    return s if len(s) <= n else "…" + s[-n:]


def _clip_right(s: str, n: int) -> str:
    return s if len(s) <= n else s[:n] + "…"


def part_views(result: FileResult, profile: Profile) -> list[PartView]:
    views = []
    for part in result.report.parts:
        spec = profile.part(part.id)
        where = ""
        if part.anchor is not None:
            where = f"第{part.anchor.index}段"
            if part.heading is not None:
                where += f"：{_clip_right(part.heading.paragraph.text.strip(), 40)}"
        views.append(
            PartView(
                part.id, PART_NUMBER[part.id], spec.short, part.status,
                STATUS_LABEL[part.status], STATUS_SYMBOL[part.status], STATUS_HINT[part.status], where,
            )
        )
    return views


def finding_groups(result: FileResult, profile: Profile) -> list[tuple[str, list[dict]]]:
    """[(group title, findings)], document-wide findings first, then by part."""
    groups: dict[str | None, list[dict]] = {}
    for f in result.report.findings:
        key = f.part if f.part in PART_IDS else None
        groups.setdefault(key, []).append(finding_view(f, result.doc))
    titles = {None: WHOLE_DOCUMENT} | {pid: f"{PART_NUMBER[pid]}、{profile.part(pid).short}" for pid in PART_IDS}
    return [(titles[k], groups[k]) for k in (None, *PART_IDS) if k in groups]


def finding_view(f: Finding, doc: Document | None) -> dict:
    text = _paragraph_text(doc, f.paragraph)
    return {
        "rule": f.rule,
        "severity": f.severity,
        "severity_label": SEVERITY_LABEL.get(f.severity, f.severity),
        "message": f.message,
        "paragraph": f.paragraph,
        "points": f.points,
        "excerpt": excerpt(text, f) if text else None,
        "evidence": f.evidence,
        "suggestion": f.suggestion,
        "basis": f.basis,
    }


def _paragraph_text(doc: Document | None, index: int | None) -> str:
    if doc is None or index is None or not 1 <= index <= len(doc.paragraphs):
        return ""
    return doc.paragraph(index).text


def counts(result: FileResult) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in result.report.findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out
