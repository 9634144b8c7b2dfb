"""Place names: the divisions table, finding division names in text, and
working out where the reporting township is (province → prefecture → county).

    table = divisions(ctx)          # fazhi/data/divisions.tsv + profile data: {divisions: [...]}
    table.find(text)                # [Hit(start, end, name, kind, divisions)]
    where = locate(ctx)             # Location(province, prefecture, county) or None
    town_mentions(ctx)              # township names used where the report's own should be

Only full official names (衡阳县, 湖南省, 石柱土家族自治县) and the usual short
forms of autonomous units (石柱县, 湘西州) are matched as places; two-character
names (歙县) and names that are also ordinary words (城区, 新华区) are not."""

from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from fazhi.checker.rules.content._data import content
from fazhi.errors import ProfileError
from fazhi.schema.datafiles import content_lines, paths

if TYPE_CHECKING:
    from fazhi.checker.context import Context
    from fazhi.checker.model import Paragraph
    from fazhi.schema.models import Profile

LEVELS = ("province", "prefecture", "county")
_AUTONOMOUS = re.compile(r"^(?P<base>[\u4e00-\u9fff]{2,}?)(?:[\u4e00-\u9fff]{1,6}?族)+自治(?P<kind>县|州|旗)$")
_PROVINCE_SUFFIX = re.compile(r"(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
META_WEIGHT = 3  # a name in the title, 主送机关 or 署名 says more than one in the body
SHORT_WEIGHT = 0.5  # 湖南 without 省: a hint only


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    parent: str
    level: str  # province / prefecture / county
    type: str = ""  # 省 / 自治区 / 地级市 / 自治州 / 县 / 自治县 …


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    name: str
    kind: str  # full / alias / short / two (a two-character name: 歙县, 泾县)
    divisions: tuple[Division, ...]


_NO_STARTS: dict[int, list[tuple[int, str]]] = {}  # shared: never modified


class Table:
    """The divisions and every name they go by. Names are found through their
    last character (省/市/县/区 …, ~30 distinct ones): a regex scan finds the
    candidate ends and a set lookup checks the few lengths ending there. That
    is ~20× faster than pyahocorasick here, whose root node with ~1,500
    first characters is searched linearly for every character of the text."""

    def __init__(self, by_code: dict[str, Division], names: dict[str, tuple[str, tuple[Division, ...]]]):
        self.by_code = by_code
        self.names = names  # name → (kind, divisions)
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in names:
            lengths[name[-1]].add(len(name))
        self._lengths = {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}
        self._last = _last_characters(names) if names else None
        self._children: dict[str, list[Division]] = defaultdict(list)
        for d in by_code.values():
            self._children[d.parent].append(d)
        self._occurrences: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._found: dict[tuple[str, bool], tuple[Hit, ...]] = {}
        self._starts: dict[str, dict[int, list[tuple[int, str]]]] = {}

    def for_document(self) -> "Table":
        """This table with empty per-text caches: rules ask about the same
        paragraphs several times, and the caches go with the document."""
        table = copy.copy(self)
        table._occurrences, table._found, table._starts = {}, {}, {}
        return table

    def preload(self, texts: list[str]) -> "Table":
        """Find the names of all `texts` with one scan of their joined text (a
        name holds no line break, so none is found across two of them)."""
        joined = "\n".join(texts)
        hits = iter(self._scan(joined))
        hit = next(hits, None)
        at = 0
        for text in texts:
            end = at + len(text)
            own = []
            while hit is not None and hit[0] < end:
                own.append((hit[0] - at, hit[1] - at, hit[2]))
                hit = next(hits, None)
            self._occurrences[text] = tuple(own)
            at = end + 1
        return self

    def province(self, d: Division) -> Division:
        while d.parent and d.parent in self.by_code:
            d = self.by_code[d.parent]
        return d

    def ancestors(self, d: Division) -> list[Division]:
        out = [d]
        while out[-1].parent and out[-1].parent in self.by_code:
            out.append(self.by_code[out[-1].parent])
        return out

    def children(self, d: Division) -> list[Division]:
        return list(self._children.get(d.code, ()))

    def occurrences(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Every (start, end, name) in `text`, overlapping ones included."""
        if text not in self._occurrences:
            self._occurrences[text] = self._scan(text)
        return self._occurrences[text]

    def _scan(self, text: str) -> tuple[tuple[int, int, str], ...]:
        if self._last is None:
            return ()
        out = []
        names, lengths = self.names, self._lengths
        for m in self._last.finditer(text):
            end = m.end()
            for n in lengths[m.group()]:
                if n <= end and text[end - n : end] in names:
                    out.append((end - n, end, text[end - n : end]))
        return tuple(out)

    def find(self, text: str, two: bool = False) -> list[Hit]:
        """Division names in `text`, longest first, not overlapping. Two-character
        names (泾县) are too easily part of other words; `two` admits them where
        a name is expected anyway (主送机关, 署名)."""
        key = (text, two)
        if key not in self._found:
            self._found[key] = self._find(text, two)
        return list(self._found[key])

    def _find(self, text: str, two: bool) -> tuple[Hit, ...]:
        raw = []
        for start, end, name in self.occurrences(text):
            kind, divs = self.names[name]
            if kind == "two" and not two:
                continue
            raw.append(Hit(start, end, name, kind, divs))
        raw.sort(key=lambda h: (h.start, -(h.end - h.start)))
        hits, last = [], -1
        for h in raw:
            if h.start >= last and text[h.end : h.end + 1] not in ("域", "场"):  # 区域, 白银市场
                hits.append(h)
                last = h.end
        return tuple(hits)

    def _starts_in(self, text: str) -> dict[int, list[tuple[int, str]]]:
        if text in self._starts:
            return self._starts[text]
        if not self.occurrences(text):
            return _NO_STARTS
        starts: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for start, end, name in self.occurrences(text):
            starts[start].append((end, name))
        for ends in starts.values():
            ends.sort(reverse=True)
        self._starts[text] = starts
        return starts

    def name_at(self, text: str, pos: int, window: int = 16) -> int:
        """End of the longest name starting at `pos`, as `find(text[pos:pos + window],
        two=True)` would see it; 0 when there is none."""
        ends = self._starts_in(text).get(pos)
        if not ends:
            return 0
        limit = pos + window
        for end, _ in ends:
            if end <= limit and (end == limit or text[end : end + 1] not in ("域", "场")):
                return end
        return 0

    def has_name_at(self, text: str, pos: int) -> bool:
        return pos in self._starts_in(text)

    def starts(self, text: str) -> dict[int, list[tuple[int, str]]]:
        """Offsets where a name starts → (end, name), longest first."""
        return self._starts_in(text)


def _last_characters(names) -> re.Pattern:
    """Where a name can end: its last character (建, 区, 县 …) preceded by the
    character before it in some name (福建, but not 建设), checked inside the
    regex so that most occurrences of the common last characters cost nothing."""
    before: dict[str, set[str]] = defaultdict(set)
    single: set[str] = set()
    for name in names:
        if len(name) == 1:
            single.add(name)
        else:
            before[name[-1]].add(name[-2])
    branches = []
    for last in sorted(set(before) | single):
        if last in single:
            branches.append(re.escape(last))
        else:
            chars = "".join(re.escape(c) for c in sorted(before[last]))
            branches.append(f"{re.escape(last)}(?<=[{chars}]{re.escape(last)})")
    return re.compile("|".join(branches))


def _read_tsv(path: str) -> list[Division]:
    """The header line (code name parent level type) is optional here."""
    rows = []
    for n, line in content_lines(path, "divisions"):
        if line.startswith("code\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or cols[3] not in LEVELS:
            raise ProfileError(f"数据文件 {path} 第{n}行: 格式错误，应为“代码<Tab>名称<Tab>上级代码<Tab>province/prefecture/county”")
        rows.append(Division(cols[0], cols[1], cols[2], cols[3], cols[4] if len(cols) > 4 else ""))
    return rows


def _aliases(d: Division) -> list[tuple[str, str]]:
    out = [(d.name, "full")]
    m = _AUTONOMOUS.match(d.name)
    if m:  # 石柱土家族自治县 → 石柱县, 湘西土家族苗族自治州 → 湘西州
        out.append((m.group("base") + m.group("kind"), "alias"))
    if d.level == "province":
        short = _PROVINCE_SUFFIX.sub("", d.name)
        if len(short) >= 2 and short != d.name:
            out.append((short, "short"))
    return out


@lru_cache(maxsize=8)
def _table(files: tuple[str, ...], generic: tuple[str, ...]) -> Table:
    """Kept in fazhi's cache (keyed by the files' bytes and `generic`): reading
    and grouping ~3,000 divisions is ~10 ms of a start-up."""
    from pathlib import Path
    from zlib import crc32

    from fazhi.cache import compiled

    name = f"divisions-{crc32(repr((files, generic)).encode()):08x}"
    return compiled(name, [Path(f) for f in files], lambda: _build(files, generic), _plain, _from_plain)


def _plain(table: Table) -> tuple:
    rows = [(d.code, d.name, d.parent, d.level, d.type) for d in table.by_code.values()]
    return rows, {name: (kind, tuple(d.code for d in ds)) for name, (kind, ds) in table.names.items()}


def _from_plain(plain: tuple) -> Table:
    rows, names = plain
    by_code = {row[0]: Division(*row) for row in rows}
    return Table(by_code, {name: (kind, tuple(by_code[c] for c in codes)) for name, (kind, codes) in names.items()})


def _build(files: tuple[str, ...], generic: tuple[str, ...]) -> Table:
    rows = [row for path in files for row in _read_tsv(path)]
    by_code = {d.code: d for d in rows}
    grouped: dict[str, list[Division]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for d in by_code.values():
        for name, kind in _aliases(d):
            if name in generic:
                continue
            if len(name) < 3 and kind != "short":
                kind = "two"
            grouped[name].append(d)
            kinds[name] = "full" if "full" in (kinds.get(name), kind) else kinds.get(name, kind)
    names = {n: (kinds[n], tuple(ds)) for n, ds in grouped.items()}
    return Table(by_code, names)


def division_table(profile: "Profile") -> Table:
    """fazhi/data/divisions.tsv and the profile's `data: {divisions: [...]}` files."""
    generic = tuple(content(profile)["foreign"].get("generic_names", []))
    return _table(paths(profile, "divisions"), generic)


def divisions(ctx: "Context") -> Table:
    return ctx.memo("divisions", lambda: division_table(ctx.profile).for_document().preload([p.text for p in ctx.nonempty]))


# ---------------------------------------------------------------- location


@dataclass
class Location:
    province: Division
    prefecture: Division | None = None
    county: Division | None = None

    def own(self) -> set[str]:
        return {d.code for d in (self.province, self.prefecture, self.county) if d is not None}

    def describe(self) -> str:
        return "".join(d.name for d in (self.province, self.prefecture, self.county) if d is not None)


def meta_paragraphs(ctx: "Context") -> list["Paragraph"]:
    m = ctx.meta
    return [p for p in (*m.title_lines, m.title, m.addressee, m.signature, *m.signature_lines) if p is not None]


def _mentions(ctx: "Context", table: Table) -> list[tuple[Hit, float]]:
    meta = meta_paragraphs(ctx)
    in_meta = {id(p) for p in meta}  # the same objects; comparing fields is slow
    out = []
    for para in meta + list(ctx.body):
        weight = META_WEIGHT if id(para) in in_meta else 1.0
        for hit in table.find(para.text, two=id(para) in in_meta):
            out.append((hit, weight * (SHORT_WEIGHT if hit.kind == "short" else 1.0)))
    return out


def _own_province(table: Table, mentions) -> Division | None:
    votes: Counter[str] = Counter()
    for hit, weight in mentions:
        provinces = {table.province(d).code for d in hit.divisions}
        for code in provinces:
            votes[code] += weight / len(provinces)
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None  # two provinces in close competition: cannot tell
    return table.by_code[ranked[0][0]]


def _most_named(table: Table, mentions, province: Division, level: str) -> Division | None:
    votes: Counter[str] = Counter()
    for hit, weight in mentions:
        for d in hit.divisions:
            if d.level == level and table.province(d).code == province.code:
                votes[d.code] += weight
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2)
    return table.by_code[best] if not rest or n > rest[0][1] else None


