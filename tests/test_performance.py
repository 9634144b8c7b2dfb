"""The speed work keeps behaviour: the fast paths give what the plain
definitions give, the caches never mix up two different inputs, and the
document-wide checks stay linear. Timings themselves are in benchmarks/run.py;
the one budget here is loose enough for a busy CI machine."""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from fazhi.checker.engine import build_context
from fazhi.checker.reader import document_from_text, read_document
from fazhi.checker.reader.docx import _shape
from fazhi.checker.reader.minidocx import build_docx, para, part_xml
from fazhi.checker.rules.content import _places
from fazhi.checker.rules.content._places import divisions
from fazhi.checker.rules.language import duplicate_paragraph
from fazhi.schema import load_profile
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def table():
    return divisions(build_context(document_from_text("x"), load_profile("township")))


# --- division names ------------------------------------------------------------------


def _brute_occurrences(table, text):
    """Every (start, end, name): the definition the last-character index must meet."""
    return sorted((i, i + len(n), n) for n in table.names for i in range(len(text)) if text.startswith(n, i))


def _slice_find_start(table, text, pos, window=16):
    """What `name_at` replaces: the longest name at `pos` in find(text[pos:pos+16])."""
    piece = text[pos : pos + window]
    hit = next((h for h in table.find(piece, two=True) if h.start == 0), None)
    return pos + hit.end if hit else 0


def _texts(table, seed, n=60):
    rng = random.Random(seed)
    names = sorted(table.names)
    fillers = ["，", "。", "的", "区域", "市场", "镇", "中共", "关于", "人民政府", "县委", "赴", " ", "（", "《"]
    out = []
    for _ in range(n):
        out.append("".join(rng.choice(names) if rng.random() < 0.4 else rng.choice(fillers) for _ in range(rng.randrange(1, 12))))
    return out


def test_division_names_found_by_last_character_are_all_of_them(table):
    for text in _texts(table, 1) + ["湖南省衡阳市衡阳县岘山镇", "石柱土家族自治县和湘西州", "城区和郊区", ""]:
        assert sorted(table.occurrences(text)) == _brute_occurrences(table, text), text


def test_names_of_a_whole_document_found_in_one_scan(table):
    texts = _texts(table, 2) + ["", "湖南省", "福建", "建设福建省", "湖南省"]
    loaded = table.for_document().preload(texts)
    for text in texts:
        assert loaded.occurrences(text) == table.for_document()._scan(text), text


def test_name_at_reads_a_sixteen_character_window_like_find(table):
    for text in _texts(table, 2):
        for pos in range(len(text) + 1):
            assert table.name_at(text, pos) == _slice_find_start(table, text, pos), (text, pos)


def test_name_at_window_with_long_names_from_a_profile():
    """Profile data may add names of 16 characters or more; the window then cuts them."""
    d = _places.Division("999999", "甲" * 15 + "县", "", "county")
    names = {"甲" * 15 + "县": ("full", (d,)), "甲" * 16 + "县": ("full", (d,)), "甲县": ("two", (d,)), "甲" * 14 + "县": ("full", (d,))}
    table = _places.Table({d.code: d}, names).for_document()
    for text in ["甲" * 15 + "县域", "甲" * 16 + "县", "甲" * 16 + "县场", "乙" + "甲" * 14 + "县域", "甲县场"]:
        for pos in range(len(text) + 1):
            assert table.name_at(text, pos) == _slice_find_start(table, text, pos), (text, pos)


def test_each_document_gets_its_own_caches():
    profile = load_profile("township")
    a = build_context(document_from_text("衡阳县岘山镇"), profile)
    b = build_context(document_from_text("醴陵市沩山镇"), profile)
    ta, tb = divisions(a), divisions(b)
    assert ta is divisions(a) and ta is not tb
    ta.find("衡阳县")
    assert tb._found == {} and ta.names is tb.names


def _old_body_spots(text):
    spots = [(0, "机关")] + [(i + 1, "机关") for i, c in enumerate(text) if c in "，。；：、“”（）() "]
    spots += [(i + 1, "文件名") for i, c in enumerate(text) if c == "《"]
    spots += [(m.end(), "现将") for m in re.finditer("现将", text)]
    return spots


def test_township_spots_are_the_punctuation_spots_that_can_name_an_organ(table):
    for text in _texts(table, 3):
        old = [(p, w) for p, w in _old_body_spots(text) if w != "机关" or _places._may_be_prefixed(text, p, table)]
        assert _places._body_spots(text, table) == old, text


