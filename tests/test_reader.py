"""The .docx and .txt readers: what a person sees in Word becomes the document model."""

from __future__ import annotations

import time

import pytest

from fazhi.errors import InputError
from fazhi.limits import LimitExceeded, Limits, file_budget

from fazhi.checker.reader import read_document
from fazhi.checker.reader.minidocx import build_docx, para, part_xml
from fazhi.checker.reader.numbering import chinese_number, format_number


def read_body(tmp_path, body, **kw):
    return read_document(build_docx(tmp_path / "t.docx", body, **kw))


def texts(doc):
    return [p.text for p in doc.paragraphs]


# --- numbering -----------------------------------------------------------------------

NUMBERING = part_xml(
    "numbering",
    """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3.%4"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%2）"/><w:lvlRestart w:val="0"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%3"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl></w:lvlOverride></w:num>
""",
)


def numbered(text, num_id, ilvl=0):
    return para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_chinese_numbering_levels_and_restarts(tmp_path):
    body = "".join(
        [
            numbered("总体情况", 1, 0),
            numbered("加强学习", 1, 1),
            numbered("学习宪法", 1, 2),
            numbered("学习民法典", 1, 2),
            numbered("依法决策", 1, 1),
            numbered("重大决策", 1, 2),
            numbered("存在不足", 1, 0),
            numbered("问题", 1, 1),
            numbered("深层", 1, 3),
        ]
    )
    doc = read_body(tmp_path, body, parts={"numbering": NUMBERING})
    assert texts(doc) == ["一、总体情况", "（一）加强学习", "1.学习宪法", "2.学习民法典", "（二）依法决策", "1.重大决策", "二、存在不足", "（一）问题", "2.1.1.1深层"]
    assert doc.paragraphs[1].marker == "（一）"
    assert doc.paragraphs[1].text[len(doc.paragraphs[1].marker):] == "加强学习"


