""".docx → Document, with lxml directly on the zip (python-docx is far slower).

One walk over the body in document order: paragraphs (also inside tables,
content controls, tracked insertions), effective run properties, automatic
numbering markers, section page setups. Headers, footers, notes, comments and
text boxes are not part of the body."""

from __future__ import annotations

import posixpath
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from fazhi.checker.model import Document, Notice, PageSetup, Paragraph, Run
from fazhi.checker.reader.fields import FieldStack
from fazhi.checker.reader.numbering import Numbering
from fazhi.checker.reader.safety import RESAVE, SafeZip, parse_xml, refuse_doctype as _refuse_doctype
from fazhi.checker.reader.styles import ParaProps, RunProps, StyleSource, Styles, ThemeFonts, merge_run, ppr_settings, rpr_settings, theme_fonts, theme_fonts_from_bytes
from fazhi.checker.reader.xmlnames import MC, REL, W_STRICT, w
from fazhi.errors import InputError
from fazhi.limits import Budget, current

_TWIPS_PER_MM = 1440 / 25.4
_OFFICE_DOC = "/officeDocument"


def read_docx(path: Path) -> Document:
    with SafeZip(path) as z:
        main = _main_part(z)
        root = parse_xml(z.read(main), path, main)
        _check_root(root, path, main)
        rels = _relationships(z, main, path)
        theme = ThemeFonts(lambda: _theme_fonts(z, rels.get("theme"), path))
        styles = Styles(_style_source(z, rels.get("styles"), path), theme)
        numbering_part = rels.get("numbering")
        numbering = _LazyNumbering(lambda: Numbering(_optional(z, numbering_part, path), styles))
        walker = _BodyWalker(styles, numbering, current())
        body = root.find(_BODY)
        if body is None:
            raise InputError(str(path), f"文件已损坏（“{main}”没有正文 w:body）；{RESAVE}")
        walker.walk_blocks(body, in_table=False)
        styles.source.close()
    return Document(
        path=str(path),
        kind="docx",
        paragraphs=walker.paragraphs,
        sections=walker.sections,
        notices=walker.notices(),
        has_layout=True,
    )


# --- package parts -----------------------------------------------------------------


def _main_part(z: SafeZip) -> str:
    """The officeDocument target of _rels/.rels; word/document.xml by default."""
    if z.has("_rels/.rels"):
        try:
            rels = parse_xml(z.read("_rels/.rels"), z.path, "_rels/.rels")
            for r in rels.iter(f"{{{REL}}}Relationship"):
                if r.get("Type", "").endswith(_OFFICE_DOC) and r.get("TargetMode") != "External":
                    target = r.get("Target", "").lstrip("/")
                    if target and z.has(target):
                        return target
        except InputError:
            pass  # a broken .rels: Word repairs it, so do we (fall back below)
    if z.has("word/document.xml"):
        return "word/document.xml"
    raise InputError(str(z.path), _not_word_reason(z))


def _not_word_reason(z: SafeZip) -> str:
    names = z.names
    if "mimetype" in names and any(n == "content.xml" for n in names):
        return "这是 OpenDocument（.odt/WPS 开放格式）文件，请在 WPS 或 Word 中“另存为” .docx 再检查"
    if any(n.startswith("xl/") for n in names):
        return "这是 Excel 表格（.xlsx），不是 Word 文档，请提供 .docx 报告"
    if any(n.startswith("ppt/") for n in names):
        return "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档，请提供 .docx 报告"
    return f"压缩包里没有 Word 正文（缺少 word/document.xml），不是有效的 .docx 文件；{RESAVE}"


def _relationships(z: SafeZip, main: str, path: Path) -> dict[str, str]:
    """Targets of the main part's styles / numbering / theme relationships."""
    folder, name = posixpath.split(main)
    defaults = {k: posixpath.join(folder, f"{k}.xml") for k in ("styles", "numbering")}
    defaults["theme"] = posixpath.join(folder, "theme/theme1.xml")
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if not z.has(rels_name):
        return defaults
    try:
        root = parse_xml(z.read(rels_name), path, rels_name)
    except InputError:
        return defaults
    found = {}
    for r in root.iter(f"{{{REL}}}Relationship"):
        kind = r.get("Type", "").rsplit("/", 1)[-1]
        if kind in defaults and r.get("TargetMode") != "External":
            target = r.get("Target", "")
            found[kind] = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
    return defaults | found


def _optional(z: SafeZip, name: str | None, path: Path):
    """A supporting part (styles, numbering, theme): absent → None."""
    if not name or not z.has(name):
        return None
    return parse_xml(z.read(name), path, name)


def _style_source(z: SafeZip, name: str | None, path: Path) -> StyleSource:
    if not name or not z.has(name):
        return StyleSource(None)
    return StyleSource(z.stream(name, chunk=16384), lambda fragment: parse_xml(fragment, path, name))


