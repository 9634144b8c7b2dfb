"""Readable terminal output: per report the score, the part table and the
findings grouped by part with the evidence highlighted in its sentence; for
several files a ranked summary (worst first) after the per-file output."""

from __future__ import annotations

import io
import os
from pathlib import Path

from fazhi.formatters._common import (
    part_label,
    SEVERITY_LABEL,
    STATUS_LABEL,
    display_path,
    excerpt,
    layout_text,
    points_text,
    grouped_by_part,
    missing_labels,
    rule_name,
)

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"heading": "green", "inline": "yellow", "empty": "red", "missing": "red"}


def _header(report):
    from rich.text import Text

    head = Text()
    head.append(f"{display_path(report.file)}\n", style="bold")
    head.append(f"  {report.verdict}\n", style="bold " + ("green" if report.passed else "red"))
    head.append(f"  得分 {report.score:g} · {report.grade_short}（内容和结构）  {layout_text(report)}\n")
    head.append(f"  {report.title or '（未识别到标题）'}\n")
    unsure = "（据正文推断，不确定）" if report.extra.get("year_sure") is False else ""
    head.append(f"  主体：{report.entity or '未识别'}  年度：{report.year or '未识别'}{unsure}  成文日期：{report.doc_date or '无'}")
    return head


def _part_table(report):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("部分", no_wrap=True, min_width=22)
    table.add_column("状态", no_wrap=True, min_width=16)
    table.add_column("位置/标题", overflow="ellipsis", no_wrap=True)
    for part in report.parts:
        where = ""
        para = part.heading.paragraph if part.heading is not None else part.anchor
        if para is not None:
            where = f"第{para.index}段 {para.text.strip()[:24]}"
        table.add_row(part_label(report, part.id), Text(STATUS_LABEL[part.status], style=STATUS_STYLE[part.status]), where)
    return table


def _evidence_line(finding, color: bool):
    """"原文：…before hit after…" with the hit underlined (in colour) or marked
    「hit」 (plain text, where underlining is lost)."""
    from rich.text import Text

    ex = excerpt(finding, width=40)
    if ex is None:
        return None
    line = Text("      原文：")
    line.append(("…" if ex.clipped_left else "") + ex.before)
    hit = ex.hit if color or not ex.hit or not (ex.before or ex.after) else f"「{ex.hit}」"
    line.append(hit, style="bold underline")
    line.append(ex.after + ("…" if ex.clipped_right else ""))
    return line


def _findings(report, console, color: bool) -> None:
    from rich.text import Text

    if not report.findings:
        console.print(Text("\n  未发现问题。", style="green"))
    for key, items in grouped_by_part(report.findings):
        console.print(Text(f"\n  【{part_label(report, key)}】", style="bold"))
        for f in items:
            line = Text("  ")
            line.append(SEVERITY_LABEL.get(f.severity, f.severity), style=SEVERITY_STYLE.get(f.severity, ""))
            where = f" 第{f.paragraph}段" if f.paragraph else ""
            line.append(f"{where} [{rule_name(f.rule)} {f.rule}] {f.message}")
            if f.points:
                line.append(f" ({points_text(f)})", style="dim")
            console.print(line)
            evidence = _evidence_line(f, color)
            if evidence is not None:
                console.print(evidence)
            if f.suggestion:
                console.print(Text(f"      修改：{f.suggestion}", style="dim"))
            console.print(Text(f"      依据：{f.basis}", style="dim"))


def render_report(report, console, color: bool = False) -> None:
    from fazhi.season.render import season_lines

    console.print(_header(report))
    for line in season_lines(report):
        console.print(f"  {line}")
    console.print(_part_table(report))
    _findings(report, console, color)
    console.print()


def _batch_names(files: list[str]) -> dict[str, str]:
    """Each file as the summary shows it: relative to the folder all of them share,
    so a long temporary or network path does not push the names into a fold."""
    shown = {f: display_path(f) for f in files}
    try:
        common = os.path.commonpath([str(Path(f).parent) for f in shown.values()]) if len(shown) > 1 else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    if not common:
        return shown
    return {f: Path(os.path.relpath(s, common)).as_posix() for f, s in shown.items()}


def render_summary(reports, errors, console) -> None:
    """The ranked table a reviewer reads first: worst report on top."""
    from rich.table import Table
    from rich.text import Text

    from fazhi.checker.report import RANKING_NOTE, ranked

    order = ranked(reports)
    names = _batch_names([r.file for r in order] + [str(e.path) for e in errors])
    table = Table(title=f"汇总：{RANKING_NOTE}", title_justify="left", header_style="bold")
    for col, kw in (
        ("名次", {"justify": "right"}),
        ("文件", {"overflow": "fold", "min_width": min(40, max(map(len, names.values()), default=4))}),
        ("主体", {}),
        ("年度", {"justify": "right"}),
        ("得分", {"justify": "right"}),
        ("等级 · 结论", {}),
        ("版式", {}),
        ("缺失或为空的部分", {"overflow": "fold"}),
        ("错误", {"justify": "right"}),
    ):
        table.add_column(col, **kw)
    for rank, r in enumerate(order, 1):
        style = "" if r.passed else "red"
        table.add_row(
            str(rank),
            names[r.file],
            r.entity or "—",
            str(r.year or "—"),
            f"{r.score:g}",
            Text(r.grade_short, style=style),
            layout_text(r).removeprefix("版式").strip(" ："),
            "、".join(missing_labels(r)) or "—",
            Text(str(len(r.errors)), style=style),
        )
    for e in errors:
        table.add_row("—", names[str(e.path)], "", "", "", Text("无法检查", style="red"), "", "", "")
    console.print(table)
    for e in errors:
        console.print(Text(f"无法检查 {display_path(e.path)}：{e.reason}", style="red"))
    passed = sum(r.passed for r in reports)
    console.print(f"共 {len(reports) + len(errors)} 份：通过 {passed}，退回修改 {len(reports) - passed}，无法检查 {len(errors)}")


def render(reports, errors, *, color: bool = False, width: int = 100, many: bool = False, **_) -> str:
    from rich.console import Console

    buf = io.StringIO()
    # On a terminal rich wraps to its width; in a file or pipe a finding stays on one
    # line (CJK text has no spaces to wrap at, so rich would break it mid-phrase).
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=not color)
    for r in reports:
        render_report(r, console, color)
    if many and len(reports) + len(errors) > 1:
        render_summary(reports, errors, console)
    return buf.getvalue()
