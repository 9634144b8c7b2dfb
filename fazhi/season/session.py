"""What `--history` and `--baseline` add to one run of `fazhi check` / `fazhi ci`
(and to the web page): fingerprints on every finding, reviewers' decisions
honoured, each check recorded as soon as it is done, and after the batch the
copying check and the changes since each unit's previous version."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from fazhi.season.fingerprint import stamp, unit_of


def apply_decisions(report, decisions: dict[str, dict], profile, findings=None) -> list:
    """Set aside the findings a reviewer dismissed for this unit (kept in
    `report.extra["dismissed"]`, not counted), mark the confirmed ones, rescore.
    Returns the dismissed findings."""
    from fazhi.checker.engine import rescore

    dismissed, kept = [], []
    for f in report.findings:
        decision = decisions.get(f.extra.get("fingerprint", "")) if findings is None or f in findings else None
        if decision and decision["decision"] == "dismissed":
            f.extra.update(decision=decision["decision"], reason=decision["reason"], note=decision["note"])
            dismissed.append(f)
            continue
        if decision:
            f.extra.update(decision="confirmed", note=decision["note"])
        kept.append(f)
    if dismissed:
        report.findings = kept
        report.extra.setdefault("dismissed", []).extend(f.to_dict() for f in dismissed)
        rescore(report, profile)
    return dismissed


class Season:
    """One run's history file (optional)."""

    def __init__(self, profile, history_path: Path | None = None, *, fingerprints: bool = False):
        self.profile = profile
        self.fingerprints = fingerprints or history_path is not None  # off: the JSON stays as the contract shows it
        self.history = None
        self.check_ids: dict[int, int] = {}  # id(report) → check id
        if history_path is not None:
            from fazhi.season.history import History

            self.history = History(history_path)  # InputError for a bad file: the caller stops with exit 2

    def _failed(self, exc: Exception) -> None:
        print(f"fazhi: {self.history.path if self.history else ''}: 写入历史记录失败（{exc}），本次其余检查不再记录", file=sys.stderr)
        if self.history is not None:
            self.history.close()
        self.history = None

    def on_report(self, report, digest: str | None = None) -> None:
        """Called for each report as soon as it is checked. `digest`: the file's
        hash when `report.file` is not the file read (a web upload)."""
        if self.fingerprints:
            stamp(report)
        if self.history is None:
            return
        from fazhi.season.history import file_hash

        try:
            unit = unit_of(report)
            dismissed = apply_decisions(report, self.history.decisions(unit), self.profile)
            self.check_ids[id(report)] = self.history.record(
                report, unit=unit, digest=digest or file_hash(report.file), dismissed=dismissed
            )
        except sqlite3.Error as exc:
            self._failed(exc)

    def after_batch(self, reports: list, *, many: bool, copies=None) -> None:
        """Copying between the reports, then each unit's changes since its previous version.
        `copies`: the reports' copying sketches when the batch kept them (fazhi.batch, `compact`)."""
        from fazhi.season.copying import copy_findings

        new: dict[int, list] = {}  # report's place → the findings the copying check added
        if many and len(reports) > 1:
            copy_findings(reports, self.profile, copies, added=new)
        if not self.fingerprints and self.history is None:
            return  # nothing more to do per report (a batch of thousands need not be walked)
        for i, report in enumerate(reports):
            mine = {id(f) for f in new.get(i, ())}
            added = [f for f in report.findings if id(f) in mine]
            if added and self.fingerprints:
                stamp(report)
            if self.history is None:
                continue
            try:
                check_id = self.check_ids.get(id(report))
                if check_id is None:
                    continue
                if added:
                    apply_decisions(report, self.history.decisions(unit_of(report)), self.profile, findings=added)
                    self.history.add_findings(check_id, [f for f in added if f in report.findings])
                    self.history.update_score(check_id, report)
                report.extra["history"] = self.history.changes(check_id).to_dict()
            except sqlite3.Error as exc:
                self._failed(exc)

    def close(self) -> None:
        if self.history is not None:
            self.history.close()


def after_upload(checked: list[tuple], profile, history_path: Path | None) -> None:
    """The web page's batch: `checked` are (report, stored file) of the uploads
    that could be checked, while the stored files exist. Copying between them,
    then the history (a history file that cannot be opened is logged, not fatal)."""
    import logging

    from fazhi.errors import InputError
    from fazhi.season.history import file_hash

    reports = [r for r, _ in checked]
    try:
        season = Season(profile, history_path)
    except InputError as exc:
        logging.getLogger("fazhi.web").error("history not recorded: %s", exc.one_line())
        season = Season(profile)
    try:
        if season.history is not None:
            digests = {id(r): file_hash(stored) for r, stored in checked}
            for report in reports:
                season.on_report(report, digest=digests[id(report)])
        season.after_batch(reports, many=len(reports) > 1)
    finally:
        season.close()
