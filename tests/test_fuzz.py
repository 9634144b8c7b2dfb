"""Fuzzing the reader: mutated real .docx files either read or raise InputError —
never another exception, never a hang, never a change to the file.

CI runs ~100 examples per property; a longer run:
    FAZHI_FUZZ_EXAMPLES=5000 python -m pytest -q tests/test_fuzz.py
A crash found is fixed and its file kept in tests/fixtures/docx/ (regression corpus)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fazhi.checker.model import Document
from fazhi.checker.reader import read_document
from fazhi.checker.reader.minidocx import build_docx, part_xml
from fazhi.checker.reader.safety import UnexpectedReadError
from fazhi.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCX = sorted((ROOT / "seeds" / "docx").glob("*.docx"))
CORPUS = ROOT / "tests" / "fixtures" / "docx"
EXAMPLES = int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "100"))
TIME_LIMIT_S = 2.0

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], derandomize=EXAMPLES <= 200)

RICH_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:jc w:val="both"/><w:spacing w:line="560" w:lineRule="exact"/></w:pPr>'
    '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:sz w:val="32"/></w:rPr><w:t>加强</w:t></w:r><w:ins w:id="1"><w:r><w:t>学习</w:t></w:r></w:ins>'
    '<w:del w:id="2"><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:commentReference w:id="0"/></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r></w:p><w:sdt><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>'
    '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:bottom="1984" w:left="1588" w:right="1474"/></w:sectPr></w:pPr></w:p>'
)
RICH_STYLES = part_xml(
    "styles",
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>',
)
RICH_NUMBERING = part_xml(
    "numbering",
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
)


def _rich_docx() -> bytes:
    with tempfile.TemporaryDirectory() as d:
        path = build_docx(
            Path(d) / "rich.docx",
            RICH_BODY,
            sect='<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
            parts={"styles": RICH_STYLES, "numbering": RICH_NUMBERING, "comments": part_xml("comments", '<w:comment w:id="0"/>')},
        )
        return path.read_bytes()


BASES = [p.read_bytes() for p in SEED_DOCX] + [_rich_docx()]


@contextmanager
def time_limit(seconds: float):
    """Fail (not hang) when reading takes too long."""

    def expire(signum, frame):
        raise TimeoutError(f"read took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def assert_reads_or_refuses(data: bytes, suffix: str = ".docx") -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"fuzz{suffix}"
        path.write_bytes(data)
        before = hashlib.sha256(data).hexdigest()
        try:
            with time_limit(TIME_LIMIT_S):
                doc = read_document(path)
            assert isinstance(doc, Document)
            assert [p.index for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
        except UnexpectedReadError as exc:
            keep = CORPUS / f"crash-{before[:12]}{suffix}"
            if os.environ.get("FAZHI_FUZZ_KEEP"):
                keep.write_bytes(data)
            raise AssertionError(f"reader bug: {exc.__cause__!r}") from exc
        except InputError as exc:
            assert exc.reason and "\n" not in exc.reason
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def zip_entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def zip_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            with _quiet():
                z.writestr(name, data)
    return out.getvalue()


@contextmanager
def _quiet():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point
        yield


base_index = st.integers(min_value=0, max_value=len(BASES) - 1)


@SETTINGS
@given(base_index, st.floats(min_value=0, max_value=1, exclude_max=True))
def test_truncated(i, fraction):
    data = BASES[i]
    assert_reads_or_refuses(data[: int(len(data) * fraction)])


@SETTINGS
@given(base_index, st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20))
def test_flipped_bytes(i, flips):
    data = bytearray(BASES[i])
    for where, value in flips:
        data[int(len(data) * where)] = value
    assert_reads_or_refuses(bytes(data))


@SETTINGS
@given(base_index, st.data())
def test_dropped_duplicated_and_reordered_entries(i, data):
    entries = zip_entries(BASES[i])
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["drop", "dup", "swap", "empty"]), st.integers(0, 1000), st.integers(0, 1000)), min_size=1, max_size=6))
    for op, a, b in ops:
        if not entries:
            break
        a, b = a % len(entries), b % len(entries)
        if op == "drop":
            entries.pop(a)
        elif op == "dup":
            entries.insert(b, entries[a])
        elif op == "swap":
            entries[a], entries[b] = entries[b], entries[a]
        else:
            entries[a] = (entries[a][0], b"")
    assert_reads_or_refuses(zip_bytes(entries))


XML_PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels", "_rels/.rels"]
SNIPPETS = ["<", ">", "&", "&amp;", "</w:p>", "<w:p>", "<w:r>", "</w:r>", '"', "<w:t>", "]]>", "<![CDATA[", "\x00", "\udfff", "é", "<!DOCTYPE x>", "<?pi?>", "<!--", "w:val=\"-1\"", "<w:tbl>", "<w:fldChar w:fldCharType=\"end\"/>"]


@SETTINGS
@given(base_index, st.sampled_from(XML_PARTS), st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 40), st.sampled_from(SNIPPETS)), min_size=1, max_size=8))
def test_corrupted_xml(i, part, edits):
    entries = zip_entries(BASES[i])
    names = [n for n, _ in entries]
    if part not in names:
        part = "word/document.xml"
    k = names.index(part)
    text = entries[k][1].decode("utf-8", errors="replace")
    for where, cut, snippet in edits:
        pos = int(len(text) * where)
        text = text[:pos] + snippet + text[pos + cut :]
    entries[k] = (part, text.encode("utf-8", errors="surrogatepass"))
    assert_reads_or_refuses(zip_bytes(entries))


# Well-formed but strange WordprocessingML: exercises the reader's logic, not the parser.
_VALUES = st.sampled_from(["", "0", "1", "-1", "9", "10", "999999999999", "x", "1.5", "begin", "separate", "end", "exact", "auto", "atLeast", "center", "F0B7", "D800", "chineseCounting", "bullet", "%1.%9、", "%0", "inf", "-1e999", "nan"])
_ATTRS = st.sampled_from(["val", "fldCharType", "char", "lineRule", "line", "firstLineChars", "firstLine", "id", "w", "h", "top", "left", "eastAsia", "eastAsiaTheme", "ascii"])
_TAGS = st.sampled_from(["p", "r", "t", "pPr", "rPr", "numPr", "numId", "ilvl", "pStyle", "rStyle", "b", "sz", "rFonts", "jc", "spacing", "ind", "outlineLvl", "tbl", "tr", "tc", "sdt", "sdtContent", "ins", "del", "moveFrom", "moveTo", "delText", "fldChar", "instrText", "fldSimple", "hyperlink", "sym", "tab", "br", "sectPr", "pgSz", "pgMar", "commentReference", "txbxContent", "drawing", "vanish", "customXml", "smartTag"])


def _element(children):
    return st.builds(
        lambda tag, attrs, text, kids: f"<w:{tag}{''.join(f' w:{a}={chr(34)}{v}{chr(34)}' for a, v in attrs)}>{text}{''.join(kids)}</w:{tag}>",
        _TAGS,
        st.lists(st.tuples(_ATTRS, _VALUES), max_size=3, unique_by=lambda t: t[0]),
        st.sampled_from(["", "一、总体情况", " ", "（一）"]),
        st.lists(children, max_size=4),
    )


_TREE = st.recursive(st.just(""), _element, max_leaves=40)


@SETTINGS
@given(st.lists(_TREE, min_size=1, max_size=6), st.booleans())
def test_strange_but_well_formed_bodies(blocks, with_parts):
    with tempfile.TemporaryDirectory() as d:
        parts = {"styles": RICH_STYLES, "numbering": RICH_NUMBERING} if with_parts else {}
        data = build_docx(Path(d) / "s.docx", "".join(blocks), parts=parts).read_bytes()
    assert_reads_or_refuses(data)


_FORMATS = st.sampled_from(["decimal", "chineseCounting", "chineseCountingThousand", "lowerLetter", "upperRoman", "ideographTraditional", "decimalEnclosedCircle", "ideographDigital", "decimalFullWidth", "decimalZero", "bullet", "none", "madeUp"])
_NUMBER = st.one_of(st.integers(-(10**15), 10**15).map(str), _VALUES)


@SETTINGS
@given(st.lists(st.tuples(st.integers(-2, 10), _NUMBER, _FORMATS, st.sampled_from(["%1、", "（%2）", "%1.%2.%3", "%9", "%", "%%1", ""]), _NUMBER), min_size=1, max_size=6),
       st.lists(st.tuples(st.sampled_from(["1", "2", "0", "x", "-5"]), st.integers(-2, 12)), min_size=1, max_size=12))
def test_hostile_numbering(levels, paragraphs):
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlRestart w:val="{restart}"/></w:lvl>' for i, start, fmt, text, restart in levels)
    numbering = part_xml(
        "numbering",
        f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        f'<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{levels[0][1]}"/></w:lvlOverride></w:num>',
    )
    body = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>' for num, lvl in paragraphs)
    with tempfile.TemporaryDirectory() as d:
        data = build_docx(Path(d) / "n.docx", body, parts={"numbering": numbering}).read_bytes()
    assert_reads_or_refuses(data)


@SETTINGS
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".md", ".docx", ".doc"]))
def test_random_bytes(data, suffix):
    assert_reads_or_refuses(data, suffix)


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.glob("*") if p.suffix in (".docx", ".doc", ".txt", ".md")), ids=lambda p: p.name)
def test_regression_corpus(path):
    assert_reads_or_refuses(path.read_bytes(), path.suffix)


# ---------------------------------------------------------------- crafted classes (issue 18)
# Files that once cost minutes or gigabytes. Their bound is asserted through the
# limits (a refusal naming the limit exceeded, or a read whose work is linear),
# never through timings. Limits are lowered so that examples stay small.

from fazhi.checker.reader import styles as _styles  # noqa: E402
from fazhi.limits import LimitExceeded, Limits, file_budget  # noqa: E402

from crafted import deep_style_chain, inflated_document, text_lines, unknown_styles  # noqa: E402

CRAFTED = settings(max_examples=min(EXAMPLES, 15), deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=EXAMPLES <= 200)


def _read_within(path: Path, limits: Limits):
    """The document, or the name of the limit it exceeded."""
    with file_budget(path, limits):
        try:
            return read_document(path)
        except LimitExceeded as exc:
            assert exc.reason.count("\n") == 0 and "已停止检查" in exc.reason
            return exc.limit_name


@CRAFTED
@given(st.integers(1, 160), st.integers(8, 120))
def test_crafted_deep_style_chains(depth, cap):
    calls = []
    real = _styles.apply_ppr
    _styles.apply_ppr = lambda *a: calls.append(1) or real(*a)
    try:
        with tempfile.TemporaryDirectory() as d:
            got = _read_within(deep_style_chain(Path(d) / "deep.docx", depth), Limits(style_depth=cap))
    finally:
        _styles.apply_ppr = real
    if depth > cap:
        assert got == "style_depth"
    else:
        assert isinstance(got, Document) and len(got.paragraphs) == depth + 1
        assert len(calls) <= depth + 2  # memoised: each style once


@CRAFTED
@given(st.integers(1, 800), st.integers(0, 1500), st.integers(200, 2000))
def test_crafted_unknown_styles(paragraphs, defined, max_styles):
    with tempfile.TemporaryDirectory() as d:
        got = _read_within(unknown_styles(Path(d) / "u.docx", paragraphs, defined), Limits(styles=max_styles))
    if defined > max_styles:
        assert got == "styles"
    else:
        assert isinstance(got, Document) and len(got.paragraphs) == paragraphs + 1


@CRAFTED
@given(st.floats(0.2, 2.5), st.sampled_from([0.5, 1.0, 2.0]))
def test_crafted_inflated_parts(megabytes, part_mb):
    with tempfile.TemporaryDirectory() as d:
        path = inflated_document(Path(d) / "big.docx", megabytes)
        with zipfile.ZipFile(path) as z:
            size = z.getinfo("word/document.xml").file_size
        got = _read_within(path, Limits(part_mb=part_mb))
    if size > part_mb * 1024 * 1024:
        assert got == "part_mb"
    else:
        assert isinstance(got, Document)


@CRAFTED
@example(98, "一", 100)
@example(99, "一", 100)
@given(st.integers(0, 5000), st.sampled_from(["一", "", "一、加强", "我镇依法行政，成效明显。"]), st.integers(100, 4000))
def test_crafted_many_lines(lines, line, max_paragraphs):
    with tempfile.TemporaryDirectory() as d:
        got = _read_within(text_lines(Path(d) / "t.txt", lines, line), Limits(paragraphs=max_paragraphs))
    if lines + 2 > max_paragraphs:  # the title, the lines, the empty line after the last break
        assert got == "paragraphs"
    else:
        assert isinstance(got, Document) and len(got.paragraphs) == lines + 2
