"""History in SQLite (`--history FILE`): schema version and migrations, the
resubmission diff and reviewers' decisions end to end through the CLI, a batch
killed with SIGKILL halfway, two processes writing at once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.schema import load_profile
from fazhi.cli.app import app
from fazhi.errors import InputError
from fazhi.season.history import MIGRATIONS, SCHEMA_VERSION, History
from season_batch import generate

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_f4cae163528c1ce9.txt"
runner = CliRunner()


def _check(path, db, *more):
    out = runner.invoke(app, ["check", str(path), "--history", str(db), "-f", "json", "--no-config", *more])
    assert out.exit_code in (0, 1), out.output
    return json.loads(out.stdout)


# ---------------------------------------------------------------- schema


def test_a_new_file_is_at_the_current_schema_in_wal_mode(tmp_path):
    with History(tmp_path / "h.db") as h:
        assert h.schema_version == SCHEMA_VERSION == 2
        assert h.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_1_file_is_migrated_and_keeps_its_checks(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO checks (unit, entity, year, file, file_hash, profile, score, grade, passed, version, checked_at)"
        " VALUES ('岘山镇', '岘山镇', 2023, 'a.txt', 'x', 'township', 71, '合格', 1, 1, '2024-03-01')"
    )
    db.execute("INSERT INTO findings (check_id, fingerprint, rule, severity) VALUES (1, 'abc123def', 'term-fazhi', 'warning')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with History(path) as h:
        assert h.schema_version == 2
        assert [v.score for v in h.versions("岘山镇")] == [71]
        assert h.findings(1)[0]["dismissed"] == 0  # column added by migration 2
        h.decide("岘山镇", "abc123def", "confirmed")  # table added by migration 2
        assert h.decisions("岘山镇")["abc123def"]["decision"] == "confirmed"


@pytest.mark.parametrize(
    "setup, words",
    [
        (lambda p: p.write_bytes(b"this is no database, just text" * 10), "不是可用的历史记录文件"),
        (lambda p: sqlite3.connect(p).execute("PRAGMA user_version = 99").connection.commit(), "更新版本"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(), "不是 fazhi 的历史记录"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_unchanged(tmp_path, setup, words):
    path = tmp_path / "h.db"
    setup(path)
    before = path.read_bytes()
    with pytest.raises(InputError, match=words):
        History(path)
    assert path.read_bytes() == before
    out = runner.invoke(app, ["check", str(SEED), "--history", str(path)])
    assert out.exit_code == 2 and words in out.stderr and "Traceback" not in out.output


# ---------------------------------------------------------------- resubmission and decisions


def _fingerprint(report, rule, evidence=None):
    return next(f["fingerprint"] for f in report["findings"] if f["rule"] == rule and (evidence is None or evidence in f["evidence"]))


def test_resubmission_shows_what_changed_since_the_previous_version(tmp_path):
    db, draft = tmp_path / "h.db", tmp_path / "岘山镇.txt"
    text = SEED.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    first = _check(draft, db)
    assert first["history"]["summary"] == "第1稿（首次提交）"
    assert {f["rule"] for f in first["findings"]} >= {"placeholder", "term-fazhi"}
    # Second draft: the bookmark and 法制宣传 fixed, one new problem in a paragraph added
    # at the top (every paragraph below moves down one: fingerprints must not care).
    lines = text.replace("[bookmark: _GoBack]", "").replace("法制宣传", "法治宣传").split("\n")
    title = next(i for i, line in enumerate(lines) if "报告" in line and "岘山镇" in line)
    lines.insert(title + 2, "今年我镇认真贯彻《中华人民共和国民法通则》，依法办事。")
    draft.write_text("\n".join(lines), encoding="utf-8")
    second = _check(draft, db)
    fixed = {f["fingerprint"] for f in first["findings"]} - {f["fingerprint"] for f in second["findings"]}
    new = {f["fingerprint"] for f in second["findings"]} - {f["fingerprint"] for f in first["findings"]}
    assert {f["rule"] for f in first["findings"] if f["fingerprint"] in fixed} == {"placeholder", "term-fazhi"}
    assert {f["rule"] for f in second["findings"] if f["fingerprint"] in new} == {"law-repealed"}
    remaining = len(first["findings"]) - len(fixed)
    assert second["history"] == {
        "version": 2, "previous": 1, "fixed": len(fixed), "new": 1, "remaining": remaining,
        "previous_score": first["score"], "summary": f"第2稿：已改 {len(fixed)} 处，新增 1 处，仍有 {remaining} 处",
    }  # fmt: skip
    text_out = runner.invoke(app, ["check", str(draft), "--history", str(db), "--no-config"]).stdout
    assert f"第2稿：已改 {len(fixed)} 处，新增 1 处，仍有 {remaining} 处" in text_out  # the same file again: still draft 2
    listing = runner.invoke(app, ["history", "岘山镇", "--history", str(db)])
    assert listing.exit_code == 0
    assert "第1稿（首次提交）" in listing.stdout and f"第2稿：已改 {len(fixed)} 处" in listing.stdout
    assert f"得分 {first['score']:g}" in listing.stdout and f"得分 {second['score']:g}" in listing.stdout


def test_a_dismissed_finding_is_shown_as_dismissed_and_not_counted_in_later_checks(tmp_path):
    db = tmp_path / "h.db"
    first = _check(SEED, db)
    target = next(f for f in first["findings"] if f["rule"] == "term-fazhi")
    out = runner.invoke(
        app, ["dismiss", target["fingerprint"][:8], "-e", "岘山镇", "-r", "已核实无误", "--note", "引用的是文件原名", "--history", str(db)]
    )
    assert out.exit_code == 0, out.output
    assert "已排除（已核实无误）" in out.stdout
    again = _check(SEED, db)
    assert target["fingerprint"] not in {f["fingerprint"] for f in again["findings"]}
    (dismissed,) = again["dismissed"]
    assert (dismissed["fingerprint"], dismissed["decision"], dismissed["reason"], dismissed["note"]) == (
        target["fingerprint"], "dismissed", "已核实无误", "引用的是文件原名",
    )  # fmt: skip
    # points are negative in JSON; a report with an error stays below 优秀 (the profile's cap)
    error_cap = min(c.max_score for c in load_profile("township").scoring.caps if c.errors and not c.absent)
    assert again["score"] == pytest.approx(min(first["score"] - target["points"], error_cap))
    assert again["score"] > first["score"]
    assert again["history"]["fixed"] == 0 and again["history"]["new"] == 0  # same file: nothing fixed, just set aside
    text = runner.invoke(app, ["check", str(SEED), "--history", str(db), "--no-config"]).stdout
    assert "审核人员已排除 1 条意见（已核实无误），不计分" in text


def test_a_confirmed_finding_is_marked_and_still_counted(tmp_path):
    db = tmp_path / "h.db"
    first = _check(SEED, db)
    fp = _fingerprint(first, "placeholder")
    assert runner.invoke(app, ["confirm", fp, "-e", "岘山镇", "--history", str(db)]).exit_code == 0
    again = _check(SEED, db)
    assert next(f for f in again["findings"] if f["fingerprint"] == fp)["decision"] == "confirmed"
    assert again["score"] == first["score"]


def test_decisions_need_a_known_finding_and_a_reason(tmp_path):
    db = tmp_path / "h.db"
    first = _check(SEED, db)
    fp = first["findings"][0]["fingerprint"]
    bad_reason = runner.invoke(app, ["dismiss", fp, "-e", "岘山镇", "-r", "不想改", "--history", str(db)])
    assert bad_reason.exit_code == 2 and "误报或已核实无误" in bad_reason.stderr
    unknown = runner.invoke(app, ["dismiss", "ffffffffff", "-e", "岘山镇", "-r", "误报", "--history", str(db)])
    assert unknown.exit_code == 2 and "没有编号为 ffffffffff 的意见" in unknown.stderr
    other_unit = runner.invoke(app, ["dismiss", fp, "-e", "石市镇", "-r", "误报", "--history", str(db)])
    assert other_unit.exit_code == 2
    missing = runner.invoke(app, ["history", "--history", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "历史记录文件不存在" in missing.stderr


# ---------------------------------------------------------------- crashes and concurrency


def _folder(tmp_path, n, seed, name):
    root = tmp_path / name
    generate(n, copies=0, boilerplate_pairs=0, seed=seed).write(root)
    return root


def _fazhi(*args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "fazhi", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM checks").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_the_history_survives_kill_9_in_the_middle_of_a_batch(tmp_path):
    root, db = _folder(tmp_path, 60, 5, "batch"), tmp_path / "h.db"
    proc = _fazhi("check", str(root), "--history", str(db), "--jobs", "1", "--no-config", "-f", "json")
    try:
        deadline = time.monotonic() + 120
        while _count(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with History(db) as h:  # reopened: recovers from the WAL
        assert h.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = h.count_checks()
        assert 5 <= done < 60
        rows = h.db.execute(
            "SELECT c.file, count(f.fingerprint) FROM checks c LEFT JOIN findings f ON f.check_id = c.id GROUP BY c.id"
        ).fetchall()
    from fazhi.checker import check_path

    for file, n in rows:  # every finished check is there whole: its findings with it
        assert n == len(check_path(file).findings), file
    finished = _fazhi("check", str(root), "--history", str(db), "--jobs", "1", "--no-config", "-f", "json")
    assert finished.wait(timeout=300) in (0, 1), finished.stderr.read().decode() if finished.stderr else ""
    with History(db) as h:
        assert h.count_checks() == done + 60


def test_two_processes_writing_at_once(tmp_path):
    db = tmp_path / "h.db"
    a, b = _folder(tmp_path, 25, 6, "a"), _folder(tmp_path, 25, 7, "b")
    procs = [_fazhi("check", str(folder), "--history", str(db), "--jobs", "1", "--no-config", "-f", "json") for folder in (a, b)]
    codes = [p.wait(timeout=300) for p in procs]
    errors = [p.stderr.read().decode() for p in procs if p.stderr]
    assert codes in ([0, 0], [0, 1], [1, 0], [1, 1]), errors
    assert not any("历史记录" in e for e in errors), errors
    with History(db) as h:
        assert h.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert h.count_checks() == 50
        assert len(h.units()) == 50


def test_processes_creating_one_new_history_at_once(tmp_path):
    """Seen as 'database is locked' or 'not fazhi's history' from one of two
    `fazhi check --history` runs starting together on a new file."""

    code = "import sys\nfrom fazhi.season.history import History\nwith History(sys.argv[1]) as h:\n    print(h.schema_version)"
    for round_ in range(8):
        db = tmp_path / f"h{round_}.db"
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
        outs = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err.decode() for _, err in outs]
