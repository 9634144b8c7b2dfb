"""`fazhi rules [SLUG]` — list the rules, or explain one (ruff-style).

    fazhi rules                    # table: slug, severity, points, group, fixable, summary
    fazhi rules causes-missing     # what it checks, why, basis, bad/good example
    fazhi rules --format json      # every rule as JSON (web page, SARIF)

Severity and points are the profile's effective ones (`--profile`)."""

from __future__ import annotations

import difflib
import json
import sys
import unicodedata
from typing import Optional

import typer

from fazhi.cli._common import stop

GROUP_NAMES = {"structure": "结构", "content": "内容", "references": "引用", "language": "语言", "layout": "版式", "spelling": "用字"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def _effective(rule, profile) -> dict:
    """The rule as JSON, with the profile's overrides of severity and points applied."""
    setting = profile.rule_setting(rule.slug)
    return {
        "slug": rule.slug,
        "group": rule.group,
        "summary": rule.summary,
        "severity": setting.severity or rule.severity,
        "points": setting.points if setting.points is not None else rule.points,
        "max_points": setting.max_points if setting.max_points is not None else rule.max_points,
        "enabled": setting.enabled,
        "basis": rule.basis,
        "explanation": rule.explanation,
        "fix": rule.fix,
        "bad": rule.bad,
        "good": rule.good,
        "example_year": rule.example_year,
        "examples_are_text": rule.examples_are_text,
        "options": {
            key: {"type": opt.type.__name__, "help": opt.help, "default": opt.default, "value": setting.options.get(key)}
            for key, opt in rule.options.items()
        },
        "fixable": rule.fixable,
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _points(info: dict) -> str:
    pts = f"{info['points']:g}"
    return pts if info["max_points"] is None else f"{pts}（≤{info['max_points']:g}）"


def _rows(infos: list[dict]) -> list[list[str]]:
    return [
        [i["slug"], SEVERITY_NAMES[i["severity"]] if i["enabled"] else "关闭", _points(i), GROUP_NAMES.get(i["group"], i["group"]), "是" if i["fixable"] else "", i["summary"]]
        for i in infos
    ]


HEADER = ["规则", "严重程度", "扣分", "分组", "可修复", "说明"]


def _plain_table(infos: list[dict]) -> str:
    rows = [HEADER] + _rows(infos)
    widths = [max(_width(r[c]) for r in rows) for c in range(len(HEADER) - 1)]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(r, widths)) + "  " + r[-1] for r in rows]
    return "\n".join(lines) + f"\n\n共 {len(infos)} 条规则。用 fazhi rules 规则名 查看说明和示例；“可修复”的规则可由 fazhi fix 以修订方式改正。"


def _rich_table(infos: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"fazhi 规则（{len(infos)} 条）", title_justify="left")
    for name in HEADER:
        table.add_column(name, no_wrap=name != "说明")
    colours = {"错误": "red", "警告": "yellow", "提示": "cyan", "关闭": "dim"}
    for row in _rows(infos):
        row[1] = f"[{colours.get(row[1], '')}]{row[1]}[/]"
        table.add_row(*row)
    Console().print(table)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


def explain(info: dict) -> str:
    """The ruff-style page of one rule."""
    sev = f"{info['severity']}（{SEVERITY_NAMES[info['severity']]}）"
    cap = f"，本规则最多扣{info['max_points']:g}分" if info["max_points"] is not None else ""
    points = "提示不扣分" if info["severity"] == "info" else f"每处扣{info['points']:g}分{cap}"
    sections = [
        f"{info['slug']}（{GROUP_NAMES.get(info['group'], info['group'])}）" + ("" if info["enabled"] else "  [当前配置档已关闭]"),
        f"它检查什么\n{_indent(info['summary'])}",
        f"为什么\n{_indent(info['explanation'])}",
        f"依据\n{_indent(info['basis'])}",
        f"错误示例\n{_indent(info['bad'])}",
        f"正确示例\n{_indent(info['good'])}",
    ]
    if info["fix"]:
        how = info["fix"] + ("\n可修复：fazhi fix 能以修订（修订痕迹）方式自动改正确定的情形。" if info.get("fixable") else "")
        sections.append(f"怎样修改\n{_indent(how)}")
    sections.append(f"默认严重程度和扣分\n{_indent(sev + '，' + points)}")
    if info.get("options"):
        lines = [_option_line(key, o) for key, o in info["options"].items()]
        sections.append("选项（配置档 rules: {" + info["slug"] + ": {options: {…}}}）\n" + _indent("\n".join(lines)))
    return "\n\n".join(sections)


_OPTION_TYPES = {"int": "整数", "float": "数字", "bool": "true/false", "str": "文本"}


def _option_line(key: str, o: dict) -> str:
    default = f"，默认 {o['default']:g}" if isinstance(o["default"], (int, float)) else ""
    value = f"，当前 {o['value']}" if o["value"] is not None else ""
    return f"{key}（{_OPTION_TYPES.get(o['type'], o['type'])}{default}{value}）：{o['help']}"


def _near(slug: str, slugs: list[str]) -> list[str]:
    near = difflib.get_close_matches(slug, slugs, n=5, cutoff=0.5)
    near += [s for s in slugs if slug and slug in s and s not in near]
    return near[:5]


def rules(
    slug: Optional[str] = typer.Argument(None, help="规则名（如 causes-missing）；省略则列出全部规则"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json"),
    profile: str = typer.Option("township", "--profile", "-p", help="配置档名称或 .yaml 路径（显示其中的严重程度和扣分）"),
):
    """列出全部检查规则，或说明一条规则：检查什么、为什么、依据、错误和正确示例。"""
    from fazhi.checker.rules import registry
    from fazhi.errors import ProfileError
    from fazhi.loading import load

    if format not in ("text", "json"):
        stop(f"不支持的输出格式“{format}”，rules 命令可用：text、json")
    try:
        prof = load(profile)
    except ProfileError as exc:
        stop(str(exc))
    reg = registry()
    if slug is not None and slug not in reg:
        near = _near(slug, sorted(reg))
        hint = f"，是否要找：{'、'.join(near)}" if near else "；用 fazhi rules 列出全部规则"
        stop(f"没有名为“{slug}”的规则{hint}")
    infos = [_effective(reg[s], prof) for s in ([slug] if slug else sorted(reg, key=lambda s: (list(GROUP_NAMES).index(reg[s].group) if reg[s].group in GROUP_NAMES else 99, s)))]
    if format == "json":
        typer.echo(json.dumps(infos[0] if slug else infos, ensure_ascii=False, indent=2))
    elif slug:
        typer.echo(explain(infos[0]))
    elif sys.stdout.isatty():
        _rich_table(infos)
    else:
        typer.echo(_plain_table(infos))


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
