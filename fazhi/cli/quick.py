"""The fast path of `fazhi check`: plain command lines parsed without typer.

Importing typer and letting it build its parameter converters costs ~80 ms,
more than checking a report. A clerk's `fazhi check 报告.docx --format json`
only needs the options below, so `parse_check` reads them directly and
`fazhi.cli.main` calls `cmd_check.execute` with the same RunOptions typer
would build. Anything else (--help, an unknown or malformed option, a value
that is not a plain number) returns None and typer handles the line, with its
usage messages. tests/test_cli_quick.py keeps this table equal to the typer
command's parameters."""

from __future__ import annotations

import re
from pathlib import Path

# option → (RunOptions field, kind); kinds: str, path, float, int, many (repeatable str), flag
OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("format", "str"),
    "-f": ("format", "str"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--profile": ("profile", "str"),
    "-p": ("profile", "str"),
    "--min-score": ("min_score", "float"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--exclude": ("exclude", "many"),
    "--annotate": ("annotate", "path"),
    "--convert": ("convert", "flag"),
    "--config": ("config", "path"),
    "--no-config": ("no_config", "flag"),
    "--force": ("force", "flag"),
    "--published": ("published", "flag"),
    "--title": ("title", "str"),
    "--max-seconds": ("max_seconds", "float"),
    "--max-paragraphs": ("max_paragraphs", "int"),
    "--max-chars": ("max_chars", "int"),
}
_LIMITS = ("max_seconds", "max_paragraphs", "max_chars")  # in the order of cmd_check.limit_options
_FLOAT = re.compile(r"\d{1,6}(\.\d+)?")
_INT = re.compile(r"[1-9]\d{0,8}")


def parse_check(args: list[str]):
    """RunOptions for `fazhi check ARGS`, or None when typer should parse them."""
    from fazhi.cli.cmd_check import RunOptions, limit_options

    values: dict = {"exclude": []}
    limits: dict = dict.fromkeys(_LIMITS)
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("-") or arg == "-":
            paths.append(arg)
            i += 1
            continue
        name, eq, inline = arg.partition("=")
        spec = OPTIONS.get(name)
        if spec is None or (eq and spec[1] == "flag"):
            return None  # --help, --, -fjson, unknown options: typer decides
        field, kind = spec
        if kind == "flag":
            values[field] = True
            i += 1
            continue
        if eq:
            value, i = inline, i + 1
        elif i + 1 < len(args):
            value, i = args[i + 1], i + 2
        else:
            return None
        parsed = _value(kind, value)
        if parsed is None:
            return None
        if kind == "many":
            values[field].append(parsed)
        elif field in limits:
            limits[field] = parsed
        else:
            values[field] = parsed
    if not paths:
        return None
    return RunOptions(paths=paths, limits=limit_options(*limits.values()), **values)


def _value(kind: str, value: str):
    if kind == "str" or kind == "many":
        return value
    if kind == "path":
        return Path(value) if value else None
    if kind == "float":
        return float(value) if _FLOAT.fullmatch(value) else None
    if kind == "int":
        return int(value) if _INT.fullmatch(value) else None
    return None  # pragma: no cover - every kind is handled above
