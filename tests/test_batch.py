"""Batches: inputs from folders and globs, exclusions, parallel = sequential,
bad files reported and skipped, exit-code precedence, ranking worst first."""

import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS
from fazhi.batch import BatchResult, check_files, expand_inputs, glob_to_regex, is_excluded, ranked
from fazhi.errors import InputError
from fazhi.schema import load_profile

LABELS = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
CLEAN = Path(__file__).parent / "fixtures" / "e_clean_report.txt"


@pytest.fixture()
def tree(tmp_path):
    """reports/ with seeds in two folders, a draft folder, a lock file, a hidden
    folder, an annotated copy, a non-report file and a broken .docx."""
    root = tmp_path / "reports"
    (root / "2023").mkdir(parents=True)
    (root / "2021" / "drafts").mkdir(parents=True)
    (root / ".cache").mkdir()
    shutil.copy(SEEDS / "001_f4cae163528c1ce9.txt", root / "2023" / "岘山镇.txt")
    shutil.copy(SEEDS / "002_3c0df08b306f7395.txt", root / "2021" / "沩山镇.txt")
    shutil.copy(SEEDS / "004_5eb6a8149b33c332.txt", root / "2021" / "drafts" / "十里亭镇.txt")
    (root / "2023" / "~$岘山镇.docx").write_bytes(b"lock")
    (root / ".cache" / "old.txt").write_text("x", encoding="utf-8")
    (root / "2023" / "岘山镇.批注.docx").write_bytes(b"copy")
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / "2021" / "x.docx").write_bytes(os.urandom(2048))
    return root


def names(files):
    return [Path(f).name for f in files]


def test_folder_walk_is_sorted_and_skips_non_reports(tree):
    inputs = expand_inputs([tree])
    assert names(inputs.files) == ["x.docx", "沩山镇.txt", "十里亭镇.txt", "岘山镇.txt"]
    assert inputs.errors == []


def test_glob_expanded_by_fazhi(tree, monkeypatch):
    monkeypatch.chdir(tree.parent)
    assert names(expand_inputs(["reports/**/*.txt"]).files) == ["十里亭镇.txt", "沩山镇.txt", "岘山镇.txt"]
    assert names(expand_inputs(["reports/*/*.txt"]).files) == ["沩山镇.txt", "岘山镇.txt"]


def test_glob_matching_nothing_is_an_input_error(tree, monkeypatch):
    monkeypatch.chdir(tree.parent)
    inputs = expand_inputs(["reports/**/*.wps"])
    assert inputs.files == [] and len(inputs.errors) == 1
    assert "通配模式" in inputs.errors[0].reason


@pytest.mark.parametrize(
    "pattern, left",
    [
        ("drafts", ["x.docx", "沩山镇.txt", "岘山镇.txt"]),  # a folder name anywhere
        ("drafts/", ["x.docx", "沩山镇.txt", "岘山镇.txt"]),
        ("2021/**", ["岘山镇.txt"]),  # relative to the checked folder
        ("*.docx", ["沩山镇.txt", "十里亭镇.txt", "岘山镇.txt"]),
        ("**/drafts/*.txt", ["x.docx", "沩山镇.txt", "岘山镇.txt"]),
        ("岘山*", ["x.docx", "沩山镇.txt", "十里亭镇.txt"]),
    ],
)
def test_exclude_patterns(tree, pattern, left):
    assert names(expand_inputs([tree], exclude=[pattern]).files) == left


def test_glob_regex_semantics():
    assert glob_to_regex("a/**/b.txt").match("a/b.txt")
    assert glob_to_regex("a/**/b.txt").match("a/x/y/b.txt")
    assert not glob_to_regex("a/*.txt").match("a/x/b.txt")
    assert is_excluded(Path("r/drafts/x.txt"), ["drafts"], Path("r"))
    assert not is_excluded(Path("r/drafts2/x.txt"), ["drafts"], Path("r"))


def test_same_file_twice_is_checked_once(tree):
    f = tree / "2023" / "岘山镇.txt"
    assert names(expand_inputs([f, tree / "2023", f]).files) == ["岘山镇.txt"]


def test_parallel_equals_sequential_and_keeps_input_order(tree):
    files = expand_inputs([tree]).files
    profile = load_profile("township")
    seq = check_files(files, profile, jobs=1)
    par = check_files(files, profile, jobs=3)
    assert [r.to_dict() for r in par.reports] == [r.to_dict() for r in seq.reports]
    assert [r.file for r in par.reports] == [str(f) for f in files if f.name != "x.docx"]
    assert [e.path for e in par.errors] == [str(tree / "2021" / "x.docx")]
    # the paragraph context survives the trip back from the worker processes
    assert all(f.context for r in par.reports for f in r.findings if f.paragraph)


def test_bad_file_does_not_stop_the_batch_and_wins_the_exit_code(tree):
    files = expand_inputs([tree]).files
    result = check_files(files, load_profile("township"), jobs=2)
    assert len(result.reports) == 3 and len(result.errors) == 1
    assert result.exit_code() == 2
    assert BatchResult(files, result.reports, []).exit_code() == 1  # 沩山镇 fails
    assert BatchResult(files, [r for r in result.reports if r.passed], []).exit_code() == 0


