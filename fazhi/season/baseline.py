"""A CI baseline (`fazhi ci --baseline FILE`), like a SARIF baseline: the findings
accepted so far, by file and fingerprint. With a baseline only new findings fail
the run; every finding says `"baseline": "new"` or `"unchanged"` in the JSON.

File (JSON): {"fazhi_baseline": 1, "files": {"reports/岘山镇.docx": ["3f2a…", …]}}
Paths are as `fazhi` shows them (relative to the working folder)."""

from __future__ import annotations

import json
from pathlib import Path

from fazhi.errors import InputError

FORMAT = 1


def _key(report) -> str:
    from fazhi.formatters import display_path

    return display_path(report.file)


def load(path: Path) -> dict[str, set[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("fazhi_baseline") != FORMAT or not isinstance(data.get("files"), dict):
            raise ValueError
        return {k: set(v) for k, v in data["files"].items()}
    except FileNotFoundError:
        raise InputError(str(path), "基线文件不存在；先用 --write-baseline 写出基线") from None
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(str(path), f"不是 fazhi 的基线文件（{type(exc).__name__}），请用 --write-baseline 重新写出") from None


def write(path: Path, reports) -> int:
    """Write the baseline of these reports; returns the number of findings in it."""
    files = {_key(r): sorted({f.extra["fingerprint"] for f in r.findings if "fingerprint" in f.extra}) for r in reports}
    text = json.dumps({"fazhi_baseline": FORMAT, "files": files}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(str(path), f"无法写出基线文件（{exc.strerror or exc}），请检查路径和权限") from None
    return sum(len(v) for v in files.values())


def mark(reports, baseline: dict[str, set[str]]) -> None:
    for r in reports:
        known = baseline.get(_key(r), set())
        for f in r.findings:
            f.extra["baseline"] = "unchanged" if f.extra.get("fingerprint") in known else "new"


def failing(fail_on: str):
    """Only new findings fail: an error (or with fail_on=warning, a warning) not in the baseline."""
    severities = {"never": set(), "warning": {"error", "warning"}}.get(fail_on, {"error"})
    return lambda r: any(f.severity in severities and f.extra.get("baseline") == "new" for f in r.findings)
