"""Benchmarks (not part of pytest). See docs/benchmarks.md.

    python benchmarks/run.py                 # everything, batch of 1000
    python benchmarks/run.py --batch 200     # a smaller batch
    python benchmarks/run.py --skip-batch    # single-document figures only

First the issue-13 table, whole processes as a user runs them: `fazhi check
--format json ONE.docx` (wall and CPU medians, peak RSS; next to `gongwen check
-t report` when `gongwen` is on PATH), `fazhi check --format json DIR` on 1,000
~10,000-character .docx reports (start-up included), and the per-document
check in-process against the unzip+parse floor.

Then, for a ~10,000-character .docx built from the seeds: the floor (unzip +
lxml parse of document.xml + paragraph text), fazhi's read and the full check
as medians and as ratios to the floor; per-rule times; template generation;
a batch checked with 1 and 2 processes; CLI start-up; a cProfile summary.

The machine may be shared: wall times are medians and CPU time (user+sys of
the child processes) is printed next to them, as it moves less with load."""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import multiprocessing as mp
import os
import platform
import pstats
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TARGET_READ, TARGET_CHECK, TARGET_STARTUP_MS = 2.0, 5.0, 150.0
TARGET_ONE_S, TARGET_BATCH_S, TARGET_MB = 0.15, 2.0, 150
PEER_ONE_S = 0.72  # gongwen-skill `check -t report`, measured for issue 13 on the same class of machine


# --- inputs -------------------------------------------------------------------------


