"""Nothing lost: no command, with any output option, ever replaces or changes an
input (a report, a configuration file, a profile), whether the output path is
the input itself, a symbolic link to it or a hard link; an existing output is
replaced only with --force; outputs are written atomically with the usual
permissions."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.checker.reader.minidocx import build_docx, para
from fazhi.cli.app import app
from fazhi.safe_output import OutputRefused, guard_outputs, new_file_mode, same_file, write_atomic

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "fixtures" / "e_clean_report.txt"


def run(*args):
    return CliRunner().invoke(app, list(map(str, args)))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def work(tmp_path):
    (tmp_path / ".git").mkdir()  # keep the configuration search inside tmp_path
    shutil.copy(CLEAN, tmp_path / "a.txt")
    build_docx(tmp_path / "a.docx", para("岘山镇2023年度法治政府建设工作报告") + para("一、主要举措和成效") + para("我镇依法行政。"))
    (tmp_path / "fazhi.toml").write_text("min_score = 60\n", encoding="utf-8")
    shutil.copy(ROOT / "fazhi" / "schema" / "profiles" / "township.yaml", tmp_path / "mine.yaml")
    return tmp_path


def _aliases(work: Path, target: Path) -> list[Path]:
    """The input itself, a symbolic link to it, a hard link to it."""
    sym = work / f"sym-{target.name}"
    hard = work / f"hard-{target.name}"
    sym.symlink_to(target)
    os.link(target, hard)
    return [target, sym, hard]


def _commands(work: Path, out: Path) -> list[tuple[list, set]]:
    """Every command with every output option pointed at `out`, with the files
    that command reads (the found fazhi.toml included)."""
    docx, txt, toml, yaml = work / "a.docx", work / "a.txt", work / "fazhi.toml", work / "mine.yaml"
    cmds = []
    for force in ([], ["--force"]):
        for fmt in ("text", "json", "html", "md", "sarif", "junit", "github"):
            cmds.append((["check", docx, txt, "-f", fmt, "-o", out, *force], {docx, txt, toml}))
        cmds.append((["check", docx, txt, "--config", toml, "-p", yaml, "-o", out, *force], {docx, txt, toml, yaml}))
        cmds.append((["check", docx, txt, "--annotate", work, *force], {docx, txt, toml}))
        cmds.append((["ci", docx, txt, "-o", out, *force], {docx, txt, toml}))
        cmds.append((["template", "-p", yaml, "--config", toml, "-o", out, *force], {toml, yaml}))
        cmds.append((["compare", docx, txt, "-p", yaml, "-o", out, *force], {docx, txt, yaml}))
        for fmt in ("text", "json"):
            cmds.append((["fix", docx, "-f", fmt, "--config", toml, "-p", yaml, "-o", out, *force], {docx, toml, yaml}))
            cmds.append((["fix", txt, "-f", fmt, "-o", out, *force], {txt, toml}))
    return cmds


def test_no_command_overwrites_an_input_through_any_alias(work):
    inputs = [work / n for n in ("a.docx", "a.txt", "fazhi.toml", "mine.yaml")]
    before = {p: digest(p) for p in inputs}
    for target in inputs:
        for alias in _aliases(work, target):
            for cmd, reads in _commands(work, alias):
                if target not in reads and "--force" in cmd:
                    continue  # replacing a file the command does not read is what --force is for
                result = run(*cmd)
                assert "Traceback" not in result.output
                if "--annotate" not in cmd and (target in reads or "--force" not in cmd):
                    assert result.exit_code == 2, (cmd, result.output)
                assert {p: digest(p) for p in inputs} == before, cmd
        for alias in work.glob("*-" + target.name):
            alias.unlink()


def test_template_refuses_to_replace_its_own_profile(work):
    yaml = work / "mine.yaml"
    before = digest(yaml)
    out = work / "mine.md"
    shutil.copy(yaml, out)  # an unrelated existing file: replaced only with --force
    result = run("template", "-p", yaml, "-o", yaml.with_suffix(".md"), "--force")
    assert result.exit_code == 0, result.output
    os.link(yaml, work / "linked.md")
    result = run("template", "-p", yaml, "-o", work / "linked.md", "--force")
    assert result.exit_code == 2 and "同一个文件" in result.stderr
    assert digest(yaml) == before


def test_output_exists_needs_force(work):
    out = work / "report.json"
    assert run("check", work / "a.txt", "-f", "json", "-o", out).exit_code == 0
    first = out.read_text(encoding="utf-8")
    result = run("check", work / "a.txt", "-f", "json", "-o", out)
    assert result.exit_code == 2 and "已存在" in result.stderr and "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run("check", work / "a.txt", "-f", "json", "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") == first
    assert stat.S_IMODE(out.stat().st_mode) == new_file_mode()
    assert not list(work.glob(".fazhi-*"))  # no temporary file left behind


def test_annotated_copy_given_as_input_is_checked_not_overwritten(work):
    """What `*.docx` gives after one annotated run: a.docx a.批注.docx --annotate ."""
    assert run("check", work / "a.docx", "--annotate", work).exit_code in (0, 1)
    annotated = work / "a.批注.docx"
    annotated.write_bytes(annotated.read_bytes())  # the clerk edited it
    before = digest(annotated)
    for force in ([], ["--force"]):
        result = run("check", work / "a.docx", annotated, "--annotate", work, "-f", "json", *force)
        assert result.exit_code == 2, result.output
        assert digest(annotated) == before
        assert '"file"' in result.stdout and str(annotated) in result.stdout  # it was checked
        assert not (work / "a.批注.批注.docx").exists()  # and not annotated again
    lines = [l for l in result.stderr.splitlines() if "a.批注.docx" in l]
    assert any("同一个文件" in l or "就是输入文件" in l for l in lines), result.stderr


def test_existing_annotated_copy_is_kept_without_force(work):
    out = work / "out"
    assert run("check", work / "a.txt", "--annotate", out).exit_code in (0, 1)
    copy = out / "a.批注.docx"
    copy.write_bytes(b"edited by the clerk")
    result = run("check", work / "a.txt", "--annotate", out)
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert copy.read_bytes() == b"edited by the clerk"
    assert run("check", work / "a.txt", "--annotate", out, "--force").exit_code in (0, 1)
    assert copy.read_bytes().startswith(b"PK")


def test_guard_outputs_api(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    hard = tmp_path / "hard.txt"
    os.link(src, hard)
    assert same_file(src, hard) and not same_file(src, tmp_path / "missing")
    with pytest.raises(OutputRefused):
        guard_outputs([src], [hard], force=True)
    with pytest.raises(OutputRefused, match="已存在"):
        guard_outputs([], [hard], force=False)
    guard_outputs([src], [tmp_path / "new.txt"], force=False)
    write_atomic(tmp_path / "new.txt", "内容")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "内容"
