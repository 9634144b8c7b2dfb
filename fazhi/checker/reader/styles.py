"""styles.xml and theme fonts: effective paragraph and run properties.

Word resolves a property through docDefaults → paragraph style chain (basedOn,
root first) → character style chain → direct formatting; each property on its
own. Resolved styles are cached, so a paragraph costs a dict lookup."""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from fazhi.checker.reader.xmlnames import A, w
from fazhi.limits import current

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_FALSE = {"0", "false", "off", "none"}
_JC_NAMES = {"start": "left", "end": "right", "justify": "both"}


class RunProps(NamedTuple):
    bold: bool = False
    font_east_asia: str | None = None
    font_ascii: str | None = None
    size_pt: float | None = None
    hidden: bool = False


class ParaProps(NamedTuple):
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
    value = el.get(_VAL)
    return value is None or value.lower() not in _FALSE


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return int(float(value))  # "1.5", "240.0" from some generators
        except (ValueError, OverflowError):
            return None


class ThemeFonts:
    """theme1.xml major/minor fonts: `minorEastAsia` → 宋体 etc. `load` returns the
    fonts (see `theme_fonts`); it is called only when a run of the document
    uses a theme font (`fonts_of`)."""

    def __init__(self, load: Callable[[], object] | None = None):
        self._load = load
        self._fonts: dict[str, str] | None = None

    def resolve(self, theme_name: str) -> str:
        """The theme's font, or the theme name itself when the theme is absent."""
        if self._fonts is None:
            self._fonts = (self._load() if self._load else None) or {}
        return self._fonts.get(theme_name, theme_name)

    def fonts_of(self, props: RunProps) -> RunProps:
        """`props` with theme references replaced by the theme's fonts. Done only
        for the properties of runs that reach the document, so a theme that
        every run overrides (docDefaults often names one) is never read."""
        ea, asc = props.font_east_asia, props.font_ascii
        if type(ea) is not ThemeRef and type(asc) is not ThemeRef:
            return props
        if type(ea) is ThemeRef:
            ea = self.resolve(ea.name)
        if type(asc) is ThemeRef:
            asc = self.resolve(asc.name)
        return props._replace(font_east_asia=ea, font_ascii=asc)


class ThemeRef(NamedTuple):
    """A font named by the theme (w:eastAsiaTheme …), resolved late by
    `ThemeFonts.fonts_of`. Never equal to a font name (a plain str)."""

    name: str


_FONT_SECTION = {kind: (b"<a:%sFont>" % kind.encode(), b"</a:%sFont>" % kind.encode()) for kind in ("major", "minor")}
_TYPEFACE = {
    "latin": re.compile(rb'<a:latin\b[^>]*?\btypeface="([^"]*)"'),
    "ea": re.compile(rb'<a:ea\b[^>]*?\btypeface="([^"]*)"'),
    "hans": re.compile(rb'<a:font\b[^>]*?\bscript="Hans"[^>]*?\btypeface="([^"]*)"'),
}


def theme_fonts_from_bytes(data: bytes) -> dict[str, str] | None:
    """The font scheme read straight from the usual serialisation (a few
    microseconds instead of parsing the theme); None when it is not usual."""
    fonts: dict[str, str] = {}
    for kind, (open_tag, close_tag) in _FONT_SECTION.items():
        start = data.find(open_tag)
        end = data.find(close_tag, start)
        if start < 0 or end < 0:
            return None
        section = data[start:end]
        found = {k: rx.search(section) for k, rx in _TYPEFACE.items()}
        if found["latin"] and found["latin"].group(1):
            fonts[f"{kind}Ascii"] = fonts[f"{kind}HAnsi"] = _xml_unescape(found["latin"].group(1))
        ea = found["ea"].group(1) if found["ea"] else b""
        ea = ea or (found["hans"].group(1) if found["hans"] else b"")
        if ea:
            fonts[f"{kind}EastAsia"] = _xml_unescape(ea)
    return fonts


def theme_fonts(root) -> dict[str, str]:
    """The font scheme from a parsed theme part."""
    fonts: dict[str, str] = {}
    if root is None:
        return fonts
    for kind in ("major", "minor"):
        font = root.find(f".//{{{A}}}{kind}Font")
        if font is None:
            continue
        latin = font.find(f"{{{A}}}latin")
        ea = font.find(f"{{{A}}}ea")
        hans = font.find(f"{{{A}}}font[@script='Hans']")
        if latin is not None and latin.get("typeface"):
            fonts[f"{kind}Ascii"] = fonts[f"{kind}HAnsi"] = latin.get("typeface")
        ea_face = ea.get("typeface") if ea is not None else ""
        if not ea_face and hans is not None:
            ea_face = hans.get("typeface", "")
        if ea_face:
            fonts[f"{kind}EastAsia"] = ea_face
    return fonts