def locate(ctx: "Context") -> Location | None:
    """Where the report comes from, from the division names it uses (the title,
    主送机关 and 署名 count triple). None when no province stands out."""
    table = divisions(ctx)
    mentions = _mentions(ctx, table)
    province = _own_province(table, mentions)
    if province is None:
        return None
    county = _most_named(table, mentions, province, "county")
    prefecture = None
    if county is not None and county.parent in table.by_code and table.by_code[county.parent].level == "prefecture":
        prefecture = table.by_code[county.parent]
    elif county is None:
        prefecture = _most_named(table, mentions, province, "prefecture")
    return Location(province, prefecture, county)


# ---------------------------------------------------------------- townships

_TOWN_SUFFIX = "镇|乡|街道"  # town_mentions tests for them by name
_NOT_A_TOWN = re.compile(r"^[全我本各该乡镇村一两这此其每某]|[的和与及在对为是了等]")
_WORD_GOES_ON = frozenset("镇村级域长干里民")  # 乡镇, 镇村, 镇级, 乡里 …: a word, not a name
_ORGAN = re.compile(r"(党委|党工委|人民政府|政府|办事处)")  # used with match(text, pos)
_LEAD = re.compile(r"(中共|关于)")  # used with match(text, pos)
_TOWN = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)({_TOWN_SUFFIX})")  # used with match(text, pos)
_SPOT_MARKS = frozenset("，。；：、“”（）() ")


