"""The copying check's cost on a batch (not part of pytest).

    python benchmarks/season_copying.py              # 300 generated reports, 2 processes, 3 rounds
    python benchmarks/season_copying.py --n 300 --jobs 2 --rounds 3

Writes a batch of generated reports (tests/season_batch.py: 5 planted copied
paragraphs, 3 pairs sharing only boilerplate) to a temporary folder, then times
(median of the rounds) the batch check as `fazhi check FOLDER` runs it
(fazhi.batch.check_files) and the copying check that follows it
(fazhi.season.copying.copy_findings), and prints the ratio
(check + copying) / check, which the issue requires to stay under 1.5, and
whether the planted pairs were found."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fazhi.batch import check_files  # noqa: E402
from fazhi.schema import load_profile  # noqa: E402
from fazhi.season.copying import copy_findings  # noqa: E402
from season_batch import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    profile = load_profile("township")
    batch = generate(args.n)
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        files = batch.write(Path(tmp))
        checks, copies = [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            result = check_files(files, profile, jobs=args.jobs)
            t1 = time.perf_counter()
            pairs = copy_findings(result.reports, profile)
            t2 = time.perf_counter()
            checks.append(t1 - t0)
            copies.append(t2 - t1)
        names = [Path(r.file).name for r in result.reports]
        found = {frozenset([(names[p.a], p.a_paragraph), (names[p.b], p.b_paragraph)]) for p in pairs}
        planted = {frozenset([(a, i), (b, j)]) for a, i, b, j in batch.copied}
    check, copy = statistics.median(checks), statistics.median(copies)
    print(f"reports: {args.n}, processes: {args.jobs}, rounds: {args.rounds}")
    print(f"batch check:    {check:.2f} s (median; {', '.join(f'{t:.2f}' for t in checks)})")
    print(f"copying check:  {copy:.2f} s (median; {', '.join(f'{t:.2f}' for t in copies)})")
    print(f"ratio (check + copying) / check: {(check + copy) / check:.2f}  (must stay under 1.5)")
    print(f"planted copies found: {len(found & planted)}/{len(planted)}; other pairs: {len(found - planted)}")


if __name__ == "__main__":
    main()