def rpr_settings(rpr) -> tuple:
    """(rStyle, bold, east-asian font, ascii font, size, hidden) set by one <w:rPr>;
    None where it sets nothing. Theme fonts are `ThemeRef`s."""
    style = bold = ea = asc = size = hidden = None
    for c in rpr:
        tag = c.tag
        if tag == _RFONTS:
            ea_theme = c.get(_EA_THEME)
            ea = (ThemeRef(ea_theme) if ea_theme else c.get(_EA)) or ea
            ascii_theme = c.get(_ASCII_THEME)
            asc = (ThemeRef(ascii_theme) if ascii_theme else c.get(_ASCII)) or asc
        elif tag == _SZ:
            half = _int(c.get(_VAL))
            if half is not None and 0 < half < 10000:
                size = half / 2
        elif tag == _B:
            bold = on(c)
        elif tag == _RSTYLE:
            style = c.get(_VAL)
        elif tag == _VANISH:
            hidden = on(c)
    return style, bold, ea, asc, size, hidden


def merge_run(base: RunProps, settings: tuple) -> RunProps:
    _, bold, ea, asc, size, hidden = settings
    if bold is None and ea is None and asc is None and size is None and hidden is None:
        return base
    return RunProps(
        base.bold if bold is None else bold,
        base.font_east_asia if ea is None else ea,
        base.font_ascii if asc is None else asc,
        base.size_pt if size is None else size,
        base.hidden if hidden is None else hidden,
    )


def apply_rpr(base: RunProps, rpr) -> RunProps:
    """`base` with one <w:rPr>'s settings applied (its rStyle is the caller's business)."""
    return base if rpr is None else merge_run(base, rpr_settings(rpr))


def apply_ppr(base: ParaProps, ppr) -> ParaProps:
    """`base` with one <w:pPr>'s paragraph settings applied (not its run mark)."""
    if ppr is None:
        return base
    changes = ppr_settings(ppr)[2]
    return base._replace(**changes) if changes else base


def ppr_settings(ppr) -> tuple:
    """(pStyle, sectPr element, {field: value}) set by one <w:pPr>."""
    style = sect = None
    changes: dict = {}
    for c in ppr:
        tag = c.tag
        if tag == _PSTYLE:
            style = c.get(_VAL)
        elif tag == _SECT_PR:
            sect = c
        elif tag == _NUMPR:
            num = next(c.iterchildren(_NUMID), None)
            lvl = next(c.iterchildren(_ILVL), None)
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
    return style, sect, changes


