"""duplicate-paragraph: the same or nearly the same paragraph twice.

Paragraphs are compared without whitespace, punctuation and their number
marker; only those of at least MIN_CHARS characters count (headings, "无" and a
web page's repeated title are shorter), table cells are skipped. Exact
duplicates are found by hashing; near duplicates (rapidfuzz ratio ≥ 90) only
among candidate pairs that share a sampled 3-gram (bottom-k sketch) and have
compatible lengths, so the check stays about linear in the paragraph count.
The later paragraph of a pair gets the finding, naming the earlier one."""

from __future__ import annotations

import heapq
import re
import zlib

from rapidfuzz import fuzz, process

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.language._data import text_paragraphs

RULE = Rule(
    slug="duplicate-paragraph",
    name="段落重复",
    summary="同一段文字出现了两次（或几乎相同）",
    severity="warning",
    points=1,
    max_points=3,
    basis="常见实务（公文应内容简洁、不重复）",
    explanation=(
        "整段重复通常是复制粘贴时留下的：同一项工作在“主要举措”和“下一年度安排”里一字不差地出现，"
        "或者一段话贴了两遍。重复的段落使报告显得拼凑，也说明“下一年度安排”没有针对性。"
        "检查忽略30字以下的短段（标题、“无”等）。"
    ),
    bad=(
        "一、主要举措和成效\n全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理行政处罚案件12件。\n"
        "四、下一年度主要安排\n全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理行政处罚案件12件。"
    ),
    good=(
        "一、主要举措和成效\n全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理行政处罚案件12件。\n"
        "四、下一年度主要安排\n针对执法案卷不规范的问题，2024年6月前完成全部行政执法案卷评查，组织执法人员培训2次。"
    ),
    fix="删除重复的段落，或改写为针对该部分的具体内容。",
)

MIN_CHARS = 30
NEAR = 90
SKETCH = 6  # bottom-k 3-gram hashes per paragraph
MAX_CANDIDATES = 20
MAX_BUCKET = 64
_NOISE = re.compile(r"[\s\W_]+")
# What _NOISE leaves: letters and digits (\w without _). Taking runs of them is
# faster, above all the runs of CJK characters (all letters: a range test).
_WORDS = re.compile(r"[\u4e00-\u9fef]+|[^\W_]+")
_MARKER = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|第[一二三四五六七八九十]{1,3}部分)")


def normalize(text: str) -> str:
    return "".join(_WORDS.findall(_MARKER.sub("", text.strip())))


# Each 3-gram is 12 bytes of the paragraph's UTF-32 encoding: one encode per
# paragraph, then a slice and a CRC-32 per 3-gram, all in C (`map` over builtins).
_WINDOWS = [slice(4 * i, 4 * i + 12) for i in range(2048)]


def _grams(data: bytes, n: int):
    if n <= len(_WINDOWS):
        return map(data.__getitem__, _WINDOWS[:n])
    return (data[4 * i : 4 * i + 12] for i in range(n))


def _sketch(text: str) -> set[int]:
    """The SKETCH smallest CRC-32s of the text's distinct 3-grams (as UTF-32-LE
    bytes). Hashing is most of this rule's time."""
    data = text.encode("utf-32-le")
    return set(heapq.nsmallest(SKETCH, set(map(zlib.crc32, _grams(data, max(len(text) - 2, 0))))))


