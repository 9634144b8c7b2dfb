"""`fazhi format`: a draft re-laid-out to GB/T 9704-2012 — the re-check has no
layout finding, every paragraph's text and every part's status are as they
were, comments and tracked changes survive, the input is not written."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from fazhi.checker.engine import check_document
from fazhi.checker.reader import read_document
from fazhi.checker.rules import registry
from fazhi.cli.app import app
from fazhi.schema import load_profile
from fazhi.fixer.relayout import relayout_checked

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted((ROOT / "seeds" / "docx").glob("*.docx")) + sorted((ROOT / "tests" / "fixtures" / "realistic_docx").glob("*.docx"))
LAYOUT_RULES = {slug for slug, rule in registry().items() if rule.group == "layout"}


@cache
def _profile():
    return load_profile("township")


def _formatted(draft: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"{draft.stem}.排版.docx"
    out.write_bytes(relayout_checked(draft, _profile()))
    return out


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name) if name in z.namelist() else b""


def _canonical(xml: bytes) -> list:
    """Each comment: id, author, text."""
    if not xml:
        return []
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [(c.get(w + "id"), c.get(w + "author"), "".join(c.itertext())) for c in etree.fromstring(xml).iter(w + "comment")]


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_format_fixes_the_layout_and_keeps_the_text(draft, tmp_path):
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = _formatted(draft, tmp_path)
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest
    before, after = check_document(read_document(draft), _profile()), check_document(read_document(out), _profile())
    assert [p.text for p in read_document(out).paragraphs] == [p.text for p in read_document(draft).paragraphs]
    assert [(p.id, p.status) for p in after.parts] == [(p.id, p.status) for p in before.parts]
    assert not [f.rule for f in after.findings if f.rule in LAYOUT_RULES]
    assert {(f.rule, f.paragraph) for f in after.findings} <= {(f.rule, f.paragraph) for f in before.findings}
    data, original = out.read_bytes(), draft.read_bytes()
    document, source = _part(data, "word/document.xml"), _part(original, "word/document.xml")
    for tag in (b"<w:ins ", b"<w:del ", b"<w:commentRangeStart", b"<w:tbl>", b"<w:bookmarkStart", b"<w:numPr>"):
        assert document.count(tag) == source.count(tag), tag
    assert _canonical(_part(data, "word/comments.xml")) == _canonical(_part(original, "word/comments.xml"))
    theme = _part(data, "word/theme/theme1.xml").decode("utf-8")
    assert not re.search(r'typeface="(等线|DengXian|Calibri|Cambria)', theme)
    footers = b"".join(_part(data, n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "footer" in n and n.endswith(".xml"))
    assert b" PAGE " in footers and "—".encode() in footers


def test_a_report_already_formatted_stays_the_same_when_formatted_again(tmp_path):
    once = _formatted(DRAFTS[1], tmp_path)
    twice_dir = tmp_path / "again"
    twice_dir.mkdir()
    twice = _formatted(once, twice_dir)
    assert [p.text for p in read_document(twice).paragraphs] == [p.text for p in read_document(once).paragraphs]
    assert _part(twice.read_bytes(), "word/styles.xml").count(b'w:styleId="FazhiTitle"') == 1


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice or poppler is not installed")
def test_the_formatted_draft_renders(tmp_path):
    out = _formatted(ROOT / "tests" / "fixtures" / "realistic_docx" / "5_word_defaults_shandong.docx", tmp_path)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = out.with_suffix(".pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = list(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 1000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    if info:  # A4: 595 x 842 pt
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
        assert size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2


def test_the_command_writes_a_copy_and_refuses_to_overwrite(tmp_path):
    draft = tmp_path / "报告.docx"
    shutil.copy(DRAFTS[1], draft)
    runner = CliRunner()
    first = runner.invoke(app, ["format", str(draft)])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "报告.排版.docx").exists() and "已重新排版" in first.output
    again = runner.invoke(app, ["format", str(draft)])
    assert again.exit_code == 2 and "--force" in again.output
    same = runner.invoke(app, ["format", str(draft), "-o", str(draft), "--force"])
    assert same.exit_code == 2
    text = tmp_path / "报告.txt"
    text.write_text("报告\n", encoding="utf-8")
    assert runner.invoke(app, ["format", str(text)]).exit_code == 2


def test_format_keeps_template_guidance_visibly_guidance(tmp_path):
    """A draft with a 【填写说明：…】 line left in: `fazhi format` gives it the
    template's guidance style (grey italic), not the body style."""
    import docx as python_docx

    d = python_docx.Document()
    for line in ("岘山镇2023年度法治政府建设情况报告", "一、2023年度推进法治政府建设的主要举措和成效",
                 "【填写说明：写本项的具体做法和成效。】", "全年召开专题会议4次。"):
        d.add_paragraph(line)
    draft = tmp_path / "draft.docx"
    d.save(str(draft))
    out = python_docx.Document(str(_formatted(draft, tmp_path)))
    by_text = {p.text: p for p in out.paragraphs}
    guidance = by_text["【填写说明：写本项的具体做法和成效。】"]
    assert guidance.style.style_id == "FazhiGuidance" and str(guidance.style.font.color.rgb) == "7F7F7F"
    assert by_text["全年召开专题会议4次。"].style.style_id != "FazhiGuidance"
