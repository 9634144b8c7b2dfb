"""Write fazhi/data/common_shingles.txt: the 5-character shingles that reports of
different units in the bundled corpora share (seeds/, tests/fixtures/realistic,
tests/fixtures/season). Text several townships wrote independently is common
wording, not copying; `copied-paragraph` ignores these shingles.

    python scripts/season_common_shingles.py      # rewrite the file
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fazhi.checker import check_path  # noqa: E402
from fazhi.season.copying import COMMON_FILE, MIN_CHARS, source_of  # noqa: E402
from fazhi.season.text import normalise, shingles  # noqa: E402

CORPORA = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "realistic", ROOT / "tests" / "fixtures" / "season"]
MIN_UNITS = 3  # shared by at least this many different units


def main() -> None:
    per_unit: dict[str, set[str]] = {}
    for folder in CORPORA:
        for path in sorted(folder.glob("*.txt")):
            src = source_of(check_path(path))
            unit = src.entity or path.stem
            seen = per_unit.setdefault(unit, set())
            for i, text in enumerate(src.paragraphs, 1):
                norm = normalise(text)
                if i not in src.skip and len(norm) >= MIN_CHARS:
                    seen |= shingles(norm)
    df = Counter(s for seen in per_unit.values() for s in seen)
    common = sorted(s for s, n in df.items() if n >= MIN_UNITS and sum("\u4e00" <= c <= "\u9fff" for c in s) >= 4)
    header = [
        "# Shingles (5 characters, punctuation removed) shared by at least "
        f"{MIN_UNITS} different units of the bundled corpora ({len(per_unit)} units).",
        "# Written by scripts/season_common_shingles.py; copied-paragraph ignores them.",
    ]
    COMMON_FILE.write_text("\n".join(header + common) + "\n", encoding="utf-8")
    print(f"{COMMON_FILE}: {len(common)} shingles from {len(per_unit)} units")


if __name__ == "__main__":
    main()
