"""`fazhi ci --baseline FILE`: with a baseline written by `--write-baseline`, only
findings that are not in it fail the run."""

import json
from pathlib import Path

from typer.testing import CliRunner

from fazhi.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_f4cae163528c1ce9.txt"
runner = CliRunner()


def _ci(*args):
    return runner.invoke(app, ["ci", *args, "--no-config", "-f", "json"])


def test_baseline_accepts_what_is_there_and_fails_only_on_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = Path("reports/岘山镇.txt")
    report.parent.mkdir()
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert _ci(str(report)).exit_code == 1  # the seed has errors
    written = _ci(str(report), "--baseline", "fazhi-baseline.json", "--write-baseline")
    assert written.exit_code == 0, written.output
    assert "已写出基线 fazhi-baseline.json" in written.stderr
    data = json.loads(Path("fazhi-baseline.json").read_text(encoding="utf-8"))
    assert data["fazhi_baseline"] == 1 and len(data["files"]["reports/岘山镇.txt"]) == len(json.loads(written.stdout)["findings"])
    same = _ci(str(report), "--baseline", "fazhi-baseline.json")
    assert same.exit_code == 0, same.output
    assert {f["baseline"] for f in json.loads(same.stdout)["findings"]} == {"unchanged"}
    # A new error (a repealed law cited as current) fails the run; the old ones still do not.
    text = report.read_text(encoding="utf-8").replace("现将法治政府", "全镇认真贯彻《中华人民共和国民法通则》。现将法治政府", 1)
    assert text != report.read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    worse = _ci(str(report), "--baseline", "fazhi-baseline.json")
    assert worse.exit_code == 1
    new = [f for f in json.loads(worse.stdout)["findings"] if f["baseline"] == "new"]
    assert [f["rule"] for f in new if f["severity"] == "error"] == ["law-repealed"]


def test_a_warning_only_fails_with_fail_on_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = Path("岘山镇.txt")
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert _ci(str(report), "--baseline", "b.json", "--write-baseline").exit_code == 0
    report.write_text(report.read_text(encoding="utf-8") + "\n另外，群众参与度还不够高,宣传还不到位。\n", encoding="utf-8")
    result = json.loads(_ci(str(report), "--baseline", "b.json").stdout)
    assert any(f["baseline"] == "new" and f["severity"] == "warning" for f in result["findings"])
    assert not any(f["baseline"] == "new" and f["severity"] == "error" for f in result["findings"])
    assert _ci(str(report), "--baseline", "b.json").exit_code == 0
    assert _ci(str(report), "--baseline", "b.json", "--fail-on", "warning").exit_code == 1


def test_bad_baseline_is_one_line_and_exit_2(tmp_path):
    missing = _ci(str(SEED), "--baseline", str(tmp_path / "none.json"))
    assert missing.exit_code == 2 and "基线文件不存在" in missing.stderr
    broken = tmp_path / "b.json"
    broken.write_text("[1, 2]", encoding="utf-8")
    bad = _ci(str(SEED), "--baseline", str(broken))
    assert bad.exit_code == 2 and "不是 fazhi 的基线文件" in bad.stderr and "Traceback" not in bad.output
    alone = _ci(str(SEED), "--write-baseline")
    assert alone.exit_code == 2 and "--baseline" in alone.stderr


def test_sarif_carries_the_baseline_state(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = Path("岘山镇.txt")
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert _ci(str(report), "--baseline", "b.json", "--write-baseline").exit_code == 0
    report.write_text(
        report.read_text(encoding="utf-8").replace("现将法治政府", "全镇认真贯彻《中华人民共和国民法通则》。现将法治政府", 1),
        encoding="utf-8",
    )
    out = runner.invoke(app, ["ci", str(report), "--baseline", "b.json", "--no-config", "-f", "sarif"])
    assert out.exit_code == 1
    results = json.loads(out.stdout)["runs"][0]["results"]
    states = {r["ruleId"]: r["baselineState"] for r in results if r["baselineState"] == "new"}
    assert "law-repealed" in states and all(r["baselineState"] in ("new", "unchanged") for r in results)
