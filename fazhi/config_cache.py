"""Resolved settings kept between runs: a warm `fazhi check` neither parses nor
validates its configuration and profile.

`fazhi.config.resolve_settings(..., cached=True)` looks here first. An entry is
found by a key made of the command-line values, the working folder, the
configuration file found (its path), fazhi's and Python's versions and the
size and modification time of every file of the fazhi package (its code, the
built-in profiles and data). It holds the `Settings` with the profile as
`fazhi.schema.records` (pickled: plain objects, so loading them imports no
pydantic) and a digest of every other file the settings were built from: the
configuration file, the profile files a `--profile`/`profile =` path names
(with what they extend) and the data files the profile adds. An entry whose
files changed is not used: the settings are resolved again, and a broken file
is reported then, every time, since resolving raises before anything is
written. A damaged entry or an unwritable cache folder only costs the
resolving; FAZHI_NO_CACHE=1 turns this off with fazhi's other caches."""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from fazhi.cache import blake2b, write_atomically

PACKAGE = Path(__file__).resolve().parent
KEEP = 16  # entries (distinct command lines/folders) kept; older ones are removed
_SUFFIXES = (".py", ".yaml", ".tsv")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Size and mtime of every source and data file of the package: an edited
    rule, model or built-in profile makes every entry stale."""
    h = blake2b(digest_size=16)
    stack = [str(PACKAGE)]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(_SUFFIXES):
                    st = entry.stat()
                    h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def key(values: dict[str, Any], config_path: Path | None) -> str:
    from fazhi import __version__

    h = blake2b(digest_size=16)
    parts = (__version__, sys.version, code_fingerprint(), os.getcwd(), str(config_path), sorted(values.items(), key=str))
    h.update(repr(parts).encode())
    return h.hexdigest()


def digest(path: Path | str) -> str | None:
    try:
        return blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def _entry(folder: Path, name: str) -> Path:
    return folder / f"settings-{name}.pickle"


def load(folder: Path | None, name: str) -> Any | None:
    """The settings stored under `name`, if every file they came from is unchanged."""
    if folder is None:
        return None
    try:
        sources, settings = pickle.loads(_entry(folder, name).read_bytes())  # noqa: S301 - fazhi's own cache folder
        if all(digest(path) == known for path, known in sources):
            return settings
    except Exception:  # noqa: S110 - no entry, or a damaged one: resolved again
        pass
    return None


def store(folder: Path | None, name: str, settings: Any, sources: list[Path]) -> None:
    """Keep `settings` (already turned into records) with a digest of each source."""
    if folder is None:
        return
    known = [(str(p), digest(p)) for p in dict.fromkeys(sources)]
    if any(d is None for _, d in known):
        return  # a source vanished meanwhile: nothing to vouch for
    with contextlib.suppress(Exception):  # a read-only cache folder only costs the resolving next time
        _write(_entry(folder, name), pickle.dumps((known, settings), protocol=pickle.HIGHEST_PROTOCOL))


def _write(entry: Path, data: bytes) -> None:
    older = sorted(entry.parent.glob("settings-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    write_atomically(entry, data, stale=older[KEEP - 1 :])
