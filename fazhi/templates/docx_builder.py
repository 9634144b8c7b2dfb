"""Render the skeleton as a .docx laid out per GB/T 9704-2012: A4, 天头 37 mm,
订口 28 mm, 版心 156 × 225 mm, 22 lines × 28 characters, title 2号小标宋,
body 3号仿宋, headings 黑体/楷体, page numbers "— 1 —" in 4号宋体.

Fonts are set on the styles (docDefaults, Normal, 标题 1/2 and our own styles)
with w:eastAsia, so text a user types keeps the right font in Word and WPS."""

from __future__ import annotations

import io
from datetime import datetime, timezone
import math

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, RGBColor

from fazhi.schema.models import FontSpec, LayoutSpec, Profile
from fazhi.templates import ooxml
from fazhi.schema.fonts import FontBook, font_book
from fazhi.templates.skeleton import Block, TemplateOptions, build_skeleton, date_example

# block kind → (style id, style name shown in Word); None name = built-in style kept.
STYLES = {
    "title": ("FazhiTitle", "公文标题"),
    "addressee": ("FazhiAddressee", "主送机关"),
    "guidance": ("FazhiGuidance", "填写说明"),
    "heading1": ("Heading1", None),
    "heading2": ("Heading2", None),
    "signature": ("FazhiSignature", "发文机关署名"),
    "date": ("FazhiDate", "成文日期"),
    "blank": ("Normal", None),
}
OUTLINE_LEVELS = {"heading1": 0, "heading2": 1}
PAGE_NUMBER_DASH = "—"  # 一字线
PAGE_NUMBER_LINE = 1.2  # footer line height in multiples of the page number's size
SIGNATURE_GUESS_CHARS = 8  # width assumed for an unknown signer (e.g. “××镇人民政府” and county)


def line_pitch_twips(layout: LayoutSpec) -> int:
    """Exact line spacing that fits `lines_per_page` lines in the 版心 height
    (225 mm / 22 = 28.95 pt), kept inside the profile's line-spacing range."""
    text_height = (layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm) * ooxml.TWIPS_PER_MM
    fitting = math.floor(text_height / layout.lines_per_page)
    low, high = (round(v * ooxml.TWIPS_PER_PT) for v in layout.line_spacing_pt)
    return min(max(fitting, low), high)


def char_condensing(layout: LayoutSpec) -> int:
    """Character spacing (1/20 pt, ≤ 0) that makes `chars_per_line` body characters
    fit the 版心 width: 156 mm / 28 = 15.79 pt per 16 pt character → -0.25 pt.
    Condensed spacing renders the same in Word, WPS and LibreOffice, unlike a
    character grid (w:docGrid linesAndChars), which LibreOffice spreads out."""
    text_width_pt = (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) / 25.4 * 72
    return min(0, math.floor((text_width_pt / layout.chars_per_line - layout.body.size_pt) * ooxml.TWIPS_PER_PT))


def text_width_chars(text: str) -> float:
    """Width in Chinese characters: ASCII and half-width forms count half."""
    return sum(0.5 if ord(c) < 0x2E80 or 0xFF61 <= ord(c) <= 0xFFDC else 1 for c in text)


def signature_indents(signature_chars: float, date_chars: float) -> tuple[float, float]:
    """Right indents (characters) of 署名 and 成文日期 for a document without a seal,
    GB/T 9704-2012 7.3.5.2: 署名 右空二字, the date's first character two to the
    right of the signature's; a date longer than that moves the signature right so
    the date keeps 右空二字."""
    date_right = signature_chars - date_chars
    if date_right >= 2:
        return 2.0, date_right
    return date_chars + 4 - signature_chars, 2.0


def build_document_bytes(profile: Profile, options: TemplateOptions) -> bytes:
    layout = profile.layout
    fonts = font_book(profile)
    doc = new_document()
    _setup_page(doc, layout)
    _setup_styles(doc, layout)
    blocks = build_skeleton(profile, options)
    for block in blocks:
        _add_block(doc, block)
    _indent_signature(doc, blocks, options, layout)
    _setup_page_numbers(doc, layout)
    _set_properties(doc, blocks)
    out = io.BytesIO()
    doc.save(out)
    return ooxml.add_font_substitutes(out.getvalue(), _substitutes(layout, fonts))


def _setup_page(doc, layout: LayoutSpec, section=None) -> None:
    section = section if section is not None else doc.sections[0]
    section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.margin_left_mm), Mm(layout.margin_right_mm)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(layout.footer_distance_mm)
    ooxml.set_line_grid(section._sectPr, line_pitch_twips(layout))


def _style_fonts(style_element, spec: FontSpec) -> None:
    rPr = style_element.get_or_add_rPr()
    for child in list(rPr):
        rPr.remove(child)
    ooxml.set_fonts(rPr, spec.font)
    ooxml.set_bold(rPr, bool(spec.bold))
    ooxml.set_size(rPr, spec.size_pt)


