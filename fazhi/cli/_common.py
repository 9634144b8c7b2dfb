"""How every command stops on bad input or configuration: one line, exit code 2.

No typer import here: `fazhi check` runs without typer on its fast path
(fazhi.cli.quick). SystemExit(2) ends a typer command the same way typer.Exit(2)
does (typer runs with standalone_mode=False and lets it through)."""

from __future__ import annotations

import sys
from typing import NoReturn


def say(message: str) -> None:
    """One line for the user on stderr."""
    print(message, file=sys.stderr, flush=True)


def stop(message: str) -> NoReturn:
    say(f"fazhi: {message}")
    raise SystemExit(2)
