"""Crafted inputs from the red-team pass (issue 18): each is read or refused in
one line, within the limits, never an unexpected error."""

from __future__ import annotations


from pathlib import Path

import pytest

from fazhi.checker.reader import read_document
from fazhi.checker.reader.minidocx import build_docx, para, part_xml
from fazhi.checker.reader.numbering import format_number


@pytest.mark.parametrize("fmt", ["ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "decimalFullWidth", "decimalZero", "chineseCounting", "lowerRoman"])
def test_negative_counter_in_any_format(fmt):
    assert format_number(-3, fmt) == "-3"


def test_ideograph_digital_with_negative_start_reads(tmp_path):
    numbering = part_xml(
        "numbering",
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="-5"/><w:numFmt w:val="ideographDigital"/>'
        '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    path = build_docx(tmp_path / "n.docx", para("总体情况", ppr=numbered) * 7, parts={"numbering": numbering})
    doc = read_document(path)
    assert [p.marker for p in doc.paragraphs] == ["-5、", "-4、", "-3、", "-2、", "-1、", "〇、", "一、"]


@pytest.mark.parametrize("where", ["inside-click", "outside-click", "fast-path"])
def test_ctrl_c_is_exit_130_with_a_chinese_line(monkeypatch, capsys, where):
    import sys

    import fazhi.cli as cli
    import fazhi.cli.app as app_module
    from fazhi.cli import cmd_check

    def interrupted(*args, **kw):
        if where == "inside-click":
            import click

            raise click.exceptions.Abort()
        raise KeyboardInterrupt

    if where == "fast-path":  # `fazhi check x.txt` runs without typer (fazhi.cli.quick)
        monkeypatch.setattr(cmd_check, "execute", interrupted)
    else:
        monkeypatch.setattr(cli, "quick_check", lambda argv: None)
        monkeypatch.setattr(app_module, "app", interrupted)
    monkeypatch.setattr(sys, "argv", ["fazhi", "check", "x.txt"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Ctrl+C" in err[0] and "中止" in err[0]


# ---------------------------------------------------------------- budgets

import zipfile  # noqa: E402

from typer.testing import CliRunner  # noqa: E402

import crafted  # noqa: E402
from fazhi.checker.reader import styles as styles_module  # noqa: E402
from fazhi.errors import InputError  # noqa: E402
from fazhi.limits import LimitExceeded, Limits, file_budget  # noqa: E402


def refused(path, limits: Limits | None = None) -> LimitExceeded:
    with file_budget(path, limits), pytest.raises(LimitExceeded) as info:
        read_document(path)
    assert "\n" not in info.value.reason and "已停止检查" in info.value.reason
    return info.value


class Counting:
    """Wraps a function, counting calls."""

    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *a, **kw):
        self.calls += 1
        return self.fn(*a, **kw)


def test_deep_style_chain_is_refused_at_the_depth_limit(tmp_path):
    path = crafted.deep_style_chain(tmp_path / "deep.docx", 100)
    exc = refused(path)
    assert exc.limit_name == "style_depth" and "style_depth" in exc.reason and "64" in exc.reason


def test_style_resolution_is_memoised(tmp_path, monkeypatch):
    """All styles of a 300-deep chain used, deepest first: each style applied once."""
    depth = 300
    path = crafted.deep_style_chain(tmp_path / "deep.docx", depth)
    counter = Counting(styles_module.apply_ppr)
    monkeypatch.setattr(styles_module, "apply_ppr", counter)
    with file_budget(path, Limits(style_depth=depth)):
        doc = read_document(path)
    assert len(doc.paragraphs) == depth + 1
    assert counter.calls <= depth + 2  # without the memo: depth * (depth + 1) / 2 = 45,150


def test_unknown_style_ids_scan_styles_once(tmp_path, monkeypatch):
    path = crafted.unknown_styles(tmp_path / "unknown.docx", paragraphs=2000, defined=3000)
    scanned = []

    class CountingPattern:
        def __init__(self, rx):
            self.rx = rx

        def finditer(self, data, pos=0):
            scanned.append(len(data) - pos)
            return self.rx.finditer(data, pos)

        def __getattr__(self, name):
            return getattr(self.rx, name)

    monkeypatch.setattr(styles_module, "_STYLE_ID_RE", CountingPattern(styles_module._STYLE_ID_RE))
    doc = read_document(path)
    assert len(doc.paragraphs) == 2001
    with zipfile.ZipFile(path) as z:
        size = z.getinfo("word/styles.xml").file_size
    assert sum(scanned) <= 2 * size  # one pass (2,000 rescans would be 2,000 × size)
    assert refused(path, Limits(styles=1000)).limit_name == "styles"


def test_inflated_part_and_total(tmp_path):
    path = crafted.inflated_document(tmp_path / "big.docx", 3)
    exc = refused(path, Limits(part_mb=1))
    assert exc.limit_name == "part_mb" and "word/document.xml" in exc.reason and "part_mb" in exc.reason
    assert refused(path, Limits(total_mb=2)).limit_name == "total_mb"
    assert refused(path, Limits(paragraphs=10_000)).limit_name == "paragraphs"
    assert refused(path, Limits(characters=100_000)).limit_name == "characters"


@pytest.mark.parametrize("line", ["一", "", "一、加强"], ids=["short-lines", "blank-lines", "short-headings"])
def test_many_text_lines_refused_before_they_become_paragraphs(tmp_path, line, monkeypatch):
    import fazhi.checker.reader.text as text_module

    path = crafted.text_lines(tmp_path / "many.txt", 60_000, line)
    built = Counting(text_module.document_from_lines)
    monkeypatch.setattr(text_module, "document_from_lines", built)
    exc = refused(path)
    assert exc.limit_name == "paragraphs" and "段落数超过 50,000" in exc.reason and "--max-paragraphs" in exc.reason
    assert built.calls == 0  # refused on the count, no Paragraph was made


def test_numbering_levels_limit(tmp_path):
    lvl = "".join(f'<w:lvl w:ilvl="{i}"><w:numFmt w:val="decimal"/><w:lvlText w:val="%{i + 1}."/></w:lvl>' for i in range(9))
    numbering = part_xml("numbering", "".join(f'<w:abstractNum w:abstractNumId="{a}">{lvl}</w:abstractNum>' for a in range(50)) + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    path = build_docx(tmp_path / "n.docx", para("总体情况", ppr=numbered), parts={"numbering": numbering})
    assert read_document(path).paragraphs[0].marker == "1."
    assert refused(path, Limits(numbering_levels=100)).limit_name == "numbering_levels"


def test_wall_clock_budget(tmp_path):
    from fazhi.checker import check_path

    path = crafted.text_lines(tmp_path / "r.txt", 3000, "我镇依法行政。")
    with pytest.raises(LimitExceeded) as info, file_budget(path, Limits(seconds=1e-9)):
        check_path(path)
    assert info.value.limit_name == "seconds" and "--max-seconds" in info.value.reason


def test_zip_entry_count_read_from_the_end_record_before_zipfile(tmp_path, monkeypatch):
    from fazhi.checker.reader import safety

    path = crafted.many_entries(tmp_path / "many.docx", 20_000)

    def never(*a, **kw):
        raise AssertionError("zipfile parsed the central directory")

    monkeypatch.setattr(safety.zipfile, "ZipFile", never)
    with pytest.raises(InputError, match="20000 个"):
        read_document(path)


def test_cli_limits_refuse_one_file_and_check_the_others(tmp_path):
    from fazhi.cli.app import app

    (tmp_path / ".git").mkdir()
    big = crafted.text_lines(tmp_path / "big.txt", 500, "我镇依法行政。")
    small = crafted.text_lines(tmp_path / "small.txt", 5, "我镇依法行政。")
    result = CliRunner().invoke(app, ["check", str(big), str(small), "--max-paragraphs", "100", "-f", "json", "--jobs", "2"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "big.txt" in lines[0] and "段落数超过 100" in lines[0] and "--max-paragraphs" in lines[0]
    assert "small.txt" in result.stdout and '"score"' in result.stdout
    (tmp_path / "fazhi.toml").write_text("[limits]\nparagraphs = 100\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(big), "--jobs", "1"])
    assert result.exit_code == 2 and "段落数超过 100" in result.stderr
    assert CliRunner().invoke(app, ["check", str(big), "--max-paragraphs", "1000", "--jobs", "1"]).exit_code in (0, 1)
    (tmp_path / "fazhi.toml").write_text("[limits]\nparagraph = 100\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(big)])
    assert result.exit_code == 2 and "limits.paragraph" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = CliRunner().invoke(app, ["check", str(big), "--max-seconds", "0", "--no-config"])
    assert result.exit_code == 2 and "--max-seconds" in result.stderr


# ---------------------------------------------------------------- annotated copies

import dataclasses  # noqa: E402

from fazhi.annotate import CommentedPackage, annotate  # noqa: E402
from fazhi.checker import check_path  # noqa: E402
from fazhi.checker.findings import Finding  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comments_of(path: Path) -> list:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return list(etree.fromstring(z.read("word/comments.xml")).iter(W + "comment"))


@pytest.mark.parametrize("kind", ["rel-without-id", "override-without-partname"])
def test_annotate_repairs_what_python_docx_cannot_save(tmp_path, kind):
    import docx

    source = crafted.with_broken_package(tmp_path / "broken.docx", kind)
    before = source.read_bytes()
    out = annotate(check_path(source), source, tmp_path / "out.docx")
    assert source.read_bytes() == before
    assert len(comments_of(out)) >= 1
    assert len(docx.Document(str(out)).paragraphs) == 3  # the copy is a valid package
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    from lxml import etree

    ids = [r.get("Id") for r in etree.fromstring(rels.encode())]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(o.get("PartName") and o.get("ContentType") for o in etree.fromstring(types.encode()) if o.tag.endswith("Override"))


def test_cli_annotate_of_a_broken_package_is_no_internal_error(tmp_path):
    from fazhi.cli.app import app

    source = crafted.with_broken_package(tmp_path / "broken.docx", "rel-without-id")
    result = CliRunner().invoke(app, ["check", str(source), "--annotate", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.stderr
    assert "内部错误" not in result.stderr and (tmp_path / "out" / "broken.批注.docx").exists()


def test_annotate_reads_only_the_parts_it_writes(tmp_path, monkeypatch):
    source = crafted.big_header(tmp_path / "h.docx", 2)
    read = []
    original = CommentedPackage._read

    def recording(self, name):
        read.append(name)
        return original(self, name)

    monkeypatch.setattr(CommentedPackage, "_read", recording)
    out = annotate(check_path(source), source, tmp_path / "out.docx")
    assert "word/header1.xml" not in read and set(read) <= {"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/comments.xml", "[Content_Types].xml"}
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/header1.xml") == b.read("word/header1.xml")  # copied through untouched


def test_annotate_many_findings_one_comment_each(tmp_path):
    source = crafted.many_paragraphs(tmp_path / "many.docx", 1500)
    report = check_path(source)
    findings = [Finding(rule="placeholder", severity="warning", message=f"m{i}", paragraph=i, start=0, end=2, evidence="") for i in range(2, 1502)]
    out = annotate(dataclasses.replace(report, findings=findings), source, tmp_path / "out.docx")
    ids = [c.get(W + "id") for c in comments_of(out)]
    assert len(ids) == 1501 and len(set(ids)) == 1501  # and the summary


def test_annotate_within_the_time_budget_or_no_copy(tmp_path):
    source = crafted.many_paragraphs(tmp_path / "many.docx", 200)
    report = check_path(source)
    out = tmp_path / "out.docx"
    with pytest.raises(LimitExceeded), file_budget(source, Limits(seconds=1e-9)):
        annotate(report, source, out)
    assert not out.exists() and not list(tmp_path.glob(".fazhi-*"))


# ---------------------------------------------------------------- escaping what comes from files

HOSTILE_NAME = "a`<img src=x onerror=alert(1)>`|*b*.txt"


@pytest.fixture()
def hostile_reports(tmp_path):
    import os
    import shutil

    from conftest import ROOT

    clean = ROOT / "tests" / "fixtures" / "e_clean_report.txt"
    named = tmp_path / HOSTILE_NAME
    shutil.copy(clean, named)
    gbk = tmp_path / os.fsdecode("报告".encode("gb18030") + b".txt")
    shutil.copy(clean, gbk)
    bad = tmp_path / "b`<b>x<b>`.docx"
    bad.write_bytes(b"not a zip" * 10)
    reports = [check_path(named), check_path(gbk)]
    try:
        read_document(bad)
    except InputError as exc:
        error = exc
    return reports, [error]


def test_every_format_escapes_file_names(hostile_reports):
    import json

    from lxml import etree
    from markdown_it import MarkdownIt

    from fazhi.formatters import FORMATS, render

    reports, errors = hostile_reports
    for fmt in FORMATS:
        text = render(fmt, reports, errors, many=True)
        text.encode("utf-8")  # no lone surrogate from the GBK name
        assert "报告.txt" in text, fmt
        if fmt == "md":
            html = MarkdownIt("commonmark").enable("table").render(text)
            assert "<img" not in html and "<b>" not in html
        elif fmt == "html":
            assert "<img" not in text and "<b>x" not in text
        elif fmt in ("json", "sarif"):
            json.loads(text)
        elif fmt == "junit":
            etree.fromstring(text.encode("utf-8"))
        elif fmt == "github":
            assert all(line.startswith("::") for line in text.splitlines() if line)


def test_wall_clock_hard_stop_between_ticks(tmp_path, monkeypatch):
    """One step that never ticks (a slow rule) is stopped at the deadline, in the main thread."""
    import time

    from fazhi.checker import engine

    path = crafted.text_lines(tmp_path / "r.txt", 3, "我镇依法行政。")
    monkeypatch.setattr(engine, "check_document", lambda *a, **kw: time.sleep(30) or "finished")
    with pytest.raises(LimitExceeded) as info, file_budget(path, Limits(seconds=0.2)):
        engine.check_path(path)
    assert info.value.limit_name == "seconds"
    import signal

    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0 and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


# ---------------------------------------------------------------- one-time work is not the file's time

import time  # noqa: E402

from fazhi.limits import configured_as, uncounted  # noqa: E402


def test_uncounted_work_extends_the_deadline_and_the_alarm(tmp_path):
    path = tmp_path / "r.txt"
    with file_budget(path, Limits(seconds=0.3)) as budget:
        with uncounted():
            time.sleep(0.6)  # the SIGALRM timer is paused too: no refusal mid-sleep
        budget.tick()  # still within the file's own 0.3 s
    with pytest.raises(LimitExceeded), file_budget(path, Limits(seconds=0.3)) as budget:
        time.sleep(0.6)
        budget.tick()


def test_a_cold_cache_is_built_outside_the_files_time(tmp_path, monkeypatch):
    """Building the spelling tables takes seconds once per installation; on a busy
    machine that used to push the first check past --max-seconds."""
    from fazhi.checker.rules.spelling import _lexicon

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    _lexicon.lexicon.cache_clear()
    real_build = _lexicon.build_file

    def slow_build(*args):
        time.sleep(1.5)  # a slow machine
        return real_build(*args)

    monkeypatch.setattr(_lexicon, "build_file", slow_build)
    seed = sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt"))[0]
    try:
        with configured_as(Limits(seconds=1.0)):
            report = check_path(seed, "township")
    finally:
        _lexicon.lexicon.cache_clear()
    assert report.score >= 0 and list((tmp_path / "cache").glob("spelling-tables-*.bin"))
