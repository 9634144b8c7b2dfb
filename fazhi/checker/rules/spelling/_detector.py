"""The dictionary-and-confusion-set detector (part of `typo`).

A run of characters none of which belongs to a frequent word of the lexicon is
suspect. For each suspect character, every sound- or shape-confusable character
(pycorrector's confusion sets) is tried; a replacement counts when it makes a
frequent word (jieba's frequencies) and the window around it reads far likelier
than before under a unigram word model (大数局产业 → 大数据产业). Of a run of
suspects only the best replacement is kept, and none where the neighbour could
as well be the wrong one (言息: 信息 or 言行?). Only strong evidence is
reported, and the findings never carry a fix: the detector can be wrong.

Thresholds were tuned on four fifths of the ECSpell 公文 and legal sentences and
checked on the fifth held back (docs/spelling.md).

Speed (the findings are those of the plain algorithm, tests/test_rules_spelling.py
compares them): which characters no frequent two-character word covers is
worked out for the whole paragraph in a few C-level passes; only the few left
are looked at one by one, each first through cheap tests (a confusable
character could make a word with a neighbour at all), and a replacement's
likelihood gain is bounded from above from the words around it before the
window is scored in full."""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass
from typing import Callable

from fazhi.checker.rules.spelling._lexicon import COVER_FREQ, HAN_BASE, MAX_WORD, TARGET_FREQ, UINT4, Lexicon, lexicon

__all__ = ["COVER_FREQ", "TARGET_FREQ", "Suggestion", "lexicon", "suggestions", "uncovered"]

RADIUS = 4  # characters either side of the suspect in the scored window
MIN_GAIN = 7.0  # natural-log likelihood gain of the window (e^7 ≈ 1100 times likelier)
COMMON_CHAR = 100000  # a character this frequent alone (的 是 在 和) is a word by itself
AMBIGUITY = 10  # skip when a neighbour's replacement could make a word this many times more frequent
SLACK = 1e-6  # far above float rounding: a bound this close to MIN_GAIN is scored in full

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")
# the high byte of a UTF-16 code unit → 1 for U+4E00–U+9FFF (the Han runs' range)
_HAN_HIGH = bytes(1 if 0x4E <= b <= 0x9F else 0 for b in range(256))


@dataclass(frozen=True)
class Suggestion:
    start: int  # offset of the suspect character in the text
    wrong: str
    right: str
    word: str  # the frequent word the replacement makes
    gain: float


def _never(*_args) -> bool:
    return False


def suggestions(text: str, skip=_never, repeated=_never) -> list[Suggestion]:
    """Likely wrong characters of `text`; `skip(start, end)` says which spans to
    leave alone, `repeated(s)` whether the document uses `s` again (a term the
    lexicon lacks is written the same way each time; a slip of the pen is not)."""
    lanes = _lanes(lexicon(), text)
    if lanes is None:
        return []
    return _Paragraph(lexicon(), text, *lanes, skip).suggestions(repeated)


def uncovered(run: str) -> list[int]:
    """The offsets of the characters of the Han run `run` inside no frequent word."""
    if len(run) < 2:
        return list(range(len(run)))
    lex = lexicon()
    lanes = _lanes(lex, run)
    if lanes is None:
        return []
    para = _Paragraph(lex, run, *lanes, _never)
    return [i for i in range(len(run)) if lanes[1][i] and not para.long_covered(i)]


def _lanes(lex: Lexicon, text: str) -> tuple[bytes, bytes] | None:
    """(han, open): one byte per character of `text`, 1 where it is a Han
    character (han) and where it is one in a run of two or more that no
    two-character word of frequency ≥ COVER_FREQ covers (open); None when
    there is no such character. Worked out for the whole text at once: its
    character pairs, as integers (`pair_key`), are looked up in `lex.pairs` by
    one C-level map, and the rest is arithmetic on the bytes read as one big
    integer (a byte a character)."""
    n = len(text)
    if n < 2:
        return None
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * n:  # characters beyond the BMP are never Han: keep one unit each
        units = _ASTRAL.sub("\ufffd", text).encode("utf-16-le", "surrogatepass")
    low, high = units[0::2], units[1::2]
    han = high.translate(_HAN_HIGH)
    if han.count(1) < 2:
        return None
    starts = bytearray(n)  # 1 where a covering pair starts
    contains = lex.pairs.__contains__
    for first in (0, 1):  # the pairs at 0, 2, 4 … then at 1, 3, 5 …
        count = (n - first) // 2
        chunks = bytearray(4 * count)
        chunks[0::4], chunks[1::4] = low[first : first + 2 * count : 2], low[first + 1 : first + 1 + 2 * count : 2]
        chunks[2::4], chunks[3::4] = high[first : first + 2 * count : 2], high[first + 1 : first + 1 + 2 * count : 2]
        keys = array(UINT4)
        keys.frombytes(chunks)
        starts[first : first + 2 * count : 2] = bytes(map(contains, keys))
    pair, h = int.from_bytes(starts, "little"), int.from_bytes(han, "little")
    open_ = h & ((h << 8) | (h >> 8)) & ~(pair | (pair << 8))
    if not open_:
        return None
    return han, open_.to_bytes(n, "little")


