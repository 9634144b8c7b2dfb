"""The typo detector's data, built once per installation into one file of flat
tables in fazhi's cache folder, and mapped into memory (mmap) when a process
first needs it: nothing is parsed or copied at start-up, the pages a process
reads come from the page cache, and all processes share them.

The lexicon has ~342,000 words; a dict of them took ~55 MB and ~0.2 s per
process to load. Here the words of each length (2–4) are sorted and packed:
their tails (all but the first character, UTF-16) one after the other, the
span of each first character's words in them, and their frequencies in the
same order. A lookup is one array index and one bounded `find`, a few times
slower than a dict, which is fine: the detector looks words up only around the
few characters no frequent word covers. Coverage by the frequent
two-character words is decided for a whole paragraph at once (`pairs`, the
only table made into Python objects at load: a frozenset of ~33,000 ints).

Every table is indexed by the character's code point less U+4E00: the Han runs
the detector reads hold nothing else, so words with another character are left
out (jieba's and the confusion sets' are all Han).

The file is named after fazhi's and Python's versions and the size and time of
change of its sources (the data files and this module, as Python's .pyc files
are), so an edited source gets a new file; a file that is missing, truncated
or of another format is built again, and an unwritable folder only costs the
build (~3 s) in every process. The file is only ever replaced whole (a new
file renamed over it), never rewritten in place: a process mapping it keeps
the old one."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import marshal
import math
import mmap
import os
import sys
from array import array
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable

from fazhi.schema.datafiles import builtin

COVER_FREQ = 50  # a character inside a word this frequent is not suspect
TARGET_FREQ = 100  # the word a replacement makes must be at least this frequent
MAX_WORD = 4  # the longest word the scoring looks up

HAN_BASE = 0x4E00
HAN_SIZE = 0x9FFF - HAN_BASE + 1
# an unsigned 4-byte item: two UTF-16 code units (one character pair), or a frequency
UINT4 = next(t for t in "ILH" if array(t).itemsize == 4)
CHAR_MAPS = ("follows", "precedes", "follows_any", "precedes_any", "confusable", "left", "right")
MAGIC = b"fazhi spelling tables 1\n"


def is_han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def pair_key(word: str) -> int:
    """The integer a two-character word reads as: the low bytes of its two
    UTF-16 code units, then the high bytes, as one UINT4 (low bytes first, so
    that the set's hash spreads the words of one first character)."""
    units = word.encode("utf-16-le")
    return array(UINT4, bytes((units[0], units[2], units[1], units[3])))[0]


class CharMap:
    """Han character → a string of characters: UTF-16 text in the buffer, and
    each character's start offset (in characters) in it."""

    __slots__ = ("buf", "base", "offsets")

    def __init__(self, buf, base: int, offsets: memoryview):
        self.buf, self.base, self.offsets = buf, base, offsets

    def get(self, c: str) -> str:
        o = ord(c) - HAN_BASE
        if not 0 <= o < HAN_SIZE:
            return ""
        return str(self.buf[self.base + 2 * self.offsets[o] : self.base + 2 * self.offsets[o + 1]], "utf-16-le")

    def has(self, c: str, x: str) -> bool:
        """Is the character `x` one of c's characters?"""
        o = ord(c) - HAN_BASE
        if not 0 <= o < HAN_SIZE:
            return False
        needle, end = x.encode("utf-16-le"), self.base + 2 * self.offsets[o + 1]
        k = self.buf.find(needle, self.base + 2 * self.offsets[o], end)
        while k > 0 and (k - self.base) & 1:  # half of one character, half of the next
            k = self.buf.find(needle, k + 1, end)
        return k >= 0


class Lexicon:
    """The tables, read-only over one buffer (the mapped file). For a Han character c:

    single(c)      frequency of the one-character word c
    pairs          pair_key of every two-character word of frequency ≥ COVER_FREQ
    follows(c)     the characters that follow c inside a word of frequency ≥
                   TARGET_FREQ (precedes: that precede it; follows_any and
                   precedes_any: inside any word)
    confusable(c)  its sound- and shape-confusable characters, sorted
    left(c), right(c)  the characters that precede (follow) one of c's
                   confusable characters inside such a word: a cheap first test
    best_left(c)   frequency of the most frequent two-character word ending
                   (best_right: starting) with c
    freq(w)        frequency of a Han word (0: no word)
    target(w)      the same for words of 2–4 characters, 0 below TARGET_FREQ"""

    def __init__(self, buf):
        header, sections = _header(buf)
        view = memoryview(buf)

        def numbers(name: str) -> memoryview:
            start, size = sections[name]
            return view[start : start + size].cast(UINT4)

        self.buf = buf
        self.log_total: float = header["log_total"]
        self.unknown: float = header["unknown"]
        self.longest: int = header["longest"]  # characters of the longest word
        self.pairs = frozenset(numbers("pairs"))
        self.singles = numbers("single")
        self._best_left, self._best_right = numbers("best_left"), numbers("best_right")
        maps = {k: CharMap(buf, sections[k][0], numbers(k + ".offsets")) for k in CHAR_MAPS}
        self.follows, self.precedes, self.follows_any, self.precedes_any = (maps[k] for k in CHAR_MAPS[:4])
        self.confusable, self.left, self.right = maps["confusable"], maps["left"], maps["right"]
        words = {n: (sections[f"words{n}"][0], numbers(f"words{n}.offsets"), numbers(f"words{n}.freqs")) for n in (2, 3, 4)}
        targets = {n: (sections[f"targets{n}"][0], numbers(f"targets{n}.offsets"), numbers(f"targets{n}.freqs")) for n in (2, 3, 4)}
        self.freq = _lookup(buf, self.singles, words, header["long"])
        self.target = _lookup(buf, None, targets, {})

    def single(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self.singles[o] if 0 <= o < HAN_SIZE else 0

    def best_left(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self._best_left[o] if 0 <= o < HAN_SIZE else 0

    def best_right(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self._best_right[o] if 0 <= o < HAN_SIZE else 0


def _header(buf) -> tuple[dict, dict[str, tuple[int, int]]]:
    """The header's values and the sections' (start, size); ValueError when the
    buffer is not a whole table file of this machine."""
    if len(buf) < len(MAGIC) + 4 or buf[: len(MAGIC)] != MAGIC:
        raise ValueError("not a spelling table file")
    size = int.from_bytes(buf[len(buf) - 4 :], "little")
    if size > len(buf) - len(MAGIC) - 4:
        raise ValueError("truncated spelling table file")
    try:
        header = marshal.loads(buf[len(buf) - 4 - size : len(buf) - 4])
        sections = header["sections"]
        ok = header["byteorder"] == sys.byteorder
    except (EOFError, TypeError, KeyError) as exc:
        raise ValueError(f"damaged spelling table file: {exc!r}") from exc
    if not ok or any(start < len(MAGIC) or start + n > len(buf) - 4 - size for start, n in sections.values()):
        raise ValueError("spelling table file of another machine, or truncated")
    return header, sections


def _lookup(buf, single, tables: dict, longer: dict[str, int]) -> Callable[[str], int]:
    """freq(word) over the packed words of 2, 3 and 4 characters: (tails'
    start in buf, first character → offset in characters, frequencies)."""
    base2, offsets2, freqs2 = tables[2]

    def freq(word: str) -> int:
        n = len(word)
        o = ord(word[0]) - HAN_BASE
        if not 0 <= o < HAN_SIZE:
            return 0
        if n == 2:
            needle, end = word[1].encode("utf-16-le"), base2 + 2 * offsets2[o + 1]
            k = buf.find(needle, base2 + 2 * offsets2[o], end)
            while k > 0 and (k - base2) & 1:  # half of one character, half of the next
                k = buf.find(needle, k + 1, end)
            return freqs2[(k - base2) >> 1] if k >= 0 else 0
        if n == 1:
            return single[o] if single is not None else 0
        if n not in tables:
            return longer.get(word, 0)
        base, offsets, freqs = tables[n]
        width, needle, end = 2 * (n - 1), word[1:].encode("utf-16-le"), base + 2 * offsets[o + 1]
        k = buf.find(needle, base + 2 * offsets[o], end)
        while k > 0 and (k - base) % width:  # a match straddling two tails: look further
            k = buf.find(needle, k + 1, end)
        return freqs[(k - base) // width] if k >= 0 else 0

    return freq


# ---------------------------------------------------------------- the file


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The tables, mapped from the cache folder (built there first if need be)."""
    from fazhi.cache import cache_dir

    folder = cache_dir()
    path = folder / f"spelling-tables-{_stamp()}.bin" if folder else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            return Lexicon(_mapped(path))
    from fazhi.limits import uncounted

    with uncounted():  # seconds, once per installation: not the file's own cost
        data = build_file(read_frequencies(), read_confusions())
    if path is not None:
        with contextlib.suppress(OSError):
            _write(path, data)
            return Lexicon(_mapped(path))
    return Lexicon(data)


def sources() -> list[Path]:
    return [builtin("spelling_lexicon.tsv.gz"), builtin("spelling_words.txt"), builtin("spelling_confusion.tsv"), Path(__file__)]


def _stamp() -> str:
    from fazhi import __version__

    h = hashlib.blake2b(digest_size=12)
    h.update(f"{__version__}\0{sys.version_info[:2]}\0{MAGIC!r}".encode())
    for path in sources():
        st = os.stat(path)
        h.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _mapped(path: Path) -> mmap.mmap:
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # stays valid after close


def _write(path: Path, data: bytes) -> None:
    """Write atomically (readers see no file or the whole one), removing the
    files of older sources and the marshal entries of earlier versions."""
    from fazhi.cache import write_atomically

    write_atomically(path, data, stale=[*path.parent.glob("spelling-tables-*.bin"), *path.parent.glob("spelling-*.marshal")])


# ---------------------------------------------------------------- building


def read_frequencies() -> dict[str, int]:
    with gzip.open(builtin("spelling_lexicon.tsv.gz"), "rt", encoding="utf-8") as fh:
        body = fh.read()
    if body.startswith("#"):
        body = body[body.index("\n") + 1 :]
    tokens = body.split()  # word, frequency, word, frequency … (words have no spaces)
    freqs = dict(zip(tokens[::2], map(int, tokens[1::2])))
    for line in builtin("spelling_words.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#")[0].strip()
        if word:
            freqs[word] = max(freqs.get(word, 0), 1000)
    return freqs


def read_confusions() -> dict[str, str]:
    """char → its sound- and shape-confusable characters, sorted."""
    out: dict[str, str] = {}
    for line in builtin("spelling_confusion.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        char, _, rest = line.partition("\t")
        out[char] = "".join(sorted(set(rest.replace("\t", ""))))
    return out


def build_file(freqs: dict[str, int], confusions: dict[str, str]) -> bytes:
    """The table file: MAGIC, the sections (each at a multiple of 8), the
    header (marshal), the header's size (4 bytes)."""
    header, sections = _tables(freqs, confusions)
    out = bytearray(MAGIC)
    header["sections"] = {}
    for name, data in sections.items():
        out += bytes(_aligned(len(out)) - len(out))
        header["sections"][name] = (len(out), len(data))
        out += data
    header["byteorder"] = sys.byteorder
    head = marshal.dumps(header)
    return bytes(out + head + len(head).to_bytes(4, "little"))


def _aligned(n: int) -> int:
    return (n + 7) & ~7


def _tables(freqs: dict[str, int], confusions: dict[str, str]) -> tuple[dict, dict[str, bytes]]:
    """(the header's values, name → the section's bytes)."""
    total = sum(freqs.values()) or 1  # of every word: the model's probabilities
    best_left: dict[str, int] = defaultdict(int)
    best_right: dict[str, int] = defaultdict(int)
    pairs_of: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in ("follows", "precedes", "follows_any", "precedes_any")}
    freqs = {w: f for w, f in freqs.items() if w and is_han(w)}
    for w, f in freqs.items():
        if len(w) == 2:
            best_left[w[1]] = max(best_left[w[1]], f)
            best_right[w[0]] = max(best_right[w[0]], f)
        for k in range(len(w) - 1):
            pairs_of["follows_any"][w[k]].add(w[k + 1])
            pairs_of["precedes_any"][w[k + 1]].add(w[k])
            if f >= TARGET_FREQ:
                pairs_of["follows"][w[k]].add(w[k + 1])
                pairs_of["precedes"][w[k + 1]].add(w[k])
    follows, precedes = pairs_of["follows"], pairs_of["precedes"]
    confusable = {c: "".join(x for x in s if is_han(x)) for c, s in confusions.items() if is_han(c)}
    maps = {name: {c: _chars(s) for c, s in m.items()} for name, m in pairs_of.items()}
    maps["confusable"] = confusable
    maps["left"] = {c: _chars(*(precedes.get(r, ()) for r in s)) for c, s in confusable.items()}
    maps["right"] = {c: _chars(*(follows.get(r, ()) for r in s)) for c, s in confusable.items()}
    sections = {
        "pairs": array(UINT4, sorted(pair_key(w) for w, f in freqs.items() if len(w) == 2 and f >= COVER_FREQ)).tobytes(),
        "single": _by_char({w: f for w, f in freqs.items() if len(w) == 1}),
        "best_left": _by_char(best_left),
        "best_right": _by_char(best_right),
    }
    for name in CHAR_MAPS:
        sections[name], sections[name + ".offsets"] = _char_map(maps[name])
    for n in (2, 3, 4):
        for kind, least in (("words", 1), ("targets", TARGET_FREQ)):
            packed = _pack({w: f for w, f in freqs.items() if len(w) == n and f >= least}, n)
            sections[f"{kind}{n}"], sections[f"{kind}{n}.offsets"], sections[f"{kind}{n}.freqs"] = packed
    header = {
        "log_total": math.log(total),
        "unknown": math.log(0.5) - math.log(total),
        "longest": max(map(len, freqs), default=0),
        "long": {w: f for w, f in freqs.items() if len(w) > 4},
    }
    return header, sections


def _chars(*groups) -> str:
    return "".join(sorted(set().union(*groups)))


def _by_char(values: dict[str, int]) -> bytes:
    out = array(UINT4, bytes(4 * HAN_SIZE))
    for c, v in values.items():
        out[ord(c) - HAN_BASE] = v
    return out.tobytes()


def _offsets(lengths: list[int]) -> bytes:
    """Start offsets of HAN_SIZE consecutive slices of these lengths, and the end."""
    out, at = array(UINT4, [0]), 0
    for n in lengths:
        at += n
        out.append(at)
    return out.tobytes()


def _char_map(values: dict[str, str]) -> tuple[bytes, bytes]:
    chars = [values.get(chr(HAN_BASE + o), "") for o in range(HAN_SIZE)]
    return "".join(chars).encode("utf-16-le"), _offsets([len(s) for s in chars])


def _pack(words: dict[str, int], n: int) -> tuple[bytes, bytes, bytes]:
    """(the sorted words' tails as UTF-16, each first character's start offset
    in them in characters, their frequencies)."""
    order = sorted(words)
    count: dict[str, int] = defaultdict(int)
    for w in order:
        count[w[0]] += n - 1
    lengths = [count.get(chr(HAN_BASE + o), 0) for o in range(HAN_SIZE)]
    tails = "".join(w[1:] for w in order)
    return tails.encode("utf-16-le"), _offsets(lengths), array(UINT4, [words[w] for w in order]).tobytes()
