"""Data of the language rules (placeholders.yaml, rates.yaml, punctuation.yaml
under fazhi/data/, plus the profile's `data:` files) and the paragraphs they scan."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from fazhi.checker.findings import SEVERITIES
from fazhi.checker.rules._prefilter import AnyPrefilter
from fazhi.checker.outline import is_web_chrome, web_page
from fazhi.schema.datafiles import entries, need, paths, read_yaml
from fazhi.errors import ProfileError



def _compile(pattern: str, path, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ProfileError(f"数据文件 {path}: {where} 不是有效的正则表达式：{exc}") from None


# --- placeholders -----------------------------------------------------------


@dataclass(frozen=True)
class InlinePattern:
    id: str
    regex: re.Pattern
    message: str
    suggestion: str
    severity: str
    basis: str = ""


@dataclass(frozen=True)
class Placeholders:
    inline: tuple[InlinePattern, ...]
    chrome: re.Pattern | None
    chrome_max_chars: int
    chrome_basis: str = ""
    web: tuple | None = None  # the profile's web page furniture (outline.web_page); None: the built-in
    chrome_quick: AnyPrefilter | None = None  # what the alternatives of `chrome` need

    def is_chrome(self, text: str) -> re.Match | None:
        text = text.strip()
        if len(text) > self.chrome_max_chars:
            return None
        # `chrome` tries each alternative at every position; what they need
        # (位置, 首页, 访问量 …) is looked for first.
        chrome = self.chrome
        found = chrome.search(text) if chrome is not None and (self.chrome_quick is None or self.chrome_quick.may_match(text)) else None
        if found is None and is_web_chrome(text, self.web):  # [ 索引号 ] …, - 发布机构:… (fazhi/data/web_page.yaml)
            found = re.match(r".+", text)
        return found


def _inline(raw, path) -> InlinePattern:
    pid = need(raw, "id", path, "inline 条目")
    severity = raw.get("severity", "error")
    if severity not in SEVERITIES:
        raise ProfileError(f"数据文件 {path}: 条目 {pid} 的 severity 只能是 error、warning 或 info")
    basis = str(raw.get("basis") or "")
    if severity == "error" and basis.startswith("常见实务"):
        raise ProfileError(f"数据文件 {path}: 条目 {pid} 的依据是常见实务，severity 不能是 error（改为 warning 或写明规范依据）")
    return InlinePattern(
        pid,
        _compile(need(raw, "pattern", path, f"条目 {pid}"), path, f"条目 {pid} 的 pattern"),
        need(raw, "message", path, f"条目 {pid}"),
        str(raw.get("suggestion") or ""),
        severity,
        basis,
    )


@lru_cache(maxsize=8)
def _placeholders(paths: tuple[str, ...]) -> Placeholders:
    inline: dict[str, InlinePattern] = {}
    chrome: list[str] = []
    max_chars, chrome_basis = 120, ""
    for path in paths:
        data = read_yaml(path, "placeholders") or {}
        for raw in entries(data, path, "inline"):
            p = _inline(raw, path)
            inline[p.id] = p
        for pattern in entries(data, path, "chrome"):
            _compile(str(pattern), path, f"chrome 条目 {pattern!r}")
            chrome.append(str(pattern))
        if isinstance(data, dict) and isinstance(data.get("chrome_max_chars"), int):
            max_chars = data["chrome_max_chars"]
        if isinstance(data, dict) and data.get("chrome_basis"):
            chrome_basis = str(data["chrome_basis"])
    chrome_re = re.compile("|".join(f"(?:{c})" for c in chrome)) if chrome else None
    return Placeholders(tuple(inline.values()), chrome_re, max_chars, chrome_basis, chrome_quick=AnyPrefilter([re.compile(c) for c in chrome]))


def placeholders(profile) -> Placeholders:
    found = _placeholders(paths(profile, "placeholders"))
    return _with_web(found, web_page(profile)) if profile.data.get("web_page") else found


@lru_cache(maxsize=8)
def _with_web(found: Placeholders, web: tuple) -> Placeholders:
    return replace(found, web=web)


# --- rates ------------------------------------------------------------------


@dataclass(frozen=True)
class Rates:
    regex: re.Pattern  # word (ending in a bounded word), link, number, percent sign
    bounded: tuple[str, ...]  # longest first
    unbounded: tuple[str, ...]
    growth_links: tuple[str, ...]


@lru_cache(maxsize=8)
def _rates(paths: tuple[str, ...]) -> Rates:
    bounded: set[str] = set()
    unbounded: set[str] = set()
    growth: set[str] = set()
    for path in paths:
        data = read_yaml(path, "rates") or {}
        bounded.update(str(x) for x in entries(data, path, "bounded"))
        unbounded.update(str(x) for x in entries(data, path, "unbounded"))
        growth.update(str(x) for x in entries(data, path, "growth_links"))
    longest_first = tuple(sorted(bounded, key=lambda w: (-len(w), w)))
    words = "|".join(re.escape(w) for w in longest_first) or "(?!)"
    regex = re.compile(
        rf"(?P<word>[\u4e00-\u9fff]{{0,8}}?(?:{words}))(?![先领])"
        r"(?P<link>[^，。；;,、%％\d\n]{0,8}?)"
        r"(?P<num>[-−－]?\d+(?:\.\d+)?)\s*[%％]"
    )
    return Rates(regex, longest_first, tuple(unbounded), tuple(growth))


def rates(profile) -> Rates:
    return _rates(paths(profile, "rates"))


# --- punctuation ------------------------------------------------------------


@dataclass(frozen=True)
class Punctuation:
    halfwidth: dict[str, str]
    opening: dict[str, str]  # opening char → pair name (its canonical opening char)
    closing: dict[str, str]  # closing char → pair name


@lru_cache(maxsize=8)
def _punctuation(paths: tuple[str, ...]) -> Punctuation:
    half: dict[str, str] = {}
    pairs: list[str] = []
    for path in paths:
        data = read_yaml(path, "punctuation") or {}
        if isinstance(data, dict) and isinstance(data.get("halfwidth"), dict):
            half.update({str(k): str(v) for k, v in data["halfwidth"].items()})
        for pair in entries(data, path, "pairs"):
            if not isinstance(pair, str) or len(pair) != 2:
                raise ProfileError(f"数据文件 {path}: pairs 的每一项应为两个字符（左右括号），实际为 {pair!r}")
            pairs.append(pair)
    opening = {p[0]: p[0] for p in pairs}
    closing = {p[1]: p[0] for p in pairs}
    # Half-width parentheses pair with the full-width ones (a mixed pair is one problem).
    if "（" in opening:
        opening.setdefault("(", "（")
        closing.setdefault(")", "（")
    return Punctuation(half, opening, closing)


def punctuation(profile) -> Punctuation:
    return _punctuation(paths(profile, "punctuation"))


# --- paragraphs ---------------------------------------------------------------


def text_paragraphs(ctx):
    """Every non-empty paragraph (title and metadata included), without lines of
    web-page chrome (those are the placeholder rule's business). Computed once
    per document for the language rules; do not modify the list."""
    chrome = chrome_lines(ctx)
    return ctx.memo("language.text_paragraphs", lambda: [p for p in ctx.nonempty if p.index not in chrome])


def chrome_lines(ctx) -> dict[int, re.Match]:
    """Paragraph index → the chrome match of each line of web-page chrome
    (`Placeholders.is_chrome`), once per document."""
    table = placeholders(ctx.profile)
    return ctx.memo("language.chrome_lines", lambda: {p.index: m for p in ctx.nonempty if (m := table.is_chrome(p.text))})
