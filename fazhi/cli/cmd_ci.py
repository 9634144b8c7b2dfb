"""`fazhi ci [PATHS…]` — the check for pipelines and pre-commit.

Defaults come from the configuration (`paths`, `profile`, `min_score`,
`fail_on`, `exclude`, `jobs`); the output format is `github` inside GitHub
Actions (GITHUB_ACTIONS=true) and `text` elsewhere. In GitHub Actions the
Markdown summary is also appended to $GITHUB_STEP_SUMMARY.

`--fail-on` decides which reports fail the run (exit 1):
  error   (default) a report with an error finding or under the minimum score
  warning also a report with a warning
  never   findings never fail the run
Bad input (an unreadable file, a wrong option) is exit 2 whatever `--fail-on` says."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from fazhi.cli._common import stop
from fazhi.cli.cmd_check import (
    FORMAT_HELP,
    HISTORY_HELP,
    IGNORE_HELP,
    MAX_CHARS_HELP,
    MAX_PARAGRAPHS_HELP,
    MAX_SECONDS_HELP,
    SELECT_HELP,
    RunOptions,
    execute,
    limit_options,
)


def failing(fail_on: str):
    """The predicate that makes a report fail the CI run."""
    if fail_on == "never":
        return lambda r: False
    if fail_on == "warning":
        return lambda r: not r.passed or any(f.severity == "warning" for f in r.findings)
    return lambda r: not r.passed


def _default_paths(config: Optional[Path], no_config: bool) -> list[str]:
    from fazhi.config import find_config, load_config

    path = None if no_config else (config or find_config(Path.cwd()))
    if path is not None and Path(path).is_file():
        cfg = load_config(path)
        if cfg.paths:
            base = Path(path).parent
            return [p if Path(p).is_absolute() else str(base / p) for p in cfg.paths]
    return ["."]


def ci(
    paths: List[str] = typer.Argument(None, help="报告文件、文件夹或通配模式；默认取配置文件的 paths，否则当前文件夹"),
    format: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP + "（GitHub Actions 中默认 github，否则 text）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把结果写入文件而不是标准输出"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="配置档名称或 .yaml 路径"),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="合格的最低分（默认 60）"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="何时判为失败：error（默认）、warning、never"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数（默认=CPU 核数）"),
    exclude: List[str] = typer.Option([], "--exclude", help="排除的文件或文件夹模式，可重复"),
    convert: bool = typer.Option(False, "--convert", help="先用 LibreOffice 把 .doc/.wps 转为 .docx 再检查"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件，默认自动查找"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取任何配置文件"),
    select: List[str] = typer.Option([], "--select", help=SELECT_HELP),
    ignore: List[str] = typer.Option([], "--ignore", help=IGNORE_HELP),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件（-o）；输入文件无论如何都不会被覆盖"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="基线文件（JSON）：基线中已有的意见不再判为失败，只有新的意见会"),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="把本次的全部意见写成 --baseline 文件（接受现状），本次不判失败"),
    history: Optional[Path] = typer.Option(None, "--history", help=HISTORY_HELP),
    max_seconds: Optional[float] = typer.Option(None, "--max-seconds", help=MAX_SECONDS_HELP),
    max_paragraphs: Optional[int] = typer.Option(None, "--max-paragraphs", help=MAX_PARAGRAPHS_HELP),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help=MAX_CHARS_HELP),
):
    """在 CI / pre-commit 中检查报告：按配置判定通过与否，输出 CI 能读的格式。"""
    from fazhi.config import FAIL_ON
    from fazhi.errors import ProfileError

    if fail_on is not None and fail_on not in FAIL_ON:
        typer.echo(f"fazhi: --fail-on 只能是 {'、'.join(FAIL_ON)}，收到“{fail_on}”", err=True)
        raise typer.Exit(2)
    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        paths = paths or _default_paths(config, no_config)
    except ProfileError as exc:
        stop(str(exc))
    opts = RunOptions(
        paths=paths, format=format, output=output, profile=profile, min_score=min_score, jobs=jobs,
        exclude=exclude, config=config, no_config=no_config, convert=convert, fail_on=fail_on, force=force,
        select=select, ignore=ignore,
        limits=limit_options(max_seconds, max_paragraphs, max_chars),
        baseline=baseline, write_baseline=write_baseline, history=history,
    )  # fmt: skip
    raise typer.Exit(execute(opts, fail=lambda settings: failing(settings.fail_on), summary=_summary_target()))


def _summary_target() -> Path | None:
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(summary) if summary and os.environ.get("GITHUB_ACTIONS") == "true" else None


def register(app: typer.Typer) -> None:
    app.command("ci")(ci)
