"""One-pass phrase matching (Aho-Corasick) for term lists: every phrase of a
list is found in a paragraph in one scan instead of one regex per phrase."""

from __future__ import annotations

from typing import Generic, Iterable, TypeVar

import ahocorasick

T = TypeVar("T")


class PhraseMatcher(Generic[T]):
    def __init__(self, phrases: Iterable[tuple[str, T]]):
        self._auto = ahocorasick.Automaton()
        self.multiline = False  # a phrase with a line break (none in the data) could span paragraphs
        for phrase, payload in phrases:
            if phrase:
                self._auto.add_word(phrase, (len(phrase), payload))
                self.multiline = self.multiline or "\n" in phrase
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def all(self, text: str) -> list[tuple[int, int, T]]:
        """Every occurrence (start, end, payload), overlapping ones included."""
        if self._empty:
            return []
        return [(end + 1 - n, end + 1, payload) for end, (n, payload) in self._auto.iter(text)]
