"""Layout rules (GB/T 9704-2012) on real .docx files: one finding per problem
per document, tolerance for a minority of odd paragraphs, accepted fonts."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.checker.engine import check_document, check_path
from fazhi.checker.outline import detect_marker
from fazhi.checker.reader import read_document
from fazhi.checker.rules import registry
from fazhi.schema import load_profile
from fazhi.schema.fonts import font_book

from conftest import SEEDS

LAYOUT = {"font-title", "font-body", "font-heading", "page-margins", "page-size", "line-spacing"}
GBT_MARGINS = (37, 35, 28, 26)
SEED_001 = next(SEEDS.glob("001_*.txt"))
SEED_LINES = [line.strip() for line in SEED_001.read_text(encoding="utf-8").splitlines() if line.strip()]
GOOD = dict(title=("方正小标宋简体", 22), body=("仿宋_GB2312", 16), h1=("黑体", 16), h2=("楷体_GB2312", 16))


def _set_font(rPr_owner, name: str, size: float) -> None:
    rPr = rPr_owner.get_or_add_rPr()
    fonts = rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)
    rPr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))


def build(path, lines=SEED_LINES, *, margins=GBT_MARGINS, page=(210, 297), spacing=28.95, fonts=GOOD, odd=None, run_in_whole=False):
    """A report as a clerk would format it: the body font on the Normal style, the
    title and 一、/（一） headings in their own fonts by direct formatting.
    `odd` maps a line index to a (font, size) that overrides everything;
    `run_in_whole` sets a heading's run-in body text in the heading font too."""
    d = Document()
    _set_font(d.styles["Normal"].element, *fonts["body"])
    section = d.sections[0]
    section.page_width, section.page_height = Mm(page[0]), Mm(page[1])
    if page[0] > page[1]:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (Mm(m) for m in margins)
    for i, line in enumerate(lines):
        p = d.add_paragraph()
        found = detect_marker(line)
        role = "title" if i == 0 else {1: "h1", 2: "h2"}.get(found[0].level) if found else None
        words, dot, rest = line.partition("。")
        if odd and i in odd:
            _set_font(p.add_run(line)._r, *odd[i])
        elif role and rest and not run_in_whole:  # "（一）加强学习。全年…": only the heading words
            _set_font(p.add_run(words + dot)._r, *fonts[role])
            p.add_run(rest)
        elif role:
            _set_font(p.add_run(line)._r, *fonts[role])
        else:
            p.add_run(line)
        if i == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if spacing is not None:
            p.paragraph_format.line_spacing = Pt(spacing)
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    d.save(path)
    return path


def layout_findings(path, profile="township"):
    report = check_path(path, load_profile(profile) if isinstance(profile, str) else profile)
    return [f for f in report.findings if f.rule in LAYOUT]


def by_rule(findings):
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f)
    return out


# --- the done criteria ------------------------------------------------------------------


def test_songti_12pt_with_20mm_margins_gets_each_finding_once(tmp_path):
    songti = {role: ("宋体", 12) for role in GOOD}
    path = build(tmp_path / "宋体小四.docx", margins=(20, 20, 20, 20), spacing=None, fonts=songti)
    found = by_rule(layout_findings(path))
    assert sorted(found) == ["font-body", "font-heading", "font-title", "page-margins"]
    assert all(len(v) == 1 for v in found.values()), {k: len(v) for k, v in found.items()}
    body = found["font-body"][0]
    body_paragraphs = sum(1 for line in SEED_LINES[1:] if not _heading_level(line))
    assert "宋体 12磅（小四）" in body.message and "应为仿宋_GB2312 16磅（三号）" in body.message
    assert body.extra["count"] >= body_paragraphs - 3  # metadata lines are not body
    assert "一级标题为宋体 12磅（小四）（共 5 个）" in found["font-heading"][0].message
    assert "二级标题" in found["font-heading"][0].message
    assert "应为方正小标宋简体 22磅（二号）" in found["font-title"][0].message
    margins = found["page-margins"][0].message
    assert "上20 下20 左20 右20" in margins and "上37 下35 左28 右26" in margins
    for f in sum(found.values(), []):
        assert f.severity == "warning" and f.basis.startswith("GB/T 9704-2012") and f.paragraph is not None


def test_well_formatted_report_gets_no_layout_finding(tmp_path):
    assert layout_findings(build(tmp_path / "good.docx")) == []


def test_text_reports_skip_layout_rules():
    report = check_path(SEED_001, "township")
    assert not [f for f in report.findings if f.rule in LAYOUT]


