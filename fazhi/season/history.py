"""History of checks in SQLite (`--history FILE`): versions, scores, findings with
stable fingerprints, and reviewers' decisions.

- One file, WAL journal (readers never block the writer; a killed process leaves
  every committed check intact), `busy_timeout` so two processes writing at once
  wait for each other instead of failing; one transaction per check.
- Schema version in `PRAGMA user_version`; `MIGRATIONS[n]` brings a file from
  version n to n+1, each in its own transaction. A file written by a newer fazhi
  is refused with a one-line message, never changed.
- A unit is the entity (else the file name); a version is a distinct file content
  (sha256) of the unit's report for one year: checking the same file again is
  recorded, but is the same version."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fazhi.errors import InputError

MIGRATIONS = [
    # 0 → 1: checks and their findings
    """
    CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        entity TEXT,
        year INTEGER,
        file TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        profile TEXT NOT NULL,
        score REAL NOT NULL,
        grade TEXT NOT NULL,
        passed INTEGER NOT NULL,
        version INTEGER NOT NULL,
        checked_at TEXT NOT NULL
    );
    CREATE INDEX checks_by_unit ON checks (unit, year, id);
    CREATE TABLE findings (
        check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        part TEXT,
        paragraph INTEGER,
        evidence TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (check_id, fingerprint)
    );
    """,
    # 1 → 2: reviewers' decisions, the layout score, dismissed findings kept apart
    """
    CREATE TABLE decisions (
        unit TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('dismissed', 'confirmed')),
        reason TEXT,
        note TEXT NOT NULL DEFAULT '',
        rule TEXT,
        evidence TEXT,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (unit, fingerprint)
    );
    ALTER TABLE checks ADD COLUMN layout_score REAL;
    ALTER TABLE findings ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DISMISS_REASONS = ("误报", "已核实无误")


@dataclass
class Version:
    check_id: int
    version: int
    year: int | None
    file: str
    score: float
    grade: str
    passed: bool
    checked_at: str
    findings: int


@dataclass
class Changes:
    """What changed since the unit's previous version."""

    version: int
    previous: int | None = None
    fixed: int = 0
    new: int = 0
    remaining: int = 0
    previous_score: float | None = None

    def summary(self) -> str:
        if self.previous is None:
            return f"第{self.version}稿（首次提交）"
        return f"第{self.version}稿：已改 {self.fixed} 处，新增 {self.new} 处，仍有 {self.remaining} 处"

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "previous": self.previous,
            "fixed": self.fixed,
            "new": self.new,
            "remaining": self.remaining,
            "previous_score": self.previous_score,
            "summary": self.summary(),
        }


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 16), b""):
                h.update(block)
    except OSError:
        h.update(str(path).encode("utf-8"))  # a web upload or a vanished file: the name stands in
    return h.hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


FOREIGN = "该 SQLite 文件不是 fazhi 的历史记录，请换一个文件名"


