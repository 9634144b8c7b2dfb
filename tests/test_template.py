"""`fazhi template`: the Word/Markdown template built from the profile.

Layout is asserted by reading the generated file back with the project's
reader (fonts, sizes, spacing, margins) and, for what the reader does not
model (footers, fontTable, theme attributes), with lxml."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree
from typer.testing import CliRunner

from fazhi.checker.engine import build_context, check_document
from fazhi.checker.outline import detect_marker
from fazhi.checker.reader import document_from_text, read_document
from fazhi.checker.rules import registry
from fazhi.cli.app import app
from fazhi.errors import ProfileError
from fazhi.schema import PART_IDS, load_profile
from fazhi.templates import build_docx, build_markdown, write_docx
from fazhi.templates.docx_builder import char_condensing, line_pitch_twips, signature_indents, text_width_chars

from conftest import SEEDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = dict(entity="岘山镇", year=2023, addressee="衡阳县委依法治县办", signer="衡阳县岘山镇人民政府")
LAYOUT_RULES = {"font-title", "font-body", "font-heading", "page-margins", "page-size", "line-spacing"}


@pytest.fixture(scope="module")
def template_path(tmp_path_factory):
    return write_docx(tmp_path_factory.mktemp("tpl") / "模板.docx", "township", **OPTIONS)


@pytest.fixture(scope="module")
def template_doc(template_path):
    return read_document(template_path)


def _xml(path, name):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _by_text(doc, start):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def _font(para):
    fonts = {(r.font_east_asia, r.size_pt) for r in para.runs if r.text.strip()}
    assert len(fonts) == 1, fonts
    return fonts.pop()


# --- content from the profile ----------------------------------------------------------


def test_title_addressee_parts_and_signature(template_doc):
    texts = [p.text for p in template_doc.nonempty()]
    assert texts[0] == "岘山镇2023年度法治政府建设情况报告"
    assert texts[1] == "衡阳县委依法治县办："
    top = [t for t in texts if t[:2] in {"一、", "二、", "三、", "四、", "五、"}]
    assert top == [
        "一、2023年度推进法治政府建设的主要举措和成效",
        "二、2023年度推进法治政府建设存在的不足和原因",
        "三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        "四、2024年度推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]
    assert "（一）加强党的领导，完善法治政府建设推进机制" in texts
    assert texts[-2:] == ["衡阳县岘山镇人民政府", "【填写成文日期，如2024年2月20日】"]


def test_every_part_has_guidance_marked_as_unfilled(template_doc):
    profile = load_profile("township")
    ctx = build_context(template_doc, profile)
    for pid in PART_IDS:
        texts = [p.text for p in ctx.parts[pid].paragraphs]
        assert any(t.startswith("【填写说明：") and t.endswith("】") for t in texts), pid
    # Guidance is rendered with jinja2: the next year is filled in.
    assert any("写明2024年的主要安排" in p.text for p in ctx.parts["next_year"].paragraphs)


def test_placeholders_without_options():
    text = build_markdown("township", year=2024)
    assert text.startswith("# 【填写单位名称】2024年度法治政府建设情况报告\n")
    assert "\n县委依法治县办：\n" in text  # the profile's default 主送机关
    assert "\n【填写发文机关署名】\n" in text
    assert text.rstrip().endswith("【填写成文日期，如2025年2月20日】")


def test_addressee_gets_one_fullwidth_colon():
    assert "\n衡阳县委依法治县办：\n" in build_markdown(addressee="衡阳县委依法治县办:", year=2024)
    assert "\n衡阳县委依法治县办：\n" in build_markdown(addressee="衡阳县委依法治县办：", year=2024)


def test_markdown_skeleton():
    text = build_markdown("township", **OPTIONS)
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "# 岘山镇2023年度法治政府建设情况报告"
    assert lines[1] == "衡阳县委依法治县办："
    assert sum(line.startswith("## ") for line in lines) == 5
    assert "## 四、2024年度推进法治政府建设的主要安排" in lines
    assert "### （八）深入开展法治宣传教育" in lines
    assert all(line.startswith(("#", "【", "衡阳县")) for line in lines), "only headings, guidance and metadata"
    assert lines[-2:] == ["衡阳县岘山镇人民政府", "【填写成文日期，如2024年2月20日】"]


def test_markdown_parts_are_found_under_their_headings_and_are_empty():
    """The headings are found; with only guidance under them, each part is `empty`."""
    doc = document_from_text(build_markdown("township", **OPTIONS), path="模板.md", kind="md")
    report = check_document(doc, load_profile("township"))
    assert {p.id: p.status for p in report.parts} == dict.fromkeys(PART_IDS, "empty")
    assert all(p.heading is not None for p in report.parts)


def _county_profile(tmp_path, extra=""):
    path = tmp_path / "county.yaml"
    path.write_text(
        "name: county\n"
        "extends: township\n"
        "meta:\n"
        "  template_title: \"{{ entity }}关于{{ year }}年度法治政府建设情况的报告\"\n"
        "parts:\n"
        "  - id: other\n"
        "    guidance:\n"
        "      - 写本镇{{ year }}年落实县委专项督察整改的情况（县里新增要求）。\n" + extra,
        encoding="utf-8",
    )
    return str(path)


def test_county_profile_changes_the_template_without_code(tmp_path):
    profile = load_profile(_county_profile(tmp_path))
    doc = read_document(write_docx(tmp_path / "county.docx", profile, entity="岘山镇", year=2024))
    texts = [p.text for p in doc.nonempty()]
    assert texts[0] == "岘山镇关于2024年度法治政府建设情况的报告"
    assert "【填写说明：写本镇2024年落实县委专项督察整改的情况（县里新增要求）。】" in texts
    assert not any("没有的写“无”" in t for t in texts), "the township guidance was replaced"
    assert "【填写说明：写本镇2024年落实县委专项督察整改的情况（县里新增要求）。】" in build_markdown(profile, year=2024)


def test_template_syntax_error_in_profile_names_the_field(tmp_path):
    path = _county_profile(tmp_path, "    template_heading: \"其他{{ yeer }}情况\"\n")
    with pytest.raises(ProfileError, match=r"parts\.other\.template_heading.*可用变量"):
        build_docx(path)
    result = CliRunner().invoke(app, ["template", "-o", str(tmp_path / "x.docx"), "-p", path])
    assert result.exit_code == 2
    assert "parts.other.template_heading" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()


# --- layout, read back ------------------------------------------------------------------


def test_page_is_a4_with_gbt9704_margins(template_doc):
    (page,) = template_doc.sections
    assert (page.width_mm, page.height_mm) == pytest.approx((210, 297), abs=0.1)
    assert (page.top_mm, page.bottom_mm, page.left_mm, page.right_mm) == pytest.approx((37, 35, 28, 26), abs=0.1)


def test_fonts_sizes_and_spacing(template_doc):
    title = template_doc.nonempty()[0]
    assert _font(title) == ("方正小标宋简体", 22.0) and title.alignment == "center"
    h1 = _by_text(template_doc, "一、")
    assert _font(h1) == ("黑体", 16.0) and h1.outline_level == 0 and not h1.bold
    h2 = _by_text(template_doc, "（一）")
    assert _font(h2) == ("楷体_GB2312", 16.0) and h2.outline_level == 1
    guidance = _by_text(template_doc, "【填写说明：按")
    assert _font(guidance) == ("仿宋_GB2312", 16.0) and guidance.outline_level is None
    assert guidance.first_line_indent_chars == 2
    addressee = _by_text(template_doc, "衡阳县委依法治县办")
    assert _font(addressee) == ("仿宋_GB2312", 16.0) and not addressee.first_line_indent_chars  # 顶格
    for p in template_doc.nonempty():
        assert p.line_spacing_rule == "exact" and p.line_spacing_pt == pytest.approx(28.95), p.text


def test_line_pitch_gives_22_lines_and_28_characters():
    layout = load_profile("township").layout
    assert line_pitch_twips(layout) == 579  # 28.95 pt; 22 × 579 twips fit in 225 mm
    assert 22 * line_pitch_twips(layout) <= 225 / 25.4 * 1440 < 23 * line_pitch_twips(layout)
    width_pt = 156 / 25.4 * 72
    assert 28 * (16 + char_condensing(layout) / 20) <= width_pt < 29 * (16 + char_condensing(layout) / 20)


def test_east_asian_fonts_are_set_on_styles_without_theme_fonts(template_path):
    styles = _xml(template_path, "word/styles.xml")
    wanted = {"Normal": "仿宋_GB2312", "Heading1": "黑体", "Heading2": "楷体_GB2312", "FazhiTitle": "方正小标宋简体"}
    for style_id, font in wanted.items():
        (fonts,) = styles.xpath(f"w:style[@w:styleId='{style_id}']/w:rPr/w:rFonts", namespaces={"w": W[1:-1]})
        assert fonts.get(f"{W}eastAsia") == font and fonts.get(f"{W}ascii") == font, style_id
        assert not any("Theme" in a or "theme" in a for a in fonts.attrib), style_id
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert default.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert default.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    # Heading styles also carry the outline level (navigation pane).
    h2 = styles.xpath("w:style[@w:styleId='Heading2']/w:pPr/w:outlineLvl", namespaces={"w": W[1:-1]})
    assert h2[0].get(f"{W}val") == "1"


def test_font_substitutes_declared_in_font_table(template_path):
    table = _xml(template_path, "word/fontTable.xml")
    alt = {f.get(f"{W}name"): f.find(f"{W}altName") for f in table.findall(f"{W}font")}
    assert alt["方正小标宋简体"].get(f"{W}val") == "华文中宋"
    assert alt["仿宋_GB2312"].get(f"{W}val") == "仿宋"
    assert alt["楷体_GB2312"].get(f"{W}val") == "楷体"


def test_page_numbers_odd_right_even_left(template_path):
    settings = _xml(template_path, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    sect = _xml(template_path, "word/document.xml").find(f"{W}body/{W}sectPr")
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") for r in sect.findall(f"{W}footerReference")}
    assert set(refs) == {"default", "even"}
    rels = _xml(template_path, "word/_rels/document.xml.rels")
    target = {r.get("Id"): r.get("Target") for r in rels}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = _xml(template_path, "word/" + target[refs[kind]])
        (p,) = footer.findall(f"{W}p")
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
        assert p.find(f"{W}pPr/{W}ind").get(f"{W}{side}Chars") == "100"  # 空一字
        assert "".join(t.text for t in p.iter(f"{W}t")) == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p.iter(f"{W}instrText"))
        sizes = {sz.get(f"{W}val") for sz in p.iter(f"{W}sz")}
        fonts = {f.get(f"{W}eastAsia") for f in p.iter(f"{W}rFonts")}
        assert sizes == {"28"} and fonts == {"宋体"}  # 4号半角宋体


def test_signature_indents_follow_gbt9704():
    # “衡阳县岘山镇人民政府” (10) over “2024年2月22日” (6.5): 署名右空二字, date starts 2 further right.
    sig, date = signature_indents(text_width_chars("衡阳县岘山镇人民政府"), text_width_chars("2024年2月22日"))
    assert (sig, date) == (2, 3.5)
    # A short signer: the date keeps 右空二字 and the signature moves right.
    sig, date = signature_indents(text_width_chars("岘山镇"), text_width_chars("2024年2月22日"))
    assert date == 2 and sig + 3 == 2 + 6.5 + 2


def test_python_docx_opens_the_template(template_path):
    d = docx.Document(str(template_path))
    assert d.core_properties.title == "岘山镇2023年度法治政府建设情况报告"
    assert d.paragraphs[0].style.name == "公文标题"


# --- the checker on the template ----------------------------------------------------------


def test_unfilled_template_parts_are_empty_and_layout_is_clean(template_path):
    report = check_document(read_document(template_path), load_profile("township"))
    assert {p.id: p.status for p in report.parts} == dict.fromkeys(PART_IDS, "empty")
    assert all(p.heading is not None for p in report.parts)
    rules = {f.rule for f in report.findings}
    assert "part-missing" not in rules
    assert sorted(f.part for f in report.findings if f.rule == "part-empty") == sorted(PART_IDS)
    assert report.layout is not None and report.layout.score == 100
    assert not rules & LAYOUT_RULES, [f.message for f in report.findings if f.rule in LAYOUT_RULES]


@pytest.mark.skipif("placeholder" not in registry(), reason="placeholder rule not registered yet")
def test_unfilled_template_fails_with_placeholders_in_every_part(template_path):
    report = check_document(read_document(template_path), load_profile("township"))
    flagged = {f.part for f in report.findings if f.rule == "placeholder"}
    assert set(PART_IDS) <= flagged
    assert not report.passed


def seed_sections(seed):
    """Seed text cut into intro, the five parts' content (without their headings), signature, date."""
    text = seed.read_text(encoding="utf-8")
    ctx = build_context(document_from_text(text), load_profile("township"))
    parts = {pid: [p.text for p in ctx.parts[pid].paragraphs[1:]] for pid in PART_IDS}
    first = min(ctx.parts[pid].anchor.index for pid in PART_IDS)
    intro = [p.text for p in ctx.body if p.index < first]
    return intro, parts, ctx.meta.signature.text.strip(), ctx.meta.date.text.strip()