def test_layout_findings_move_the_layout_score_not_the_headline(tmp_path):
    songti = {role: ("宋体", 12) for role in GOOD}
    path = build(tmp_path / "bad.docx", margins=(20, 20, 20, 20), spacing=20, fonts=songti, page=(216, 279))
    found = layout_findings(path)
    assert sorted(f.rule for f in found) == sorted(LAYOUT)
    weights = load_profile("township").scoring.layout_points
    assert {f.rule: f.points for f in found} == {slug: weights[slug] for slug in LAYOUT}
    bad, good = check_path(path, "township"), check_path(build(tmp_path / "good.docx"), "township")
    assert bad.layout is not None and bad.layout.score == 100 - sum(weights[slug] for slug in LAYOUT) == 0
    assert good.layout is not None and good.layout.score == 100
    assert bad.score == good.score  # the same text: layout does not move the headline


# --- tolerance and accepted fonts -------------------------------------------------------


def _body_indices():
    """Seed 001 lines that are body text: after the intro, no 一、/（一） heading."""
    return [i for i, line in enumerate(SEED_LINES) if i > 2 and len(line) > 40 and not _heading_level(line)]


def _heading_level(line):
    found = detect_marker(line)
    return found[0].level if found and found[0].level <= 2 else None


def test_a_minority_of_odd_body_paragraphs_is_tolerated(tmp_path):
    few = dict.fromkeys(_body_indices()[:2], ("宋体", 12))
    assert layout_findings(build(tmp_path / "few.docx", odd=few)) == []


def test_a_large_share_of_odd_body_paragraphs_is_reported_once_with_count(tmp_path):
    many = dict.fromkeys(_body_indices()[:8], ("宋体", 10.5))
    (f,) = layout_findings(build(tmp_path / "many.docx", odd=many))
    assert f.rule == "font-body" and "宋体 10.5磅（五号）（共 8 段）" in f.message
    assert f.paragraph == min(_body_indices()) + 1


@pytest.mark.parametrize(
    "fonts",
    [
        dict(GOOD, body=("仿宋", 16)),
        dict(GOOD, body=("FangSong_GB2312", 16)),
        dict(GOOD, title=("华文中宋", 22)),
        dict(GOOD, h2=("KaiTi", 16), h1=("SimHei", 16)),
        dict(GOOD, body=("仿宋_GB2312", 16.3)),  # within the 0.5 pt tolerance
    ],
    ids=["fangsong", "english-alias", "title-substitute", "heading-aliases", "size-tolerance"],
)
def test_accepted_fonts_and_aliases(tmp_path, fonts):
    assert layout_findings(build(tmp_path / "ok.docx", fonts=fonts)) == []


def test_only_the_wrong_aspect_is_named(tmp_path):
    found = layout_findings(build(tmp_path / "t.docx", fonts=dict(GOOD, title=("方正小标宋简体", 18))))
    (f,) = found
    assert f.rule == "font-title" and f.message.startswith("标题字体字号为方正小标宋简体 18磅（小二）")


def test_body_text_run_in_after_a_heading_counts_as_body(tmp_path):
    # Seed 001 runs body text in after its （一） headings; set wholly in 楷体, that body
    # text is in the wrong font (the heading words alone are fine).
    (f,) = layout_findings(build(tmp_path / "run_in.docx", run_in_whole=True))
    assert f.rule == "font-body" and f.message.startswith("正文字体字号为楷体_GB2312 16磅（三号）（共 7 段）")
    assert SEED_LINES[f.paragraph - 1].startswith("（一）加强理论学习，增强法治思维。")


def test_profile_font_data_adds_aliases(tmp_path):
    fonts_file = tmp_path / "my_fonts.yaml"
    fonts_file.write_text("fonts:\n  仿宋_GB2312:\n    aliases: [本地仿宋]\n", encoding="utf-8")
    profile_file = tmp_path / "county.yaml"
    profile_file.write_text(f"name: county\nextends: township\ndata:\n  fonts: [{fonts_file}]\n", encoding="utf-8")
    path = build(tmp_path / "local.docx", fonts=dict(GOOD, body=("本地仿宋", 16)))
    assert [f.rule for f in layout_findings(path)] == ["font-body"]
    assert layout_findings(path, str(profile_file)) == []


# --- page and spacing -------------------------------------------------------------------


def test_margins_within_one_millimetre_pass(tmp_path):
    assert layout_findings(build(tmp_path / "m.docx", margins=(37.8, 34.2, 28.5, 25.4))) == []


def test_word_default_margins_are_reported(tmp_path):
    (f,) = layout_findings(build(tmp_path / "m.docx", margins=(25.4, 25.4, 31.8, 31.8)))
    assert f.rule == "page-margins" and "上25.4 下25.4 左31.8 右31.8" in f.message


def test_letter_paper_is_reported_and_landscape_a4_is_not(tmp_path):
    (f,) = [f for f in layout_findings(build(tmp_path / "letter.docx", page=(216, 279))) if f.rule == "page-size"]
    assert "216×279" in f.message
    # A landscape A4 page (a wide table) is A4, and its margins are not judged.
    assert layout_findings(build(tmp_path / "landscape.docx", page=(297, 210), margins=(20, 20, 20, 20))) == []


