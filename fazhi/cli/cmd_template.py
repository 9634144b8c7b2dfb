"""`fazhi template -o 报告.docx` — a Word (or Markdown) template built from the profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from fazhi.cli._common import stop

FORMATS = {"docx": (".docx",), "md": (".md", ".markdown")}
MIN_YEAR, MAX_YEAR = 2000, 2100


class UsageProblem(Exception):
    """Bad option or output path: one Chinese line, exit code 2."""


def resolve_format(output: Path | None, format: str | None) -> str:
    if format is not None and format.lower() not in FORMATS:
        raise UsageProblem(f"不支持的模板格式“{format}”，请用 --format docx 或 --format md")
    fmt = format.lower() if format else None
    if output is None:
        if fmt in (None, "docx"):
            raise UsageProblem("生成 Word 模板需要用 -o 指定输出文件，如 -o 报告.docx（Markdown 可用 --format md 打印到屏幕）")
        return fmt
    suffix = output.suffix.lower()
    by_suffix = next((name for name, suffixes in FORMATS.items() if suffix in suffixes), None)
    if by_suffix is None:
        raise UsageProblem(f"{output}: 输出文件的扩展名应为 .docx 或 .md")
    if fmt is not None and fmt != by_suffix:
        raise UsageProblem(f"{output}: 扩展名与 --format {fmt} 不一致，请改用 {FORMATS[fmt][0]} 结尾的文件名")
    return by_suffix


def check_output(output: Path, force: bool) -> None:
    if output.is_dir():
        raise UsageProblem(f"{output}: 这是一个文件夹，请给出文件名，如 {output / '报告.docx'}")
    if not output.parent.is_dir():
        raise UsageProblem(f"{output}: 文件夹“{output.parent}”不存在，请先创建或换一个路径")
    if output.exists() and not force:
        raise UsageProblem(f"{output}: 文件已存在，未覆盖；如需覆盖请加 --force")


def check_year(year: int | None) -> None:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageProblem(f"报告年度 {year} 不合理，请给出四位数年份，如 --year 2024")


def template(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="输出文件（.docx 或 .md）；Markdown 省略时打印到屏幕"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="配置档名称或 .yaml 路径（默认取配置文件，否则 township）"),
    entity: Optional[str] = typer.Option(None, "--entity", help="单位名称，如 岘山镇（省略时留【填写单位名称】）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（默认为上一年）"),
    addressee: Optional[str] = typer.Option(None, "--addressee", help="主送机关，如 衡阳县委依法治县办（默认取配置档）"),
    signer: Optional[str] = typer.Option(None, "--signer", help="发文机关署名，如 衡阳县岘山镇人民政府"),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="docx 或 md（默认按输出文件扩展名）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（fazhi.toml 或 pyproject.toml），默认自动查找"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取任何配置文件"),
):
    """生成报告模板：标题、主送机关、五个部分的标题和填写说明、署名和日期，版式符合 GB/T 9704-2012。"""
    from fazhi.config import resolve_settings
    from fazhi.errors import ProfileError
    from fazhi.safe_output import OutputRefused, guard_outputs, write_atomic

    try:
        fmt = resolve_format(output, format)
        check_year(year)
        if output is not None:
            check_output(output, force)
        settings = resolve_settings([output.parent if output else Path.cwd()], profile=profile, config=config, use_config=not no_config)
        if output is not None:  # the profile and configuration read are inputs: never overwritten
            guard_outputs([p for p in (profile, config, settings.config_path) if p], [output], force)
        data = _render(fmt, settings.profile, entity=entity, year=year, addressee=addressee, signer=signer)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
            return
        write_atomic(output, data)
    except OutputRefused as exc:
        stop(exc.one_line())
    except (UsageProblem, ProfileError) as exc:
        stop(str(exc))
    except OSError as exc:
        stop(f"{output}: 无法写入（{exc.strerror or exc}），请检查路径和权限")
    typer.echo(f"已生成模板 {output}：按【填写说明】填写各部分并删除说明文字，再用 fazhi check {output.name} 检查。")


def _render(fmt: str, profile, **options) -> bytes:
    from fazhi.templates import build_docx, build_markdown

    if fmt == "docx":
        return build_docx(profile, **options)
    return build_markdown(profile, **options).encode("utf-8")


def register(app: typer.Typer) -> None:
    app.command("template")(template)
