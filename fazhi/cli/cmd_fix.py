"""`fazhi fix DRAFT` — a copy with the certain, mechanical fixes.

    fazhi fix 报告.docx                 # → 报告.修订.docx, fixes as tracked changes (修订)
    fazhi fix 报告.docx -o 改后.docx --force
    fazhi fix 报告.docx --dry-run       # unified diff of the paragraph texts, nothing written
    fazhi fix 报告.txt                  # → 报告.修订.txt and the diff
    fazhi fix 报告.docx --format json   # each fix: rule, place, before, after

Only findings of rules declared fixable carry fixes (`fazhi rules` 可修复);
everything else is left for a person (`fazhi check --annotate` writes the
comments). The input is never written."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from fazhi.cli._common import stop

SUPPORTED = (".docx", ".txt", ".md", ".markdown", ".text")


def load_settings(draft: Path, profile: str | None, config: Path | None, no_config: bool):
    from fazhi.config import resolve_settings

    return resolve_settings([draft], profile=profile, config=config, use_config=not no_config)


def check_draft(draft: Path, suffixes: tuple[str, ...] = SUPPORTED) -> None:
    """A missing file or one this command cannot rewrite: one line, exit 2."""
    if not draft.exists():
        stop(f"{draft}: 文件不存在，请检查路径")
    if draft.suffix.lower() not in suffixes:
        stop(f"{draft}: 只能处理 {'、'.join(suffixes)} 文件；.doc/.wps 请先在 Word 或 WPS 中另存为 .docx")


def _summary(result, out: Path | None) -> str:
    if not result.fixes:
        return f"{result.path}: 没有可以自动修改的问题，未生成副本。其余问题请用 fazhi check --annotate 查看批注。"
    counts = Counter(f.rule for f in result.fixes)
    detail = "，".join(f"{rule} {n} 处" for rule, n in counts.items())
    how = "以修订（修订痕迹）方式写入，请在 Word/WPS“审阅”中逐条接受或拒绝" if result.kind == "docx" else "已改好"
    where = f"，副本：{out}" if out is not None else ""
    skipped = f"；另有 {len(result.skipped)} 处因位于域、符号或已有修订中未改，请手工处理" if result.skipped else ""
    return f"{result.path}: 自动修改 {len(result.fixes)} 处（{detail}），{how}{where}{skipped}。其余问题请用 fazhi check --annotate 查看批注。"


def fix(
    draft: Path = typer.Argument(..., help="要修改的报告（.docx、.txt 或 .md），不会被改动"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="输出文件（默认：原文件名加“.修订”）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只打印修改前后的文字差异，不写文件"),
    format: str = typer.Option("text", "--format", "-f", help="屏幕输出：text（差异和摘要）或 json（每处修改的规则、位置、原文、改后）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件（输入文件无论如何都不会被覆盖）"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="配置档名称或 .yaml 路径（默认取配置文件，否则 township）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（默认从标题识别）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（fazhi.toml 或 pyproject.toml），默认自动查找"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取任何配置文件"),
):
    """自动修改确定的机械性问题（法制→法治、半角标点、成文日期、标题序号），.docx 以修订方式写入副本。"""
    from fazhi.errors import InputError, ProfileError
    from fazhi.fixer import fix_file, fixed_path
    from fazhi.safe_output import guard_outputs, write_atomic

    if format not in ("text", "json"):
        stop(f"不支持的输出格式“{format}”，fix 命令可用：text、json")
    check_draft(draft)
    out = output or fixed_path(draft)
    if out.suffix.lower() != draft.suffix.lower() and not (draft.suffix.lower() in (".md", ".markdown") and out.suffix.lower() in (".md", ".markdown")):
        stop(f"{out}: 输出文件的扩展名应与原文件相同（{draft.suffix}）")
    try:
        settings = load_settings(draft, profile, config, no_config)
        if not dry_run:
            guard_outputs([draft, *(p for p in (profile, config, settings.config_path) if p)], [out], force)
        result = fix_file(draft, settings.profile, year=year)
        wrote = not dry_run and bool(result.fixes)
        if wrote:
            write_atomic(out, result.data)
    except (InputError, ProfileError) as exc:
        stop(exc.one_line() if hasattr(exc, "one_line") else str(exc))
    except OSError as exc:
        stop(f"{out}: 无法写入（{exc.strerror or exc}），请检查路径和权限")
    if format == "json":
        data = result.to_dict() | {"output": str(out) if wrote else None}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if dry_run or result.kind != "docx":
        sys.stdout.write(result.diff())
    typer.echo(_summary(result, out if wrote else None))


def register(app: typer.Typer) -> None:
    app.command("fix")(fix)
