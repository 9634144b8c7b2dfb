"""Edits written into a copy of a .docx as Word tracked changes (修订).

Each edit becomes `<w:del>` around the runs of the old characters (their
`w:t` turned into `w:delText`) and `<w:ins>` with a new run carrying the new
characters and a copy of the first old run's properties (`w:rPr`), author
"fazhi" and one date. Runs are split at the edit's boundaries so the
characters around it keep their runs and formatting; nothing else in the
document changes (comments, bookmarks, fields, numbering, tables, other
parts of the package are copied byte for byte).

An edit is skipped (left for a person, as a comment) when its characters are
not plain text runs of the paragraph: inside a field, an existing tracked
change, a run with a symbol/drawing/footnote, the automatic numbering marker,
or a paragraph whose runs do not reproduce the reader's text.

Paragraphs are enumerated in the reader's order (fazhi/checker/reader/docx.py:
body, tables, content controls, tracked insertions, the first choice of
mc:AlternateContent; not text boxes), so `Edit.paragraph` lands where the
finding was."""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from fazhi.checker.findings import Edit
from fazhi.checker.model import Document
from fazhi.checker.reader.fields import FieldStack
from fazhi.checker.reader.safety import SafeZip, parse_xml
from fazhi.checker.reader.xmlnames import MC, REL, W, w
from fazhi.errors import InputError