# --- duplicate paragraphs ----------------------------------------------------------------


def _old_sketch(text):
    grams = {zlib.crc32(text[i : i + 3].encode("utf-32-le")) for i in range(len(text) - 2)}
    return set(sorted(grams)[: duplicate_paragraph.SKETCH])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="法治政府建设年度报告abc123，", max_size=60) | st.text(max_size=30))
def test_sketch_is_the_smallest_crc32_of_the_3_grams(text):
    assert duplicate_paragraph._sketch(text) == _old_sketch(text)


def test_sketch_of_paragraphs_longer_than_the_slice_table():
    rng = random.Random(4)
    for n in (2047, 2048, 2049, 2050, 2051, 6000):
        text = "".join(rng.choice("法治政府建设年度报告数据") for _ in range(n))
        assert duplicate_paragraph._sketch(text) == _old_sketch(text)


def test_duplicate_search_compares_a_bounded_number_of_pairs(monkeypatch):
    """Near-duplicate comparisons grow linearly: at most MAX_CANDIDATES per paragraph,
    even when every paragraph looks like every other."""
    calls = []
    real = duplicate_paragraph.fuzz.ratio

    class CountingFuzz:
        @staticmethod
        def ratio(a, b, **kw):
            calls.append(type(a))
            return real(a, b, **kw)

    monkeypatch.setattr(duplicate_paragraph, "fuzz", CountingFuzz)
    base = "全面落实行政执法公示制度执法全过程记录制度重大执法决定法制审核制度全年办理行政处罚案件"
    rng = random.Random(5)
    for n in (200, 800):
        calls.clear()
        texts = [base + "".join(rng.choice("一二三四五六七八九十") for _ in range(6)) + str(i) for i in range(n)]
        found = duplicate_paragraph.duplicate_pairs(texts)
        assert len(found) >= 0.9 * n  # nearly all are found as near duplicates …
        # … with a bounded number of comparisons, of the byte strings (the
        # quick test for any near pair) and of the texts
        assert calls.count(bytes) <= duplicate_paragraph.MAX_CANDIDATES * n
        assert calls.count(str) <= duplicate_paragraph.MAX_CANDIDATES * n
    calls.clear()
    unlike = ["".join(rng.choice("一二三四五六七八九十法治政府建设年度报告") for _ in range(60)) for _ in range(400)]
    duplicate_paragraph.duplicate_pairs(unlike)
    assert len(calls) <= 2 * duplicate_paragraph.MAX_CANDIDATES * len(unlike)


def _full_search(texts):
    """duplicate_pairs without the quick test for near pairs."""
    original = duplicate_paragraph._may_have_near
    duplicate_paragraph._may_have_near = lambda texts: True
    try:
        return duplicate_paragraph.duplicate_pairs(texts)
    finally:
        duplicate_paragraph._may_have_near = original


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_quick_test_for_near_pairs_keeps_the_findings(picks, rng):
    """Texts built from a few shared paragraphs with small edits (near and exact
    duplicates) or unrelated ones: the same pairs with and without the quick test."""
    base = ["".join(rng.choice("法治政府建设年度报告执法监督复议诉讼𠀀abc123") for _ in range(rng.randint(25, 90))) for _ in range(6)]
    texts = []
    for k in picks:
        t = list(base[k])
        for _ in range(rng.randint(0, 8)):
            t.insert(rng.randrange(len(t) + 1), rng.choice("改动字句数值𠀁z9"))
        texts.append("".join(t))
    assert duplicate_paragraph.duplicate_pairs(texts) == _full_search(texts)


# --- brackets and half-width marks ---------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="12１一二三十aZ①⑳)）(（。，；: 、\n文", max_size=16))
def test_list_marker_test_at_a_bracket_matches_the_scan(text):
    from fazhi.checker.rules.language.unbalanced_brackets import _MARKER_CLOSE, _ends_marker

    markers = {m.end() - 1 for m in _MARKER_CLOSE.finditer(text)}
    assert {i for i, c in enumerate(text) if c in ")）" and _ends_marker(text, i)} == markers


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="一、（1）法治_ ，.a５\u3000\u9fef\u9ff0", max_size=30))
def test_duplicate_normalization_keeps_letters_and_digits(text):
    from fazhi.checker.rules.language.duplicate_paragraph import _MARKER, _NOISE, normalize

    assert normalize(text) == _NOISE.sub("", _MARKER.sub("", text.strip()))


