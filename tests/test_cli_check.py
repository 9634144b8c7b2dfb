"""`fazhi check` and `fazhi ci` end to end: a folder with the seeds, a clean
report and a broken file; exit codes, stderr lines, outputs, input files untouched."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from fazhi.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "e_clean_report.txt"


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, root / seed.name)
    shutil.copy(CLEAN, root / "clean.txt")
    (root / "x.docx").write_bytes(os.urandom(4096))
    (tmp_path / ".git").mkdir()  # keep the configuration search inside tmp_path
    return root


def hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def run(*args, env=None):
    return CliRunner().invoke(app, list(map(str, args)), env=env)


def test_folder_with_a_broken_file(folder):
    before = hashes(folder)
    result = run("check", folder, "-f", "json", "--jobs", "2")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert len(data) == 6 and all(d["file"].endswith(".txt") for d in data)
    lines = result.stderr.splitlines()
    assert lines == [line for line in lines if line.startswith(f"fazhi: {folder / 'x.docx'}: ")] and len(lines) == 1
    assert "Traceback" not in result.output
    assert hashes(folder) == before


def test_exit_codes_without_bad_input(folder, tmp_path):
    (folder / "x.docx").unlink()
    assert run("check", folder).exit_code == 1  # some seeds fail
    assert run("check", folder / "clean.txt").exit_code == 0
    result = run("check", folder / "clean.txt", "--min-score", "100.5")
    assert result.exit_code == 2 and "--min-score 必须在 0 到 100 之间" in result.stderr
    assert run("check", folder / "clean.txt", "--jobs", "0").exit_code == 2
    assert run("check", folder, "--exclude", "0*").exit_code == 0  # only the clean report left


def test_text_output_ends_with_the_ranked_summary(folder):
    result = run("check", folder, "--jobs", "1")
    summary = result.stdout[result.stdout.index("汇总") :]
    data = json.loads(run("check", folder, "-f", "json", "--jobs", "1").stdout)
    worst_first = [d["file"] for d in sorted(data, key=lambda d: (d["passed"], -d["counts"]["error"], d["score"], d["file"]))]
    positions = [summary.index(Path(f).name[:12]) for f in worst_first]
    assert positions == sorted(positions)
    assert "x.docx" in summary and "无法检查" in summary


def test_summary_names_files_relative_to_the_batch_folder(tmp_path):
    deep = tmp_path / ("很长的文件夹名称" * 8) / "收件"
    deep.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, deep / seed.name)
    summary = run("check", deep, "--jobs", "1").stdout.split("汇总", 1)[1]
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        assert seed.name in summary  # whole, on one line, without the folder
    assert "很长的文件夹名称" not in summary


def test_one_file_gives_an_object_and_a_folder_an_array(folder):
    one = json.loads(run("check", folder / "clean.txt", "-f", "json").stdout)
    assert isinstance(one, dict) and one["score"] == 100
    (folder / "x.docx").unlink()
    for name in folder.glob("0*.txt"):
        name.unlink()
    assert isinstance(json.loads(run("check", folder, "-f", "json").stdout), list)


def test_output_file_and_formats(folder, tmp_path):
    out = tmp_path / "out" / "r.xml"
    result = run("check", folder, "-f", "junit", "-o", out, "--jobs", "1")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"结果已写入 {out}" in result.stderr  # says where it went
    suite = etree.parse(str(out)).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("errors")) == ("7", "1")
    for fmt in ("html", "md", "sarif", "github", "text", "json"):
        assert run("check", folder / "clean.txt", "-f", fmt).exit_code == 0


def test_usage_errors_are_exit_2(folder, tmp_path):
    result = run("check", folder, "-f", "pdf")
    assert result.exit_code == 2 and "pdf" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", empty).exit_code == 2
    result = run("check", f"{folder}/**/*.wps")
    assert result.exit_code == 2 and "通配模式" in result.stderr


def test_glob_argument_and_repeated_exclude(folder):
    result = run("check", f"{folder}/*.txt", "--exclude", "000*", "--exclude", "001*", "-f", "json")
    names = sorted(Path(d["file"]).name for d in json.loads(result.stdout))
    assert names == ["002_3c0df08b306f7395.txt", "003_cfeccfaec11a132e.txt", "004_5eb6a8149b33c332.txt", "clean.txt"]


def test_ci_defaults_to_github_in_actions_and_writes_the_summary(folder, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("ci", folder, env=env)
    assert result.exit_code == 2
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.stdout.splitlines())
    assert "## 法治政府建设年度报告检查结果" in summary.read_text(encoding="utf-8")
    plain = run("ci", folder / "clean.txt", env={"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""})
    assert "得分 100" in plain.stdout and not plain.stdout.startswith("::")


def test_ci_fail_on(folder):
    (folder / "x.docx").unlink()
    assert run("ci", folder).exit_code == 1
    assert run("ci", folder, "--fail-on", "never").exit_code == 0
    assert run("ci", folder / "clean.txt", "--fail-on", "warning").exit_code == 0
    seed = folder / "004_5eb6a8149b33c332.txt"  # passes, but has warnings
    assert run("ci", seed).exit_code == 0
    assert run("ci", seed, "--fail-on", "warning").exit_code == 1
    assert run("ci", seed, "--fail-on", "sometimes").exit_code == 2


def test_ci_without_paths_uses_configuration(folder, monkeypatch):
    project = folder.parent
    (project / "fazhi.toml").write_text('paths = ["reports"]\nexclude = ["x.docx", "0*"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    result = run("ci", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [Path(d["file"]).name for d in json.loads(result.stdout)] == ["clean.txt"]


def test_real_process_bad_bytes_no_traceback_no_progress_bar(folder):
    """The installed entry point, stderr not a terminal: one line per bad file, nothing else."""
    proc = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", str(folder), "-f", "sarif", "--jobs", "2"],
        capture_output=True, text=True, timeout=120, cwd=folder.parent,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [line for line in proc.stderr.splitlines() if line.startswith("fazhi: ")]
    assert len(proc.stderr.splitlines()) == 1 and "x.docx" in proc.stderr
    sarif = json.loads(proc.stdout)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("reports/")


def test_pre_commit_hook_definition():
    import re

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "fazhi")
    assert hook["entry"] == "fazhi ci" and hook["language"] == "python"
    rx = re.compile(hook["files"])
    assert rx.search("reports/a.docx") and rx.search("b.txt") and rx.search("c.md") and not rx.search("d.pdf")


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_are_valid_yaml_running_fazhi_ci(name):
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and "fazhi ci" in text
    if name == "gitlab-ci.yml":
        assert data["fazhi"]["artifacts"]["reports"]["junit"] == "fazhi-junit.xml"


@pytest.mark.slow
def test_convert_doc_then_check_and_annotate(tmp_path):
    """--convert: a .doc is converted once, checked under its own name, annotated."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import docx

    d = docx.Document()
    for line in CLEAN.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(tmp_path / "r.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "in"), str(tmp_path / "r.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = tmp_path / "in" / "r.doc"
    before = hashlib.sha256(doc.read_bytes()).hexdigest()
    plain = run("check", doc)
    assert plain.exit_code == 2 and "--convert" in plain.stderr
    result = run("check", doc, "--convert", "--annotate", tmp_path / "out", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["file"] == str(doc)
    assert (tmp_path / "out" / "r.批注.docx").is_file()
    assert hashlib.sha256(doc.read_bytes()).hexdigest() == before
