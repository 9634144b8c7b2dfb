"""`fazhi format DRAFT.docx` — the same text re-laid-out to GB/T 9704-2012 and
the profile's layout (page, title, 主送机关, heading levels, body 3号仿宋 with
fixed 28.95 pt lines, 署名/成文日期, page numbers "— 1 —"), through styles.

    fazhi format 报告.docx               # → 报告.排版.docx
    fazhi format 报告.docx -o 定稿.docx --force

The words, their order, tables, comments and tracked changes are not touched;
the copy is read back and refused if any paragraph's text differs. The input
is never written."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from fazhi.cli._common import stop
from fazhi.cli.cmd_fix import check_draft, load_settings


def format_draft(
    draft: Path = typer.Argument(..., help="要重新排版的报告（.docx），不会被改动"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="输出文件（默认：原文件名加“.排版”）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件（输入文件无论如何都不会被覆盖）"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="配置档名称或 .yaml 路径（默认取配置文件，否则 township）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（fazhi.toml 或 pyproject.toml），默认自动查找"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取任何配置文件"),
):
    """按 GB/T 9704-2012 重新排版 .docx 草稿：页面、标题、各级标题、正文字体行距、署名日期、页码；文字不变。"""
    from fazhi.errors import InputError, ProfileError
    from fazhi.safe_output import guard_outputs, write_atomic
    from fazhi.fixer.relayout import formatted_path, relayout_checked

    check_draft(draft, (".docx",))
    out = output or formatted_path(draft)
    if out.suffix.lower() != ".docx":
        stop(f"{out}: 输出文件的扩展名应为 .docx")
    try:
        settings = load_settings(draft, profile, config, no_config)
        guard_outputs([draft, *(p for p in (profile, config, settings.config_path) if p)], [out], force)
        data = relayout_checked(draft, settings.profile)
        write_atomic(out, data)
    except (InputError, ProfileError) as exc:
        stop(exc.one_line() if isinstance(exc, InputError) else str(exc))
    except OSError as exc:
        stop(f"{out}: 无法写入（{exc.strerror or exc}），请检查路径和权限")
    layout = settings.profile.layout
    typer.echo(
        f"已重新排版：{out}（A4，上{layout.margin_top_mm:g}/下{layout.margin_bottom_mm:g}/左{layout.margin_left_mm:g}/右{layout.margin_right_mm:g} 毫米；"
        f"标题{layout.title.font}，一级标题{layout.heading1.font}，二级标题{layout.heading2.font}，正文{layout.body.font} 3号、固定行距；页码“— 1 —”）。"
        "文字、表格、批注和修订未改动；请在 Word/WPS 中打开核对后再用 fazhi check 检查。"
    )


def register(app: typer.Typer) -> None:
    app.command("format")(format_draft)