def _theme_fonts(z: SafeZip, name: str | None, path: Path) -> dict[str, str]:
    """Only the theme's font scheme is needed: read it without parsing when we can."""
    if not name or not z.has(name):
        return {}
    data = z.read(name)
    _refuse_doctype(data, path, name)
    fonts = theme_fonts_from_bytes(data)
    return fonts if fonts is not None else theme_fonts(parse_xml(data, path, name))


def _check_root(root, path: Path, main: str) -> None:
    if root.tag == f"{{{W_STRICT}}}document":
        raise InputError(str(path), "这是“Strict Open XML”格式的 .docx，暂不支持；请在 Word 中另存为“Word 文档(*.docx)”")
    if root.tag != _DOCUMENT:
        raise InputError(str(path), f"文件已损坏（“{main}”不是 Word 正文）；{RESAVE}")


class _LazyNumbering:
    """numbering.xml is parsed only when a paragraph is numbered."""

    def __init__(self, factory):
        self._factory = factory
        self._value: Numbering | None = None

    def load(self) -> Numbering:
        if self._value is None:
            self._value = self._factory()
        return self._value


# --- the body walk -----------------------------------------------------------------


class _Layout(NamedTuple):
    """What a paragraph's properties put in the model, computed once per pPr shape."""

    style_id: str | None
    style_name: str | None
    outline_level: int | None
    alignment: str | None
    num_id: str | None
    ilvl: int | None
    line_spacing_pt: float | None
    line_spacing_rule: str | None
    line_spacing_multiple: float | None
    first_line_indent_chars: float | None
    first_line_indent_pt: float | None

    @classmethod
    def of(cls, props: ParaProps) -> _Layout:
        line, rule = props.line, props.line_rule
        return cls(
            props.style_id,
            props.style_name,
            props.outline_level,
            props.alignment,
            props.num_id,
            props.ilvl,
            line / 20 if line is not None and rule in ("exact", "atLeast") else None,
            rule if line is not None else None,
            line / 240 if line is not None and rule == "auto" else None,
            props.first_line_chars / 100 if props.first_line_chars is not None else None,
            props.first_line_twips / 20 if props.first_line_twips is not None else None,
        )


