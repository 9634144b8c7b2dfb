"""The fast path of `fazhi check`: plain command lines parsed without typer.

Importing typer and letting it build its parameter converters costs ~80 ms,
more than checking a report. A clerk's `fazhi check 报告.docx --format json`
only needs the options below, so `parse_check` reads them directly and
`run_check` calls `cmd_check.execute` with the same RunOptions typer would
build. Anything else (--help, an unknown or malformed option, a value that is
not a plain number) returns None and typer handles the line, with its usage
messages. tests/test_cli_quick.py keeps this table equal to the typer
command's parameters.

cmd_check defines the typer command at import; on the fast path it imports
with NO_TYPER in typer's place (TYPERLESS), so that command is defined with
placeholders and never registered; the module is dropped again afterwards so
a later import in the same process gets the real one."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

# option → (RunOptions field or check() parameter, kind); kinds: str, path, float, int, many (repeatable str), flag
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
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--force": ("force", "flag"),
    "--published": ("published", "flag"),
    "--title": ("title", "str"),
    "--max-seconds": ("max_seconds", "float"),
    "--max-paragraphs": ("max_paragraphs", "int"),
    "--max-chars": ("max_chars", "int"),
    "--history": ("history", "path"),
}
LIMITS = ("max_seconds", "max_paragraphs", "max_chars")  # in the order of cmd_check.limit_options
_FLOAT = re.compile(r"\d{1,6}(\.\d+)?")
_INT = re.compile(r"[1-9]\d{0,8}")

TYPERLESS = False


def _placeholder(*args, **kwargs) -> None:
    return None


def _echo(message: str = "", err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


NO_TYPER = SimpleNamespace(Argument=_placeholder, Option=_placeholder, echo=_echo, Exit=SystemExit)


def parse_check(args: list[str]) -> dict | None:
    """The check() parameters of `fazhi check ARGS`, or None when typer should parse them."""
    values: dict = {"paths": [], "exclude": [], "select": [], "ignore": []}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("-") or arg == "-":
            values["paths"].append(arg)
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
        else:
            values[field] = parsed
    return values if values["paths"] else None


def _value(kind: str, value: str):
    if kind in ("str", "many"):
        return value
    if kind == "path":
        return Path(value) if value else None
    if kind == "float":
        return float(value) if _FLOAT.fullmatch(value) else None
    if kind == "int":
        return int(value) if _INT.fullmatch(value) else None
    return None  # pragma: no cover - every kind is handled above


def run_options(values: dict):
    """RunOptions from parse_check's values, built as cmd_check.check builds them."""
    from fazhi.cli.cmd_check import RunOptions, limit_options

    values = dict(values)
    limits = limit_options(*(values.pop(name, None) for name in LIMITS))
    if values.get("published") is not True:
        values["published"] = None  # typer's `published or None`
    return RunOptions(limits=limits, **values)


def run_check(args: list[str]) -> int | None:
    """Run `fazhi check ARGS` without typer; None when typer must parse the line."""
    global TYPERLESS
    values = parse_check(args)
    if values is None:
        return None
    # fazhi uses no pydantic plugins; without this pydantic scans every installed
    # package's entry points (importlib.metadata, ~10 ms) when it builds a model.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    fresh = "fazhi.cli.cmd_check" not in sys.modules
    TYPERLESS = fresh
    try:
        from fazhi.cli import cmd_check

        return cmd_check.execute(run_options(values))
    finally:
        TYPERLESS = False
        if fresh:  # the placeholder command must not reach a later typer app in this process
            sys.modules.pop("fazhi.cli.cmd_check", None)
            sys.modules["fazhi.cli"].__dict__.pop("cmd_check", None)
