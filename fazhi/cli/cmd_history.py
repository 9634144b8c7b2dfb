"""`fazhi history [ENTITY] --history FILE` — versions and scores recorded by
`fazhi check --history FILE`; `fazhi dismiss` / `fazhi confirm` — a reviewer's
decision on a finding, honoured in later checks of the same unit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from fazhi.cli._common import stop

FILE_HELP = "历史记录文件（fazhi check --history 写入的 SQLite 文件）"
DECISION_LABEL = {"dismissed": "已排除", "confirmed": "已确认"}


def _open(path: Path):
    from fazhi.errors import InputError
    from fazhi.season.history import History

    if not path.is_file():
        stop(f"{path}: 历史记录文件不存在；先用 fazhi check … --history {path} 检查报告")
    try:
        return History(path)
    except InputError as exc:
        stop(exc.one_line())


def history(
    entity: Optional[str] = typer.Argument(None, help="单位（乡镇、街道）名称；不写则列出所有单位"),
    file: Path = typer.Option(..., "--history", help=FILE_HELP),
    findings: bool = typer.Option(False, "--findings", help="列出最新一稿的每条意见及其编号（用于 fazhi dismiss / confirm）"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json"),
):
    """查看检查历史：各单位的各稿得分和变化。"""
    if format not in ("text", "json"):
        stop(f"未知的输出格式“{format}”（history 可用：text、json）")
    with _open(file) as h:
        if entity is None:
            units = h.units()
            if format == "json":
                typer.echo(
                    json.dumps([{"unit": u, "versions": n, "year": y, "score": s} for u, n, y, s in units], ensure_ascii=False, indent=2)
                )
                return
            if not units:
                typer.echo("历史记录中还没有检查记录。")
            for unit, n, year, score in units:
                typer.echo(f"{unit}  {year or '年度未识别'}年  共 {n} 稿  最新得分 {score:g}")
            return
        versions = h.versions(entity)
        if not versions:
            stop(f"历史记录中没有“{entity}”的检查记录（fazhi history --history {file} 列出所有单位）")
        rows = []
        for v in versions:
            changes = h.changes(v.check_id)
            rows.append({**v.__dict__, "changes": changes.to_dict()})
        latest = h.findings(versions[-1].check_id) if findings else []
    if format == "json":
        typer.echo(
            json.dumps({"unit": entity, "versions": rows, **({"findings": latest} if findings else {})}, ensure_ascii=False, indent=2)
        )
        return
    typer.echo(f"{entity}：")
    for r in rows:
        verdict = "通过" if r["passed"] else "未通过"
        typer.echo(
            f"  {r['year'] or '—'}年 {r['changes']['summary']}  得分 {r['score']:g}（{r['grade']}，{verdict}）  {r['findings']} 条意见  {r['checked_at']}  {r['file']}"
        )
    for f in latest:
        mark = DECISION_LABEL.get(f["decision"] or "", "")
        note = f"（{mark}：{f['reason'] or ''}{' ' + f['note'] if f['note'] else ''}）" if mark else ""
        typer.echo(f"  [{f['fingerprint']}] 第{f['paragraph'] or '—'}段 {f['rule']}：{f['message']}{note}")


def _decide(file: Path, entity: str, fingerprints: list[str], decision: str, reason: str | None, note: str) -> None:
    with _open(file) as h:
        for fp in fingerprints:
            try:
                done = h.decide(entity, fp, decision, reason, note)
            except ValueError as exc:
                stop(str(exc))
            label = DECISION_LABEL[decision] + (f"（{reason}）" if reason else "")
            typer.echo(
                f"{entity} [{done['fingerprint']}] {done['rule']}：{label}；以后检查{entity}的报告时{'不再计入' if decision == 'dismissed' else '照常计入'}"
            )


def dismiss(
    fingerprints: List[str] = typer.Argument(..., help="意见编号（fazhi history 单位 --findings 中方括号里的编号，可只写前 6 位以上）"),
    entity: str = typer.Option(..., "--entity", "-e", help="单位名称"),
    reason: str = typer.Option(..., "--reason", "-r", help="理由：误报 或 已核实无误"),
    note: str = typer.Option("", "--note", help="说明（可选），如“该表述为县里统一口径”"),
    file: Path = typer.Option(..., "--history", help=FILE_HELP),
):
    """审核人员排除一条意见（误报或已核实无误）：以后检查同一单位时显示为已排除，不计分。"""
    _decide(file, entity, fingerprints, "dismissed", reason, note)


def confirm(
    fingerprints: List[str] = typer.Argument(..., help="意见编号"),
    entity: str = typer.Option(..., "--entity", "-e", help="单位名称"),
    note: str = typer.Option("", "--note", help="说明（可选）"),
    file: Path = typer.Option(..., "--history", help=FILE_HELP),
):
    """审核人员确认一条意见：以后检查同一单位时标为已确认。"""
    _decide(file, entity, fingerprints, "confirmed", None, note)


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("dismiss")(dismiss)
    app.command("confirm")(confirm)
