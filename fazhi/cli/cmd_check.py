"""`fazhi check FILE…|DIR|GLOB` — score reports and list findings.

Exit codes (contract §2): 0 every file passes; 1 at least one file fails;
2 bad input or usage. Bad input wins: one unreadable file makes the exit code 2
even when other files fail, because the batch result is incomplete."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from fazhi.cli import quick
from fazhi.cli._common import stop

if quick.TYPERLESS:  # the fast path (fazhi.cli.quick): `check` below is never registered
    typer = quick.NO_TYPER
else:
    import typer

FORMAT_HELP = "输出格式：text、json、html、md、sarif、junit、github"
SELECT_HELP = "只运行这些规则或规则组，逗号分隔，可重复（如 spelling 或 typo,variant-word）"
IGNORE_HELP = "不运行这些规则或规则组，逗号分隔，可重复（如 nonstandard-char）"
LIMIT_FLAGS = ("--max-seconds", "--max-paragraphs", "--max-chars")  # in the order of limit_options()


def limit_options(seconds, paragraphs, characters) -> dict:
    """The limits given on the command line (None = configuration or default)."""
    return {"seconds": seconds, "paragraphs": paragraphs, "characters": characters}


MAX_SECONDS_HELP = "每个文件的检查用时上限（秒，默认 10）；超过即停止并报告，其他文件继续"
MAX_PARAGRAPHS_HELP = "每个文件的段落数上限（默认 50,000）"
MAX_CHARS_HELP = "每个文件的字符数上限（默认 2,000,000）"
HISTORY_HELP = "把每次检查记入该历史记录文件（SQLite），显示与上一稿相比的变化，并沿用审核人员对意见的处理（排除/确认）"


@dataclass
class RunOptions:
    """What `check` and `ci` share: inputs, configuration overrides, output."""

    paths: list[str]
    format: str = "text"
    output: Path | None = None
    profile: str | None = None
    min_score: float | None = None
    jobs: int | None = None
    exclude: list[str] = field(default_factory=list)
    config: Path | None = None
    no_config: bool = False
    annotate: Path | None = None
    convert: bool = False
    fail_on: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    force: bool = False  # replace existing output files (never an input)
    published: bool | None = None
    title: str | None = None
    limits: dict = field(default_factory=dict)  # --max-seconds … (fazhi.limits names), over the configuration
    history: Path | None = None  # SQLite history file (fazhi.season.history)
    baseline: Path | None = None  # CI baseline (fazhi.season.baseline)
    write_baseline: bool = False


def _progress(total: int):
    """A rich progress bar on stderr, only for a terminal and several files."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("检查中"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _check(files, settings, opts: RunOptions, convert_dir: Path | None, on_report=None, *, plain: bool = False):
    """`plain`: only JSON is written from the reports, which are then kept
    packed and without their findings' context (fazhi.batch.check_files)."""
    from fazhi.batch import check_files

    kw = {
        "jobs": opts.jobs or settings.jobs, "convert": opts.convert, "convert_dir": convert_dir, "limits": settings.limits,
        "on_report": on_report, "compact": True, "keep_context": not plain, "packed": plain,
    }  # fmt: skip
    progress = _progress(len(files))
    if progress is None:
        return check_files(files, settings.profile, **kw)
    with progress:
        task = progress.add_task("check", total=len(files))
        return check_files(files, settings.profile, on_done=lambda _: progress.advance(task), **kw)


def _write_annotated(result, out_dir: Path, protected: dict, force: bool) -> list:
    """One annotated copy per report; returns InputErrors for copies that failed.
    `protected` (input identities) are never written; an annotated copy given as
    input is checked but not annotated again."""
    from fazhi.annotate import ANNOTATED_SUFFIX, annotate, annotated_path, annotated_paths
    from fazhi.errors import InputError
    from fazhi.safe_output import OutputRefused, guard_output

    errors = []
    reports = [r for r in result.reports if not Path(r.file).name.endswith(ANNOTATED_SUFFIX)]
    for report in result.reports:
        if report not in reports:
            typer.echo(f"fazhi: {report.file}: 本身就是批注副本，已检查，不再生成批注副本", err=True)
    targets = annotated_paths([r.file for r in reports], out_dir)
    for report in reports:
        target = targets[report.file]
        renamed = target != annotated_path(report.file, out_dir)
        try:
            guard_output(target, protected, force)
            annotate(report, result.converted.get(report.file, report.file), target)
            hint = f"（原文件 {report.file}，与同批另一文件同名）" if renamed else ""
            typer.echo(f"fazhi: 已写出批注副本 {target}{hint}", err=True)
        except (InputError, OutputRefused) as exc:
            errors.append(exc)
        except OSError as exc:
            errors.append(InputError(str(target), f"无法写出批注副本（{exc.strerror or exc}），请检查输出文件夹是否可写"))
        except Exception as exc:  # a bug must not hide the other copies or print a traceback
            errors.append(InputError(report.file, f"生成批注副本时出现内部错误（{type(exc).__name__}: {exc}），这是 fazhi 的缺陷，请报告给维护者"))
    return errors


