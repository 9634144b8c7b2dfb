"""Usage errors are one Chinese line with exit code 2, never a traceback."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args,words", [
    (["check"], "缺少参数"),
    (["check", "--bogus", "x"], "没有选项 --bogus"),
    (["chek"], "没有命令“chek”"),
    (["check", "--jobs", "abc", "seeds"], "--jobs 的值无效"),
    (["check", "--min-score", "x", "seeds"], "应为数字"),
])
def test_usage_errors(args, words):
    p = subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True)
    assert p.returncode == 2
    assert words in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_version_fast_path():
    p = subprocess.run([sys.executable, "-m", "fazhi", "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.startswith("fazhi ")
