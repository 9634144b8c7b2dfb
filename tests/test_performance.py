"""The speed work keeps behaviour: the fast paths give what the plain
definitions give, the caches never mix up two different inputs, and the
document-wide checks stay linear. Timings themselves are in benchmarks/run.py;
the one budget here is loose enough for a busy CI machine."""

from __future__ import annotations

import random
import re
import zlib

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
    from rapidfuzz import fuzz  # the rule imports it on first use

    calls = []
    real = fuzz.ratio

    def counting_ratio(a, b, **kw):
        calls.append(1)
        return real(a, b, **kw)

    monkeypatch.setattr(fuzz, "ratio", counting_ratio)
    base = "全面落实行政执法公示制度执法全过程记录制度重大执法决定法制审核制度全年办理行政处罚案件"
    rng = random.Random(5)
    for n in (200, 800):
        calls.clear()
        texts = [base + "".join(rng.choice("一二三四五六七八九十") for _ in range(6)) + str(i) for i in range(n)]
        found = duplicate_paragraph.duplicate_pairs(texts)
        assert len(found) >= 0.9 * n  # nearly all are found as near duplicates …
        assert len(calls) <= duplicate_paragraph.MAX_CANDIDATES * n  # … with a bounded number of comparisons


# --- brackets and half-width marks ---------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="12１一二三十aZ①⑳)）(（。，；: 、\n文", max_size=16))
def test_list_marker_test_at_a_bracket_matches_the_scan(text):
    from fazhi.checker.rules.language.unbalanced_brackets import _MARKER_CLOSE, _ends_marker

    markers = {m.end() - 1 for m in _MARKER_CLOSE.finditer(text)}
    assert {i for i, c in enumerate(text) if c in ")）" and _ends_marker(text, i)} == markers


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
