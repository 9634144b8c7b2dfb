"""Only regular files are opened: FIFOs, sockets and devices are refused without
being opened (a FIFO would block forever); symbolic link loops and dangling
links are one line each; the rest of the batch is checked."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.checker.reader import read_document
from fazhi.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "fixtures" / "e_clean_report.txt"


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "\n" not in info.value.reason
    return info.value.reason


def test_fifo_is_refused_without_opening(tmp_path):
    fifo = tmp_path / "x.docx"
    os.mkfifo(fifo)
    assert "命名管道" in refusal(fifo)  # an open() would block here forever


def test_socket_and_device(tmp_path):
    assert "设备文件" in refusal(Path("/dev/null"))
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        assert "套接字" in refusal(sock_path)


def test_symlink_loop_and_dangling_link(tmp_path):
    loop = tmp_path / "loop.docx"
    loop.symlink_to(loop)
    assert "循环" in refusal(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    assert "链接" in refusal(dangling)


def test_folder_of_bad_special_files_one_line_each(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(CLEAN, folder / "good.txt")
    os.mkfifo(folder / "fifo.docx")
    (folder / "loop.docx").symlink_to(folder / "loop.docx")
    (folder / "a-loop.txt").symlink_to(folder / "b-loop.txt")
    (folder / "b-loop.txt").symlink_to(folder / "a-loop.txt")
    unreadable = folder / "secret.docx"
    unreadable.write_bytes(b"\x00\x01 not a docx" * 10)  # refused even when run as root
    unreadable.chmod(0)
    # a real process: a blocking open of the FIFO would hang here (the timeout fails the test)
    result = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", str(folder), "-f", "json", "--jobs", "1"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    bad = ["fifo.docx", "loop.docx", "a-loop.txt", "b-loop.txt", "secret.docx"]
    for name in bad:
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert len(lines) == len(bad)
    assert '"good.txt"' in result.stdout or "good.txt" in result.stdout
    assert '"score"' in result.stdout