AUTHOR = "fazhi"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def revision_date(now: datetime | None = None) -> str:
    """w:date: UTC, whole seconds, as Word writes it."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main_part(z: SafeZip) -> str:
    """The officeDocument part named by _rels/.rels; word/document.xml by default."""
    if z.has("_rels/.rels"):
        rels = parse_xml(z.read("_rels/.rels"), z.path, "_rels/.rels")
        for r in rels.iter(f"{{{REL}}}Relationship"):
            if r.get("Type", "").endswith("/officeDocument") and r.get("TargetMode") != "External":
                target = posixpath.normpath(r.get("Target", "").lstrip("/"))
                if z.has(target):
                    return target
    return "word/document.xml"


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rewrite_package(source: Path | bytes, replaced: dict[str, bytes]) -> bytes:
    """The .docx `source` (a path or its bytes) with the parts in `replaced`
    swapped, every other entry copied as it was (same order, same compression)."""
    buf = io.BytesIO()
    src = io.BytesIO(source) if isinstance(source, bytes) else source
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = replaced.get(info.filename)
            zout.writestr(info, data if data is not None else zin.read(info.filename))
        for name, data in replaced.items():
            if name not in zin.namelist():
                zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ---------------------------------------------------------------- the body walk


@dataclass
class _Piece:
    """A run that shows text in a paragraph, with that text."""

    r: Any  # the w:r element
    text: str
    editable: bool


@dataclass
class _Para:
    p: Any  # the w:p element
    pieces: list[_Piece] = field(default_factory=list)


class _Walk:
    """The paragraphs of a body in the reader's order, with their text runs."""

    def __init__(self):
        self.paras: list[_Para] = []
        self.fields = FieldStack()

    def blocks(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == _P:
                self.paras.append(_Para(el))
                self.inline(el, editable=True)
            elif tag in _TABLE_PARTS or tag in _BLOCK_CONTAINERS:
                self.blocks(el)
            elif tag == _SDT:
                content = el.find(_SDT_CONTENT)
                if content is not None:
                    self.blocks(content)
            elif tag == _ALTERNATE:
                choice = _first_choice(el)
                if choice is not None:
                    self.blocks(choice)

    def inline(self, parent, editable: bool) -> None:
        for el in parent:
            tag = el.tag
            if tag == _R:
                self.run(el, editable)
            elif tag == _HYPERLINK:
                self.inline(el, editable)
            elif tag in _INLINE_CONTAINERS:  # tracked insertions, fields, smart tags: read, never edited
                self.inline(el, False)
            elif tag == _SDT and el.find(_SDT_CONTENT) is not None:
                self.inline(el.find(_SDT_CONTENT), False)
            elif tag == _ALTERNATE and _first_choice(el) is not None:
                self.inline(_first_choice(el), False)

    def run(self, r, editable: bool) -> None:
        parts = []
        plain = editable and not self.fields
        for c in r:
            tag = c.tag
            if tag == _FLDCHAR:
                self.fields.step(c.get(_FLDCHARTYPE))
                plain = False
            elif not self.fields.visible():
                plain = False
            elif tag == _T:
                parts.append(c.text or "")
            elif tag in _SPACES:
                parts.append(" ")
                plain = plain and tag == _TAB
            elif tag == _NOBREAK_HYPHEN:
                parts.append("-")
                plain = False
            elif tag == _SYM:
                parts.append("\ufffd")  # a symbol font character: this paragraph's offsets are not trusted
                plain = False
            elif tag not in _PLAIN_RUN_CHILDREN:
                plain = False
        rpr = r.find(_RPR)
        if rpr is not None and (rpr.find(_VANISH) is not None or rpr.find(_RPR_CHANGE) is not None):
            if rpr.find(_VANISH) is not None:
                return
            plain = False
        text = "".join(parts)
        if text and self.paras:
            self.paras[-1].pieces.append(_Piece(r, text, plain))


def body_paragraphs(root) -> list[_Para]:
    walk = _Walk()
    body = root.find(_BODY)
    if body is not None:
        walk.blocks(body)
    return walk.paras


def _raw_text(para: _Para) -> str:
    return "".join(p.text for p in para.pieces)


def _matches(para: _Para, text: str, marker: str) -> bool:
    """The runs reproduce the reader's text (so offsets can be mapped)."""
    return marker + _raw_text(para).replace("\u3000", " ").strip() == text


# ---------------------------------------------------------------- splitting runs


def _split(piece_list: list[_Piece], index: int, k: int) -> bool:
    """Split piece `index` after its k-th character (0 < k < len) into two runs
    with the same properties. False when the run is not plain text (left whole)."""
    piece = piece_list[index]
    if not piece.editable:
        return False
    r = piece.r
    content = [c for c in r if c.tag != _RPR]
    pos = 0
    for ci, c in enumerate(content):
        length = len(c.text or "") if c.tag == _T else (1 if c.tag in _SPACES else 0)
        inside = pos < k < pos + length
        if inside or (length and pos + length == k):
            right = copy.deepcopy(r)
            right_content = [x for x in right if x.tag != _RPR]
            if inside:  # the cut falls in this w:t: both runs keep part of it
                cut = k - pos
                _set_text(right_content[ci], (c.text or "")[cut:])
                _set_text(c, (c.text or "")[:cut])
                drop_right = right_content[:ci]
            else:
                drop_right = right_content[: ci + 1]
            for x in content[ci + 1 :]:
                r.remove(x)
            for x in drop_right:
                right.remove(x)
            r.addnext(right)
            piece_list[index : index + 1] = [_Piece(r, piece.text[:k], True), _Piece(right, piece.text[k:], True)]
            return True
        pos += length
    return False


def cut_at(pieces: list[_Piece], offset: int) -> bool:
    """Make `offset` of the paragraph's raw text a run boundary."""
    pos = 0
    for i, piece in enumerate(pieces):
        end = pos + len(piece.text)
        if offset in (pos, end):
            return True
        if pos < offset < end:
            return _split(pieces, i, offset - pos)
        pos = end
    return offset == pos


def pieces_between(pieces: list[_Piece], lo: int, hi: int) -> list[_Piece]:
    out, pos = [], 0
    for piece in pieces:
        end = pos + len(piece.text)
        if lo <= pos and end <= hi and end > pos:
            out.append(piece)
        pos = end
    return out


def _piece_before(pieces: list[_Piece], offset: int) -> _Piece | None:
    pos = 0
    for piece in pieces:
        end = pos + len(piece.text)
        if end == offset:
            return piece
        pos = end
    return None


def _set_text(t, value: str) -> None:
    t.text = value
    t.set(_XML_SPACE, "preserve")


# ---------------------------------------------------------------- writing revisions


class _Revisions:
    def __init__(self, root, date: str):
        self.date = date
        ids = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W}) if v.lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1

    def mark(self, tag: str):
        el = etree.Element(tag)
        el.set(_ID, str(self.next_id))
        el.set(_AUTHOR, AUTHOR)
        el.set(_DATE, self.date)
        self.next_id += 1
        return el

    def delete(self, piece: _Piece):
        r = piece.r
        wrapper = self.mark(_DEL)
        r.addprevious(wrapper)
        wrapper.append(r)
        for t in r.iter(_T):
            t.tag = _DELTEXT
            t.set(_XML_SPACE, "preserve")
        return wrapper

    def insert(self, after, before, template, text: str) -> None:
        """A new run with `text` and `template`'s properties, after `after`
        (an element) or else before `before`."""
        r = etree.Element(_R)
        rpr = template.find(_RPR) if template is not None else None
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for change in rpr.findall(_RPR_CHANGE):
                rpr.remove(change)
            r.append(rpr)
        t = etree.SubElement(r, _T)
        _set_text(t, text)
        wrapper = self.mark(_INS)
        wrapper.append(r)
        if after is not None:
            after.addnext(wrapper)
        else:
            before.addprevious(wrapper)


