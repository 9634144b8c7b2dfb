"""One loader for profiles, configuration and data files: every broken,
mis-spelt or mis-encoded file is one line naming the file (and line or field),
exit code 2; the same checks for a profile and for fazhi.toml."""

import importlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from fazhi.checker.rules import DATA_LOADERS, registry
from fazhi.cli.app import app
from fazhi.errors import ProfileError
from fazhi.loading import load, prepare
from fazhi.schema import load_profile
from fazhi.schema.datafiles import BUILTIN_ONLY, DATA_DIR, KINDS, read_text

SEED = SEEDS / "001_f4cae163528c1ce9.txt"


def run(*args):
    return CliRunner().invoke(app, list(map(str, args)))


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    return lines[0]


def profile_file(tmp_path: Path, body: str, encoding: str = "utf-8", name: str = "county.yaml") -> Path:
    path = tmp_path / name  # load_profile caches by path: one name per profile
    path.write_bytes(("extends: township\n" + body).encode(encoding))
    return path


# ---------------------------------------------------------------- the list of kinds


def test_every_data_file_is_a_kind_and_every_kind_has_a_loader():
    files = {p.name for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".tsv")}
    assert {k.file for k in KINDS.values()} | set(BUILTIN_ONLY) == files
    assert set(DATA_LOADERS) == set(KINDS)
    for target in DATA_LOADERS.values():
        module, name = target.split(":")
        assert callable(getattr(importlib.import_module(module), name))


def test_schema_lists_the_data_kinds():
    out = run("schema").output
    for kind in KINDS:
        assert f"{kind}:" in out


# ---------------------------------------------------------------- encodings


def test_a_gbk_profile_loads(tmp_path):
    path = profile_file(tmp_path, "description: 某县的配置档（GBK 保存）\n", encoding="gbk")
    assert load(str(path)).description == "某县的配置档（GBK 保存）"
    assert run("schema", path).exit_code == 0


def test_a_file_in_neither_encoding_names_its_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: \xff\xfe\n")
    with pytest.raises(ProfileError, match=r"x\.yaml 第3行.*UTF-8"):
        read_text(path)


def test_a_gbk_fonts_file_is_read(tmp_path):
    fonts = tmp_path / "fonts.yaml"
    fonts.write_bytes("fonts:\n  县标宋:\n    aliases: [县标宋体]\n".encode("gbk"))
    profile = load(str(profile_file(tmp_path, f"data:\n  fonts: [{fonts}]\n")))
    from fazhi.schema.fonts import font_book

    assert font_book(profile).same("县标宋体", "县标宋")


# ---------------------------------------------------------------- broken files: one line, exit 2


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = profile_file(tmp_path, "description: [unclosed\nmin_score: 70\n")
    line = one_line_error(run("schema", path))
    assert "county.yaml" in line and "行" in line and "YAML" in line


def test_a_broken_content_file_is_one_configuration_error_not_one_per_report(tmp_path):
    broken = tmp_path / "content.yaml"
    broken.write_text("outline: [不是映射\n", encoding="utf-8")
    profile = profile_file(tmp_path, f"data:\n  content: [{broken}]\n")
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, tmp_path / name)
    line = one_line_error(run("check", tmp_path / "a.txt", tmp_path / "b.txt", "--profile", profile, "--no-config", "--jobs", "1"))
    assert "content.yaml" in line


