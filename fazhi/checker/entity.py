"""Who reports: the township, street, county department or county government a
report is about. Read from where a report names itself — the title (with the
issuing-organ lines above it), the signature and the 成文日期 block, the file
name of a published page without its title — and never from a body sentence:
「建设纳入乡…」「由乡人民政府乡长任组长」 hold fragments, not names. Only a
name the township table knows (fazhi/data/townships.tsv) may come from the body.

Reads only the outline (and the township table)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache


from fazhi.checker.outline import Outline
from fazhi.checker.townships import DATA, UNITS, TownshipTable, township_table

DATA_DIR = DATA.parent

TOWNSHIP, COUNTY_GOVERNMENT, COUNTY_DEPARTMENT = "township", "county-government", "county-department"

_NOT_A_NAME = re.compile(r"^(全|我|本|各|该|城|乡|村|一|两|镇)|[我本全各该在和及与的了给对为由把将被向从到按以于是有等治、，。]")
_FUNCTION_WORD = re.compile(r"[我本全各该在和及与的了给对为由把将被向从到按以于是有等治、，。]")
# In the title or signature a name is where a name belongs: 城关镇, 和平镇, 向阳街道, 两河口镇 are real.
_GENERIC = re.compile(r"^(全|我|本|各|该|城|乡|村)(镇|乡)$|[、，。]|城乡")
_UNIT_END = re.compile(r"民族乡|民族苏木|苏木|街道办事处|街道|区公所|镇|乡|街")
# A township written in the title or signature, when the table does not know it (a new 街道).
_META_TOWN = re.compile(r"[\u4e00-\u9fff]{1,8}?(民族乡|苏木|街道|区公所|镇|乡)")
_DIVISION_GOES_ON = frozenset("县市区州旗盟村")
# 县司法局, 海城区住房和城乡建设局, 区司法局: a county department names itself first.
_DEPARTMENT = re.compile(
    r"^(?:中共)?(?:(?:19|20)\d{2}年度?)?(?P<div>(?:[\u4e00-\u9fff]{1,10}?(?:自治县|自治旗|县|区|市|旗))|县|区|市|旗)"
    r"(?P<organ>(?!人民政府|政府|委员会|党委|委)[\u4e00-\u9fff]{1,14}?(?:局|委员会|办公室|管理委员会|中心))"
)
# 静海区2023年度…, XX县人民政府关于…: a county or district government.
_GOVERNMENT = re.compile(
    r"^(?:中共)?(?:(?:19|20)\d{2}年度?)?(?P<div>[\u4e00-\u9fff]{1,10}?(?:自治县|自治旗|县|区|市|旗))(?P<organ>人民政府|政府)?(?=关于|\d|[（(]|$|法治)"
)
_PREFIX_CUT = re.compile(r"^.*?(?:省|自治区)")


@dataclass(frozen=True, slots=True)
class Entity:
    name: str  # 聚奎镇, 鹤龙街, 县司法局, 静海区
    kind: str = TOWNSHIP  # township / county-government / county-department
    source: str = "title"  # title / signature / date / filename / body
    county: str | None = None  # county code when the table places the township
    confirmed: bool = True  # known to the township table, or written in the title/signature

    @property
    def trusted(self) -> bool:
        """Safe to put into a suggestion."""
        return self.confirmed


def clean_entity(name: str, where: str = "body") -> str | None:
    """"衡阳县岘山镇" → "岘山镇", "石市镇" stays (the 市 is part of the name)."""
    name = re.sub(r"^(中共|关于)", "", name)
    name = name.rsplit("人民政府", 1)[-1] if "人民政府" in name[:-2] else name  # 渝北区人民政府双龙湖街道
    for i in range(len(name) - 3, 0, -1):
        if name[i - 1] in "县市区州省旗" and len(name) - i >= 3:
            name = name[i:]
            break
    if len(name) < 2:
        return None
    if where == "body" and _NOT_A_NAME.search(name[:-1]) or _GENERIC.search(name):
        return None
    return name


def _known_towns(text: str, towns: TownshipTable | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of every township the table knows, longest
    at each end, left to right. 「鹤龙街道办事处」 → 鹤龙街道; 「鹤龙街」 stays 鹤龙街."""
    towns = towns or township_table()
    found: list[tuple[int, int, str]] = []
    for m in _UNIT_END.finditer(text):
        end = m.end()
        if m.group() == "街" and text[end : end + 1] == "道":
            continue
        if m.group() == "街道办事处":
            end -= 3
        for start in range(max(0, end - 12), end - 2):
            if towns.known(text[start:end]):
                found.append((start, end, text[start:end]))
                break
    found.sort(key=lambda f: (f[0], f[0] - f[1]))  # 北城街街道 before 北城街
    out: list[tuple[int, int, str]] = []
    for f in found:
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def _meta_town(text: str, towns: TownshipTable) -> tuple[str, bool] | None:
    """The township a title/signature names: (name, known to the table)."""
    known = _known_towns(text, towns)
    if known:
        return known[0][2], True
    for m in _META_TOWN.finditer(text):
        if text[m.end() : m.end() + 1] in _DIVISION_GOES_ON:
            continue  # 新乡县, 镇原县: a county
        name = clean_entity(m.group(0), "meta")
        if name and not _FUNCTION_WORD.search(name[:-1]):
            return name, False
    return None