class _BodyWalker:
    def __init__(self, styles: Styles, numbering: _LazyNumbering, budget: Budget):
        self.budget = budget  # paragraphs and characters counted, the clock checked
        self.styles = styles
        self.numbering = numbering
        self.paragraphs: list[Paragraph] = []
        self.sections: list[PageSetup] = []
        self.fields = FieldStack()  # complex fields: show the result, hide the instruction
        self._open_fields = self.fields.open  # empty: every run is visible (no call needed)
        self.changes = 0
        self.first_change: int | None = None
        self.comments: set[str] = set()
        self.first_comment: int | None = None
        self.textboxes = 0
        # per paragraph
        self._runs: list[Run] = []
        self._para_run = RunProps()  # the paragraph style's, theme fonts unresolved
        self._plain_run = RunProps()  # a run without rPr
        self._ppr_cache: dict[tuple, tuple] = {}
        self._rpr_cache: dict[RunProps, dict[tuple, RunProps]] = {}  # paragraph's run props → rPr shape → props
        self._run_cache: dict[tuple, RunProps] = {}

    # blocks: paragraphs, tables, content controls
    def walk_blocks(self, parent, in_table: bool) -> None:
        for el in parent:
            tag = el.tag
            if tag == _P:
                self.paragraph(el, in_table)
            elif tag in (_TBL, _TR, _TC):
                self.walk_blocks(el, True)
            elif tag == _SDT:
                content = _child(el, _SDT_CONTENT)
                if content is not None:
                    self.walk_blocks(content, in_table)
            elif tag in _BLOCK_CONTAINERS:
                if tag in _INSERTIONS:
                    self._note_change()
                self.walk_blocks(el, in_table)
            elif tag == _ALTERNATE:
                choice = _first_choice(el)
                if choice is not None:
                    self.walk_blocks(choice, in_table)
            elif tag == _SECT_PR and parent.tag == _BODY:
                self._section(el)
            elif tag in _DELETIONS:
                self._note_change()

    def _para_props(self, ppr) -> tuple:
        """(layout, paragraph's run properties, plain run properties, run-properties
        cache, sectPr) of a paragraph with this <w:pPr>. Most paragraphs of a
        document repeat a few pPr; the results are cached by the pPr's shape
        (never with a sectPr)."""
        key = _shape(ppr) if ppr is not None else ()
        cached = self._ppr_cache.get(key) if key is not None else None
        if cached is not None:
            return cached
        style = sect = None
        changes = None
        if ppr is not None:
            style, sect, changes = ppr_settings(ppr)
        props: ParaProps = self.styles.paragraph(style)
        if changes:
            props = props._replace(**changes)
        plain = self.styles.run(props.run, None)
        entry = (_Layout.of(props), props.run, plain, self._rpr_cache.setdefault(props.run, {}), None)
        if key is not None:
            self._ppr_cache[key] = entry
        return entry[:4] + (sect,)

    def paragraph(self, p, in_table: bool) -> None:
        first = p[0] if len(p) else None
        ppr = first if first is not None and first.tag == _PPR else None  # the schema puts pPr first
        layout, self._para_run, self._plain_run, self._run_cache, sect = self._para_props(ppr)
        runs: list[Run] = []
        self._runs = runs
        self.walk_inline(p if ppr is None else islice(p, 1, None))
        marker = self.numbering.load().next_marker(layout.num_id, layout.ilvl) if layout.num_id not in (None, "0") else ""
        raw = "".join([r.text for r in runs]).replace("\u3000", " ")
        body = raw.strip()
        self.budget.paragraph(len(raw))
        self.paragraphs.append(
            Paragraph(
                index=len(self.paragraphs) + 1,
                text=marker + body,
                marker=marker,
                style_id=layout.style_id,
                style_name=layout.style_name,
                outline_level=layout.outline_level,
                bold=_all_bold(runs),
                alignment=layout.alignment,
                in_table=in_table,
                runs=runs,
                line_spacing_pt=layout.line_spacing_pt,
                line_spacing_rule=layout.line_spacing_rule,
                line_spacing_multiple=layout.line_spacing_multiple,
                first_line_indent_chars=layout.first_line_indent_chars,
                first_line_indent_pt=layout.first_line_indent_pt,
                raw_offset=len(raw) - len(raw.lstrip()),
            )
        )
        if sect is not None:
            self._section(sect)

    # inline content: runs inside hyperlinks, fields, insertions, content controls
    def walk_inline(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == _R:
                self.run(el)
            elif tag in _INLINE_CONTAINERS:
                if tag in _INSERTIONS:
                    self._note_change()
                self.walk_inline(el)
            elif tag == _SDT:
                content = _child(el, _SDT_CONTENT)
                if content is not None:
                    self.walk_inline(content)
            elif tag in _DELETIONS:
                self._note_change()
            elif tag == _ALTERNATE:
                choice = _first_choice(el)
                if choice is not None:
                    self.walk_inline(choice)

    def run(self, r) -> None:
        rpr = None
        parts: list[str] = []
        visible = not self._open_fields or self.fields.visible()
        for c in r:
            tag = c.tag
            if tag == _T:
                if visible:
                    parts.append(c.text or "")
            elif tag == _RPR:
                rpr = c
            elif tag in _SPACES:
                if visible:
                    parts.append(" ")
            elif tag == _FLDCHAR:
                self.fields.step(c.get(_FLDCHARTYPE))
                visible = self.fields.visible()
            elif tag == _SYM:
                if visible:
                    parts.append(_symbol(c.get(_CHAR)))
            elif tag == _NOBREAK_HYPHEN:
                if visible:
                    parts.append("-")
            elif tag == _COMMENT_REF:
                self._note_comment(c.get(_ID))
            elif tag in _DRAWINGS:
                self._note_textboxes(c)
            elif tag == _DELTEXT:
                self._note_change()
        if not parts:
            return
        text = "".join(parts)
        props = self._run_props(rpr)
        if not props.hidden and text:
            self._runs.append(Run(text, props.bold, props.font_east_asia, props.font_ascii, props.size_pt))

    def _run_props(self, rpr) -> RunProps:
        """Effective properties (theme fonts resolved) of a run with this <w:rPr>
        (or none) in the current paragraph, cached by the rPr's shape like
        paragraph properties."""
        key = _shape(rpr) if rpr is not None else ()
        cached = self._run_cache.get(key) if key is not None else None
        if cached is None:
            settings = rpr_settings(rpr) if rpr is not None else (None,) * 6
            base = self.styles.run(self._para_run, settings[0]) if settings[0] else self._plain_run
            cached = self.styles.theme.fonts_of(merge_run(base, settings))
            if key is not None:
                self._run_cache[key] = cached
        return cached

    def _note_change(self) -> None:
        self.changes += 1
        if self.first_change is None:
            self.first_change = len(self.paragraphs) + 1

    def _note_comment(self, cid: str | None) -> None:
        self.comments.add(cid or str(len(self.comments)))
        if self.first_comment is None:
            self.first_comment = len(self.paragraphs) + 1

    def _note_textboxes(self, el) -> None:
        for _ in _iter_textboxes(el):
            self.textboxes += 1

    def _section(self, sect) -> None:
        size = sect.find(_PG_SZ)
        mar = sect.find(_PG_MAR)
        self.sections.append(
            PageSetup(
                width_mm=_mm(size, _W_ATTR, 11906),
                height_mm=_mm(size, _H_ATTR, 16838),
                top_mm=_mm(mar, _TOP, 1440),
                bottom_mm=_mm(mar, _BOTTOM, 1440),
                left_mm=_mm(mar, _LEFT, 1800),
                right_mm=_mm(mar, _RIGHT, 1800),
            )
        )

    def notices(self) -> list[Notice]:
        out = []
        if self.changes:
            out.append(Notice("tracked-changes", f"文档含有 {self.changes} 处未处理的修订（修订痕迹），已按“全部接受”后的文字检查；定稿前请在 Word“审阅”中接受或拒绝全部修订", self.first_change))
        if self.comments:
            out.append(Notice("comments", f"文档已有 {len(self.comments)} 条批注，批注内容未检查；提交前请在 Word“审阅”中删除批注", self.first_comment))
        if self.textboxes:
            out.append(Notice("textboxes", f"文档有 {self.textboxes} 个文本框，其中的文字不属于正文段落，未作检查；正文请勿放在文本框中", None))
        return out


def _shape(el) -> tuple | None:
    """A hashable copy of a pPr/rPr's children and their attributes: equal
    shapes have equal settings. None when it holds a sectPr (never cached)."""
    out: list[tuple] = []
    for c in el:
        if len(c):
            if c.tag == _SECT_PR:
                return None
            out.append((c.tag, tuple(c.items()), _deep_shape(c)))
        else:
            out.append((c.tag, tuple(c.items())))
    return tuple(out)


def _deep_shape(el) -> tuple:
    return tuple((c.tag, tuple(c.items()), _deep_shape(c)) for c in el)


def _child(el, tag: str):
    """First child with `tag` (iterchildren filters in C; much faster than find)."""
    return next(el.iterchildren(tag), None)


def _all_bold(runs: list[Run]) -> bool:
    """Some visible text, and all of it bold."""
    seen = False
    for r in runs:
        if r.text.strip():
            if not r.bold:
                return False
            seen = True
    return seen


def _symbol(code: str | None) -> str:
    """w:sym: a character from a symbol font; private-use codes (Wingdings …) carry no text."""
    try:
        ch = int(code or "", 16)
    except ValueError:
        return ""
    if 0xE000 <= ch <= 0xF8FF or not 0x20 <= ch <= 0x10FFFF or 0xD800 <= ch <= 0xDFFF:
        return ""
    return chr(ch)


def _first_choice(alternate):
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def _iter_textboxes(el):
    """Text boxes with text inside a drawing; of mc:AlternateContent, the Choice only."""
    if el.tag == _ALTERNATE:
        el = _first_choice(el)
        if el is None:
            return
    for box in el.iter(_TXBX):
        if any((t.text or "").strip() for t in box.iter(_T)):
            yield box


def _mm(el, attr: str, default_twips: int) -> float:
    value = el.get(attr) if el is not None else None
    try:
        twips = int(float(value)) if value is not None else default_twips
    except (ValueError, OverflowError):
        twips = default_twips
    return round(abs(twips) / _TWIPS_PER_MM, 1)


_DOCUMENT, _BODY, _P, _R, _T = w("document"), w("body"), w("p"), w("r"), w("t")
_PPR, _RPR, _PSTYLE, _RSTYLE, _VAL = w("pPr"), w("rPr"), w("pStyle"), w("rStyle"), w("val")
_TBL, _TR, _TC, _SDT, _SDT_CONTENT = w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
_SECT_PR, _PG_SZ, _PG_MAR = w("sectPr"), w("pgSz"), w("pgMar")
_W_ATTR, _H_ATTR, _TOP, _BOTTOM, _LEFT, _RIGHT = w("w"), w("h"), w("top"), w("bottom"), w("left"), w("right")
_FLDCHAR, _FLDCHARTYPE, _SYM, _CHAR, _NOBREAK_HYPHEN = w("fldChar"), w("fldCharType"), w("sym"), w("char"), w("noBreakHyphen")
_COMMENT_REF, _ID, _DELTEXT, _TXBX = w("commentReference"), w("id"), w("delText"), w("txbxContent")
_ALTERNATE = f"{{{MC}}}AlternateContent"
_INSERTIONS = frozenset({w("ins"), w("moveTo")})
_DELETIONS = frozenset({w("del"), w("moveFrom")})
_INLINE_CONTAINERS = frozenset({w("hyperlink"), w("fldSimple"), w("smartTag"), w("customXml"), w("dir"), w("bdo"), *_INSERTIONS})
_BLOCK_CONTAINERS = frozenset({w("customXml"), *_INSERTIONS})
_SPACES = frozenset({w("tab"), w("ptab"), w("br"), w("cr")})
_DRAWINGS = frozenset({w("drawing"), w("pict"), w("object"), _ALTERNATE})