@dataclass(frozen=True, slots=True)
class TownMention:
    para: "Paragraph"
    start: int
    end: int
    name: str  # 城关镇
    where: str  # 标题 / 署名 / 文件名 / 现将 / 机关


def _town_at(text: str, pos: int, table: Table) -> tuple[int, str, bool] | None:
    """A township name at `pos`, after 中共/关于 and division names (衡阳县…),
    as (start, name, had a division prefix)."""
    prefixed = False
    while True:
        lead = _LEAD.match(text, pos)
        if lead:
            pos = lead.end()
            continue
        end = table.name_at(text, pos)
        if not end:
            break
        pos, prefixed = end, True
    m = _TOWN.match(text, pos)
    if m is None or _NOT_A_TOWN.search(m.group(1)) or text[m.end() : m.end() + 1] in _WORD_GOES_ON:
        return None
    return pos, m.group(0), prefixed


def _body_spots(text: str, table: Table) -> list[tuple[int, str]]:
    """Where a body sentence may write the township's own name: the start of a
    《document》 name, 「现将XX镇…」, and after a punctuation mark (kept only
    when a county name precedes the township: 「衡阳县XX镇人民政府」, so only
    the marks followed by a division name or 中共/关于 are spots)."""
    heads = set(table.starts(text))
    if "中共" in text or "关于" in text:
        heads.update(m.start() for m in _LEAD.finditer(text))
    spots = [(p, "机关") for p in sorted(heads) if (p == 0 or text[p - 1] in _SPOT_MARKS) and _may_be_prefixed(text, p, table)]
    for word, where in (("《", "文件名"), ("现将", "现将")):
        at = text.find(word)
        while at != -1:
            spots.append((at + len(word), where))
            at = text.find(word, at + len(word))
    return spots