def fill_template(data: bytes, intro, parts, signature, date) -> bytes:
    """What a clerk does: replace the guidance with the report's paragraphs, using
    the template's heading styles for （一） sub-headings, and fill 署名 and 日期."""
    d = docx.Document(io.BytesIO(data))
    styles = {s.style_id: s for s in d.styles}
    for p in list(d.paragraphs):
        if p.style.style_id in ("FazhiGuidance", "Heading2"):
            p._p.getparent().remove(p._p)
    tops = [p for p in d.paragraphs if p.style.style_id == "Heading1"]
    signature_para = next(p for p in d.paragraphs if p.style.style_id == "FazhiSignature")
    anchors = tops[1:] + [signature_para]
    for line in intro:
        tops[0].insert_paragraph_before(line, style=styles["Normal"])
    for pid, anchor in zip(PART_IDS, anchors):
        if anchor is signature_para:
            anchor = signature_para._p.getprevious()  # the blank line above the signature
            anchor = docx.text.paragraph.Paragraph(anchor, signature_para._parent)
        for line in parts[pid]:
            _insert_line(anchor, line, styles)
    signature_para.text = signature
    next(p for p in d.paragraphs if p.style.style_id == "FazhiDate").text = date
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _insert_line(anchor, line, styles):
    """A （一） heading on its own line gets the 标题 2 style; one with body text run
    in after it ("（一）加强学习。全年…") stays body text with only the heading words in 楷体."""
    found = detect_marker(line)
    words, dot, rest = line.partition("。")
    if not (found and found[0].level == 2):
        anchor.insert_paragraph_before(line, style=styles["Normal"])
    elif not rest:
        anchor.insert_paragraph_before(line, style=styles["Heading2"])
    else:
        para = anchor.insert_paragraph_before("", style=styles["Normal"])
        heading = para.add_run(words + dot)
        heading._r.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "楷体_GB2312")
        para.add_run(rest)


