"""fazhi.regex_cache: a pattern rebuilt from saved opcodes is the pattern the
real compiler makes, and a damaged, unreadable or unwritable table only costs
the compiles."""

from __future__ import annotations

import re
from pathlib import Path
from re import _compiler

import pytest

from fazhi import regex_cache

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_f4cae163528c1ce9.txt"

PATTERNS = [
    (r"(?P<word>[\u4e00-\u9fff]{0,8}?(?:覆盖面|满意度|率))(?![先领])(?P<num>\d+(?:\.\d+)?)\s*[%％]", 0),
    (r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]", re.MULTILINE),
    (r"heading\s*([1-9])$", re.IGNORECASE),
    (rb"PK\x03\x04(?P<rest>.{4})", re.DOTALL),
    (r"[^\s，。；]+?(?=镇|乡|街道)", 0),
]
TEXTS = ["覆盖面达到98.5%，满意度 100％", "（三）加强执法", "Heading 2", "标题1", "石市镇和西渡镇", ""]


@pytest.fixture
def table(tmp_path):
    regex_cache.uninstall()  # a command run in-process (another test) never leaves it installed, but be sure
    yield tmp_path / "cache"
    regex_cache.uninstall()
    re.purge()


def _run(folder, patterns=PATTERNS):
    """Install, compile every pattern past re's own cache, save, uninstall."""
    re.purge()
    assert regex_cache.install(folder)
    compiled = [re.compile(p, f) for p, f in patterns]
    added = regex_cache._added
    regex_cache.finish()
    re.purge()
    return compiled, added


def _same_behaviour(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b and a.groups == b.groups and a.groupindex == b.groupindex and a.flags == b.flags
    for text in TEXTS:
        subject = text.encode() if isinstance(a.pattern, bytes) else text
        assert [m.span() for m in a.finditer(subject)] == [m.span() for m in b.finditer(subject)]
        assert [m.groups() for m in a.finditer(subject)] == [m.groups() for m in b.finditer(subject)]


def test_a_second_run_rebuilds_every_pattern_from_the_table(table):
    first, added = _run(table)
    assert added == len(PATTERNS) and list(table.glob("regex-*.marshal"))
    second, added = _run(table)
    assert added == 0  # nothing went through the real compiler
    for (p, f), a, b in zip(PATTERNS, first, second):
        _same_behaviour(b, _compiler.compile(p, f))
        _same_behaviour(a, b)


def test_a_bad_pattern_is_still_an_error(table):
    regex_cache.install(table)
    with pytest.raises(re.error):
        re.compile("(unclosed")


def test_a_damaged_table_or_entry_falls_back_to_the_compiler(table):
    _run(table)
    entry = next(table.glob("regex-*.marshal"))
    entry.write_bytes(b"\x00garbage")
    compiled, added = _run(table)
    assert added == len(PATTERNS)
    for (p, f), a in zip(PATTERNS, compiled):
        _same_behaviour(a, _compiler.compile(p, f))
    # An entry whose opcodes _sre rejects is compiled for real and replaced.
    re.purge()
    regex_cache.install(table)
    key = (PATTERNS[0][0], PATTERNS[0][1])
    flags, code, *rest = regex_cache._table[key]
    regex_cache._table[key] = (flags, [999, *code], *rest)
    _same_behaviour(re.compile(*PATTERNS[0]), _compiler.compile(*PATTERNS[0]))


def test_an_unwritable_folder_costs_only_the_compiles(table, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    compiled, added = _run(blocker / "cache")  # cannot be created: save() gives up quietly
    assert added == len(PATTERNS)
    for (p, f), a in zip(PATTERNS, compiled):
        _same_behaviour(a, _compiler.compile(p, f))


def test_patterns_no_run_uses_age_out(table, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_AGE", 1)
    _run(table, [("old", 0)])
    _run(table, [("new1", 0)])
    _run(table, [("new2", 0)])
    re.purge()
    regex_cache.install(table)
    assert {p for p, _ in regex_cache._table} == {"new1", "new2"}


def test_uninstall_gives_re_its_compiler_back(table):
    real = _compiler.compile
    regex_cache.install(table)
    assert _compiler.compile is not real
    regex_cache.uninstall()
    assert _compiler.compile is real


def test_a_command_run_in_process_saves_the_table_and_restores_re(table, monkeypatch, capsys):
    from fazhi import cli

    real = _compiler.compile
    monkeypatch.delenv("FAZHI_NO_CACHE", raising=False)
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(table))
    monkeypatch.setattr("sys.argv", ["fazhi", "check", "--format", "json", "--select", "term-fazhi", str(SEED)])
    re.purge()
    with pytest.raises(SystemExit):
        cli.main()
    assert capsys.readouterr().out.lstrip().startswith("{")
    assert _compiler.compile is real
    assert list(table.glob("regex-*.marshal"))


def test_a_table_mostly_unused_is_pruned_without_new_patterns(table, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_AGE", 1)
    _run(table, [("stale1", 0), ("stale2", 0), ("kept", 0)])
    for _ in range(3):  # runs that compile nothing new but leave 2 of 3 patterns unused
        _run(table, [("kept", 0)])
    re.purge()
    regex_cache.install(table)
    assert {p for p, _ in regex_cache._table} == {"kept"}
