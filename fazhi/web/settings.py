"""Limits and options of the web app (defaults documented in docs/web.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi.limits import Limits

MB = 1024 * 1024


@dataclass
class Settings:
    profile: str | None = None  # default profile (a built-in name or a .yaml path); None: the config's, else township
    config: Path | None = None  # fazhi.toml / pyproject.toml applied to every profile
    keep: Path | None = None  # copy uploads + JSON results here; None = keep nothing
    history: Path | None = None  # SQLite history file (fazhi.season.history); None = no history
    max_files: int = 50  # files per request
    max_file_bytes: int = 20 * MB  # per file
    max_total_bytes: int = 200 * MB  # whole request body
    cache_items: int = 50  # annotated copies kept for download
    cache_seconds: int = 30 * 60
    cache_bytes: int = 256 * MB
    host: str | None = "127.0.0.1"  # the address listened on: Host headers other than it and localhost are refused
    annotate_at_once: int = 2  # annotated copies made at the same time (each holds a document in memory)
    limits: Limits | None = None  # per-file budgets (fazhi.limits); None: the defaults
    workers: int = 0  # check in this many forked processes, with a hard stop at the time budget; 0: in threads

    @property
    def max_file_mb(self) -> str:
        return f"{self.max_file_bytes / MB:g}"