def test_template_filled_with_a_good_report_scores_well(tmp_path):
    seed = next(SEEDS.glob("001_*.txt"))
    intro, parts, signature, date = seed_sections(seed)
    assert all(parts.values()) and signature == "衡阳县岘山镇人民政府" and date == "2024年2月22日"
    filled = tmp_path / "岘山镇2023.docx"
    filled.write_bytes(fill_template(build_docx("township", **OPTIONS), intro, parts, signature, date))
    report = check_document(read_document(filled), load_profile("township"))
    assert {p.id: p.status for p in report.parts} == dict.fromkeys(PART_IDS, "heading")
    assert report.score >= 85, [(f.rule, f.message) for f in report.findings]
    assert report.year == 2023 and report.entity == "岘山镇"
    assert not {f.rule for f in report.findings} & LAYOUT_RULES
    assert not any(f.rule == "placeholder" and "填写" in f.evidence for f in report.findings)


# --- command line -----------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["template", *args])


def test_cli_writes_docx_and_markdown(tmp_path):
    out = tmp_path / "报告.docx"
    result = invoke("-o", str(out), "--entity", "岘山镇", "--year", "2024", "--signer", "衡阳县岘山镇人民政府")
    assert result.exit_code == 0, result.output
    assert "已生成模板" in result.output
    assert read_document(out).nonempty()[0].text == "岘山镇2024年度法治政府建设情况报告"
    md = tmp_path / "报告.md"
    assert invoke("-o", str(md), "--year", "2024").exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# 【填写单位名称】2024年度")
    result = invoke("--format", "md", "--entity", "岘山镇", "--year", "2024")
    assert result.exit_code == 0 and result.output.startswith("# 岘山镇2024年度")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "pdf", "-o", "x.pdf"], "不支持的模板格式"),
        (["-o", "x.txt"], "扩展名应为 .docx 或 .md"),
        (["-o", "x.docx", "--format", "md"], "扩展名与 --format md 不一致"),
        ([], "需要用 -o 指定输出文件"),
        (["-o", "x.docx", "--year", "24"], "报告年度 24 不合理"),
        (["-o", "nope/x.docx"], "不存在"),
        (["-o", "x.docx", "-p", "no-such-profile"], "找不到配置档"),
    ],
)
def test_cli_bad_input_is_one_chinese_line_and_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("fazhi: ")
    assert list(tmp_path.iterdir()) == []


