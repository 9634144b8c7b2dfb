"""Font names and sizes: which names mean the same typeface, which substitute
to name for a missing font, and the Chinese size names (三号 = 16 pt).

The facts live in fazhi/data/fonts.yaml; a profile adds its own files with
`data: {fonts: [path.yaml]}`. Used by the template builder (fallbacks) and by
the layout rules (aliases, size names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from fazhi.errors import ProfileError

FONTS_FILE = Path(__file__).resolve().parent.parent / "data" / "fonts.yaml"


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


@dataclass
class FontBook:
    canonical: dict[str, str] = field(default_factory=dict)  # _key(any name) → canonical name
    fallbacks: dict[str, list[str]] = field(default_factory=dict)  # canonical → substitutes
    sizes: dict[float, str] = field(default_factory=dict)  # pt → 三号

    def add(self, data: dict, source: str) -> None:
        fonts = data.get("fonts") or {}
        sizes = data.get("sizes") or {}
        if not isinstance(fonts, dict) or not isinstance(sizes, dict):
            raise ProfileError(f"{source}: 字体数据应包含映射 fonts: 和 sizes:")
        for name, entry in fonts.items():
            entry = entry or {}
            name = str(name)
            self.canonical[_key(name)] = name
            for alias in entry.get("aliases") or []:
                self.canonical[_key(str(alias))] = name
            if entry.get("fallback") is not None:
                self.fallbacks[name] = [str(f) for f in entry["fallback"]]
        for label, pt in sizes.items():
            self.sizes[float(pt)] = str(label)

    def canonical_name(self, name: str) -> str:
        return self.canonical.get(_key(name), name.strip())

    def same(self, a: str, b: str) -> bool:
        return _key(self.canonical_name(a)) == _key(self.canonical_name(b))

    def accepts(self, found: str, wanted: str, accepted: list[str]) -> bool:
        """True when `found` is `wanted` or one of the `accepted` names (or an alias of one)."""
        return any(self.same(found, name) for name in [wanted, *accepted])

    def fallback(self, name: str) -> list[str]:
        return self.fallbacks.get(self.canonical_name(name), [])

    def size_label(self, pt: float) -> str:
        """16 → "16磅（三号）", 13 → "13磅"."""
        value = f"{pt:g}磅"
        for size, label in self.sizes.items():
            if abs(size - pt) < 0.01:
                return f"{value}（{label}）"
        return value


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ProfileError(f"{path}: 无法读取字体数据文件（{exc.strerror}），请检查配置档 data.fonts 中的路径") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: 字体数据文件 YAML 语法错误：{exc}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: 字体数据文件顶层必须是映射（fonts: / sizes:）")
    return data


@lru_cache(maxsize=16)
def font_book(extra: tuple[str, ...] = ()) -> FontBook:
    """The built-in font facts plus the files in `extra` (later files win)."""
    book = FontBook()
    for path in (FONTS_FILE, *map(Path, extra)):
        book.add(_read(path), str(path))
    return book
