"""`fazhi format`: a draft's own text re-laid-out to GB/T 9704-2012 and the
profile's layout, with the figures and styles `fazhi template` uses
(docx_builder: page, styles, page numbers, font substitutes).

What changes: the page (A4, margins) of every section; the styles (docDefaults,
Normal = body, 标题 1/2, 公文标题, 主送机关, 署名, 成文日期); each paragraph's
style by the role the outline gives it (title, 主送机关, 一级/二级标题, body,
署名, 成文日期); direct formatting that contradicts the styles (fonts, sizes,
bold, character spacing, paragraph spacing, indents, alignment) removed from
those paragraphs and their runs; the words of a run-in 一级/二级 heading
("（一）加强学习。全年…") in the heading font through a character style; page
numbers "— 1 —"; theme fonts replaced by named ones so WPS asks for no missing
font. What does not: the words and their order, tables (their paragraphs are
left as they are), comments, tracked changes, fields, bookmarks, numbering."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from fazhi.templates.skeleton import GUIDANCE_OPEN
from fazhi.errors import InputError
from fazhi.schema.models import FontSpec, LayoutSpec, Profile
from fazhi.templates import docx_builder as builder
from fazhi.templates import ooxml
from fazhi.schema.fonts import font_book

FORMATTED_STEM_SUFFIX = ".排版"
RUN_IN_STYLES = {1: ("FazhiHeading1Words", "一级标题文字"), 2: ("FazhiHeading2Words", "二级标题文字")}
# Direct run properties a style must be able to decide: removed from re-laid-out paragraphs.
_RUN_LOOK = ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:spacing", "w:w", "w:kern", "w:position")
# Direct paragraph properties likewise (numbering, tabs, borders, section breaks stay).
_PARA_LOOK = ("w:pStyle", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:snapToGrid", "w:adjustRightInd", "w:keepNext", "w:pageBreakBefore")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class Role:
    kind: str  # title / addressee / heading1 / heading2 / body / signature / date
    words_end: int | None = None  # run-in heading: where its words end in the reader's text


def formatted_path(source: Path | str, out_dir: Path | str | None = None) -> Path:
    source = Path(source)
    return Path(out_dir or source.parent) / f"{source.stem}{FORMATTED_STEM_SUFFIX}.docx"


def roles(ctx) -> dict[int, Role]:
    """Paragraph index → role, from the outline. Guessed (standalone) headings
    and table cells are not given one."""
    meta = ctx.meta
    out: dict[int, Role] = {}
    for p in ctx.doc.paragraphs:
        if p.text.strip() and not p.in_table:
            out[p.index] = Role("body")
    for p in [meta.title, *meta.title_lines]:
        if p is not None:
            out[p.index] = Role("title")
    if meta.addressee is not None:
        out[meta.addressee.index] = Role("addressee")
    for h in ctx.outline.headings:
        if h.source == "standalone" or h.paragraph.in_table or h.depth > 2:
            continue
        end = _words_end(h)
        run_in = len(h.paragraph.text.rstrip()) > end
        out[h.index] = Role(f"heading{h.depth}", end if run_in else None)
    if meta.signature is not None:
        out[meta.signature.index] = Role("signature")
        for p in meta.signature_lines:
            out[p.index] = Role("signature")
    if meta.date is not None and meta.date is not meta.signature:
        out[meta.date.index] = Role("date")
    return out


def _words_end(h) -> int:
    """Where a heading's marker and words end in its paragraph (run-in body text
    follows), as the layout rules measure it."""
    text = h.paragraph.text
    start = text.find(h.marker) if h.marker else len(text) - len(text.lstrip())
    return min(len(text), start + len(h.marker) + len(h.title))


def relayout(source: Path, profile: Profile) -> bytes:
    """The bytes of `source` re-laid-out (the file itself is only read)."""
    import docx

    from fazhi.checker.engine import build_context
    from fazhi.checker.reader import read_document
    from fazhi.fixer.tracked import body_paragraphs

    doc_model = read_document(source)
    ctx = build_context(doc_model, profile)
    try:
        document = docx.Document(str(source))
    except Exception as exc:  # python-docx refuses some packages (macro-enabled, strict)
        raise InputError(str(source), f"无法重新排版该文件（{type(exc).__name__}），请在 Word 中另存为 .docx 后重试") from None
    paras = body_paragraphs(document.element)
    if len(paras) != len(doc_model.paragraphs):
        raise InputError(str(source), "无法重新排版（段落数与检查结果不一致），请在 Word 中另存为 .docx 后重试")
    layout = profile.layout
    for section in document.sections:
        builder._setup_page(document, layout, section)
    builder._setup_styles(document, layout)
    _run_in_styles(document, layout)
    by_index = roles(ctx)
    signature_chars = _width(ctx.meta.signature)
    date_chars = _width(ctx.meta.date)
    for index, role in by_index.items():
        para, model = paras[index - 1], doc_model.paragraph(index)
        _restyle(para, model, role, layout, signature_chars, date_chars)
    for section in document.sections:
        _clear_footers(section)
        builder._setup_page_numbers(document, layout, section)
    out = io.BytesIO()
    document.save(out)
    fonts = font_book(profile)
    data = ooxml.add_font_substitutes(out.getvalue(), builder._substitutes(layout, fonts))
    return _named_theme_fonts(data, layout)


def relayout_checked(source: Path, profile: Profile) -> bytes:
    """`relayout`, read back: every paragraph's text must be what it was."""
    import tempfile

    from fazhi.checker.reader import read_document

    before = [p.text for p in read_document(source).paragraphs]
    data = relayout(source, profile)
    with tempfile.TemporaryDirectory(prefix="fazhi-") as tmp:
        copy = Path(tmp) / "copy.docx"
        copy.write_bytes(data)
        after = [p.text for p in read_document(copy).paragraphs]
    if after != before:
        raise InputError(str(source), "重新排版后文字与原文不一致，已放弃输出；请在 Word 中另存为 .docx 后重试")
    return data


