"""A cheap test that a regex cannot match a text, to skip the full search.

Many data patterns start with a lookbehind or a lazy run of characters
(`(?<![A-Za-z])(?:[Xx]{2,}|…)`, `[\u4e00-\u9fff]{0,8}?(?:参学率|…)…[%％]`);
the regex engine then tries the whole pattern at every position of every
paragraph. Yet every match must contain one character of some small set
(an X or ×, a % sign). `required(pattern)` derives that set from the
pattern's structure; `Prefilter.may_match(text)` looks for one of its
characters with a single character-class scan, which is exact: when it says
no, the pattern has no match. A negated class, like `.`, requires nothing of
its own; patterns it cannot analyse (case-insensitive, all-optional,
back-references) are never skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as sre_c, _parser as sre_p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c
    import sre_parse as sre_p

_CATEGORIES = {
    sre_c.CATEGORY_DIGIT: r"\d",
    sre_c.CATEGORY_NOT_DIGIT: r"\D",
    sre_c.CATEGORY_SPACE: r"\s",
    sre_c.CATEGORY_NOT_SPACE: r"\S",
    sre_c.CATEGORY_WORD: r"\w",
    sre_c.CATEGORY_NOT_WORD: r"\W",
}
_WIDE = 1 << 16  # the weight of a category: as good as no filter
_MAX_STRINGS = 8  # more alternative strings are tested as one character class
_REPEATS = tuple(getattr(sre_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_c, name))


class _Unknown(Exception):
    """The pattern has a construct the analysis does not handle."""


@dataclass(frozen=True)
class Need:
    """What every match contains: one of `strings` (literal text), or else one
    character of the class `chars` (regex class fragments). `weight` ranks
    needs: fewer characters and longer strings filter more."""

    weight: float
    strings: frozenset[str] = frozenset()
    chars: frozenset[str] = frozenset()

    def as_chars(self) -> "Need":
        if not self.strings:
            return self
        return Need(len({s[0] for s in self.strings}), chars=frozenset(re.escape(s[0]) for s in self.strings))


def _string(text: str) -> Need:
    return Need(1 / len(text), strings=frozenset({text}))


def _item(op, av) -> Need | None:
    if op is sre_c.LITERAL:
        return _string(chr(av))
    if op is sre_c.IN:
        return _klass(av)
    if op is sre_c.BRANCH:
        return _union([_sequence(alt) for alt in av[1]])
    if op is sre_c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _sequence(sub)
    if hasattr(sre_c, "ATOMIC_GROUP") and op is sre_c.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return None  # zero-width: requires nothing of its own
    if op is sre_c.NOT_LITERAL or op is sre_c.ANY:
        return None
    raise _Unknown  # GROUPREF, GROUPREF_EXISTS, …


def _union(needs: list[Need | None]) -> Need | None:
    """A branch needs what one of its alternatives needs."""
    if any(n is None for n in needs):
        return None
    if all(n.strings for n in needs):
        strings = frozenset().union(*(n.strings for n in needs))
        if len(strings) <= _MAX_STRINGS:
            return Need(sum(n.weight for n in needs), strings=strings)
    needs = [n.as_chars() for n in needs]
    return Need(sum(n.weight for n in needs), chars=frozenset().union(*(n.chars for n in needs)))


def _klass(items) -> Need | None:
    weight, out = 0, set()
    for op, av in items:
        if op is sre_c.NEGATE:
            return None  # any character but a few: requires nothing useful, like `.`
        if op is sre_c.LITERAL:
            weight += 1
            out.add(re.escape(chr(av)))
        elif op is sre_c.RANGE:
            weight += av[1] - av[0] + 1
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre_c.CATEGORY and av in _CATEGORIES:
            weight += _WIDE
            out.add(_CATEGORIES[av])
        else:  # case-folding ranges …
            raise _Unknown
    return Need(weight, chars=frozenset(out))


def _sequence(seq) -> Need | None:
    """Every match of a sequence matches each of its elements, so the most
    selective element's need (or run of literal characters) is the sequence's."""
    best, run = None, ""
    for op, av in [*seq, (None, None)]:
        if op is sre_c.LITERAL:
            run += chr(av)
            continue
        if run:
            found, run = _string(run), ""
            best = found if best is None or found.weight < best.weight else best
        if op is None:
            break
        found = _item(op, av)
        if found is not None and (best is None or found.weight < best.weight):
            best = found
    return best


def required(pattern: re.Pattern) -> Need | None:
    """What every match of `pattern` contains, or None when nothing useful
    can be derived."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_p.parse(pattern.pattern, pattern.flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        found = _sequence(parsed)
    except (_Unknown, re.error, RecursionError, TypeError, ValueError, AttributeError):
        return None
    if found is None or found.weight >= _WIDE:
        return None
    return found


