"""Build seeds/docx/<stem>.docx from each seed .txt, looking like real Word drafts.

    python scripts/build_seed_docx.py

One paragraph per non-empty line. The seeds differ in how they were typed, so
each reader path is exercised on real text:

  000  typed markers, headings bold by direct formatting, GB/T 9704 page
  001  typed markers, headings in the built-in Heading 1 / Heading 2 styles
  002  a plain paste: everything in Normal, only the title centred and bold
  003  text split into many small runs (as after many edits), bookmarks, proofing marks
  004  Word automatic numbering draws the 一、 and （一） markers

The output is byte-for-byte reproducible (fixed zip timestamps)."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = SEEDS / "docx"

CN = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^([{CN}]{{1,3}})、")
LEVEL2 = re.compile(rf"^（([{CN}]{{1,3}})）")
ANY_MARKER = re.compile(rf"^([{CN}]{{1,3}}、|[（(][{CN}]{{1,3}}[)）]|\d{{1,2}}[.、．])")

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"


def cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1]) + 1
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN.index(tens) + 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    return CN.index(s) + 1


# --- formatting helpers ----------------------------------------------------------------


def set_fonts(run, east_asia: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    if size_pt:
        run.font.size = Pt(size_pt)
    if bold is not None:
        run.bold = bold


def body_format(p, indent: bool = True) -> None:
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    if indent:
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
        ind.set(qn("w:firstLine"), "640")


def gbt_page(d, *, a4_only: bool = False) -> None:
    for s in d.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        if not a4_only:
            s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)


def add_title(d, text: str, *, font: str = TITLE_FONT, size: float = 22) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(p.add_run(text), font, size, True)


def add_body(d, text: str, *, font: str = BODY_FONT, size: float | None = 16, bold: bool | None = None, indent: bool = True):
    p = d.add_paragraph()
    body_format(p, indent)
    set_fonts(p.add_run(text), font, size, bold)
    return p


def heading_level(text: str) -> int | None:
    if LEVEL1.match(text) or text.startswith("第"):
        return 1
    if ANY_MARKER.match(text) and not text[0].isdigit():
        return 2
    return None


def is_short_heading(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(("。", "；", "：", ":"))


# --- the five styles of drafting ---------------------------------------------------------


def typed_bold(lines: list[str], d) -> None:
    """000: markers typed, headings bold, body 仿宋 with a 2-character indent."""
    gbt_page(d)
    add_title(d, lines[0])
    for line in lines[1:]:
        level = heading_level(line)
        if level == 1:
            add_body(d, line, font=H1_FONT, bold=True)
        elif level == 2 and is_short_heading(line):
            add_body(d, line, font=H2_FONT, bold=True)
        else:
            add_body(d, line)


def heading_styles(lines: list[str], d) -> None:
    """001: headings in Heading 1 / Heading 2 (python-docx's built-in styles)."""
    gbt_page(d, a4_only=True)
    d.add_heading(lines[0], 0)
    for line in lines[1:]:
        level = heading_level(line)
        if level and is_short_heading(line):
            d.add_heading(line, level)
        else:
            add_body(d, line, size=None)


def plain_paste(lines: list[str], d) -> None:
    """002: everything in Normal; only the title centred and bold."""
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(lines[0]).bold = True
    for line in lines[1:]:
        d.add_paragraph(line)


def many_runs(lines: list[str], d) -> None:
    """003: each paragraph split into runs of 1-4 characters, with bookmarks and
    proofing marks between them, as Word leaves a text edited many times."""
    gbt_page(d)
    add_title(d, lines[0])
    for n, line in enumerate(lines[1:]):
        p = d.add_paragraph()
        body_format(p)
        bold = heading_level(line) == 1
        i, k = 0, 0
        while i < len(line):
            size = 1 + (i * 7 + n) % 4
            run = p.add_run(line[i : i + size])
            set_fonts(run, H1_FONT if bold else BODY_FONT, 16, bold or None)
            if k % 5 == 2:
                p._p.append(_marker("w:proofErr", {"w:type": "gramStart"}))
            if k % 7 == 3:
                p._p.append(_marker("w:bookmarkStart", {"w:id": str(1000 + n * 100 + k), "w:name": f"_Hlk{n}_{k}"}))
                p._p.append(_marker("w:bookmarkEnd", {"w:id": str(1000 + n * 100 + k)}))
            i += size
            k += 1


def _marker(tag: str, attrs: dict[str, str]):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def auto_numbering(lines: list[str], d) -> None:
    """004: 一、 and （一） drawn by Word numbering (numId per list, restarts by level)."""
    gbt_page(d)
    num_id = _add_chinese_list(d)
    add_title(d, lines[0])
    expected = {1: 1, 2: 1}
    for line in lines[1:]:
        m1, m2 = LEVEL1.match(line), LEVEL2.match(line)
        if m1 and cn_value(m1.group(1)) == expected[1]:
            p = add_body(d, line[m1.end() :], font=H1_FONT)
            _number(p, num_id, 0)
            expected = {1: expected[1] + 1, 2: 1}
        elif m2 and cn_value(m2.group(1)) == expected[2]:
            p = add_body(d, line[m2.end() :], font=H2_FONT if is_short_heading(line) else BODY_FONT)
            _number(p, num_id, 1)
            expected[2] += 1
        else:
            add_body(d, line)


def _add_chinese_list(d) -> str:
    numbering = d.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "hybridMultilevel")
    abstract.append(multi)
    for ilvl, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", "nothing"), ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    numbering.append(num)
    return str(num_id)


def _number(p, num_id: str, ilvl: int) -> None:
    ppr = p._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num_pr.append(el)
    ppr.insert(0, num_pr)


STYLES = {"000": typed_bold, "001": heading_styles, "002": plain_paste, "003": many_runs, "004": auto_numbering}


# --- build ---------------------------------------------------------------------------


def seed_lines(txt: Path) -> list[str]:
    return [line.strip() for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]


def build(txt: Path, out_dir: Path = OUT) -> Path:
    d = docx.Document()
    d.core_properties.author = "党政办"
    STYLES.get(txt.stem[:3], plain_paste)(seed_lines(txt), d)
    buffer = io.BytesIO()
    d.save(buffer)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (txt.stem + ".docx")
    out.write_bytes(reproducible_zip(buffer.getvalue()))
    return out


def reproducible_zip(data: bytes) -> bytes:
    """Same entries with fixed timestamps, so rebuilding does not change the file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 2, 22, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    seeds = [Path(a) for a in argv] or sorted(SEEDS.glob("*.txt"))
    for txt in seeds:
        print(build(txt).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
