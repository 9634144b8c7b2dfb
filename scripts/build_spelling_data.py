"""Build the spelling group's data files from well-kept packages' data.

    pip download --no-deps -d /tmp/dl jieba==0.42.1 pycorrector==1.1.4 opencc-python-reimplemented==0.1.7
    (unpack them) then:
    python scripts/build_spelling_data.py --jieba DIR/jieba/dict.txt \
        --pycorrector DIR/pycorrector/data --opencc DIR/opencc/dictionary

Writes into fazhi/data/:
  spelling_lexicon.tsv.gz   word<TAB>frequency, words of 1-4 Han characters of jieba's
                            dict.txt (jieba 0.42.1, MIT licence)
  spelling_confusion.tsv    char<TAB>same-sound chars<TAB>same-shape chars, from pycorrector
                            1.1.4's same_pinyin.txt and same_stroke.txt (Apache-2.0)
  traditional_chars.tsv     traditional/variant char<TAB>simplified char, from OpenCC's
                            TSCharacters.txt (opencc-python-reimplemented 0.1.7, Apache-2.0),
                            less every character that is itself a simplified form
                            (a key of STCharacters.txt) or a common simplified character
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from pathlib import Path

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
OUT = Path(__file__).resolve().parents[1] / "fazhi" / "data"
# Traditional forms that are also standard characters of their own in simplified
# text (《通用规范汉字表》 keeps them for some senses or names): never flagged.
KEEP = set("乾著藉瞭夥餘徵於麽麼鍾蘋鬥鬱硃甦覆適蹟傢祇隻準彷嘩鏇瀋阪佘樑")


def lexicon(dict_txt: Path) -> None:
    rows = []
    for line in dict_txt.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and HAN.match(parts[0]) and len(parts[0]) <= 4:
            rows.append(f"{parts[0]}\t{parts[1]}")
    header = "# word<TAB>frequency: jieba 0.42.1 dict.txt (MIT licence), words of 1-4 Han characters\n"
    with gzip.open(OUT / "spelling_lexicon.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header + "\n".join(rows) + "\n")
    print("lexicon", len(rows))


def confusion(data: Path) -> None:
    sound: dict[str, set[str]] = defaultdict(set)
    shape: dict[str, set[str]] = defaultdict(set)
    for line in (data / "same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        char = parts[0].strip()
        for col in parts[1:3]:
            sound[char].update(c for c in col.strip() if c != char and HAN.match(c))
    for line in (data / "same_stroke.txt").read_text(encoding="utf-8").splitlines():
        group = [c for c in line.split("\t") if len(c) == 1 and HAN.match(c)]
        for c in group:
            shape[c].update(x for x in group if x != c)
    chars = sorted(set(sound) | set(shape))
    lines = ["# char<TAB>same or similar sound<TAB>similar shape: pycorrector 1.1.4 same_pinyin.txt, same_stroke.txt (Apache-2.0)"]
    lines += [f"{c}\t{''.join(sorted(sound[c]))}\t{''.join(sorted(shape[c]))}" for c in chars]
    (OUT / "spelling_confusion.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("confusion", len(chars))


def traditional(dictionary: Path, common: Path) -> None:
    simplified = set()
    for line in (dictionary / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            simplified.add(line.split("\t")[0])
    simplified |= {c.strip() for c in common.read_text(encoding="utf-8").splitlines() if c.strip()}
    rows = []
    for line in (dictionary / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        trad, simp = line.split("\t")
        simp = simp.split()[0]
        if trad == simp or trad in simplified or trad in KEEP or not HAN.match(trad):
            continue
        rows.append(f"{trad}\t{simp}")
    header = (
        "traditional\tsimplified\n# OpenCC TSCharacters.txt (opencc-python-reimplemented 0.1.7, Apache-2.0), simplified forms removed\n"
    )
    (OUT / "traditional_chars.tsv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print("traditional", len(rows))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jieba", type=Path, required=True, help="jieba/dict.txt")
    ap.add_argument("--pycorrector", type=Path, required=True, help="pycorrector/data")
    ap.add_argument("--opencc", type=Path, required=True, help="opencc/dictionary")
    a = ap.parse_args()
    lexicon(a.jieba)
    confusion(a.pycorrector)
    traditional(a.opencc, a.pycorrector / "common_char_set.txt")


if __name__ == "__main__":
    main()
