"""Writing outputs without ever touching an input.

Every command that writes a file (`check -o`, `check --annotate`, `ci -o`,
`template -o`, `fix`/`format` outputs, the web app's temporary copies) goes
through this module:

    from fazhi.safe_output import guard_outputs, write_atomic, atomic_target

    guard_outputs(inputs=[report, profile_yaml], outputs=[out], force=force)  # before any work
    write_atomic(out, text)                  # str or bytes
    with atomic_target(out) as tmp:          # for writers that want a path
        document.save(tmp)

`guard_outputs` compares by identity (st_dev, st_ino), so a symbolic link or a
hard link to an input is the input; it raises `OutputRefused` (an InputError:
one Chinese line, exit code 2) when an output is an input, whatever `force`
says, and when an output exists and `force` is false. Writes are atomic
(temporary file in the same folder, then os.replace) with the permissions a
new file gets under the user's umask (0644 with the usual umask 022)."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from fazhi.errors import InputError

PathLike = str | os.PathLike


class OutputRefused(InputError):
    """An output that would replace an input, or an existing file without --force."""


def file_identity(path: PathLike) -> tuple[int, int] | None:
    """(st_dev, st_ino) of what `path` names (links followed); None if nothing is there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when both paths name the same file (symlinks and hard links included)."""
    ia = file_identity(a)
    return ia is not None and ia == file_identity(b)


def guard_outputs(inputs: Iterable[PathLike], outputs: Iterable[PathLike], force: bool = False) -> None:
    """Refuse before anything is written: an output that is an input (never
    allowed, not even with `force`), or an output that already exists (allowed
    only with `force`). Raises OutputRefused naming the first offending output."""
    known = input_identities(inputs)
    for out in outputs:
        guard_output(out, known, force)


def guard_output(out: PathLike, inputs: dict[tuple[int, int], str], force: bool = False) -> None:
    """One output against `inputs` (from `input_identities`), as `guard_outputs`."""
    ident = file_identity(out)
    if ident is not None and ident in inputs:
        source = inputs[ident]
        what = "就是输入文件" if os.path.abspath(source) == os.path.abspath(out) else f"与输入文件 {source} 是同一个文件（链接）"
        raise OutputRefused(str(out), f"输出文件{what}，写出会覆盖原文件，已拒绝；请换一个输出路径")
    if os.path.isdir(out):
        raise OutputRefused(str(out), "这是一个文件夹，请给出输出文件名")
    if not force and os.path.lexists(out):
        raise OutputRefused(str(out), "文件已存在，未覆盖；如需覆盖请加 --force，或换一个输出路径")


def input_identities(inputs: Iterable[PathLike]) -> dict[tuple[int, int], str]:
    """Identity → input name, for checking many outputs against the same inputs."""
    out: dict[tuple[int, int], str] = {}
    for p in inputs:
        ident = file_identity(p)
        if ident is not None:
            out.setdefault(ident, str(p))
    return out


def new_file_mode() -> int:
    """The mode `open(…, "w")` would give a new file: 0666 minus the umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it (and set it back at once)
    os.umask(mask)
    return mask


@contextmanager
def atomic_target(path: PathLike) -> Iterator[Path]:
    """A temporary path next to `path`; on success it replaces `path` in one step
    (readers never see half a file), on failure it is removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".fazhi-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: PathLike, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically (see `atomic_target`)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_target(path) as tmp:
        tmp.write_bytes(payload)
    return Path(path)
