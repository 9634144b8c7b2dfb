"""Check many reports: expand folders and globs, check in parallel, rank.

    from fazhi.batch import expand_inputs, check_files, ranked
    inputs = expand_inputs(["reports/", "old/**/*.docx"], exclude=["drafts/**"])
    result = check_files(inputs.files, profile, jobs=4)
    result.reports, result.errors, result.exit_code()

Workers receive file paths and the profile as plain data (validated once per
worker), and return `Report` objects; the order of `result.reports` is the
order of the input files, whatever order the workers finish in."""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from fazhi.checker.report import RANKING_NOTE, Report, rank_key, ranked  # noqa: F401  (ranking: part of the batch API)
from fazhi.errors import InputError

if TYPE_CHECKING:
    from fazhi.schema.models import Profile
    from fazhi.season.copying import CopyIndex

REPORT_SUFFIXES = (".docx", ".docm", ".txt", ".md", ".doc", ".wps")
CONVERTIBLE = (".doc", ".wps")
ANNOTATED_MARK = ".批注"  # annotated copies (`--annotate`) are not reports to re-check
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass
class Inputs:
    files: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # patterns that matched nothing


@dataclass
class BatchResult:
    files: list[Path]
    reports: Sequence[Report]  # in input order (a PackedReports with `packed`)
    errors: list[InputError]  # in input order
    converted: dict[str, Path] = field(default_factory=dict)  # report.file → converted .docx (kept with `convert_dir`)
    copies: CopyIndex | None = None  # with `compact`: the reports' copying sketches (fazhi.season.copying)

    def exit_code(self, fail: Callable[[Report], bool] | None = None) -> int:
        """Contract §2: 2 when any input was bad (even if others fail), else 1 when
        a report fails, else 0. `fail` defaults to "not Report.passed"."""
        if self.errors:
            return 2
        fail = fail or (lambda r: not r.passed)
        return 1 if any(fail(r) for r in self.reports) else 0


# ---------------------------------------------------------------- inputs


