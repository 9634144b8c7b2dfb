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
)


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