def _may_have_near(texts: list[str]) -> bool:
    """False when no two distinct texts (of MIN_CHARS or more, compatible
    lengths) can reach a ratio of NEAR. Each text is compared as the low bytes
    of its code points: a common subsequence of two texts is one of their
    byte strings too, so the bytes' ratio is at least the texts' (and, on
    bytes, rapidfuzz takes a few microseconds where the texts' sketches take
    tens). Most reports have no near duplicate and skip the sketches; past
    MAX_CANDIDATES comparisons per text it answers True, keeping it linear."""
    distinct = sorted((t for t in dict.fromkeys(texts) if len(t) >= MIN_CHARS), key=len)
    low = [t.encode("utf-32-le")[::4] for t in distinct]
    budget = MAX_CANDIDATES * len(distinct)
    end = 0
    for i, t in enumerate(distinct):
        end = max(end, i + 1)
        while end < len(distinct) and len(t) * 11 >= len(distinct[end]) * 9:
            end += 1  # the longer texts a ratio of NEAR allows
        budget -= end - i - 1
        if budget < 0:
            return True
        if end > i + 1 and process.extractOne(low[i], low[i + 1 : end], scorer=fuzz.ratio, score_cutoff=NEAR - 1):
            return True
    return False


def duplicate_pairs(texts: list[str]) -> dict[int, tuple[int, float]]:
    """later index → (earlier index, similarity) over normalized texts."""
    if not _may_have_near(texts):
        return _exact_pairs(texts)
    found: dict[int, tuple[int, float]] = {}
    exact: dict[str, int] = {}
    buckets: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        if len(t) < MIN_CHARS:
            continue
        if t in exact:
            found[i] = (exact[t], 100.0)
            continue
        exact[t] = i
        sketch = _sketch(t)
        best = _nearest(t, sketch, texts, buckets)
        if best is not None:
            found[i] = best
        for h in sketch:
            bucket = buckets.setdefault(h, [])
            if len(bucket) < MAX_BUCKET:  # a 3-gram in every paragraph says little
                bucket.append(i)
    return found


def _exact_pairs(texts: list[str]) -> dict[int, tuple[int, float]]:
    found: dict[int, tuple[int, float]] = {}
    first: dict[str, int] = {}
    for i, t in enumerate(texts):
        if len(t) >= MIN_CHARS:
            if t in first:
                found[i] = (first[t], 100.0)
            else:
                first[t] = i
    return found


def _nearest(t: str, sketch: set[int], texts: list[str], buckets: dict[int, list[int]]) -> tuple[int, float] | None:
    shared: dict[int, int] = {}
    for h in sketch:
        for j in buckets.get(h, ()):
            shared[j] = shared.get(j, 0) + 1
    # Near duplicates share most sampled 3-grams; the best few candidates suffice
    # and keep documents of many look-alike paragraphs linear.
    candidates = sorted(shared, key=lambda j: (-shared[j], j))[:MAX_CANDIDATES]
    best = None
    for j in sorted(candidates):
        other = texts[j]
        # ratio = 2·common/(a+b) ≥ 0.9 needs the shorter to be ≥ 0.9/1.1 of the longer.
        if min(len(t), len(other)) * 11 < max(len(t), len(other)) * 9:
            continue
        score = fuzz.ratio(t, other, score_cutoff=NEAR)
        if score and (best is None or score > best[1]):
            best = (j, score)
    return best


@RULE.checker
def check(ctx):
    title = ctx.meta.title
    # A web page prints the title twice; that is chrome, not a duplicate paragraph.
    title_text = normalize(title.text) if title is not None else None
    # A paragraph shorter than MIN_CHARS is never compared: not worth normalizing.
    normalized = [(p, normalize(p.text) if len(p.text) >= MIN_CHARS else "") for p in text_paragraphs(ctx) if not p.in_table]
    paras = [p for p, t in normalized if t != title_text]
    texts = [t for _, t in normalized if t != title_text]
    for later, (earlier, score) in sorted(duplicate_pairs(texts).items()):
        para, first = paras[later], paras[earlier]
        same = "完全相同" if score >= 100 else f"几乎相同（相似度{score:.0f}%）"
        yield RULE.finding(
            para,
            0,
            len(para.text),
            message=f"本段与第{first.index}段{same}",
            suggestion="删除重复的段落，或改写为针对本部分的具体内容。",
            evidence=para.text.strip()[:60],
            duplicate_of=first.index,
        )
