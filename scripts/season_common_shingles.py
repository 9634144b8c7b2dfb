"""Write what the bundled corpora (seeds/, tests/fixtures/realistic, season,
shapes) show to be common wording:
- fazhi/data/common_shingles.txt: 5-character shingles that reports of at least
  3 different units share. Text several townships wrote independently is not
  copying; `copied-paragraph` ignores these shingles.
- fazhi/data/common_bigrams.txt: character pairs in at least 30 % of the units'
  reports (法治, 推进, 第一 …). They say nothing about which measure a sentence
  is about; `fazhi compare` ignores them when it matches last year's plan to
  this year's results.

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
from fazhi.season.text import bigrams, normalise, shingles  # noqa: E402

CORPORA = [ROOT / "seeds", *(ROOT / "tests" / "fixtures" / name for name in ("realistic", "season", "shapes"))]
BIGRAMS_FILE = COMMON_FILE.with_name("common_bigrams.txt")
BIGRAM_SHARE = 0.3
MIN_UNITS = 3  # shared by at least this many different units


def main() -> None:
    per_unit: dict[str, set[str]] = {}
    pairs: dict[str, set[str]] = {}
    for folder in CORPORA:
        for path in sorted(folder.glob("*.txt")):
            src = source_of(check_path(path))
            unit = src.entity or path.stem
            seen = per_unit.setdefault(unit, set())
            pairs.setdefault(unit, set()).update(*(bigrams(t) for t in src.paragraphs))
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
    pair_df = Counter(b for seen in pairs.values() for b in seen)
    generic = sorted(b for b, n in pair_df.items() if n >= BIGRAM_SHARE * len(pairs))
    header = [
        f"# Character pairs in at least {BIGRAM_SHARE:.0%} of the bundled corpora's units ({len(pairs)} units).",
        "# Written by scripts/season_common_shingles.py; fazhi compare ignores them when matching plan to results.",
    ]
    BIGRAMS_FILE.write_text("\n".join(header + generic) + "\n", encoding="utf-8")
    print(f"{BIGRAMS_FILE}: {len(generic)} pairs")


if __name__ == "__main__":
    main()
