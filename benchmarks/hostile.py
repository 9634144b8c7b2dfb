"""The crafted inputs of issue 18 at full size, each checked in a fresh process:
wall time, peak memory (ru_maxrss of the child), exit code, first stderr line.

    python benchmarks/hostile.py                       # this checkout
    python benchmarks/hostile.py --tree /tmp/old-fazhi # another checkout (PYTHONPATH), e.g. before the fix
    python benchmarks/hostile.py --only deep1500 --timeout 60

The builders are tests/crafted.py (the tests build the same shapes, small)."""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import crafted  # noqa: E402


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    """(name, fazhi arguments) with the files built in `folder`."""
    f = folder
    built = {
        "deep1500": crafted.deep_style_chain(f / "deep1500.docx", 1500),
        "unknown10k": crafted.unknown_styles(f / "unknown10k.docx", 10_000, 20_000),
        "inflated95": crafted.inflated_document(f / "inflated95.docx", 95),
        "lines1m": crafted.text_lines(f / "lines1m.txt", 1_000_000),
        "headings": crafted.text_lines(f / "headings.txt", 380_000, "一、加强"),
        "headings45k": crafted.text_lines(f / "headings45k.txt", 45_000, "一、加强"),
        "entries250k": crafted.many_entries(f / "entries250k.docx", 250_000),
        "para4000": crafted.many_paragraphs(f / "para4000.docx", 4000),
        "header157": crafted.big_header(f / "header157.docx", 157),
        "relnoid": crafted.with_broken_package(f / "relnoid.docx", "rel-without-id"),
        "ctnotype": crafted.with_broken_package(f / "ctnotype.docx", "override-without-partname"),
    }
    blank = f / "blank.txt"
    blank.write_text(crafted.TITLE + "\n" * 1_000_000, encoding="utf-8")
    built["blank1m"] = blank
    out = f / "out"
    plan = [(name, ["check", str(path), "--jobs", "1"]) for name, path in built.items()]
    for name in ("para4000", "header157", "relnoid", "ctnotype"):
        plan.append((f"{name}+annotate", ["check", str(built[name]), "--jobs", "1", "--annotate", str(out / name)]))
    return plan


def run(args: list[str], tree: Path | None, timeout: float) -> tuple[float, float, int | str, str]:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    cmd = [sys.executable, "-c", "import sys; from fazhi.cli import main; sys.argv[0] = 'fazhi'; main()", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        _, err = proc.communicate(timeout=timeout)
        code: int | str = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        code = f"timeout>{timeout:g}s"
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    first = next((line for line in err.splitlines() if line.strip()), "")
    return elapsed, rss_mb, code, first


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path, help="run another checkout of fazhi (its folder goes on PYTHONPATH)")
    ap.add_argument("--only", nargs="*", help="case names")
    ap.add_argument("--timeout", type=float, default=120)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-hostile-") as tmp:
        for name, args in cases(Path(tmp)):
            if opts.only and name not in opts.only:
                continue
            # each case in its own measuring process, so ru_maxrss is this case's peak
            probe = subprocess.run(
                [sys.executable, __file__, "--one", *args] + (["--tree", str(opts.tree)] if opts.tree else []) + ["--timeout", str(opts.timeout)],
                capture_output=True, text=True,
            )  # fmt: skip
            print(f"{name:20s} {probe.stdout.strip()}", flush=True)


def one() -> None:
    argv = sys.argv[sys.argv.index("--one") + 1 :]
    tree = timeout = None
    if "--timeout" in argv:
        i = argv.index("--timeout")
        timeout = float(argv[i + 1])
        del argv[i : i + 2]
    if "--tree" in argv:
        i = argv.index("--tree")
        tree = Path(argv[i + 1])
        del argv[i : i + 2]
    elapsed, rss, code, first = run(argv, tree, timeout or 120)
    print(f"{elapsed:7.2f} s {rss:8.0f} MB  exit {code}  {first[:150]}")


if __name__ == "__main__":
    one() if "--one" in sys.argv else main()
