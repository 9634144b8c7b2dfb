"""Which 《…》 titles are shaped like a national law's (fazhi/data/law_titles.yaml
+ the profile's `data: {law_titles: [...]}`): law-title-unknown checks only
those, plan-title-wrong leaves them alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fazhi.checker.rules.references._text import is_draft
from fazhi.schema.datafiles import entries, paths, read_yaml

_LAW_SHAPE = re.compile(r"^(?:中华人民共和国)?([\u4e00-\u9fff]{2,30})$")


@dataclass(frozen=True)
class Shapes:
    not_law_suffixes: tuple[str, ...]
    local_prefix: re.Pattern
    other_prefixes: tuple[str, ...]

    def candidate(self, title: str) -> bool:
        """True when `title` (brackets stripped) looks like a national law's title."""
        if not title.endswith("法") or is_draft(title):
            return False
        m = _LAW_SHAPE.match(title)
        if not m:
            return False
        core = m.group(1)
        if core.endswith(self.not_law_suffixes) or core.startswith(self.other_prefixes):
            return False
        return not self.local_prefix.match(core)


def _strings(data, path, key) -> list[str]:
    return [str(x) for x in entries(data, path, key)]


@lru_cache(maxsize=8)
def _load_shapes(paths: tuple[str, ...]) -> Shapes:
    suffixes, provinces, admin, not_place, others = [], [], [], [], []
    for path in paths:
        data = read_yaml(path, "law_titles") or {}
        suffixes += _strings(data, path, "not_law_suffixes")
        provinces += _strings(data, path, "local_prefixes")
        admin += _strings(data, path, "admin_suffixes")
        not_place += _strings(data, path, "not_place_words")
        others += _strings(data, path, "other_prefixes")
    alt = lambda words: "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or "(?!)"  # noqa: E731
    local = re.compile(rf"^(?:{alt(provinces)})|^(?!(?:{alt(not_place)})(?:{alt(admin)}))[\u4e00-\u9fff]{{2,8}}?(?:{alt(admin)})")
    return Shapes(tuple(suffixes), local, tuple(others))


def shapes(profile) -> Shapes:
    return _load_shapes(paths(profile, "law_titles"))
