"""`fazhi serve` memory under concurrent downloads of one heavy upload: a small
report with a 157 MB header part (16 MB .docx) is checked through the page,
then its annotated copy is downloaded by 3 clients at once. Prints the
server's resident memory (VmRSS) and peak (VmHWM) in MB at each step.

    python benchmarks/hostile_web.py                 # this checkout
    python benchmarks/hostile_web.py /tmp/old-fazhi  # another checkout (PYTHONPATH)
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import crafted  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid: int) -> tuple[int, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    field = lambda key: int(re.search(rf"{key}:\s+(\d+)", status).group(1)) // 1024  # noqa: E731
    return field("VmRSS"), field("VmHWM")


def main() -> None:
    tree = sys.argv[1] if len(sys.argv) > 1 else None
    env = dict(os.environ, **({"PYTHONPATH": tree} if tree else {}))
    with tempfile.TemporaryDirectory() as tmp:
        source = crafted.big_header(Path(tmp) / "h.docx", 157)
        port = free_port()
        code = "import sys; from fazhi.cli import main; sys.argv[0] = 'fazhi'; main()"
        proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    httpx.get(base + "/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            print("idle (RSS, peak MB)", memory(proc.pid))
            start = time.perf_counter()
            page = httpx.post(base + "/check", files={"files": ("h.docx", source.read_bytes())}, timeout=300)
            token = re.search(r"/download/([\w-]+)", page.text).group(1)
            print(f"checked: HTTP {page.status_code} in {time.perf_counter() - start:.2f} s", memory(proc.pid))
            codes: list[int] = []
            clients = [threading.Thread(target=lambda: codes.append(httpx.get(f"{base}/download/{token}", timeout=600).status_code)) for _ in range(3)]
            start = time.perf_counter()
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            print(f"3 concurrent downloads {codes} in {time.perf_counter() - start:.2f} s", memory(proc.pid))
            time.sleep(2)
            print("2 s later", memory(proc.pid))
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
