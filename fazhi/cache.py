"""Parsed data files kept between runs, so a start-up does not parse them again.

    table = compiled("townships", [DATA], lambda: _parse(DATA), to_plain, from_plain)

The cache lives in $XDG_CACHE_HOME/fazhi (default ~/.cache/fazhi; FAZHI_CACHE_DIR
overrides it, FAZHI_NO_CACHE=1 turns it off). An entry is keyed by the name,
fazhi's version, the Python version and a hash of every source file's bytes
(the module that builds the value included), so an edited file or loader is
parsed again, never served stale; writing an entry removes older ones of the
same name. Entries hold only builtin
values (dicts, tuples, strings, frozensets) written with `marshal`, which loads
them several times faster than parsing the file. Anything that goes wrong with
the cache (unwritable folder, truncated entry) falls back to parsing: the cache
can only make a run faster, never different. A broken source file is parsed
(and reported) every time, as it never gets an entry."""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, TypeVar

try:  # what hashlib re-exports, without hashlib loading OpenSSL (~6 ms of a start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("FAZHI_NO_CACHE"):
        return None
    if os.environ.get("FAZHI_CACHE_DIR"):
        return Path(os.environ["FAZHI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fazhi"


def _key(name: str, sources: Sequence[Path]) -> str:
    from fazhi import __version__

    h = blake2b(digest_size=16)
    h.update(f"{name}\0{__version__}\0{sys.version_info[:2]}\0{marshal.version}".encode())
    for path in sources:
        h.update(b"\0" + Path(path).read_bytes())
    return h.hexdigest()


def compiled(
    name: str,
    sources: Sequence[Path],
    build: Callable[[], T],
    to_plain: Callable[[T], Any],
    from_plain: Callable[[Any], T],
) -> T:
    """`build()`'s result, from the cache when the sources are unchanged.
    `to_plain`/`from_plain` turn it into marshal-able builtins and back."""
    from fazhi.limits import uncounted  # building is the first run's cost, not the file's

    folder = cache_dir()
    if folder is None:
        with uncounted():
            return build()
    # The code that builds (and so shapes) the value is a source too: an entry
    # written by another version of that module is never read.
    sources = [*sources, Path(build.__code__.co_filename), Path(from_plain.__code__.co_filename) if hasattr(from_plain, "__code__") else Path(__file__)]
    try:
        entry: Path | None = folder / f"{name}-{_key(name, sources)}.marshal"
    except OSError:
        entry = None  # an unreadable source: build() reports it
    if entry is not None:
        try:
            return from_plain(marshal.loads(entry.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no entry yet, or a damaged one: rebuilt below
    with uncounted():
        value = build()
    if entry is not None:
        with contextlib.suppress(OSError, ValueError):  # a read-only home folder only costs the parse next time
            _write(entry, marshal.dumps(to_plain(value)))
    return value


def _write(entry: Path, data: bytes) -> None:
    name = entry.name.rsplit("-", 1)[0]
    write_atomically(entry, data, stale=entry.parent.glob(f"{name}-*.marshal"))  # entries of older sources


def write_atomically(path: Path, data: bytes, stale: Iterable[Path] = ()) -> None:
    """Write `path` so that readers see the old file or the whole new one, never
    a part; the `stale` files (entries of older sources) are removed first."""
    import tempfile  # only when an entry is written (~5 ms to import)

    path.parent.mkdir(parents=True, exist_ok=True)
    for old in list(stale):
        if old != path:
            old.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
