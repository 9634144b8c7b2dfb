"""Output identity check for engine speed-ups (not part of pytest).

    python benchmarks/identity.py --save /tmp/before.json    # on the old engine
    python benchmarks/identity.py --compare /tmp/before.json # after a change

Checks every report under seeds/, tests/fixtures/ and a generated corpus (seed
variations, .txt and .docx, and ~10,000-character typed .docx reports built by
benchmarks/run.py) and records a digest of each `fazhi check --format json`
output (the text formatter's too). `--compare` lists every file whose output
changed; exit code 1 when any did."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402  (the corpus builders)


def corpus(tmp: Path, generated: int) -> list[tuple[str, Path]]:
    """(stable name, path) of every file to check."""
    fixed = [p for d in (ROOT / "seeds", ROOT / "tests" / "fixtures") for p in sorted(d.rglob("*")) if p.suffix in (".txt", ".md", ".docx", ".doc", ".wps")]
    out = [(str(p.relative_to(ROOT)), p) for p in fixed]
    (tmp / "v").mkdir()
    (tmp / "b").mkdir()
    out += [(f"variations/{p.name}", p) for p in run.variations(generated, tmp / "v")]
    out += [(f"batch/{p.name}", p) for p in run.report_batch(max(1, generated // 4), tmp / "b")]
    return out


def digests(files: list[tuple[str, Path]]) -> dict[str, str]:
    from fazhi.batch import check_one
    from fazhi.errors import InputError
    from fazhi.formatters import render
    from fazhi.schema import load_profile

    profile = load_profile("township")
    out = {}
    for name, path in files:
        try:
            report = check_one(path, profile)
            text = render("json", [report], []) + render("text", [report], [], color=False, width=100)
            text = text.replace(str(path), name)
        except InputError as exc:
            text = "InputError: " + exc.reason
        out[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    ap.add_argument("--generated", type=int, default=400, help="generated reports (default 400)")
    args = ap.parse_args(argv)
    os.chdir(ROOT)  # the text format shows paths relative to the working directory
    with tempfile.TemporaryDirectory(prefix="fazhi-identity-") as tmp:
        now = digests(corpus(Path(tmp), args.generated))
    if args.save:
        args.save.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        print(f"saved {len(now)} digests to {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(now)} outputs, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