def test_instances_of_one_list_continue_and_overrides_restart(tmp_path):
    body = numbered("甲", 1) + numbered("乙", 2) + numbered("丙", 3) + numbered("丁", 3) + numbered("戊", 1) + para("", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
    doc = read_body(tmp_path, body, parts={"numbering": NUMBERING})
    # numId 2 shares abstractNum 0 with numId 1 → continues; numId 3 overrides its start
    assert texts(doc) == ["一、甲", "二、乙", "五、丙", "六、丁", "三、戊", ""]


def test_other_formats_level_override_and_no_restart(tmp_path):
    body = "".join(
        [
            numbered("a", 4, 0),
            numbered("b", 4, 1),
            numbered("c", 4, 0),
            numbered("d", 4, 1),  # lvlRestart 0: keeps counting after a higher level
            numbered("e", 4, 2),
            numbered("f", 4, 2),
            numbered("g", 4, 3),
            numbered("h", 4, 3),
            numbered("bullet", 5, 0),
            numbered("x", 6, 0),
            numbered("y", 6, 1),
        ]
    )
    doc = read_body(tmp_path, body, parts={"numbering": NUMBERING})
    assert texts(doc) == ["丙.a", "１）b", "丁.c", "２）d", "Ie", "IIf", "(a)g", "(b)h", "bullet", "一、x", "2)y"]


def test_numbering_through_paragraph_style(tmp_path):
    styles = part_xml(
        "styles",
        """
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
""",
    )
    body = para("总体情况", '<w:pStyle w:val="1"/>') + para("正文") + para("存在不足", '<w:pStyle w:val="1"/>') + para("无编号", '<w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr>')
    doc = read_body(tmp_path, body, parts={"styles": styles, "numbering": NUMBERING})
    assert texts(doc) == ["一、总体情况", "正文", "二、存在不足", "无编号"]
    assert [p.outline_level for p in doc.paragraphs] == [0, None, 0, 0]


@pytest.mark.parametrize(
    "n,fmt,expected",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百〇五"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "ideographDigital", "一二"),
        (11, "ideographTraditional", "甲"),
        (2, "decimalEnclosedCircle", "②"),
        (4, "upperRoman", "IV"),
        (9, "lowerRoman", "ix"),
        (27, "lowerLetter", "aa"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (5, "none", ""),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_chinese_number_units():
    assert [chinese_number(n) for n in (2, 19, 99, 100, 110, 1001)] == ["二", "十九", "九十九", "一百", "一百一十", "一千〇一"]


# --- tracked changes, content controls, tables ----------------------------------------


def test_tracked_changes_read_as_accepted(tmp_path):
    body = (
        '<w:p><w:r><w:t>依法</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>治理</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>行政</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>'
    )
    doc = read_body(tmp_path, para("标题") + body)
    assert texts(doc) == ["标题", "依法行政新位置"]
    notice = [n for n in doc.notices if n.code == "tracked-changes"]
    assert len(notice) == 1 and "4 处" in notice[0].message and notice[0].paragraph == 2


def test_no_notice_without_changes(tmp_path):
    doc = read_body(tmp_path, para("正文"))
    assert doc.notices == []


def test_content_controls_block_and_inline(tmp_path):
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>'
        + para("控件段落")
        + "</w:sdtContent></w:sdt>"
        '<w:p><w:r><w:t>前</w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>中</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>后</w:t></w:r></w:p>'
    )
    assert texts(read_body(tmp_path, body)) == ["控件段落", "前中后"]


def test_tables_count_in_document_order(tmp_path):
    inner = "<w:tbl><w:tr><w:tc>" + para("内层") + "</w:tc></w:tr></w:tbl>"
    table = "<w:tbl><w:tblPr/><w:tr><w:tc>" + para("甲1") + para("") + "</w:tc><w:tc>" + para("乙1") + inner + para("") + "</w:tc></w:tr>" "<w:tr><w:tc>" + para("甲2") + "</w:tc></w:tr></w:tbl>"
    doc = read_body(tmp_path, para("前") + table + para("后"))
    assert texts(doc) == ["前", "甲1", "", "乙1", "内层", "", "甲2", "后"]
    assert [p.index for p in doc.paragraphs] == list(range(1, 9))
    assert [p.in_table for p in doc.paragraphs] == [False] + [True] * 6 + [False]


# --- what is not body text -----------------------------------------------------------


def test_headers_footers_notes_comments_stay_out(tmp_path):
    body = (
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>正文</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        '<w:p><w:r><w:commentReference w:id="1"/></w:r><w:r><w:t>第二段</w:t></w:r></w:p>'
    )
    parts = {
        "comments": part_xml("comments", '<w:comment w:id="0" w:author="审">' + para("批注内容") + '</w:comment><w:comment w:id="1">' + para("另一条") + "</w:comment>"),
        "footer1": part_xml("ftr", para("页脚文字")),
        "header1": part_xml("hdr", para("页眉文字")),
        "footnotes": part_xml("footnotes", '<w:footnote w:id="1">' + para("脚注文字") + "</w:footnote>"),
    }
    doc = read_body(tmp_path, body, parts=parts)
    assert texts(doc) == ["正文", "第二段"]
    comments = [n for n in doc.notices if n.code == "comments"]
    assert len(comments) == 1 and "2 条" in comments[0].message


def test_text_boxes_and_drawings_not_in_body(tmp_path):
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + para("文本框文字")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + para("文本框文字")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc = read_body(tmp_path, f"<w:p><w:r><w:t>宿主</w:t></w:r>{box}</w:p>" + para("下一段"))
    assert texts(doc) == ["宿主", "下一段"]
    notice = [n for n in doc.notices if n.code == "textboxes"]
    assert len(notice) == 1 and "1 个文本框" in notice[0].message


# --- inline content ------------------------------------------------------------------


def test_fields_show_result_not_instruction(tmp_path):
    body = (
        '<w:p><w:r><w:t>第</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t>页</w:t></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2024年2月22日</w:t></w:r></w:fldSimple></w:p>'
        # nested: IF field whose instruction holds another field; only the outer result shows
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>内层</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert texts(read_body(tmp_path, body)) == ["第3页", "2024年2月22日", "结果"]


def test_bookmarks_proofing_hyperlinks_tabs_breaks_symbols(tmp_path):
    body = (
        '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:proofErr w:type="spellStart"/>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/>'
        '<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:noBreakHyphen/><w:sym w:font="Symbol" w:char="00B7"/><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        '<w:r><w:drawing/><w:t xml:space="preserve">  丙 </w:t></w:r></w:p>'
    )
    doc = read_body(tmp_path, body)
    assert texts(doc) == ["链接 甲 乙-·  丙"]


def test_split_runs_hidden_text_and_leading_space(tmp_path):
    runs = "".join(f"<w:r><w:t>{ch}</w:t></w:r>" for ch in "一、总体情况")
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
    lead = '<w:p><w:r><w:t xml:space="preserve">\u3000\u3000正文</w:t></w:r></w:p>'
    doc = read_body(tmp_path, f"<w:p>{runs}{hidden}</w:p>{lead}")
    assert texts(doc) == ["一、总体情况", "正文"]
    assert len(doc.paragraphs[0].runs) == 6
    assert doc.paragraphs[1].raw_offset == 2


def test_empty_paragraphs_counted(tmp_path):
    doc = read_body(tmp_path, para("甲") + para("") + "<w:p/>" + para("乙"))
    assert [(p.index, p.text) for p in doc.paragraphs] == [(1, "甲"), (2, ""), (3, ""), (4, "乙")]


# --- styles --------------------------------------------------------------------------

STYLES = part_xml(
    "styles",
    """
<w:docDefaults>
  <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>
  <w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="我的标题"/><w:basedOn w:val="1"/>
  <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Zh2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="Lvl3"><w:name w:val="Custom"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Body9"><w:name w:val="Body"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Big"><w:name w:val="Big"/><w:basedOn w:val="Strong"/><w:rPr><w:sz w:val="44"/></w:rPr></w:style>
""",
)

THEME = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements><a:fontScheme name="Office">'
    '<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hans" typeface="等线"/></a:minorFont>'
    "</a:fontScheme></a:themeElements></a:theme>"
)


def test_outline_levels_through_style_chain(tmp_path):
    body = "".join(
        para(t, f'<w:pStyle w:val="{s}"/>' if s else "")
        for t, s in [("正文", None), ("一级", "1"), ("派生", "MyHeading"), ("二级", "Zh2"), ("三级", "Lvl3"), ("正文级", "Body9"), ("循环", "Loop1"), ("未知样式", "Nope")]
    )
    body += para("直接", '<w:outlineLvl w:val="1"/>')
    doc = read_body(tmp_path, body, parts={"styles": STYLES})
    assert [p.outline_level for p in doc.paragraphs] == [None, 0, 0, 1, 2, None, None, None, 1]
    assert [p.style_name for p in doc.paragraphs[:4]] == ["Normal", "heading 1", "我的标题", "标题 2"]
    assert doc.paragraphs[7].style_name == "Normal"  # unknown style id → default style


def test_effective_fonts_sizes_bold(tmp_path):
    body = (
        para("正文", rpr="")
        + para("一级", '<w:pStyle w:val="1"/>')
        + para("派生", '<w:pStyle w:val="MyHeading"/>')
        + para("强调", rpr='<w:rStyle w:val="Big"/>')
        + para("直接", rpr='<w:rStyle w:val="Strong"/><w:b w:val="false"/><w:rFonts w:eastAsia="方正小标宋简体" w:ascii="Arial"/><w:sz w:val="44"/>')
        + para("主题", rpr='<w:rFonts w:eastAsiaTheme="majorEastAsia" w:eastAsia="宋体"/>')
    )
    doc = read_body(tmp_path, body, parts={"styles": STYLES, "theme/theme1": THEME})
    runs = [p.runs[0] for p in doc.paragraphs]
    assert [(r.font_east_asia, r.size_pt, r.bold) for r in runs] == [
        ("仿宋_GB2312", 16.0, False),
        ("黑体", 16.0, True),
        ("黑体", 16.0, False),
        ("楷体_GB2312", 22.0, True),
        ("方正小标宋简体", 22.0, False),
        ("等线 Light", 16.0, False),  # theme attribute wins over the explicit one
    ]
    assert runs[0].font_ascii == "Times New Roman"
    assert [p.bold for p in doc.paragraphs] == [False, True, False, True, False, False]


def test_theme_font_without_theme_part_keeps_theme_name(tmp_path):
    doc = read_body(tmp_path, para("正文"), parts={"styles": STYLES})
    assert doc.paragraphs[0].runs[0].font_ascii == "Times New Roman"
    # Normal sets eastAsia explicitly; a run asking for the theme gets the theme name
    doc = read_body(tmp_path, para("主题", rpr='<w:rFonts w:eastAsiaTheme="minorEastAsia"/>'), parts={"styles": STYLES})
    assert doc.paragraphs[0].runs[0].font_east_asia == "minorEastAsia"


def test_theme_is_read_only_for_runs_that_use_it(tmp_path):
    """docDefaults usually name theme fonts that every run overrides: the theme
    part is then never read (a theme Word would reject shows it). A run left
    with a theme font still gets it resolved, or the part refused."""
    defaults = part_xml(
        "styles",
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:rPrDefault></w:docDefaults>',
    )
    broken = THEME.replace("<a:theme ", '<!DOCTYPE x [<!ENTITY e "x">]><a:theme ', 1)
    explicit = '<w:rFonts w:eastAsia="仿宋_GB2312" w:ascii="Times New Roman"/>'
    doc = read_body(tmp_path, para("正文", rpr=explicit) + para("二", rpr=explicit + "<w:b/>"), parts={"styles": defaults, "theme/theme1": broken})
    assert [(r.font_east_asia, r.font_ascii) for p in doc.paragraphs for r in p.runs] == [("仿宋_GB2312", "Times New Roman")] * 2
    doc = read_body(tmp_path, para("正文", rpr=explicit) + para("主题"), parts={"styles": defaults, "theme/theme1": THEME})
    assert [(r.font_east_asia, r.font_ascii) for p in doc.paragraphs for r in p.runs] == [("仿宋_GB2312", "Times New Roman"), ("等线", "Calibri")]
    with pytest.raises(InputError, match="DOCTYPE"):
        read_body(tmp_path, para("正文", rpr=explicit) + para("主题"), parts={"styles": defaults, "theme/theme1": broken})


def test_paragraph_bold_ignores_spaces_and_needs_text(tmp_path):
    body = '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>加粗</w:t></w:r><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>' + '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>半</w:t></w:r><w:r><w:t>粗</w:t></w:r></w:p>' + para("")
    assert [p.bold for p in read_body(tmp_path, body).paragraphs] == [True, False, False]


def test_paragraph_layout_properties(tmp_path):
    body = (
        para("居中", '<w:jc w:val="center"/><w:spacing w:line="560" w:lineRule="exact"/>')
        + para("正文")
        + para("至少", '<w:jc w:val="both"/><w:spacing w:line="600" w:lineRule="atLeast"/><w:ind w:firstLineChars="0" w:firstLine="0"/>')
    )
    doc = read_body(tmp_path, body, parts={"styles": STYLES})
    a, b, c = doc.paragraphs
    assert (a.alignment, a.line_spacing_pt, a.line_spacing_rule, a.line_spacing_multiple) == ("center", 28.0, "exact", None)
    assert (b.alignment, b.line_spacing_pt, b.line_spacing_rule, b.line_spacing_multiple) == (None, None, "auto", 1.0)
    assert (b.first_line_indent_chars, b.first_line_indent_pt) == (2.0, 32.0)
    assert (c.alignment, c.line_spacing_pt, c.first_line_indent_chars) == ("both", 30.0, 0.0)


# --- sections ------------------------------------------------------------------------


def test_sections_to_millimetres(tmp_path):
    gbt = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
    first = '<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:pPr><w:r><w:t>横向</w:t></w:r></w:p>'
    doc = read_body(tmp_path, first + para("正文"), sect=gbt)
    assert len(doc.sections) == 2 and doc.has_layout
    landscape, final = doc.sections
    assert (landscape.width_mm, landscape.height_mm, landscape.top_mm) == (297.0, 210.0, 25.4)
    assert (final.width_mm, final.height_mm) == (210.0, 297.0)
    assert (final.top_mm, final.bottom_mm, final.left_mm, final.right_mm) == (37.0, 35.0, 28.0, 26.0)


def test_main_part_found_through_relationships(tmp_path):
    import zipfile

    path = tmp_path / "renamed.docx"
    build_docx(path, para("甲"))
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries["word/main.xml"] = entries.pop("word/document.xml")
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    entries["word/_rels/main.xml.rels"] = entries.pop("word/_rels/document.xml.rels")
    with zipfile.ZipFile(path, "w") as z:
        for n, data in entries.items():
            z.writestr(n, data)
    assert texts(read_document(path)) == ["甲"]


def test_real_word_file_from_python_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("一、总体情况", 1)
    p = d.add_paragraph("正文")
    p.add_run("加粗").bold = True
    d.add_table(rows=1, cols=2).cell(0, 1).text = "格"
    d.add_paragraph("第一项", style="List Number")
    d.add_paragraph("第二项", style="List Number")
    d.save(tmp_path / "r.docx")
    doc = read_document(tmp_path / "r.docx")
    assert texts(doc) == ["一、总体情况", "正文加粗", "", "格", "1.第一项", "2.第二项"]
    assert doc.paragraphs[0].outline_level == 0 and doc.paragraphs[0].bold
    assert doc.paragraphs[1].runs[1].bold and not doc.paragraphs[1].bold
    assert doc.paragraphs[0].runs[0].font_east_asia  # resolved through the theme


# --- text ----------------------------------------------------------------------------

REPORT = "岘山镇2023年度法治政府建设工作报告\n一、主要举措与成效\n（一）加强学习，提升法治素养\n"


@pytest.mark.parametrize(
    "encoded",
    [
        REPORT.encode("utf-8"),
        b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
        b"\xff\xfe" + REPORT.encode("utf-16-le"),
        b"\xfe\xff" + REPORT.encode("utf-16-be"),
        REPORT.encode("utf-16-le"),
        REPORT.encode("utf-16-be"),
        REPORT.encode("gb18030"),
        REPORT.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "gb18030", "gbk"],
)
def test_text_encodings(tmp_path, encoded):
    path = tmp_path / "r.txt"
    path.write_bytes(encoded)
    assert texts(read_document(path))[:3] == REPORT.splitlines()


def test_text_line_endings_and_nul_bytes(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("甲\r\n乙\r丙\n\n丁\x00戊".encode())
    doc = read_document(path)
    assert texts(doc) == ["甲", "乙", "丙", "", "丁戊"]
    assert not doc.has_layout and doc.kind == "txt"


def test_ten_megabytes_of_text_read_quickly(tmp_path):
    line = "我镇深入学习宣传习近平法治思想，持续推进法治政府建设，取得明显成效。" * 3 + "\n"
    path = tmp_path / "big.txt"
    data = (line * (10 * 1024 * 1024 // len(line.encode()))).encode()
    path.write_bytes(data)
    with pytest.raises(LimitExceeded, match="--max-chars"):  # 3.5 million characters: no report is that long
        read_document(path)
    with file_budget(path, Limits(characters=4_000_000)):
        start = time.perf_counter()
        doc = read_document(path)
        elapsed = time.perf_counter() - start
    assert len(doc.paragraphs) > 30_000
    assert elapsed < 5, elapsed


def test_markdown_headings(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 标题\n## 一、总体情况\n**（一）学习**\n正文\n", encoding="utf-8")
    doc = read_document(path)
    assert [(p.text, p.outline_level, p.bold) for p in doc.paragraphs][:4] == [("标题", 0, True), ("一、总体情况", 0, True), ("（一）学习", None, True), ("正文", None, False)]


def test_numbering_through_num_style_link(tmp_path):
    """An abstractNum that only links to a numbering style takes its levels from there."""
    numbering = part_xml(
        "numbering",
        """
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:styleLink w:val="CnList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="CnList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
""",
    )
    styles = part_xml("styles", '<w:style w:type="numbering" w:styleId="CnList"><w:name w:val="CnList"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    doc = read_body(tmp_path, numbered("甲", 2) + numbered("乙", 2), parts={"styles": styles, "numbering": numbering})
    assert texts(doc) == ["一、甲", "二、乙"]


def test_styles_without_usual_serialisation_fall_back_to_full_parse(tmp_path):
    """A styles part with another prefix (not `w:`) is parsed whole, same result."""
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><x:styles xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<x:style x:type="paragraph" x:default="1" x:styleId="N"><x:name x:val="Normal"/><x:rPr><x:sz x:val="32"/></x:rPr></x:style>'
        '<x:style x:type="paragraph" x:styleId="H"><x:name x:val="heading 1"/><x:basedOn x:val="N"/></x:style></x:styles>'
    )
    doc = read_body(tmp_path, para("正文") + para("标题", '<w:pStyle w:val="H"/>'), parts={"styles": styles})
    assert [(p.style_name, p.outline_level, p.runs[0].size_pt) for p in doc.paragraphs] == [("Normal", None, 16.0), ("heading 1", 0, 16.0)]


def test_hostile_numbering_values_stay_small(tmp_path):
    """Word caps start values at 32767; a crafted 10^15 must not build a huge marker."""
    numbering = part_xml(
        "numbering",
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1000000000000000"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    doc = read_body(tmp_path, numbered("甲", 1), parts={"numbering": numbering}, sect='<w:sectPr><w:pgSz w:w="1e999" w:h="nan"/></w:sectPr>')
    assert texts(doc) == ["32767.甲"]
    assert doc.sections[0].width_mm == 210.0


def test_theme_with_other_prefix_is_parsed(tmp_path):
    theme = THEME.replace("a:", "t:").replace("xmlns:a=", "xmlns:t=")
    doc = read_body(tmp_path, para("主题", rpr='<w:rFonts w:eastAsiaTheme="minorEastAsia" w:asciiTheme="majorAscii"/>'), parts={"theme/theme1": theme})
    assert (doc.paragraphs[0].runs[0].font_east_asia, doc.paragraphs[0].runs[0].font_ascii) == ("等线", "Calibri Light")