def test_a_laws_row_error_names_the_line(tmp_path):
    laws = tmp_path / "laws.tsv"
    laws.write_text("# county laws\ntitle\tshort_title\tstatus\n某县条例\t\tvalid\n某县办法\t\tabolished\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"laws\.tsv 第4行: status"):
        load(str(profile_file(tmp_path, f"data:\n  laws: [{laws}]\n")))


def test_a_missing_listed_data_file_fails_schema(tmp_path):
    path = profile_file(tmp_path, "data:\n  terms: [no-such-terms.yaml]\n")
    assert "no-such-terms.yaml" in one_line_error(run("schema", path))


def test_a_bad_font_size_is_named(tmp_path):
    fonts = tmp_path / "fonts.yaml"
    fonts.write_text("sizes:\n  三号: abc\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="sizes.三号"):
        load(str(profile_file(tmp_path, f"data:\n  fonts: [{fonts}]\n")))


# ---------------------------------------------------------------- strict: unknown names are errors with a suggestion


@pytest.mark.parametrize(
    "body, expected",
    [
        ("rules:\n  term-fazi: {severity: error}\n", "是否想写 “term-fazhi”"),
        ("data:\n  lawz: [x.tsv]\n", "是否想写 “laws”"),
        ("rules:\n  outline-coverage: {options: {min_area: 4}}\n", "是否想写 “min_areas”"),
        ("rules:\n  outline-coverage: {options: {min_areas: abc}}\n", "min_areas 应为整数"),
        ("rules:\n  term-fazhi: {options: {x: 1}}\n", "没有可设置的选项"),
        ("meta:\n  due_mnth: 4\n", "是否想写 “due_month”"),
    ],
)
def test_profile_typos_are_errors(tmp_path, body, expected):
    assert expected in one_line_error(run("schema", profile_file(tmp_path, body)))


@pytest.mark.parametrize(
    "toml, expected",
    [
        ("[rules.term-fazi]\nseverity = 'error'\n", "是否想写 “term-fazhi”"),
        ("[data]\nlawz = ['x.tsv']\n", "是否想写 “laws”"),
        ("[rules.outline-coverage.options]\nmin_areas = 'abc'\n", "min_areas 应为整数"),
        ("min_scor = 70\n", "是否想写 “min_score”"),
    ],
)
def test_config_typos_are_the_same_errors(tmp_path, toml, expected):
    (tmp_path / ".git").mkdir()
    (tmp_path / "fazhi.toml").write_text(toml, encoding="utf-8")
    shutil.copy(SEED, tmp_path / "a.txt")
    assert expected in one_line_error(run("check", tmp_path / "a.txt", "--jobs", "1"))


def test_options_are_converted_to_their_declared_type(tmp_path):
    profile = load(str(profile_file(tmp_path, "rules:\n  line-spacing: {options: {tolerance_pt: 2}}\n")))
    value = profile.rule_setting("line-spacing").options["tolerance_pt"]
    assert value == 2.0 and isinstance(value, float)


def test_every_option_read_by_a_rule_is_declared():
    """ctx.option(RULE.slug, "key", …) in a rule module names a declared option."""
    import re

    rules_dir = Path(importlib.import_module("fazhi.checker.rules").__file__).parent
    for slug, rule in registry().items():
        source = (rules_dir / rule.group / (slug.replace("-", "_") + ".py")).read_text(encoding="utf-8")
        read = set(re.findall(r"ctx\.option\(RULE\.slug, \"(\w+)\"", source))
        if "tolerated_share(ctx, RULE.slug)" in source:
            read.add("tolerated_share")
        assert read <= set(rule.options), slug


def test_rules_page_shows_the_options():
    out = run("rules", "outline-coverage").output
    assert "min_areas" in out and "整数" in out


def test_prepare_keeps_a_valid_profile():
    profile = load_profile("township")
    assert prepare(profile) == profile


def test_a_county_changes_the_repealed_law_history_marks(tmp_path):
    from fazhi.checker.rules.references.law_repealed import historical_marks

    mine = tmp_path / "repealed.yaml"
    mine.write_text("before: '(原|旧|过去的)$'\n", encoding="utf-8")
    marks = historical_marks(load(str(profile_file(tmp_path, f"data:\n  repealed: [{mine}]\n"))))
    text = "过去的《合同法》规定"
    assert marks.historical(text, 3, 9)
    assert not historical_marks(load_profile("township")).historical(text, 3, 9)
    bad = tmp_path / "bad.yaml"
    bad.write_text("after_chars: many\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="after_chars 应为非负整数"):
        load(str(profile_file(tmp_path, f"data:\n  repealed: [{bad}]\n", name="broken.yaml")))


def test_help_is_whole_words_in_chinese():
    """Piped at 80 columns, help wraps instead of cutting words; flags show no <bool>."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "80"}
    out = subprocess.run([sys.executable, "-m", "fazhi", "check", "--help"], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "显示本帮助并退出" in out and "Show this message" not in out
    assert "…" not in out and "<bool>" not in out
    assert "（SQLite）" in out or "--history" not in out  # a long help text is shown whole
