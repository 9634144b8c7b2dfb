"""Build tests/fixtures/realistic_docx/*.docx: realistic drafts typed the way
township clerks type them in Word or WPS, from tests/fixtures/realistic/*.txt.

Run from the repository root: python scripts/build_realistic_docx.py"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fazhi.templates import build_docx as template_bytes

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "fixtures" / "realistic"
OUT = ROOT / "tests" / "fixtures" / "realistic_docx"
H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lines_of(name: str) -> list[str]:
    return [line.strip() for line in (SOURCE / name).read_text(encoding="utf-8").splitlines()]


def split_report(name: str) -> tuple[list[str], list[str], list[str]]:
    """(title lines, body lines from the addressee on, closing lines after the last blank)."""
    lines = lines_of(name)
    first_blank = lines.index("")
    last_blank = len(lines) - 1 - lines[::-1].index("")
    title = [x for x in lines[:first_blank] if x]
    body = [x for x in lines[first_blank:last_blank] if x]
    closing = [x for x in lines[last_blank:] if x]
    return title, body, closing


def set_run_font(run, east_asia: str, size_pt: float, bold: bool = False) -> None:
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def set_margins(doc, top: float, bottom: float, left: float, right: float) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
        section.left_margin, section.right_margin = Cm(left), Cm(right)


def style_font(style, east_asia: str, size_pt: float, bold: bool = False) -> None:
    """Set a style's fonts the way WPS writes them: explicit names, no theme fonts."""
    style.font.size, style.font.bold, style.font.italic = Pt(size_pt), bold, False
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    rfonts.set(qn("w:ascii"), "Times New Roman")
    rfonts.set(qn("w:hAnsi"), "Times New Roman")
    rfonts.set(qn("w:eastAsia"), east_asia)
    if style.font.color is not None:
        style.font.color.rgb = None


def official_styles(doc) -> None:
    """A4, GB/T 9704 margins, and the fonts in the styles (Normal, headings, title)."""
    set_margins(doc, 3.7, 3.5, 2.8, 2.6)
    style_font(doc.styles["Normal"], "仿宋_GB2312", 16)
    style_font(doc.styles["Heading 1"], "黑体", 16)
    style_font(doc.styles["Heading 2"], "楷体_GB2312", 16)
    style_font(doc.styles["Title"], "方正小标宋简体", 22)


def add_text(doc, text: str, east_asia: str, size: float, *, bold: bool = False, align=None, indent: bool = True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    set_run_font(p.add_run(text), east_asia, size, bold)
    return p


# ---------------------------------------------------------------- (1) WPS: heading styles + automatic numbering

NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
</w:numbering>"""


def numbered(paragraph, level: int) -> None:
    num_pr = parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    paragraph._p.get_or_add_pPr().append(num_pr)


def replace_numbering(data: bytes) -> bytes:
    """python-docx's default template carries a numbering part; swap in ours."""
    src, out = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "word/numbering.xml":
                body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + NUMBERING).encode()
            zout.writestr(item, body)
    return out.getvalue()


