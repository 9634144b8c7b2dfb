"""Vocabulary and helpers shared by the formatters (labels, paths, evidence in context)."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fazhi.schema import PART_IDS

STATUS_LABEL = {"heading": "有标题", "inline": "无标题（内容在）", "empty": "只有标题（为空）", "missing": "缺失"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
PART_SHORT = {
    "achievements": "举措和成效",
    "shortcomings": "不足和原因",
    "leader_duties": "第一责任人履职",
    "next_year": "下一年度安排",
    "other": "其他情况",
}
PART_LABEL = {
    "achievements": "一 主要举措和成效",
    "shortcomings": "二 存在的不足和原因",
    "leader_duties": "三 第一责任人履职",
    "next_year": "四 下一年度安排",
    "other": "五 其他需要报告的情况",
    None: "全文",
}


PART_NUMBER = dict(zip(PART_IDS, "一二三四五"))


def part_short(report, part_id: str) -> str:
    """The part's short name as the report's profile words it (a county may
    rename a part); the built-in name for a report without it."""
    for part in getattr(report, "parts", ()):
        if part.id == part_id and getattr(part, "label", ""):
            return part.label
    return PART_SHORT[part_id]


def part_label(report, part_id: str | None) -> str:
    """"一 主要举措和成效" (numbered, the profile's words); "全文" for None."""
    if part_id is None:
        return PART_LABEL[None]
    for part in getattr(report, "parts", ()):
        if part.id == part_id and getattr(part, "label", ""):
            return f"{PART_NUMBER[part_id]} {part.label}"
    return PART_LABEL[part_id]


def display_path(file: str) -> str:
    """The path relative to the working directory when it lies below it, in / form."""
    p = Path(file)
    try:
        if p.is_absolute():
            p = p.relative_to(Path.cwd())
    except ValueError:
        pass
    return p.as_posix()


def relative_uri_path(file: str) -> str:
    """A path for SARIF/GitHub annotations: relative to the working directory,
    with / separators (.. allowed when the file is elsewhere)."""
    try:
        rel = os.path.relpath(Path(file).resolve(), Path.cwd().resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = str(Path(file).resolve())
    return Path(rel).as_posix()


def rule_name(slug: str) -> str:
    """The rule's short Chinese name for people; the slug when the rule is unknown
    (machine formats keep the slug itself)."""
    from fazhi.checker.rules import registry

    rule = registry().get(slug)
    return rule.name if rule is not None and rule.name else slug


def severity_counts(report) -> dict[str, int]:
    counts = Counter(f.severity for f in report.findings)
    return {s: counts.get(s, 0) for s in ("error", "warning", "info")}


def layout_text(report) -> str:
    """"版式 72 · 合格" for a .docx, "版式：未检查" for .txt/.md."""
    if report.layout is None:
        return "版式：未检查"
    return f"版式 {report.layout.score:g} · {report.layout.grade}"


def points_text(finding) -> str:
    """"-2", or "版式 -30" for a layout finding (it does not move the headline score)."""
    from fazhi.checker.scoring import is_layout

    return f"版式 -{finding.points:g}" if is_layout(finding) else f"-{finding.points:g}"


def missing_labels(report) -> list[str]:
    return [part_short(report, p) for p in report.missing_parts]


def grouped_by_part(findings) -> list[tuple[str | None, list]]:
    """Findings grouped as a reader meets them: document-wide first, then the five parts."""
    groups: dict = {}
    for f in findings:
        groups.setdefault(f.part if f.part in PART_IDS else None, []).append(f)
    return [(key, groups[key]) for key in (None, *PART_IDS) if key in groups]


@dataclass
class Excerpt:
    """The paragraph around a finding's evidence: before + hit + after."""

    before: str
    hit: str
    after: str
    clipped_left: bool = False
    clipped_right: bool = False


def excerpt(finding, width: int = 60) -> Excerpt | None:
    """Evidence inside its paragraph text (`Finding.context`), clipped to about
    `width` characters either side. None when there is nothing to show."""
    if finding.paragraph is None:
        return None  # document-wide: the evidence names what is absent, not text
    text = finding.context or ""
    if not text:
        return Excerpt("", finding.evidence, "") if finding.evidence else None
    start, end = _span(text, finding)
    if start is None:
        return Excerpt(_clip_right(text, 2 * width)[0], "", "", False, len(text) > 2 * width)
    before, after = text[:start], text[end:]
    clipped_left = len(before) > width
    clipped_right = len(after) > width
    return Excerpt(before[-width:] if clipped_left else before, text[start:end], after[:width], clipped_left, clipped_right)


def _span(text: str, f) -> tuple[int | None, int | None]:
    if f.start is not None and f.end is not None and 0 <= f.start < f.end <= len(text):
        return f.start, f.end
    if f.evidence:
        i = text.find(f.evidence)
        if i != -1:
            return i, i + len(f.evidence)
    return None, None


def _clip_right(text: str, n: int) -> tuple[str, bool]:
    return (text[:n], True) if len(text) > n else (text, False)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters pasted from web pages)."""
    return _XML_BAD.sub("", text or "")