class Styles:
    """styles.xml with cached resolution. `source` gives style elements by id
    (parsed on demand: a template's styles.xml can be 20 times the document)."""

    def __init__(self, source: StyleSource | None = None, theme: ThemeFonts | None = None):
        self.theme = theme or ThemeFonts()
        self.source = source or StyleSource(None)
        self.default_para = self.source.default_paragraph_style()
        self._para_cache: dict[str | None, ParaProps] = {}
        self._char_cache: dict[tuple, RunProps] = {}
        self._chain_cache: dict[str | None, list] = {}
        self._resolved_cache: dict[str | None, ParaProps] = {}  # style id → props after its chain
        defaults_rpr, defaults_ppr = self.source.defaults()
        self.base_run = apply_rpr(RunProps(), defaults_rpr)
        self.base_para = apply_ppr(ParaProps(run=self.base_run), defaults_ppr)

    def get(self, style_id: str | None):
        return self.source.get(style_id) if style_id else None

    def chain(self, style_id: str | None) -> list:
        """The style and its basedOn ancestors, root first (cycles cut). Deeper
        than the budget's `style_depth` is refused: real chains are under 10."""
        cached = self._chain_cache.get(style_id)
        if cached is not None:
            return cached
        out, seen = [], set()
        sid = style_id
        limit = current().limits.style_depth
        while sid and sid not in seen:
            s = self.get(sid)
            if s is None:
                break
            seen.add(sid)
            out.append(s)
            if len(out) > limit:
                raise current().refuse("style_depth", f"样式“{style_id}”")
            based = s.find(_BASED_ON)
            sid = based.get(_VAL) if based is not None else None
        out.reverse()
        self._chain_cache[style_id] = out
        return out

    def name(self, style_id: str | None) -> str | None:
        s = self.get(style_id)
        if s is None:
            return None
        n = s.find(_NAME)
        return n.get(_VAL) if n is not None else style_id

    def paragraph(self, style_id: str | None) -> ParaProps:
        """Effective properties of a paragraph style (None → the default one)."""
        cached = self._para_cache.get(style_id)
        if cached is not None:
            return cached
        sid = style_id if self.get(style_id) is not None else self.default_para
        props = self._resolved(sid)._replace(style_id=sid, style_name=self.name(sid))
        self._para_cache[style_id] = props
        return props

    def _resolved(self, sid: str | None) -> ParaProps:
        """docDefaults + the basedOn chain of `sid`, root first; every style on the
        way is memoised, so a document whose paragraphs use all the styles of a
        long chain costs one pass over the chain, not one per style."""
        chain = self.chain(sid)
        props, start = self.base_para, 0
        for i in range(len(chain) - 1, -1, -1):
            hit = self._resolved_cache.get(chain[i].get(_STYLE_ID))
            if hit is not None:
                props, start = hit, i + 1
                break
        for s in chain[start:]:
            name_level = heading_level(self.name(s.get(_STYLE_ID)))
            if name_level is not None:
                props = props._replace(outline_level=name_level)
            props = apply_ppr(props, s.find(_PPR))
            props = props._replace(run=apply_rpr(props.run, s.find(_RPR)))
            self._resolved_cache[s.get(_STYLE_ID)] = props
        return props

    def run(self, para_run: RunProps, char_style: str | None) -> RunProps:
        """Run properties of a paragraph style with a character style on top."""
        key = (para_run, char_style)
        cached = self._char_cache.get(key)
        if cached is not None:
            return cached
        props = para_run
        for s in self.chain(char_style):
            props = apply_rpr(props, s.find(_RPR))
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


_B, _RFONTS, _SZ, _VANISH, _RSTYLE = w("b"), w("rFonts"), w("sz"), w("vanish"), w("rStyle")
_VAL = w("val")
_EA, _EA_THEME, _ASCII, _ASCII_THEME = w("eastAsia"), w("eastAsiaTheme"), w("ascii"), w("asciiTheme")
_NUMPR, _NUMID, _ILVL = w("numPr"), w("numId"), w("ilvl")
_OUTLINE, _JC, _SPACING, _IND = w("outlineLvl"), w("jc"), w("spacing"), w("ind")
_LINE, _LINE_RULE = w("line"), w("lineRule")
_FIRST_LINE_CHARS, _HANGING_CHARS, _FIRST_LINE, _HANGING = w("firstLineChars"), w("hangingChars"), w("firstLine"), w("hanging")
_STYLE, _STYLE_ID, _DEFAULT, _TYPE = w("style"), w("styleId"), w("default"), w("type")
_BASED_ON, _NAME = w("basedOn"), w("name")
_DOC_DEFAULTS, _RPR_DEFAULT, _PPR_DEFAULT = w("docDefaults"), w("rPrDefault"), w("pPrDefault")
_RPR, _PPR, _PSTYLE, _SECT_PR = w("rPr"), w("pPr"), w("pStyle"), w("sectPr")


