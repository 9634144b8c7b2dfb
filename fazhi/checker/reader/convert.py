"""`--convert`: legacy .doc/.wps/.rtf/.odt → .docx with LibreOffice, if installed.

The input is only read; the converted copy goes into the caller's `tmpdir`
(which the caller removes). LibreOffice runs with its own throwaway profile so
a running instance or a locked profile cannot make it hang."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from fazhi.errors import InputError

TIMEOUT_S = 60
_CANDIDATES = ("soffice", "libreoffice")


def find_office() -> str | None:
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(cmd: list[str], timeout: float) -> None:
    """Run in its own process group so a timeout kills soffice.bin too."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.wait()
        raise


def convert_to_docx(path: str | Path, tmpdir: str | Path, timeout: float = TIMEOUT_S) -> Path:
    """Convert `path` to .docx inside `tmpdir` and return the new file.
    Raises InputError when LibreOffice is missing, fails or times out."""
    path, tmpdir = Path(path), Path(tmpdir)
    office = find_office()
    if office is None:
        raise InputError(str(path), "转换需要 LibreOffice（soffice），本机未安装；请安装 LibreOffice，或在 Word/WPS 中“另存为” .docx 后再检查")
    if not path.is_file():
        raise InputError(str(path), "文件不存在，请检查路径")
    outdir = Path(tempfile.mkdtemp(prefix="convert-", dir=tmpdir))
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=tmpdir))
    cmd = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "docx", "--outdir", str(outdir), str(path)]
    try:
        _run(cmd, timeout)
    except subprocess.TimeoutExpired:
        raise InputError(str(path), f"LibreOffice 转换超时（{int(timeout)} 秒），文件可能已损坏；请在 Word/WPS 中“另存为” .docx 后再检查") from None
    except OSError as exc:
        raise InputError(str(path), f"无法启动 LibreOffice（{exc.strerror or type(exc).__name__}）；请在 Word/WPS 中“另存为” .docx 后再检查") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (path.stem + ".docx")
    if not out.is_file() or out.stat().st_size == 0:
        raise InputError(str(path), "LibreOffice 无法转换此文件（可能已加密或损坏）；请在 Word/WPS 中打开后“另存为” .docx 再检查")
    return out