def _emit(pieces, output: Path | None) -> None:
    """Write the output as it is rendered, piece by piece (one report at a time
    for JSON), ending with a newline; nothing at all for empty output."""
    if isinstance(pieces, str):
        pieces = [pieces]
    pieces = (p.encode("utf-8", errors="replace").decode("utf-8") for p in pieces if p)  # a stray surrogate never ends the run
    first = next(pieces, None)
    if first is None:
        return
    if output is None:
        _write_pieces(sys.stdout.write, first, pieces)
        return
    from fazhi.safe_output import atomic_target

    try:
        with atomic_target(output) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
            _write_pieces(fh.write, first, pieces)
    except OSError as exc:
        stop(f"{output}: 无法写出结果（{exc.strerror or exc}），请检查路径和权限")
    print(f"结果已写入 {output}", file=sys.stderr)  # stdout stays empty for pipes


def _write_pieces(write, first: str, rest) -> None:
    last = first
    write(first)
    for last in rest:
        write(last)
    if not last.endswith("\n"):
        write("\n")


def execute(opts: RunOptions, *, fail=None, summary: Path | None = None) -> int:
    """Expand inputs, apply configuration, check, print, annotate. Returns the exit code.
    `fail(settings)` gives the predicate for a failing report (default: not passed);
    `summary` is a file the Markdown report is appended to (GitHub job summary)."""
    from fazhi.batch import expand_inputs
    from fazhi.config import resolve_settings
    from fazhi.errors import ProfileError
    from fazhi.formatters import FORMATS

    if opts.format not in FORMATS:
        stop(f"未知的输出格式“{opts.format}”（可用：{'、'.join(FORMATS)}）")
    if opts.min_score is not None and not 0 <= opts.min_score <= 100:
        stop(f"--min-score 必须在 0 到 100 之间，收到 {opts.min_score:g}")
    if opts.jobs is not None and opts.jobs < 1:
        stop(f"--jobs 至少为 1，收到 {opts.jobs}")
    for flag, value in zip(LIMIT_FLAGS, opts.limits.values()):
        if value is not None and value <= 0:
            stop(f"{flag} 必须大于 0，收到 {value:g}")
    try:
        settings = resolve_settings(
            opts.paths,
            profile=opts.profile,
            min_score=opts.min_score,
            exclude=opts.exclude,
            jobs=opts.jobs,
            fail_on=opts.fail_on,
            config=opts.config,
            use_config=not opts.no_config,
            select=opts.select,
            ignore=opts.ignore,
            published=opts.published,
            title=opts.title,
            cached=True,  # fazhi.config_cache: a warm start validates nothing
            limits=opts.limits,
        )
    except ProfileError as exc:
        stop(str(exc))
    inputs = expand_inputs(opts.paths, settings.exclude)
    if not inputs.files and not inputs.errors:
        stop("没有找到可检查的报告文件（.docx/.txt/.md），请检查路径或 --exclude 模式")
    protected = _guard_outputs(opts, settings, inputs.files, summary)
    from fazhi.limits import configured_as

    # the limits apply in this process (jobs 1, annotated copies); workers get them too
    with tempfile.TemporaryDirectory(prefix="fazhi-") as tmp, configured_as(settings.limits):
        keep = Path(tmp) if opts.convert and opts.annotate is not None else None
        return _run_batch(opts, settings, inputs, keep, fail, summary, protected)


def _guard_outputs(opts: RunOptions, settings, files, summary: Path | None) -> dict:
    """Before any work: `-o` must not be an input (report, configuration, profile)
    nor an existing file without --force; the job summary (appended to) must not
    be an input. Returns the input identities, for the annotated copies."""
    from fazhi.safe_output import OutputRefused, guard_output, input_identities

    sources = [*files, *(p for p in (settings.config_path, opts.config, opts.profile) if p)]
    protected = input_identities(sources)
    try:
        if opts.output is not None:
            guard_output(opts.output, protected, opts.force)
        if summary is not None:
            guard_output(summary, protected, force=True)
        if opts.annotate is not None and opts.annotate.exists() and not opts.annotate.is_dir():
            raise OutputRefused(str(opts.annotate), "--annotate 需要一个文件夹，这里给出的是文件；请换一个文件夹")
    except OutputRefused as exc:
        stop(exc.one_line())
    return protected