class _Paragraph:
    """One text's suspects, worked out lazily: a character's membership of a
    run of suspects is checked only where a replacement was found nearby."""

    def __init__(self, lex: Lexicon, text: str, han: bytes, open_: bytes, skip: Callable):
        self.lex, self.text, self.han, self.open, self.skip = lex, text, han, open_, skip
        self.memo: dict[str, int] = {}  # word → frequency, for this text only
        self.costs: dict[str, float] = {}

    # ------------------------------------------------------------ which characters

    def run_bounds(self, i: int) -> tuple[int, int]:
        end = self.han.find(0, i)
        return self.han.rfind(0, 0, i) + 1, len(self.text) if end < 0 else end

    def long_covered(self, i: int) -> bool:
        """Is text[i], which no frequent two-character word covers, inside a
        longer frequent word?"""
        start, end = self.run_bounds(i)
        for length in range(3, min(self.lex.longest, end - start) + 1):
            for s in range(max(start, i - length + 1), min(i, end - length) + 1):
                if self.freq(self.text[s : s + length]) >= COVER_FREQ:
                    return True
        return False

    def suspect(self, i: int) -> bool:
        """Is text[i] a suspect: inside no frequent word, not frequent alone, not skipped?"""
        return 0 <= i < len(self.text) and self.open[i] == 1 and self.rare(i) and not self.long_covered(i)

    def rare(self, i: int) -> bool:
        """Is text[i] not frequent alone (的 是 在 和), and not to be skipped?"""
        return self.lex.single(self.text[i]) < COMMON_CHAR and not self.skip(i, i + 1)

    # ------------------------------------------------------------ suggestions

    def suggestions(self, repeated: Callable) -> list[Suggestion]:
        found = self.replacements()
        out: list[Suggestion] = []
        k = 0
        while k < len(found):
            best, last = found[k], found[k][0]
            k += 1
            while k < len(found) and self.joined(last, found[k][0]):
                if found[k][1][0] > best[1][0]:
                    best = found[k]
                last = found[k][0]
                k += 1
            suggestion = self.checked(*best, repeated)
            if suggestion:
                out.append(suggestion)
        return out

    def joined(self, a: int, b: int) -> bool:
        """Are suspects a < b in one run of adjacent suspects?"""
        return all(self.suspect(j) for j in range(a + 1, b))

    def checked(self, i: int, found: tuple, repeated: Callable) -> Suggestion | None:
        gain, right, word, at, freq = found
        if repeated(self.text[at : at + len(word)]):
            return None  # the same "wrong word" again: a term, not a slip
        c, limit = self.text[i], freq * AMBIGUITY
        if (self.suspect(i - 1) and self.lex.best_left(c) > limit) or (self.suspect(i + 1) and self.lex.best_right(c) > limit):
            return None  # the neighbour may be the wrong one
        return Suggestion(i, c, right, word, gain)

    def replacements(self) -> list[tuple[int, tuple]]:
        """(offset, (gain, char, word, word start, word frequency)) of every
        suspect with a replacement, in order."""
        text, han, open_, lex = self.text, self.han, self.open, self.lex
        single, left, right = lex.singles, lex.left, lex.right
        out = []
        i = open_.find(1)
        while i >= 0:
            c = text[i]
            if single[ord(c) - HAN_BASE] < COMMON_CHAR:  # open: a Han character
                before = text[i - 1] if i and han[i - 1] else ""
                after = text[i + 1] if i + 1 < len(text) and han[i + 1] else ""
                # can a confusable character make a word with a neighbour at all?
                if ((before and left.has(c, before)) or (after and right.has(c, after))) and not self.skip(i, i + 1):
                    found = self.replacement(i, before, after)
                    if found and not self.long_covered(i):
                        out.append((i, found))
            i = open_.find(1, i + 1)
        return out

    def replacement(self, i: int, before: str, after: str) -> tuple | None:
        """The best (gain, char, word, word start, word frequency) replacing text[i], or None."""
        text, lex = self.text, self.lex
        start, end = self.run_bounds(i)
        a, b = max(start, i - RADIUS), min(end, i + RADIUS + 1)
        # how many characters a word holding the replacement can reach to the
        # left (right) of i: every pair of neighbours inside a word must be a
        # pair of some word (of frequency ≥ TARGET_FREQ, or of any)
        reach_left = reach_right = 0
        reach_any = None
        follows = lex.follows.get(before) if before else ""
        precedes = lex.precedes.get(after) if after else ""
        base = best = None
        for r in lex.confusable.get(text[i]):
            left = right = 0
            if r in follows:
                left = reach_left = reach_left or self.reach(i, -1, lex.follows, start)
            if r in precedes:
                right = reach_right = reach_right or self.reach(i, 1, lex.precedes, end - 1)
            if not (left or right):
                continue
            word, top, at = "", 0, 0
            for length in (2, 3, 4):
                for s in range(max(i - left, i - length + 1), min(i, i + right - length + 1) + 1):
                    w = text[s:i] + r + text[i + 1 : s + length]
                    f = lex.target(w)
                    if f > top:
                        word, top, at = w, f, s
            if not word:
                continue
            if reach_any is None:
                reach_any = (self.reach(i, -1, lex.follows_any, a), self.reach(i, 1, lex.precedes_any, b - 1))
            left = reach_any[0] if before and lex.follows_any.has(before, r) else 0
            right = reach_any[1] if after and lex.precedes_any.has(after, r) else 0
            if self.gain_bound(i, r, left, right) <= MIN_GAIN - SLACK:
                continue
            if base is None:
                base = self.cost(text[a:b])
            gain = self.cost(text[a:i] + r + text[i + 1 : b]) - base
            if gain > MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, r, word, at, top)
        return best

    def reach(self, i: int, step: int, pairs, limit: int) -> int:
        """1 + how many more neighbours of text[i] in direction `step` (up to
        `limit`, and to MAX_WORD - 1 in all) make pairs of `pairs` (follows:
        leftwards, precedes: rightwards) with the next one towards i."""
        k, text = 1, self.text
        while k < MAX_WORD - 1 and (i - limit) * step < -k and pairs.has(text[i + step * (k + 1)], text[i + step * k]):
            k += 1
        return k

    # ------------------------------------------------------------ scoring

    def freq(self, word: str) -> int:
        f = self.memo.get(word)
        if f is None:
            f = self.memo[word] = self.lex.freq(word)
        return f

    def score1(self, c: str) -> float:
        f = self.lex.single(c)
        return math.log(f) - self.lex.log_total if f > 0 else self.lex.unknown

    def cost(self, text: str) -> float:
        """Log-probability of the best segmentation of `text` (words of up to
        MAX_WORD characters); a character in no word costs as an unknown word."""
        known = self.costs.get(text)
        if known is not None:
            return known
        n = len(text)
        best = [0.0] + [-math.inf] * n
        freq, log_total, unknown = self.freq, self.lex.log_total, self.lex.unknown
        for end in range(1, n + 1):
            top = -math.inf
            for length in range(1, min(MAX_WORD, end) + 1):
                f = freq(text[end - length : end])
                if f <= 0 and length > 1:
                    continue
                score = best[end - length] + (math.log(f) - log_total if f > 0 else unknown)
                if score > top:
                    top = score
            best[end] = top
        self.costs[text] = best[n]
        return best[n]

    def gain_bound(self, i: int, r: str, left: int, right: int) -> float:
        """An upper bound of cost(window with r) - cost(window).

        The best reading of the new window has one word S holding r; the rest of
        it reads as in the old window. The old window reads at least as well as
        its best readings of the parts before S, of S less its character i
        (with that character alone), and after S. So the gain is at most
        score(S with r) - cost(S's part before i) - cost(S's part after i) -
        score(text[i] alone), over the words S that could hold r: reaching at
        most `left` and `right` characters from i."""
        text, log_total = self.text, self.lex.log_total
        alone = self.score1(text[i])
        top = self.score1(r) - alone
        for length in range(2, MAX_WORD + 1):
            for s in range(max(i - left, i - length + 1), min(i, i + right - length + 1) + 1):
                e = s + length
                f = self.freq(text[s:i] + r + text[i + 1 : e])
                if f > 0:
                    bound = math.log(f) - log_total - self.cost(text[s:i]) - self.cost(text[i + 1 : e]) - alone
                    if bound > top:
                        top = bound
            if top > MIN_GAIN - SLACK:
                break
        return top
