"""Who reports: the township or street (镇/乡/街道) a report is about, read from
its title, signature or body. Reads only the outline."""

from __future__ import annotations

import re

from fazhi.checker.outline import Outline

_NOT_A_NAME = re.compile(r"^(全|我|本|各|该|城|乡|村|一|两|镇)|[我本全各该在和及与的了给对为由把将被向从到按以于是有等治、，。]")
# In the title or signature a name is where a name belongs: 城关镇, 和平镇, 向阳街道, 两河口镇 are real.
_GENERIC = re.compile(r"^(全|我|本|各|该|城|乡|村)(镇|乡)$|[、，。]")


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


def report_entity(outline: Outline, entity_pattern: str) -> str | None:
    """The township/street the report is about: the title or signature first,
    else the name the body uses most."""
    rx = re.compile(entity_pattern)
    for p in (outline.meta.title, outline.meta.signature):
        if p is not None:
            for m in rx.finditer(p.text):
                name = clean_entity(m.group(0), "meta")
                if name:
                    return name
    # Body: the most frequent 2-3 character name before 镇/乡/街道 (longer wins a tie).
    counts: dict[str, int] = {}
    for p in outline.body:
        for m in re.finditer(r"(?=(镇|乡|街道))", p.text):
            for n in (2, 3):
                if m.start() >= n:
                    name = clean_entity(p.text[m.start() - n : m.start()] + m.group(1))
                    if name and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: (counts[k], len(k))) if counts else None
