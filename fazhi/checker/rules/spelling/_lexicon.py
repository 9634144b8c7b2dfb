"""The typo detector's data, compiled once per installation (fazhi.cache) into
a few flat objects that load in a few milliseconds and take a few MB.

The lexicon has ~342,000 words; a dict of them took ~55 MB and ~0.2 s to load.
Here the words of each length (2–4) are sorted and packed: their tails (all but
the first character) joined into one string, the span of each first character
in it, and the frequencies in an array in the same order. A lookup is one
array index and one bounded `str.find`, a few times slower than a dict, which
is fine: the detector looks words up only around characters no frequent word
covers. Coverage by the frequent two-character words is decided for a whole
paragraph at once (`pairs`: the integers their UTF-16 code units make).

Every table is indexed by the character's code point less U+4E00: the Han runs
the detector reads hold nothing else, so words with another character are left
out (jieba's and the confusion sets' are all Han)."""

from __future__ import annotations

import gzip
import math
import sys
from array import array
from collections import defaultdict
from functools import lru_cache
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


def is_han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def pair_key(word: str) -> int:
    """The integer a two-character word reads as: the low bytes of its two
    UTF-16 code units, then the high bytes, as one UINT4 (low bytes first, so
    that the set's hash spreads the words of one first character)."""
    units = word.encode("utf-16-le")
    return array(UINT4, bytes((units[0], units[2], units[1], units[3])))[0]


class CharMap:
    """Han character → a string of characters, as one string and offsets."""

    __slots__ = ("chars", "offsets")

    def __init__(self, packed: tuple[bytes, bytes]):
        self.chars = packed[0].decode("utf-16-le")
        self.offsets = _array(packed[1])

    def get(self, c: str) -> str:
        o = ord(c) - HAN_BASE
        return self.chars[self.offsets[o] : self.offsets[o + 1]] if 0 <= o < HAN_SIZE else ""

    def has(self, c: str, x: str) -> bool:
        """Is `x` one of c's characters?"""
        o = ord(c) - HAN_BASE
        return 0 <= o < HAN_SIZE and self.chars.find(x, self.offsets[o], self.offsets[o + 1]) >= 0


class Lexicon:
    """Read-only once loaded (strings and arrays), so forked batch workers share
    one copy (fazhi.batch). For a Han character c:

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

    state: dict  # set on a freshly built one only

    def __init__(self, state: dict):
        if state["byteorder"] != sys.byteorder:
            raise ValueError("tables of another machine")  # fazhi.cache rebuilds them
        self.log_total: float = state["log_total"]
        self.unknown: float = state["unknown"]
        self.longest: int = state["longest"]  # characters of the longest word
        self.pairs = frozenset(_array(state["pairs"]))
        self.singles = _array(state["single"])
        self._best_left, self._best_right = _array(state["best_left"]), _array(state["best_right"])
        maps = {k: CharMap(state[k]) for k in CHAR_MAPS}
        self.follows, self.precedes, self.follows_any, self.precedes_any = (maps[k] for k in CHAR_MAPS[:4])
        self.confusable, self.left, self.right = maps["confusable"], maps["left"], maps["right"]
        self.freq = _lookup(self.singles, state["words"], state["long"])
        self.target = _lookup(array(UINT4, bytes(4 * HAN_SIZE)), state["targets"], {})

    def single(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self.singles[o] if 0 <= o < HAN_SIZE else 0

    def best_left(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self._best_left[o] if 0 <= o < HAN_SIZE else 0

    def best_right(self, c: str) -> int:
        o = ord(c) - HAN_BASE
        return self._best_right[o] if 0 <= o < HAN_SIZE else 0


def _array(data: bytes) -> array:
    out = array(UINT4)
    out.frombytes(data)
    return out


def _lookup(single: array, packed: tuple, longer: dict[str, int]) -> Callable[[str], int]:
    """freq(word) over the packed tables of words of 2, 3 and 4 characters."""
    tables = {n: (tails.decode("utf-16-le"), _array(offsets), _array(freqs)) for n, (tails, offsets, freqs) in zip((2, 3, 4), packed)}
    tails2, offsets2, freqs2 = tables.pop(2)

    def freq(word: str) -> int:
        n = len(word)
        o = ord(word[0]) - HAN_BASE
        if not 0 <= o < HAN_SIZE:
            return 0
        if n == 2:
            k = tails2.find(word[1], offsets2[o], offsets2[o + 1])
            return freqs2[k] if k >= 0 else 0
        if n == 1:
            return single[o]
        if n not in tables:
            return longer.get(word, 0)
        tails, offsets, freqs = tables[n]
        unit, tail, end = n - 1, word[1:], offsets[o + 1]
        k = tails.find(tail, offsets[o], end)
        while k > 0 and k % unit:  # a match straddling two tails: look further
            k = tails.find(tail, k + 1, end)
        return freqs[k // unit] if k >= 0 else 0

    return freq


# ---------------------------------------------------------------- building


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Built once per installation, not per run (fazhi.cache)."""
    from fazhi.cache import compiled

    return compiled("spelling-tables", sources(), _build, _plain, _loaded)