def _setup_styles(doc, layout: LayoutSpec) -> None:
    line = line_pitch_twips(layout)
    body = layout.body
    default_rPr, default_pPr = ooxml.doc_defaults(doc.styles.element)
    ooxml.set_fonts(default_rPr, body.font)
    ooxml.set_size(default_rPr, body.size_pt)
    ooxml.set_chinese_language(default_rPr)
    ooxml.set_exact_spacing(default_pPr, line)

    normal = doc.styles["Normal"]
    _style_fonts(normal.element, body)
    ooxml.set_char_spacing(normal.element.get_or_add_rPr(), char_condensing(layout))  # 每行28字
    normal_pPr = normal.element.get_or_add_pPr()
    ooxml.set_exact_spacing(normal_pPr, line)
    ooxml.set_indent_chars(normal_pPr, body.size_pt, first=2)  # 每个自然段左空二字
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for style_id, spec, level in (("Heading1", layout.heading1, 0), ("Heading2", layout.heading2, 1)):
        style = _style(doc, style_id, f"heading {level + 1}", normal)
        _style_fonts(style.element, spec)
        pPr = style.element.get_or_add_pPr()
        ooxml.set_exact_spacing(pPr, line)
        ooxml.set_outline_level(pPr, level)

    custom = {
        "title": (layout.title, WD_ALIGN_PARAGRAPH.CENTER),
        "addressee": (body, WD_ALIGN_PARAGRAPH.LEFT),  # 顶格
        "guidance": (body, None),
        "signature": (body, WD_ALIGN_PARAGRAPH.RIGHT),
        "date": (body, WD_ALIGN_PARAGRAPH.RIGHT),
    }
    for kind, (spec, alignment) in custom.items():
        style_id, name = STYLES[kind]
        style = _style(doc, style_id, name or style_id, normal)
        _style_fonts(style.element, spec)
        if kind == "guidance":  # visibly not body text: grey (and italic) as the profile says
            style.font.color.rgb = RGBColor.from_string(layout.guidance_color.upper())
            style.font.italic = layout.guidance_italic
        if kind == "title":  # the 28-per-line condensing is for 3号 text only
            ooxml.set_char_spacing(style.element.get_or_add_rPr(), 0)
        if alignment is not None:
            style.paragraph_format.alignment = alignment
            ooxml.set_indent_chars(style.element.get_or_add_pPr(), spec.size_pt)


def _style(doc, style_id: str, name: str, base, kind=WD_STYLE_TYPE.PARAGRAPH):
    """The style with this id, added (based on `base`) when the document lacks it:
    a draft being re-laid-out may already have it, or lack even 标题 1."""
    style = next((s for s in doc.styles if s.style_id == style_id), None)
    if style is None:
        style = doc.styles.add_style(name, kind)
        style.style_id = style_id
        style.base_style = base
        style.quick_style = True
    return style


def _add_block(doc, block: Block) -> None:
    style_id, _ = STYLES[block.kind]
    style = next(s for s in doc.styles if s.style_id == style_id)
    paragraph = doc.add_paragraph(block.text, style=style)
    if block.kind in OUTLINE_LEVELS:
        # Also on the paragraph: the navigation pane and readers that skip styles see it.
        ooxml.set_outline_level(paragraph._p.get_or_add_pPr(), OUTLINE_LEVELS[block.kind])


def _indent_signature(doc, blocks: list[Block], options: TemplateOptions, layout: LayoutSpec) -> None:
    if options.signer:
        signature_chars = text_width_chars(options.signer)
    elif options.entity:
        signature_chars = text_width_chars(f"{options.entity}人民政府")
    else:
        signature_chars = SIGNATURE_GUESS_CHARS
    date_chars = text_width_chars(date_example(options.report_year))
    sig_right, date_right = signature_indents(signature_chars, date_chars)
    kinds = [b.kind for b in blocks]
    paragraphs = doc.paragraphs
    for kind, right in (("signature", sig_right), ("date", date_right)):
        pPr = paragraphs[kinds.index(kind)]._p.get_or_add_pPr()
        ooxml.set_indent_chars(pPr, layout.body.size_pt, right=right)


def _setup_page_numbers(doc, layout: LayoutSpec, section=None) -> None:
    """4号半角宋体 "— 1 —": odd pages 右空一字, even pages 左空一字 (GB/T 9704-2012 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = section if section is not None else doc.sections[0]
    spec = layout.page_number
    for footer, alignment, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        pPr = paragraph._p.get_or_add_pPr()
        ooxml.set_indent_chars(pPr, spec.size_pt, **{side: 1})
        # A single line of its own height: a taller footer would reach into the
        # bottom margin and Word would shrink the 版心 to make room.
        ooxml.set_exact_spacing(pPr, round(spec.size_pt * PAGE_NUMBER_LINE * ooxml.TWIPS_PER_PT))
        ooxml.add_page_field(paragraph, f"{PAGE_NUMBER_DASH} ", f" {PAGE_NUMBER_DASH}")
        for run in paragraph.runs:
            rPr = run._r.get_or_add_rPr()
            ooxml.set_fonts(rPr, spec.font)
            ooxml.set_size(rPr, spec.size_pt)


def _set_properties(doc, blocks: list[Block]) -> None:
    props = doc.core_properties
    props.title = next(b.text for b in blocks if b.kind == "title")
    props.author = "fazhi"
    props.last_modified_by = "fazhi"
    # python-docx's default package says 2013 by "Microsoft Macintosh Word" (app.xml: ooxml)
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.comments = "由 fazhi template 生成：按【填写说明】填写各部分后删除说明文字。"


def _substitutes(layout: LayoutSpec, fonts: FontBook) -> dict[str, list[str]]:
    specs = (layout.title, layout.body, layout.heading1, layout.heading2, layout.page_number)
    return {spec.font: fonts.fallback(spec.font) for spec in specs}
