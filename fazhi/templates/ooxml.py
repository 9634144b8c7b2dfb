"""Small WordprocessingML helpers python-docx lacks: East Asian fonts, exact
line spacing and indents in characters, outline levels, PAGE fields and
font substitutes in fontTable.xml.

Elements are added through python-docx's `get_or_add_*` / `insert_element_before`
so they land in schema order (Word refuses out-of-order properties)."""

from __future__ import annotations

import io
import re
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def doc_defaults(styles_element):
    """(rPr, pPr) of styles.xml's w:docDefaults, created when missing (WPS and
    older writers leave parts of it out)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    out = []
    for holder, inner in (("w:rPrDefault", "w:rPr"), ("w:pPrDefault", "w:pPr")):
        el = defaults.find(qn(holder))
        if el is None:
            el = OxmlElement(holder)
            if holder == "w:rPrDefault":
                defaults.insert(0, el)
            else:
                defaults.append(el)
        props = el.find(qn(inner))
        if props is None:
            props = OxmlElement(inner)
            el.append(props)
        out.append(props)
    return out[0], out[1]


def set_fonts(rPr, name: str) -> None:
    """One font for every script. Theme attributes are removed because they win
    over explicit names, and w:eastAsia is what Word and WPS use for CJK text."""
    fonts = rPr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def set_size(rPr, pt: float) -> None:
    half_points = str(round(pt * 2))
    rPr.get_or_add_sz().set(qn("w:val"), half_points)
    szCs = rPr.find(qn("w:szCs"))
    if szCs is None:
        szCs = OxmlElement("w:szCs")
        rPr.insert_element_before(szCs, *_RPR_AFTER_SZCS)
    szCs.set(qn("w:val"), half_points)


def set_bold(rPr, bold: bool) -> None:
    for tag in ("w:b", "w:bCs"):
        el = rPr.find(qn(tag))
        if el is not None:
            rPr.remove(el)
    if bold:
        rPr.get_or_add_b()
        rPr.get_or_add_bCs()


def set_chinese_language(rPr) -> None:
    """eastAsia=zh-CN so renderers pick Chinese (not Japanese) glyphs for CJK text."""
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rPr.insert_element_before(lang, *_RPR_AFTER_LANG)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def set_exact_spacing(pPr, line_twips: int) -> None:
    spacing = pPr.get_or_add_spacing()
    for attr in ("w:beforeLines", "w:afterLines", "w:beforeAutospacing", "w:afterAutospacing"):
        spacing.attrib.pop(qn(attr), None)
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(line_twips))
    spacing.set(qn("w:lineRule"), "exact")


def set_indent_chars(pPr, font_pt: float, *, first: float = 0, left: float = 0, right: float = 0) -> None:
    """Indents in characters (w:*Chars, 1/100 char) with the twips equivalent for
    readers that ignore the character form."""
    ind = pPr.get_or_add_ind()
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    char_twips = font_pt * TWIPS_PER_PT
    for name, chars in (("firstLine", first), ("left", left), ("right", right)):
        ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
        ind.set(qn(f"w:{name}"), str(round(chars * char_twips)))


def set_outline_level(pPr, level: int) -> None:
    pPr.get_or_add_outlineLvl().set(qn("w:val"), str(level))


def add_page_field(paragraph, before: str, after: str) -> None:
    """`before` PAGE `after` as runs; the field result shows 1 until the viewer updates it."""
    paragraph.add_run(before)
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._r.append(instr)
    sep_run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    sep_run._r.append(sep)
    paragraph.add_run("1")
    end_run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)
    paragraph.add_run(after)


def set_char_spacing(rPr, twentieths_pt: int) -> None:
    """Condense (negative) or expand the space between characters (w:spacing, 1/20 pt)."""
    spacing = rPr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rPr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", *_RPR_AFTER_SZCS)
    spacing.set(qn("w:val"), str(twentieths_pt))


def set_line_grid(sectPr, line_twips: int) -> None:
    """Line pitch of the section's grid (no snapping: the styles' exact spacing rules)."""
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectPr.append(grid)
    grid.attrib.pop(qn("w:type"), None)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:linePitch"), str(line_twips))


def add_font_substitutes(docx_bytes: bytes, substitutes: dict[str, list[str]]) -> bytes:
    """Declare each font in word/fontTable.xml with w:altName (the substitute Word
    uses when the font is missing) and the GB2312 charset."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    table = etree.fromstring(src.read("word/fontTable.xml"))
    w = f"{{{W_NS}}}"
    for name, alts in substitutes.items():
        font = next((f for f in table.findall(f"{w}font") if f.get(f"{w}name") == name), None)
        if font is None:
            font = etree.SubElement(table, f"{w}font", {f"{w}name": name})
        for child in list(font):
            font.remove(child)
        if alts:  # one name: Word reads w:altName as a single font name
            etree.SubElement(font, f"{w}altName", {f"{w}val": alts[0]})
        etree.SubElement(font, f"{w}charset", {f"{w}val": "86"})
        etree.SubElement(font, f"{w}family", {f"{w}val": "auto"})
        etree.SubElement(font, f"{w}pitch", {f"{w}val": "variable"})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/fontTable.xml":
                data = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "docProps/app.xml":  # the application that wrote it
                data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>fazhi</Application>", data)
            dst.writestr(item, data)
    return out.getvalue()
