"""`fazhi rules`: the list, one rule's explanation, JSON, unknown slugs."""

import json

from typer.testing import CliRunner

from fazhi.checker.rules import registry
from fazhi.cli.app import app
from fazhi.cli.cmd_rules import SEVERITY_NAMES

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["rules", *args])


def test_list_names_every_rule_with_severity_and_points():
    result = run()
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for slug, rule in registry().items():
        line = next(l for l in lines if l.startswith(slug + " "))
        assert SEVERITY_NAMES[rule.severity] in line.split() and rule.summary in line, line
    assert f"共 {len(registry())} 条规则" in result.output


def test_list_is_plain_text_when_not_a_terminal():
    result = run()
    assert "\x1b[" not in result.output and "┃" not in result.output


def test_list_uses_a_rich_table_on_a_terminal(monkeypatch, capsys):
    import fazhi.cli.cmd_rules as cmd

    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    cmd._rich_table([cmd._effective(registry()["causes-missing"], __import__("fazhi.schema", fromlist=["x"]).load_profile("township"))])
    out = capsys.readouterr().out
    assert "causes-missing" in out and "fazhi 规则（1 条）" in out


def test_explain_one_rule_ruff_style():
    rule = registry()["causes-missing"]
    result = run("causes-missing")
    assert result.exit_code == 0
    out = result.output
    for section in ("它检查什么", "为什么", "依据", "错误示例", "正确示例", "默认严重程度和扣分"):
        assert section in out
    assert rule.basis in out and rule.explanation in out
    assert out.index("错误示例") < out.index("二、存在不足和原因") < out.index("正确示例")
    assert "error（错误），每处扣5分，本规则最多扣5分" in out


def test_explain_info_rule_says_no_points():
    info_rules = [s for s, r in registry().items() if r.severity == "info"]
    if info_rules:
        assert "提示不扣分" in run(info_rules[0]).output


def test_unknown_slug_exits_2_with_near_names():
    result = runner.invoke(app, ["rules", "cause-missing"])
    assert result.exit_code == 2
    assert "没有名为“cause-missing”的规则" in result.output
    assert "causes-missing" in result.output


def test_unknown_slug_without_near_names_points_to_the_list():
    result = run("zzzz")
    assert result.exit_code == 2 and "fazhi rules 列出全部规则" in result.output


def test_json_lists_all_rules():
    result = run("--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert sorted(r["slug"] for r in data) == sorted(registry())
    one = next(r for r in data if r["slug"] == "foreign-entity")
    assert one["group"] == "content" and one["severity"] == "warning" and one["bad"] and one["good"] and one["basis"]


def test_json_of_one_rule():
    data = json.loads(run("duties-thin", "--format", "json").output)
    assert data["slug"] == "duties-thin" and data["max_points"] == 3


def test_profile_overrides_are_shown(tmp_path):
    prof = tmp_path / "mine.yaml"
    prof.write_text(
        "extends: township\nrules:\n  causes-missing: {severity: warning, points: 2}\n  duties-thin: {enabled: false}\n",
        encoding="utf-8",
    )
    data = {r["slug"]: r for r in json.loads(run("--format", "json", "--profile", str(prof)).output)}
    assert (data["causes-missing"]["severity"], data["causes-missing"]["points"]) == ("warning", 2)
    assert data["duties-thin"]["enabled"] is False
    listing = run("--profile", str(prof)).output
    assert next(l for l in listing.splitlines() if l.startswith("duties-thin ")).split()[1] == "关闭"


def test_bad_format_and_bad_profile_exit_2():
    assert run("--format", "xml").exit_code == 2
    result = run("--profile", "no-such-profile")
    assert result.exit_code == 2 and "找不到配置档" in result.output