def sources():
    return [builtin("spelling_lexicon.tsv.gz"), builtin("spelling_words.txt"), builtin("spelling_confusion.tsv")]


def _build() -> Lexicon:
    state = build_state(read_frequencies(), read_confusions())
    lex = Lexicon(state)
    lex.state = state  # for the cache to write; a loaded one keeps no copy
    return lex


def _plain(lex: Lexicon) -> dict:
    return lex.state


def _loaded(state: dict) -> Lexicon:
    try:
        return Lexicon(state)
    except (KeyError, IndexError, AttributeError) as exc:  # an entry of another shape
        raise ValueError(f"spelling tables: {exc!r}") from exc


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


def build_state(freqs: dict[str, int], confusions: dict[str, str]) -> dict:
    """Every table of `Lexicon` as marshal-able builtins (strings as UTF-16,
    numbers as arrays' bytes: both load as a copy, not a parse)."""
    total = sum(freqs.values()) or 1  # of every word: the model's probabilities
    best_left: dict[str, int] = defaultdict(int)
    best_right: dict[str, int] = defaultdict(int)
    follows: dict[str, set[str]] = defaultdict(set)
    precedes: dict[str, set[str]] = defaultdict(set)
    follows_any: dict[str, set[str]] = defaultdict(set)
    precedes_any: dict[str, set[str]] = defaultdict(set)
    freqs = {w: f for w, f in freqs.items() if w and is_han(w)}
    for w, f in freqs.items():
        if len(w) == 2:
            best_left[w[1]] = max(best_left[w[1]], f)
            best_right[w[0]] = max(best_right[w[0]], f)
        for k in range(len(w) - 1):
            follows_any[w[k]].add(w[k + 1])
            precedes_any[w[k + 1]].add(w[k])
            if f >= TARGET_FREQ:
                follows[w[k]].add(w[k + 1])
                precedes[w[k + 1]].add(w[k])
    confusable = {c: "".join(x for x in s if is_han(x)) for c, s in confusions.items() if is_han(c)}
    maps = {
        "follows": {c: _chars(s) for c, s in follows.items()},
        "precedes": {c: _chars(s) for c, s in precedes.items()},
        "follows_any": {c: _chars(s) for c, s in follows_any.items()},
        "precedes_any": {c: _chars(s) for c, s in precedes_any.items()},
        "confusable": confusable,
        "left": {c: _chars(*(precedes.get(r, ()) for r in s)) for c, s in confusable.items()},
        "right": {c: _chars(*(follows.get(r, ()) for r in s)) for c, s in confusable.items()},
    }
    return {
        "log_total": math.log(total),
        "unknown": math.log(0.5) - math.log(total),
        "pairs": array(UINT4, sorted(pair_key(w) for w, f in freqs.items() if len(w) == 2 and f >= COVER_FREQ)).tobytes(),
        "single": _by_char({w: f for w, f in freqs.items() if len(w) == 1}),
        "best_left": _by_char(best_left),
        "best_right": _by_char(best_right),
        **{name: _char_map(m) for name, m in maps.items()},
        "words": tuple(_pack({w: f for w, f in freqs.items() if len(w) == n}, n) for n in (2, 3, 4)),
        "targets": tuple(_pack({w: f for w, f in freqs.items() if len(w) == n and f >= TARGET_FREQ}, n) for n in (2, 3, 4)),
        "long": {w: f for w, f in freqs.items() if len(w) > 4},
        "longest": max(map(len, freqs), default=0),
        "byteorder": sys.byteorder,
    }


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
    in them, their frequencies)."""
    order = sorted(words)
    count: dict[str, int] = defaultdict(int)
    for w in order:
        count[w[0]] += n - 1
    lengths = [count.get(chr(HAN_BASE + o), 0) for o in range(HAN_SIZE)]
    tails = "".join(w[1:] for w in order)
    return tails.encode("utf-16-le"), _offsets(lengths), array(UINT4, [words[w] for w in order]).tobytes()