def test_the_cjk_range_taken_whole_is_letters():
    assert all(chr(c).isalnum() for c in range(0x4E00, 0x9FF0))


def _walked(text, table, marks):
    """bracket_problems without the quick test for well-nested brackets."""
    from fazhi.checker.rules.language import unbalanced_brackets as ub

    original = ub._well_nested
    ub._well_nested = lambda *a: False
    try:
        return ub.bracket_problems(text, table.opening, table.closing, marks)
    finally:
        ub._well_nested = original


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="《》（）()“”‘’【】〔〕1一a，。 文", max_size=20))
def test_quick_bracket_test_keeps_the_problems(text):
    from fazhi.checker.rules.language._data import punctuation
    from fazhi.checker.rules.language.unbalanced_brackets import bracket_marks, bracket_problems

    table = punctuation(load_profile("township"))
    marks = bracket_marks(table.opening, table.closing)
    assert bracket_problems(text, table.opening, table.closing, marks) == _walked(text, table, marks)


def test_marks_of_each_paragraph_from_one_pass():
    from fazhi.checker.rules.language._data import punctuation
    from fazhi.checker.rules.language.unbalanced_brackets import _brackets_by_paragraph, bracket_marks

    doc = document_from_text("《标题》\n\n（一）“引号”和【说明】\n无括号\n(半角)）")
    ctx = build_context(doc, load_profile("township"))
    table = punctuation(ctx.profile)
    marks = bracket_marks(table.opening, table.closing)
    found = _brackets_by_paragraph(ctx, marks)
    assert found and all(found[p.index] == "".join(marks.findall(p.text)) for p in doc.paragraphs)