def test_parallel_profile_overrides_reach_the_workers(tree):
    """The configured profile (not the built-in one) is used in every worker."""
    files = expand_inputs([tree], exclude=["*.docx"]).files
    base = load_profile("township")
    rules = {**base.rules, "part-missing": base.rule_setting("part-missing").model_copy(update={"enabled": False})}
    profile = base.model_copy(update={"rules": rules, "min_score": 99})
    result = check_files(files, profile, jobs=2)
    assert all(f.rule != "part-missing" for r in result.reports for f in r.findings)
    assert all(r.min_score == 99 for r in result.reports)


def test_internal_error_becomes_a_one_line_input_error(monkeypatch, tmp_path):
    import fazhi.checker

    def boom(path, profile):
        raise KeyError("oops")

    monkeypatch.setattr(fazhi.checker, "check_path", boom)
    f = tmp_path / "a.txt"
    f.write_text("标题", encoding="utf-8")
    result = check_files([f], load_profile("township"), jobs=1)
    assert result.reports == [] and "内部错误" in result.errors[0].reason
    assert "\n" not in result.errors[0].one_line()


def test_ranking_puts_what_most_needs_work_first_on_the_seeds():
    """scoring.md §Ranking: failing before passing, then more errors, then lower score."""
    files = sorted(SEEDS.glob("*.txt"))
    result = check_files(files, load_profile("township"), jobs=2)
    order = ranked(result.reports)
    keys = [(r.passed, -len(r.errors), r.score) for r in order]
    assert keys == sorted(keys)
    passed = [r.passed for r in order]
    assert passed == sorted(passed)  # every report sent back comes before every one that passes
    bands = [LABELS[Path(r.file).name]["band"] for r in order]
    assert set(bands[:2]) == {"poor"}, [(Path(r.file).name, r.score) for r in order]  # the two 不合格 seeds lead


def test_ranking_failing_first_then_errors_then_score_then_file():
    from fazhi.checker.findings import Finding
    from fazhi.checker.report import Report

    def rep(name, score, errors):
        findings = [Finding(rule="placeholder", severity="error", message="m") for _ in range(errors)]
        return Report(file=name, profile="township", entity=None, year=None, doc_date=None, parts=[], findings=findings, score=score, grade="")

    order = ranked([rep("b", 70, 0), rep("a", 70, 0), rep("c", 70, 2), rep("d", 50, 0), rep("e", 55, 0), rep("f", 95, 1)])
    # failing (an error or under 60) first; among them more errors first, then lower score
    assert [r.file for r in order] == ["c", "f", "d", "e", "a", "b"]


def test_clean_report_passes():
    result = check_files([CLEAN], load_profile("township"), jobs=1)
    assert result.exit_code() == 0, [(f.rule, f.message) for f in result.reports[0].findings]


def test_missing_file_is_an_input_error(tmp_path):
    result = check_files([tmp_path / "none.docx"], load_profile("township"))
    assert isinstance(result.errors[0], InputError) and result.exit_code() == 2


def test_ctrl_c_in_a_parallel_batch_drops_the_chunks_not_started(tree, monkeypatch):
    """The pool is shut down cancelling what no worker has started (a `with`
    block would check the whole queue before Ctrl+C takes effect)."""
    from concurrent.futures import ProcessPoolExecutor

    calls = []
    real = ProcessPoolExecutor.shutdown

    def shutdown(self, wait=True, *, cancel_futures=False):
        calls.append(cancel_futures)
        return real(self, wait=wait, cancel_futures=cancel_futures)

    def interrupt(report):
        raise KeyboardInterrupt

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", shutdown)
    files = expand_inputs([tree]).files * 3
    with pytest.raises(KeyboardInterrupt):
        check_files(files, load_profile("township"), jobs=2, on_report=interrupt)
    assert calls == [True]


@pytest.mark.parametrize("n", [1, 2, 7, 64, 1000, 1003])
@pytest.mark.parametrize("jobs", [2, 3])
def test_chunks_take_every_file_once_in_order_and_end_one_by_one(n, jobs):
    from fazhi.batch import _chunks

    chunks = _chunks([Path(f"r{i}.txt") for i in range(n)], jobs)
    assert [i for chunk in chunks for i, _ in chunk] == list(range(n))
    assert all(1 <= len(c) <= 8 for c in chunks)
    assert all(len(c) == 1 for c in chunks[-jobs:])


def test_packed_reports_keep_changes_made_through_their_index(tree):
    from fazhi.batch import PackedReports, pack

    reports = check_files(expand_inputs([tree]).files, load_profile("township"), jobs=1).reports
    packed = PackedReports([pack(r) for r in reports])
    assert len(packed) == len(reports) and [r.to_dict() for r in packed] == [r.to_dict() for r in reports]
    packed[0].score = -1.0  # kept: report 0 now lives unpacked
    packed[1:2][0].score = -2.0  # a slice gives the reports themselves too
    assert packed[0].score == -1.0 and packed[1].score == -2.0
    for r in packed:  # iterating reads copies of the reports still packed
        r.title = "changed"
    assert [r.title == "changed" for r in packed] == [True, True] + [False] * (len(reports) - 2)
