"""fazhi.config_cache: settings resolved by an earlier run are what resolving
gives, follow every change of the files they came from, never hide a broken
file, and never make a run fail."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS
from fazhi import config_cache
from fazhi.config import resolve_settings
from fazhi.errors import ProfileError
from fazhi.schema.records import ProfileRecord

SEED = "001_f4cae163528c1ce9.txt"
CONFIG = (
    'profile = "profiles/county.yaml"\nmin_score = 70\ndisable = ["numbering-style"]\nallow = ["岘山"]\n'
    'ignore = ["typo"]\n[rules.causes-missing]\nseverity = "warning"\npoints = 1\n[data]\nlaws = ["local.tsv"]\n'
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.delenv("FAZHI_NO_CACHE", raising=False)
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "proj"
    (root / "reports").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "profiles").mkdir()
    shutil.copy(SEEDS / SEED, root / "reports" / SEED)
    (root / "fazhi.toml").write_text(CONFIG, encoding="utf-8")
    (root / "profiles" / "base.yaml").write_text("name: base\nextends: township\nmin_score: 42\n", encoding="utf-8")
    (root / "profiles" / "county.yaml").write_text("name: county\nextends: base.yaml\n", encoding="utf-8")
    (root / "local.tsv").write_text("title\tshort_title\tstatus\n某县条例\t\tvalid\n", encoding="utf-8")
    return root


def _resolve(root, **kw):
    return resolve_settings([root / "reports"], cached=True, **kw)


def test_a_warm_run_gives_what_resolving_gives(cache, root):
    cold = resolve_settings([root / "reports"], title="标题", jobs=3)
    first = _resolve(root, title="标题", jobs=3)
    warm = _resolve(root, title="标题", jobs=3)
    assert not isinstance(first.profile, ProfileRecord) and isinstance(warm.profile, ProfileRecord)
    assert warm.profile.model_dump() == cold.profile.model_dump()
    assert warm.profile.model_dump(mode="json") == cold.profile.model_dump(mode="json")
    assert (warm.exclude, warm.jobs, warm.fail_on, warm.config_path, warm.limits) == (
        cold.exclude, cold.jobs, cold.fail_on, cold.config_path, cold.limits
    )  # fmt: skip
    p = warm.profile
    assert p.min_score == 70 and p.meta.given_title == "标题" and not p.rule_setting("numbering-style").enabled
    assert p.rule_setting("causes-missing").points == 1 and p.rule_setting("part-missing").enabled
    assert p.main_parts == cold.profile.main_parts and p.grade(80) == cold.profile.grade(80)
    assert p.part("other").name == cold.profile.part("other").name
    copy = p.model_copy(update={"min_score": 1})
    assert copy.min_score == 1 and p.min_score == 70


def test_other_values_get_their_own_entry(cache, root):
    _resolve(root)
    assert _resolve(root, min_score=10).profile.min_score == 10
    assert _resolve(root).profile.min_score == 70
    assert _resolve(root, ignore=["spelling"]).profile.rule_setting("variant-word").enabled is False


@pytest.mark.parametrize(
    "name, edit, check",
    [
        ("fazhi.toml", CONFIG.replace("min_score = 70", "min_score = 71"), lambda s: s.profile.min_score == 71),
        ("profiles/county.yaml", "name: county\nextends: base.yaml\nmin_score: 43\n", lambda s: s.profile.name == "county"),
        ("profiles/base.yaml", "name: base\nextends: township\nallow: [新词]\n", lambda s: "新词" in s.profile.allow),
        ("local.tsv", "title\tshort_title\tstatus\n某县办法\t\tvalid\n", lambda s: s.profile.data["laws"]),
    ],
)
def test_an_edited_source_is_read_again(cache, root, name, edit, check):
    _resolve(root)
    assert isinstance(_resolve(root).profile, ProfileRecord)
    (root / name).write_text(edit, encoding="utf-8")
    again = _resolve(root)
    assert not isinstance(again.profile, ProfileRecord) and check(again)
    assert isinstance(_resolve(root).profile, ProfileRecord)  # and kept for the next run


@pytest.mark.parametrize(
    "name, broken, message",
    [
        ("fazhi.toml", "colour = true\n", "colour"),
        ("fazhi.toml", "min_score = \n", "TOML"),
        ("profiles/base.yaml", "name: base\nextends: township\nparts: [\n", "YAML"),
    ],
)  # a broken data file: in a real process below (in this one the rules' tables are cached by path)
def test_a_broken_file_is_reported_every_time(cache, root, name, broken, message):
    _resolve(root)
    _resolve(root)
    (root / name).write_text(broken, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ProfileError, match=message):
            _resolve(root)


def test_a_missing_data_file_is_reported_on_a_warm_run(cache, root):
    _resolve(root)
    (root / "local.tsv").unlink()
    with pytest.raises(ProfileError, match="local.tsv"):
        _resolve(root)


def test_a_damaged_entry_or_unwritable_folder_only_costs_the_resolving(cache, root, tmp_path, monkeypatch):
    _resolve(root)
    for entry in cache.glob("settings-*.pickle"):
        entry.write_bytes(b"\x80garbage")
    assert _resolve(root).profile.min_score == 70
    for entry in cache.glob("settings-*.pickle"):  # an entry that unpickles to something else
        entry.write_bytes(pickle.dumps(("not", "settings")))
    assert _resolve(root).profile.min_score == 70
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert _resolve(root).profile.min_score == 70
    assert not isinstance(_resolve(root).profile, ProfileRecord)


def test_no_cache_switch(cache, root, monkeypatch):
    monkeypatch.setenv("FAZHI_NO_CACHE", "1")
    _resolve(root)
    assert not isinstance(_resolve(root).profile, ProfileRecord) and not cache.exists()


def test_entries_are_bounded(cache, root, monkeypatch):
    monkeypatch.setattr(config_cache, "KEEP", 3)
    for score in range(6):
        _resolve(root, min_score=score)
    assert len(list(cache.glob("settings-*.pickle"))) <= 3


def test_a_warm_command_imports_no_pydantic_and_prints_the_same(cache, root):
    """Two real `fazhi check --format json` runs: the second is served from the
    cache (neither pydantic nor yaml imported) and prints exactly what the first printed; a broken
    configuration is then a one-line error, exit 2, on every run."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['fazhi', 'check', '--format', 'json', {str(root / 'reports')!r}]\n"
        "try:\n    runpy.run_module('fazhi', run_name='__main__')\n"
        "except SystemExit as exc:\n    print('EXIT', exc.code, file=sys.stderr)\n"
        "print('PYDANTIC', 'pydantic' in sys.modules, 'yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "FAZHI_NO_CACHE"} | {"FAZHI_CACHE_DIR": str(cache)}

    def run():
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env, cwd=root)

    cold, warm = run(), run()
    assert "PYDANTIC True True" in cold.stderr and "PYDANTIC False False" in warm.stderr, warm.stderr
    assert warm.stdout == cold.stdout and warm.stdout.lstrip().startswith(("[", "{"))
    good = (root / "local.tsv").read_text(encoding="utf-8")
    for name, broken, shown in [("fazhi.toml", CONFIG + "colour = true\n", "colour"), ("local.tsv", "titel\tstatus\n", "缺少列")]:
        original = (root / name).read_text(encoding="utf-8")
        (root / name).write_text(broken, encoding="utf-8")
        for _ in range(2):
            failed = run()
            assert "EXIT 2" in failed.stderr
            message = [ln for ln in failed.stderr.splitlines() if not ln.startswith(("EXIT", "PYDANTIC"))]
            assert len(message) == 1 and shown in message[0], failed.stderr
        (root / name).write_text(original, encoding="utf-8")
    assert (root / "local.tsv").read_text(encoding="utf-8") == good
    assert run().stdout == cold.stdout
