"""Readable terminal summary: score, the part table, findings grouped by part."""

from __future__ import annotations

import io

from fazhi.schema.models import PART_IDS

STATUS_LABEL = {"heading": "有标题", "inline": "无标题（内容在）", "missing": "缺失"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PART_LABEL = {
    "achievements": "一 主要举措和成效",
    "shortcomings": "二 存在的不足和原因",
    "leader_duties": "三 第一责任人履职",
    "next_year": "四 下一年度安排",
    "other": "五 其他需要报告的情况",
    None: "全文",
}


def _highlight(text: str, evidence: str):
    from rich.text import Text

    t = Text(text)
    if evidence:
        i = text.find(evidence)
        if i != -1:
            t.stylize("bold underline", i, i + len(evidence))
    return t


def render_report(report, console) -> None:
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(f"{report.file}\n", style="bold")
    head.append(f"  {report.title or '（未识别到标题）'}\n")
    head.append(f"  主体：{report.entity or '未识别'}  年度：{report.year or '未识别'}  成文日期：{report.doc_date or '无'}\n")
    style = "green" if report.passed else "red"
    head.append(f"  得分 {report.score:g}（{report.grade}）", style=f"bold {style}")
    console.print(head)
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("部分")
    table.add_column("状态")
    table.add_column("位置/标题")
    for part in report.parts:
        where = ""
        if part.heading is not None:
            where = f"第{part.anchor.index}段 {part.heading.paragraph.text.strip()[:30]}"
        elif part.anchor is not None:
            where = f"第{part.anchor.index}段 {part.anchor.text.strip()[:30]}"
        colour = {"heading": "green", "inline": "yellow", "missing": "red"}[part.status]
        table.add_row(PART_LABEL[part.id], Text(STATUS_LABEL[part.status], style=colour), where)
    console.print(table)
    groups: dict = {}
    for f in report.findings:
        groups.setdefault(f.part if f.part in PART_IDS else None, []).append(f)
    for key in [None, *PART_IDS]:
        items = groups.get(key)
        if not items:
            continue
        console.print(Text(f"\n  【{PART_LABEL[key]}】", style="bold"))
        for f in items:
            line = Text("  ")
            line.append(f"{SEVERITY_LABEL.get(f.severity, f.severity)}", style=SEVERITY_STYLE.get(f.severity, ""))
            where = f" 第{f.paragraph}段" if f.paragraph else ""
            line.append(f"{where} [{f.rule}] {f.message}")
            if f.points:
                line.append(f" (-{f.points:g})", style="dim")
            console.print(line)
            if f.evidence:
                console.print(Text("      原文：").append(_highlight(f.evidence, f.evidence)))
            if f.suggestion:
                console.print(Text(f"      修改：{f.suggestion}", style="dim"))
            console.print(Text(f"      依据：{f.basis}", style="dim"))
    console.print()


def render(reports, errors, *, color: bool = False, width: int = 100, **_) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    for r in reports:
        render_report(r, console)
    return buf.getvalue()
