"""Annotated copies: one Word comment per finding on the paragraph (and, where
offsets are given, exactly the characters) the finding names; a summary comment
on the title; the source file untouched; the copy opens in LibreOffice."""

import dataclasses
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from conftest import SEEDS, plain_docx
from fazhi.annotate import AUTHOR, INITIALS, annotate, annotated_path
from fazhi.checker import check_path
from fazhi.checker.findings import Finding
from fazhi.checker.reader import read_document
from fazhi.errors import InputError
from fazhi.formatters import rule_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "e_clean_report.txt"


def w(tag):
    return f"{{{W}}}{tag}"


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------- reading a copy back


def read_comments(path):
    """{id: (author, initials, text)} from word/comments.xml."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    out = {}
    for c in root.iter(w("comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
        out[c.get(w("id"))] = (c.get(w("author")), c.get(w("initials")), text)
    return out


def comment_anchors(path):
    """{id: (paragraph index, paragraph text, anchored text)} from document.xml.

    Paragraphs are counted over every body w:p in document order (the fixtures
    have no text boxes), independently of fazhi's own walk."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(w("body"))
    paragraphs = list(body.iter(w("p")))
    index = {id(p): i for i, p in enumerate(paragraphs, 1)}
    open_ranges: dict[str, list[str]] = {}
    where: dict[str, int] = {}
    done: dict[str, str] = {}
    for el in body.iter():
        if el.tag == w("commentRangeStart"):
            cid = el.get(w("id"))
            open_ranges[cid] = []
            para = next(a for a in el.iterancestors() if a.tag == w("p"))
            where[cid] = index[id(para)]
        elif el.tag == w("commentRangeEnd"):
            cid = el.get(w("id"))
            done[cid] = "".join(open_ranges.pop(cid))
        elif el.tag == w("t"):
            for parts in open_ranges.values():
                parts.append(el.text or "")
    assert not open_ranges, "every commentRangeStart has its commentRangeEnd"
    refs = {el.get(w("id")) for el in body.iter(w("commentReference"))}
    assert refs == set(done), "every range has its comment reference"
    texts = ["".join(t.text or "" for t in p.iter(w("t"))) for p in paragraphs]
    return {cid: (where[cid], texts[where[cid] - 1], done[cid]) for cid in done}


def by_comment_text(path):
    comments, anchors = read_comments(path), comment_anchors(path)
    assert set(comments) == set(anchors)
    return [(comments[cid], anchors[cid]) for cid in sorted(comments, key=int)]


def body_text(para):
    """The reader's paragraph text without its numbering marker (which Word draws)."""
    return para.text[len(para.marker):]


# ---------------------------------------------------------------- a docx with the hard cases


def complex_docx(path: Path) -> Path:
    """The clean report as .docx plus: a title split over two runs, a heading
    split inside its marker, leading full-width spaces, automatic numbering, a
    table, a content control, a hyperlink, empty paragraphs."""
    d = docx.Document()
    for i, line in enumerate(CLEAN.read_text(encoding="utf-8").splitlines()):
        if i == 0:
            p = d.add_paragraph()
            p.add_run("青山镇2023年度")
            p.add_run("法治政府建设情况报告")
        elif line.startswith("（一）"):
            p = d.add_paragraph()
            for piece in ("(一", ")健全政府", line[7:]):
                p.add_run(piece)
        elif line.startswith("（二）"):
            d.add_paragraph("\u3000\u3000(二)" + line[3:])
        elif line.startswith("青山镇人民政府"):
            d.add_paragraph("开展法制宣传进村入户活动12次。", style="List Number")
            table = d.add_table(rows=1, cols=2)
            table.cell(0, 0).text = "XXX村"
            table.cell(0, 1).text = "普法讲座(3次)"
            sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
            inner = d.add_paragraph("内容控件中的段落，法制教育常抓不懈。")._p
            inner.addprevious(sdt)
            sdt.append(content)
            content.append(inner)
            para = d.add_paragraph("详见")
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), "gk")
            run, text = OxmlElement("w:r"), OxmlElement("w:t")
            text.text = "政府信息公开专栏"
            run.append(text)
            link.append(run)
            para._p.append(link)
            para.add_run("（网址略）。")
            d.add_paragraph(line)
        else:
            d.add_paragraph(line)
    d.save(path)
    return path