@pytest.mark.parametrize("spacing, flagged", [(20, True), (36, True), (28, False), (29.5, False), (None, False)])
def test_line_spacing(tmp_path, spacing, flagged):
    found = [f for f in layout_findings(build(tmp_path / "s.docx", spacing=spacing)) if f.rule == "line-spacing"]
    assert len(found) == (1 if flagged else 0)
    if flagged:
        assert f"{spacing}磅" in found[0].message and found[0].severity == "warning"


def test_rule_can_be_tuned_in_the_profile(tmp_path):
    profile_file = tmp_path / "strict.yaml"
    profile_file.write_text(
        "name: strict\nextends: township\nrules:\n  font-body:\n    options: {tolerated_share: 0}\n  page-margins:\n    enabled: false\n",
        encoding="utf-8",
    )
    path = build(tmp_path / "x.docx", odd={_body_indices()[0]: ("宋体", 12)}, margins=(20, 20, 20, 20))
    assert layout_findings(path) == [f for f in layout_findings(path) if f.rule == "page-margins"]
    assert [f.rule for f in layout_findings(path, str(profile_file))] == ["font-body"]


# --- rule metadata ----------------------------------------------------------------------


def test_layout_rules_are_documented_and_never_errors():
    rules = {slug: r for slug, r in registry().items() if r.group == "layout"}
    assert set(rules) == LAYOUT
    for rule in rules.values():
        assert not rule.examples_are_text and rule.group == "layout"
        assert rule.severity != "error", "GB/T 9704 words the fonts with 一般; margins are a warning by choice"
        assert rule.basis.startswith("GB/T 9704-2012") and rule.bad and rule.good and rule.fix


def test_font_book():
    book = font_book()
    assert book.size_label(16) == "16磅（三号）" and book.size_label(10.5) == "10.5磅（五号）" and book.size_label(13) == "13磅"
    assert book.same("SimHei", "黑体") and book.same("fangsong_gb2312", "仿宋_GB2312") and not book.same("仿宋", "仿宋_GB2312")
    assert book.fallback("方正小标宋简体") == ["华文中宋", "宋体"]


def test_reader_sees_what_the_rules_need(tmp_path):
    doc = read_document(build(tmp_path / "r.docx"))
    assert doc.has_layout and len(doc.sections) == 1
    body = doc.paragraphs[5]
    assert (body.runs[0].font_east_asia, body.runs[0].size_pt) == ("仿宋_GB2312", 16)
    assert body.line_spacing_rule == "exact" and body.line_spacing_pt == pytest.approx(28.95, abs=0.05)
    from fazhi.checker.rules import registry

    layout = [f.rule for f in check_document(doc, load_profile("township")).findings if registry()[f.rule].group == "layout"]
    assert layout == []  # a document laid out as GB/T 9704 asks draws no layout finding


# --- substitutes the font book allows (README: the checker accepts them) ----------------


@pytest.mark.parametrize(
    "role, font",
    [("title", "宋体"), ("title", "华文中宋"), ("h1", "微软雅黑"), ("h1", "Microsoft YaHei"), ("h2", "楷体"), ("body", "仿宋")],
)
def test_a_listed_substitute_in_the_right_size_draws_no_finding(tmp_path, role, font):
    fonts = dict(GOOD, **{role: (font, GOOD[role][1])})
    assert layout_findings(build(tmp_path / "sub.docx", fonts=fonts)) == []


@pytest.mark.parametrize(
    "role, font, rule",
    [("h1", "宋体", "font-heading"), ("title", "楷体", "font-title"), ("body", "宋体", "font-body"), ("h2", "黑体", "font-heading")],
)
def test_a_font_that_is_no_substitute_is_still_flagged(tmp_path, role, font, rule):
    fonts = dict(GOOD, **{role: (font, GOOD[role][1])})
    assert [f.rule for f in layout_findings(build(tmp_path / "bad.docx", fonts=fonts))] == [rule]


def test_substitutes_are_data_a_profile_can_extend(tmp_path):
    extra = tmp_path / "fonts.yaml"
    extra.write_text("fonts:\n  黑体:\n    aliases: [SimHei]\n    substitutes: [微软雅黑, 思源黑体]\n", encoding="utf-8")
    prof = tmp_path / "p.yaml"
    prof.write_text(f"extends: township\ndata:\n  fonts: [{extra}]\n", encoding="utf-8")
    fonts = dict(GOOD, h1=("思源黑体", 16))
    path = build(tmp_path / "s.docx", fonts=fonts)
    assert layout_findings(path) != []
    assert layout_findings(path, load_profile(str(prof))) == []
