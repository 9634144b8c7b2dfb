"""Outline: headings with levels and markers, and the document's metadata
(title, 主送机关, 署名, 成文日期) kept apart from the body.

Reads only the document model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
import datetime
from datetime import date
from functools import lru_cache


from fazhi.checker.model import Document, Paragraph

CN_NUM = "一二三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if not s or any(c not in "零一二三四五六七八九十" for c in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


# Marker kinds. `ok` markers are the GB/T 9704 scheme 一、 （一） 1. （1）.
@dataclass(frozen=True, slots=True)
class MarkerKind:
    name: str
    level: int
    ok: bool
    regex: re.Pattern
    expected: str  # the correct form, for messages


_N = f"[{CN_NUM}]{{1,3}}"
MARKERS: tuple[MarkerKind, ...] = (
    MarkerKind("cn-dun", 1, True, re.compile(rf"^({_N})、"), "一、"),
    MarkerKind("cn-dot", 1, False, re.compile(rf"^({_N})[.．，,](?!\d)"), "一、"),
    MarkerKind("part", 1, True, re.compile(rf"^第({_N})部分"), "一、"),
    MarkerKind("cn-paren", 2, True, re.compile(rf"^（({_N})）"), "（一）"),
    MarkerKind("cn-paren-half", 2, False, re.compile(rf"^[（(]({_N})[)）]"), "（一）"),
    # 「4.2026年工作打算」: a year after the dot is no decimal.
    MarkerKind("num-dot", 3, True, re.compile(r"^(\d{1,2})[.．](?:(?!\d)|(?=(?:19|20)\d{2}\s*年))"), "1."),
    MarkerKind("num-dun", 3, False, re.compile(r"^(\d{1,2})、"), "1."),
    MarkerKind("num-paren", 4, True, re.compile(r"^（(\d{1,2})）"), "（1）"),
    MarkerKind("num-paren-half", 4, False, re.compile(r"^[（(](\d{1,2})[)）]"), "（1）"),
)

_DOT_YEAR = re.compile(r"^\d{1,2}[.．](?:19|20)\d{2}\s*年")
_DECIMAL = re.compile(r"^\d{1,2}[.．]\d")
_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$|^\d{8}$")
_SPACE = re.compile(r"[\s\u3000]")
_END_PUNCT = "。；;：:！？!?，,"
_TITLE_RE = re.compile(r"(法治|依法行政|法制).{0,30}(报告|汇报|总结|材料|情况)$")
_DATE_RES = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})\s*[.\-/－．]\s*(\d{1,2})\s*[.\-/－．]\s*(\d{1,2})$"),
    re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"),
)
_CN_YEAR_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
# An issuing organ printed on its own line above the title (GB/T 9704 7.3.1: the title names the 发文机关).
_ORGAN_LINE = re.compile(r"^(中共)?[\u4e00-\u9fff（）()]{2,30}(委员会|人民政府|办事处|党委|党工委|镇|乡|街道)$")
# A web page's breadcrumb ("首页 > 政务公开 > 法治政府建设年度报告") is chrome, not the title.
_BREADCRUMB = re.compile(r"[>＞»›]|当前位置|^首页")
# 附注 and 版记 after the 成文日期 (GB/T 9704 7.3.6, 8): not body, not the date.
_TRAILER = re.compile(r"^[（(](此件|联系人|联系电话)[^（）()]{0,40}[）)]$|^抄送[:：]|^(主题词|关键词)[:：]|\d{1,2}\s*日\s*印发$")
_GAP = re.compile(r"[\s\u3000]+")
_ENDS_WITH_YEAR = re.compile(r"\d{4}年度?$")


@dataclass(slots=True)
class Heading:
    paragraph: Paragraph
    level: int  # 1..4
    title: str  # heading words without the marker, run-in body text cut off
    marker: str = ""  # the marker as written ("一、", "(一)", "") ("" = unnumbered)
    kind: MarkerKind | None = None
    number: int | None = None
    source: str = "marker"  # marker / style / standalone
    depth: int = 0  # place in this document's hierarchy: level, one deeper under 第一部分 …

    def __post_init__(self) -> None:
        self.depth = self.depth or self.level

    @property
    def index(self) -> int:
        return self.paragraph.index

    @property
    def top_level(self) -> bool:
        return self.depth == 1


@dataclass(slots=True)
class Meta:
    title: Paragraph | None = None
    addressee: Paragraph | None = None
    signature: Paragraph | None = None
    date: Paragraph | None = None
    date_text: str = ""
    doc_date: datetime.date | None = None
    date_well_formed: bool = False
    body_start: int = 1  # first paragraph index of the body
    body_end: int = 0  # last paragraph index of the body
    chrome: list[Paragraph] = field(default_factory=list)  # web-page chrome before the title
    title_lines: list[Paragraph] = field(default_factory=list)  # 发文机关 lines above the title, a wrapped title's rest
    signature_lines: list[Paragraph] = field(default_factory=list)  # further 署名 lines (党委 and 政府 both sign)
    trailer: list[Paragraph] = field(default_factory=list)  # 附注/版记 after the date: （此件公开发布）, 抄送：…
    given_title: str = ""  # a published page without its title: --title, or the file name
    page_date: datetime.date | None = None  # the 成文日期 field of a published web page

    def indices(self) -> set[int]:
        single = (self.title, self.addressee, self.signature, self.date)
        extra = self.title_lines + self.signature_lines + self.trailer
        return {p.index for p in (*single, *extra) if p is not None}

    @property
    def full_title(self) -> str:
        """The title with the 发文机关 lines above it ("中共XX镇委员会 / XX镇人民政府 / 关于…的报告")."""
        lines = sorted((p for p in (*self.title_lines, self.title) if p is not None), key=lambda p: p.index)
        return "".join(p.text.strip() for p in lines) or self.given_title


@dataclass(slots=True)
class Outline:
    meta: Meta
    headings: list[Heading]
    body: list[Paragraph]  # non-empty body paragraphs (metadata excluded)
    _at: dict[int, Heading] | None = field(default=None, init=False, repr=False, compare=False)

    def heading_at(self, index: int) -> Heading | None:
        if self._at is None:  # asked for every paragraph by several rules: index once
            self._at = {}
            for h in self.headings:
                self._at.setdefault(h.index, h)
        return self._at.get(index)

    @property
    def top(self) -> list[Heading]:
        return [h for h in self.headings if h.depth == 1]


def parse_date(text: str) -> tuple[date | None, bool]:
    """(date, well_formed). Well formed = `2024年2月22日` (Arabic, no leading zeros)."""
    t = text.strip().replace(" ", "")
    for i, rx in enumerate(_DATE_RES):
        m = rx.match(t)
        if not m:
            continue
        y, mo, d = m.groups()
        if i == 3:
            y = "".join(_CN_YEAR_DIGIT.get(c, "") for c in y)
            mo, d = str(cn_to_int(mo)), str(cn_to_int(d))
        try:
            value = date(int(y), int(mo), int(d))
        except (ValueError, TypeError):
            return None, False
        ok = i == 0 and not re.search(r"年0|月0", t)
        return value, ok
    return None, False


# What a marker can start with besides a digit (\d: any Unicode decimal digit):
# most paragraphs are ruled out by their first character.
_MARKER_FIRST = frozenset(CN_NUM + "第（(")


def detect_marker(text: str) -> tuple[MarkerKind, re.Match] | None:
    first = text[:1]
    if first not in _MARKER_FIRST and not first.isdecimal():
        return None
    for kind in MARKERS:
        m = kind.regex.match(text)
        if m:
            if kind.level == 3 and _DECIMAL.match(text) and not _DOT_YEAR.match(text):
                continue
            return kind, m
    return None


def _run_in_title(rest: str) -> str:
    """Heading words of a paragraph that may run on into body text."""
    rest = rest.strip()
    cut = rest.find("。")
    if cut != -1:
        return rest[:cut]
    if len(rest) > 40:
        for sep in "；;：:":
            cut = rest.find(sep)
            if 0 < cut <= 40:
                return rest[:cut]
    return rest.rstrip("。")


def _is_bracketed(text: str) -> bool:
    return text.startswith("【") and text.endswith("】")


def _is_standalone_heading(p: Paragraph) -> bool:
    t = p.text.strip()
    # A bold line may be as long as the statutory leader_duties heading (about 50 characters).
    if not (2 <= len(t) <= (60 if p.bold else 32)) or t[-1] in _END_PUNCT:
        return False
    if _DATE_LINE.search(t):
        return False
    if _is_bracketed(t):  # a fill-in note (template guidance), not a heading
        return False
    return "，" not in t or len(t) <= 24 or p.bold


def _organ_line(text: str) -> bool:
    """One issuing organ, or two side by side ("中共XX镇委员会　XX镇人民政府")."""
    return all(_ORGAN_LINE.match(piece) for piece in _GAP.split(text.strip()) if piece)


WebPage = tuple[re.Pattern, re.Pattern]  # (metadata field label, page furniture)


def web_page(profile=None) -> WebPage:
    """fazhi/data/web_page.yaml and the profile's `data: {web_page: [...]}` files
    (a county's own site furniture)."""
    from fazhi.schema.datafiles import builtin_str, paths

    if profile is None:
        return _web_page((builtin_str("web_page.yaml"),))
    return _web_page(paths(profile, "web_page"))


@lru_cache(maxsize=8)
def _web_page(files: tuple[str, ...]) -> WebPage:
    from fazhi.errors import ProfileError
    from fazhi.schema.datafiles import entries, read_mapping

    fields: list[str] = []
    furniture: list[str] = []
    for path in files:
        data = read_mapping(path, "web_page")
        for label in entries(data, path, "fields"):
            if not isinstance(label, str) or not label.strip():
                raise ProfileError(f"数据文件 {path}: fields 的条目应为非空的字段名（如 索引号），实际为“{label}”")
            fields.append(label.strip())
        for pattern in entries(data, path, "furniture"):
            try:
                re.compile(str(pattern))
            except re.error as exc:
                raise ProfileError(f"数据文件 {path}: furniture 的正则表达式“{pattern}”有误（{exc}），请修正") from None
            furniture.append(str(pattern))
    labels = "|".join(re.escape(f) for f in sorted(set(fields), key=lambda f: (-len(f), f)))
    field_re = re.compile(rf"^[-•·]?[\[【]?({labels})(?:[\]】]|[:：])")
    return field_re, re.compile("|".join(f"(?:{p})" for p in furniture))


def is_web_chrome(text: str, page: WebPage | None = None) -> bool:
    """A line of a web page around a published report (发布时间：…, [ 索引号 ] …, 打印本页)."""
    t = text.strip()
    if not t or len(t) > 160:
        return False
    field_re, furniture = page or web_page()
    return bool(field_re.match(_SPACE.sub("", t)) or furniture.match(t))


_PAGE_DATE = re.compile(r"(成文|发文)(日期|时间)\s*[\]】]?\s*[:：]?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")


def _page_date(text: str) -> date | None:
    m = _PAGE_DATE.search(re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", text))
    if m is None:
        return None
    try:
        return date(int(m.group(3)), int(m.group(4)), int(m.group(5)))
    except ValueError:
        return None


def _is_title(t: str, limit: int = 60) -> bool:
    return bool(t) and len(t) <= limit and t[-1] not in "。；;" and bool(_TITLE_RE.search(t)) and not _BREADCRUMB.search(t)


def _find_title(paras: list[Paragraph]) -> tuple[Paragraph | None, list[Paragraph], list[Paragraph]]:
    """(title, chrome before it, the wrapped rest of a title typed on two lines)."""
    head = paras[:8]
    for i, p in enumerate(head):
        t = p.text.strip()
        if detect_marker(t):
            continue  # 「三、…第一责任人职责情况」 is a part heading, not the title
        if _is_title(t):
            return p, head[:i], []
        rest = head[i + 1].text.strip() if i + 1 < len(head) else ""
        wrapped = len(t) <= 40 and t[-1] not in _END_PUNCT and not detect_marker(t) and len(rest) <= 30
        # 「…2022年度法治政府建设」「情况报告」; 「双龙湖街道2019年」「法治政府建设情况报告」 (a line ending in its year is no title's end)
        if wrapped and (not _is_title(rest) or _ENDS_WITH_YEAR.search(t)) and _is_title(t + rest):
            return p, head[:i], [head[i + 1]]
    # No recognisable title: a short centred/bold first line still is one.
    if paras:
        first = paras[0]
        t = first.text.strip()
        if len(t) <= 40 and t[-1] not in _END_PUNCT and (first.alignment == "center" or first.bold) and not detect_marker(t):
            return first, [], []
    return None, [], []


def build_outline(doc: Document, addressee_res: list[re.Pattern], signature_res: list[re.Pattern], given_title: str = "",
                  page: WebPage | None = None) -> Outline:
    """`given_title`: the title of a published page whose text starts below it (used when none is found);
    `page`: the web page furniture to drop (`web_page(profile)`)."""
    meta = Meta()
    paras = []
    page = page or web_page()
    for p in doc.nonempty():
        if not is_web_chrome(p.text, page):
            paras.append(p)
        elif meta.page_date is None:
            meta.page_date = _page_date(p.text)
    title, chrome, rest = _find_title(paras)
    if title is None and given_title and _is_title(given_title, 80):
        meta.given_title = given_title
    while chrome and _organ_line(chrome[-1].text):
        meta.title_lines.insert(0, chrome.pop())
    meta.title_lines += rest
    meta.title, meta.chrome = title, chrome
    start = paras.index((rest or [title])[-1]) + 1 if title else 0
    # Repeated title (web pages print it twice) and page chrome right after it.
    for p in paras[start : start + 3]:
        t = p.text.strip()
        if addressee_res and any(rx.match(t) for rx in addressee_res):
            meta.addressee = p
            start = paras.index(p) + 1
            break
        if title and t == title.text.strip():
            start = paras.index(p) + 1

    # Signature and date from the end (附注 and 版记 after them are skipped).
    end = len(paras)
    for p in reversed(paras[max(start, len(paras) - 6) :]):
        t = p.text.strip()
        if meta.date is None and meta.signature is None and _TRAILER.search(t):
            meta.trailer.insert(0, p)
            end = paras.index(p)
            continue
        signed, t = _signature_before_date(t, signature_res)
        d, ok = parse_date(t)
        if d is not None and meta.date is None:
            meta.date, meta.date_text, meta.doc_date, meta.date_well_formed = p, t, d, ok
            if signed and meta.signature is None:
                meta.signature = p
            end = paras.index(p)
            continue
        if _signature(t, signature_res):
            if meta.signature is None:
                meta.signature = p
            else:
                meta.signature_lines.insert(0, p)
            end = paras.index(p)
            continue
        if meta.signature is None and _is_bracketed(t):  # an unfilled 【成文日期】 slot: look past it (placeholder reports it)
            end = paras.index(p)
            continue
        break
    body = paras[start:end]
    meta.body_start = body[0].index if body else (title.index + 1 if title else 1)
    meta.body_end = body[-1].index if body else meta.body_start
    return Outline(meta=meta, headings=_headings(body), body=body)


def _signature(text: str, signature_res: list[re.Pattern]) -> bool:
    """A 署名 line: one organ, or two side by side (党委 and 政府 sign together)."""
    if len(text) > 60 or text[-1:] in "。；;！？!?，,":
        return False  # a sentence, not a 署名
    pieces = [piece for piece in _GAP.split(text) if piece]
    return bool(pieces) and all(len(piece) <= 30 and any(rx.match(piece) for rx in signature_res) for piece in pieces)


def _signature_before_date(text: str, signature_res: list[re.Pattern]) -> tuple[bool, str]:
    """"XX镇人民政府　　2024年2月26日" on one line → (True, "2024年2月26日")."""
    m = re.match(r"^(.*?\S)[\s\u3000]+(\S+)$", text)
    if m and parse_date(m.group(2))[0] is not None and _signature(m.group(1), signature_res):
        return True, m.group(2)
    return False, text


def _headings(body: list[Paragraph]) -> list[Heading]:
    out: list[Heading] = []
    for p in body:
        t = p.text.strip()
        found = detect_marker(t)
        if found:
            kind, m = found
            number = cn_to_int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
            title = _run_in_title(t[m.end() :])
            # "一、强学法，…；二、…" inside a closing sentence is an enumeration, not a heading.
            if kind.level == 1 and len(title) > 70:
                continue
            out.append(Heading(p, kind.level, title, m.group(0), kind, number, "marker"))
        elif p.outline_level is not None and p.outline_level < 4 and len(t) <= 60:
            out.append(Heading(p, p.outline_level + 1, t.rstrip("。"), "", None, None, "style"))
        elif _is_standalone_heading(p):
            out.append(Heading(p, 1, t, "", None, None, "standalone"))
    if any(h.kind is not None and h.kind.name == "part" for h in out):
        # 第一部分 … above 一、: every other numbered heading sits one level deeper.
        for h in out:
            if h.kind is not None and h.kind.name != "part":
                h.depth = h.level + 1
    else:
        _promote_top(out)
    return out


def _promote_top(headings: list[Heading]) -> None:
    """A report without 一、 whose parts are numbered 1. 2. 3. (or （一）（二）):
    the shallowest numbering in use is its top level (numbering-style reports the
    marker). Applies only when that numbering starts at 1 and runs through at
    least two headings, and no unnumbered line stands above it."""
    numbered = [h for h in headings if h.kind is not None]
    if not numbered or any(h.level == 1 for h in headings):
        return
    top = min(h.level for h in numbered)
    first = [h for h in numbered if h.level == top]
    if len(first) < 2 or first[0].number != 1:
        return
    for h in numbered:
        h.depth = h.level - top + 1
