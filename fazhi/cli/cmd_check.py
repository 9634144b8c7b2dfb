"""`fazhi check FILE…|DIR` — score reports and list findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

REPORT_SUFFIXES = (".docx", ".docm", ".txt", ".md", ".doc", ".wps")


def collect_inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES and not f.name.startswith(("~$", "."))))
        else:
            files.append(p)
    return files


def run_check(files: list[Path], profile_ref: str, min_score: float | None):
    """Check files one by one; returns (reports, errors) where errors are InputErrors."""
    from fazhi.checker import check_path
    from fazhi.errors import InputError
    from fazhi.schema import load_profile

    profile = load_profile(profile_ref)
    if min_score is not None:
        profile = profile.model_copy(update={"min_score": min_score})
    reports, errors = [], []
    for f in files:
        try:
            reports.append(check_path(f, profile))
        except InputError as exc:
            errors.append(exc)
    return reports, errors


def exit_code(reports, errors) -> int:
    if errors:
        return 2
    return 0 if all(r.passed for r in reports) else 1


def check(
    paths: List[Path] = typer.Argument(..., help="报告文件（.docx/.txt/.md）或文件夹"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json"),
    profile: str = typer.Option("township", "--profile", "-p", help="配置档名称或 .yaml 路径"),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="合格的最低分（默认 60）"),
):
    """检查报告：五个部分、内容、格式，给出得分和问题清单。"""
    from fazhi.errors import ProfileError
    from fazhi.formatters import render

    files = collect_inputs(paths)
    if not files:
        typer.echo("fazhi: 没有找到可检查的报告文件（.docx/.txt/.md）", err=True)
        raise typer.Exit(2)
    try:
        reports, errors = run_check(files, profile, min_score)
    except ProfileError as exc:
        typer.echo(f"fazhi: {exc}", err=True)
        raise typer.Exit(2)
    for e in errors:
        typer.echo(f"fazhi: {e.one_line()}", err=True)
    out = render(format, reports, errors, many=len(files) > 1, color=sys.stdout.isatty())
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    raise typer.Exit(exit_code(reports, errors))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
