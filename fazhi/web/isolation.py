"""A hard stop for the per-file time budget of the web server.

The CLI stops a file at its `--max-seconds` with SIGALRM (fazhi.limits), which
works only in a process's main thread; the server checks in worker threads,
where only the engine's cooperative ticks count, so one slow rule could run on.
Here each check runs in the main thread of a small pool of forked processes
(started once, after the data is loaded, so a fork costs no loading): SIGALRM
works there, and a worker that still overruns (stuck in C code) is killed and
the pool replaced. Workers return plain values, never exceptions, so nothing
depends on pickling an exception."""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from fazhi.errors import InputError
from fazhi.limits import Limits, LimitExceeded, configure, configured

log = logging.getLogger("fazhi.web")

GRACE_SECONDS = 2.0  # beyond the budget before the server kills the worker (SIGALRM fires first)
CRASHED = "检查该文件的进程意外退出（可能是文件过大或结构异常），请检查文件后重试；其他文件不受影响"


def _ready() -> None:
    """Run once in each worker, so they are all forked at start."""


def _run(function, args):
    """In a worker: ("ok", result), ("input", reason) or ("bug", None)."""
    try:
        return "ok", function(*args)
    except InputError as exc:
        return "input", exc.reason
    except Exception:  # a bug in a rule: logged by the worker, reported as such
        log.exception("internal error in a check worker")
        return "bug", None


class CheckPool:
    """`run(function, *args)` in a worker within the time budget, else `LimitExceeded`."""

    def __init__(self, workers: int, limits: Limits | None = None):
        self.workers = max(1, workers)
        self.limits = limits or configured()
        self._lock = threading.Lock()
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=configure, initargs=(self.limits,))
        for future in [pool.submit(_ready) for _ in range(self.workers)]:
            future.result()
        return pool

    def run(self, path: str, function, *args):
        """`function(*args)` for the file shown as `path`. Raises InputError (the
        file's own problem or its time budget) or RuntimeError (a bug)."""
        for attempt in range(2):
            pool = self._pool
            try:
                future = pool.submit(_run, function, args)
                kind, value = future.result(timeout=self.limits.seconds + GRACE_SECONDS)
            except FutureTimeout:
                self._replace(pool)
                raise LimitExceeded(path, "seconds", self.limits.seconds) from None
            except BrokenProcessPool:  # killed with another file's overrun, or crashed: once more
                self._replace(pool)
                if attempt:
                    raise InputError(path, CRASHED) from None
                continue
            if kind == "input":
                raise InputError(path, value)
            if kind == "bug":
                raise RuntimeError("a check worker failed")
            return value
        raise InputError(path, CRASHED)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is not broken:
                return  # another request replaced it already
            for process in list((broken._processes or {}).values()):
                process.kill()
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()

    def close(self) -> None:
        with self._lock:
            for process in list((self._pool._processes or {}).values()):
                process.kill()
            self._pool.shutdown(wait=False, cancel_futures=True)
