"""Configuration: where it is found, what it may say, how it changes the profile,
and that the command line overrides it."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from fazhi.cli.app import app
from fazhi.config import FileConfig, apply_config, find_config, load_config, resolve_settings
from fazhi.errors import ProfileError
from fazhi.schema import load_profile

SEED = "001_f4cae163528c1ce9.txt"  # has outdated-reference and causes-missing findings


def project(tmp_path, toml: str, name: str = "fazhi.toml") -> Path:
    root = tmp_path / "proj"
    (root / "reports" / "2023").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(SEEDS / SEED, root / "reports" / "2023" / SEED)
    (root / name).write_text(toml, encoding="utf-8")
    return root


def findings_json(*args):
    result = CliRunner().invoke(app, ["check", *args, "-f", "json", "--jobs", "1"])
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith(("{", "[")) else None)


# ---------------------------------------------------------------- finding the file


def test_found_walking_up_from_the_checked_folder(tmp_path):
    root = project(tmp_path, "min_score = 70\n")
    assert find_config(root / "reports" / "2023") == root / "fazhi.toml"
    assert find_config(root / "reports" / "2023" / SEED) == root / "fazhi.toml"


def test_pyproject_needs_a_tool_fazhi_table(tmp_path):
    root = project(tmp_path, "[project]\nname = 'x'\n", name="pyproject.toml")
    assert find_config(root / "reports") is None
    (root / "pyproject.toml").write_text("[tool.fazhi]\nmin_score = 70\n", encoding="utf-8")
    assert find_config(root / "reports") == root / "pyproject.toml"
    assert load_config(root / "pyproject.toml").min_score == 70


def test_first_found_wins_and_fazhi_toml_beats_pyproject(tmp_path):
    root = project(tmp_path, "min_score = 70\n")
    (root / "pyproject.toml").write_text("[tool.fazhi]\nmin_score = 80\n", encoding="utf-8")
    (root / "reports" / "fazhi.toml").write_text("min_score = 90\n", encoding="utf-8")
    assert find_config(root / "reports" / "2023") == root / "reports" / "fazhi.toml"
    (root / "reports" / "fazhi.toml").unlink()
    assert find_config(root / "reports" / "2023") == root / "fazhi.toml"


def test_walk_stops_at_the_repository_root(tmp_path):
    (tmp_path / "fazhi.toml").write_text("min_score = 70\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / ".git").mkdir()
    assert find_config(repo / "sub") is None


# ---------------------------------------------------------------- what it may say


def test_unknown_key_names_the_key(tmp_path):
    root = project(tmp_path, "min_scor = 70\n")
    with pytest.raises(ProfileError, match="min_scor") as exc:
        load_config(root / "fazhi.toml")
    assert "fazhi.toml" in str(exc.value) and "min_score" in str(exc.value)


def test_unknown_key_in_a_rule_table(tmp_path):
    root = project(tmp_path, '[tool.fazhi.rules.term-fazhi]\nseverty = "error"\n', name="pyproject.toml")
    with pytest.raises(ProfileError, match=r"tool\.fazhi\.rules\.term-fazhi\.severty"):
        load_config(root / "pyproject.toml")


def test_bad_values_and_bad_toml(tmp_path):
    root = project(tmp_path, 'fail_on = "sometimes"\n')
    with pytest.raises(ProfileError, match="fail_on"):
        load_config(root / "fazhi.toml")
    (root / "fazhi.toml").write_text("min_score = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match="TOML"):
        load_config(root / "fazhi.toml")


def test_unknown_rule_slug_lists_near_slugs():
    with pytest.raises(ProfileError) as exc:
        apply_config(load_profile("township"), FileConfig(disable=["part-mising"]))
    assert "part-mising" in str(exc.value) and "part-missing" in str(exc.value)


def test_missing_data_file_is_an_error(tmp_path):
    root = project(tmp_path, '[data]\nlaws = ["local_laws.tsv"]\n')
    with pytest.raises(ProfileError, match="local_laws.tsv"):
        resolve_settings([root / "reports"])


# ---------------------------------------------------------------- how it applies


def test_applies_rules_allow_data_min_score_without_mutating_the_cached_profile(tmp_path):
    root = project(
        tmp_path,
        'profile = "township"\nmin_score = 95\ndisable = ["numbering-style"]\nallow = ["岘山"]\n'
        '[rules.causes-missing]\nseverity = "warning"\npoints = 1\n'
        '[data]\nlaws = ["local.tsv"]\n',
    )
    (root / "local.tsv").write_text("", encoding="utf-8")
    cached = load_profile("township")
    before = cached.model_dump()
    settings = resolve_settings([root / "reports"])
    p = settings.profile
    assert p.min_score == 95 and not p.rule_setting("numbering-style").enabled
    assert p.rule_setting("causes-missing").severity == "warning" and p.rule_setting("causes-missing").points == 1
    assert "岘山" in p.allow and p.data["laws"] == [str(root / "local.tsv")]
    assert load_profile("township").model_dump() == before, "the cached profile is untouched"


def test_config_changes_the_findings_and_flags_override_it(tmp_path):
    root = project(tmp_path, 'min_score = 99\ndisable = ["outdated-reference"]\n[rules.causes-missing]\nseverity = "info"\n')
    reports = root / "reports"
    _, base = findings_json("--no-config", str(reports))
    rules = {f["rule"]: f for f in base[0]["findings"]}
    assert "outdated-reference" in rules and rules["causes-missing"]["severity"] == "error"

    result, configured = findings_json(str(reports))
    rules = {f["rule"]: f for f in configured[0]["findings"]}
    assert "outdated-reference" not in rules
    assert rules["causes-missing"]["severity"] == "info" and rules["causes-missing"]["points"] == 0
    assert result.exit_code == 1  # min_score 99 from the file

    result, _ = findings_json(str(reports), "--min-score", "50")
    assert result.exit_code == 0  # the flag overrides the file


def test_profile_path_is_relative_to_the_config_file(tmp_path):
    root = project(tmp_path, 'profile = "profiles/county.yaml"\n')
    (root / "profiles").mkdir()
    (root / "profiles" / "county.yaml").write_text("name: county\nextends: township\nmin_score: 42\n", encoding="utf-8")
    assert resolve_settings([root / "reports"]).profile.min_score == 42
    assert resolve_settings([root / "reports"], profile="township").profile.name == "township"


def test_exclude_and_jobs_from_config(tmp_path):
    root = project(tmp_path, 'exclude = ["2023"]\njobs = 1\n')
    (root / "reports" / "2024").mkdir()
    shutil.copy(SEEDS / "004_5eb6a8149b33c332.txt", root / "reports" / "2024" / "b.txt")
    _, data = findings_json(str(root / "reports"))
    assert [Path(d["file"]).name for d in data] == ["b.txt"]
    settings = resolve_settings([root / "reports"], exclude=["2024"], jobs=3)
    assert settings.exclude == ["2023", "2024"] and settings.jobs == 3


def test_bad_config_is_exit_2_with_one_line(tmp_path):
    root = project(tmp_path, "colour = true\n")
    result = CliRunner().invoke(app, ["check", str(root / "reports")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "colour" in result.stderr and "Traceback" not in result.stderr


def test_explicit_config_file(tmp_path):
    root = project(tmp_path, "min_score = 99\n")
    other = tmp_path / "other.toml"
    other.write_text("min_score = 10\n", encoding="utf-8")
    assert resolve_settings([root / "reports"], config=other).profile.min_score == 10
    with pytest.raises(ProfileError, match="不存在"):
        resolve_settings([root / "reports"], config=tmp_path / "nope.toml")
