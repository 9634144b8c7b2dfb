"""`fazhi compare THIS LAST` — this year's report against the same unit's last one."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from fazhi.cli._common import stop


def compare(
    this: Path = typer.Argument(..., help="今年的报告（.docx/.txt/.md）"),
    last: Path = typer.Argument(..., help="同一单位去年的报告"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json、html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把结果写入文件而不是标准输出"),
    profile: str = typer.Option("township", "--profile", "-p", help="配置档名称或 .yaml 路径"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件（输入文件无论如何都不会被覆盖）"),
):
    """与去年的报告对比：沿用的段落、重复的数字、去年安排的落实情况。"""
    from fazhi.checker import check_path
    from fazhi.cli.cmd_check import _emit
    from fazhi.errors import InputError, ProfileError
    from fazhi.schema import load_profile
    from fazhi.season.compare import compare as run
    from fazhi.season.render import FORMATS, render

    from fazhi.safe_output import OutputRefused, guard_outputs

    if format not in FORMATS:
        stop(f"未知的输出格式“{format}”（compare 可用：{'、'.join(FORMATS)}）")
    if output is not None:
        try:
            guard_outputs([this, last, profile], [output], force)
        except OutputRefused as exc:
            stop(exc.one_line())
    try:
        loaded = load_profile(profile)
    except ProfileError as exc:
        stop(str(exc))
    reports = []
    for path in (this, last):
        try:
            reports.append(check_path(path, loaded))
        except InputError as exc:
            stop(exc.one_line())
    _emit(render(run(*reports), format), output)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
