"""Spelling data: the curated typo pairs (typos.yaml), the 异形词 table
(variants.tsv), merged with the profile's files of the same kinds, and the
spans of a paragraph the spelling rules leave alone (place names, the report's
entity, law titles, quotations, allowed words).

    table = pairs(ctx.profile)          # one Aho-Corasick automaton for all pairs
    for hit in table.find(text): ...    # (start, end, Pair), not_in phrases removed"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from fazhi.schema.datafiles import at, entries, need, paths, read_tsv, read_yaml
from fazhi.checker.rules.references._matcher import PhraseMatcher
from fazhi.checker.rules.references._text import Spans, quoted_titles
from fazhi.errors import ProfileError

if TYPE_CHECKING:
    from fazhi.checker.context import Context
    from fazhi.checker.model import Paragraph
    from fazhi.schema.models import Profile

VARIANT_BASIS = "《第一批异形词整理表》（GF 1001-2001）"


@dataclass(frozen=True)
class Pair:
    wrong: str
    right: str
    kind: str  # always | context | variant
    followed_by: re.Pattern | None = None
    message: str = ""
    note: str = ""
    basis: str = ""
    both: bool = False  # the variant table allows both forms
    certain: bool = True  # a fix may be applied without a person's judgement


@dataclass(frozen=True)
class Table:
    matcher: PhraseMatcher
    allow: frozenset[str]

    def find(self, text: str) -> list[tuple[int, int, Pair]]:
        """Pairs found in `text`, outside their not_in phrases and allowed words,
        whose context (if any) holds; where two overlap the longer wins."""
        hits = self.matcher.all(text)
        if not any(kind == "pair" for _, _, (kind, _) in hits):
            return []
        protected = Spans(len(text), [(s, e) for s, e, (kind, _) in hits if kind == "skip"])
        found = []
        for s, e, (kind, pair) in hits:
            if kind != "pair" or protected.contains(s, e):
                continue
            if pair.followed_by is not None and not pair.followed_by.match(text, e):
                continue
            found.append((s, e, pair))
        return longest_first(found)

    def skips(self, text: str) -> list[tuple[int, int, None]]:
        """Spans of not_in phrases and allowed words in `text`."""
        return [(s, e, None) for s, e, (kind, _) in self.matcher.all(text) if kind == "skip"]


def longest_first(hits):
    taken, used = [], set()
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        span = set(range(hit[0], hit[1]))
        if not span & used:
            used |= span
            taken.append(hit)
    return sorted(taken, key=lambda h: h[0])


def _regex(raw: str, path, wrong: str) -> re.Pattern:
    try:
        return re.compile(raw)
    except re.error as exc:
        raise ProfileError(f"数据文件 {path}: 条目 {wrong} 的 followed_by 不是有效的正则表达式：{exc}") from None


def _not_in(raw, path, wrong: str) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [x for x in re.split(r"[、,，]", raw) if x.strip()]
    if not isinstance(raw, list):
        raise ProfileError(f"数据文件 {path}: 条目 {wrong} 的 not_in 应为短语列表")
    phrases = [str(x).strip() for x in raw]
    bad = [p for p in phrases if wrong not in p]
    if bad:
        raise ProfileError(f"数据文件 {path}: 条目 {wrong} 的 not_in 短语“{bad[0]}”不含“{wrong}”")
    return phrases


def _typo_file(path: str, pairs: dict, skips: dict, allow: set) -> None:
    data = read_yaml(path, "typos") or {}
    if not isinstance(data, dict):
        raise ProfileError(f"数据文件 {path}: 顶层应为映射（always / context / allow）")
    for kind in ("always", "context"):
        for raw in entries(data, path, kind):
            wrong = need(raw, "wrong", path, f"{kind} 条目")
            right = need(raw, "right", path, f"{kind} 条目 {wrong}")
            follow = raw.get("followed_by")
            if kind == "context" and not follow:
                raise ProfileError(f"{at(path, raw)}: context 条目 {wrong} 缺少 followed_by（在什么语境下算错）")
            pairs[wrong] = Pair(
                wrong, right, kind,
                followed_by=_regex(str(follow), path, wrong) if follow else None,
                message=str(raw.get("message") or ""), note=str(raw.get("note") or ""), basis=str(raw.get("basis") or ""),
                certain=raw.get("fix", True) is not False,
            )  # fmt: skip
            skips[wrong] = _not_in(raw.get("not_in"), path, wrong)
    allow.update(str(x) for x in entries(data, path, "allow"))


def _variant_file(path: str, pairs: dict, skips: dict) -> None:
    for row in read_tsv(path, "variants"):
        wrong, right = row["variant"], row["standard"]
        if not wrong or not right:
            raise ProfileError(f"{at(path, row)}: 每行须有 variant 和 standard")
        both = row.get("both", "").lower() in ("yes", "y", "true", "1", "是")
        pairs[wrong] = Pair(
            wrong, right, "variant", basis=row.get("basis") or VARIANT_BASIS, note=row.get("note", ""), both=both, certain=not both
        )
        skips[wrong] = _not_in(row.get("not_in") or None, path, wrong)


@lru_cache(maxsize=8)
def _load(typo_paths: tuple[str, ...], variant_paths: tuple[str, ...]) -> Table:
    pairs: dict[str, Pair] = {}
    skips: dict[str, list[str]] = {}
    allow: set[str] = set()
    for path in variant_paths:
        _variant_file(path, pairs, skips)
    for path in typo_paths:
        _typo_file(path, pairs, skips, allow)
    phrases: list[tuple[str, tuple[str, Pair | None]]] = [(w, ("pair", p)) for w, p in pairs.items()]
    phrases += [(s, ("skip", None)) for group in skips.values() for s in group]
    phrases += [(a, ("skip", None)) for a in allow]
    return Table(PhraseMatcher(phrases), frozenset(allow))


def pairs(profile: "Profile") -> Table:
    return _load(paths(profile, "typos"), paths(profile, "variants"))


def pair_hits(ctx: "Context", para: "Paragraph") -> list[tuple[int, int, Pair]]:
    """`pairs(ctx.profile).find(para.text)`, once per paragraph for all three rules."""
    return ctx.memo(("spelling.pairs", para.index), lambda: _table(ctx).find(para.text))


def pair_skips(ctx: "Context", para: "Paragraph") -> list[tuple[int, int, None]]:
    return _table(ctx).skips(para.text)


def _table(ctx: "Context") -> Table:
    return ctx.memo("spelling.table", lambda: pairs(ctx.profile))


# ---------------------------------------------------------------- protected spans

_QUOTE_RE = re.compile(r"“[^“”]{1,200}”|「[^「」]{1,200}」")
# Proper nouns the lexicon cannot know, for the dictionary detector: up to three
# characters before a place suffix (冷宜村, 梅梁湖), a name after a title or
# before 同志 (主任高雨), and abbreviations being defined (简称“特医”).
_PLACE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,3}(?=村|镇|乡|社区|街道|嘎查|湖|河|江|山|路|街|巷|屯|寨|县|峡|岭|坪|洲|湾|桥|庄|寺|中学|小学|学校|幼儿园|医院|卫生院|公司|集团|大学|派出所|法庭|水库|园区)"
)
_TITLES = (
    "主任|书记|队长|局长|镇长|乡长|县长|市长|处长|科长|所长|站长|主席|委员|组长|律师|法官|民警|辅警|老师|"
    "教授|院士|专家|厂长|经理|会长|校长|院长|部长|厅长|省长|区长|社长|代表|党员|村民|群众|同志|网格员|调解员"
)
_NAME_RE = re.compile(rf"(?:{_TITLES})[\u4e00-\u9fff]{{2,3}}|[\u4e00-\u9fff]{{2,3}}(?=同志|书记|主任|等同志)")
_ABBR_RE = re.compile(r"简称[“\"]?[\u4e00-\u9fff]{1,8}")


def proper_noun_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for rx in (_PLACE_RE, _NAME_RE, _ABBR_RE) for m in rx.finditer(text)]


def _law_titles(ctx: "Context"):
    from fazhi.checker.rules.references._laws import law_table

    return law_table(ctx.profile)


def _places(ctx: "Context"):
    from fazhi.checker.rules.content._places import divisions

    return divisions(ctx)


def protected(ctx: "Context", para: "Paragraph", *, quotes: bool) -> Spans:
    """Spans of `para` a spelling rule leaves alone: place names of the divisions
    table, the report's entity, allowed words, law titles the law table knows, and
    (with `quotes`) every 《》 title and “” quotation — text quoted as written."""
    return ctx.memo(("spelling.protected", para.index, quotes), lambda: _protected(ctx, para, quotes))


def _protected(ctx: "Context", para: "Paragraph", quotes: bool) -> Spans:
    text = para.text
    spans: list[tuple[int, int]] = []
    if "《" in text:
        laws = _law_titles(ctx)
        for q in quoted_titles(text):
            if quotes or laws.lookup(q.inner) is not None:
                spans.append((q.start, q.end))
    if quotes and ("“" in text or "「" in text):
        spans += [m.span() for m in _QUOTE_RE.finditer(text)]
    spans += [(s, e) for s, e, _ in _places(ctx).occurrences(text)]
    for name in {ctx.entity, *ctx.profile.allow} - {None, ""}:
        start = text.find(name)  # type: ignore[arg-type]
        while start != -1:
            spans.append((start, start + len(name)))  # type: ignore[arg-type]
            start = text.find(name, start + 1)  # type: ignore[arg-type]
    return Spans(len(text), spans)
