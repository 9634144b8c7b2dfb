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