def _width(para) -> float:
    return builder.text_width_chars(para.text.strip()) if para is not None else 0.0


def _run_in_styles(document, layout: LayoutSpec) -> None:
    for level, spec in ((1, layout.heading1), (2, layout.heading2)):
        style_id, name = RUN_IN_STYLES[level]
        style = builder._style(document, style_id, name, None, WD_STYLE_TYPE.CHARACTER)
        builder._style_fonts(style.element, spec)


_STYLE_OF = {
    "title": builder.STYLES["title"][0],
    "addressee": builder.STYLES["addressee"][0],
    "heading1": "Heading1",
    "heading2": "Heading2",
    "body": "Normal",
    "signature": builder.STYLES["signature"][0],
    "date": builder.STYLES["date"][0],
    "guidance": builder.STYLES["guidance"][0],
}


def _restyle(para, model, role: Role, layout: LayoutSpec, signature_chars: float, date_chars: float) -> None:
    p = para.p
    pPr = p.get_or_add_pPr()
    for tag in _PARA_LOOK:
        for el in pPr.findall(qn(tag)):
            pPr.remove(el)
    style_id = _STYLE_OF[role.kind]
    if role.kind == "body" and model.text.lstrip().startswith(GUIDANCE_OPEN):
        style_id = _STYLE_OF["guidance"]  # template guidance left in the draft stays visibly guidance
    if role.kind.startswith("heading") and role.words_end is not None:
        style_id = "Normal"  # body text runs on after the heading's words: the words get a character style
    if style_id != "Normal":
        pPr._insert_pStyle(_pstyle(style_id))
    if role.kind in ("heading1", "heading2") and role.words_end is None:
        ooxml.set_outline_level(pPr, int(role.kind[-1]) - 1)
    if role.kind in ("signature", "date"):
        sig_right, date_right = builder.signature_indents(signature_chars or builder.SIGNATURE_GUESS_CHARS, date_chars or 9)
        ooxml.set_indent_chars(pPr, layout.body.size_pt, right=sig_right if role.kind == "signature" else date_right)
    for piece in para.pieces:
        _clear_run(piece.r)
    if role.words_end is not None:
        _style_heading_words(para, model, role, int(role.kind[-1]))


def _pstyle(style_id: str):
    from docx.oxml import OxmlElement

    el = OxmlElement("w:pStyle")
    el.set(qn("w:val"), style_id)
    return el


def _clear_run(r) -> None:
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        return
    for tag in (*_RUN_LOOK, "w:rStyle"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)


def _style_heading_words(para, model, role: Role, level: int) -> None:
    """Runs of a run-in heading's words (marker and title) get the heading's
    character style; runs are split where the words end."""
    from fazhi.fixer.tracked import cut_at, pieces_between

    if role.words_end is None:
        return
    end = role.words_end - len(model.marker) + model.raw_offset
    start = model.raw_offset
    if end <= start or not cut_at(para.pieces, end):
        return
    for piece in pieces_between(para.pieces, 0, end):
        rpr = piece.r.find(qn("w:rPr"))
        if rpr is None:
            from docx.oxml import OxmlElement

            rpr = OxmlElement("w:rPr")
            piece.r.insert(0, rpr)
        style = etree.SubElement(rpr, qn("w:rStyle"))
        style.set(qn("w:val"), RUN_IN_STYLES[level][0])
        rpr.remove(style)
        rpr.insert(0, style)  # rStyle comes first in rPr


def _clear_footers(section) -> None:
    """Old footers (and their page numbers) give way to "— 1 —"."""
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        ftr = footer._element
        for child in list(ftr):
            ftr.remove(child)
        footer.add_paragraph()


def _named_theme_fonts(data: bytes, layout: LayoutSpec) -> bytes:
    """The theme's fonts (等线, DengXian, Calibri … that WPS may lack) replaced
    by the body font's and 宋体-class names the font book knows."""
    from fazhi.fixer.tracked import rewrite_package

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith("word/theme/") and n.endswith(".xml")]
        replaced = {}
        for name in names:
            root = etree.fromstring(z.read(name))
            for scheme in root.iter(f"{{{_A}}}majorFont", f"{{{_A}}}minorFont"):
                _theme_scheme(scheme, layout)
            replaced[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rewrite_package(data, replaced) if replaced else data


def _theme_scheme(scheme, layout: LayoutSpec) -> None:
    latin = "Times New Roman"
    east_asian = _font(layout.body)
    for tag, value in (("latin", latin), ("ea", east_asian)):
        el = scheme.find(f"{{{_A}}}{tag}")
        if el is not None:
            el.set("typeface", value)
    for font in scheme.findall(f"{{{_A}}}font"):
        if font.get("script") in ("Hans", "Hant"):
            font.set("typeface", east_asian)


def _font(spec: FontSpec) -> str:
    return spec.font

