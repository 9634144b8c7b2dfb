"""The typer application; commands are registered from their modules."""

from __future__ import annotations

import typer

from fazhi import __version__

app = typer.Typer(
    name="fazhi",
    help="法治政府建设年度报告检查工具：结构、内容、格式检查，模板生成。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: wraps at the terminal width instead of cutting words with "…"
)


HELP_TEXT = "显示本帮助并退出"


def _chinese_help_option() -> None:
    """The --help line in Chinese like every other option. typer builds the
    option inside its command class with a fixed English text, so the text is
    set on the option object when it is made."""
    try:
        from typer._click.core import Command  # typer ≥ 0.2x vendors click
    except ImportError:  # pragma: no cover - older typer on plain click
        from click.core import Command  # type: ignore[assignment]
    original = Command.get_help_option
    if getattr(original, "fazhi", False):
        return

    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    get_help_option.fazhi = True  # type: ignore[attr-defined]
    Command.get_help_option = get_help_option  # type: ignore[method-assign]


_chinese_help_option()

# What typer prints after an option (`--jobs <int>`, `[default: text]`,
# `[required]`) in the words of the rest of the help.
TYPE_LABELS = {"str": "文字", "int": "整数", "float": "数值", "int range": "整数", "float range": "数值", "path": "路径", "file": "文件", "directory": "文件夹", "bool": "是/否"}
EXTRA_LABELS = {"default: {default}": "默认：{default}", "required": "必填"}


def _chinese_metavars() -> None:
    """`<str>` → `<文字>`, `<list[str]>` → `<文字>` (the option may repeat),
    `[default: …]` → `[默认：…]`, `[required]` → `[必填]`. typer builds these
    in its parameter classes from English names; the labels are mapped where
    they are made."""
    import re
    from gettext import gettext

    from typer import core

    original = core._TyperParameter.display_type
    if getattr(original, "fazhi", False):
        return

    def display_type(self, ctx):
        label = original(self, ctx)
        if not label:
            return label

        def chinese(m):
            inner = m.group(1)
            inner = re.sub(r"^list\[(.*)\]$", r"\1", inner)
            return "<" + "|".join(TYPE_LABELS.get(t, t) for t in inner.split("|")) + ">"

        return re.sub(r"^<(.*)>$", chinese, label)

    display_type.fazhi = True  # type: ignore[attr-defined]
    core._TyperParameter.display_type = display_type  # type: ignore[method-assign]

    def translate(message: str) -> str:
        return EXTRA_LABELS.get(message) or gettext(message)

    core._ = translate
    _columns_by_display_width()


def _columns_by_display_width() -> None:
    """The option column is padded by terminal cells, not characters: a
    Chinese character takes two cells, so `<文字>` would push its help right."""
    from rich.cells import cell_len

    try:
        from typer._click import formatting
        from typer._click._compat import strip_ansi
    except ImportError:  # pragma: no cover - older typer on plain click
        from click import formatting  # type: ignore[no-redef]
        from click._compat import strip_ansi

    def term_len(x: str) -> int:
        return cell_len(strip_ansi(x))

    formatting.term_len = term_len


_chinese_metavars()


def _version(value: bool):
    if value:
        typer.echo(f"fazhi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本")):
    """法治政府建设年度报告检查工具。"""


def _register() -> None:
    import importlib
    import pkgutil

    import fazhi.cli as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"fazhi.cli.{info.name}")
            module.register(app)


_register()
