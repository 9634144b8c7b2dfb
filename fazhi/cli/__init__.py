"""Command line: `fazhi check|ci|rules|schema|template|serve`.

Each command lives in its own module and imports heavy things lazily, so
`fazhi --version` stays fast; a plain `fazhi check` line skips typer
altogether (fazhi.cli.quick)."""

from __future__ import annotations

import sys

INTERRUPTED = "fazhi: 已按 Ctrl+C 中止，检查未完成，未写出的结果已放弃（已写出的文件完整，输入文件未改动）"


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:  # outside click's own handling (imports, worker pool shutdown)
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    finally:
        if "fazhi.regex_cache" in sys.modules:
            sys.modules["fazhi.regex_cache"].finish()


def _main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):  # fast path: no typer/rich import
        from fazhi import __version__

        print(f"fazhi {__version__}")
        return
    _cache_regexes()
    code = quick_check(argv)
    if code is not None:
        sys.exit(code)
    from fazhi.cli.app import app

    try:
        code = app(standalone_mode=False)
    except Exception as exc:  # typer vendors click: match its exceptions by class name
        kinds = {k.__name__ for k in type(exc).__mro__}
        if "UsageError" in kinds:
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx else "fazhi"
            try:
                message = usage_message(exc, kinds)
            except Exception:  # never let a message turn into a traceback
                message = f"命令用法有误：{exc}"
            print(f"fazhi: {message}（用 {command} --help 查看用法）", file=sys.stderr)
            sys.exit(2)
        if "Abort" in kinds:
            print(INTERRUPTED, file=sys.stderr)
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)


def _cache_regexes() -> None:
    """Compiled patterns from earlier runs (fazhi.regex_cache): only while a
    command runs, never on an import of fazhi; main() saves and removes it."""
    from fazhi.cache import cache_dir
    from fazhi.regex_cache import install

    install(cache_dir())


def quick_check(argv: list[str]) -> int | None:
    """`fazhi check` without typer when the line is plain (fazhi.cli.quick);
    None when typer must parse it."""
    if argv[:1] != ["check"]:
        return None
    from fazhi.cli.quick import run_check

    return run_check(argv[1:])


def usage_message(exc, kinds: set[str]) -> str:
    """Click's usage errors in Chinese (users of this tool read Chinese)."""
    if "MissingParameter" in kinds:
        return f"缺少参数 {_param_name(exc.param)}".strip()
    if "NoSuchOption" in kinds:
        near = f"，是否想用 {'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{near}"
    if "BadParameter" in kinds:
        return f"参数 {_param_name(exc.param)} 的值无效：{_bad_value(exc.message)}"
    if "No such command" in exc.message:
        name = exc.message.split("'")[1] if "'" in exc.message else ""
        return f"没有命令“{name}”（可用：check、ci、rules、schema、template、serve）"
    return f"命令用法有误：{exc.format_message()}"


def _param_name(param) -> str:
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or []
    return opts[0] if opts and opts[0].startswith("-") else (getattr(param, "name", "") or "").upper()


def _bad_value(message: str) -> str:
    if "valid integer" in message:
        return "应为整数"
    if "valid number" in message:
        return "应为数字"
    return message
