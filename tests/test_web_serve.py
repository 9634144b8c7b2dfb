"""`fazhi serve` on the command line, and the download cache's bounds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from fazhi.cli.app import app
from fazhi.web.cache import Download, DownloadCache

runner = CliRunner()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(*args):
    return runner.invoke(app, ["serve", *args])


def test_without_fastapi_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi → ImportError
    result = serve("--port", str(free_port()))
    assert result.exit_code == 2
    assert "pip install 'fazhi[web]'" in result.output
    assert "Traceback" not in result.output


def test_unknown_profile_is_exit_2():
    result = serve("--profile", "no-such-profile", "--port", str(free_port()))
    assert result.exit_code == 2
    assert "找不到配置档" in result.output


def test_missing_config_file_is_exit_2(tmp_path):
    result = serve("--config", str(tmp_path / "fazhi.toml"), "--port", str(free_port()))
    assert result.exit_code == 2
    assert "配置文件不存在" in result.output


def test_busy_port_is_exit_2():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = serve("--port", str(port))
    assert result.exit_code == 2
    assert "已被占用" in result.output and "--port" in result.output


def test_keep_folder_that_cannot_be_written_is_exit_2(tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    result = serve("--keep", str(not_a_folder), "--port", str(free_port()))
    assert result.exit_code == 2
    assert "无法写入保存目录" in result.output


def test_serve_starts_on_localhost_and_prints_the_url(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--port", str(port), "--keep", str(tmp_path / "kept")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line and "浏览器" in line
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)
        assert r.json() == {"status": "ok"}
        with socket.socket() as s:  # bound to 127.0.0.1 only: not reachable on another local address
            s.settimeout(1)
            other = _non_loopback_address()
            if other:
                assert s.connect_ex((other, port)) != 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET, no packet is sent for UDP connect
            addr = s.getsockname()[0]
        except OSError:
            return None
    return None if addr.startswith("127.") else addr


# ---------------------------------------------------------------- cache


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def item(n: int = 10) -> Download:
    return Download("a.docx", "application/octet-stream", b"x" * n)


def test_cache_expires_items():
    clock = Clock()
    cache = DownloadCache(max_items=5, max_seconds=60, clock=clock)
    token = cache.put(item())
    assert cache.get(token).data == b"x" * 10
    clock.now = 61
    assert cache.get(token) is None and len(cache) == 0


def test_cache_drops_least_recently_used_first():
    cache = DownloadCache(max_items=2, max_seconds=60, clock=Clock())
    a, b = cache.put(item()), cache.put(item())
    cache.get(a)  # a is now more recent than b
    c = cache.put(item())
    assert cache.get(b) is None
    assert cache.get(a) is not None and cache.get(c) is not None


def test_cache_bounds_bytes():
    cache = DownloadCache(max_items=10, max_seconds=60, max_bytes=25, clock=Clock())
    a, b, c = cache.put(item()), cache.put(item()), cache.put(item())
    assert cache.get(a) is None and cache.get(b) and cache.get(c)
    assert cache.put(item(26)) is None  # larger than the whole cache: not stored


def test_cache_replace_keeps_the_expiry_and_counts_bytes():
    clock = Clock()
    cache = DownloadCache(max_items=5, max_seconds=60, max_bytes=100, clock=clock)
    token = cache.put(item(10))
    clock.now = 50
    cache.replace(token, item(90))
    other = cache.put(item(20))  # 110 bytes > 100: the least recently used goes
    assert cache.get(token) is None and cache.get(other) is not None
    token = cache.put(item(10))
    cache.replace(token, item(30))
    clock.now = 111  # 61 s after `token` was put
    assert cache.get(token) is None


def test_cache_tokens_are_unguessable():
    cache = DownloadCache()
    tokens = {cache.put(item(1)) for _ in range(20)}
    assert len(tokens) == 20 and all(len(t) >= 20 for t in tokens)