class History:
    """An open history file. Use as a context manager or call close()."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                raise InputError(str(self.path), "历史记录文件所在的文件夹不存在，请先创建文件夹或换一个路径")
            self._open_settled()
        except sqlite3.DatabaseError as exc:
            raise InputError(str(self.path), f"不是可用的历史记录文件（{exc}），请换一个文件名，或删除该文件后重建") from None

    def _open_settled(self) -> None:
        """Open, switch to WAL and migrate. Two processes creating the same new
        file at once can catch it half-made: switching the journal mode does not
        wait for a lock (busy_timeout does not apply), and the other's first
        tables can be seen before its schema version. Both pass within
        milliseconds, so the whole opening is tried again for a while before
        either is reported."""
        import time

        deadline = time.monotonic() + 30
        foreign_until = time.monotonic() + 1  # a real foreign SQLite file is reported after 1 s
        while True:
            self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            try:
                self.db.execute("PRAGMA busy_timeout = 30000")
                self._check_file()
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.execute("PRAGMA foreign_keys = ON")
                self._migrate()
                return
            except (sqlite3.OperationalError, InputError) as exc:
                self.db.close()
                now = time.monotonic()
                transient = (
                    now < foreign_until if isinstance(exc, InputError) and FOREIGN in exc.reason
                    else isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc) and now < deadline
                )
                if not transient:
                    raise
                time.sleep(0.05)

    def _check_file(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(str(self.path), f"历史记录文件由更新版本的 fazhi 创建（结构版本 {version}），请升级 fazhi 后再用")
        if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(str(self.path), FOREIGN)

    def _migrate(self) -> None:
        while True:
            with self.transaction():
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    return
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE: take the write lock at once, so two writers queue
        (busy_timeout) instead of failing halfway."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------ recording

    def record(self, report, *, unit: str, digest: str, dismissed: list | None = None) -> int:
        """Record one check: the report's findings (fingerprints in `extra`) and the
        findings set aside by decisions. Returns the check id."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT version FROM checks WHERE unit = ? AND year IS ? AND file_hash = ? ORDER BY id DESC LIMIT 1",
                (unit, report.year, digest),
            ).fetchone()
            if row is not None:
                version = row[0]
            else:
                last = db.execute("SELECT max(version) FROM checks WHERE unit = ? AND year IS ?", (unit, report.year)).fetchone()[0]
                version = (last or 0) + 1
            layout = report.extra.get("layout") if isinstance(report.extra.get("layout"), dict) else None
            cur = db.execute(
                "INSERT INTO checks (unit, entity, year, file, file_hash, profile, score, grade, passed, version, checked_at, layout_score)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (unit, report.entity, report.year, str(report.file), digest, report.profile, report.score, report.grade,
                 int(report.passed), version, _now(), layout.get("score") if layout else None),
            )  # fmt: skip
            check_id = int(cur.lastrowid or 0)
            self._insert_findings(check_id, report.findings, dismissed=False)
            self._insert_findings(check_id, dismissed or [], dismissed=True)
        return check_id

    def _insert_findings(self, check_id: int, findings, *, dismissed: bool) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO findings (check_id, fingerprint, rule, severity, part, paragraph, evidence, message, dismissed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (check_id, f.extra["fingerprint"], f.rule, f.severity, f.part, f.paragraph, f.evidence or "", f.message, int(dismissed))
                for f in findings
                if "fingerprint" in f.extra
            ],
        )

    def add_findings(self, check_id: int, findings) -> None:
        """Findings added after the check was recorded (copying within the batch)."""
        with self.transaction():
            self._insert_findings(check_id, findings, dismissed=False)

    def update_score(self, check_id: int, report) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE checks SET score = ?, grade = ?, passed = ? WHERE id = ?",
                (report.score, report.grade, int(report.passed), check_id),
            )

    # ------------------------------------------------------------ reading

    def changes(self, check_id: int) -> Changes:
        """This check against the unit's previous version (same unit and year,
        an earlier different file)."""
        unit, year, version = self.db.execute("SELECT unit, year, version FROM checks WHERE id = ?", (check_id,)).fetchone()
        result = Changes(version=version)
        prev = self.db.execute(
            "SELECT id, version, score FROM checks WHERE unit = ? AND year IS ? AND version < ? ORDER BY version DESC, id DESC LIMIT 1",
            (unit, year, version),
        ).fetchone()
        if prev is None:
            return result
        before, after = self._fingerprints(prev[0]), self._fingerprints(check_id)
        before_live, after_live = before - self._fingerprints(prev[0], dismissed=True), after - self._fingerprints(check_id, dismissed=True)
        result.previous, result.previous_score = prev[1], prev[2]
        # A finding dismissed since is neither fixed nor still there: it is no longer counted.
        result.fixed = len(before_live - after)
        result.new = len(after_live - before)
        result.remaining = len(before_live & after_live)
        return result

    def _fingerprints(self, check_id: int, dismissed: bool | None = None) -> set[str]:
        query = "SELECT fingerprint FROM findings WHERE check_id = ?" + ("" if dismissed is None else f" AND dismissed = {int(dismissed)}")
        return {r[0] for r in self.db.execute(query, (check_id,))}

    def units(self) -> list[tuple[str, int, int, float]]:
        """(unit, number of versions, last year, last score) of every unit."""
        rows = self.db.execute(
            "SELECT unit, count(DISTINCT coalesce(year, 0) || '/' || version), max(year), "
            "(SELECT score FROM checks c2 WHERE c2.unit = c.unit ORDER BY id DESC LIMIT 1) FROM checks c GROUP BY unit ORDER BY unit"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def versions(self, unit: str) -> list[Version]:
        """The unit's checks, latest per version, oldest first."""
        rows = self.db.execute(
            "SELECT c.id, c.version, c.year, c.file, c.score, c.grade, c.passed, c.checked_at,"
            " (SELECT count(*) FROM findings f WHERE f.check_id = c.id AND f.dismissed = 0)"
            " FROM checks c WHERE c.unit = ? AND c.id = (SELECT max(id) FROM checks c2 WHERE c2.unit = c.unit"
            " AND c2.year IS c.year AND c2.version = c.version) ORDER BY c.year, c.version",
            (unit,),
        )
        return [Version(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8]) for r in rows]

    def findings(self, check_id: int) -> list[dict]:
        rows = self.db.execute(
            "SELECT f.fingerprint, f.rule, f.severity, f.part, f.paragraph, f.evidence, f.message, f.dismissed, d.decision, d.reason, d.note"
            " FROM findings f JOIN checks c ON c.id = f.check_id LEFT JOIN decisions d ON d.unit = c.unit AND d.fingerprint = f.fingerprint"
            " WHERE f.check_id = ? ORDER BY f.paragraph, f.rule",
            (check_id,),
        )
        keys = ("fingerprint", "rule", "severity", "part", "paragraph", "evidence", "message", "dismissed", "decision", "reason", "note")
        return [dict(zip(keys, r)) for r in rows]

    def count_checks(self) -> int:
        return self.db.execute("SELECT count(*) FROM checks").fetchone()[0]

    # ------------------------------------------------------------ decisions

    def decide(self, unit: str, fingerprint: str, decision: str, reason: str | None = None, note: str = "") -> dict:
        """Store a reviewer's decision on a finding of the unit. Raises ValueError
        (Chinese message) when the unit has no such finding or the reason is unknown."""
        if decision == "dismissed" and reason not in DISMISS_REASONS:
            raise ValueError(f"排除一条意见须说明理由：{'或'.join(DISMISS_REASONS)}")
        row = self.db.execute(
            "SELECT f.rule, f.evidence FROM findings f JOIN checks c ON c.id = f.check_id"
            " WHERE c.unit = ? AND f.fingerprint LIKE ? || '%' ORDER BY c.id DESC LIMIT 1",
            (unit, fingerprint),
        ).fetchone()
        if row is None or len(fingerprint) < 6:
            raise ValueError(f"“{unit}”的检查记录中没有编号为 {fingerprint} 的意见（编号见 fazhi history {unit} --findings）")
        full = self.db.execute(
            "SELECT f.fingerprint FROM findings f JOIN checks c ON c.id = f.check_id WHERE c.unit = ? AND f.fingerprint LIKE ? || '%'"
            " GROUP BY f.fingerprint",
            (unit, fingerprint),
        ).fetchall()
        if len(full) > 1:
            raise ValueError(f"编号 {fingerprint} 对应多条意见，请写出完整编号")
        with self.transaction() as db:
            db.execute(
                "INSERT INTO decisions (unit, fingerprint, decision, reason, note, rule, evidence, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (unit, fingerprint) DO UPDATE SET decision = excluded.decision, reason = excluded.reason,"
                " note = excluded.note, decided_at = excluded.decided_at",
                (unit, full[0][0], decision, reason, note, row[0], row[1], _now()),
            )
        return {"unit": unit, "fingerprint": full[0][0], "decision": decision, "reason": reason, "note": note, "rule": row[0]}

    def decisions(self, unit: str) -> dict[str, dict]:
        rows = self.db.execute("SELECT fingerprint, decision, reason, note FROM decisions WHERE unit = ?", (unit,))
        return {r[0]: {"decision": r[1], "reason": r[2], "note": r[3]} for r in rows}
