"""styles.xml and theme fonts: effective paragraph and run properties.

Word resolves a property through docDefaults → paragraph style chain (basedOn,
root first) → character style chain → direct formatting; each property on its
own. Resolved styles are cached, so a paragraph costs a dict lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from fazhi.checker.reader.xmlnames import A, w

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_FALSE = {"0", "false", "off", "none"}
_JC_NAMES = {"start": "left", "end": "right", "justify": "both"}


@dataclass(frozen=True, slots=True)
class RunProps:
    bold: bool = False
    font_east_asia: str | None = None
    font_ascii: str | None = None
    size_pt: float | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class ParaProps:
    style_id: str | None = None
    style_name: str | None = None
    outline_level: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    alignment: str | None = None
    line: int | None = None  # w:spacing w:line
    line_rule: str | None = None
    first_line_chars: int | None = None  # hundredths of a character
    first_line_twips: int | None = None
    run: RunProps = RunProps()


def on(el) -> bool:
    """A toggle like <w:b/>, <w:b w:val="0"/>."""
    return el.get(w("val"), "1").lower() not in _FALSE


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


class ThemeFonts:
    """theme1.xml major/minor fonts: `minorEastAsia` → 宋体 etc."""

    def __init__(self, root=None):
        self.fonts: dict[str, str] = {}
        if root is None:
            return
        for kind in ("major", "minor"):
            font = root.find(f".//{{{A}}}{kind}Font")
            if font is None:
                continue
            latin = font.find(f"{{{A}}}latin")
            ea = font.find(f"{{{A}}}ea")
            hans = font.find(f"{{{A}}}font[@script='Hans']")
            if latin is not None and latin.get("typeface"):
                self.fonts[f"{kind}Ascii"] = self.fonts[f"{kind}HAnsi"] = latin.get("typeface")
            ea_face = ea.get("typeface") if ea is not None else ""
            if not ea_face and hans is not None:
                ea_face = hans.get("typeface", "")
            if ea_face:
                self.fonts[f"{kind}EastAsia"] = ea_face

    def resolve(self, theme_name: str) -> str:
        """The theme's font, or the theme name itself when the theme is absent."""
        return self.fonts.get(theme_name, theme_name)


def apply_rpr(base: RunProps, rpr, theme: ThemeFonts) -> RunProps:
    """`base` with one <w:rPr>'s settings applied."""
    if rpr is None:
        return base
    changes = {}
    for c in rpr:
        tag = c.tag
        if tag == _B:
            changes["bold"] = on(c)
        elif tag == _RFONTS:
            ea_theme = c.get(_EA_THEME)
            ea = theme.resolve(ea_theme) if ea_theme else c.get(_EA)
            if ea:
                changes["font_east_asia"] = ea
            ascii_theme = c.get(_ASCII_THEME)
            asc = theme.resolve(ascii_theme) if ascii_theme else c.get(_ASCII)
            if asc:
                changes["font_ascii"] = asc
        elif tag == _SZ:
            half = _int(c.get(_VAL))
            if half is not None and 0 < half < 10000:
                changes["size_pt"] = half / 2
        elif tag == _VANISH:
            changes["hidden"] = on(c)
    return replace(base, **changes) if changes else base


def apply_ppr(base: ParaProps, ppr) -> ParaProps:
    """`base` with one <w:pPr>'s paragraph settings applied (not its run mark)."""
    if ppr is None:
        return base
    changes = {}
    for c in ppr:
        tag = c.tag
        if tag == _NUMPR:
            num = c.find(_NUMID)
            lvl = c.find(_ILVL)
            if num is not None:
                changes["num_id"] = num.get(_VAL)
            if lvl is not None:
                changes["ilvl"] = _int(lvl.get(_VAL))
        elif tag == _OUTLINE:
            level = _int(c.get(_VAL))
            changes["outline_level"] = level if level is not None and 0 <= level <= 8 else None
        elif tag == _JC:
            val = c.get(_VAL)
            changes["alignment"] = _JC_NAMES.get(val, val)
        elif tag == _SPACING:
            line = _int(c.get(_LINE))
            if line is not None:
                changes["line"] = line
                changes["line_rule"] = c.get(_LINE_RULE, "auto")
        elif tag == _IND:
            chars = _int(c.get(_FIRST_LINE_CHARS))
            hanging_chars = _int(c.get(_HANGING_CHARS))
            if chars is not None:
                changes["first_line_chars"] = chars
            elif hanging_chars is not None:
                changes["first_line_chars"] = -hanging_chars
            first = _int(c.get(_FIRST_LINE))
            hanging = _int(c.get(_HANGING))
            if first is not None:
                changes["first_line_twips"] = first
            elif hanging is not None:
                changes["first_line_twips"] = -hanging
    return replace(base, **changes) if changes else base


