"""Budgets: how much work one input file may cost.

A report is a few dozen pages; a file far beyond every real report (a million
lines, a 1,500-deep style chain, a part inflating to 100 MB) is refused in one
line naming the limit and how to raise it, instead of stalling a batch or the
web server. Limits are user-visible: `fazhi check --max-seconds/--max-paragraphs/
--max-chars`, or the `[limits]` table of fazhi.toml for all of them.

    from fazhi.limits import Limits, configure, file_budget, current
    configure(Limits(paragraphs=100_000))   # this process (CLI, batch worker)
    with file_budget(path):                 # one file: the clock starts here
        ...current().paragraph(len(text))   # the reader counts; refuses beyond a limit
        ...current().tick()                 # long loops check the clock

Counting is cooperative: the reader counts paragraphs and characters, the zip
layer counts inflated bytes, the engine checks the clock between rules. Outside
`file_budget` (tests calling the reader directly) a fresh budget with the
configured limits applies."""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, fields, replace
from typing import Iterator

from fazhi.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    seconds: float = 10.0  # wall clock per file (read + check + annotated copy)
    paragraphs: int = 50_000  # a long report has 300-1,000
    characters: int = 2_000_000  # a long report has 30,000
    part_mb: float = 32.0  # one part of a .docx, inflated (a report's document.xml: 0.1-5 MB)
    total_mb: float = 64.0  # all parts read from one .docx, inflated
    styles: int = 20_000  # style definitions in styles.xml (Word writes 100-400)
    style_depth: int = 64  # basedOn chain (Word's own styles: under 10)
    numbering_levels: int = 20_000  # w:lvl elements in numbering.xml (9 per list)

    def replace(self, **changes) -> Limits:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def as_dict(self) -> dict:
        return asdict(self)


# name → (what is counted, its unit, how to raise it)
_WHAT = {
    "seconds": ("检查用时", " 秒", "可用 --max-seconds 调整"),
    "paragraphs": ("段落数", "", "可用 --max-paragraphs 调整"),
    "characters": ("字符数", "", "可用 --max-chars 调整"),
    "part_mb": ("单个部件解压后", " MB", "可在配置文件 [limits] 中用 part_mb 调整"),
    "total_mb": ("各部件解压后合计", " MB", "可在配置文件 [limits] 中用 total_mb 调整"),
    "styles": ("样式数", "", "可在配置文件 [limits] 中用 styles 调整"),
    "style_depth": ("样式继承（basedOn）层数", "", "可在配置文件 [limits] 中用 style_depth 调整"),
    "numbering_levels": ("自动编号级别数", "", "可在配置文件 [limits] 中用 numbering_levels 调整"),
}
LIMIT_NAMES = tuple(f.name for f in fields(Limits))


class LimitExceeded(InputError):
    """A file beyond one of the limits: one line naming the limit, exit code 2."""

    def __init__(self, path: str, name: str, limit: float, detail: str = ""):
        what, unit, how = _WHAT[name]
        shown = f"{limit:,g}" if isinstance(limit, float) else f"{limit:,}"
        where = f"（{detail}）" if detail else ""
        super().__init__(path, f"{what}超过 {shown}{unit}{where}，已停止检查；正常报告远低于此，如确需检查，{how}")
        self.limit_name = name


_configured = Limits()


def configure(limits: Limits | None) -> None:
    """The limits for files checked by this process from now on."""
    global _configured
    _configured = limits or Limits()


def configured() -> Limits:
    return _configured


@contextmanager
def configured_as(limits: Limits | None) -> Iterator[Limits]:
    """`configure(limits)` for the duration of a block (a CLI run, a batch)."""
    previous = _configured
    configure(limits)
    try:
        yield _configured
    finally:
        configure(previous)


class Budget:
    """One file's allowance, counted as the file is read and checked."""

    def __init__(self, path: str, limits: Limits | None = None, clock=time.monotonic):
        self.path = str(path)
        self.limits = limits or _configured
        self._clock = clock
        self._deadline = clock() + self.limits.seconds
        self.alarmed = False  # a SIGALRM timer backs the deadline (see _alarm)
        self.paragraphs = 0
        self.characters = 0
        self.inflated = 0

    def extend(self, seconds: float) -> None:
        self._deadline += seconds

    def refuse(self, name: str, detail: str = "") -> LimitExceeded:
        return LimitExceeded(self.path, name, getattr(self.limits, name), detail)

    def tick(self) -> None:
        """Called between units of work: past the deadline, stop."""
        if self._clock() > self._deadline:
            raise self.refuse("seconds")

    def paragraph(self, chars: int) -> None:
        self.paragraphs += 1
        self.characters += chars
        if self.paragraphs > self.limits.paragraphs:
            raise self.refuse("paragraphs")
        if self.characters > self.limits.characters:
            raise self.refuse("characters")
        if not self.paragraphs & 255:
            self.tick()

    def count(self, name: str, value: int, detail: str = "") -> None:
        """A count the reader made (styles, style depth, numbering levels, lines)."""
        if value > getattr(self.limits, name):
            raise self.refuse(name, detail)

    def part_bytes(self) -> int:
        return int(self.limits.part_mb * MB)

    def inflate(self, n: int, part: str) -> None:
        """`n` more bytes inflated from the package (all parts)."""
        self.inflated += n
        if self.inflated > self.limits.total_mb * MB:
            raise self.refuse("total_mb", f"读到“{part}”时")


_current: ContextVar[Budget | None] = ContextVar("fazhi_budget", default=None)


def current() -> Budget:
    """The budget of the file being processed (a fresh one outside `file_budget`)."""
    budget = _current.get()
    return budget if budget is not None else Budget("<input>")


def active() -> Budget | None:
    return _current.get()


@contextmanager
def uncounted() -> Iterator[None]:
    """Work done once per installation or process, whichever file needs it first
    (building the spelling tables, parsing a data file into the cache): its time
    is not charged to that file, so a first run on a slow or busy machine is not
    refused for time its report did not cost."""
    budget = _current.get()
    if budget is None:
        yield
        return
    import signal

    start = budget._clock()
    left = signal.setitimer(signal.ITIMER_REAL, 0)[0] if budget.alarmed else 0.0
    try:
        yield
    finally:
        elapsed = budget._clock() - start
        budget.extend(elapsed)
        if budget.alarmed and left > 0:
            signal.setitimer(signal.ITIMER_REAL, left)


@contextmanager
def file_budget(path, limits: Limits | None = None) -> Iterator[Budget]:
    """Everything inside counts against one budget for `path`. Nested calls for
    the same work (check_path inside annotate) share the outer budget."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    budget = Budget(str(path), limits)
    token = _current.set(budget)
    try:
        with _alarm(budget):
            yield budget
    finally:
        _current.reset(token)


@contextmanager
def _alarm(budget: Budget) -> Iterator[None]:
    """A hard stop at the deadline, for work between two ticks (one slow rule
    on 50,000 paragraphs): SIGALRM raises the refusal in the main thread (the
    CLI, batch workers). Elsewhere (the web server's threads), or when another
    timer is armed (a test's own time limit), the ticks alone count."""
    import signal
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0 or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        yield
        return

    def expire(signum, frame):
        raise budget.refuse("seconds")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(budget.limits.seconds, 0.001) + 0.05)  # the ticks normally fire first
    budget.alarmed = True
    try:
        yield
    finally:
        budget.alarmed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
