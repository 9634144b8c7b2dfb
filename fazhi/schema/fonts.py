"""Font names and sizes: which names mean the same typeface, which substitute
to name for a missing font, and the Chinese size names (三号 = 16 pt).

The facts live in fazhi/data/fonts.yaml; a profile adds its own files with
`data: {fonts: [path.yaml]}`. Used by the template builder (fallbacks) and by
the layout rules (aliases, size names), so it lives here, below both."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from fazhi.errors import ProfileError
from fazhi.schema.datafiles import paths, read_mapping

if TYPE_CHECKING:
    from fazhi.schema.models import Profile


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


@dataclass
class FontBook:
    canonical: dict[str, str] = field(default_factory=dict)  # _key(any name) → canonical name
    fallbacks: dict[str, list[str]] = field(default_factory=dict)  # canonical → names for fontTable altName
    substitutes: dict[str, list[str]] = field(default_factory=dict)  # canonical → accepted in its place
    sizes: dict[float, str] = field(default_factory=dict)  # pt → 三号

    def add(self, data: dict, source: str) -> None:
        fonts = data.get("fonts") or {}
        sizes = data.get("sizes") or {}
        if not isinstance(fonts, dict) or not isinstance(sizes, dict):
            raise ProfileError(f"{source}: 字体数据应包含映射 fonts: 和 sizes:")
        for name, entry in fonts.items():
            entry = entry or {}
            name = str(name)
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k) or [], list) for k in ("aliases", "fallback", "substitutes")):
                raise ProfileError(f"{source}: 字体 {name} 应为映射，其中 aliases、fallback 和 substitutes 为列表")
            self.canonical[_key(name)] = name
            for alias in entry.get("aliases") or []:
                self.canonical[_key(str(alias))] = name
            if entry.get("fallback") is not None:
                self.fallbacks[name] = [str(f) for f in entry["fallback"]]
            if entry.get("substitutes") is not None:
                self.substitutes[name] = [str(f) for f in entry["substitutes"]]
        for label, pt in sizes.items():
            if isinstance(pt, bool) or not isinstance(pt, (int, float)):
                raise ProfileError(f"{source}: 字号 sizes.{label} 应为磅值（数字，如 16），实际为“{pt}”")
            self.sizes[float(pt)] = str(label)

    def canonical_name(self, name: str) -> str:
        return self.canonical.get(_key(name), name.strip())

    def same(self, a: str, b: str) -> bool:
        return _key(self.canonical_name(a)) == _key(self.canonical_name(b))

    def accepts(self, found: str, wanted: str, accepted: list[str]) -> bool:
        """True when `found` is `wanted`, one of the `accepted` names or a substitute
        the font book allows for `wanted` (or an alias of any of them)."""
        allowed = [wanted, *accepted, *self.substitutes.get(self.canonical_name(wanted), [])]
        return any(self.same(found, name) for name in allowed)

    def fallback(self, name: str) -> list[str]:
        return self.fallbacks.get(self.canonical_name(name), [])

    def size_label(self, pt: float) -> str:
        """16 → "16磅（三号）", 13 → "13磅"."""
        value = f"{pt:g}磅"
        for size, label in self.sizes.items():
            if abs(size - pt) < 0.01:
                return f"{value}（{label}）"
        return value


@lru_cache(maxsize=16)
def _book(files: tuple[str, ...]) -> FontBook:
    book = FontBook()
    for path in files:
        book.add(read_mapping(path, "fonts"), f"数据文件 {path}")
    return book


def font_book(profile: "Profile | None" = None) -> FontBook:
    """The built-in font facts plus the profile's `data: {fonts: [...]}` files (later files win)."""
    if profile is None:
        from fazhi.schema.datafiles import builtin

        return _book((str(builtin("fonts.yaml")),))
    return _book(paths(profile, "fonts"))