def wps_headings(path: Path) -> None:
    doc = docx.Document()
    official_styles(doc)
    title, body, closing = split_report("hunan_2023_quanxi.txt")
    for line in title:
        doc.add_paragraph(line, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in body:
        if H1.match(line):
            numbered(doc.add_paragraph(H1.sub("", line), style="Heading 1"), 0)
        elif H2.match(line):
            head, _, rest = H2.sub("", line).partition("。")
            numbered(doc.add_paragraph(head, style="Heading 2"), 1)
            doc.add_paragraph(rest)
        else:
            doc.add_paragraph(line)
    doc.add_paragraph("")
    for line in closing:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(replace_numbering(buf.getvalue()))


# ---------------------------------------------------------------- (2) typed markers, bold headings, GB/T 9704 layout


def typed_gbt9704(path: Path) -> None:
    doc = docx.Document()
    set_margins(doc, 3.7, 3.5, 2.8, 2.6)
    title, body, closing = split_report("yunnan_2025_xiangcheng.txt")
    for line in title:
        add_text(doc, line, "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    doc.add_paragraph()
    for i, line in enumerate(body):
        if i == 0:
            add_text(doc, line, "仿宋_GB2312", 16, indent=False)
        elif H1.match(line):
            add_text(doc, line, "黑体", 16)
        elif H2.match(line) and "。" not in line.rstrip("。"):
            add_text(doc, line, "楷体_GB2312", 16)
        elif H2.match(line):
            head, _, rest = line.partition("。")
            p = add_text(doc, head + "。", "楷体_GB2312", 16, bold=True)
            set_run_font(p.add_run(rest), "仿宋_GB2312", 16)
        else:
            add_text(doc, line, "仿宋_GB2312", 16)
    doc.add_paragraph()
    for line in closing:
        add_text(doc, line, "仿宋_GB2312", 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    doc.save(path)


def _style_of(line: str) -> str:
    """Typed markers kept, heading styles applied (run-in （一） items stay body text)."""
    standalone = "。" not in line.rstrip("。")
    if standalone and (H1.match(line) or re.match(r"^第[一二三四五六七八九十]+部分", line)):
        return "Heading 1"
    if standalone and H2.match(line):
        return "Heading 2"
    return "Normal"


# ---------------------------------------------------------------- (3) table, header/footer, footnote, comment, tracked changes

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>数据来源：街道综治中心矛盾纠纷台账，统计截至2021年12月31日。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
COMMENTS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W_NS}">
<w:comment w:id="7" w:author="司法所" w:initials="SFS" w:date="2022-01-20T09:00:00Z"><w:p><w:r><w:t>请核对调解数据。</w:t></w:r></w:p></w:comment>
</w:comments>"""
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_part(data: bytes, name: str, xml: str, content_type: str, rel_type: str) -> bytes:
    src, out = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>'.encode())
            elif item.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", f'<Relationship Id="rIdX{name[:4]}" Type="{REL}/{rel_type}" Target="{name}"/></Relationships>'.encode())
            zout.writestr(item, body)
        zout.writestr(f"word/{name}", xml)
    return out.getvalue()


def statistics_table(doc) -> None:
    rows = [("项目", "2021年", "2020年"), ("受理矛盾纠纷（件）", "412", "386"), ("调解成功（件）", "406", "371"), ("调解成功率", "98.5%", "96.1%")]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def tracked_change(paragraph, deleted: str, inserted: str) -> None:
    """An unaccepted deletion and insertion at the end of the paragraph."""
    p = paragraph._p
    p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="11" w:author="张三" w:date="2022-01-21T10:00:00Z"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'))
    p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="12" w:author="张三" w:date="2022-01-21T10:00:00Z"><w:r><w:t>{inserted}</w:t></w:r></w:ins>'))


def commented(paragraph) -> None:
    p = paragraph._p
    runs = p.findall(qn("w:r"))
    runs[0].addprevious(parse_xml(f'<w:commentRangeStart xmlns:w="{W_NS}" w:id="7"/>'))
    runs[-1].addnext(parse_xml(f'<w:commentRangeEnd xmlns:w="{W_NS}" w:id="7"/>'))
    p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:commentReference w:id="7"/></w:r>'))


def footnoted(paragraph) -> None:
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))


def table_and_revisions(path: Path) -> None:
    doc = docx.Document()
    official_styles(doc)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "大丰街道党政办公室 内部审阅稿"
    section.footer.paragraphs[0].text = "第1页"
    title, body, closing = split_report("sichuan_2021_dafeng.txt")
    for line in title:
        doc.add_paragraph(line, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in body:
        p = doc.add_paragraph(line, style=_style_of(line))
        if "调解" in line and "成功" in line and not H1.match(line) and not getattr(doc, "_stats_done", False):
            footnoted(p)
            commented(p)
            doc.add_paragraph("表1  2021年矛盾纠纷调解情况").alignment = WD_ALIGN_PARAGRAPH.CENTER
            statistics_table(doc)
            doc._stats_done = True
        elif line.startswith("（二）") and not getattr(doc, "_tracked", False):
            tracked_change(p, "基本", "全面")
            doc._tracked = True
    for line in closing:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    data = add_part(buf.getvalue(), "footnotes.xml", FOOTNOTES,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", "footnotes")
    data = add_part(data, "comments.xml", COMMENTS,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml", "comments")
    path.write_bytes(data)


# ---------------------------------------------------------------- (4) split title, signature by spaces and in a borderless table


def split_title_signature(path: Path) -> None:
    doc = docx.Document()
    official_styles(doc)
    title, body, closing = split_report("chongqing_2019_shuanglonghu.txt")
    head = title[0]
    cut = head.index("法治政府")
    for piece in (head[:cut], head[cut:]):
        doc.add_paragraph(piece, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph()
    for line in body:
        doc.add_paragraph(line, style=_style_of(line))
    doc.add_paragraph()
    signer, date, *rest = closing
    table = doc.add_table(rows=2, cols=2)  # python-docx default: no borders
    table.cell(0, 1).text = signer
    table.cell(1, 1).text = date
    for line in rest:
        doc.add_paragraph(line)
    doc.save(path)


def spaced_signature(path: Path) -> None:
    """Variant: 署名 and 日期 pushed right with runs of spaces, as clerks do."""
    doc = docx.Document()
    official_styles(doc)
    title, body, closing = split_report("guizhou_2021_fangxiang.txt")
    for line in title:
        doc.add_paragraph(line, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in body:
        doc.add_paragraph(line, style=_style_of(line))
    signer, _, date = closing[0].partition("\u3000\u3000")
    doc.add_paragraph(" " * 36 + signer)
    doc.add_paragraph("\u3000" * 20 + date.strip())
    doc.save(path)


# ---------------------------------------------------------------- (5) Word defaults: 宋体 小四, 2.54 cm margins


def word_defaults(path: Path) -> None:
    doc = docx.Document()
    set_margins(doc, 2.54, 2.54, 2.54, 2.54)
    title, body, closing = split_report("shandong_2022_jisuo.txt")
    for line in title:
        add_text(doc, line, "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for line in body:
        add_text(doc, line, "黑体" if H1.match(line) else "宋体", 16 if H1.match(line) else 12)
    for line in closing:
        add_text(doc, line, "宋体", 12, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    doc.save(path)


# ---------------------------------------------------------------- (6) the template, filled in


def filled_template(path: Path) -> None:
    """The clerk keeps the template's heading styles, types their own （一）… item
    headings over the template's and replaces every 【填写说明】 with text."""
    doc = docx.Document(io.BytesIO(template_bytes("township", entity="泉溪镇", year=2023, addressee="中共衡南县委全面依法治县委员会办公室：")))
    _, body, closing = split_report("hunan_2023_quanxi.txt")
    items = [x for x in _between(body, "一、", "二、") if H2.match(x)]
    plans = _between(body, "四、", "五、")
    fill = {"intro": [body[1]], "二": _between(body, "二、", "三、"), "三": _between(body, "三、", "四、"), "五": ["无。"]}
    paragraphs = doc.paragraphs
    subs = [p for p in paragraphs if p.style.name == "Heading 2"]
    item_note = paragraphs[paragraphs.index(subs[0]) + 1]
    plans_note = next(p for p in paragraphs if p.text.startswith("【填写说明：写明2024"))
    _fill_items(plans_note._p, plans, copy.deepcopy(subs[0]._p), copy.deepcopy(item_note._p))
    _fill_items(subs[0]._p, items, subs[0]._p, item_note._p)
    section, used = "intro", set()
    for p in paragraphs:
        if p.style.name == "Heading 1":
            section = p.text[0]
        elif p.style.name == "Heading 2" and p._p.getparent() is not None:
            p._p.getparent().remove(p._p)
        elif p.text.startswith("【填写说明") and p._p.getparent() is not None:
            if section in fill and section not in used:
                _fill_before(p._p, fill[section])
                used.add(section)
            p._p.getparent().remove(p._p)
        elif p.text.startswith("【填写发文机关署名"):
            _set_text(p._p, closing[1])
        elif p.text.startswith("【填写成文日期"):
            _set_text(p._p, closing[-1])
    for p in doc.paragraphs:
        if p.style.name == "填写说明":
            p.style = doc.styles["Normal"]
    doc.save(path)


def _fill_items(anchor, items: list[str], heading, note) -> None:
    """（一）heading + body for every item before `anchor`, modelled on the
    template's first item (a Heading 2 and the note under it)."""
    for item in items:
        head, _, rest = item.partition("。")
        new_head, new_body = copy.deepcopy(heading), copy.deepcopy(note)
        anchor.addprevious(new_head)
        anchor.addprevious(new_body)
        _set_text(new_head, head)
        _set_text(new_body, rest)


def _fill_before(note, texts: list[str]) -> None:
    for text in texts:
        new = copy.deepcopy(note)
        note.addprevious(new)
        _set_text(new, text)


def _index(lines: list[str], prefix: str) -> int:
    return next(i for i, x in enumerate(lines) if x.startswith(prefix))


def _between(lines: list[str], start: str, end: str) -> list[str]:
    return lines[_index(lines, start) + 1:_index(lines, end)]


def _set_text(p_element, text: str) -> None:
    runs = p_element.findall(qn("w:r"))
    for run in runs[1:]:
        p_element.remove(run)
    run = runs[0]
    for t in run.findall(qn("w:t")):
        run.remove(t)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)


BUILDERS = {
    "1_wps_headings_hunan.docx": wps_headings,
    "2_typed_gbt9704_yunnan.docx": typed_gbt9704,
    "3_table_revisions_sichuan.docx": table_and_revisions,
    "4_split_title_table_signature_chongqing.docx": split_title_signature,
    "4b_spaced_signature_guizhou.docx": spaced_signature,
    "5_word_defaults_shandong.docx": word_defaults,
    "6_filled_template_hunan.docx": filled_template,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build(OUT / name)
        print(OUT / name)


if __name__ == "__main__":
    main()
