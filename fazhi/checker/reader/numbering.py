"""Word automatic numbering (numbering.xml) rendered as the marker a person sees.

Counters follow Word: w:num instances that share an abstractNum continue one
list unless the instance overrides a start (w:lvlOverride/w:startOverride);
a level restarts when a higher level is used (or as w:lvlRestart says)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.checker.reader.xmlnames import w
from fazhi.limits import current

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_CN_CIRCLED = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LEVELS = 9


def chinese_number(n: int, digits: str = "〇一二三四五六七八九", units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百〇五 (Word's chineseCounting)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    out, zero = [], False
    s = str(n)
    for i, ch in enumerate(s):
        d, pos = int(ch), len(s) - 1 - i
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if not (d == 1 and pos == 1 and not out):  # 十一, not 一十一
            out.append(digits[d])
        if pos:
            out.append(units[pos - 1])
    return "".join(out)


def _letters(n: int, upper: bool) -> str:
    """Word: a … z, aa … zz, aaa …"""
    if n <= 0 or n > 26 * 40:
        return str(n)
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _table(table: str, n: int) -> str:
    return table[n - 1] if 0 < n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt. A negative value (w:start may be negative)
    is shown in decimal, as no digit table has a minus sign."""
    if n < 0 and fmt not in ("none", "bullet"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table(_FULLSTOP, n)
    if fmt == "ideographEnclosedCircle":
        return _table(_CN_CIRCLED, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None → "%<n>."
    restart: int | None = None  # w:lvlRestart; None = after any higher level
    legal: bool = False  # w:isLgl: referenced levels shown as decimal


def _parse_level(el) -> Level:
    level = Level()
    for c in el:
        tag, val = c.tag, c.get(_VAL)
        if tag == _START:
            level.start = _int(val, 1)
        elif tag == _NUMFMT:
            level.fmt = val or "decimal"
        elif tag == _LVLTEXT:
            level.text = val if val is not None else ""
        elif tag == _LVLRESTART:
            level.restart = _int(val, None)
        elif tag == _ISLGL:
            level.legal = val is None or val.lower() not in ("0", "false", "off")
    return level


_MAX_START = 32767  # Word's own limit; keeps letter/roman markers small on hostile input


def _int(value: str | None, default):
    try:
        return max(-_MAX_START, min(_MAX_START, int(value))) if value is not None else default
    except ValueError:
        return default


def _levels(el) -> dict[int, Level]:
    out = {}
    for lvl in el.iter(_LVL):
        i = _int(lvl.get(_ILVL), None)
        if i is not None and 0 <= i < _MAX_LEVELS:
            out.setdefault(i, _parse_level(lvl))
    return out


@dataclass(slots=True)
class Instance:
    """One w:num: its abstractNum's levels with overrides applied."""

    key: tuple  # counter state shared by instances with the same key
    levels: dict[int, Level]
    starts: dict[int, int]  # effective start per level (startOverride wins)


class Numbering:
    def __init__(self, root=None, styles=None):
        self._abstract: dict[str, object] = {}
        self._nums: dict[str, object] = {}
        self._instances: dict[str, Instance | None] = {}
        self._counters: dict[tuple, list[int | None]] = {}
        self._styles = styles
        if root is None:
            return
        current().count("numbering_levels", sum(1 for _ in root.iter(_LVL)))
        for el in root.iter(_ABSTRACT):
            self._abstract.setdefault(el.get(_ABSTRACT_ID), el)
        for el in root.iter(_NUM):
            self._nums.setdefault(el.get(_NUM_ID), el)

    def _abstract_for(self, num_id: str, depth: int = 0):
        """abstractNum of a num, following w:numStyleLink to the numbering style."""
        num = self._nums.get(num_id)
        ref = num.find(_ABSTRACT_REF) if num is not None else None
        abstract = self._abstract.get(ref.get(_VAL)) if ref is not None else None
        if abstract is None:
            return None, None
        link = abstract.find(_NUM_STYLE_LINK)
        if link is not None and self._styles is not None and depth < 3:
            linked = self._styles.numbering_style_num_id(link.get(_VAL))
            if linked and linked != num_id:
                found, _ = self._abstract_for(linked, depth + 1)
                if found is not None:
                    return found, ref.get(_VAL)
        return abstract, ref.get(_VAL)

    def instance(self, num_id: str) -> Instance | None:
        if num_id in self._instances:
            return self._instances[num_id]
        abstract, abstract_id = self._abstract_for(num_id)
        inst = None
        if abstract is not None:
            levels = _levels(abstract)
            starts = {i: lv.start for i, lv in levels.items()}
            overridden = False
            for ov in self._nums[num_id].iter(_LVL_OVERRIDE):
                i = _int(ov.get(_ILVL), None)
                if i is None or not 0 <= i < _MAX_LEVELS:
                    continue
                lvl = ov.find(_LVL)
                if lvl is not None:
                    levels[i] = _parse_level(lvl)
                    starts[i] = levels[i].start
                    overridden = True
                so = ov.find(_START_OVERRIDE)
                if so is not None:
                    starts[i] = _int(so.get(_VAL), starts.get(i, 1))
                    overridden = True
            key = ("num", num_id) if overridden else ("abstract", abstract_id)
            inst = Instance(key, levels, starts)
        self._instances[num_id] = inst
        return inst

    def next_marker(self, num_id: str | None, ilvl: int | None) -> str:
        """Advance the list and return the marker text of this paragraph ("" if none)."""
        if not num_id or num_id == "0":
            return ""
        inst = self.instance(num_id)
        ilvl = ilvl if ilvl is not None and 0 <= ilvl < _MAX_LEVELS else 0
        if inst is None or ilvl not in inst.levels:
            return ""
        counters = self._counters.setdefault(inst.key, [None] * _MAX_LEVELS)
        current = counters[ilvl]
        counters[ilvl] = inst.starts.get(ilvl, 1) if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            lv = inst.levels.get(deeper)
            restart = lv.restart if lv is not None and lv.restart is not None else deeper
            if ilvl < restart:
                counters[deeper] = None
        return self._render(inst, ilvl, counters)

    def _render(self, inst: Instance, ilvl: int, counters: list[int | None]) -> str:
        level = inst.levels[ilvl]
        template = level.text if level.text is not None else f"%{ilvl + 1}."
        if level.fmt == "bullet":
            return "".join(ch for ch in template if not 0xE000 <= ord(ch) <= 0xF8FF)

        def value(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            lv = inst.levels.get(i)
            if lv is None:
                return ""
            n = counters[i] if counters[i] is not None else inst.starts.get(i, lv.start)
            return format_number(n, "decimal" if level.legal and lv.fmt != "none" else lv.fmt)

        return _PLACEHOLDER.sub(value, template)


_VAL, _START, _NUMFMT, _LVLTEXT, _LVLRESTART, _ISLGL = w("val"), w("start"), w("numFmt"), w("lvlText"), w("lvlRestart"), w("isLgl")
_LVL, _ILVL, _ABSTRACT, _ABSTRACT_ID = w("lvl"), w("ilvl"), w("abstractNum"), w("abstractNumId")
_NUM, _NUM_ID, _ABSTRACT_REF, _NUM_STYLE_LINK = w("num"), w("numId"), w("abstractNumId"), w("numStyleLink")
_LVL_OVERRIDE, _START_OVERRIDE = w("lvlOverride"), w("startOverride")