def test_cli_uses_the_profile_of_the_configuration_file(tmp_path, monkeypatch):
    profile = _county_profile(tmp_path)
    (tmp_path / "fazhi.toml").write_text(f'profile = "{profile}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--format", "md", "--entity", "岘山镇", "--year", "2024")
    assert result.exit_code == 0 and result.output.startswith("# 岘山镇关于2024年度")
    result = invoke("--format", "md", "--entity", "岘山镇", "--year", "2024", "--no-config")
    assert result.output.startswith("# 岘山镇2024年度")


def test_cli_does_not_overwrite_without_force(tmp_path):
    out = tmp_path / "报告.docx"
    out.write_bytes(b"my draft")
    result = invoke("-o", str(out))
    assert result.exit_code == 2 and "已存在" in result.output and "--force" in result.output
    assert out.read_bytes() == b"my draft"
    assert invoke("-o", str(out), "--force").exit_code == 0
    assert zipfile.is_zipfile(out)


def test_template_properties_say_fazhi_and_now(tmp_path):
    """Not python-docx's default package (created 2013 by "Microsoft Macintosh Word")."""
    import datetime as dt
    import zipfile as zf

    from fazhi.templates import build_docx

    with zf.ZipFile(io.BytesIO(build_docx("township"))) as z:
        core, app = z.read("docProps/core.xml").decode(), z.read("docProps/app.xml").decode()
    assert "<dc:creator>fazhi</dc:creator>" in core and "<Application>fazhi</Application>" in app
    assert f">{dt.datetime.now(dt.timezone.utc).year}-" in core and "2013-" not in core


def test_guidance_is_visibly_not_body_text(tmp_path):
    """【填写说明】 paragraphs use the 填写说明 style: grey italic from the profile."""
    import docx as python_docx

    from fazhi.templates import write_docx

    doc = python_docx.Document(str(write_docx(tmp_path / "t.docx", "township", year=2024)))
    guidance = [p for p in doc.paragraphs if p.text.startswith("【填写说明")]
    body_like = [p for p in doc.paragraphs if p.text and not p.text.startswith("【")]
    assert guidance and all(p.style.style_id == "FazhiGuidance" for p in guidance)
    style = guidance[0].style
    assert str(style.font.color.rgb) == "7F7F7F" and style.font.italic
    assert all(p.style.font.color.rgb is None for p in body_like)

    county = tmp_path / "county.yaml"
    county.write_text("name: county\nextends: township\nlayout:\n  guidance_color: 0070C0\n  guidance_italic: false\n", encoding="utf-8")
    doc = python_docx.Document(str(write_docx(tmp_path / "c.docx", str(county), year=2024)))
    style = next(p for p in doc.paragraphs if p.text.startswith("【填写说明")).style
    assert str(style.font.color.rgb) == "0070C0" and not style.font.italic