def _run_batch(opts: RunOptions, settings, inputs, convert_dir, fail, summary, protected) -> int:
    from fazhi.formatters import render, stream
    from fazhi.season.hooks import open_season

    season = open_season(opts, settings)
    # Only the readable formats, the annotated copies and fingerprints use a finding's paragraph text.
    plain = opts.format == "json" and opts.annotate is None and summary is None and not season.fingerprints and season.history is None
    result = _check(inputs.files, settings, opts, convert_dir, None if plain else season.on_report, plain=plain)
    result.errors = inputs.errors + result.errors
    for e in result.errors:
        typer.echo(f"fazhi: {e.one_line()}", err=True)
    many = len(inputs.files) + len(inputs.errors) > 1 or any(_is_collection(p) for p in opts.paths)
    season.after_batch(result.reports, many=many, copies=result.copies)
    color = opts.output is None and opts.format == "text" and sys.stdout.isatty()
    width = _terminal_width() if color else 100
    _emit(stream(opts.format, result.reports, result.errors, many=many, color=color, width=width, fail_on=settings.fail_on), opts.output)
    if summary is not None:
        _append_summary(summary, render("md", result.reports, result.errors))
    if opts.annotate is not None:
        annotate_errors = _write_annotated(result, opts.annotate, protected, opts.force)
        for e in annotate_errors:
            typer.echo(f"fazhi: {e.one_line()}", err=True)
        result.errors += annotate_errors
    season.close()
    return result.exit_code(season.failing(fail(settings) if fail else None, settings))


def _append_summary(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    except OSError as exc:  # the summary is a courtesy; the annotations already went out
        typer.echo(f"fazhi: {path}: 无法写入 GitHub 作业摘要（{exc.strerror or exc}）", err=True)


def _is_collection(path: str) -> bool:
    """A folder or a glob: the contract's JSON is an array for those, even for one file."""
    return Path(path).is_dir() or any(c in path for c in "*?[")


def _terminal_width() -> int:
    import shutil

    return max(80, shutil.get_terminal_size((100, 24)).columns)


def check(
    paths: List[str] = typer.Argument(..., help="报告文件（.docx/.txt/.md）、文件夹或通配模式（如 'reports/**/*.docx'）"),
    format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把结果写入文件而不是标准输出"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="配置档名称或 .yaml 路径（默认 township 或配置文件中的 profile）"),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="合格的最低分（默认 60）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数（默认=CPU 核数；1=不并行）"),
    exclude: List[str] = typer.Option([], "--exclude", help="排除的文件或文件夹模式，可重复（如 'drafts/**'）"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="把带批注的副本（<文件名>.批注.docx）写入该文件夹"),
    convert: bool = typer.Option(False, "--convert", help="先用 LibreOffice 把 .doc/.wps 转为 .docx 再检查"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（fazhi.toml 或 pyproject.toml），默认自动查找"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取任何配置文件"),
    select: List[str] = typer.Option([], "--select", help=SELECT_HELP),
    ignore: List[str] = typer.Option([], "--ignore", help=IGNORE_HELP),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件（-o、批注副本）；输入文件无论如何都不会被覆盖"),
    history: Optional[Path] = typer.Option(None, "--history", help=HISTORY_HELP),
    published: bool = typer.Option(False, "--published", help="检查网站上发布的文本：不要求主送机关，跳过网页栏目文字（位置、发布时间、浏览次数等）"),
    title: Optional[str] = typer.Option(None, "--title", help="发布的文本中没有标题时，给出报告标题（否则从文件名读取）"),
    max_seconds: Optional[float] = typer.Option(None, "--max-seconds", help=MAX_SECONDS_HELP),
    max_paragraphs: Optional[int] = typer.Option(None, "--max-paragraphs", help=MAX_PARAGRAPHS_HELP),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help=MAX_CHARS_HELP),
):
    """检查报告：五个部分、内容、格式，给出得分和问题清单。"""
    opts = RunOptions(
        paths=paths, format=format, output=output, profile=profile, min_score=min_score, jobs=jobs,
        exclude=exclude, config=config, no_config=no_config, annotate=annotate, convert=convert, force=force,
        select=select, ignore=ignore, published=published or None, title=title,
        limits=limit_options(max_seconds, max_paragraphs, max_chars), history=history,
    )  # fmt: skip
    raise typer.Exit(execute(opts))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