def _county_organ(text: str) -> tuple[str, str] | None:
    """(name, kind) of a county department or government a title/signature names."""
    text = re.sub(r"^关于", "", text.strip())
    m = _DEPARTMENT.match(text)
    if m and not _UNIT_END.search(m.group("organ")[:-1].replace("城乡", "")):
        return _PREFIX_CUT.sub("", m.group("div")) + m.group("organ"), COUNTY_DEPARTMENT
    m = _GOVERNMENT.match(text)
    if m:
        return _PREFIX_CUT.sub("", m.group("div")) + (m.group("organ") or ""), COUNTY_GOVERNMENT
    return None


def _place(name: str, text: str, towns: TownshipTable) -> str | None:
    """The county of a township: the only one, or the one the report names."""
    codes = towns.counties(name)
    if len(codes) == 1:
        return codes[0]
    named = [c for c in codes if towns.county_names[c] in text]
    return named[0] if len(named) == 1 else None


def _from_meta(texts: list[tuple[str, str]], whole: str, towns: TownshipTable) -> Entity | None:
    for source, text in texts:
        organ = _county_organ(text)
        if organ and not _known_towns(text, towns):
            return Entity(organ[0], organ[1], source)
        town = _meta_town(text, towns)
        if town:
            name, known = town
            return Entity(name, TOWNSHIP, source, _place(name, whole, towns) if known else None, True)
    return None


def _from_body(outline: Outline, whole: str, towns: TownshipTable, generic: frozenset[str]) -> Entity | None:
    """A township the table knows, named at least twice, clearly more than any other."""
    counts: Counter[str] = Counter()
    for p in outline.body:
        counts.update(name for _, _, name in _known_towns(p.text, towns) if len(name) >= 3 and name not in generic)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    name = ranked[0][0]
    return Entity(name, TOWNSHIP, "body", _place(name, whole, towns), True)


def generic_body_names(profile=None) -> frozenset[str]:
    """fazhi/data/entity.yaml and the profile's `data: {entity: [...]}` files."""
    from fazhi.schema.datafiles import builtin, extra_paths

    extra = extra_paths(profile, "entity") if profile is not None and profile.data.get("entity") else ()
    return _generic_body_names((str(builtin("entity.yaml")), *extra))


@lru_cache(maxsize=8)
def _generic_body_names(files: tuple[str, ...]) -> frozenset[str]:
    from fazhi.errors import ProfileError
    from fazhi.schema.datafiles import entries, read_mapping

    names: set[str] = set()
    for path in files:
        for name in entries(read_mapping(path, "entity"), path, "generic_body_names"):
            if not isinstance(name, str) or not name.endswith(UNITS):
                raise ProfileError(f"数据文件 {path}: generic_body_names 的条目应为乡镇街道名称（以{'、'.join(UNITS)}结尾），实际为“{name}”")
            names.add(name)
    return frozenset(names)


def find_entity(outline: Outline, file_name: str = "", profile=None) -> Entity | None:
    """`profile`: its own township and entity data files count (`data:`)."""
    meta = outline.meta
    texts: list[tuple[str, str]] = []
    if meta.full_title:
        texts.append(("title", meta.full_title))
    for p in (meta.signature, *meta.signature_lines):
        if p is not None:
            texts.append(("signature" if p is not meta.date else "date", p.text.strip()))
    if not meta.full_title and file_name:
        texts.append(("filename", file_name))
    addressee = meta.addressee.text if meta.addressee is not None else ""
    whole = "".join(t for _, t in texts) + addressee + "".join(p.text for p in outline.body[:40])
    towns = township_table(profile)
    return _from_meta(texts, whole, towns) or _from_body(outline, whole, towns, generic_body_names(profile))


def report_entity(outline: Outline, entity_pattern: str | None = None) -> str | None:
    """The entity's name (kept for callers that need only the name)."""
    found = find_entity(outline)
    return found.name if found else None