class StyleSource:
    """Style elements of styles.xml by id, parsed on demand.

    Word and python-docx templates carry 100-300 KB of style definitions of
    which a report uses a handful near the top; decompressing and parsing them
    all costs more than reading the document. So styles.xml is decompressed
    only as far as needed and one <w:style> at a time is cut out and parsed.
    This relies on the usual serialisation (prefix `w:`, double quotes, styles
    never nested); anything else falls back to parsing the whole part."""

    def __init__(self, chunks=None, parse: Callable[[bytes], object] | None = None):
        self._chunks = iter(chunks) if chunks is not None else iter(())
        self._parse = parse
        self._data = bytearray()  # grows by chunks (bytes += would copy it every time)
        self._done = False
        self._cache: dict[str, object | None] = {}
        self._index: dict[bytes, int] = {}  # escaped style id → position of its styleId attribute
        self._indexed = 0  # styleId attributes before this position are in the index
        self._full: dict[str, object] | None = None
        self._root = None
        self._root_open = b""
        start = self._find(b"<w:styles")
        end = self._find(b">", start) if start >= 0 else -1
        prolog = self._data[: max(start, 0)]
        if start < 0 or end < 0 or self._data[end - 1 : end] == b"/" or b"<!DOCTYPE" in prolog.upper():
            self._load_all()
        else:
            self._root_open = self._data[start : end + 1]

    def _more(self) -> bool:
        if self._done:
            return False
        chunk = next(self._chunks, None)
        if chunk is None:
            self._done = True
            return False
        self._data += chunk
        return True

    def _find(self, key: bytes, start: int = 0) -> int:
        """Position of `key` at or after `start`, decompressing more as needed."""
        searched = start
        while True:
            pos = self._data.find(key, searched)
            if pos >= 0:
                return pos
            searched = max(start, len(self._data) - len(key))
            if not self._more():
                return -1

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close:
            close()

    def _load_all(self) -> None:
        while self._more():
            pass
        self._full = {}
        if not self._data.strip() or self._parse is None:
            return
        self._root = self._parse(bytes(self._data))
        for s in self._root.iter(_STYLE):
            sid = s.get(_STYLE_ID)
            if sid is not None:
                self._full.setdefault(sid, s)
        current().count("styles", len(self._full))

    def _element(self, start: int, end: int):
        wrapped = bytes(self._root_open + self._data[start:end] + b"</w:styles>")
        root = self._parse(wrapped)
        return root[0] if len(root) else None

    def _cut(self, key_pos: int, tag: bytes):
        """The element <w:`tag` …> around `key_pos` (an attribute inside its start tag)."""
        start = self._data.rfind(b"<w:" + tag, 0, key_pos)
        close = self._find(b">", key_pos)
        if start < 0 or close < 0:
            return None
        if self._data[close - 1 : close] == b"/":
            return self._element(start, close + 1)
        end_tag = b"</w:" + tag + b">"
        end = self._find(end_tag, close)
        return self._element(start, end + len(end_tag)) if end >= 0 else None

    def get(self, style_id: str):
        if self._full is not None:
            return self._full.get(style_id)
        if style_id not in self._cache:
            pos = self._position(_xml_attr(style_id))
            self._cache[style_id] = self._cut(pos, b"style") if pos >= 0 else None
        return self._cache[style_id]

    def _position(self, key: bytes) -> int:
        """Where style `key` (escaped) is defined, or -1. Every styleId passed on
        the way is indexed, so the part is scanned once however many ids are
        looked up (10,000 unknown ids cost one pass, not 10,000)."""
        while True:
            pos = self._index.get(key)
            if pos is not None:
                return pos
            end = self._indexed
            for m in _STYLE_ID_RE.finditer(self._data, self._indexed):
                self._index.setdefault(m.group(1), m.start())
                end = m.end()
            open_attr = self._data.find(b'w:styleId="', end)  # an attribute cut by the chunk boundary
            self._indexed = open_attr if open_attr >= 0 else max(end, len(self._data) - 10)
            current().count("styles", len(self._index))
            if key in self._index:
                return self._index[key]
            if not self._more():
                return -1

    def defaults(self):
        """(docDefaults rPr, docDefaults pPr) elements, either may be None."""
        if self._full is not None:
            dd = self._root.find(_DOC_DEFAULTS) if self._root is not None else None
        else:
            start = self._find(b"<w:docDefaults")
            end = self._find(b"</w:docDefaults>", start) if start >= 0 else -1
            dd = self._element(start, end + len(b"</w:docDefaults>")) if end >= 0 else None
        if dd is None:
            return None, None
        return dd.find(f"{_RPR_DEFAULT}/{_RPR}"), dd.find(f"{_PPR_DEFAULT}/{_PPR}")

    def default_paragraph_style(self) -> str | None:
        """The paragraph style marked w:default="1" (Normal / 正文)."""
        if self._full is not None:
            for sid, s in self._full.items():
                if s.get(_TYPE) == "paragraph" and on_attr(s.get(_DEFAULT)):
                    return sid
            return None
        pos = -1
        while (pos := self._find(b'w:default="1"', pos + 1)) >= 0:
            start = self._data.rfind(b"<w:style ", 0, pos)
            close = self._find(b">", pos)
            tag = self._data[start : close + 1] if start >= 0 and close >= 0 else b""
            if b'w:type="paragraph"' in tag:
                m = _STYLE_ID_RE.search(tag)
                if m:
                    return _xml_unescape(m.group(1))
        return None


_STYLE_ID_RE = re.compile(rb'w:styleId="([^"]*)"')


def _xml_attr(value: str) -> bytes:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _xml_unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    if "&" not in text:
        return text
    from xml.sax.saxutils import unescape

    return unescape(text, {"&quot;": '"', "&apos;": "'"})
