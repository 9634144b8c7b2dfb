"""Command line: `fazhi check|ci|rules|schema|template|serve`.

Each command lives in its own module and imports heavy things lazily, so
`fazhi --version` stays fast."""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):  # fast path: no typer/rich import
        from fazhi import __version__

        print(f"fazhi {__version__}")
        return
    from fazhi.cli.app import app

    app()
