"""What the web app does with uploaded files, without any HTTP: save each one
under a generated name in a temporary folder, check it with the same functions
as `fazhi check`, make the annotated copy, optionally keep a copy, and delete
the folder. Original file names are only ever displayed, never used as paths."""

from __future__ import annotations

import json
import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fazhi.checker.report import Report
from fazhi.errors import InputError
from fazhi.web.cache import Download, DownloadCache, Pending
from fazhi.web.settings import Settings

if TYPE_CHECKING:
    from fazhi.web.isolation import CheckPool

log = logging.getLogger("fazhi.web")

DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
INTERNAL_ERROR = "检查该文件时程序内部出错（不是文件的问题），请把该文件发给维护者；其他文件不受影响"


@dataclass
class Incoming:
    """One uploaded file as the HTTP layer received it."""

    name: str  # as the browser sent it; display only
    stream: BinaryIO
    size: int | None = None


@dataclass
class FileResult:
    name: str  # display name
    report: Report | None = None
    error: str | None = None  # one-line Chinese reason
    download: str | None = None  # token of the annotated copy
    fix_download: str | None = None  # token of the copy with fixes as tracked changes
    format_download: str | None = None  # token of the re-laid-out copy (.docx only)

    def to_json(self) -> dict:
        if self.report is None:
            return {"file": self.name, "error": self.error}
        data = self.report.to_dict()
        data["file"] = self.name
        return data


@dataclass
class Batch:
    results: list[FileResult] = field(default_factory=list)

    @property
    def ranked(self) -> list[FileResult]:
        """Checked files, the one that most needs work first (`fazhi.batch.rank_key`, as the CLI)."""
        from fazhi.checker.report import rank_key

        checked = [(r, r.report) for r in self.results if r.report is not None]
        return [r for r, report in sorted(checked, key=lambda pair: rank_key(pair[1]))]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.report is None]


