"""How every command stops on bad input or configuration: one line, exit code 2."""

from __future__ import annotations

from typing import NoReturn

import typer


def stop(message: str) -> NoReturn:
    typer.echo(f"fazhi: {message}", err=True)
    raise typer.Exit(2)
