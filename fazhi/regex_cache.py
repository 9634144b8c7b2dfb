"""Compiled regular expressions kept between runs of the command line.

A start-up compiles ~450 patterns (rule modules, profiles, data files): ~0.1 s,
most of it in the pure-Python sre compiler (`_optimize_charset` for the CJK
classes). A compiled `re.Pattern` cannot be saved, but what the compiler hands
to `_sre.compile` can: the opcode list, the flags and the group tables. While
installed (`install()`, done by `fazhi.cli.main` only, never on import), every
`re.compile` in the process that misses `re`'s own cache goes through
`_compile` here: a pattern seen before is rebuilt from its saved opcodes by
`_sre.compile` (which validates the code); a new one is compiled by the real
compiler, and its opcodes are kept only if the pattern they rebuild equals the
real compiler's (`Pattern.__eq__` compares flags, source and code). When the command
ends (`finish()`), the table is written (marshal) to fazhi's cache folder if
the run added to it, and `re` gets its compiler back.

The file's name carries Python's full version, `_sre.MAGIC` and fazhi's
version, so another interpreter never reads it. Anything unexpected (a damaged
or unreadable file, an unwritable folder, a Python whose compiler works
otherwise) falls back to the real compiler: the cache can make a run faster,
never different. FAZHI_NO_CACHE=1 turns it off with the other caches."""

from __future__ import annotations

import importlib
import marshal
import re
import sys
from pathlib import Path
from typing import Any, Callable

import zlib

import _sre

try:  # re's private compiler modules (Python 3.11+)
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10: no cache
    _compiler = _parser = None

# (pattern, flags) → (flags, code, groups - 1, groupindex, indexgroup): _sre.compile's
# arguments after the pattern.
_table: dict[tuple, tuple] = {}
_ages: dict[tuple, int] = {}  # how many saves ago each pattern was last used
_used: set[tuple] = set()
_real: Callable | None = None  # re's own compiler while installed
_path: Path | None = None
_added = 0  # patterns this run added to the table
# Patterns built from a document's text, or joined from a set (whose order
# changes with every process's string hashing), would grow the table without
# bound: a pattern no run used in MAX_AGE saves is dropped, and past
# MAX_ENTRIES only the patterns of this run are kept.
MAX_AGE = 10
MAX_ENTRIES = 3000
# DEBUG prints while compiling; LOCALE code may depend on the locale at compile time.
_UNCACHED = int(re.DEBUG | re.LOCALE)  # an int: `int & RegexFlag` builds an enum member (slow)


def _file(folder: Path) -> Path:
    from fazhi import __version__

    tag = f"{sys.version}\0{_sre.MAGIC}\0{__version__}\0{marshal.version}".encode()
    return folder / f"regex-{zlib.crc32(tag):08x}.marshal"


def install(folder: Path | None) -> bool:
    """Route `re`'s compiler through the table kept in `folder` (None: off)."""
    global _real, _path
    if folder is None or _compiler is None or _real is not None:
        return False
    path = _file(folder)
    try:
        table, ages = marshal.loads(path.read_bytes())
        if isinstance(table, dict) and isinstance(ages, dict):
            _table.update(table)
            _ages.update(ages)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no table yet, or a damaged one: rebuilt as patterns compile
    _real, _path = _compiler.compile, path
    _compiler.compile = _compile
    return True


def finish() -> None:
    """Save the table and give `re` its own compiler back."""
    save()
    uninstall()


def uninstall() -> None:
    global _real, _path, _added
    if _real is not None:
        _compiler.compile = _real
    _real, _path, _added = None, None, 0
    _table.clear()
    _ages.clear()
    _used.clear()


def _compile(p, flags=0):
    global _added
    real = _real
    if not isinstance(p, (str, bytes)) or flags & _UNCACHED or real is None:
        return (real or _compiler.compile)(p, flags)  # re.Scanner passes a parsed pattern
    key = (p, flags)
    args = _table.get(key)
    if args is not None:
        try:
            pattern = _sre.compile(p, *args)
            _used.add(key)
            return pattern
        except Exception:  # a damaged entry: compile for real below
            del _table[key]
    pattern = real(p, flags)  # raises re.error for a bad pattern, as re does
    try:
        args = _arguments(p, flags)
        if not args[0] & _UNCACHED and _same(_sre.compile(p, *args), pattern):
            _table[key] = args
            _used.add(key)
            _added += 1
    except Exception:  # noqa: S110 - a compiler that works otherwise: just not cached
        pass
    return pattern


def _same(rebuilt: re.Pattern, pattern: re.Pattern) -> bool:
    return rebuilt == pattern and rebuilt.groups == pattern.groups and rebuilt.groupindex == pattern.groupindex


def _arguments(p, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern."""
    parsed = _parser.parse(p, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # opcodes are int subclasses marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def save() -> None:
    """Write the table if this run compiled new patterns, or if over an eighth
    of it went unused (patterns of an older fazhi age out instead of being
    loaded by every run)."""
    global _added
    unused = len(_table) - len(_used)
    if _path is None or not (_added or unused * 8 > len(_table)):
        return
    ages = {key: 0 if key in _used else _ages.get(key, 0) + 1 for key in _table}
    kept = [key for key, age in ages.items() if age <= MAX_AGE]
    if len(kept) > MAX_ENTRIES:
        kept = [key for key in kept if key in _used]
    try:
        _write(_path, marshal.dumps(({key: _table[key] for key in kept}, {key: ages[key] for key in kept})))
        _added = 0
    except (OSError, ValueError):
        pass  # a read-only cache folder only costs the compiles next time


def _write(path: Path, data: bytes) -> None:
    from fazhi.cache import write_atomically

    write_atomically(path, data, stale=path.parent.glob("regex-*.marshal"))  # tables of other interpreters or versions