def _may_be_prefixed(text: str, pos: int, table: Table) -> bool:
    """Whether a division name (after 中共/关于) starts at `pos`."""
    while True:
        lead = _LEAD.match(text, pos)
        if not lead:
            return table.has_name_at(text, pos)
        pos = lead.end()


def town_mentions(ctx: "Context") -> list[TownMention]:
    """Township names written where a report names itself. A bare 「XX镇党委」
    in running text is not used: without a boundary the name cannot be told
    from the words before it (「紧紧围绕镇党委」)."""
    table = divisions(ctx)
    out: list[TownMention] = []
    for where, para in (("标题", ctx.meta.title), ("署名", ctx.meta.signature)):
        if para is not None:
            found = _town_at(para.text, len(para.text) - len(para.text.lstrip()), table)
            if found:
                out.append(TownMention(para, found[0], found[0] + len(found[1]), found[1], where))
    for para in ctx.body:
        text = para.text
        if "镇" not in text and "乡" not in text and "街道" not in text:
            continue  # _TOWN needs one of its suffixes (_TOWN_SUFFIX)
        for pos, where in _body_spots(text, table):
            found = _town_at(text, pos, table)
            if found is None:
                continue
            start, name, prefixed = found
            if where == "机关" and not (prefixed and _ORGAN.match(text, start + len(name))):
                continue
            out.append(TownMention(para, start, start + len(name), name, where))
    return out