def _seed_builder():
    spec = importlib.util.spec_from_file_location("build_seed_docx", ROOT / "scripts" / "build_seed_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_lines(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def ten_thousand_chars(out: Path) -> Path:
    """Seed 001 followed by the body of seed 004 (~10,000 characters), typed like a
    real draft (title centred, bold headings, 仿宋 body, GB/T 9704 page)."""
    import docx

    builder = _seed_builder()
    lines = seed_lines("001_f4cae163528c1ce9.txt") + seed_lines("004_5eb6a8149b33c332.txt")[1:]
    d = docx.Document()
    builder.typed_bold(lines, d)
    buffer = io.BytesIO()
    d.save(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def variations(n: int, out_dir: Path, seed: int = 7) -> list[Path]:
    """`n` reports from the seeds: other township names and years, a paragraph
    dropped or repeated; every other one as .docx (one paragraph per line)."""
    from fazhi.checker.reader.minidocx import build_docx, para

    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    names = ["青山镇", "白石乡", "柳溪镇", "东湖街道", "桃源镇", "龙泉乡", "新塘镇", "石门街道"]
    files = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        lines = seed_lines(src.name)
        entity = re.search(r"[\u4e00-\u9fff]{2,3}(镇|乡|街道)", lines[0])
        new = rng.choice(names)
        shift = rng.choice([0, 1, 2])
        lines = [re.sub(r"20(1\d|2[0-4])", lambda m, shift=shift: str(int(m.group(0)) + shift), (ln.replace(entity.group(0), new) if entity else ln)) for ln in lines]
        k = rng.randrange(1, len(lines))
        if rng.random() < 0.5:
            del lines[k]
        else:
            lines.insert(k, lines[k])
        if i % 2:
            files.append(build_docx(out_dir / f"r{i:05d}.docx", "".join(para(ln) for ln in lines)))
        else:
            path = out_dir / f"r{i:05d}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files.append(path)
    return files


def report_batch(n: int, out_dir: Path, seed: int = 11) -> list[Path]:
    """`n` .docx reports of ~10,000 characters, typed like real drafts (as
    `ten_thousand_chars`): a seed followed by the bodies of others up to 9,000
    characters, another township name and year, a paragraph dropped or repeated."""
    import docx

    builder = _seed_builder()
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [seed_lines(s.name) for s in seeds]
    names = ["青山镇", "白石乡", "柳溪镇", "东湖街道", "桃源镇", "龙泉乡", "新塘镇", "石门街道"]
    files = []
    for i in range(n):
        a = i % len(seeds)
        b = (a + 1 + (i // len(seeds)) % (len(seeds) - 1)) % len(seeds)
        lines, extra = list(texts[a]), b
        while sum(map(len, lines)) < 9000:  # ~10,000 characters: bodies of the next seeds
            lines += texts[extra][1:]
            extra = (extra + 1) % len(seeds) if (extra + 1) % len(seeds) != a else (extra + 2) % len(seeds)
        entity = re.search(r"[\u4e00-\u9fff]{2,3}(镇|乡|街道)", lines[0])
        new, shift = rng.choice(names), rng.choice([0, 1, 2])
        lines = [re.sub(r"20(1\d|2[0-4])", lambda m, shift=shift: str(int(m.group(0)) + shift), ln.replace(entity.group(0), new) if entity else ln) for ln in lines]
        k = rng.randrange(1, len(lines))
        if rng.random() < 0.5:
            del lines[k]
        else:
            lines.insert(k, lines[k])
        d = docx.Document()
        builder.typed_bold(lines, d)
        path = out_dir / f"r{i:05d}.docx"
        d.save(str(path))
        files.append(path)
    return files


# --- whole processes (the issue-13 table) ----------------------------------------------


def fazhi_cmd() -> list[str]:
    """This interpreter's `fazhi` script (not the first on PATH: a pyenv shim is a
    bash script that costs more than the check, and may run another install)."""
    exe = Path(sys.executable).with_name("fazhi")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "fazhi"]


def installed_env() -> dict:
    """The environment of an installed fazhi: bytecode cached (pip writes .pyc at
    install time). PYTHONDONTWRITEBYTECODE=1, as on the shared development
    machine, would recompile ~100 modules on every run (~0.1 s); the .pyc files
    go to a folder outside the repository instead."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "fazhi-bench-pycache")
    return env


def process_runs(cmd: list[str], runs: int) -> dict:
    """Wall and CPU (user+sys) medians of `runs` runs of `cmd`, output discarded,
    and the peak RSS (MB) of its main process and of its largest worker process
    over the runs. One unmeasured run first writes the bytecode and fazhi's data
    cache, as the first run after installing does."""
    env = installed_env()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    walls, cpus, main_mb, worker_mb = [], [], 0.0, 0.0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        peaks = watch_peaks(proc)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        main_mb = max(main_mb, peaks.pop(proc.pid, 0.0))
        worker_mb = max([worker_mb, *peaks.values()])
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "best": min(walls), "peak_mb": main_mb, "worker_mb": worker_mb}


def watch_peaks(proc: subprocess.Popen, every: float = 0.01) -> dict[int, float]:
    """Peak RSS (VmHWM, MB) of `proc` and of every process it starts, read from
    /proc until it exits. Not `ru_maxrss`: a child of this large process inherits
    this process's peak at exec, and RUSAGE_CHILDREN gives only the largest of
    all. VmHWM is the process's own high-water mark, so reading it late loses
    nothing; only growth in the last few milliseconds before an exit can be missed."""
    peaks: dict[int, float] = {}
    while proc.poll() is None:
        todo = [proc.pid]
        while todo:
            pid = todo.pop()
            mb = _vm_hwm_mb(pid)
            if mb is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), mb)
            todo += _children(pid)
        time.sleep(every)
    return peaks


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        pass
    return out


def issue_table(one: Path, batch_dir: Path | None, per_doc: tuple[float, float], runs: int) -> None:
    print(f"\nissue 13, whole processes ({runs} runs each; median wall, median CPU user+sys, peak RSS)")
    row = process_runs([*fazhi_cmd(), "check", "--format", "json", str(one)], runs)
    print(f"  fazhi check --format json {one.name}: {row['wall']:.3f} s wall (best {row['best']:.3f}), {row['cpu']:.3f} s CPU, {row['peak_mb']:.0f} MB"
          f"   target <= {TARGET_ONE_S} s")
    peer = shutil.which("gongwen")
    if peer:
        p = process_runs([peer, "check", "-t", "report", str(one)], runs)
        print(f"  gongwen check -t report {one.name}:  {p['wall']:.3f} s wall, {p['cpu']:.3f} s CPU, {p['peak_mb']:.0f} MB")
    else:
        print(f"  gongwen is not on PATH: the peer's figure from the issue is {PEER_ONE_S} s")
    if batch_dir is not None:
        n = len(list(batch_dir.glob("*.docx")))
        b = process_runs([*fazhi_cmd(), "check", "--format", "json", str(batch_dir)], max(1, runs // 3))
        print(f"  fazhi check --format json DIR ({n} .docx, {os.cpu_count()} processes): {b['wall']:.2f} s wall, {b['cpu']:.2f} s CPU, "
              f"peak {b['peak_mb']:.0f} MB main process, {b['worker_mb']:.0f} MB largest worker   target <= {TARGET_BATCH_S} s, <= {TARGET_MB} MB per process")
    check_ms, floor_ms = per_doc
    print(f"  per document in-process: {check_ms:.2f} ms, {check_ms / floor_ms:.1f}x the unzip+parse floor ({floor_ms:.2f} ms)   target <= {TARGET_CHECK:.0f}x")


# --- measurements -------------------------------------------------------------------


def floor(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def timings_ms(fn, runs: int) -> tuple[float, float]:
    """(median, best) of `runs` calls in ms; the best shows the cost without
    interference from other load on the machine."""
    fn()  # warm caches and imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def median_ms(fn, runs: int) -> float:
    return timings_ms(fn, runs)[0]


def per_rule_ms(path: Path, profile, runs: int = 10) -> list[tuple[str, float]]:
    """Median of each rule alone on a fresh context (per-document work that
    rules share through `Context.memo` is charged to every rule that uses it)."""
    from fazhi.checker.engine import build_context
    from fazhi.checker.reader import read_document
    from fazhi.checker.rules import registry

    doc = read_document(path)
    out = []
    for slug, rule in registry().items():
        list(rule.check(build_context(doc, profile)))  # warm data files and imports
        times = []
        for _ in range(runs):
            ctx = build_context(doc, profile)
            start = time.perf_counter()
            list(rule.check(ctx))
            times.append(time.perf_counter() - start)
        out.append((slug, statistics.median(times) * 1000))
    return sorted(out, key=lambda t: -t[1])


def stage_ms(path: Path, profile, runs: int) -> tuple[float, float]:
    """Medians of build_context and of the rest of check_document (rules, caps,
    sorting, score) on a document already read."""
    from fazhi.checker.engine import build_context, check_document
    from fazhi.checker.reader import read_document

    doc = read_document(path)
    ctx = median_ms(lambda: build_context(doc, profile), runs)
    return ctx, median_ms(lambda: check_document(doc, profile), runs) - ctx


def template_ms(runs: int = 5) -> float | None:
    try:
        from fazhi.templates import build_docx
    except ImportError:
        return None
    return median_ms(lambda: build_docx("township"), runs)


def startup_ms(runs: int = 20) -> tuple[float, float]:
    """(fazhi --version, python -c pass) medians: the second is the interpreter's share."""
    cmd = [*fazhi_cmd(), "--version"]
    fazhi = median_ms(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)
    bare = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True, capture_output=True), runs)
    return fazhi, bare


def profile_top(path: Path, profile, top: int = 15) -> str:
    from fazhi.checker import check_path

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(5):
        check_path(path, profile)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    stats.print_stats(r"/fazhi/", top)
    lines = [ln for ln in out.getvalue().splitlines() if ("/fazhi/" in ln and "List reduced" not in ln) or ln.strip().startswith("ncalls")]
    return "\n".join(re.sub(r"\S*/fazhi/", "fazhi/", ln) for ln in lines)


# --- batch ----------------------------------------------------------------------------

_PROFILE = None


def _init_worker() -> None:
    global _PROFILE
    from fazhi.loading import load

    _PROFILE = load("township")


def _check_chunk(paths: list[str]) -> tuple[int, int, float]:
    """Check files; return (checked, bad input, peak RSS in MB of this process)."""
    from fazhi.checker import check_path
    from fazhi.errors import InputError

    ok = bad = 0
    for p in paths:
        try:
            check_path(p, _PROFILE)
            ok += 1
        except InputError:
            bad += 1
    return ok, bad, _vm_hwm_mb(os.getpid()) or 0.0  # not ru_maxrss: it includes the spawning process's peak


def batch(files: list[Path], jobs: int) -> dict:
    chunks = [[str(f) for f in files[i::jobs * 8]] for i in range(jobs * 8)]
    ctx = mp.get_context("spawn")  # fresh processes: honest memory figures
    with ctx.Pool(jobs, initializer=_init_worker) as pool:
        pool.map(_check_chunk, [[str(files[0])]] * jobs)  # start-up outside the timing
        start = time.perf_counter()
        results = pool.map(_check_chunk, chunks, chunksize=1)
        elapsed = time.perf_counter() - start
        peaks = pool.map(_check_chunk, [[]] * jobs)
    checked = sum(r[0] for r in results)
    return {"jobs": jobs, "seconds": elapsed, "docs_per_s": checked / elapsed, "bad": sum(r[1] for r in results), "peak_mb": max(p[2] for p in peaks)}


# --- report -------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=1000, help="reports in the batch (default 1000)")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--runs", type=int, default=50, help="runs per single-document median")
    ap.add_argument("--cli-runs", type=int, default=9, help="runs per whole-process median (default 9)")
    ap.add_argument("--table-only", action="store_true", help="only the issue-13 table")
    args = ap.parse_args(argv)

    from fazhi.checker import check_path
    from fazhi.checker.reader import read_document
    from fazhi.loading import load

    profile = load("township")  # what the CLI checks with (fazhi.loading.prepare)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        tmp = Path(tmp)
        doc = ten_thousand_chars(tmp / "report10k.docx")
        chars = sum(len(t) for t in floor(doc))
        f, fb = timings_ms(lambda: floor(doc), args.runs * 4)
        r, rb = timings_ms(lambda: read_document(doc), args.runs * 4)
        c, cb = timings_ms(lambda: check_path(doc, profile), args.runs)
        batch_dir = None
        if not args.skip_batch:
            batch_dir = tmp / "season"
            batch_dir.mkdir()
            report_batch(args.batch, batch_dir)
        issue_table(SEEDS / "docx" / "001_f4cae163528c1ce9.docx", batch_dir, (c, f), args.cli_runs)
        if args.table_only:
            return 0
        print(f"\n{doc.name}: {chars} characters, {len(read_document(doc).paragraphs)} paragraphs   median (best)")
        print(f"  floor (unzip + parse + text)  {f:8.2f} ms ({fb:.2f})   1.0x")
        print(f"  fazhi read                    {r:8.2f} ms ({rb:.2f})  {r / f:5.1f}x ({rb / fb:.1f}x)  target <= {TARGET_READ:.0f}x")
        print(f"  full check                    {c:8.2f} ms ({cb:.2f})  {c / f:5.1f}x ({cb / fb:.1f}x)  target <= {TARGET_CHECK:.0f}x")
        rules = per_rule_ms(doc, profile)
        print("  slowest rules: " + ", ".join(f"{slug} {ms:.2f} ms" for slug, ms in rules[:8]))
        print(f"  all rules one by one: {sum(ms for _, ms in rules):.2f} ms")
        ctx_ms, rules_ms = stage_ms(doc, profile, args.runs)
        print(f"  full check = read {r:.2f} + outline/parts/entity {ctx_ms:.2f} + rules and scoring {rules_ms:.2f} ms")
        t = template_ms()
        print(f"  template (.docx, township)    {t:8.2f} ms" if t is not None else "  template: fazhi.templates.build_docx not available")
        s, bare = startup_ms()
        print(f"  CLI start-up (fazhi --version) {s:7.1f} ms  (python -c pass: {bare:.1f} ms; target <= {TARGET_STARTUP_MS:.0f} ms)")

        if not args.skip_batch:
            files = variations(args.batch, tmp)
            print(f"\nbatch: {len(files)} reports (half .txt, half .docx) from the seeds")
            one = batch(files, 1)
            two = batch(files, 2)
            for res in (one, two):
                print(f"  {res['jobs']} process(es): {res['seconds']:6.2f} s  {res['docs_per_s']:7.1f} docs/s  peak {res['peak_mb']:.0f} MB per process  bad input {res['bad']}")
            print(f"  speed-up with 2 processes: {two['docs_per_s'] / one['docs_per_s']:.2f}x")

        print("\ncProfile, full check x5, top 15 by cumulative time (fazhi code):")
        print(profile_top(doc, profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
