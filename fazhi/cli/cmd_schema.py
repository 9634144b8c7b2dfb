"""`fazhi schema` — show a resolved profile, validate one, or export its JSON Schema."""

from __future__ import annotations

import json
from typing import Optional

import typer

from fazhi.cli._common import stop


def schema(
    profile: Optional[str] = typer.Argument(None, help="配置档名称（national、township）或 .yaml 文件路径"),
    json_schema: bool = typer.Option(False, "--json-schema", help="输出配置档文件的 JSON Schema（供编辑器校验和补全）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出解析后的配置档"),
):
    """查看、校验配置档（五个部分、标题同义词、版式参数、评分），或导出其 JSON Schema。"""
    from fazhi.errors import ProfileError
    from fazhi.loading import load
    from fazhi.schema import available_profiles
    from fazhi.schema.datafiles import KINDS
    from fazhi.schema.models import Profile

    if json_schema:
        typer.echo(json.dumps(Profile.model_json_schema(), ensure_ascii=False, indent=2))
        return
    if profile is None:
        typer.echo("内置配置档：" + "、".join(available_profiles()))
        typer.echo("数据文件类型（配置档 data: 下按类型追加文件）：")
        for kind in KINDS.values():
            typer.echo(f"  {kind.name}: {kind.format.upper()}，内置 fazhi/data/{kind.file}；{kind.entries}；合并：{kind.merge}")
        typer.echo("用法：fazhi schema township（查看）；fazhi schema 我的配置.yaml（校验）；fazhi schema --json-schema")
        return
    try:
        loaded = load(profile)
    except ProfileError as exc:
        stop(str(exc))
    data = loaded.model_dump(mode="json")
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    import yaml

    from fazhi.checker.scoring import summary

    typer.echo(f"# 配置档 {loaded.name} 有效（已展开继承）")
    for line in summary(loaded):
        typer.echo(f"# {line}")
    typer.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
