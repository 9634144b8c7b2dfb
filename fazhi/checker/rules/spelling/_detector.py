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
checked on the fifth held back (docs/spelling.md)."""

from __future__ import annotations

import gzip
import math
import pickle
import re

import ahocorasick
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from fazhi.schema.datafiles import builtin

MAX_WORD = 4
RADIUS = 4  # characters either side of the suspect in the scored window
COVER_FREQ = 50  # a character inside a word this frequent is not suspect
TARGET_FREQ = 100  # the word a replacement makes must be at least this frequent
MIN_GAIN = 7.0  # natural-log likelihood gain of the window (e^7 ≈ 1100 times likelier)
COMMON_CHAR = 100000  # a character this frequent alone (的 是 在 和) is a word by itself
AMBIGUITY = 10  # skip when a neighbour's replacement could make a word this many times more frequent

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Suggestion:
    start: int  # offset of the suspect character in the text
    wrong: str
    right: str
    word: str  # the frequent word the replacement makes
    gain: float


class Lexicon:
    """Every attribute is a builtin (marshal-able for fazhi.cache) and read-only
    once built, so forked batch workers share one copy (fazhi.batch)."""

    def __init__(self, freqs: dict[str, int]):
        # one int object per distinct frequency (~5,000 of them, not ~340,000):
        # ~9 MB less, and kept shared through the cache's marshal references
        same: dict[int, int] = {}
        self.freq = {w: same.setdefault(f, f) for w, f in freqs.items()}
        freqs = self.freq
        self.log_total = math.log(sum(freqs.values()) or 1)
        self.unknown = math.log(0.5) - self.log_total
        best_left: dict[str, int] = defaultdict(int)  # c → the most frequent word ?c
        best_right: dict[str, int] = defaultdict(int)  # c → the most frequent word c?
        for w, f in sorted((wf for wf in freqs.items() if len(wf[0]) == 2), key=lambda wf: wf[1]):
            best_left[w[1]] = f  # ascending: the last write is the largest
            best_right[w[0]] = f
        self.best_left, self.best_right = best_left, best_right
        # which characters follow / precede a character inside the words a
        # replacement may make: a cheap first test of the candidates (kept as
        # strings: a set per character cost ~7 MB)
        follows: dict[str, set[str]] = defaultdict(set)
        precedes: dict[str, set[str]] = defaultdict(set)
        for w, f in freqs.items():
            if f >= TARGET_FREQ:
                for k in range(len(w) - 1):
                    follows[w[k]].add(w[k + 1])
                    precedes[w[k + 1]].add(w[k])
        self.follows = {c: "".join(sorted(s)) for c, s in follows.items()}
        self.precedes = {c: "".join(sorted(s)) for c, s in precedes.items()}
        # an automaton of the frequent words: looking up every substring of a
        # run in a set took ~2x longer and saved only ~2 MB
        self._frequent = _frequent_words(freqs)

    def cost(self, text: str) -> float:
        """Log-probability of the best segmentation of `text`; a character in no
        word costs as an unknown word."""
        n = len(text)
        best = [0.0] + [-math.inf] * n
        freq, log_total, unknown = self.freq, self.log_total, self.unknown
        for end in range(1, n + 1):
            top = -math.inf
            for length in range(1, min(MAX_WORD, end) + 1):
                f = freq.get(text[end - length : end], 0)
                if f <= 0 and length > 1:
                    continue
                score = best[end - length] + (math.log(f) - log_total if f > 0 else unknown)
                if score > top:
                    top = score
            best[end] = top
        return best[n]

    def uncovered(self, run: str) -> list[int]:
        """The offsets of the characters of `run` inside no frequent word."""
        cov = bytearray(len(run))
        for end, length in self._frequent.iter(run):
            cov[end - length + 1 : end + 1] = b"\1" * length
        return [i for i, flag in enumerate(cov) if not flag]


def _frequent_words(freqs: dict[str, int]) -> ahocorasick.Automaton:
    """An automaton of the frequent words that add coverage: 法治政府 is left out,
    as 法治 and 政府 cover the same characters wherever it occurs (~2x fewer
    matches per run to mark, the same offsets uncovered)."""
    words = {w for w, f in freqs.items() if f >= COVER_FREQ and len(w) > 1}
    frequent = ahocorasick.Automaton()
    for w in words:
        if not _covered_by_parts(w, words):
            frequent.add_word(w, len(w))
    frequent.make_automaton()
    return frequent


def _covered_by_parts(word: str, words: set[str]) -> bool:
    """Does every character of `word` lie inside a shorter word of `words` within it?"""
    cov = [False] * len(word)
    for length in range(2, len(word)):
        for s in range(len(word) - length + 1):
            if word[s : s + length] in words:
                cov[s : s + length] = [True] * length
    return all(cov)


_FACTORIES = {"int": int}


def _lexicon_state(lex: Lexicon) -> dict:
    """Every attribute as marshal-able builtins; the automaton as its own pickle
    (pyahocorasick's dump loads in ~5 ms, rebuilding it takes ~70 ms)."""
    state: dict[str, tuple] = {}
    for k, v in vars(lex).items():
        if isinstance(v, ahocorasick.Automaton):
            state[k] = (pickle.dumps(v), "pickle")
        elif isinstance(v, defaultdict):
            state[k] = (dict(v), v.default_factory.__name__)  # type: ignore[union-attr]
        else:
            state[k] = (v, "")
    return state


def _lexicon_from_state(state: dict) -> Lexicon:
    lex = Lexicon.__new__(Lexicon)
    for k, (v, kind) in state.items():
        if kind == "pickle":
            v = pickle.loads(v)  # noqa: S301 - written by this module into the user's own cache
        elif kind:
            v = defaultdict(_FACTORIES[kind], v)
        setattr(lex, k, v)
    return lex


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Built once per installation, not per run (fazhi.cache): reading ~350,000
    frequencies and indexing them took longer than checking a report."""
    from fazhi.cache import compiled

    sources = [builtin("spelling_lexicon.tsv.gz"), builtin("spelling_words.txt")]
    return compiled("spelling-lexicon", sources, _build_lexicon, _lexicon_state, _lexicon_from_state)


def _build_lexicon() -> Lexicon:
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
    return Lexicon(freqs)


@lru_cache(maxsize=1)
def confusion() -> dict[str, frozenset[str]]:
    """char → its sound- and shape-confusable characters."""
    from fazhi.cache import compiled

    source = builtin("spelling_confusion.tsv")
    return compiled("spelling-confusion", [source], _build_confusion, dict, dict)


def _build_confusion() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in builtin("spelling_confusion.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        char, _, rest = line.partition("\t")
        out[char] = frozenset(rest.replace("\t", ""))
    return out


def _replacement(lex: Lexicon, run: str, i: int, candidates: frozenset[str]) -> tuple[float, str, str, int] | None:
    """The best (gain, char, word, word start) replacing run[i], or None."""
    a, b = max(0, i - RADIUS), min(len(run), i + RADIUS + 1)
    window = run[a:b]
    base = None
    best = None
    after = lex.follows.get(run[i - 1], "") if i else ""
    before = lex.precedes.get(run[i + 1], "") if i + 1 < len(run) else ""
    for r in sorted(candidates.intersection(after + before)):
        word, top, at = "", 0, 0
        for length in (2, 3, 4):
            for s in range(max(0, i - length + 1), min(i, len(run) - length) + 1):
                w = run[s:i] + r + run[i + 1 : s + length]
                f = lex.freq.get(w, 0)
                if f >= TARGET_FREQ and f > top:
                    word, top, at = w, f, s
        if not word:
            continue
        if base is None:
            base = lex.cost(window)
        gain = lex.cost(window[: i - a] + r + window[i - a + 1 :]) - base
        if gain > MIN_GAIN and (best is None or gain > best[0]):
            best = (gain, r, word, at)
    return best


def suggestions(text: str, skip=lambda start, end: False, repeated=lambda s: False) -> list[Suggestion]:
    """Likely wrong characters of `text`; `skip(start, end)` says which spans to
    leave alone, `repeated(s)` whether the document uses `s` again (a term the
    lexicon lacks is written the same way each time; a slip of the pen is not)."""
    lex, conf = lexicon(), confusion()
    out: list[Suggestion] = []
    for m in HAN_RUN.finditer(text):
        run = m.group()
        if len(run) < 2:
            continue
        clusters: list[list[int]] = []
        freq = lex.freq
        for i in lex.uncovered(run):
            if freq.get(run[i], 0) >= COMMON_CHAR or skip(m.start() + i, m.start() + i + 1):
                continue
            if clusters and clusters[-1][-1] == i - 1:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cluster in clusters:
            best = None
            for i in cluster:
                found = _replacement(lex, run, i, conf.get(run[i], frozenset()))
                if found and (best is None or found[0] > best[1][0]):
                    best = (i, found)
            if best is None:
                continue
            i, (gain, right, word, at) = best
            if repeated(run[at : at + len(word)]):
                continue  # the same "wrong word" again: a term, not a slip
            limit = lex.freq.get(word, 0) * AMBIGUITY
            if (i - 1 in cluster and lex.best_left[run[i]] > limit) or (i + 1 in cluster and lex.best_right[run[i]] > limit):
                continue  # the neighbour may be the wrong one
            out.append(Suggestion(m.start() + i, run[i], right, word, gain))
    return out