def display_name(raw: str | None) -> str:
    """The browser's file name reduced to its last component, printable, bounded."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:120] or "未命名文件"


def safe_suffix(name: str) -> str:
    """The extension the reader dispatches on, only if it is plain (".docx")."""
    suffix = Path(name).suffix.lower()
    return suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""


def annotated_name(name: str) -> str:
    return f"{Path(name).stem or '报告'}.批注.docx"  # as `fazhi check --annotate` names it


class Checker:
    """Checks uploads; holds the download cache shared by all requests."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.cache = DownloadCache(settings.cache_items, settings.cache_seconds, settings.cache_bytes)
        self._building = threading.BoundedSemaphore(max(1, settings.annotate_at_once))  # copies made at once
        self._token_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self.pool: CheckPool | None = None  # the check processes (`start`)

    def check(self, files: list[Incoming], profile, *, annotate: bool = True) -> Batch:
        """Check each file; with `annotate`, each checked file gets a download
        token for its annotated copy (made on first download)."""
        from fazhi.season.session import after_upload

        batch = Batch()
        keep_prefix = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
        offer = annotate and annotate_function() is not None
        checked: list[tuple[Report, Path]] = []
        stored_files: list[Path] = []
        with tempfile.TemporaryDirectory(prefix="fazhi-web-") as tmp:
            for i, incoming in enumerate(files, start=1):
                stored = Path(tmp) / f"upload-{i:03d}{safe_suffix(incoming.name)}"
                stored_files.append(stored)
                result = self._check_one(incoming, stored, profile)
                if offer and result.report is not None:
                    data = stored.read_bytes()
                    result.download = self.cache.put(Pending(result.name, stored.suffix, data, profile))
                    if any(f.fix for f in result.report.findings):
                        result.fix_download = self.cache.put(Pending(result.name, stored.suffix, data, profile, "fix"))
                    if stored.suffix == ".docx":
                        result.format_download = self.cache.put(Pending(result.name, stored.suffix, data, profile, "format"))
                batch.results.append(result)
                if result.report is not None:
                    checked.append((result.report, stored))
            after_upload(checked, profile, self.settings.history)  # copying between uploads; history
            if self.settings.keep is not None:
                for i, (result, stored) in enumerate(zip(batch.results, stored_files), start=1):
                    self._keep(result, stored, f"{keep_prefix}-{i:02d}")
        return batch

    def _check_one(self, incoming: Incoming, stored: Path, profile) -> FileResult:
        name = display_name(incoming.name)
        limit = self.settings.max_file_bytes
        if incoming.size is not None and incoming.size > limit:
            return FileResult(name, error=too_large(incoming.size, self.settings))
        with stored.open("wb") as out:
            shutil.copyfileobj(incoming.stream, out)
        if stored.stat().st_size > limit:
            return FileResult(name, error=too_large(stored.stat().st_size, self.settings))
        try:
            return FileResult(name, self._checked(stored, profile, name))
        except InputError as exc:
            return FileResult(name, error=exc.reason.replace(str(stored), name))
        except Exception:  # a bug in a rule must not take the other files down
            log.exception("internal error while checking %s", name)
            return FileResult(name, error=INTERNAL_ERROR)

    def _checked(self, stored: Path, profile, name: str) -> Report:
        """The report, within the per-file budget: in a worker process (a hard
        stop) when the server has workers, else in this thread (the ticks)."""
        if self.pool is not None:
            return self.pool.run(str(stored), _check, stored, profile, name)
        from fazhi.limits import file_budget

        with file_budget(stored, self.settings.limits):
            return _check(stored, profile, name)

    def start(self) -> None:
        """Fork the check processes (`Settings.workers`): at the server's start,
        after the profiles' data is loaded and before any request thread exists."""
        if self.settings.workers and self.pool is None:
            from fazhi.web.isolation import CheckPool

            self.pool = CheckPool(self.settings.workers, self.settings.limits)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def annotated(self, token: str) -> Download | None:
        """The annotated copy for `token`, made now if not made yet (annotating
        takes 2-4 times as long as checking, so a batch page does not wait for it).
        None when the token is unknown or expired; raises when annotating fails."""
        item = self.cache.get(token)
        if item is None or isinstance(item, Download):
            return item
        # one build per upload: concurrent clicks wait for it and get the cached copy;
        # at most `annotate_at_once` builds run at a time, so memory stays bounded
        with self._lock_for(token), self._building:
            item = self.cache.get(token)
            if item is None or isinstance(item, Download):
                return item
            download = self._build(item)
            self.cache.replace(token, download)
        with self._locks_lock:
            self._token_locks.pop(token, None)
        return download

    def _lock_for(self, token: str) -> threading.Lock:
        with self._locks_lock:
            return self._token_locks.setdefault(token, threading.Lock())

    def _build(self, item: Pending) -> Download:
        from fazhi.safe_output import guard_outputs

        with tempfile.TemporaryDirectory(prefix="fazhi-web-") as tmp:
            stored = Path(tmp) / f"upload{item.suffix}"
            stored.write_bytes(item.data)
            if item.kind == "fix":
                return fixed_copy(stored, item.profile, item.name)
            if item.kind == "format":
                return formatted_copy(stored, item.profile, item.name)
            out = Path(tmp) / "annotated.docx"
            guard_outputs([stored], [out])
            annotate_function()(_check(stored, item.profile, item.name), stored, out)
            return Download(annotated_name(item.name), DOCX_MEDIA, out.read_bytes())

    def derive(self, incoming: Incoming, profile, kind: str, as_json: bool = False) -> Download | dict:
        """The fixed ("fix") or re-laid-out ("format") copy of one upload, or
        with `as_json` the list of fixes; {"file", "error"} for a bad file."""
        name = display_name(incoming.name)
        with tempfile.TemporaryDirectory(prefix="fazhi-web-") as tmp:
            stored = Path(tmp) / f"upload{safe_suffix(incoming.name)}"
            with stored.open("wb") as out:
                shutil.copyfileobj(incoming.stream, out)
            if stored.stat().st_size > self.settings.max_file_bytes:
                return {"file": name, "error": too_large(stored.stat().st_size, self.settings)}
            if kind == "format" and stored.suffix != ".docx":
                return {"file": name, "error": "只能为 .docx 文件重新排版；.doc/.wps 请先另存为 .docx"}
            try:
                if kind == "fix" and as_json:
                    from fazhi.fixer import fix_file

                    return fix_file(stored, profile).to_dict() | {"file": name}
                return fixed_copy(stored, profile, name) if kind == "fix" else formatted_copy(stored, profile, name)
            except InputError as exc:
                return {"file": name, "error": exc.reason.replace(str(stored), name)}

    def _keep(self, result: FileResult, stored: Path, stem: str) -> None:
        keep = self.settings.keep
        if keep is None:
            return
        try:
            keep.mkdir(parents=True, exist_ok=True)
            if stored.exists() and stored.stat().st_size <= self.settings.max_file_bytes:
                shutil.copyfile(stored, keep / f"{stem}{stored.suffix}")
            (keep / f"{stem}.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
        except OSError:
            log.exception("could not keep a copy in %s", keep)


def _check(stored: Path, profile, name: str) -> Report:
    from fazhi.checker import check_path

    if profile.meta.published and not profile.meta.given_title:  # the stored name is generated: use the upload's
        meta = profile.meta.model_copy(update={"given_title": Path(name).stem})
        profile = profile.model_copy(update={"meta": meta})
    report = check_path(stored, profile)
    report.file = name
    return report


TEXT_MEDIA = {".md": "text/markdown; charset=utf-8", ".markdown": "text/markdown; charset=utf-8"}


def fixed_copy(stored: Path, profile, name: str) -> Download:
    """The upload with its certain fixes (`fazhi fix`): tracked changes in a
    .docx, a fixed copy of a .txt/.md (in its own encoding)."""
    from fazhi.fixer import fix_file, fixed_path

    result = fix_file(stored, profile)
    suffix = stored.suffix.lower()
    media = DOCX_MEDIA if suffix == ".docx" else TEXT_MEDIA.get(suffix, "text/plain")
    return Download(fixed_path(Path(name)).name, media, result.data or stored.read_bytes())


def formatted_copy(stored: Path, profile, name: str) -> Download:
    """The .docx upload re-laid-out to GB/T 9704 (`fazhi format`)."""
    from fazhi.fixer.relayout import formatted_path, relayout_checked

    return Download(formatted_path(Path(name)).name, DOCX_MEDIA, relayout_checked(stored, profile))


def too_large(size: int, settings: Settings) -> str:
    return f"文件大小 {size / (1024 * 1024):.1f} MB，超过每个文件 {settings.max_file_mb} MB 的上限，请删除或压缩文中的图片后再上传"


def annotate_function():
    """`fazhi.annotate.annotate(report, source_path, out_path)`: imported on first
    use (python-docx is heavy). A broken install fails loudly, never hides the link."""
    from fazhi.annotate import annotate

    return annotate
