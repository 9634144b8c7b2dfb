"""The fast path of `fazhi check` (fazhi.cli.quick) reads a plain command line
exactly as typer does, and hands everything else to typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

import fazhi.cli as cli
from conftest import SEEDS
from fazhi.cli import cmd_check
from fazhi.cli.app import app
from fazhi.cli.quick import OPTIONS, parse_check, run_options


def _typer_options(monkeypatch, argv: list[str]):
    """The RunOptions typer builds for `fazhi check ARGV` (execute is replaced)."""
    seen = []
    monkeypatch.setattr(cmd_check, "execute", lambda opts, **kw: seen.append(opts) or 0)
    code = app(["check", *argv], standalone_mode=False)
    assert code == 0
    return seen[0]


def test_the_table_is_the_typer_commands_options():
    command = get_command(app).commands["check"]  # type: ignore[attr-defined]
    declared = {}
    for param in command.params:
        if param.param_type_name == "option":
            kind = "flag" if param.is_flag else ("many" if param.multiple else None)
            for opt in param.opts:
                declared[opt] = (param.name, kind)
    assert set(declared) == set(OPTIONS)
    for opt, (field, kind) in declared.items():
        assert OPTIONS[opt][0] == field, opt
        if kind:
            assert OPTIONS[opt][1] == kind, opt


@pytest.mark.parametrize(
    "argv",
    [
        ["a.docx"],
        ["a.docx", "b.txt", "dir/"],
        ["--format", "json", "a.docx"],
        ["a.docx", "-f", "sarif", "-o", "out/x.sarif"],
        ["--format=json", "--min-score=75.5", "a.docx"],
        ["-j", "2", "--exclude", "drafts/**", "--exclude", "*.old.docx", "reports"],
        ["--profile", "township", "--config", "fazhi.toml", "--no-config", "a.docx"],
        ["--annotate", "out", "--convert", "--force", "a.doc"],
        ["--min-score", "60", "--jobs", "1", "a.docx", "--format", "text"],
        ["-p", "my.yaml", "--format", "md", "--format", "html", "a.docx"],
        ["--published", "--title", "岘山镇2023年度法治政府建设情况报告", "page.txt"],
        ["--max-seconds", "2.5", "--max-paragraphs", "500", "--max-chars=100000", "a.docx"],
        ["--select", "spelling", "--ignore", "typo,variant-word", "--ignore", "nonstandard-char", "a.docx"],
    ],
)
def test_fast_path_builds_what_typer_builds(monkeypatch, argv):
    values = parse_check(argv)
    assert values is not None
    assert run_options(values) == _typer_options(monkeypatch, argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["a.docx", "--help"],
        ["--format"],
        ["-fjson", "a.docx"],
        ["--", "-odd-name.docx"],
        ["--min-score", "abc", "a.docx"],
        ["--min-score", "1e2", "a.docx"],
        ["--jobs", "0", "a.docx"],
        ["--jobs", "two", "a.docx"],
        ["--force=yes", "a.docx"],
        ["--unknown", "a.docx"],
        ["--output", "", "a.docx"],
    ],
)
def test_anything_unusual_goes_to_typer(argv):
    assert parse_check(argv) is None


def test_fast_path_leaves_no_placeholder_command_behind(monkeypatch, tmp_path):
    """After a fast-path run in this process, cmd_check (and so the typer app)
    is the real one again."""
    import sys

    monkeypatch.delitem(sys.modules, "fazhi.cli.cmd_check")
    monkeypatch.delattr(cli, "cmd_check", raising=False)
    (tmp_path / "a.txt").write_text("岘山镇2023年度法治政府建设工作报告\n", encoding="utf-8")
    assert cli.quick_check(["check", "-o", str(tmp_path / "out.json"), "--format", "json", str(tmp_path / "a.txt")]) in (0, 1)
    assert "fazhi.cli.cmd_check" not in sys.modules
    from fazhi.cli import cmd_check as again

    assert again.typer.__name__ == "typer"


def test_main_takes_the_fast_path_only_for_check(monkeypatch):
    ran = []
    monkeypatch.setattr(cmd_check, "execute", lambda opts, **kw: ran.append(opts) or 7)
    assert cli.quick_check(["check", "--format", "json", "a.docx"]) == 7
    assert cli.quick_check(["ci", "a.docx"]) is None
    assert cli.quick_check(["check", "--help"]) is None
    assert [o.format for o in ran] == ["json"]


def test_fast_path_process_imports_no_typer_and_gives_typers_output(tmp_path):
    """A real `fazhi check --format json` never imports typer, rich, jinja2, the
    web app or the .docx writer, and prints what the typer path prints."""
    seed = SEEDS / "001_f4cae163528c1ce9.txt"
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['fazhi', 'check', '--format', 'json', {str(seed)!r}]\n"
        "try:\n    runpy.run_module('fazhi', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('typer', 'rich', 'jinja2', 'fazhi.web', 'docx', 'fastapi', 'fazhi.templates.docx_builder') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    fast = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in fast.stderr, fast.stderr
    slow = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv=['fazhi','check','--format','json',{str(seed)!r}]; from fazhi.cli.app import app; app()"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert fast.stdout == slow.stdout and fast.stdout.startswith("{")
    assert Path(seed).read_bytes()  # the input is untouched and still readable