def test_chrome_lines_behind_their_quick_test():
    from fazhi.checker.rules.language._data import placeholders

    table = placeholders(load_profile("township"))
    lines = ["您当前的位置：首页 > 政务公开", "发布时间：2024-01-02", "字体：[ 大 中 小 ]", "打印本页", "【关闭窗口】",
             "责任编辑：张三", "全年召开专题会议4次。", "衡阳县委依法治县办：", "首页>", "浏览次数：12"]
    from fazhi.checker.outline import is_web_chrome

    def plain(text):
        text = text.strip()
        return len(text) <= table.chrome_max_chars and bool(table.chrome.search(text) or is_web_chrome(text, table.web))

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines += [ln for f in sorted(seeds.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    assert sum(plain(line) for line in lines) >= 9
    for line in lines:
        assert bool(table.is_chrome(line)) == plain(line), line


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a1,:.;!?()@w/:文条（ ]", max_size=24))
def test_protected_spans_from_the_alternatives_that_can_match(text):
    """Leaving out the alternatives a paragraph cannot match keeps the spans."""
    from fazhi.checker.rules.language import halfwidth_punctuation as hp

    full = re.compile("|".join(hp._PROTECTED))
    mask = bytearray(len(text))
    for m in full.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    assert hp._protected(text) == mask
    for url in ("见 https://www.gov.cn/a,b 。", "邮箱 ab.c@gov.cn,电话", "第二条(一)", "[链接](http://x.cn)"):
        assert hp._protected(url) != bytearray(len(url))


# --- outline and layout --------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="一二十第部分（）()、.．,１٣2 0文年", max_size=10))
def test_marker_detection_after_its_first_character_test(text):
    from fazhi.checker import outline

    def every_kind(t):
        for kind in outline.MARKERS:
            m = kind.regex.match(t)
            if m and not (kind.level == 3 and re.match(r"^\d{1,2}[.．]\d", t) and not outline._DOT_YEAR.match(t)):
                return kind, m.span()
        return None

    found = outline.detect_marker(text)
    assert (found and (found[0], found[1].span())) == (every_kind(text) or None)


def test_heading_at_is_the_first_heading_of_the_paragraph():
    doc = document_from_text("某镇2023年法治政府建设情况报告\n一、主要举措\n（一）学法\n全年学法4次。\n二、存在的不足\n无。")
    ctx = build_context(doc, load_profile("township"))
    for p in doc.paragraphs:
        assert ctx.outline.heading_at(p.index) is next((h for h in ctx.outline.headings if h.index == p.index), None)


def _plain_look(para, start=0, end=None):
    """look() as first written: every run's CJK characters and visible characters counted."""
    from collections import Counter

    from fazhi.checker.rules.layout._layout import Look, cjk_count

    lead = len(para.marker)
    run_start = max(start - lead, 0) + para.raw_offset
    run_end = None if end is None else max(end - lead, 0) + para.raw_offset
    fonts, sizes, pos = Counter(), Counter(), 0
    for run in para.runs:
        lo, hi = max(pos, run_start), len(run.text) + pos if run_end is None else min(pos + len(run.text), run_end)
        piece = run.text[lo - pos : hi - pos] if hi > lo else ""
        pos += len(run.text)
        if run.font_east_asia:
            fonts[run.font_east_asia] += cjk_count(piece)
        if run.size_pt:
            sizes[run.size_pt] += len(piece) - piece.count(" ")
    return Look(next((f for f, n in fonts.most_common() if n), None), next((s for s, n in sizes.most_common() if n), None))


runs = st.lists(
    st.tuples(st.text(alphabet="文字 a1，", max_size=5), st.sampled_from([None, "", "仿宋", "宋体"]), st.sampled_from([None, 0, 16.0, 12.0])),
    max_size=4,
)


@settings(max_examples=400, deadline=None)
@given(runs, st.integers(0, 8), st.one_of(st.none(), st.integers(0, 12)), st.text(alphabet="一、", max_size=2))
def test_look_takes_one_font_without_counting(spec, start, end, marker):
    from fazhi.checker.model import Paragraph, Run
    from fazhi.checker.rules.layout._layout import look

    body = "".join(t for t, _, _ in spec)
    para = Paragraph(1, marker + body, marker=marker, runs=[Run(t, font_east_asia=f, size_pt=z) for t, f, z in spec])
    assert look(para, start, end) == _plain_look(para, start, end)


def test_offsets_of_the_whole_text_name_their_paragraphs():
    doc = document_from_text("标题\n\n第一段，有逗号\n\n\n第三段\n末段")
    ctx = build_context(doc, load_profile("township"))
    for p in doc.paragraphs:
        at = ctx.full_text.index(p.text) if p.text else None
        if at is not None:
            assert ctx.paragraphs_hit(range(at, at + len(p.text))) == {p.index}
    assert ctx.paragraphs_hit([ctx.full_text.index("，")]) == {next(p.index for p in doc.paragraphs if "，" in p.text)}
    assert ctx.paragraphs_hit([]) == set()


# --- reader caches -------------------------------------------------------------------


def _el(xml):
    return etree.fromstring(f'<w:pPr xmlns:w="{W}">{xml}</w:pPr>')


def test_property_shapes_tell_nesting_and_attributes_apart():
    assert _shape(_el('<w:jc w:val="center"/>')) != _shape(_el('<w:jc w:val="right"/>'))
    assert _shape(_el('<w:numPr><w:numId w:val="1"/></w:numPr>')) != _shape(_el('<w:numPr/><w:numId w:val="1"/>'))
    assert _shape(_el('<w:numPr><w:ilvl w:val="0"/></w:numPr>')) != _shape(_el('<w:numPr><w:ilvl w:val="1"/></w:numPr>'))
    assert _shape(_el('<w:jc w:val="center"/><w:sectPr><w:pgSz w:w="11906"/></w:sectPr>')) is None


STYLES = part_xml(
    "styles",
    """
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
""",
)


def test_cached_properties_follow_each_paragraph(tmp_path):
    same_run = '<w:sz w:val="32"/>'
    body = "".join(
        [
            para("甲", '<w:jc w:val="center"/>', same_run),
            para("乙", '<w:pStyle w:val="1"/>', same_run),
            para("丙", '<w:jc w:val="center"/>', same_run),
            para("丁", '<w:jc w:val="right"/>', same_run),
            para("戊", '<w:jc w:val="center"/><w:sectPr><w:pgSz w:w="16838" w:h="11906"/></w:sectPr>', same_run),
            para("己", '<w:jc w:val="center"/>', same_run),
        ]
    )
    doc = read_document(build_docx(tmp_path / "t.docx", body, parts={"styles": STYLES}))
    assert [p.alignment for p in doc.paragraphs] == ["center", None, "center", "right", "center", "center"]
    assert [p.runs[0].font_east_asia for p in doc.paragraphs] == ["仿宋_GB2312", "黑体", "仿宋_GB2312", "仿宋_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert {p.runs[0].size_pt for p in doc.paragraphs} == {16}
    assert [round(s.width_mm) for s in doc.sections][:1] == [297]  # the section break after 戊 is read