_FEW = 8  # up to this many single characters are looked for with `in`, not a class scan


def _literals(fragments) -> tuple[str, ...] | None:
    """The characters of a class made of at most _FEW single characters (no
    range, no category), or None."""
    if not fragments or len(fragments) > _FEW:
        return None
    try:
        items = sre_p.parse("[" + "".join(sorted(fragments)) + "]")[0][1]
    except (re.error, IndexError, TypeError):
        return None
    if not isinstance(items, list) or not all(op is sre_c.LITERAL for op, _ in items):
        return None
    return tuple(sorted({chr(av) for _, av in items}))


class Prefilter:
    """`pattern` with a quick "cannot match" test in front."""

    __slots__ = ("pattern", "_strings", "_chars", "_always")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        need = required(pattern)
        self._always = need is None
        self._strings = tuple(sorted(need.strings)) if need is not None else ()
        chars = need.chars if need is not None else ()
        # A few characters are found faster one by one (`in` scans in C without
        # the regex engine's per-character class test).
        few = _literals(chars) if not pattern.flags & re.IGNORECASE else None
        if few is not None:
            self._strings, chars = few, ()
        self._chars = re.compile("[" + "".join(sorted(chars)) + "]", pattern.flags & re.ASCII) if chars else None

    def may_match(self, text: str) -> bool:
        if self._always:
            return True
        if self._chars is not None:
            return self._chars.search(text) is not None
        return any(map(text.__contains__, self._strings))

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def offsets(self, text: str):
        """Where in `text` what every match needs occurs (not for `_always`)."""
        if self._chars is not None:
            yield from (m.start() for m in self._chars.finditer(text))
            return
        for s in self._strings:
            at = text.find(s)
            while at != -1:
                yield at
                at = text.find(s, at + 1)


def candidate_paragraphs(ctx, pattern: re.Pattern) -> set[int] | None:
    """Indices of the paragraphs that may hold a match of `pattern` (None: any
    may), from one scan of the document's text: a match inside a paragraph
    holds its need, so the need occurs in that paragraph. Once per document."""
    found = ctx.memo("prefilter.candidates", dict)  # by identity, like `prefilter`
    kept = found.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        guard = prefilter(pattern)
        kept = found[id(pattern)] = (pattern, None if guard._always else ctx.paragraphs_hit(guard.offsets(ctx.full_text)))
    return kept[1]


_MAX_KEPT = 512
_by_pattern: dict[int, tuple[re.Pattern, Prefilter]] = {}


def prefilter(pattern: re.Pattern) -> Prefilter:
    """The prefilter of a compiled pattern, derived once per process. Kept by
    the pattern's identity: hashing a compiled pattern hashes its whole code,
    and rules ask for prefilters per paragraph."""
    kept = _by_pattern.get(id(pattern))
    if kept is not None and kept[0] is pattern:
        return kept[1]
    if len(_by_pattern) >= _MAX_KEPT:
        _by_pattern.clear()
    guard = Prefilter(pattern)
    _by_pattern[id(pattern)] = (pattern, guard)  # the pattern kept alive: its id stays its own
    return guard


class AnyPrefilter:
    """One scan that rules out a whole list of patterns at once: false only
    when no pattern of the list can match the text."""

    def __init__(self, patterns):
        needs = [required(p) for p in patterns]
        self._always = any(n is None for n in needs)
        chars = sorted({c for n in needs if n is not None for c in n.chars})
        # One class scan for the characters, `in` for the strings: an alternation
        # of both would try every branch at every position.
        self._strings = tuple(sorted({s for n in needs if n is not None for s in n.strings}))
        few = _literals(chars)
        if few is not None:
            self._strings, chars = tuple(sorted({*self._strings, *few})), []
        self._chars = re.compile(f"[{''.join(chars)}]") if chars else None

    def may_match(self, text: str) -> bool:
        if self._always:
            return True
        if self._chars is not None and self._chars.search(text) is not None:
            return True
        return any(map(text.__contains__, self._strings))


@lru_cache(maxsize=64)
def any_prefilter(patterns: tuple[re.Pattern, ...]) -> AnyPrefilter:
    return AnyPrefilter(patterns)
