"""The data the HTML and Markdown templates render: plain dicts, computed once.

Templates stay logic-free; ranking, grouping, excerpts and the chart geometry
are decided here."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from fazhi import __version__
from fazhi.schema import PART_IDS
from fazhi.formatters._common import (
    PART_LABEL,
    PART_NUMBER,
    PART_SHORT,
    SEVERITY_LABEL,
    STATUS_LABEL,
    display_path,
    excerpt,
    grouped_by_part,
    layout_text,
    part_label,
    part_short,
    points_text,
    severity_counts,
)

TEMPLATE_DIR = Path(__file__).with_name("templates")
GRADE_CLASS = {"优秀": "g1", "良好": "g2", "合格": "g3", "不合格": "g4"}
STATUS_MARK = {"heading": "🟩", "inline": "🟨", "empty": "🟧", "missing": "🟥"}
STATUS_SYMBOL = {"heading": "✓", "inline": "～", "empty": "□", "missing": "✗"}
STATUS_HINT = {
    "heading": "该部分有自己的一级标题",
    "inline": "内容在，但没有自己的标题",
    "empty": "有标题，但标题下没有实际内容（只有填写说明、占位符或套话），按缺失计",
    "missing": "没有找到该部分的内容",
}


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_escape
    env.filters["code"] = md_code
    return env


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")


def md_escape(text) -> str:
    """Text that Markdown shows as written, also inside a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\r", " ").replace("\n", " ")


def md_code(text) -> str:
    """A Markdown code span holding `text` verbatim: the fence is one backtick
    longer than the longest run inside, so a name with ` cannot end it early
    (and let raw HTML through)."""
    text = str(text).replace("\r", " ").replace("\n", " ")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def part_view(part, profile=None) -> dict:
    """One part of the strip/grid, for every readable output (HTML, Markdown, web page).
    With `profile`, its short name is the profile's."""
    para = part.heading.paragraph if part.heading is not None else part.anchor
    where = ""
    if para is not None:
        where = f"第{para.index}段"
        if part.heading is not None:
            where += f"：{_clip(part.heading.paragraph.text.strip(), 40)}"
    return {
        "id": part.id,
        "number": PART_NUMBER[part.id],
        "label": f"{PART_NUMBER[part.id]} {part.label}" if part.label else PART_LABEL[part.id],
        "short": profile.part(part.id).short if profile is not None else (part.label or PART_SHORT[part.id]),
        "status": part.status,
        "status_label": STATUS_LABEL[part.status],
        "symbol": STATUS_SYMBOL[part.status],
        "hint": STATUS_HINT[part.status],
        "where": where,
        "paragraph": para.index if para is not None else None,
        "text": para.text.strip()[:60] if para is not None else "",
    }


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


def finding_view(f, width: int = 80) -> dict:
    """One finding with its evidence in context, for every readable output."""
    ex = excerpt(f, width=width)
    return {
        "rule": f.rule,
        "severity": f.severity,
        "severity_label": SEVERITY_LABEL.get(f.severity, f.severity),
        "message": f.message,
        "paragraph": f.paragraph,
        "evidence": f.evidence if f.paragraph is not None else "",
        "excerpt": ex.__dict__ if ex is not None else None,
        "suggestion": f.suggestion,
        "basis": f.basis,
        "points": f.points,
        "points_text": points_text(f),
    }


def _report_view(report, rank: int, anchor: str) -> dict:
    from fazhi.season.render import season_lines

    return {
        "anchor": anchor,
        "rank": rank,
        "file": display_path(report.file),
        "title": report.title,
        "entity": report.entity,
        "year": report.year,
        "doc_date": report.doc_date.isoformat() if report.doc_date else None,
        "score": report.score,
        "score_text": f"{report.score:g}",
        "grade": report.grade,
        "grade_class": GRADE_CLASS.get(report.grade, "g2" if report.passed else "g4"),
        "passed": report.passed,
        "verdict": report.verdict,
        "verdict_word": report.verdict_word,
        "grade_label": report.grade_label,
        "layout": report.layout.to_dict() if report.layout is not None else None,
        "layout_text": layout_text(report),
        "min_score": f"{report.min_score:g}",
        "profile": report.profile,
        "parts": [part_view(p) for p in report.parts],
        "season": season_lines(report),
        "missing": [part_short(report, p) for p in report.missing_parts],
        "counts": severity_counts(report),
        "groups": [
            {"label": part_label(report, key), "findings": [finding_view(f) for f in items]}
            for key, items in grouped_by_part(report.findings)
        ],
    }


def rule_chart(reports, bar_width: int = 360) -> dict:
    """Findings by rule across the batch, stacked by severity, most frequent first."""
    from fazhi.checker.rules import registry

    per_rule: dict[str, Counter] = {}
    for r in reports:
        for f in r.findings:
            per_rule.setdefault(f.rule, Counter())[f.severity] += 1
    rows = sorted(per_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    top = max((sum(c.values()) for _, c in rows), default=1)
    known = registry()
    bars = []
    for i, (slug, counts) in enumerate(rows):
        x, segments = 0.0, []
        for sev in ("error", "warning", "info"):
            n = counts.get(sev, 0)
            if n:
                w = n / top * bar_width
                segments.append({"severity": sev, "x": round(x, 1), "width": round(w, 1), "count": n})
                x += w
        summary = known[slug].summary if slug in known else ""
        bars.append({"rule": slug, "summary": summary, "total": sum(counts.values()), "y": i * 26, "end": round(x, 1), "segments": segments})
    return {"bars": bars, "height": len(bars) * 26 + 4, "bar_width": bar_width}


def batch_view(reports, errors, *, title: str = "法治政府建设年度报告检查结果") -> dict:
    from fazhi.checker.report import RANKING_NOTE, ranked
    from fazhi.season.copying import copy_pairs_view

    order = ranked(reports)
    views = [_report_view(r, rank, f"r{rank}") for rank, r in enumerate(order, 1)]
    passed = sum(r.passed for r in reports)
    return {
        "title": title,
        "ranking_note": RANKING_NOTE,
        "version": __version__,
        "reports": views,
        "errors": [{"file": display_path(e.path), "reason": e.reason} for e in errors],
        "total": len(reports) + len(errors),
        "passed": passed,
        "failed": len(reports) - passed,
        "unreadable": len(errors),
        "chart": rule_chart(reports),
        "copies": copy_pairs_view(reports),
        "status_legend": [{"status": s, "label": label} for s, label in STATUS_LABEL.items()],
        "part_short": {pid: part_short(reports[0], pid) for pid in PART_IDS} if reports else PART_SHORT,
        "status_mark": STATUS_MARK,
    }


def render_template(name: str, view: dict) -> str:
    return environment().get_template(name).render(**view)
