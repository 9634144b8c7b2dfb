"""Crafted inputs from the red-team pass (issue 18): each is read or refused in
one line, within the limits, never an unexpected error."""

from __future__ import annotations


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


@pytest.mark.parametrize("where", ["inside-click", "outside-click"])
def test_ctrl_c_is_exit_130_with_a_chinese_line(monkeypatch, capsys, where):
    import sys

    import fazhi.cli as cli
    import fazhi.cli.app as app_module

    def interrupted(**kw):
        if where == "inside-click":
            import click

            raise click.exceptions.Abort()
        raise KeyboardInterrupt

    monkeypatch.setattr(app_module, "app", interrupted)
    monkeypatch.setattr(sys, "argv", ["fazhi", "check", "x.txt"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Ctrl+C" in err[0] and "中止" in err[0]