def synthetic_findings(doc):
    """Findings at the start, middle, end and over the whole of every paragraph with text."""
    out = []
    for p in doc.paragraphs:
        n = len(p.text)
        if not n:
            continue
        spans = [(0, min(2, n)), (n // 2, min(n // 2 + 3, n)), (max(n - 2, 0), n), (None, None)]
        for start, end in spans:
            if start is not None and start >= end:
                continue
            evidence = p.text[start:end] if start is not None else p.text
            out.append(Finding(rule="placeholder", severity="warning", message=f"测试 {p.index}", paragraph=p.index, start=start, end=end, evidence=evidence))
    return out


@pytest.fixture(scope="module")
def complex_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("complex")
    source = complex_docx(folder / "复杂.docx")
    before = sha(source)
    report = check_path(source)
    doc = read_document(source)
    report = dataclasses.replace(report, findings=synthetic_findings(doc))
    out = annotate(report, source, annotated_path(source, folder / "out"))
    assert sha(source) == before, "the source file is never written"
    return source, doc, report, out


# ---------------------------------------------------------------- tests


def test_complex_docx_fixture_has_the_hard_cases(complex_copy):
    _, doc, _, _ = complex_copy
    assert any(p.marker for p in doc.paragraphs), "automatic numbering"
    assert any(p.in_table for p in doc.paragraphs), "table cells"
    assert any(p.raw_offset for p in doc.paragraphs), "leading spaces"
    assert any(p.text == "内容控件中的段落，法制教育常抓不懈。" for p in doc.paragraphs), "content control"
    assert any(p.text == "详见政府信息公开专栏（网址略）。" for p in doc.paragraphs), "hyperlink"


def test_each_finding_is_one_comment_on_its_paragraph(complex_copy):
    _, doc, report, out = complex_copy
    pairs = by_comment_text(out)
    assert len(pairs) == len(report.findings) + 1  # + the summary
    for f, ((author, initials, text), (index, para_text, _)) in zip(report.findings, pairs):
        assert (author, initials) == (AUTHOR, INITIALS)
        assert index == f.paragraph
        assert para_text.replace("\u3000", " ").strip() == body_text(doc.paragraph(f.paragraph))
        assert text.startswith(f"【{rule_name(f.rule)}】") and f.message in text and f"依据：{f.basis}" in text


def test_comment_ranges_cover_exactly_the_evidence(complex_copy):
    _, doc, report, out = complex_copy
    for f, (_, (_, _, anchored)) in zip(report.findings, by_comment_text(out)):
        para = doc.paragraph(f.paragraph)
        if f.start is None or f.end <= len(para.marker):  # whole paragraph
            assert anchored.replace("\u3000", " ").strip() == body_text(para)
        elif f.start >= len(para.marker):
            assert anchored == para.text[f.start : f.end], (f.paragraph, f.start, f.end)
        else:  # the numbering marker has no runs: the range starts at the text
            assert anchored == para.text[len(para.marker) : f.end]


def test_the_copy_reads_as_the_same_document(complex_copy):
    """Splitting runs and adding comments changes no paragraph and no text."""
    _, doc, _, out = complex_copy
    again = read_document(out)
    assert [p.text for p in again.paragraphs] == [p.text for p in doc.paragraphs]


def test_summary_comment_on_the_title(complex_copy):
    _, doc, report, out = complex_copy
    (author, _, text), (index, para_text, anchored) = by_comment_text(out)[-1]
    assert index == 1 and anchored == "青山镇2023年度法治政府建设情况报告"
    assert text.startswith(f"【fazhi 检查结果】{report.verdict}")
    assert f"得分 {report.score:g} · {report.grade} · {report.verdict_word}（内容和结构）" in text
    assert ("版式：未检查" if report.layout is None else f"版式 {report.layout.score:g}") in text
    for label in ("一 主要举措和成效：有标题", "五 其他需要报告的情况：有标题"):
        assert label in text
    assert f"警告 {len(report.findings)} 条" in text


@pytest.mark.parametrize("name", ["001_f4cae163528c1ce9.txt", "002_3c0df08b306f7395.txt"])
def test_seed_findings_anchor_on_their_paragraphs_txt_and_docx(name, tmp_path):
    for source in (SEEDS / name, plain_docx(SEEDS / name, tmp_path)):
        before = sha(source)
        report = check_path(source)
        doc = read_document(source)
        out = annotate(report, source, tmp_path / "out" / f"{source.suffix[1:]}.docx")
        assert sha(source) == before
        pairs = by_comment_text(out)
        assert len(pairs) == len(report.findings) + 1
        title_index = next(p.index for p in doc.paragraphs if p.text.strip() == report.title)
        for f, ((_, _, text), (index, para_text, anchored)) in zip(report.findings, pairs):
            assert f"【{rule_name(f.rule)}】" in text and f"规则：{f.rule}" in text
            expected_index = f.paragraph or title_index  # document-wide findings sit on the title
            assert index == expected_index
            assert para_text.strip() == body_text(doc.paragraph(expected_index)).strip()
            if f.paragraph and f.start is not None and f.end > f.start:
                assert anchored == doc.paragraph(f.paragraph).text[f.start : f.end]


def test_txt_copy_has_one_paragraph_per_line(tmp_path):
    source = tmp_path / "r.txt"
    source.write_text("标题\n\n  正文第一段\n最后", encoding="utf-8")
    report = check_path(source)
    report = dataclasses.replace(report, findings=[Finding(rule="placeholder", severity="info", message="m", paragraph=3, start=3, end=5, evidence="一段")])
    out = annotate(report, source, tmp_path / "r.批注.docx")
    assert [p.text for p in docx.Document(out).paragraphs] == ["标题", "", "正文第一段", "最后"]
    (_, (index, _, anchored)) = by_comment_text(out)[0]
    assert (index, anchored) == (3, "一段")


def test_refuses_to_overwrite_the_source(tmp_path):
    source = tmp_path / "a.docx"
    shutil.copy(complex_docx(tmp_path / "b.docx"), source)
    with pytest.raises(InputError):
        annotate(check_path(source), source, source)


def test_cli_annotate_writes_copies_and_leaves_inputs(tmp_path):
    from typer.testing import CliRunner

    from fazhi.cli.app import app

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "001_f4cae163528c1ce9.txt", src / "岘山.txt")
    complex_docx(src / "复杂.docx")
    hashes = {p: sha(p) for p in src.iterdir()}
    result = CliRunner().invoke(app, ["check", str(src), "--annotate", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["岘山.批注.docx", "复杂.批注.docx"])
    assert {p: sha(p) for p in src.iterdir()} == hashes
    # the copies are not picked up as reports when the folder is checked again
    (tmp_path / "out" / "岘山.批注.docx").rename(src / "岘山.批注.docx")
    again = CliRunner().invoke(app, ["check", str(src), "-f", "json", "--jobs", "1"])
    assert len(__import__("json").loads(again.stdout)) == 2


def test_unmappable_runs_fall_back_to_the_whole_paragraph(tmp_path):
    """A symbol-font character: the offsets cannot be trusted, the paragraph can."""
    d = docx.Document()
    d.add_paragraph("标题")
    p = d.add_paragraph("勾选")
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0FC")
    run = OxmlElement("w:r")
    run.append(sym)
    p._p.append(run)
    p.add_run("已完成的事项")
    source = d.save(tmp_path / "s.docx") or tmp_path / "s.docx"
    doc = read_document(source)
    report = dataclasses.replace(check_path(source), findings=[Finding(rule="placeholder", severity="info", message="m", paragraph=2, start=3, end=5, evidence=doc.paragraph(2).text[3:5])])
    (_, (index, para_text, anchored)) = by_comment_text(annotate(report, source, tmp_path / "o.docx"))[0]
    assert index == 2 and anchored == para_text == "勾选已完成的事项"


@pytest.mark.slow
def test_libreoffice_opens_the_copy(complex_copy, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    _, _, _, out = complex_copy
    work = tmp_path / "lo"
    work.mkdir()
    shutil.copy(out, work / "copy.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(work / "copy.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = work / "copy.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_annotated_paths_name_same_stem_copies_distinctly(tmp_path):
    from fazhi.annotate import annotated_paths

    names = lambda files: [p.name for p in annotated_paths(files, tmp_path).values()]  # noqa: E731
    assert names(["a/报告.docx", "a/报告.txt"]) == ["报告.批注.docx", "报告.txt.批注.docx"]
    assert names(["a/报告.txt", "a/报告.md"]) == ["报告.txt.批注.docx", "报告.md.批注.docx"]
    assert names(["甲镇/报告.docx", "乙镇/报告.docx"]) == ["报告（甲镇）.批注.docx", "报告（乙镇）.批注.docx"]
    assert names(["a/报告.docx", "b/其他.docx"]) == ["报告.批注.docx", "其他.批注.docx"]
    many = names(["x/甲/报告.docx", "y/甲/报告.docx"])
    assert len(set(many)) == 2


def test_cli_txt_and_docx_of_one_report_get_copies_a_clerk_can_tell_apart(tmp_path):
    from typer.testing import CliRunner

    from fazhi.cli.app import app

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "001_f4cae163528c1ce9.txt", src / "岘山.txt")
    shutil.copy(plain_docx(SEEDS / "001_f4cae163528c1ce9.txt", tmp_path), src / "岘山.docx")
    result = CliRunner().invoke(app, ["check", str(src), "--annotate", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["岘山.批注.docx", "岘山.txt.批注.docx"])
    assert "与同批另一文件同名" in result.stderr and "岘山.txt" in result.stderr