def glob_to_regex(pattern: str) -> re.Pattern:
    """`**/` spans folders, `*` and `?` stay within one path segment."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def is_excluded(path: Path, patterns: Sequence[str], root: Path | None = None) -> bool:
    """A pattern without "/" matches any single path segment (a file or folder
    name); a pattern with "/" matches the path relative to `root` (or as given)."""
    rel = path.relative_to(root) if root is not None and path.is_relative_to(root) else path
    rel_posix = rel.as_posix().removeprefix("./")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        rx = glob_to_regex(pattern)
        if "/" in pattern:
            if rx.match(rel_posix) or rx.match(path.as_posix()):
                return True
        elif any(rx.match(part) for part in rel.parts):
            return True
    return False


def _walk(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if _is_report_name(name):
                found.append(p)
    return found


def _is_report_name(name: str) -> bool:
    path = Path(name)
    return (
        path.suffix.lower() in REPORT_SUFFIXES
        and not name.startswith(("~$", "."))  # Word lock files, hidden files
        and not path.stem.endswith(ANNOTATED_MARK)
    )


def expand_inputs(paths: Sequence[str | Path], exclude: Sequence[str] = ()) -> Inputs:
    """Files to check, each once, in a stable order: folders are walked (sorted,
    hidden folders skipped), globs (`reports/**/*.docx`) are expanded here, plain
    file paths are kept as given (a missing one is reported by the reader)."""
    inputs = Inputs()
    seen: set[Path] = set()

    def add(p: Path, root: Path | None) -> None:
        key = _identity(p)
        if key not in seen and not is_excluded(p, exclude, root):
            seen.add(key)
            inputs.files.append(p)

    for raw in paths:
        text = str(raw)
        p = Path(text)
        if p.is_dir():
            for f in _walk(p):
                add(f, p)
        elif not p.exists() and _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and _is_report_name(Path(m).name)]
            if not files:
                inputs.errors.append(InputError(text, "没有与该通配模式匹配的报告文件（.docx/.txt/.md），请检查模式和当前目录"))
            for f in files:
                add(f, None)
        else:
            add(p, None)
    return inputs


def _identity(p: Path):
    """What makes two paths the same input: the file they name, or for paths that
    name nothing readable (a symlink loop, a missing file), the absolute path;
    the reader then says in one line what is wrong with it."""
    try:
        st = os.stat(p)
        return (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        return os.path.abspath(p)


# ---------------------------------------------------------------- checking

_WORKER_PROFILE: Profile | None = None
_WORKER_CONVERT: bool | Path = False
_WORKER_COMPACT: tuple[bool, bool, bool] = (False, True, False)  # (compact, keep_context, packed), see `check_files`


def _init_worker(profile: Profile | dict, convert: bool | str, limits: dict | None = None, compact: tuple[bool, bool, bool] = (False, True, False)) -> None:
    """`profile`: the parent's own object (inherited through fork, pickled
    under spawn), or its data, validated here."""
    global _WORKER_PROFILE, _WORKER_CONVERT, _WORKER_COMPACT
    import signal

    from fazhi.limits import Limits, configure

    configure(Limits(**limits) if limits else None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: no traceback per worker
    if isinstance(profile, dict):
        from fazhi.schema.models import Profile

        profile = Profile.model_validate(profile)
    _WORKER_PROFILE = profile
    _WORKER_CONVERT = Path(convert) if isinstance(convert, str) else convert
    _WORKER_COMPACT = compact


def check_one(path: Path | str, profile: Profile, convert: bool | Path = False, limits=None) -> Report:
    """Check one file; `.doc`/`.wps` are converted to .docx first when `convert`
    (a folder: the converted .docx is also kept there, see `converted_path`). Raises InputError for bad input; any other failure
    becomes an InputError too, so that one broken file never stops a batch."""
    from fazhi.checker import check_path
    from fazhi.limits import configured, configured_as, file_budget

    path = Path(path)
    try:
        if convert and path.suffix.lower() in CONVERTIBLE:  # LibreOffice's time is not the file's budget
            with configured_as(limits or configured()):
                return _check_converted(path, profile, convert if isinstance(convert, Path) else None)
        with file_budget(path, limits):  # `limits` None: this process's (fazhi.limits.configure)
            return check_path(path, profile)
    except InputError as exc:
        if path.suffix.lower() in CONVERTIBLE and not convert:
            raise InputError(exc.path, exc.reason + "；也可以加 --convert 参数，用 LibreOffice 自动转换") from None
        raise
    except RecursionError:
        raise InputError(str(path), "文档结构嵌套过深，无法检查；请在 Word 中另存为新的 .docx 后重试") from None
    except Exception as exc:  # a bug in a rule must not end the batch
        raise InputError(
            str(path), f"检查时出现内部错误（{type(exc).__name__}: {exc}），这是 fazhi 的缺陷，请把该文件和这条信息报告给维护者"
        ) from exc


def converted_path(source: Path | str, keep_dir: Path) -> Path:
    """Where a kept conversion of `source` lives: one sub-folder per source path."""
    import hashlib

    key = hashlib.sha1(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:12]
    return keep_dir / key / f"{Path(source).stem}.docx"


def _check_converted(path: Path, profile: Profile, keep_dir: Path | None) -> Report:
    import shutil
    import tempfile

    from fazhi.checker import check_path
    from fazhi.checker.reader.convert import convert_to_docx

    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as tmp:
        docx = convert_to_docx(path, tmp)
        report = check_path(docx, profile)
        if keep_dir is not None:
            kept = converted_path(path, keep_dir)
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(docx, kept)
    report.file = str(path)
    return report


Outcome = tuple  # (index, Report | None, (path, reason) | None, Sketch | None)


def _worker(index: int, path: str) -> Outcome:
    try:
        report = check_one(path, _WORKER_PROFILE, _WORKER_CONVERT)
    except InputError as exc:
        return index, None, (exc.path, exc.reason), None
    compact, keep_context, packed = _WORKER_COMPACT
    if not compact:
        return index, report, None, None
    report, sketch = compacted(report, keep_context)
    return index, pack(report) if packed else report, None, sketch


def _worker_chunk(items: list[tuple[int, str]]) -> list[Outcome]:
    """Several files per task: one round trip to the parent per chunk, not per file."""
    return [_worker(i, path) for i, path in items]


def compacted(report: Report, keep_context: bool = True):
    """(report, sketch): the report without what a batch need not keep for
    thousands of files (every paragraph's text, the document's paragraph objects
    in its parts, with `keep_context` False the findings' paragraph text), and
    its sketch for the copying check, which keeps the paragraphs compressed."""
    from fazhi.season.copying import sketch_of, source_of

    sketch = sketch_of(source_of(report), keep_texts=True)
    report.paragraphs = []
    for part in report.parts:
        part.paragraphs = []
        if part.heading is not None:
            part.heading = dataclasses.replace(part.heading, paragraph=_bare(part.heading.paragraph))
        if part.anchor is not None:
            part.anchor = part.heading.paragraph if part.heading is not None and part.anchor.index == part.heading.paragraph.index else _bare(part.anchor)
    if not keep_context:
        for f in report.findings:
            f.context = ""
    return report, sketch


def pack(report: Report) -> bytes:
    """A report pickled and compressed: ~4 KB instead of ~50 KB of objects."""
    import pickle
    import zlib

    return zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> Report:
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(data))


class PackedReports(Sequence[Report]):
    """A batch's reports kept packed (see `pack`) until used. `reports[i]`
    unpacks report i for good, so changes to it are kept; iterating unpacks
    each report in turn for reading only (nothing is kept, so a change made
    while iterating is lost)."""

    def __init__(self, items: list[Report | bytes]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        item = self._items[i]
        if isinstance(item, bytes):
            item = self._items[i] = unpack(item)
        return item

    def __iter__(self) -> Iterator[Report]:
        for item in self._items:
            yield unpack(item) if isinstance(item, bytes) else item


def _bare(paragraph):
    """A paragraph's place and text, without its runs and layout."""
    from fazhi.checker.model import Paragraph

    return Paragraph(paragraph.index, paragraph.text, paragraph.marker)


def _chunks(files: list[Path], jobs: int) -> list[list[tuple[int, str]]]:
    """Consecutive files in chunks of 1 to 8: about eight chunks per worker, and
    single files for the last `jobs` chunks' worth, so the workers finish
    together (no worker left with 8 files while the others wait) and results
    still arrive in small steps."""
    size = max(1, min(8, len(files) // (jobs * 8)))
    tail = min(len(files), jobs * size)  # checked one by one at the end
    starts = [*range(0, len(files) - tail, size), *range(len(files) - tail, len(files))]
    ends = [*starts[1:], len(files)]
    return [[(i, str(files[i])) for i in range(a, b)] for a, b in zip(starts, ends)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _shared_with_workers(profile: Profile):
    """Load the large read-only data the rules will need before the pool forks,
    so every worker shares this process's copy (copy-on-write) instead of
    loading its own: the spelling lexicon is ~50 MB per process."""
    if not profile.rule_setting("typo").enabled:
        yield
        return
    import gc

    from fazhi.checker.rules.spelling import load_detector_data

    load_detector_data()
    gc.freeze()  # the collector in a worker must not touch (and so copy) these pages
    try:
        yield
    finally:
        gc.unfreeze()  # a long-lived parent (fazhi serve) collects as before


@contextlib.contextmanager
def _no_collection():
    """No cyclic garbage collection in this process while it only receives the
    workers' results: they hold no cycles, and each full collection would walk
    every report received so far (about 1 s of a 1,000-report batch)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_files(
    files: Sequence[Path],
    profile: Profile,
    *,
    jobs: int | None = None,
    convert: bool = False,
    convert_dir: Path | None = None,
    on_done: Callable[[Path], None] | None = None,
    limits=None,
    on_report: Callable[[Report], None] | None = None,
    compact: bool = False,
    keep_context: bool = True,
    packed: bool = False,
) -> BatchResult:
    """Check `files` with `jobs` processes (default: one per core; 1 = in this
    process). Bad files become InputErrors; the others are still checked.
    With `convert`, .doc/.wps are converted first; with `convert_dir` too, the
    converted .docx files are kept there (`BatchResult.converted`), e.g. to
    annotate them without converting twice. `limits` (fazhi.limits.Limits, default:
    this process's) bound each file; a file beyond them is an InputError.
    `on_report(report)` is called in this process as soon as each report is
    checked (the history records it there, so a killed batch keeps what was done).
    With `compact`, a batch of thousands keeps little per report: the reports come
    without their paragraphs' text (see `compacted`; with `keep_context` False
    also without the findings' context, which only the readable formats show),
    and `BatchResult.copies` holds what the copying check needs of them. With
    `packed` too, `BatchResult.reports` is a `PackedReports` (~4 KB a report):
    change a report only through `reports[i]`."""
    from fazhi.limits import configured

    limits = limits or configured()
    if convert and convert_dir is not None:
        convert = Path(convert_dir)
    files = [Path(f) for f in files]
    jobs = jobs or default_jobs()
    slots: list[Report | InputError | None] = [None] * len(files)
    copies = None
    compact = compact and len(files) > 1  # one report: nothing to keep small, no copying to prepare (~2 ms)
    if compact:
        from fazhi.season.copying import CopyIndex

        copies = CopyIndex()

    packed = packed and compact

    def take(outcome: Outcome) -> None:
        i, report, error, sketch = outcome
        if on_report and isinstance(report, bytes):
            report = unpack(report)  # the history keeps what it records; the report stays unpacked
        slots[i] = report if report is not None else InputError(*error)
        if sketch is not None and copies is not None:
            copies.add(i, sketch)
        if on_report and report is not None:
            on_report(report)
        if on_done:
            on_done(files[i])

    if jobs <= 1 or len(files) <= 1:
        for i, f in enumerate(files):
            take(_check_here(i, f, profile, convert, limits, (compact, keep_context, packed)))
    else:
        _check_in_pool(files, profile, jobs, convert, limits, (compact, keep_context, packed), take)
    kept = [s for s in slots if isinstance(s, (Report, bytes))]
    reports = PackedReports(kept) if packed else kept
    converted = {}
    if isinstance(convert, Path):
        for r in reports:
            kept = converted_path(r.file, convert)
            if Path(r.file).suffix.lower() in CONVERTIBLE and kept.is_file():
                converted[r.file] = kept
    errors = [s for s in slots if isinstance(s, InputError)]
    return BatchResult(files=files, reports=reports, errors=errors, converted=converted, copies=copies)


def _check_here(i: int, f: Path, profile: Profile, convert, limits, compact: tuple[bool, bool, bool]) -> Outcome:
    try:
        report = check_one(f, profile, convert, limits)
    except InputError as exc:
        return i, None, (exc.path, exc.reason), None
    if not compact[0]:
        return i, report, None, None
    report, sketch = compacted(report, compact[1])
    return i, pack(report) if compact[2] else report, None, sketch


def _check_in_pool(files: list[Path], profile: Profile, jobs: int, convert, limits, compact: tuple[bool, bool, bool], take) -> None:
    """Workers forked once, after the shared data is loaded; each chunk's
    outcomes are taken as soon as the chunk is done."""
    from concurrent.futures import ProcessPoolExecutor  # only a batch needs worker processes

    with _shared_with_workers(profile), _no_collection():
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(files)),
            initializer=_init_worker,
            initargs=(profile, str(convert) if isinstance(convert, Path) else convert, limits.as_dict(), compact),
        )
        try:
            futures = {pool.submit(_worker_chunk, chunk): chunk for chunk in _chunks(files, jobs)}
            _take_as_completed(futures, files, take)
        except BaseException:  # Ctrl+C: wait for the chunks being checked only, drop the others
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


def _take_as_completed(futures: dict, files: list[Path], take) -> None:
    from concurrent.futures import as_completed

    for fut in as_completed(futures):
        try:
            outcomes = fut.result()
        except Exception as exc:  # a worker died (out of memory, killed)
            died = f"检查进程意外退出（{type(exc).__name__}），请单独检查该文件或用 --jobs 1 重试"
            outcomes = [(i, None, (str(files[i]), died), None) for i, _ in futures[fut]]
        for outcome in outcomes:
            take(outcome)
        del futures[fut]  # the chunk's reports live on in the batch's slots only
