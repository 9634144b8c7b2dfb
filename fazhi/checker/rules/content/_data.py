"""Data and text helpers shared by the content rules.

`content_data(ctx)` is fazhi/data/content.yaml merged with the files the
profile lists under `data: {content: [...]}`; `part_text(...)` gives the
paragraphs a content rule reads for one part."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from fazhi.checker.rules._prefilter import prefilter
from fazhi.errors import ProfileError
from fazhi.schema.datafiles import paths, read_mapping

if TYPE_CHECKING:
    from fazhi.checker.context import Context
    from fazhi.checker.model import Paragraph
    from fazhi.checker.parts import PartResult
    from fazhi.schema.models import Profile


def _merge(base: dict, extra: dict) -> dict:
    """Lists are appended, mappings merged, scalars replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


@lru_cache(maxsize=16)
def _content(files: tuple[str, ...]) -> dict:
    data: dict = {}
    for p in files:
        data = _merge(data, read_mapping(p, "content"))
    return data


def content(profile: "Profile") -> dict:
    """fazhi/data/content.yaml merged with the profile's `data: {content: [...]}` files."""
    return _content(paths(profile, "content"))


def content_data(ctx: "Context") -> dict:
    return content(ctx.profile)


@lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ProfileError(f"内容规则数据中的正则表达式无效 {pattern!r}：{exc}") from None


def matches(patterns: list[str], text: str) -> list[re.Match]:
    return [m for p in patterns for m in prefilter(compiled(p)).finditer(text)]


def distinct_matches(patterns: list[str], text: str) -> list[str]:
    """Matched strings, overlapping matches counted once (the longer wins)."""
    found = sorted(matches(patterns, text), key=lambda m: (m.start(), -m.end()))
    out, end = [], -1
    for m in found:
        if m.start() >= end:
            out.append(m.group(0))
            end = m.end()
    return out


def first_match(patterns: list[str], text: str) -> re.Match | None:
    for p in patterns:
        rx = prefilter(compiled(p))  # a cue whose words are not in the text costs one `in`
        m = rx.pattern.search(text) if rx.may_match(text) else None
        if m:
            return m
    return None


def split_areas(areas: list[dict], text: str) -> tuple[list[str], list[str]]:
    """Names of the areas (each with `name` and `cues`) the text touches, and of the rest."""
    covered: list[str] = []
    missing: list[str] = []
    for area in areas:
        (covered if first_match(area["cues"], text) else missing).append(area["name"])
    return covered, missing


def content_text(part: "PartResult", para: "Paragraph") -> str:
    """A paragraph's text without the part's own heading words (which repeat the
    statutory name, e.g. "存在的不足和原因", and prove nothing about the content)."""
    text = para.text
    heading = part.heading
    if heading is not None and para.index == heading.index:
        start = text.find(heading.title)
        if start != -1:
            return text[start + len(heading.title) :]
    return text


def following_paragraphs(ctx: "Context", anchors: list["Paragraph"], limit: int) -> list["Paragraph"]:
    """`anchors` plus up to `limit` body paragraphs after each, stopping at a
    top-level heading: an inline part's cue paragraph ("下一步，我镇将重点做好
    以下工作：") is often followed by its items."""
    body = ctx.body
    position = {p.index: i for i, p in enumerate(body)}
    tops = {h.index for h in ctx.outline.top}
    picked: dict[int, "Paragraph"] = {}
    for anchor in anchors:
        picked[anchor.index] = anchor
        i = position.get(anchor.index)
        if i is None:
            continue
        for p in body[i + 1 : i + 1 + limit]:
            if p.index in tops:
                break
            picked[p.index] = p
    return [picked[i] for i in sorted(picked)]


def anchor_span(part: "PartResult") -> tuple["Paragraph", int, int]:
    """Where a part-level finding points: the heading (or first cue) paragraph,
    from its first non-space character to the end of its heading words."""
    para = part.anchor
    assert para is not None, "only found parts have an anchor"
    text = para.text
    start = len(text) - len(text.lstrip())
    if part.heading is not None:
        at = text.find(part.heading.title)
        end = at + len(part.heading.title) if at != -1 else len(text.rstrip())
    else:
        cut = re.search(r"[。；]", text[start:])
        end = start + cut.start() if cut else len(text.rstrip())
    return para, start, max(end, start + 1)