def _apply_edit(para: _Para, edit: Edit, lo: int, hi: int, revisions: _Revisions) -> bool:
    """Write one edit of raw offsets [lo, hi) as tracked changes; False when skipped."""
    pieces = para.pieces
    if not (cut_at(pieces, lo) and cut_at(pieces, hi)):
        return False
    old = pieces_between(pieces, lo, hi)
    if hi > lo and (not old or not all(p.editable for p in old) or sum(len(p.text) for p in old) != hi - lo):
        return False
    if hi == lo:
        before_piece = _piece_before(pieces, lo)
        following = pieces_between(pieces, lo, lo + 1)
        template = before_piece or (following[0] if following else None)
        if template is None or not template.editable:
            return False
        if before_piece is not None:
            revisions.insert(before_piece.r, None, before_piece.r, edit.replacement)
        else:
            revisions.insert(None, template.r, template.r, edit.replacement)
        return True
    template_run = copy.deepcopy(old[0].r)
    last = None
    for piece in old:
        last = revisions.delete(piece)
        piece.editable = False
    if edit.replacement:
        revisions.insert(last, None, template_run, edit.replacement)
    return True


def _feasible(para: _Para, lo: int, hi: int) -> bool:
    """Every run the edit of raw offsets [lo, hi) touches is plain text (an
    insertion needs a plain run next to it)."""
    pos, touched, before, after = 0, [], None, None
    for piece in para.pieces:
        end = pos + len(piece.text)
        if pos < hi and lo < end:
            touched.append(piece)
        if end == lo:
            before = piece
        if pos == lo and after is None:
            after = piece
        pos = end
    if hi > pos:
        return False
    if hi == lo:
        return any(p is not None and p.editable for p in (before, after))
    return bool(touched) and all(p.editable for p in touched)


def write_tracked(source: Path, doc: Document, groups: list[list[Edit]], date: str | None = None) -> tuple[bytes, list[int]]:
    """The bytes of a copy of `source` with each group of `groups` (the minimal
    edits of one fix, all in one paragraph, in the reader's offsets of `doc`,
    no two groups overlapping) written as tracked changes, all of a group or
    none of it; and the indices of the groups written."""
    with SafeZip(source) as z:
        name = main_part(z)
        root = parse_xml(z.read(name), source, name)
    paras = body_paragraphs(root)
    if len(paras) != len(doc.paragraphs):
        raise InputError(str(source), "无法把修改定位到段落（段落数与检查结果不一致），请在 Word 中另存为 .docx 后重试")
    revisions = _Revisions(root, date or revision_date())
    by_para: dict[int, list[tuple[int, list[Edit]]]] = {}
    for gi, group in enumerate(groups):
        if group:
            by_para.setdefault(group[0].paragraph, []).append((gi, group))
    written: list[int] = []
    for index, para_groups in by_para.items():
        para, model = paras[index - 1], doc.paragraph(index)
        if not _matches(para, model.text, model.marker):
            continue
        shift = model.raw_offset - len(model.marker)
        ok = [(gi, g) for gi, g in para_groups if all(e.start >= len(model.marker) and _feasible(para, e.start + shift, e.end + shift) for e in g)]
        edits = sorted(((e, gi) for gi, g in ok for e in g), key=lambda x: (x[0].start, x[0].end), reverse=True)
        for e, gi in edits:  # right to left: the offsets of what is left of an edit stay valid
            if _apply_edit(para, e, e.start + shift, e.end + shift, revisions) and gi not in written:
                written.append(gi)
    data = rewrite_package(source, {name: serialize(root)}) if written else source.read_bytes()
    return data, sorted(written)


def _first_choice(alternate):
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


_BODY, _P, _R, _T, _RPR = w("body"), w("p"), w("r"), w("t"), w("rPr")
_TAB, _SYM, _NOBREAK_HYPHEN, _VANISH = w("tab"), w("sym"), w("noBreakHyphen"), w("vanish")
_FLDCHAR, _FLDCHARTYPE = w("fldChar"), w("fldCharType")
_SDT, _SDT_CONTENT, _HYPERLINK = w("sdt"), w("sdtContent"), w("hyperlink")
_INS, _DEL, _DELTEXT, _RPR_CHANGE = w("ins"), w("del"), w("delText"), w("rPrChange")
_ID, _AUTHOR, _DATE = w("id"), w("author"), w("date")
_ALTERNATE = f"{{{MC}}}AlternateContent"
_TABLE_PARTS = frozenset(w(t) for t in ("tbl", "tr", "tc"))
_BLOCK_CONTAINERS = frozenset(w(t) for t in ("customXml", "ins", "moveTo"))
_INLINE_CONTAINERS = frozenset(w(t) for t in ("fldSimple", "smartTag", "customXml", "dir", "bdo", "ins", "moveTo"))
_SPACES = frozenset(w(t) for t in ("tab", "ptab", "br", "cr"))
# What a run may hold besides text and still be split: properties, tabs, the
# page-break hint Word recalculates, proofing marks.
_PLAIN_RUN_CHILDREN = frozenset({_RPR, _T, _TAB, w("lastRenderedPageBreak")})