class Styles:
    """Parsed styles.xml with cached resolution."""

    def __init__(self, root=None, theme: ThemeFonts | None = None):
        self.theme = theme or ThemeFonts()
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self._para_cache: dict[str | None, ParaProps] = {}
        self._char_cache: dict[tuple, RunProps] = {}
        defaults_ppr = defaults_rpr = None
        if root is not None:
            for s in root.iter(_STYLE):
                sid = s.get(_STYLE_ID)
                if sid is None:
                    continue
                self.by_id.setdefault(sid, s)
                if on_attr(s.get(_DEFAULT)):
                    if s.get(_TYPE) == "paragraph":
                        self.default_para = self.default_para or sid
                    elif s.get(_TYPE) == "character":
                        self.default_char = self.default_char or sid
            dd = root.find(_DOC_DEFAULTS)
            if dd is not None:
                defaults_rpr = dd.find(f"{_RPR_DEFAULT}/{_RPR}")
                defaults_ppr = dd.find(f"{_PPR_DEFAULT}/{_PPR}")
        self.base_run = apply_rpr(RunProps(), defaults_rpr, self.theme)
        self.base_para = apply_ppr(ParaProps(run=self.base_run), defaults_ppr)

    def chain(self, style_id: str | None) -> list:
        """The style and its basedOn ancestors, root first (cycles cut)."""
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            s = self.by_id[style_id]
            out.append(s)
            based = s.find(_BASED_ON)
            style_id = based.get(_VAL) if based is not None else None
        out.reverse()
        return out

    def name(self, style_id: str | None) -> str | None:
        s = self.by_id.get(style_id) if style_id else None
        if s is None:
            return None
        n = s.find(_NAME)
        return n.get(_VAL) if n is not None else style_id

    def paragraph(self, style_id: str | None) -> ParaProps:
        """Effective properties of a paragraph style (None → the default one)."""
        cached = self._para_cache.get(style_id)
        if cached is not None:
            return cached
        sid = style_id if style_id in self.by_id else self.default_para
        props = self.base_para
        for s in self.chain(sid):
            name_level = heading_level(self.name(s.get(_STYLE_ID)))
            if name_level is not None:
                props = replace(props, outline_level=name_level)
            props = apply_ppr(props, s.find(_PPR))
            props = replace(props, run=apply_rpr(props.run, s.find(_RPR), self.theme))
        props = replace(props, style_id=sid, style_name=self.name(sid))
        self._para_cache[style_id] = props
        return props

    def run(self, para_run: RunProps, char_style: str | None) -> RunProps:
        """Run properties of a paragraph style with a character style on top."""
        key = (para_run, char_style)
        cached = self._char_cache.get(key)
        if cached is not None:
            return cached
        props = para_run
        for s in self.chain(char_style):
            props = apply_rpr(props, s.find(_RPR), self.theme)
        self._char_cache[key] = props
        return props

    def numbering_style_num_id(self, style_id: str) -> str | None:
        """numId of a numbering style (for w:numStyleLink)."""
        for s in reversed(self.chain(style_id)):
            num = s.find(f"{_PPR}/{_NUMPR}/{_NUMID}")
            if num is not None:
                return num.get(_VAL)
        return None


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE


def heading_level(name: str | None) -> int | None:
    """Built-in "heading 1".."heading 9" (and the localised "标题 1") → 0..8."""
    if not name:
        return None
    m = _HEADING_NAME.match(name.strip())
    return int(m.group(1)) - 1 if m else None


_B, _RFONTS, _SZ, _VANISH = w("b"), w("rFonts"), w("sz"), w("vanish")
_VAL = w("val")
_EA, _EA_THEME, _ASCII, _ASCII_THEME = w("eastAsia"), w("eastAsiaTheme"), w("ascii"), w("asciiTheme")
_NUMPR, _NUMID, _ILVL = w("numPr"), w("numId"), w("ilvl")
_OUTLINE, _JC, _SPACING, _IND = w("outlineLvl"), w("jc"), w("spacing"), w("ind")
_LINE, _LINE_RULE = w("line"), w("lineRule")
_FIRST_LINE_CHARS, _HANGING_CHARS, _FIRST_LINE, _HANGING = w("firstLineChars"), w("hangingChars"), w("firstLine"), w("hanging")
_STYLE, _STYLE_ID, _DEFAULT, _TYPE = w("style"), w("styleId"), w("default"), w("type")
_BASED_ON, _NAME = w("basedOn"), w("name")
_DOC_DEFAULTS, _RPR_DEFAULT, _PPR_DEFAULT = w("docDefaults"), w("rPrDefault"), w("pPrDefault")
_RPR, _PPR = w("rPr"), w("pPr")
